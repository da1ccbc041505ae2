/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/lib/panic.c
 * @brief panic() and the frame-pointer backtrace.
 *
 * The panic line uses Linux's wording, "Kernel panic - not syncing:", which
 * the runner recognises; backtrace lines carry bare addresses in `[<...>]`
 * and the runner appends function names from the kernel's symbol table.
 * It ends through the halt hook a layer above registers (xen_crash for dom0),
 * which ends the whole domain: every vCPU stops with it.  The first vCPU to
 * panic reports; a later one waits for the halt (a cpu hook tells them apart).
 */
#include <stdarg.h>
#include "kernel.h"
#include "layout.h"

#define MAX_FRAMES 32

static void (*halt_hook)(void);
static unsigned int (*cpu_id)(void);

void panic_register_halt(void (*halt)(void))
{
	halt_hook = halt;
}

void panic_register_cpu(unsigned int (*id)(void))
{
	cpu_id = id;
}

static void __noreturn halt(void)
{
	if (halt_hook)
		halt_hook();
	for (;;)
		asm volatile("pause");
}

void backtrace(unsigned long rip, unsigned long rbp)
{
	unsigned long lo = ALIGN_DOWN(rbp, KSTACK_SIZE), hi = lo + KSTACK_SIZE;

	printk("  [<%016lx>]\n", rip);
	/* Walk only inside the stack we started on: a bad %rbp must not fault here. */
	for (int i = 0; i < MAX_FRAMES && rbp >= lo && rbp + 16 <= hi && !(rbp & 7); i++) {
		const unsigned long *frame = (const unsigned long *)rbp;

		if (!frame[1])
			break;
		printk("  [<%016lx>]\n", frame[1]);
		if (frame[0] <= rbp)
			break;
		rbp = frame[0];
	}
}

static void __noreturn vpanic_at(unsigned long rip, unsigned long rbp, const char *fmt,
				  va_list ap)
{
	static int panic_cpu = -1;
	int me = cpu_id ? (int)cpu_id() : 0, first = -1;

	if (!__atomic_compare_exchange_n(&panic_cpu, &first, me, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE)) {
		/* A panic inside panic (a fault while printing, say): just stop. */
		if (first == me)
			halt();
		/* Another vCPU is reporting its panic: let it finish; its halt ends us too. */
		for (;;)
			asm volatile("pause");
	}
	if (cpu_id)
		printk("panic: on vCPU %d; the domain ends with it, every vCPU with it\n", me);
	printk("Kernel panic - not syncing: ");
	vprintk(fmt, ap);
	printk("\nCall trace:\n");
	backtrace(rip, rbp);
	halt();
}

void panic_at(unsigned long rip, unsigned long rbp, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic_at(rip, rbp, fmt, ap);
}

void panic(const char *fmt, ...)
{
	/* Start the trace in our caller: panic's own frame tells nothing. */
	unsigned long caller_rbp = *(const unsigned long *)__builtin_frame_address(0);
	va_list ap;

	va_start(ap, fmt);
	vpanic_at((unsigned long)__builtin_return_address(0), caller_rbp, fmt, ap);
}
