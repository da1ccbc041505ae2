/* SPDX-License-Identifier: MIT */
/**
 * @file tests/host/test_multicall.c
 * @brief Host unit tests for the hypercall batching of kernel/xen/multicall.c.
 *
 * multicall.c is built against tests/host/shim/hypercall.h, so what would
 * reach Xen reaches the recording fake of fake_xen.c instead: the tests
 * check how requests were packed into trips, entries and requests, the
 * mmu_stats counters, and the panic a refused request causes.  The fail=
 * hook (kernel/xen/fault_inject.c) is linked as it is; with fail= empty it
 * lets every request through, so every refusal here comes from the fake.
 *
 * multicall.c keeps its queue in static state.  A test that panics leaves
 * the queue as the panic found it, so every test starts by leaving lazy
 * mode (which flushes any leftovers into a fake that no longer fails) and
 * by checking that a single update then goes straight to Xen.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "errno.h"
#include "fake_xen.h"
#include "fault_inject.h"
#include "mmu_stats.h"
#include "multicall.h"
#include "pv_mmu.h"
#include "support.h"

/* The queue's documented capacity. */
#define BATCH_ENTRIES 32
#define ARG_BYTES 8192
#define MMU_UPDATES_PER_FLUSH (ARG_BYTES / sizeof(mmu_update_t))

/* Three mmu_update sites and two mmuext_op sites: an entry holds one site's requests. */
static const enum mmu_site_id site_a = MMU_SITE_SET_PTE, site_b = MMU_SITE_SET_PMD,
			      site_c = MMU_SITE_SET_PUD;
static const enum mmu_site_id ext_a = MMU_SITE_FLUSH_TLB, ext_b = MMU_SITE_PGD_ALLOC_PIN;

static uint64_t ptr_of(unsigned int i) { return 0x12345000ULL + 8ULL * i; }
static uint64_t val_of(unsigned int i) { return ((uint64_t)(i + 1) << PAGE_SHIFT) | PAGE_TABLE; }

static int setup(void **state)
{
	(void)state;
	host_cpu.id = 0;
	fake_xen_reset();
	xen_mc_set_lazy(false);
	fake_xen_reset();
	xen_mc_mmu_update(1, 2, MMU_SITE_ALLOC_PT);
	if (fake_xen.trips != 1 || fake_xen.nr_calls != 1 || fake_xen.calls[0].in_multicall ||
	    fake_xen.calls[0].count != 1 || xen_mc_lazy()) {
		print_error("multicall state not clean: the probe update made %u trips\n",
			    fake_xen.trips);
		return -1;
	}
	fake_xen_reset();
	memset(&mmu_stats, 0, sizeof(mmu_stats));
	host_log_reset();
	return 0;
}

/* After every test that did not panic: events masked for each trip, and unmasked after. */
static int check_events(void **state)
{
	(void)state;
	if (fake_xen.unmasked_trips || fake_xen.evtchn_mask) {
		print_error("events: %u trips made unmasked, mask left at %u\n",
			    fake_xen.unmasked_trips, fake_xen.evtchn_mask);
		return -1;
	}
	return 0;
}

static void assert_stats(unsigned long hypercalls, unsigned long multicalls,
			 unsigned long mc_entries, unsigned long mmu_updates,
			 unsigned long mmuext_ops, unsigned long pins, unsigned long unpins)
{
	const struct mmu_stats *s = &mmu_stats;

	if (s->hypercalls != hypercalls || s->multicalls != multicalls ||
	    s->mc_entries != mc_entries || s->mmu_updates != mmu_updates ||
	    s->mmuext_ops != mmuext_ops || s->pins != pins || s->unpins != unpins || s->pt_pages)
		fail_msg("mmu_stats hypercalls/multicalls/mc_entries/mmu_updates/mmuext_ops/pins/unpins "
			 "= %lu/%lu/%lu/%lu/%lu/%lu/%lu (pt_pages %lu), expected %lu/%lu/%lu/%lu/%lu/%lu/%lu",
			 s->hypercalls, s->multicalls, s->mc_entries, s->mmu_updates, s->mmuext_ops,
			 s->pins, s->unpins, s->pt_pages, hypercalls, multicalls, mc_entries,
			 mmu_updates, mmuext_ops, pins, unpins);
	/* Our stats and Xen's view of the trips must agree. */
	assert_int_equal(fake_xen.trips, hypercalls);
	assert_int_equal(fake_xen.multicalls, multicalls);
}

