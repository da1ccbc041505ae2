/* SPDX-License-Identifier: MIT */
/**
 * @file user/fpu_clean.c
 * @brief Exits 0 if it starts with the reset FPU state: t_fpu's
 *        user.fpu.exec_resets execs it with its own registers dirty.
 */
#include "fpu_regs.h"
#include "ulib.h"

int main(void)
{
	uint64_t xmm[16][2];
	uint32_t mxcsr;
	uint16_t fcw, fs, fsw;

	asm volatile(XMM_ALL(XMM_STORE) ::"r"(xmm) : "memory");
	asm volatile("stmxcsr %0; fnstcw %1; fnstsw %2" : "=m"(mxcsr), "=m"(fcw), "=m"(fsw));
	asm volatile("movw %%fs, %0" : "=r"(fs));
	for (int i = 0; i < 16; i++)
		if (xmm[i][0] || xmm[i][1])
			return 6;
	/* fsw: no exception pending, stack top 0 (nothing pushed). */
	return mxcsr == MXCSR_DEFAULT && fcw == FCW_DEFAULT && fs == 0 && fsw == 0 ? 0 : 7;
}
