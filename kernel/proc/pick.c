/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/pick.c
 * @brief The run queue's choice: which process a vCPU runs next (pure, for host tests too).
 *
 * The process table is the run queue of every vCPU (docs/smp.md), so the
 * choice is a walk over it from one shared round-robin cursor.  The caller
 * holds the table lock; nothing here touches Xen or the current vCPU.
 */
#include "proc.h"
#include "sched.h"

/*
 * A process another vCPU ran last moves here only once it has waited this
 * long: a fork's child, say, is usually run by its parent's vCPU as soon as
 * the parent waits.  Moving it sooner buys no parallelism and costs, under
 * emulation, a great deal: Xen flushes the TLBs of every physical CPU the
 * domain has run on.  Processes that really run side by side still spread
 * within a time slice.
 */
bool sched_may_run(const struct proc *p, const struct proc *here, unsigned int me, uint64_t now)
{
	return p->pid && p->state == P_RUNNABLE && (p == here || !p->on_cpu) &&
	       (p->affinity >> me & 1) && (p->cpu == me || now - p->runnable_ns >= SCHED_MIGRATE_NS);
}

struct proc *sched_pick(struct proc *table, unsigned int n, unsigned int *cursor,
			const struct proc *here, unsigned int me, uint64_t now)
{
	for (unsigned int i = 0; i < n; i++) {
		*cursor = (*cursor + 1) % n;
		if (sched_may_run(&table[*cursor], here, me, now))
			return &table[*cursor];
	}
	return NULL;
}