/* Call @p i reached Xen in trip @p trip, as described. */
static void assert_call(unsigned int i, unsigned int trip, bool in_multicall, unsigned long op,
			unsigned int count)
{
	const struct fake_call *c = &fake_xen.calls[i];

	assert_true(i < fake_xen.nr_calls);
	if (c->trip != trip || c->in_multicall != in_multicall || c->op != op || c->count != count)
		fail_msg("call %u: trip %u, %s, op %lu, %u requests; expected trip %u, %s, op %lu, "
			 "%u requests", i, c->trip, c->in_multicall ? "multicall" : "direct", c->op,
			 c->count, trip, in_multicall ? "multicall" : "direct", op, count);
}

/* Request @p r reached Xen as mmu_update request @p i of the queueing order. */
static void assert_update(unsigned int r, unsigned int i)
{
	assert_true(r < fake_xen.nr_reqs);
	assert_int_equal(fake_xen.reqs[r].a, ptr_of(i));
	assert_int_equal(fake_xen.reqs[r].b, val_of(i));
}

static void update(unsigned int i, enum mmu_site_id site)
{
	xen_mc_mmu_update(ptr_of(i), val_of(i), site);
}

static void test_single_update_is_direct(void **state)
{
	(void)state;
	update(0, site_a);
	assert_int_equal(fake_xen.nr_calls, 1);
	assert_call(0, 0, false, __HYPERVISOR_mmu_update, 1);
	assert_update(0, 0);
	assert_stats(1, 0, 0, 1, 0, 0, 0);

	/* Outside a batch and lazy mode each update goes at once: no merging across calls. */
	update(1, site_a);
	assert_call(1, 1, false, __HYPERVISOR_mmu_update, 1);
	assert_update(1, 1);
	assert_stats(2, 0, 0, 2, 0, 0, 0);
}

static void test_same_site_merges(void **state)
{
	(void)state;
	xen_mc_batch();
	for (unsigned int i = 0; i < 5; i++)
		update(i, site_a);
	assert_int_equal(fake_xen.trips, 0);
	xen_mc_issue();
	/* One entry of five requests: a batch of one entry goes as a direct hypercall. */
	assert_int_equal(fake_xen.nr_calls, 1);
	assert_call(0, 0, false, __HYPERVISOR_mmu_update, 5);
	for (unsigned int i = 0; i < 5; i++)
		assert_update(i, i);
	assert_stats(1, 0, 0, 5, 0, 0, 0);
}

static void test_new_entry_per_site_and_op(void **state)
{
	(void)state;
	xen_mc_batch();
	update(0, site_a);
	update(1, site_a);
	update(2, site_b);
	update(3, site_b);
	update(4, site_b);
	xen_mc_mmuext_op(MMUEXT_TLB_FLUSH_LOCAL, 0, ext_b);
	update(5, site_b);
	update(6, site_c);
	update(7, site_a);
	xen_mc_issue();

	assert_int_equal(fake_xen.nr_calls, 6);
	assert_call(0, 0, true, __HYPERVISOR_mmu_update, 2);
	assert_call(1, 0, true, __HYPERVISOR_mmu_update, 3);
	assert_call(2, 0, true, __HYPERVISOR_mmuext_op, 1);
	assert_call(3, 0, true, __HYPERVISOR_mmu_update, 1);
	assert_call(4, 0, true, __HYPERVISOR_mmu_update, 1);
	assert_call(5, 0, true, __HYPERVISOR_mmu_update, 1);
	for (unsigned int i = 0; i < 5; i++)
		assert_update(i, i);
	assert_int_equal(fake_xen.reqs[5].a, MMUEXT_TLB_FLUSH_LOCAL);
	for (unsigned int i = 5; i < 8; i++)
		assert_update(i + 1, i);
	assert_stats(1, 1, 6, 8, 1, 0, 0);
}

