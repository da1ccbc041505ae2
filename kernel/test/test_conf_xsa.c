/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_conf_xsa.c
 * @brief Conformance, PV MMU security advisories a 64-bit PV guest can
 *        observe: each test asserts the fixed behaviour; its description
 *        says what a vulnerable Xen allowed.
 */
#include "test_conf.h"

/*
 * XSA-182: mod_l3_entry/mod_l4_entry take a fast path when only "safe" flags
 * change; RW was treated as safe, so a read-only self-map could be made
 * writable without revalidation.  Fixed: RW is off the fast path's list.
 */
static void test_xsa182(void)
{
	pteval_t *l1 = conf_chain();
	pteval_t *l3 = l1 ? conf_chain_table(PT_PUD) : NULL, *l4 = conf_table(PT_PGD);

	TEST_REQUIRE(l1 && l3 && l4);
	TEST_REQUIRE(conf_pin(l4, PT_PGD) == 0);
	TEST_REQUIRE(conf_set(l4, 1, conf_entry(l4, PAGE_KERNEL_RX)) == 0);
	TEST_REQUIRE(conf_set(l3, 1, conf_entry(l3, PAGE_KERNEL_RX)) == 0);
	conf_case("L4 read-only self-map: only RW added", "mod_l4_entry (fast path)",
		  conf_set(l4, 1, conf_entry(l4, PAGE_KERNEL_RX | _PAGE_RW)), -EINVAL);
	conf_case("L3 read-only self-map: only RW added", "mod_l3_entry (fast path)",
		  conf_set(l3, 1, conf_entry(l3, PAGE_KERNEL_RX | _PAGE_RW)), -EINVAL);
	conf_case("L4 self-map: only ACCESSED dropped (a safe flag)", "mod_l4_entry (fast path)",
		  conf_set(l4, 1, conf_entry(l4, PAGE_KERNEL_RX & ~_PAGE_ACCESSED)), 0);
	TEST_ASSERT(!(l4[1] & _PAGE_RW) && !(l3[1] & _PAGE_RW));
	TEST_REQUIRE(conf_set(l3, 1, 0) == 0 && conf_set(l4, 1, 0) == 0);
}
KTEST("conf.xsa182", test_xsa182,
      "XSA-182: adding RW to a read-only L3/L4 self-map is -EINVAL (vulnerable: accepted, a writable page table)");

/*
 * XSA-240: chains of linear page tables (A maps B maps C) let a guest keep
 * references Xen could not unwind.  Fixed: a table with a linear entry may
 * not be mapped linearly, nor one mapped linearly hold such an entry.
 */
static void test_xsa240(void)
{
	pteval_t *a = conf_table(PT_PMD), *b = conf_table(PT_PMD), *c = conf_table(PT_PMD);

	TEST_REQUIRE(c != NULL);
	TEST_REQUIRE(conf_pin(a, PT_PMD) == 0 && conf_pin(b, PT_PMD) == 0 &&
		     conf_pin(c, PT_PMD) == 0);
	conf_case("L2 a maps L2 b read-only", "get_l2_linear_pagetable",
		  conf_set(a, 0, conf_entry(b, PAGE_KERNEL_RX)), 0);
	conf_case("L2 c maps a, which has a linear entry", "inc_linear_uses",
		  conf_set(c, 0, conf_entry(a, PAGE_KERNEL_RX)), -EINVAL);
	conf_case("L2 b, mapped linearly, maps c", "inc_linear_entries",
		  conf_set(b, 0, conf_entry(c, PAGE_KERNEL_RX)), -EINVAL);
	conf_case("L2 c maps b too (uses may add up)", "get_l2_linear_pagetable",
		  conf_set(c, 1, conf_entry(b, PAGE_KERNEL_RX)), 0);
	TEST_REQUIRE(conf_set(a, 0, 0) == 0 && conf_set(c, 1, 0) == 0);
}
KTEST("conf.xsa240", test_xsa240,
      "XSA-240: a linear page-table chain of two steps is -EINVAL (vulnerable: accepted, unbounded recursion)");

/*
 * XSA-148: PV superpages lacked checks, so an L2 PSE entry could map a page
 * table writable.  Fixed (and superpages gone): PSE in a PV L2 is refused.
 */
static void test_xsa148(void)
{
	pteval_t *l1 = conf_chain();
	pteval_t *l2 = l1 ? conf_chain_table(PT_PMD) : NULL;

	TEST_REQUIRE(l1 && l2);
	conf_case("L2 PSE entry mapping the 2 MiB around the L1, writable", "mod_l2_entry",
		  conf_set(l2, 1, ((pteval_t)conf_mfn(l1) << PAGE_SHIFT & ~((2ULL << 20) - 1)) |
				  PAGE_KERNEL | _PAGE_PSE),
		  -EINVAL);
	TEST_ASSERT_EQ(l2[1], 0);
}
KTEST("conf.xsa148", test_xsa148,
      "XSA-148: a writable L2 superpage over page tables is -EINVAL (vulnerable: accepted, page tables writable)");
