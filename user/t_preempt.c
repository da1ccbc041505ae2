/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_preempt.c
 * @brief A busy loop cannot hang the system: the timer preempts it.
 *
 * The child spins without a system call.  The parent yields to it; only the
 * timer can bring the parent back, which then kills the child.
 */
#include "ulib.h"

static void run_test(void)
{
	int status, pid;
	struct pvmmu_stats before, after;

	/* On one vCPU only the tick can bring the parent back, whatever VCPUS is. */
	TEST_ASSERT_EQ(pin_to_cpu(0), 0);
	pid = fork();
	if (pid == 0)
		for (;;)
			;
	TEST_ASSERT(pid > 0);
	TEST_ASSERT_EQ(pvmmu_stats(&before), 0);
	sched_yield();	/* the child runs until the timer preempts it */
	TEST_ASSERT_EQ(pvmmu_stats(&after), 0);
	/* Away to the spinning child and back: only a timer tick can have brought us back. */
	TEST_ASSERT(after.cpu_context_switches >= before.cpu_context_switches + 2);
	TEST_ASSERT_EQ(kill(pid, 9), 0);
	TEST_ASSERT_EQ(waitpid(pid, &status), pid);
	TEST_ASSERT_EQ(status, 128 + 9);
}
UTEST("user.preempt", run_test, "the timer preempts a busy loop without a system call");
