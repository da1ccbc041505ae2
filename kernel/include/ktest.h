/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/ktest.h
 * @brief The in-guest test harness: one line declares a test.
 *
 * A test is a function that returns normally to pass, or records an outcome
 * first: test_fail() / TEST_ASSERT (the behaviour is wrong), test_error() /
 * TEST_REQUIRE (its own setup failed), test_skip().  The worst one wins
 * (test_assert.h).  The kernel command line selects tests (`test=all`,
 * `test=a,b`, `test=mm.*`); each prints
 *   test: <name>: RUN
 *   test: <name>: PASS | FAIL: <reason> | ERROR: <reason> | SKIP: <reason>
 * which the runner counts.  A test that never prints its result (it crashed
 * the domain) is counted as failed by the runner.
 *
 * Pages a test takes with test_alloc_page() go back after the test whatever
 * its outcome, after the teardown it asked for with test_defer(); and a test that leaves the count of free frames, page-table
 * pages or pins changed fails, the counts named.
 *
 * A selftest checks the harness itself and fails on purpose: it runs when
 * named (or matched by `prefix*`), never as part of `all`.  A hook ends the
 * boot on purpose (a panic, a fault): it runs only when named exactly.
 */
#ifndef PVMMU_KTEST_H
#define PVMMU_KTEST_H

#include <stdbool.h>
#include "kernel.h"
#include "mm.h"
#include "test_assert.h"

#define KTEST_SELFTEST_FLAG 1u
#define KTEST_HOOK_FLAG 2u

#define KTEST(name, fn, desc) TEST_CASE_DECLARE(".ktests", name, fn, desc, 0)
#define KTEST_SELFTEST(name, fn, desc) TEST_CASE_DECLARE(".ktests", name, fn, desc, KTEST_SELFTEST_FLAG)
#define KTEST_HOOK(name, fn, desc) TEST_CASE_DECLARE(".ktests", name, fn, desc, KTEST_HOOK_FLAG)

/** A page the harness frees after the running test; NULL when none is free. */
struct page *test_alloc_page(void);
/** Give back one page from test_alloc_page() before the test ends. */
void test_free_page(struct page *page);
/** Give back every page the running test took with test_alloc_page(). */
void test_free_pages(void);

/** Run @p fn(@p arg) after the running test, whatever its outcome (last deferred, first run). */
void test_defer(void (*fn)(void *arg), void *arg);

/** Run the tests named in @p selection (comma-separated; "all"; "prefix*"; "list"). */
void run_tests(const char *selection);

#endif
