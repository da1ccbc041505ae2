/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/arch/x86/thread.c
 * @brief Per-process x87/SSE state and data segment selectors, switched eagerly.
 *
 * The kernel itself never touches x87 or SSE registers (it is built with
 * -mno-sse), and Xen keeps a PV vCPU's FPU state across its own vCPU
 * switches.  So the registers the CPU holds while the kernel runs are
 * always the current process's: FXSAVE them into the process at a switch and
 * FXRSTOR the next one's.  CR0.TS (Xen's fpu_taskswitch) stays clear: no
 * #NM, no lazy owner to track.
 */
#include <string.h>
#include "hypercall.h"
#include "thread.h"

#define FXSAVE_FCW 0		/* x87 control word */
#define FXSAVE_MXCSR 24
#define FCW_DEFAULT 0x037f	/* as after FNINIT: every x87 exception masked, 64-bit precision */
#define MXCSR_DEFAULT 0x1f80	/* as after reset: every SIMD exception masked */
#define CPUID1_ECX_OSXSAVE (1U << 27)
#define CPUID1_EDX_FXSR (1U << 24)
#define XCR0_X87_SSE 0x3UL	/* the components an FXSAVE image holds */

void thread_state_check(void)
{
	unsigned int eax = 1, ebx, ecx = 0, edx;
	unsigned long xcr0 = XCR0_X87_SSE;

	asm volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
	if (!(edx & CPUID1_EDX_FXSR))
		panic("thread: the CPU has no FXSAVE (cpuid 1 edx %#x)", edx);
	if (ecx & CPUID1_ECX_OSXSAVE) {
		unsigned int lo, hi;

		asm volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
		xcr0 = lo | (unsigned long)hi << 32;
	}
	/* Xen gives a PV guest XCR0 = x87|SSE until it asks for more; this kernel never does. */
	if (xcr0 & ~XCR0_X87_SSE)
		panic("thread: XCR0 %#lx enables state FXSAVE does not switch", xcr0);
	printk("thread: x87/SSE state (FXSAVE, XCR0 %#lx) and segment selectors switched eagerly per process\n",
	       xcr0);
}

void thread_state_init(struct thread_state *t)
{
	uint16_t fcw = FCW_DEFAULT;
	uint32_t mxcsr = MXCSR_DEFAULT;

	memset(t, 0, sizeof(*t));
	memcpy(&t->fxsave[FXSAVE_FCW], &fcw, sizeof(fcw));
	memcpy(&t->fxsave[FXSAVE_MXCSR], &mxcsr, sizeof(mxcsr));
}

void thread_state_save(struct thread_state *t)
{
	/* FXSAVE does not raise a pending x87 exception: it travels with its process. */
	asm volatile("fxsave64 %0" : "=m"(t->fxsave));
	asm volatile("mov %%ds, %0; mov %%es, %1; mov %%fs, %2; mov %%gs, %3"
		     : "=r"(t->ds), "=r"(t->es), "=r"(t->fs), "=r"(t->gs));
}

/*
 * Load only the selectors that differ from the live ones (usually none).
 * %gs goes through Xen: in kernel mode the hardware %gs base is the kernel's,
 * and the user one sits behind Xen's swapgs.
 */
static void load_segments(const struct thread_state *t)
{
	uint16_t ds, es, fs, gs;
	long rc;

	asm volatile("mov %%ds, %0; mov %%es, %1; mov %%fs, %2; mov %%gs, %3"
		     : "=r"(ds), "=r"(es), "=r"(fs), "=r"(gs));
	if (ds != t->ds)
		asm volatile("mov %0, %%ds" ::"r"(t->ds));
	if (es != t->es)
		asm volatile("mov %0, %%es" ::"r"(t->es));
	if (fs != t->fs)
		asm volatile("mov %0, %%fs" ::"r"(t->fs));
	if (gs == t->gs)
		return;
	rc = hypercall(__HYPERVISOR_set_segment_base, SEGBASE_GS_USER_SEL, t->gs);
	if (rc)
		panic("set_segment_base(SEGBASE_GS_USER_SEL, %#x) failed: %ld", t->gs, rc);
}

void thread_state_load(const struct thread_state *t)
{
	asm volatile("fxrstor64 %0" ::"m"(t->fxsave));
	load_segments(t);
}

void thread_state_switch(struct thread_state *prev, const struct thread_state *next)
{
	if (prev)
		thread_state_save(prev);
	if (next)
		thread_state_load(next);
}
