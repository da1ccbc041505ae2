/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_fork.c
 * @brief A fork tree three levels deep: every process is waited for, statuses add up.
 */
#include "ulib.h"

/* Each process forks two children and returns 1 + the sum of their statuses. */
static int tree(int depth)
{
	int total = 1;

	if (depth == 0)
		return total;
	for (int i = 0; i < 2; i++) {
		int status, pid = fork();

		if (pid == 0)
			exit(tree(depth - 1));
		if (pid < 0 || waitpid(pid, &status) != pid)
			return -100;
		total += status;
	}
	return total;
}

static void run_test(void)
{
	int status;

	TEST_ASSERT_EQ(tree(3), 15);	/* 1 + 2 + 4 + 8 processes */
	TEST_ASSERT_EQ(waitpid(-1, &status), -10);	/* ECHILD: all reaped */
}
UTEST("user.fork_tree", run_test, "a fork tree three deep: every exit status reaped");
