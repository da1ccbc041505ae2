/* SPDX-License-Identifier: MIT */
/**
 * @file user/include/fpu_regs.h
 * @brief The FPU's reset values and the SSE register loads and stores that
 *        t_fpu and fpu_clean share (user programs are built -mno-sse: all by asm).
 */
#ifndef PVMMU_FPU_REGS_H
#define PVMMU_FPU_REGS_H

#define MXCSR_DEFAULT 0x1f80
#define FCW_DEFAULT 0x037f

#define XMM_ALL(op) op(0) op(1) op(2) op(3) op(4) op(5) op(6) op(7) \
	op(8) op(9) op(10) op(11) op(12) op(13) op(14) op(15)
#define XMM_LOAD(n) "movdqu " #n "*16(%0), %%xmm" #n "\n\t"
#define XMM_STORE(n) "movdqu %%xmm" #n ", " #n "*16(%0)\n\t"

#endif
