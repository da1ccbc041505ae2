/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/harness.c
 * @brief Selects, runs and reports in-guest tests, and cleans up after each.
 */
#include <stdarg.h>
#include <string.h>
#include "cmdline.h"
#include "ktest.h"
#include "mmu_stats.h"
#include "page_alloc.h"
#include "pv_mmu.h"
#include "vsprintf.h"

extern const struct test_case __ktests_start[], __ktests_end[];

static unsigned int counts[TEST_NR_OUTCOMES];

/* The pages the running test took, chained through page->next (ours while allocated). */
static struct page *test_pages;

struct page *test_alloc_page(void)
{
	struct page *page = alloc_page();

	if (page) {
		page->next = test_pages;
		test_pages = page;
	}
	return page;
}

void test_free_page(struct page *page)
{
	for (struct page **p = &test_pages; *p; p = &(*p)->next) {
		if (*p == page) {
			*p = page->next;
			free_page(page);
			return;
		}
	}
	test_error("test_free_page(pfn %#lx): not a page from test_alloc_page", page_to_pfn(page));
}

void test_free_pages(void)
{
	while (test_pages)
		test_free_page(test_pages);
}

/* Teardown the running test asked for, run last-in first-out whatever its outcome. */
static struct {
	void (*fn)(void *arg);
	void *arg;
} deferred[8];
static unsigned int nr_deferred;

void test_defer(void (*fn)(void *arg), void *arg)
{
	if (nr_deferred == ARRAY_SIZE(deferred)) {
		test_error("test_defer: more than %zu teardown steps; running this one now",
			   ARRAY_SIZE(deferred));
		fn(arg);
		return;
	}
	deferred[nr_deferred].fn = fn;
	deferred[nr_deferred++].arg = arg;
}

static void teardown(void)
{
	while (nr_deferred) {
		nr_deferred--;
		deferred[nr_deferred].fn(deferred[nr_deferred].arg);
	}
	test_free_pages();
}

/* What a test must give back: frames, page-table pages, pins. */
struct held {
	unsigned long free, pt_pages, pins;
};

static struct held held_now(void)
{
	return (struct held){ nr_free_pages(), mmu_stats.pt_live, mmu_stats.pins - mmu_stats.unpins };
}

static void check_leaks(const struct held *before)
{
	struct held after = held_now();

	if (memcmp(before, &after, sizeof(after)))
		test_fail("leak: free frames %lu -> %lu, page-table pages %lu -> %lu, pins %lu -> %lu",
			  before->free, after.free, before->pt_pages, after.pt_pages, before->pins,
			  after.pins);
}

static void run_one(const struct test_case *t)
{
	char line[TEST_LINE_MAX];
	struct held before;

	/* A hook has no result to report: the outcome it provokes is the result. */
	if (t->flags & KTEST_HOOK_FLAG) {
		printk("test hook: %s: ending the boot on purpose\n", t->name);
		t->fn();
		panic("test hook %s returned", t->name);
	}
	test_result_reset(test_result_current());
	printk("test: %s: RUN\n", t->name);
	before = held_now();
	t->fn();
	teardown();
	check_leaks(&before);
	test_result_line(test_result_current(), t->name, line, sizeof(line));
	printk("%s\n", line);
	counts[test_result_current()->outcome]++;
}

/* "all" matches every test but selftests and hooks; "x*" every name starting with x but hooks. */
static bool selected(const struct test_case *t, const char *word, size_t len)
{
	if (len == 3 && !memcmp(word, "all", 3))
		return !t->flags;
	if (len && word[len - 1] == '*')
		return !(t->flags & KTEST_HOOK_FLAG) && !strncmp(t->name, word, len - 1);
	return strlen(t->name) == len && !memcmp(t->name, word, len);
}

/* A selection that runs nothing must not read as "0 failed": it is a failure of its own. */
static void __printf(1, 2) selection_fail(const char *fmt, ...)
{
	char why[TEST_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	/* Under a fixed name: the runner reads only [A-Za-z0-9_.-] names, not "x*". */
	printk("test: selection: FAIL: %s (make run KARGS=test=list lists the tests)\n", why);
	counts[TEST_FAIL]++;
}

static void run_word(const char *word, size_t len)
{
	bool found = false;

	for (const struct test_case *t = __ktests_start; t < __ktests_end; t++) {
		if (selected(t, word, len)) {
			found = true;
			run_one(t);
		}
	}
	if (!found)
		selection_fail("'%.*s' matches no test", (int)len, word);
}

static void list_tests(void)
{
	for (const struct test_case *t = __ktests_start; t < __ktests_end; t++)
		printk("  %-28s %s%s\n", t->name,
		       t->flags & KTEST_HOOK_FLAG ? "(hook: ends the boot) " :
		       t->flags & KTEST_SELFTEST_FLAG ? "(selftest: not in all) " : "",
		       t->desc);
}

void run_tests(const char *selection)
{
	const char *whole = selection;
	static char list[256];
	bool named = false;

	if (!*selection)
		return;
	if (!strcmp(selection, "list")) {
		printk("tests:\n");
		list_tests();
		return;
	}
	snprintf(list, sizeof(list), "%s", selection);
	for (char *rest = list, *word; (word = next_item(&rest, ','));) {
		if (*word) {
			named = true;
			run_word(word, strlen(word));
		}
	}
	if (!named)
		selection_fail("test=%s names no test", whole);
	printk("tests: %u passed, %u failed, %u skipped, %u errors\n", counts[TEST_PASS],
	       counts[TEST_FAIL], counts[TEST_SKIP], counts[TEST_ERROR]);
}
