/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/sched.c
 * @brief Round-robin scheduling over one locked process table, and the context switch.
 *
 * A switch tells Xen two things, in one multicall: which kernel stack to use
 * when the next process enters the kernel (stack_switch), and which page
 * tables to load (write_cr3: the kernel pgd and, beside it, the user pgd).  The timer only
 * asks for a switch; it happens on the way back to user mode, or between the
 * pieces of a long system call (cond_resched).  need_resched and current are
 * this vCPU's (struct cpu); every vCPU picks from the same table.
 *
 * The table lock is held across the switch, as in xv6: the vCPU that
 * switches away from a process releases it only once it runs on the next
 * one's stack, so no other vCPU can pick (or reap, or reuse the slot of) a
 * process whose stack is still in use.  on_cpu marks the processes that
 * are running, which no other vCPU may pick.
 */
#include "hypercall.h"
#include "multicall.h"
#include "percpu.h"
#include "pgtable.h"
#include "proc.h"
#include "pv_mmu.h"
#include "sched.h"
#include "smp.h"
#include "tlb.h"
#include "xen_setup.h"
#include "xen_time.h"

void context_switch(unsigned long *prev_sp, unsigned long next_sp);

/* Where the round robin goes on from, for every vCPU; under the table lock. */
static unsigned int rr_cursor;

/* The next runnable process after the last one picked on any vCPU; this vCPU's idle context if none. */
static struct proc *pick_next(void)
{
	struct proc *next = sched_pick(proc_table, NR_PROCS, &rr_cursor, current,
				       smp_processor_id(), xen_system_time());

	return next ? next : this_cpu()->idle;
}

/* The new kernel stack and both page tables reach Xen in one multicall, as Linux batches them. */
static void switch_to(struct proc *next)
{
	struct proc *prev = current;

	/* Safe before the switch: the lock keeps prev unpicked until this vCPU is off its stack. */
	prev->on_cpu = false;
	prev->runnable_ns = xen_system_time();	/* preempted, it waits from now */
	next->on_cpu = true;
	next->cpu = smp_processor_id();
	current = next;
	this_cpu()->stats.context_switches++;
	xen_mc_batch();
	if (next->pid)
		xen_mc_stack_switch(FLAT_KERNEL_SS, kstack_top(next));
	mm_switch(next->pid ? next->mm : NULL);
	xen_mc_issue();
	thread_state_switch(prev->pid ? &prev->thread : NULL, next->pid ? &next->thread : NULL);
	context_switch(&prev->ksp, next->ksp);
}

void sched(void)
{
	struct proc *next;

	ptable_assert_held("sched");
	next = pick_next();
	this_cpu()->need_resched = false;
	if (next != current)
		switch_to(next);
}

void schedule(void)
{
	ptable_lock();
	sched();
	ptable_unlock();
}

void schedule_tail(void)
{
	ptable_unlock();
}

void sched_wake(struct proc *p)
{
	ptable_assert_held("sched_wake");
	p->state = P_RUNNABLE;
	p->runnable_ns = xen_system_time();
}

void sched_kick(const struct proc *p)
{
	if (p->on_cpu)
		smp_send_reschedule(p->cpu);
}

void sched_idle(void)
{
	for (;;) {
		schedule();
		xen_idle();
	}
}

bool sched_resched_pending(void)
{
	return this_cpu()->need_resched;
}

void sched_tick(void)
{
	this_cpu()->need_resched = true;
}
