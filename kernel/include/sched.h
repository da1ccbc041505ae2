/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/sched.h
 * @brief Round-robin scheduling and the context switch (kernel/proc/sched.c).
 */
#ifndef PVMMU_SCHED_H
#define PVMMU_SCHED_H

#include <stdbool.h>

void schedule(void);
void sched_tick(void);
/** The timer asked for a switch since the last schedule(). */
bool sched_resched_pending(void);
/** This vCPU's idle context becomes current: before anything reads `current` (proc_table.c). */
void sched_init_cpu(void);

#endif
