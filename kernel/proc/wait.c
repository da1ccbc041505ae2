/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/wait.c
 * @brief sleep_on and wake_up: a process sleeps on a channel until an event wakes it.
 *
 * A sleeper is P_SLEEPING, not P_WAITING: with every process asleep the
 * scheduler runs the boot context, which idles until an event (typing,
 * say) makes one runnable, while processes that only wait for each other
 * are a deadlock the scheduler reports.
 *
 * The sleeper takes the table lock before it lets go of the lock that
 * guards its condition, and the waker takes the table lock to wake: a
 * wake_up from another vCPU either comes before the sleeper's check (it
 * sees the condition true) or finds it asleep.  None is lost.
 */
#include "proc.h"
#include "sched.h"
#include "wait.h"

void sleep_on(const void *chan, spinlock_t *lk)
{
	ptable_lock();
	spin_unlock(lk);
	current->wait_chan = chan;
	current->state = P_SLEEPING;
	sched();
	current->wait_chan = NULL;
	ptable_unlock();
	spin_lock(lk);
}

void wake_up(const void *chan)
{
	ptable_lock();
	for (unsigned int i = 1; i < NR_PROCS; i++) {
		struct proc *p = &proc_table[i];

		if (p->state == P_SLEEPING && p->wait_chan == chan)
			sched_wake(p);
	}
	ptable_unlock();
}