static void test_nested_batches(void **state)
{
	(void)state;
	xen_mc_batch();
	xen_mc_batch();
	update(0, site_a);
	xen_mc_issue();
	/* Only the outermost issue sends the batch, and unmasks events. */
	assert_int_equal(fake_xen.trips, 0);
	assert_int_equal(fake_xen.evtchn_mask, 1);
	update(1, site_a);
	xen_mc_issue();
	assert_int_equal(fake_xen.evtchn_mask, 0);
	assert_int_equal(fake_xen.nr_calls, 1);
	assert_call(0, 0, false, __HYPERVISOR_mmu_update, 2);
	assert_stats(1, 0, 0, 2, 0, 0, 0);
}

static void test_lazy_mode_holds_the_batch(void **state)
{
	(void)state;
	xen_mc_set_lazy(true);
	assert_true(xen_mc_lazy());
	update(0, site_a);
	xen_mc_batch();
	update(1, site_a);
	update(2, site_b);
	xen_mc_issue();
	update(3, site_b);
	assert_int_equal(fake_xen.trips, 0);
	assert_stats(0, 0, 0, 4, 0, 0, 0);
	/* Held, but with no batch open events are deliverable. */
	assert_int_equal(fake_xen.evtchn_mask, 0);

	xen_mc_set_lazy(false);
	assert_false(xen_mc_lazy());
	assert_int_equal(fake_xen.nr_calls, 2);
	assert_call(0, 0, true, __HYPERVISOR_mmu_update, 2);
	assert_call(1, 0, true, __HYPERVISOR_mmu_update, 2);
	for (unsigned int i = 0; i < 4; i++)
		assert_update(i, i);
	assert_stats(1, 1, 2, 4, 0, 0, 0);
}

/*
 * Each vCPU has its own batch and lazy mode (smp_processor_id picks the
 * buffer): what vCPU 0 holds back never rides in vCPU 1's trip, and vCPU 1
 * is not lazy because vCPU 0 is.
 */
static void test_per_cpu_batches(void **state)
{
	(void)state;
	xen_mc_set_lazy(true);
	update(0, site_a);
	host_cpu.id = 1;
	assert_false(xen_mc_lazy());
	update(1, site_a);
	assert_int_equal(fake_xen.trips, 1);
	assert_int_equal(fake_xen.nr_reqs, 1);
	assert_update(0, 1);
	host_cpu.id = 0;
	assert_true(xen_mc_lazy());
	xen_mc_set_lazy(false);
	assert_int_equal(fake_xen.trips, 2);
	assert_int_equal(fake_xen.nr_reqs, 2);
	assert_update(1, 0);
}

static void test_flush_when_args_fill(void **state)
{
	const unsigned int n = MMU_UPDATES_PER_FLUSH;

	(void)state;
	assert_int_equal(n, 512);
	xen_mc_set_lazy(true);
	for (unsigned int i = 0; i < n; i++)
		update(i, site_a);
	assert_int_equal(fake_xen.trips, 0);
	/* Request 513 does not fit: the first 512 go, even in lazy mode. */
	update(n, site_a);
	assert_int_equal(fake_xen.nr_calls, 1);
	assert_call(0, 0, false, __HYPERVISOR_mmu_update, n);
	for (unsigned int i = 0; i < n; i++)
		assert_update(i, i);
	xen_mc_set_lazy(false);
	assert_int_equal(fake_xen.nr_calls, 2);
	assert_call(1, 1, false, __HYPERVISOR_mmu_update, 1);
	assert_update(n, n);
	assert_stats(2, 0, 0, n + 1, 0, 0, 0);
}

