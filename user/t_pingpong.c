/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_pingpong.c
 * @brief Two processes ping-pong through the scheduler with sched_yield.
 *
 * The child yields ROUNDS times and exits.  The parent yields until the
 * child is gone, and each of its yields that began while the child still
 * lived (kill(pid, 0) says so) must have let it run: the context-switch
 * count grows by at least two, away and back.  Timer preemption may reorder
 * the players, but never makes a yield with a runnable partner switch
 * nothing; only yields that found the child gone are not held against it.
 */
#include "ulib.h"

#define ROUNDS 200

static unsigned long switches(void)
{
	struct pvmmu_stats s;

	return pvmmu_stats(&s) ? 0 : s.cpu_context_switches;
}

static void run_test(void)
{
	int status, pid, counted = 0, handed_over = 0;

	TEST_ASSERT_EQ(pin_to_cpu(0), 0);	/* the two take turns on one vCPU, whatever VCPUS is */
	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < ROUNDS; i++)
			sched_yield();
		exit(0);
	}
	TEST_ASSERT(pid > 0);
	for (int i = 0; i < 4 * ROUNDS; i++) {
		unsigned long last = switches();

		if (kill(pid, 0))
			break;	/* the child has exited */
		sched_yield();
		counted++;
		handed_over += switches() >= last + 2;
	}
	TEST_ASSERT_EQ(waitpid(pid, &status), pid);
	TEST_ASSERT_EQ(status, 0);
	TEST_ASSERT(counted >= ROUNDS / 2);	/* the yields were really played */
	TEST_ASSERT_EQ(handed_over, counted);
}
UTEST("user.pingpong", run_test, "two processes hand the CPU to each other with sched_yield");
