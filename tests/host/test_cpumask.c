/* SPDX-License-Identifier: MIT */
/**
 * @file tests/host/test_cpumask.c
 * @brief cpumask.h: set, clear, test, weight, empty, any-but, iteration, and the word layout Xen reads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include "cpumask.h"

static void test_empty_mask(void **state)
{
	struct cpumask m = { { 0 } };
	unsigned int cpu, seen = 0;

	(void)state;
	assert_true(cpumask_empty(&m));
	assert_int_equal(cpumask_weight(&m), 0);
	for (unsigned int i = 0; i < NR_CPUS; i++)
		assert_false(cpumask_test_cpu(i, &m));
	assert_false(cpumask_any_but(&m, 0));
	for_each_cpu(cpu, &m)
		seen++;
	assert_int_equal(seen, 0);
}

static void test_set_clear_test(void **state)
{
	struct cpumask m = { { 0 } };

	(void)state;
	cpumask_set_cpu(3, &m);
	assert_true(cpumask_test_cpu(3, &m));
	assert_false(cpumask_test_cpu(2, &m));
	assert_false(cpumask_empty(&m));
	cpumask_set_cpu(3, &m);	/* twice is once */
	assert_int_equal(cpumask_weight(&m), 1);
	cpumask_set_cpu(NR_CPUS - 1, &m);
	assert_int_equal(cpumask_weight(&m), 2);
	cpumask_clear_cpu(3, &m);
	assert_false(cpumask_test_cpu(3, &m));
	assert_true(cpumask_test_cpu(NR_CPUS - 1, &m));
	cpumask_clear_cpu(3, &m);	/* clearing a clear bit changes nothing */
	assert_int_equal(cpumask_weight(&m), 1);
	cpumask_clear_cpu(NR_CPUS - 1, &m);
	assert_true(cpumask_empty(&m));
	assert_false(cpumask_test_cpu(NR_CPUS, &m));	/* out of range is never in the mask */
}

/* Xen reads vCPU n as bit n of the unsigned long words at the mask's address. */
static void test_layout_is_xens(void **state)
{
	struct cpumask m = { { 0 } };

	(void)state;
	assert_int_equal(sizeof(m), CPUMASK_WORDS * sizeof(unsigned long));
	cpumask_set_cpu(0, &m);
	cpumask_set_cpu(5, &m);
	assert_int_equal(m.bits[0], (1UL << 0) | (1UL << 5));
}

static void test_any_but(void **state)
{
	struct cpumask m = { { 0 } };

	(void)state;
	cpumask_set_cpu(1, &m);
	assert_false(cpumask_any_but(&m, 1));	/* only the one asking */
	assert_true(cpumask_any_but(&m, 0));
	cpumask_set_cpu(0, &m);
	assert_true(cpumask_any_but(&m, 1));
	assert_true(cpumask_any_but(&m, 0));
}

static void test_iterate_in_order(void **state)
{
	struct cpumask m = { { 0 } };
	unsigned int cpu, seen[NR_CPUS], n = 0;

	(void)state;
	cpumask_set_cpu(NR_CPUS - 1, &m);
	cpumask_set_cpu(0, &m);
	cpumask_set_cpu(2, &m);
	for_each_cpu(cpu, &m)
		seen[n++] = cpu;
	assert_int_equal(n, 3);
	assert_int_equal(seen[0], 0);
	assert_int_equal(seen[1], 2);
	assert_int_equal(seen[2], NR_CPUS - 1);
	assert_int_equal(cpumask_next(&m, 3), NR_CPUS - 1);
	assert_int_equal(cpumask_next(&m, NR_CPUS), NR_CPUS);
}

#define ROUNDS 200000
static struct cpumask shared;
static unsigned long lost[NR_CPUS];

/*
 * Each thread flips its own bit and looks at it after each flip: another
 * thread's read-modify-write of the same word must never undo it.
 */
static void *flipper(void *arg)
{
	unsigned int cpu = (unsigned int)(uintptr_t)arg;

	for (int i = 0; i < ROUNDS; i++) {
		cpumask_set_cpu(cpu, &shared);
		lost[cpu] += !cpumask_test_cpu(cpu, &shared);
		cpumask_clear_cpu(cpu, &shared);
		lost[cpu] += cpumask_test_cpu(cpu, &shared);
	}
	cpumask_set_cpu(cpu, &shared);
	return NULL;
}

static void test_concurrent_bits(void **state)
{
	pthread_t t[NR_CPUS];

	(void)state;
	for (unsigned int i = 0; i < NR_CPUS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, flipper, (void *)(uintptr_t)i), 0);
	for (unsigned int i = 0; i < NR_CPUS; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	for (unsigned int i = 0; i < NR_CPUS; i++)
		assert_int_equal(lost[i], 0);
	assert_int_equal(cpumask_weight(&shared), NR_CPUS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_mask),
		cmocka_unit_test(test_set_clear_test),
		cmocka_unit_test(test_layout_is_xens),
		cmocka_unit_test(test_any_but),
		cmocka_unit_test(test_iterate_in_order),
		cmocka_unit_test(test_concurrent_bits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