static void test_flush_when_args_fill_mmuext(void **state)
{
	const unsigned int n = ARG_BYTES / sizeof(struct mmuext_op);

	(void)state;
	xen_mc_set_lazy(true);
	for (unsigned int i = 0; i <= n; i++) {
		assert_int_equal(fake_xen.trips, 0);
		xen_mc_mmuext_op(MMUEXT_INVLPG_LOCAL, 0x400000UL + i * PAGE_SIZE, ext_a);
	}
	assert_int_equal(fake_xen.nr_calls, 1);
	assert_call(0, 0, false, __HYPERVISOR_mmuext_op, n);
	xen_mc_set_lazy(false);
	assert_call(1, 1, false, __HYPERVISOR_mmuext_op, 1);
	for (unsigned int i = 0; i <= n; i++) {
		assert_int_equal(fake_xen.reqs[i].a, MMUEXT_INVLPG_LOCAL);
		assert_int_equal(fake_xen.reqs[i].b, 0x400000UL + i * PAGE_SIZE);
	}
	assert_stats(2, 0, 0, 0, n + 1, 0, 0);
}

static void test_args_shared_across_entries(void **state)
{
	const unsigned int updates = MMU_UPDATES_PER_FLUSH / 2;
	/* What still fits after the updates, in whole mmuext_ops. */
	const unsigned int ops = (ARG_BYTES - updates * sizeof(mmu_update_t)) /
				 sizeof(struct mmuext_op);

	(void)state;
	xen_mc_batch();
	for (unsigned int i = 0; i < updates; i++)
		update(i, site_a);
	for (unsigned int i = 0; i <= ops; i++)
		xen_mc_mmuext_op(MMUEXT_TLB_FLUSH_LOCAL, 0, ext_b);
	/* The op that did not fit sent the two entries before it. */
	assert_int_equal(fake_xen.nr_calls, 2);
	assert_call(0, 0, true, __HYPERVISOR_mmu_update, updates);
	assert_call(1, 0, true, __HYPERVISOR_mmuext_op, ops);
	xen_mc_issue();
	assert_call(2, 1, false, __HYPERVISOR_mmuext_op, 1);
	assert_stats(2, 1, 2, updates, ops + 1, 0, 0);
}

static void test_flush_when_entries_fill(void **state)
{
	(void)state;
	xen_mc_set_lazy(true);
	for (unsigned int i = 0; i < BATCH_ENTRIES; i++)
		update(i, i % 2 ? site_b : site_a);
	assert_int_equal(fake_xen.trips, 0);
	/* A 33rd entry: the full 32 go as one multicall. */
	update(BATCH_ENTRIES, site_c);
	assert_int_equal(fake_xen.trips, 1);
	assert_int_equal(fake_xen.nr_calls, BATCH_ENTRIES);
	for (unsigned int i = 0; i < BATCH_ENTRIES; i++) {
		assert_call(i, 0, true, __HYPERVISOR_mmu_update, 1);
		assert_update(i, i);
	}
	/* A request that merges into the last entry needs no new one: nothing more goes. */
	update(BATCH_ENTRIES + 1, site_c);
	assert_int_equal(fake_xen.trips, 1);
	xen_mc_set_lazy(false);
	assert_call(BATCH_ENTRIES, 1, false, __HYPERVISOR_mmu_update, 2);
	assert_update(BATCH_ENTRIES, BATCH_ENTRIES);
	assert_update(BATCH_ENTRIES + 1, BATCH_ENTRIES + 1);
	assert_stats(2, 1, BATCH_ENTRIES, BATCH_ENTRIES + 2, 0, 0, 0);
}

static unsigned int callbacks_run;
static unsigned int callback_tags[64], callback_trips[64];

