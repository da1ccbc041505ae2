/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/outcome.c
 * @brief Test outcomes, their ranking and the result line: one copy, linked
 *        into the kernel, the user library and the host tests.
 */
#include "test_assert.h"
#include "vsprintf.h"

static const char *const outcome_names[TEST_NR_OUTCOMES] = {
	[TEST_PASS] = "PASS", [TEST_SKIP] = "SKIP", [TEST_ERROR] = "ERROR", [TEST_FAIL] = "FAIL",
};

/* The running test's result: each side runs one test at a time. */
static struct test_result running;

struct test_result *test_result_current(void)
{
	return &running;
}

void test_result_reset(struct test_result *r)
{
	r->outcome = TEST_PASS;
	r->reason[0] = '\0';
}

void test_result_vnote(struct test_result *r, enum test_outcome o, const char *fmt, va_list ap)
{
	/* The worst outcome is the one to act on; its first reason is the cause, later ones follow from it. */
	if (o <= r->outcome)
		return;
	r->outcome = o;
	vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
}

const char *test_outcome_name(enum test_outcome o)
{
	return o < TEST_NR_OUTCOMES ? outcome_names[o] : "FAIL";
}

void test_result_line(const struct test_result *r, const char *name, char *buf, size_t size)
{
	if (r->outcome == TEST_PASS)
		snprintf(buf, size, "test: %s: PASS", name);
	else
		snprintf(buf, size, "test: %s: %s: %s", name, test_outcome_name(r->outcome),
			 r->reason);
}

#define DEFINE_TEST_NOTE(fn_, outcome_)                                             \
	void fn_(const char *fmt, ...)                                              \
	{                                                                           \
		va_list ap;                                                         \
                                                                                    \
		va_start(ap, fmt);                                                  \
		test_result_vnote(test_result_current(), outcome_, fmt, ap);       \
		va_end(ap);                                                         \
	}

DEFINE_TEST_NOTE(test_fail, TEST_FAIL)
DEFINE_TEST_NOTE(test_error, TEST_ERROR)
DEFINE_TEST_NOTE(test_skip, TEST_SKIP)
