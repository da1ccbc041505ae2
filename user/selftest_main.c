/* SPDX-License-Identifier: MIT */
/**
 * @file user/selftest_main.c
 * @brief Selftests of the user harness's reporting, run in the program
 *        itself: a forked child never reports its parent's case, and a case
 *        that calls exit() still reports, once.  The exit must come last,
 *        so these are a program of their own (tests/boot/17-harness.sh).
 */
#include "ulib.h"

static void returns_early(void)
{
	int status, pid = fork();

	if (pid == 0)
		exit(0);	/* the child inherits the running case: it must not report it */
	TEST_ASSERT_EQ(waitpid(pid, &status), pid);
	TEST_ASSERT_EQ(status, 1);
}
UTEST("uselftest.main_returns_early", returns_early, "a forked child's exit does not report: FAIL from the parent");

static void reported_at_exit(void)
{
	test_skip("reported by exit");
	exit(0);
}
UTEST("uselftest.main_at_exit", reported_at_exit, "a case that exits is reported by exit(): SKIP");
