/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/ktest.h
 * @brief The in-guest test harness: one line declares a test.
 *
 * A test is a function that returns normally to pass, or calls test_fail()
 * / test_skip() (or trips a TEST_ASSERT) first.  The kernel command line
 * selects tests (`test=all`, `test=a,b`, `test=mm.*`); each prints
 *   test: <name>: RUN
 *   test: <name>: PASS | FAIL: <reason> | SKIP: <reason>
 * which the runner counts.  A test that never prints its result (it crashed
 * the domain) is counted as failed by the runner.
 *
 * A hook is declared the same way but ends the boot on purpose (a panic, a
 * fault): it runs only when named, never as part of `all`.
 */
#ifndef PVMMU_KTEST_H
#define PVMMU_KTEST_H

#include <stdbool.h>
#include "kernel.h"
#include "test_assert.h"

struct ktest {
	const char *name;
	void (*fn)(void);
	bool hook;
};

#define KTEST_DECLARE(name_, fn_, hook_)                                              \
	static const struct ktest ktest_##fn_ __used __section(".ktests") __aligned(8) = { \
		.name = name_, .fn = fn_, .hook = hook_ }
#define KTEST(name, fn) KTEST_DECLARE(name, fn, false)
#define KTEST_HOOK(name, fn) KTEST_DECLARE(name, fn, true)

/** Mark the running test skipped with a reason. */
void test_skip(const char *fmt, ...) __printf(1, 2);

/** Run the tests named in @p selection (comma-separated; "all"; "prefix*"). */
void run_tests(const char *selection);

#endif
