/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/arch/x86/spinlock.c
 * @brief The console lock printk takes (through its registered hook) so that vCPUs' lines do not mix.
 *
 * It may be taken again by the vCPU that holds it: printk prints the user
 * marker through printk, and a panic may strike while a line is half out.
 * Events are masked while it is held, since an event handler may print.
 */
#include "kernel.h"
#include "percpu.h"
#include "spinlock.h"

static spinlock_t console_spinlock = SPINLOCK_INIT;
static int console_owner = -1;	/* the holding vCPU's id */
static unsigned int console_depth;

unsigned long console_lock(void)
{
	unsigned long flags = irq_save();
	int me = (int)smp_processor_id();

	if (__atomic_load_n(&console_owner, __ATOMIC_RELAXED) != me) {
		spin_lock(&console_spinlock);
		__atomic_store_n(&console_owner, me, __ATOMIC_RELAXED);
	}
	console_depth++;
	return flags;
}

void console_unlock(unsigned long flags)
{
	if (--console_depth == 0) {
		__atomic_store_n(&console_owner, -1, __ATOMIC_RELAXED);
		spin_unlock(&console_spinlock);
	}
	irq_restore(flags);
}
