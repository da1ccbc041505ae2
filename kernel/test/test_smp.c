/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_smp.c
 * @brief Tests of the vCPUs: each one online with its own struct cpu, and a spinlock that holds across them.
 */
#include "hypercall.h"
#include "ktest.h"
#include "percpu.h"
#include "smp.h"
#include "spinlock.h"

#define LOCK_ROUNDS 5000

static spinlock_t test_lock = SPINLOCK_INIT;
static unsigned long lock_counter;
static unsigned int ran_on[NR_CPUS];
static unsigned int arrived, expected;

/* Start together: without it one vCPU may be done before the next begins. */
static void barrier(void)
{
	__atomic_fetch_add(&arrived, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&arrived, __ATOMIC_ACQUIRE) < expected)
		__builtin_ia32_pause();
}

/* A load and a store, not an atomic add: only the lock keeps other vCPUs' out between them. */
static void add_under_lock(void *arg)
{
	volatile unsigned long *counter = arg;

	barrier();
	for (unsigned int i = 0; i < LOCK_ROUNDS; i++) {
		spin_lock(&test_lock);
		*counter = *counter + 1;
		spin_unlock(&test_lock);
	}
	ran_on[smp_processor_id()]++;
}

static void test_lock_n_times_m(void)
{
	unsigned int n = smp_num_online();

	if (n < 2) {
		test_skip("one vCPU online: nothing to contend with");
		return;
	}
	lock_counter = 0;
	arrived = 0;
	expected = n;
	for (unsigned int i = 0; i < NR_CPUS; i++)
		ran_on[i] = 0;
	on_each_cpu(add_under_lock, &lock_counter);
	for (unsigned int i = 0; i < NR_CPUS; i++)
		TEST_ASSERT_EQ(ran_on[i], cpus[i].online ? 1U : 0U);
	TEST_ASSERT_EQ(lock_counter, (unsigned long)n * LOCK_ROUNDS);
	TEST_ASSERT(!spin_is_locked(&test_lock));
}
KTEST("smp.lock", test_lock_n_times_m, "every online vCPU adds 5000 times under one spinlock: exactly N x 5000");

static void note_self(void *arg)
{
	struct cpu **seen = arg;

	seen[smp_processor_id()] = this_cpu();
}

static void test_this_cpu(void)
{
	static struct cpu *seen[NR_CPUS];

	for (unsigned int i = 0; i < NR_CPUS; i++)
		seen[i] = NULL;
	on_each_cpu(note_self, seen);
	for (unsigned int i = 0; i < NR_CPUS; i++) {
		TEST_ASSERT(seen[i] == (cpus[i].online ? &cpus[i] : NULL));
		if (cpus[i].online) {
			TEST_ASSERT_EQ(cpus[i].id, i);
			TEST_ASSERT(cpus[i].vcpu_info == &HYPERVISOR_shared_info->vcpu_info[i]);
			TEST_ASSERT(cpus[i].ipi_port != 0);
		}
	}
}
KTEST("smp.this_cpu", test_this_cpu, "on each online vCPU this_cpu() is its own struct cpu, with its vcpu_info and IPI port");

static void panic_here(void *arg)
{
	(void)arg;
	panic("test hook: panic on vCPU %u", smp_processor_id());
}

/* vCPU 0 waits for the call while vCPU 1 panics: the report must still come, naming vCPU 1. */
static void hook_panic_vcpu1(void)
{
	if (smp_call_function_single(1, panic_here, NULL))
		panic("test hook: smp_panic needs vCPU 1 online (VCPUS >= 2)");
}
KTEST_HOOK("smp_panic", hook_panic_vcpu1, "panics on vCPU 1 while vCPU 0 waits, for the panic report");
