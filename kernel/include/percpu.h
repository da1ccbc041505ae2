/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/percpu.h
 * @brief struct cpu: what each vCPU owns, reached in O(1) through the kernel %gs base.
 *
 * A 64-bit PV kernel cannot write MSR_GS_BASE itself; it asks Xen with
 * set_segment_base(SEGBASE_GS_KERNEL).  Xen swaps the kernel and user %gs
 * bases on every kernel entry and exit, so in kernel mode %gs:0 is always
 * this vCPU's struct cpu, whatever the user program did with its own %gs.
 * The kernel never loads %gs with a selector (thread.c goes through
 * SEGBASE_GS_USER_SEL), which would reset that base.  docs/smp.md lists
 * what is per-CPU and what is shared.
 */
#ifndef PVMMU_PERCPU_H
#define PVMMU_PERCPU_H

#include <stdbool.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen/event_channel.h>

/* Within the legacy vcpu_info slots of shared_info: no VCPUOP_register_vcpu_info. */
#define NR_CPUS 8

struct mm;
struct proc;

struct cpu_stats {
	unsigned long hypercalls;
	unsigned long context_switches;
	unsigned long upcalls;		/* event upcalls taken: a measurement they interrupt is not clean */
};

struct cpu {
	struct cpu *self;		/* %gs:0 */
	unsigned int id;		/* Xen's vCPU number */
	struct vcpu_info *vcpu_info;	/* event mask, pending bits, cr2, time */
	/* The kernel pgd asked for, written with events masked in the switch's batch. */
	unsigned long xen_cr3;
	/* The kernel pgd Xen has loaded: written by the batch's callback once Xen switched. */
	unsigned long xen_current_cr3;
	/* The user address space whose pgd pair xen_cr3 names (NULL: none); kept while idle (lazy TLB). */
	struct mm *loaded_mm;
	struct proc *curr;		/* `current` */
	struct proc *idle;		/* runs when no process can */
	bool need_resched;
	evtchn_port_t timer_port;	/* VIRQ_TIMER; 0 (never a valid port) until bound */
	evtchn_port_t ipi_port;		/* call-function IPIs; 0 until bound */
	evtchn_port_t resched_port;	/* reschedule IPIs: wake up and look for work */
	bool online;			/* set by the vCPU itself once it can take IPIs */
	bool parked;			/* a bring-up helper, down until VCPUOP_up wakes it (smp.c) */
	/* smp_call_function's request: the IPI handler runs it and clears call_fn. */
	void (*call_fn)(void *);
	void *call_arg;
	struct cpu_stats stats;
};

extern struct cpu cpus[NR_CPUS];

#ifdef THIS_CPU_HOST
/* Host unit tests have no kernel %gs: tests/host/support.c gives one struct cpu. */
struct cpu *this_cpu(void);
#else
/*
 * volatile: a process may resume on another vCPU after a context switch,
 * so the compiler must not keep one reading across calls.
 */
static inline struct cpu *this_cpu(void)
{
	struct cpu *c;

	asm volatile("mov %%gs:0, %0" : "=r"(c));
	return c;
}
#endif

static inline unsigned int smp_processor_id(void)
{
	return this_cpu()->id;
}

/** Fill in cpus[@p id]'s identity (its self pointer and number); returns it. */
struct cpu *percpu_setup(unsigned int id);
/** percpu_setup, then make it this vCPU's (the kernel %gs base): vCPU 0's first act. */
void percpu_init(unsigned int id);
/** smp_processor_id() as a function, for hooks (panic's). */
unsigned int cpu_number(void);
/** The sum of every vCPU's counters. */
struct cpu_stats cpu_stats_sum(void);

#endif
