/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/sched.c
 * @brief Round-robin scheduling and the context switch.
 *
 * A switch tells Xen two things, in one multicall: which kernel stack to use
 * when the next process enters the kernel (stack_switch), and which page
 * tables to load (write_cr3: the kernel pgd and, beside it, the user pgd).  The timer only
 * asks for a switch; it happens on the way back to user mode, or between the
 * pieces of a long system call (cond_resched).  need_resched and current are
 * this vCPU's (struct cpu).
 */
#include "hypercall.h"
#include "multicall.h"
#include "percpu.h"
#include "pgtable.h"
#include "proc.h"
#include "pv_mmu.h"
#include "sched.h"
#include "tlb.h"

void context_switch(unsigned long *prev_sp, unsigned long next_sp);

/* The next runnable process after current, round robin; this vCPU's idle context only if none. */
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
	mm_switch(next->pid ? &next->mm : NULL);
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
	switch_to(next);
}

bool sched_resched_pending(void)
{
	return this_cpu()->need_resched;
}

void sched_tick(void)
{
	this_cpu()->need_resched = true;
}
