/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/proc_table.c
 * @brief The process table, its lock, its kernel stacks and current: what both
 *        the scheduler (sched.c) and the process calls (proc.c) walk.
 *
 * One lock guards the whole table, as xv6's ptable.lock: every state,
 * parent link, pid, killed flag, wait channel and on_cpu mark.  docs/smp.md
 * says why one lock and not per-vCPU queues.
 */
#include <string.h>
#include "percpu.h"
#include "proc.h"
#include "sched.h"
#include "smp.h"
#include "spinlock.h"
#include "vsprintf.h"

/* Slot 0 is the boot context, vCPU 0's idle context: it runs when no process can. */
struct proc proc_table[NR_PROCS];
static uint8_t kstacks[NR_PROCS][KSTACK_SIZE] __aligned(KSTACK_SIZE);
static int next_pid = 1;

/* The other vCPUs' idle contexts: outside the table, never picked as a process. */
static struct proc idle_procs[NR_CPUS];

static spinlock_t ptable_spinlock = SPINLOCK_INIT;
static int ptable_owner = -1;	/* the holding vCPU: for ptable_assert_held */

void sched_init_cpu(void)
{
	unsigned int id = smp_processor_id();
	struct proc *idle = id ? &idle_procs[id] : &proc_table[0];

	if (id)
		snprintf(idle->name, sizeof(idle->name), "idle/%u", id);
	idle->cpu = id;
	this_cpu()->idle = current = idle;
}

void ptable_lock(void)
{
	smp_spin_lock(&ptable_spinlock);
	ptable_owner = (int)smp_processor_id();
}

void ptable_unlock(void)
{
	ptable_assert_held("ptable_unlock");
	ptable_owner = -1;
	spin_unlock(&ptable_spinlock);
}

void ptable_assert_held(const char *where)
{
	if (!spin_is_locked(&ptable_spinlock) || ptable_owner != (int)smp_processor_id())
		panic("%s: the process table lock is not held by vCPU %u (owner %d)", where,
		      smp_processor_id(), ptable_owner);
}

unsigned long kstack_top(const struct proc *p)
{
	return (unsigned long)p->kstack + KSTACK_SIZE;
}

/* P_NEW, not P_UNUSED, until its creator makes it runnable: no other vCPU takes the slot. */
struct proc *proc_alloc(const char *name)
{
	struct proc *found = NULL;

	ptable_lock();
	for (unsigned int i = 1; i < NR_PROCS && !found; i++) {
		struct proc *p = &proc_table[i];

		if (p->state != P_UNUSED)
			continue;
		memset(p, 0, sizeof(*p));
		p->state = P_NEW;
		p->affinity = ~0UL;
		p->cpu = smp_processor_id();
		p->pid = next_pid++;
		p->kstack = kstacks[i];
		found = p;
	}
	ptable_unlock();
	if (found) {
		snprintf(found->name, sizeof(found->name), "%s", name);
		thread_state_init(&found->thread);
	}
	return found;
}

/* With the table lock held. */
void proc_free(struct proc *p)
{
	p->state = P_UNUSED;
}
