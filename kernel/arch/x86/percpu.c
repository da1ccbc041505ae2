/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/arch/x86/percpu.c
 * @brief The struct cpu array and the kernel %gs base that finds this vCPU's entry.
 */
#include "hypercall.h"
#include "kernel.h"
#include "percpu.h"

struct cpu cpus[NR_CPUS];

struct cpu *percpu_setup(unsigned int id)
{
	struct cpu *c = &cpus[id];

	c->self = c;
	c->id = id;
	return c;
}

void percpu_init(unsigned int id)
{
	struct cpu *c = percpu_setup(id);
	long rc;

	/* Uncounted: the counter lives behind the very %gs base being set. */
	rc = hypercall_uncounted(__HYPERVISOR_set_segment_base, SEGBASE_GS_KERNEL,
				 (unsigned long)c);
	if (rc)
		panic("set_segment_base(SEGBASE_GS_KERNEL, %p) for vCPU %u failed: %ld", (void *)c,
		      id, rc);
}

unsigned int cpu_number(void)
{
	return smp_processor_id();
}

struct cpu_stats cpu_stats_sum(void)
{
	struct cpu_stats sum = { 0 };

	for (unsigned int i = 0; i < NR_CPUS; i++) {
		sum.hypercalls += __atomic_load_n(&cpus[i].stats.hypercalls, __ATOMIC_RELAXED);
		sum.context_switches +=
			__atomic_load_n(&cpus[i].stats.context_switches, __ATOMIC_RELAXED);
	}
	return sum;
}
