/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_exec.c
 * @brief exec replaces the program; its arguments arrive; a missing program fails cleanly.
 */
#include "ulib.h"

static void run_test(void)
{
	const char *args[] = { "hello", "one", "two", NULL };
	const char *missing[] = { "no-such-program", NULL };

	TEST_ASSERT_EQ(run("hello", args), 3);		/* hello exits with argc */
	TEST_ASSERT_EQ(run("no-such-program", missing), 127);	/* execve failed, child exit(127) */
	TEST_ASSERT_EQ(execve("no-such-program", missing), -2);	/* ENOENT, and we go on */
}
UTEST("user.exec", run_test, "exec runs hello with its arguments; a missing program is ENOENT");
