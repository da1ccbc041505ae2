/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_pingpong.c
 * @brief Two processes ping-pong through the scheduler with sched_yield.
 *
 * Each yield must let the other process run: between two of our turns the
 * context-switch count grows by at least two (away and back).  A timer
 * preemption can put one player a turn ahead, so its last yields may find
 * the other one already done: those are not held against it.
 */
#include "ulib.h"

#define ROUNDS 200

static unsigned long switches(void)
{
	struct pvmmu_stats s;

	return pvmmu_stats(&s) ? 0 : s.context_switches;
}

static bool play(void)
{
	unsigned long last = switches();
	int handed_over = 0;

	for (int i = 0; i < ROUNDS; i++) {
		unsigned long now;

		sched_yield();
		now = switches();
		handed_over += now >= last + 2;
		last = now;
	}
	return handed_over >= ROUNDS - 2;
}

static void run_test(void)
{
	int status, pid;

	pid = fork();
	if (pid == 0)
		exit(play() ? 0 : 1);
	TEST_ASSERT(pid > 0);
	TEST_ASSERT(play());
	TEST_ASSERT_EQ(waitpid(pid, &status), pid);
	TEST_ASSERT_EQ(status, 0);
}
UTEST("user.pingpong", run_test, "two processes hand the CPU to each other with sched_yield");
