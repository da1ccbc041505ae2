/* SPDX-License-Identifier: MIT */
/**
 * @file test_outcome.c
 * @brief Host unit tests for kernel/test/outcome.c: the ranking of test
 *        outcomes (PASS < SKIP < ERROR < FAIL, the worst wins with its first
 *        reason) and the result line both harnesses print.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "test_assert.h"

#define current (*test_result_current())

static const char *line(void)
{
	static char buf[TEST_LINE_MAX];

	test_result_line(&current, "t.x", buf, sizeof(buf));
	return buf;
}

static int reset(void **state)
{
	(void)state;
	test_result_reset(&current);
	return 0;
}

static void test_nothing_noted_passes(void **state)
{
	(void)state;
	assert_int_equal(current.outcome, TEST_PASS);
	assert_string_equal(line(), "test: t.x: PASS");
}

static void test_fail_after_skip(void **state)
{
	(void)state;
	test_skip("no device %d", 1);
	test_fail("wrong value %d", 2);
	assert_string_equal(line(), "test: t.x: FAIL: wrong value 2");
}

static void test_skip_after_error(void **state)
{
	(void)state;
	test_error("no free page");
	test_skip("later");
	assert_string_equal(line(), "test: t.x: ERROR: no free page");
}

static void test_error_after_fail(void **state)
{
	(void)state;
	test_fail("first");
	test_error("second");
	test_skip("third");
	assert_string_equal(line(), "test: t.x: FAIL: first");
}

static void test_first_of_equal_rank_stays(void **state)
{
	(void)state;
	test_error("first");
	test_error("second");
	assert_string_equal(line(), "test: t.x: ERROR: first");
	test_fail("third");
	test_fail("fourth");
	assert_string_equal(line(), "test: t.x: FAIL: third");
}

static void note(enum test_outcome o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	test_result_vnote(&current, o, fmt, ap);
	va_end(ap);
}

/* Every pair in both orders: the worse one is reported. */
static void test_rank_matrix(void **state)
{
	static const char *const names[] = { "PASS", "SKIP", "ERROR", "FAIL" };

	(void)state;
	for (int a = TEST_PASS; a < TEST_NR_OUTCOMES; a++) {
		for (int b = TEST_PASS; b < TEST_NR_OUTCOMES; b++) {
			test_result_reset(&current);
			note(a, "a");
			note(b, "b");
			assert_int_equal(current.outcome, a > b ? a : b);
			assert_string_equal(test_outcome_name(current.outcome), names[a > b ? a : b]);
			if (current.outcome != TEST_PASS)
				assert_string_equal(current.reason, a >= b ? "a" : "b");
		}
	}
}

static void test_long_reason_truncated(void **state)
{
	char big[400];

	(void)state;
	memset(big, 'r', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	test_fail("%s", big);
	assert_int_equal(strlen(current.reason), sizeof(current.reason) - 1);
	assert_true(strlen(line()) < TEST_LINE_MAX);
	assert_memory_equal(line(), "test: t.x: FAIL: rrr", 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_nothing_noted_passes, reset),
		cmocka_unit_test_setup(test_fail_after_skip, reset),
		cmocka_unit_test_setup(test_skip_after_error, reset),
		cmocka_unit_test_setup(test_error_after_fail, reset),
		cmocka_unit_test_setup(test_first_of_equal_rank_stays, reset),
		cmocka_unit_test_setup(test_rank_matrix, reset),
		cmocka_unit_test_setup(test_long_reason_truncated, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
