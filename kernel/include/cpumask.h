/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/cpumask.h
 * @brief A set of vCPUs, in the layout Xen reads as an mmuext_op's vcpumask.
 *
 * MMUEXT_TLB_FLUSH_MULTI and MMUEXT_INVLPG_MULTI take the guest virtual
 * address of a bitmap of vCPU numbers, which Xen copies from the guest one
 * unsigned long at a time when it reaches the op (vCPU n is bit n % 64 of
 * word n / 64; bits at or above the domain's vCPU count end the scan).  So a
 * struct cpumask can be handed to Xen as it is.  Setting and clearing are
 * atomic: each vCPU sets and clears its own bit of an address space's mask
 * while others read it (docs/smp.md).
 */
#ifndef PVMMU_CPUMASK_H
#define PVMMU_CPUMASK_H

#include <stdbool.h>
#include "percpu.h"

#define CPUMASK_WORD_BITS (8 * sizeof(unsigned long))
#define CPUMASK_WORDS ((NR_CPUS + CPUMASK_WORD_BITS - 1) / CPUMASK_WORD_BITS)

struct cpumask {
	unsigned long bits[CPUMASK_WORDS];
};

static inline unsigned long *cpumask_word(struct cpumask *m, unsigned int cpu)
{
	return &m->bits[cpu / CPUMASK_WORD_BITS];
}

static inline unsigned long cpumask_bit(unsigned int cpu)
{
	return 1UL << (cpu % CPUMASK_WORD_BITS);
}

static inline void cpumask_set_cpu(unsigned int cpu, struct cpumask *m)
{
	__atomic_fetch_or(cpumask_word(m, cpu), cpumask_bit(cpu), __ATOMIC_SEQ_CST);
}

static inline void cpumask_clear_cpu(unsigned int cpu, struct cpumask *m)
{
	__atomic_fetch_and(cpumask_word(m, cpu), ~cpumask_bit(cpu), __ATOMIC_SEQ_CST);
}

static inline unsigned long cpumask_load_word(const struct cpumask *m, unsigned int i)
{
	return __atomic_load_n(&m->bits[i], __ATOMIC_SEQ_CST);
}

static inline bool cpumask_test_cpu(unsigned int cpu, const struct cpumask *m)
{
	return cpu < NR_CPUS && (cpumask_load_word(m, cpu / CPUMASK_WORD_BITS) & cpumask_bit(cpu));
}

static inline unsigned int cpumask_weight(const struct cpumask *m)
{
	unsigned int n = 0;

	/* Counted by hand: the kernel links no libgcc for __builtin_popcount. */
	for (unsigned int i = 0; i < CPUMASK_WORDS; i++)
		for (unsigned long w = cpumask_load_word(m, i); w; w &= w - 1)
			n++;
	return n;
}

static inline bool cpumask_empty(const struct cpumask *m)
{
	return cpumask_weight(m) == 0;
}

/** Is any vCPU but @p cpu in @p m? */
static inline bool cpumask_any_but(const struct cpumask *m, unsigned int cpu)
{
	return cpumask_weight(m) > (cpumask_test_cpu(cpu, m) ? 1U : 0U);
}

/** The first vCPU in @p m from @p cpu on, or NR_CPUS if none. */
static inline unsigned int cpumask_next(const struct cpumask *m, unsigned int cpu)
{
	while (cpu < NR_CPUS && !cpumask_test_cpu(cpu, m))
		cpu++;
	return cpu;
}

/* Each vCPU in @p m, in order; one that joins or leaves meanwhile may or may not be seen. */
#define for_each_cpu(cpu, m) \
	for ((cpu) = cpumask_next((m), 0); (cpu) < NR_CPUS; (cpu) = cpumask_next((m), (cpu) + 1))

#endif