static void callback(void *data)
{
	assert_true(callbacks_run < 64);
	callback_tags[callbacks_run] = *(const unsigned int *)data;
	callback_trips[callbacks_run++] = fake_xen.trips;
}

static void test_callbacks_after_flush(void **state)
{
	static const unsigned int tags[] = { 11, 22, 33 };

	(void)state;
	callbacks_run = 0;
	xen_mc_batch();
	update(0, site_a);
	xen_mc_callback(callback, (void *)&tags[0]);
	update(1, site_b);
	xen_mc_callback(callback, (void *)&tags[1]);
	assert_int_equal(callbacks_run, 0);
	xen_mc_issue();
	assert_int_equal(callbacks_run, 2);
	/* In the order registered, and after the trip that carried the batch. */
	assert_int_equal(callback_tags[0], 11);
	assert_int_equal(callback_tags[1], 22);
	assert_int_equal(callback_trips[0], 1);
	assert_int_equal(callback_trips[1], 1);

	/* Lazy mode holds callbacks with the batch. */
	xen_mc_set_lazy(true);
	update(2, site_a);
	xen_mc_callback(callback, (void *)&tags[2]);
	assert_int_equal(callbacks_run, 2);
	xen_mc_set_lazy(false);
	assert_int_equal(callbacks_run, 3);
	assert_int_equal(callback_tags[2], 33);
	assert_int_equal(callback_trips[2], 2);
	assert_stats(2, 1, 2, 3, 0, 0, 0);
}

static void test_callbacks_fill(void **state)
{
	static const unsigned int tag = 7;

	(void)state;
	callbacks_run = 0;
	xen_mc_set_lazy(true);
	for (unsigned int i = 0; i < BATCH_ENTRIES; i++)
		xen_mc_callback(callback, (void *)&tag);
	assert_int_equal(callbacks_run, 0);
	/* The 33rd has no room: the 32 run, with nothing queued there is no trip. */
	xen_mc_callback(callback, (void *)&tag);
	assert_int_equal(callbacks_run, BATCH_ENTRIES);
	xen_mc_set_lazy(false);
	assert_int_equal(callbacks_run, BATCH_ENTRIES + 1);
	assert_stats(0, 0, 0, 0, 0, 0, 0);
}

/* A _MULTI flush carries the address of the caller's mask, which Xen reads when it reaches the op. */
static void test_mask_op_points_at_the_mask(void **state)
{
	static const unsigned long mask[1] = { 0x5 };

	(void)state;
	xen_mc_batch();
	update(0, site_a);
	xen_mc_mmuext_op_mask(MMUEXT_INVLPG_MULTI, 0x400000UL, mask, ext_a);
	xen_mc_mmuext_op_mask(MMUEXT_TLB_FLUSH_MULTI, 0, mask, ext_a);
	xen_mc_issue();
	/* One multicall: the update first, then both flushes merged into one entry. */
	assert_call(0, 0, true, __HYPERVISOR_mmu_update, 1);
	assert_call(1, 0, true, __HYPERVISOR_mmuext_op, 2);
	assert_int_equal(fake_xen.reqs[1].a, MMUEXT_INVLPG_MULTI);
	assert_int_equal(fake_xen.reqs[1].b, 0x400000UL);
	assert_int_equal(fake_xen.reqs[1].c, (uintptr_t)mask);
	assert_int_equal(fake_xen.reqs[2].a, MMUEXT_TLB_FLUSH_MULTI);
	assert_int_equal(fake_xen.reqs[2].c, (uintptr_t)mask);
	assert_stats(1, 1, 2, 1, 2, 0, 0);
}

