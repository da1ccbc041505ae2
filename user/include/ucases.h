/* SPDX-License-Identifier: MIT */
/**
 * @file user/include/ucases.h
 * @brief Attack cases, each run in a child that must end as expected and leak nothing.
 *
 * A case function ends with exit(0) (or dies as its case expects): an
 * assertion that fails returns early instead, and the child exits 1.  Once
 * the child is reaped, the free frames, page-table pages and pins must be as
 * they were before it was forked.
 */
#ifndef PVMMU_UCASES_H
#define PVMMU_UCASES_H

#include "ulib.h"

struct ucase {
	const char *name;
	void (*fn)(void);
	int status;	/* the child's expected exit status */
};

static const struct ucase *ucase_running;

static void ucase_child(void)
{
	ucase_running->fn();
	exit(1);	/* an assertion failed */
}

static inline void run_ucases(const struct ucase *cases, unsigned int n)
{
	for (const struct ucase *c = cases; c < cases + n; c++) {
		struct pvmmu_stats before, after;
		int status;

		test_begin(c->name);
		ucase_running = c;
		pvmmu_stats(&before);
		status = run_child(ucase_child);
		pvmmu_stats(&after);
		if (status != c->status)
			test_fail("child exit status %d, expected %d", status, c->status);
		else if (after.free_pages != before.free_pages || after.pt_pages != before.pt_pages ||
			 after.pins != before.pins)
			test_fail("free frames %lu -> %lu, page tables %lu -> %lu, pins %lu -> %lu",
				  before.free_pages, after.free_pages, before.pt_pages, after.pt_pages,
				  before.pins, after.pins);
		test_end();
	}
}

#endif
