/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/harness.c
 * @brief Selects, runs and reports in-guest tests.
 */
#include <stdarg.h>
#include <string.h>
#include "cmdline.h"
#include "ktest.h"
#include "vsprintf.h"

extern const struct ktest __ktests_start[], __ktests_end[];

enum result { RESULT_PASS, RESULT_FAIL, RESULT_SKIP };

static enum result result;
static char reason[256];
static unsigned int counts[3];

static void set_result(enum result r, const char *fmt, va_list ap)
{
	if (result != RESULT_PASS)
		return;
	result = r;
	vsnprintf(reason, sizeof(reason), fmt, ap);
}

void test_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_result(RESULT_FAIL, fmt, ap);
	va_end(ap);
}

void test_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_result(RESULT_SKIP, fmt, ap);
	va_end(ap);
}

static void run_one(const struct ktest *t)
{
	/* A hook has no result to report: the outcome it provokes is the result. */
	if (t->hook) {
		printk("test hook: %s: ending the boot on purpose\n", t->name);
		t->fn();
		panic("test hook %s returned", t->name);
	}
	result = RESULT_PASS;
	printk("test: %s: RUN\n", t->name);
	t->fn();
	if (result == RESULT_PASS)
		printk("test: %s: PASS\n", t->name);
	else
		printk("test: %s: %s: %s\n", t->name, result == RESULT_FAIL ? "FAIL" : "SKIP",
		       reason);
	counts[result]++;
}

/* "all" matches every test but hooks; "x*" every name starting with x. */
static bool selected(const struct ktest *t, const char *word, size_t len)
{
	if (len == 3 && !memcmp(word, "all", 3))
		return !t->hook;
	if (len && word[len - 1] == '*')
		return !t->hook && !strncmp(t->name, word, len - 1);
	return strlen(t->name) == len && !memcmp(t->name, word, len);
}

static void run_word(const char *word, size_t len)
{
	bool found = false;

	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++) {
		if (selected(t, word, len)) {
			found = true;
			run_one(t);
		}
	}
	if (!found) {
		printk("test: %.*s: FAIL: no such test (make run KARGS=test=list lists them)\n",
		       (int)len, word);
		counts[RESULT_FAIL]++;
	}
}

static void list_tests(void)
{
	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++)
		printk("  %-28s%s\n", t->name, t->hook ? "(hook: ends the boot)" : "");
}

void run_tests(const char *selection)
{
	static char list[256];

	if (!*selection)
		return;
	if (!strcmp(selection, "list")) {
		printk("tests:\n");
		list_tests();
		return;
	}
	snprintf(list, sizeof(list), "%s", selection);
	for (char *rest = list, *word; (word = next_item(&rest, ','));)
		if (*word)
			run_word(word, strlen(word));
	printk("tests: %u passed, %u failed, %u skipped\n", counts[RESULT_PASS],
	       counts[RESULT_FAIL], counts[RESULT_SKIP]);
}