static void test_stats_pins(void **state)
{
	static const struct {
		unsigned int cmd;
		unsigned long arg;
	} ops[] = {
		{ MMUEXT_PIN_L1_TABLE, 0x101 }, { MMUEXT_PIN_L2_TABLE, 0x102 },
		{ MMUEXT_PIN_L3_TABLE, 0x103 }, { MMUEXT_PIN_L4_TABLE, 0x104 },
		{ MMUEXT_UNPIN_TABLE, 0x105 }, { MMUEXT_NEW_BASEPTR, 0x106 },
		{ MMUEXT_TLB_FLUSH_LOCAL, 0 }, { MMUEXT_INVLPG_LOCAL, 0x7000 },
		{ MMUEXT_NEW_USER_BASEPTR, 0x109 },
	};
	const unsigned int n = sizeof(ops) / sizeof(ops[0]);

	(void)state;
	for (unsigned int i = 0; i < n; i++)
		xen_mc_mmuext_op(ops[i].cmd, ops[i].arg, ext_a);
	for (unsigned int i = 0; i < n; i++) {
		assert_call(i, i, false, __HYPERVISOR_mmuext_op, 1);
		assert_int_equal(fake_xen.reqs[i].a, ops[i].cmd);
		assert_int_equal(fake_xen.reqs[i].b, ops[i].arg);
	}
	assert_stats(n, 0, 0, 0, n, 4, 1);

	/* Counted per request, also when requests merge into one entry. */
	xen_mc_batch();
	xen_mc_mmuext_op(MMUEXT_PIN_L4_TABLE, 0x201, ext_b);
	xen_mc_mmuext_op(MMUEXT_PIN_L4_TABLE, 0x202, ext_b);
	xen_mc_mmuext_op(MMUEXT_UNPIN_TABLE, 0x203, ext_b);
	update(0, site_b);
	xen_mc_issue();
	assert_call(n, n, true, __HYPERVISOR_mmuext_op, 3);
	assert_call(n + 1, n, true, __HYPERVISOR_mmu_update, 1);
	assert_stats(n + 1, 1, 2, 1, n + 3, 6, 2);
}

/* ---- refused requests: each must panic naming where and what ---- */

/*
 * The panic must start with the site and name each of @p needles (the
 * request, its arguments, the error).  Checked piece by piece, so that the
 * wording around them may change.
 */
static void assert_panic_names(enum mmu_site_id id, const char *site, const char *const *needles)
{
	assert_string_equal(mmu_site(id)->name, site);
	if (strncmp(host_panic_msg, site, strlen(site)) || host_panic_msg[strlen(site)] != ':')
		fail_msg("panic does not start with the site \"%s\":\n%s", site, host_panic_msg);
	for (; *needles; needles++)
		assert_panic_contains(*needles);
}

static void test_fail_direct_update(void **state)
{
	const enum mmu_site_id site = MMU_SITE_SET_PTE;
	char ptr[64], val[64];

	(void)state;
	fake_xen.fail_req = 3;
	fake_xen.fail_req_rc = -EINVAL;
	xen_mc_batch();
	for (unsigned int i = 0; i < 5; i++)
		update(i, site);
	expect_panic(xen_mc_issue());
	snprintf(ptr, sizeof(ptr), "ptr=%#llx", (unsigned long long)ptr_of(3));
	snprintf(val, sizeof(val), "val=%#llx", (unsigned long long)val_of(3));
	assert_panic_names(site, "set_pte", (const char *const[]){ "mmu_update request 3 of 5", ptr, val,
							 "-22 (EINVAL)", NULL });
	assert_call(0, 0, false, __HYPERVISOR_mmu_update, 5);
	assert_int_equal(fake_xen.calls[0].rc, -EINVAL);
}

