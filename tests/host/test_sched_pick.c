/* SPDX-License-Identifier: MIT */
/**
 * @file tests/host/test_sched_pick.c
 * @brief The run queue's choice (kernel/proc/pick.c): round robin over the
 * process table, and what keeps a process off a vCPU: its state, running
 * elsewhere, its affinity, and the wait before it moves between vCPUs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "proc.h"
#include "sched.h"

#define SLOTS 6
#define NOW (5 * SCHED_MIGRATE_NS)	/* a time at which "runnable since 0" has waited long enough */

static struct proc table[SLOTS];

/* Slot @p i: a runnable process with pid i + 1 last run on vCPU 0, any vCPU allowed. */
static void runnable(unsigned int i)
{
	table[i] = (struct proc){ .pid = (int)i + 1, .state = P_RUNNABLE, .affinity = ~0UL,
				  .cpu = 0, .runnable_ns = NOW };
}

static int setup(void **state)
{
	(void)state;
	for (unsigned int i = 0; i < SLOTS; i++)
		table[i] = (struct proc){ .pid = 0, .state = P_UNUSED };
	return 0;
}

/* The pid vCPU @p me picks after slot *@p cursor, or 0 for none. */
static int pick(unsigned int *cursor, const struct proc *here, unsigned int me, uint64_t now)
{
	struct proc *p = sched_pick(table, SLOTS, cursor, here, me, now);

	return p ? p->pid : 0;
}

static void test_round_robin(void **state)
{
	unsigned int cursor = 0;

	(void)state;
	runnable(1), runnable(3), runnable(4);
	assert_int_equal(pick(&cursor, NULL, 0, NOW), 2);
	assert_int_equal(cursor, 1);
	assert_int_equal(pick(&cursor, NULL, 0, NOW), 4);
	assert_int_equal(pick(&cursor, NULL, 0, NOW), 5);
	assert_int_equal(pick(&cursor, NULL, 0, NOW), 2);	/* round again, past the end */
}

static void test_none_runnable(void **state)
{
	static const enum proc_state others[] = { P_UNUSED, P_NEW, P_WAITING, P_SLEEPING, P_ZOMBIE };
	unsigned int cursor = 3;

	(void)state;
	for (unsigned int i = 0; i < SLOTS; i++) {
		runnable(i);
		table[i].state = others[i % 5];
	}
	assert_int_equal(pick(&cursor, NULL, 0, NOW), 0);
	assert_int_equal(cursor, 3);	/* a whole round: back where it began */
}

/* A slot with pid 0 is an idle context's, never in the round robin. */
static void test_idle_slot_skipped(void **state)
{
	unsigned int cursor = 0;

	(void)state;
	runnable(2);
	table[2].pid = 0;
	assert_null(sched_pick(table, SLOTS, &cursor, NULL, 0, NOW));
}

static void test_running_elsewhere(void **state)
{
	unsigned int cursor = 0;

	(void)state;
	runnable(1), runnable(2);
	table[1].on_cpu = true;	/* running on another vCPU */
	assert_int_equal(pick(&cursor, NULL, 0, NOW), 3);
	assert_int_equal(pick(&cursor, NULL, 0, NOW), 3);
	/* The one running here may go on: it is current on this vCPU. */
	cursor = 0;
	assert_int_equal(pick(&cursor, &table[1], 0, NOW), 2);
}

static void test_two_vcpus_never_share(void **state)
{
	unsigned int cursor = 0;
	struct proc *a, *b;

	(void)state;
	runnable(0), runnable(1);
	table[1].cpu = 1;
	a = sched_pick(table, SLOTS, &cursor, NULL, 0, NOW);
	assert_non_null(a);
	a->on_cpu = true, a->cpu = 0;	/* what switch_to does, under the same lock */
	b = sched_pick(table, SLOTS, &cursor, NULL, 1, NOW);
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	b->on_cpu = true;
	assert_null(sched_pick(table, SLOTS, &cursor, NULL, 2, NOW));
}

static void test_affinity(void **state)
{
	unsigned int cursor = 0;

	(void)state;
	runnable(0);
	table[0].affinity = 1UL << 2;
	assert_int_equal(pick(&cursor, NULL, 0, NOW + SCHED_MIGRATE_NS), 0);
	assert_int_equal(pick(&cursor, NULL, 2, NOW + SCHED_MIGRATE_NS), 1);
	assert_false(sched_may_run(&table[0], &table[0], 0, NOW + SCHED_MIGRATE_NS));	/* not even as current */
}

/* Last run on vCPU 0: vCPU 1 takes it only once it has waited SCHED_MIGRATE_NS; vCPU 0 at once. */
static void test_migration_wait(void **state)
{
	(void)state;
	runnable(0);
	assert_true(sched_may_run(&table[0], NULL, 0, NOW));
	assert_false(sched_may_run(&table[0], NULL, 1, NOW));
	assert_false(sched_may_run(&table[0], NULL, 1, NOW + SCHED_MIGRATE_NS - 1));
	assert_true(sched_may_run(&table[0], NULL, 1, NOW + SCHED_MIGRATE_NS));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_round_robin, setup),
		cmocka_unit_test_setup(test_none_runnable, setup),
		cmocka_unit_test_setup(test_idle_slot_skipped, setup),
		cmocka_unit_test_setup(test_running_elsewhere, setup),
		cmocka_unit_test_setup(test_two_vcpus_never_share, setup),
		cmocka_unit_test_setup(test_affinity, setup),
		cmocka_unit_test_setup(test_migration_wait, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
