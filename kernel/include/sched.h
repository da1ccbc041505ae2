/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/sched.h
 * @brief Round-robin scheduling and the context switch (kernel/proc/sched.c).
 */
#ifndef PVMMU_SCHED_H
#define PVMMU_SCHED_H

#include <stdbool.h>
#include "kernel.h"

struct proc;

/** Give up this vCPU to the next runnable process (takes the process table lock). */
void schedule(void);
/**
 * The same with the table lock held and current's new state already set
 * (waiting, sleeping, a zombie): returns, the lock held, when current runs again.
 */
void sched(void);
/** A new process's first code (its kernel stack is laid out so): the lock its switch held goes. */
void schedule_tail(void);
/** Make @p p runnable (lock held), waking an idle vCPU to take it. */
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
