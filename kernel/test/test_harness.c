/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_harness.c
 * @brief Selftests of the harness itself: each fails, errs or leaks on
 *        purpose, so `all` never runs them; tests/boot/17-harness.sh checks
 *        the exact line each one must produce.
 */
#include "ktest.h"
#include "page_alloc.h"

static void skip_then_fail(void)
{
	test_skip("skipped first");
	test_fail("failed second");
}
KTEST_SELFTEST("selftest.skip_then_fail", skip_then_fail, "a fail after a skip: FAIL, with the fail's reason");

static void error_then_skip(void)
{
	test_error("setup failed first");
	test_skip("skipped second");
}
KTEST_SELFTEST("selftest.error_then_skip", error_then_skip, "a skip after an error: ERROR, with the error's reason");

static void fail_then_error(void)
{
	test_fail("failed first");
	test_error("an error second");
	test_fail("failed third");
}
KTEST_SELFTEST("selftest.fail_then_error", fail_then_error, "FAIL outranks ERROR; the first FAIL's reason stays");

static void require(void)
{
	static volatile int pages_found;

	TEST_REQUIRE(pages_found > 0);
	test_fail("TEST_REQUIRE did not return");
}
KTEST_SELFTEST("selftest.require", require, "a TEST_REQUIRE that does not hold: ERROR naming the condition");

static unsigned long free_before_alloc;

static void alloc_then_fail(void)
{
	free_before_alloc = nr_free_pages();
	TEST_REQUIRE(test_alloc_page() != NULL);
	TEST_ASSERT_EQ(nr_free_pages(), free_before_alloc);
}
KTEST_SELFTEST("selftest.alloc_then_fail", alloc_then_fail, "fails holding a page from test_alloc_page (run before alloc_given_back)");

static void alloc_given_back(void)
{
	TEST_REQUIRE(free_before_alloc != 0);
	TEST_ASSERT_EQ(nr_free_pages(), free_before_alloc);
}
KTEST_SELFTEST("selftest.alloc_given_back", alloc_given_back, "the page alloc_then_fail held is free again: PASS");

static bool teardown_done;

static void note_teardown(void *flag)
{
	*(bool *)flag = true;
}

static void defer_then_fail(void)
{
	test_defer(note_teardown, &teardown_done);
	test_fail("failed before its teardown");
}
KTEST_SELFTEST("selftest.defer_then_fail", defer_then_fail, "fails with a teardown step deferred (run before teardown_ran)");

static void teardown_ran(void)
{
	TEST_ASSERT(teardown_done);
}
KTEST_SELFTEST("selftest.teardown_ran", teardown_ran, "defer_then_fail's teardown ran: PASS");

static void leak(void)
{
	/* Taken past test_alloc_page on purpose, and never given back: one frame less for this boot. */
	TEST_REQUIRE(alloc_page() != NULL);
}
KTEST_SELFTEST("selftest.leak", leak, "keeps a frame: FAIL, the free-frame counts named (run last)");
