/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/smp.h
 * @brief kernel/xen/smp.c: bringing up the other vCPUs, and running a function on all of them.
 */
#ifndef PVMMU_SMP_H
#define PVMMU_SMP_H

#include "kernel.h"
#include "spinlock.h"

/** How many vCPUs Xen gave this domain (VCPUOP_is_up answers for each until -ENOENT). */
unsigned int smp_count_vcpus(void);
/**
 * Bring up vCPUs 1..@p nr - 1 one at a time (VCPUOP_initialise + VCPUOP_up,
 * or only the up for one smp_share parked), each going to @p entry on its
 * own stack with the kernel pgd loaded;
 * @p entry calls smp_cpu_starting() and smp_cpu_online().  A vCPU that fails
 * is reported with the hypercall's error and left out.
 */
void smp_bring_up(unsigned int nr, void (*entry)(void));
/**
 * Run @p fn(@p arg) here and, at the same time, on every other vCPU Xen
 * gives, before smp_bring_up: each starts (the first time) or is woken
 * with the kernel pgd and no trap table, runs it, and parks again
 * (VCPUOP_down).  Returns once every copy has returned.  @p fn shares its
 * work out itself and must not fault: a helper has no handler yet.
 */
void smp_share(void (*fn)(void *), void *arg);
/** First on a new vCPU: events masked, as the kernel runs. */
void smp_cpu_starting(void);
/** Bind this vCPU's IPI ports and report it online; then it idles (sched_idle). */
void smp_cpu_online(void);
/**
 * Run the call-function request posted to this vCPU, if any; true if one ran.
 * For a vCPU that spins with events masked: it must still answer on_each_cpu.
 */
bool smp_handle_call(void);
/** spin_lock(@p l) for a lock that may be held long (the process table, an mm): answers call-function requests while it spins. */
void smp_spin_lock(spinlock_t *l);
/** Make vCPU @p id look for work soon (a reschedule IPI); nothing for this vCPU or an offline one. */
void smp_send_reschedule(unsigned int id);
/** After a resume in a new domain: bind this vCPU's IPI ports again. */
void smp_resume(void);
/** vCPUs online, vCPU 0 included. */
unsigned int smp_num_online(void);
/** Run @p fn(@p arg) on online vCPU @p id (not this one) and wait for it; -EINVAL if it cannot. */
int smp_call_function_single(unsigned int id, void (*fn)(void *), void *arg);
/** Run @p fn(@p arg) on every online vCPU, this one last, and return when all have finished. */
void on_each_cpu(void (*fn)(void *), void *arg);

#endif
