/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/test_assert.h
 * @brief What in-guest and user-space tests share: outcomes, their ranking,
 *        the result line, test cases, TEST_ASSERT and friends.
 *
 * Outcomes are ranked PASS < SKIP < ERROR < FAIL and a test's worst outcome
 * wins; among outcomes of the same rank the first reason stays.  FAIL: the
 * behaviour under test is wrong.  ERROR: the test could not run its check
 * (its own setup failed, e.g. no free page).  SKIP: the check does not apply
 * here.  The running test's result, its recording and the line format live
 * once, in kernel/test/outcome.c; each side (kernel/test/harness.c,
 * user/lib/ulib.c) resets and reports it.
 */
#ifndef PVMMU_TEST_ASSERT_H
#define PVMMU_TEST_ASSERT_H

#include <stdarg.h>
#include <stddef.h>

enum test_outcome { TEST_PASS, TEST_SKIP, TEST_ERROR, TEST_FAIL, TEST_NR_OUTCOMES };

struct test_result {
	enum test_outcome outcome;
	char reason[200];
};

/* "test: " + a name + ": ERROR: " + a reason fit. */
#define TEST_LINE_MAX 320

/** Back to PASS with no reason, for the next test. */
void test_result_reset(struct test_result *r);
/** Record @p o: it replaces the result only if it ranks worse. */
void test_result_vnote(struct test_result *r, enum test_outcome o, const char *fmt, va_list ap);
/** "PASS", "SKIP", "ERROR" or "FAIL". */
const char *test_outcome_name(enum test_outcome o);
/** "test: NAME: PASS" or "test: NAME: FAIL: why" (no newline) into @p buf. */
void test_result_line(const struct test_result *r, const char *name, char *buf, size_t size);

/** The running test's result (one test runs at a time, on either side). */
struct test_result *test_result_current(void);

void test_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void test_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void test_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * One test case, placed in a section the runner walks: KTEST (ktest.h) in
 * the kernel, UTEST (ulib.h) in a user program.  @flags are the side's own.
 */
struct test_case {
	const char *name;
	const char *desc;
	void (*fn)(void);
	unsigned int flags;
};

#define TEST_CASE_DECLARE(section_, name_, fn_, desc_, flags_)                          \
	static const struct test_case test_case_##fn_                                  \
		__attribute__((used, section(section_), aligned(8))) = {                \
			.name = name_, .desc = desc_, .fn = fn_, .flags = flags_ }

#define TEST_ASSERT(cond)                                                  \
	do {                                                               \
		if (!(cond)) {                                             \
			test_fail("%s:%d: %s", __FILE__, __LINE__, #cond); \
			return;                                            \
		}                                                          \
	} while (0)

/* The test's own setup must hold, or the test ends with ERROR: nothing was checked. */
#define TEST_REQUIRE(cond)                                                          \
	do {                                                                        \
		if (!(cond)) {                                                      \
			test_error("%s:%d: setup: %s", __FILE__, __LINE__, #cond); \
			return;                                                     \
		}                                                                   \
	} while (0)

/* Compares as long and prints both sides, in decimal and in hex. */
#define TEST_ASSERT_EQ(a, b)                                                               \
	do {                                                                               \
		long a_ = (long)(a), b_ = (long)(b);                                       \
		if (a_ != b_) {                                                            \
			test_fail("%s:%d: %s == %s (%ld != %ld; %#lx != %#lx)", __FILE__,  \
				  __LINE__, #a, #b, a_, b_, (unsigned long)a_, (unsigned long)b_); \
			return;                                                            \
		}                                                                          \
	} while (0)

#endif
