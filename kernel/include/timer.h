/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/timer.h
 * @brief The periodic tick: Xen's single-shot VCPU timer on VIRQ_TIMER, re-armed each slice.
 */
#ifndef PVMMU_TIMER_H
#define PVMMU_TIMER_H

#include <stdbool.h>

/**
 * Call @p tick every time slice (10 ms), from the event upcall, until
 * timer_stop(), on every online vCPU.  The first start binds each vCPU's
 * VIRQ_TIMER (its own port: Xen times each vCPU apart).  The caller (the
 * scheduler's user, proc.c) chooses the tick: the timer knows no scheduler.
 */
void timer_start(void (*tick)(void));
/** After a resume: bind VIRQ_TIMER again if @p new_domain, and re-arm a running tick. */
void timer_resume(bool new_domain);
/** Stop calling the tick; a slice already armed fires once more and is dropped. */
void timer_stop(void);

#endif
