/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/sched.c
 * @brief Round-robin scheduling and the context switch.
 *
 * A switch tells Xen two things, in one multicall: which kernel stack to use
 * when the next process enters the kernel (stack_switch), and which page
 * tables to load (write_cr3: the kernel pgd and, beside it, the user pgd).  The timer only
 * asks for a switch; it happens on the way back to user mode, or between the
 * pieces of a long system call (cond_resched).
 */
#include "events.h"
#include "hypercall.h"
#include "multicall.h"
#include "proc.h"
#include "pv_mmu.h"
#include "vcpu.h"

void context_switch(unsigned long *prev_sp, unsigned long next_sp);

/* The next runnable process after current, round robin; the idle context only if none. */
static struct proc *pick_next(void)
{
	struct proc *p = current;

	do {
		p = proc_table_next(p);
		if (p->pid && p->state == P_RUNNABLE)
			return p;
	} while (p != current);
	return this_cpu()->idle;
}

/* The new kernel stack and both page tables reach Xen in one multicall, as Linux batches them. */
static void switch_to(struct proc *next)
{
	struct proc *prev = current;

	current = next;
	this_cpu()->stats.context_switches++;
	xen_mc_batch();
	if (next->pid)
		xen_mc_stack_switch(FLAT_KERNEL_SS, kstack_top(next));
	pv_mmu_ops.write_cr3(__pa(next->pid ? next->mm.pgd : init_pgd));
	xen_mc_issue();
	thread_state_switch(prev->pid ? &prev->thread : NULL, next->pid ? &next->thread : NULL);
	context_switch(&prev->ksp, next->ksp);
}

void schedule(void)
{
	struct proc *next = pick_next();

	this_cpu()->need_resched = false;
	if (next == current)
		return;
	if (!next->pid && current->state == P_WAITING)
		panic("scheduler: pid %d waits and no process can run", current->pid);
	switch_to(next);
}

void preempt_point(void)
{
	if (this_cpu()->need_resched)
		schedule();
	/* Here current holds nothing in the kernel: a kill takes effect. */
	if (current->killed)
		proc_exit(KILL_KILL);
}

/*
 * The kernel runs with events masked, so a tick that fell due during a long
 * system call waits, pending, in vcpu_info: take it here, as the upcall would.
 */
void cond_resched(void)
{
	volatile struct vcpu_info *v = this_vcpu();

	if (v->evtchn_upcall_pending)
		evtchn_do_upcall();
	preempt_point();
}

void sched_tick(void)
{
	this_cpu()->need_resched = true;
}
