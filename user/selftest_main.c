/* SPDX-License-Identifier: MIT */
/**
 * @file user/selftest_main.c
 * @brief Selftest of the user harness for a program with its own main and
 *        test_begin/test_end: an assertion that returns early still reports
 *        its result, once, and a forked child never reports its parent's test.
 */
#include "ulib.h"

static void returns_early(void)
{
	int status, pid;

	test_begin("uselftest.main_returns_early");
	pid = fork();
	if (pid == 0)
		exit(0);	/* the child inherits the open test: it must not report it */
	TEST_ASSERT_EQ(waitpid(pid, &status), pid);
	TEST_ASSERT_EQ(status, 1);
	test_end();
}

static void reported_at_exit(void)
{
	test_begin("uselftest.main_at_exit");
	test_skip("reported by exit");
}

int main(void)
{
	returns_early();
	reported_at_exit();
	return 0;
}
