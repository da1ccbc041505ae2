/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_boot.c
 * @brief Tests of the foundation: start_info, Xen time, and the crash hooks.
 */
#include <string.h>
#include "clock.h"
#include "hypercall.h"
#include "ktest.h"
#include "xen_time.h"

static void test_start_info(void)
{
	const start_info_t *si = xen_start_info;

	TEST_ASSERT(!strncmp(si->magic, "xen-3.0-x86_64", 14));
	TEST_ASSERT(si->nr_pages > 0);
	/* A domU (from xl) has no dom0 flag but a console ring and xenstore instead. */
	if (!(si->flags & SIF_INITDOMAIN)) {
		TEST_ASSERT(si->console.domU.mfn && si->store_mfn);
		TEST_ASSERT(!(si->flags & SIF_PRIVILEGED));
	}
	TEST_ASSERT_EQ(si->pt_base & 0xfff, 0);
	TEST_ASSERT(si->nr_pt_frames >= 4); /* at least one table per level */
}
KTEST("boot.start_info", test_start_info, "start_info: magic, pages, dom0 flag or domU rings, page-table frames");

static void test_time_advances(void)
{
	uint64_t t0 = xen_system_time(), t1;

	/* Xen time is running and monotonic; 1 ms is a loose bound under TCG. */
	do
		t1 = xen_system_time();
	while (t1 - t0 < 1000000 && t1 >= t0);
	TEST_ASSERT(t1 >= t0);
	TEST_ASSERT(kernel_uptime_ns() > 0);
}
KTEST("boot.time", test_time_advances, "Xen system time runs and is monotonic; uptime is positive");

static void test_xen_version(void)
{
	long v = HYPERVISOR_xen_version(XENVER_version, NULL);

	TEST_ASSERT(v >= 0);
	/* The ABI headers are 4.14's interface and later; Debian 12 ships 4.17. */
	TEST_ASSERT(v >= ((4 << 16) | 14));
}
KTEST("boot.xen_version", test_xen_version, "xen_version reports 4.14 or later");

static void hook_panic(void)
{
	panic("test hook: panic requested on the command line");
}
KTEST_HOOK("panic", hook_panic, "panics, for the panic report");

static void hook_fault(void)
{
	/* An unmapped user-half address: a #PF in the kernel with traps registered. */
	*(volatile unsigned long *)0xdead000UL = 1;
}
KTEST_HOOK("fault", hook_fault, "writes to an unmapped address, for the #PF report");
