/* SPDX-License-Identifier: MIT */
/**
 * @file user/selftest.c
 * @brief Selftests of the user-space harness (UTEST cases, the library's
 *        main): they fail on purpose, so this is no t_*.c program and
 *        init=tests never runs it; tests/boot/17-harness.sh checks each line.
 */
#include "ulib.h"

static void skip_then_fail(void)
{
	test_skip("skipped first");
	test_fail("failed second");
}
UTEST("uselftest.skip_then_fail", skip_then_fail, "a fail after a skip: FAIL, with the fail's reason");

static void error_then_skip(void)
{
	test_error("setup failed first");
	test_skip("skipped second");
}
UTEST("uselftest.error_then_skip", error_then_skip, "a skip after an error: ERROR, with the error's reason");

static void child_fails(void)
{
	TEST_ASSERT_EQ(getpid(), 1);
}
UTEST_CHILD("uselftest.child_fails", child_fails, "a failed assertion in the case's child: reported once, FAIL");

static void child_dies(void)
{
	*(volatile int *)0 = 1;
}
UTEST_CHILD("uselftest.child_dies", child_dies, "the case's child is killed: FAIL naming its status");

static void passes(void)
{
	TEST_ASSERT(getpid() > 1);
}
UTEST("uselftest.passes", passes, "a case that holds: PASS");

static void exits_0(void) {}
UTEST_EXIT("uselftest.exit_status", exits_0, 3, "a child that ends with another status than expected: FAIL naming both");

static void child_asserts(void)
{
	TEST_ASSERT_EQ(getpid(), 1);
}
UTEST_EXIT("uselftest.exit_assert", child_asserts, 0, "a failed assertion in the child: it says why, and exits 1");
