/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/wait.c
 * @brief sleep_on and wake_up: a process sleeps on a channel until an event wakes it.
 *
 * A sleeper is P_SLEEPING, not P_WAITING: with every process asleep the
 * scheduler runs the boot context, which idles until an event (typing,
 * say) makes one runnable, while processes that only wait for each other
 * are a deadlock the scheduler reports.
 */
#include "proc.h"
#include "sched.h"
#include "wait.h"

void sleep_on(const void *chan)
{
	current->wait_chan = chan;
	current->state = P_SLEEPING;
	schedule();
	current->wait_chan = NULL;
}

void wake_up(const void *chan)
{
	struct proc *p = proc_table_next(NULL);

	do {
		if (p->state == P_SLEEPING && p->wait_chan == chan)
			p->state = P_RUNNABLE;
		p = proc_table_next(p);
	} while (p != proc_table_next(NULL));
}
