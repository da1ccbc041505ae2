/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/proc_table.c
 * @brief The process table, its kernel stacks and current: what both the
 *        scheduler (sched.c) and the process calls (proc.c) walk.
 */
#include <string.h>
#include "percpu.h"
#include "proc.h"
#include "sched.h"
#include "vsprintf.h"

/* Slot 0 is the boot context, vCPU 0's idle context: it runs when no process can. */
struct proc proc_table[NR_PROCS];
static uint8_t kstacks[NR_PROCS][KSTACK_SIZE] __aligned(KSTACK_SIZE);
static int next_pid = 1;

/* The other vCPUs' idle contexts: outside the table, never picked as a process. */
static struct proc idle_procs[NR_CPUS];

void sched_init_cpu(void)
{
	unsigned int id = smp_processor_id();
	struct proc *idle = id ? &idle_procs[id] : &proc_table[0];

	if (id)
		snprintf(idle->name, sizeof(idle->name), "idle/%u", id);
	this_cpu()->idle = current = idle;
}

struct proc *proc_table_next(struct proc *p)
{
	return !p || p == &proc_table[NR_PROCS - 1] ? &proc_table[0] : p + 1;
}

unsigned long kstack_top(const struct proc *p)
{
	return (unsigned long)p->kstack + KSTACK_SIZE;
}

struct proc *proc_alloc(const char *name)
{
	for (unsigned int i = 1; i < NR_PROCS; i++) {
		struct proc *p = &proc_table[i];

		if (p->state != P_UNUSED)
			continue;
		memset(p, 0, sizeof(*p));
		p->pid = next_pid++;
		p->kstack = kstacks[i];
		snprintf(p->name, sizeof(p->name), "%s", name);
		thread_state_init(&p->thread);
		return p;
	}
	return NULL;
}

void proc_free(struct proc *p)
{
	p->state = P_UNUSED;
}
