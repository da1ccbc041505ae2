/* SPDX-License-Identifier: MIT */
/**
 * @file tests/host/test_spinlock.c
 * @brief The spinlock (spinlock.h, test-and-test-and-set) under real contention: host threads stand in for vCPUs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include "spinlock.h"

#define THREADS 4
#define INCREMENTS 200000

static spinlock_t lock = SPINLOCK_INIT;
static unsigned long counter;	/* a plain load and store: only the lock keeps them whole */

static void *adder(void *arg)
{
	(void)arg;
	for (int i = 0; i < INCREMENTS; i++) {
		spin_lock(&lock);
		counter = counter + 1;
		spin_unlock(&lock);
	}
	return NULL;
}

static void test_n_times_m(void **state)
{
	pthread_t t[THREADS];

	(void)state;
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, adder, NULL), 0);
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	assert_int_equal(counter, (unsigned long)THREADS * INCREMENTS);
	assert_false(spin_is_locked(&lock));
}

static void test_is_locked(void **state)
{
	spinlock_t l = SPINLOCK_INIT;

	(void)state;
	assert_false(spin_is_locked(&l));
	spin_lock(&l);
	assert_true(spin_is_locked(&l));
	spin_unlock(&l);
	assert_false(spin_is_locked(&l));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_is_locked),
		cmocka_unit_test(test_n_times_m),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