static void test_fail_in_multicall(void **state)
{
	char ptr[64], val[64];

	(void)state;
	/* Request 2 of site_b's entry: the 5th request Xen sees overall. */
	fake_xen.fail_req = 4;
	fake_xen.fail_req_rc = -EBUSY;
	xen_mc_batch();
	update(0, site_a);
	update(1, site_a);
	for (unsigned int i = 2; i < 6; i++)
		update(i, site_b);
	update(6, site_a);
	expect_panic(xen_mc_issue());
	snprintf(ptr, sizeof(ptr), "ptr=%#llx", (unsigned long long)ptr_of(4));
	snprintf(val, sizeof(val), "val=%#llx", (unsigned long long)val_of(4));
	assert_panic_names(site_b, "set_pmd", (const char *const[]){ "mmu_update request 2 of 4", ptr, val,
							   "-16 (EBUSY)", NULL });
	/* Xen ran every entry; only the second failed. */
	assert_int_equal(fake_xen.nr_calls, 3);
	assert_int_equal(fake_xen.calls[0].rc, 0);
	assert_int_equal(fake_xen.calls[1].rc, -EBUSY);
	assert_int_equal(fake_xen.calls[2].rc, 0);
}

static void test_fail_mmuext(void **state)
{
	const enum mmu_site_id site = MMU_SITE_PGD_ALLOC_PIN;

	(void)state;
	fake_xen.fail_req = 2;
	fake_xen.fail_req_rc = -EINVAL;
	xen_mc_set_lazy(true);
	update(0, site_a);
	xen_mc_mmuext_op(MMUEXT_PIN_L4_TABLE, 0x1234, site);
	xen_mc_mmuext_op(MMUEXT_PIN_L4_TABLE, 0x5678, site);
	/* Leaving lazy mode sends the batch, and the failure is reported there. */
	expect_panic(xen_mc_set_lazy(false));
	assert_panic_names(site, "pgd_alloc.pin", (const char *const[]){ "mmuext_op 1 of 2", "cmd=3", "0x5678",
							 "-22 (EINVAL)", NULL });
	assert_true(!strstr(host_panic_msg, "0x1234"));
}

static void test_fail_whole_call(void **state)
{
	(void)state;
	fake_xen.fail_call = 0;
	fake_xen.fail_call_rc = -ENOMEM;
	xen_mc_batch();
	for (unsigned int i = 0; i < 3; i++)
		update(i, site_a);
	expect_panic(xen_mc_issue());
	/* Every request went through, yet the call failed: the message names the call. */
	assert_panic_names(site_a, "set_pte", (const char *const[]){ "mmu_update", "3 requests",
							   "-12 (ENOMEM)", NULL });
	assert_true(!strstr(host_panic_msg, "request 3 of"));
}

/* A site belongs to one op: queueing an mmuext op under an mmu_update site is a kernel bug. */
static void test_site_of_other_op(void **state)
{
	(void)state;
	expect_panic(xen_mc_mmuext_op(MMUEXT_TLB_FLUSH_LOCAL, 0, site_a));
	assert_panic_contains("BUG");
}

static void test_fail_multicall_itself(void **state)
{
	(void)state;
	fake_xen.multicall_rc = -EFAULT;
	xen_mc_batch();
	update(0, site_a);
	update(1, site_b);
	expect_panic(xen_mc_issue());
	assert_panic_contains("multicall(2 entries) failed: -14 (EFAULT)");
	assert_int_equal(fake_xen.nr_calls, 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, check_events)
#define T_PANICS(fn) cmocka_unit_test_setup(fn, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_single_update_is_direct),
		T(test_same_site_merges),
		T(test_new_entry_per_site_and_op),
		T(test_nested_batches),
		T(test_lazy_mode_holds_the_batch),
		T(test_per_cpu_batches),
		T(test_flush_when_args_fill),
		T(test_flush_when_args_fill_mmuext),
		T(test_args_shared_across_entries),
		T(test_flush_when_entries_fill),
		T(test_callbacks_after_flush),
		T(test_callbacks_fill),
		T(test_mask_op_points_at_the_mask),
		T(test_stats_pins),
		T_PANICS(test_fail_direct_update),
		T_PANICS(test_fail_in_multicall),
		T_PANICS(test_fail_mmuext),
		T_PANICS(test_fail_whole_call),
		T_PANICS(test_fail_multicall_itself),
		T_PANICS(test_site_of_other_op),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
