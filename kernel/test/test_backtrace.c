/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_backtrace.c
 * @brief Hook deep_backtrace: a panic deep in the boot stack, whose trace must
 *        still reach start_kernel (tests/boot/18-backtrace-deep.sh).
 *
 * The backtrace bounds its walk by rounding %rbp down to KSTACK_SIZE.  A
 * boot stack aligned to less than its size straddles such a boundary, and
 * the walk from below it stops there.  12 KiB down crosses the boundary
 * whatever 4 KiB-aligned place the stack has.
 */
#include "kernel.h"
#include "ktest.h"
#include "layout.h"

#define DEPTH (KSTACK_SIZE * 3 / 4)

/* Returns only if it finds itself off the boot stack. */
static __attribute__((noinline)) void deep_frame(unsigned int n)
{
	/* 1 KiB a frame: deep enough within the backtrace's 32 frames. */
	char pad[1024];
	unsigned long rbp = (unsigned long)__builtin_frame_address(0);

	/* pad's address escapes: the compiler must give every frame all of it. */
	__asm__ volatile("" : : "r"(pad) : "memory");
	if (rbp < (unsigned long)boot_stack || rbp >= (unsigned long)boot_stack_top)
		return;
	if (rbp < (unsigned long)boot_stack_top - DEPTH)
		panic("test hook: backtrace from frame %u of deep_frame, %lu bytes down the boot stack",
		      n, (unsigned long)boot_stack_top - rbp);
	deep_frame(n + 1);
	__asm__ volatile("" : : "r"(pad) : "memory");	/* no tail call: every frame stays */
}

static void hook_deep_backtrace(void)
{
	deep_frame(0);
	panic("test hook: deep_backtrace does not run on the boot stack");
}
KTEST_HOOK("deep_backtrace", hook_deep_backtrace,
	   "recurse 12 KiB down the boot stack and panic: the backtrace must reach start_kernel");
