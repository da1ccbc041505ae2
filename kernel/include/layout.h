/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/layout.h
 * @brief Constants that C, head.S and the linker script (kernel.lds.S) must agree on.
 *
 * Assembly-safe: under __ASSEMBLY__ (head.S, and the linker script, which
 * is run through the C preprocessor with it) numbers carry no C suffix.
 */
#ifndef PVMMU_LAYOUT_H
#define PVMMU_LAYOUT_H

#ifdef __ASSEMBLY__
#define _AC(x, suffix) x
#else
#define _AC(x, suffix) x##suffix
#endif

#define PAGE_SHIFT 12
#define PAGE_SIZE (_AC(1, UL) << PAGE_SHIFT)

/* Linux's __START_KERNEL_map: the image is linked here and Xen maps it here (VIRT_BASE). */
#define KERNEL_BASE _AC(0xffffffff80000000, UL)

/*
 * Every kernel stack, the boot stack included, is KSTACK_SIZE bytes and
 * aligned to its size: the backtrace finds the stack it walks by rounding
 * %rbp down to KSTACK_SIZE, so that a bad frame pointer cannot lead it
 * off the stack.
 */
#define KSTACK_SIZE _AC(16384, UL)

#ifndef __ASSEMBLY__
/** The stack start_kernel runs on (head.S). */
extern char boot_stack[], boot_stack_top[];
#endif

#endif
