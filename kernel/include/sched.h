/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/sched.h
 * @brief Round-robin scheduling and the context switch (kernel/proc/sched.c).
 */
#ifndef PVMMU_SCHED_H
#define PVMMU_SCHED_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel.h"

struct proc;

/** How long a process last run elsewhere waits before this vCPU may take it (pick.c says why). */
#define SCHED_MIGRATE_NS 10000000ULL

/**
 * May vCPU @p me run @p p, at @p now (Xen system time)?  Runnable, not
 * running elsewhere (@p here, the one running on @p me, may go on), allowed here by
 * its affinity, and either last run here or runnable SCHED_MIGRATE_NS long.
 */
bool sched_may_run(const struct proc *p, const struct proc *here, unsigned int me, uint64_t now);
/**
 * The first process of @p table (@p n slots) after *@p cursor that vCPU
 * @p me may run, *@p cursor moved onto it; NULL, the cursor back where it
 * was, if none may.  Table lock held.
 */
struct proc *sched_pick(struct proc *table, unsigned int n, unsigned int *cursor,
			const struct proc *here, unsigned int me, uint64_t now);

/** Give up this vCPU to the next runnable process (takes the process table lock). */
void schedule(void);
/**
 * The same with the table lock held and current's new state already set
 * (waiting, sleeping, a zombie): returns, the lock held, when current runs again.
 */
void sched(void);
/** A new process's first code (its kernel stack is laid out so): the lock its switch held goes. */
void schedule_tail(void);
/** Make @p p runnable (lock held); a vCPU takes it at its next schedule (a tick at the latest). */
void sched_wake(struct proc *p);
/** If @p p runs on another vCPU, make that vCPU pass its next safe point soon (a kill). */
void sched_kick(const struct proc *p);
/** What a vCPU does when its bring-up is done: run processes, block when there are none. */
void sched_idle(void) __noreturn;
void sched_tick(void);
/** The timer asked for a switch since the last schedule(). */
bool sched_resched_pending(void);
/** This vCPU's idle context becomes current: before anything reads `current` (proc_table.c). */
void sched_init_cpu(void);

#endif
