/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_conf_flags.c
 * @brief Conformance, PTE flags: which bits Xen accepts at each level
 *        (get_page_from_l1e's l1_disallow_mask; mod_l2/l3/l4_entry's
 *        base_disallow_mask: P RW US A D AVAIL NX, and GLOBAL only in L1).
 */
#include "hypercall.h"
#include "test_conf.h"

#define AVAIL_LOW (7ULL << 9)
#define AVAIL_HIGH (0x7ffULL << 52)

static void test_l1_flags(void)
{
	pteval_t *l1;
	void *data;

	/* Cache attributes and Xen-heap pages are dom0's rules (it may hold I/O memory): a domU gets others. */
	if (!(xen_start_info->flags & SIF_INITDOMAIN)) {
		test_skip("the L1 cache-attribute and Xen-heap cases are a dom0's (a domU may hold no I/O memory)");
		return;
	}
	l1 = conf_chain();
	data = conf_data();
	unsigned long shinfo_mfn = xen_start_info->shared_info >> PAGE_SHIFT;

	TEST_REQUIRE(l1 && data);
	conf_case("L1: P|RW|A|D|NX to an own page", "get_page_from_l1e",
		  conf_set(l1, 1, conf_entry(data, PAGE_KERNEL)), 0);
	conf_case("L1: GLOBAL", "get_page_from_l1e (L1_DISALLOW_MASK)",
		  conf_set(l1, 2, conf_entry(data, PAGE_KERNEL | _PAGE_GLOBAL)), 0);
	conf_case("L1: AVAIL bits 9-11 and 52-62", "get_page_from_l1e",
		  conf_set(l1, 3, conf_entry(data, PAGE_KERNEL | AVAIL_LOW | AVAIL_HIGH)), 0);
	conf_case("L1: PCD|PWT on an own page (dom0 holds I/O memory)", "l1_disallow_mask",
		  conf_set(l1, 4, conf_entry(data, PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT)), 0);
	conf_case("L1: a frame of Xen's own (slot 256's L3), read-only", "get_page_from_l1e",
		  conf_set(l1, 5, conf_xen_mfn() << PAGE_SHIFT | PAGE_KERNEL_RO), -EBUSY);
	conf_case("L1: shared_info (a Xen heap page) with PCD", "get_page_from_l1e",
		  conf_set(l1, 6, shinfo_mfn << PAGE_SHIFT | PAGE_KERNEL | _PAGE_PCD), -EACCES);
	conf_case("L1: shared_info write-back, writable", "get_page_from_l1e",
		  conf_set(l1, 6, shinfo_mfn << PAGE_SHIFT | PAGE_KERNEL), 0);
}
KTEST("conf.pte_flags_l1", test_l1_flags,
      "L1 entries: GLOBAL, AVAIL and (for dom0) PCD/PWT accepted; Xen's frames -EBUSY");

static void test_upper_flags(void)
{
	pteval_t *l1 = conf_chain();
	pteval_t *l2 = l1 ? conf_table(PT_PMD) : NULL, *l3 = l2 ? conf_table(PT_PUD) : NULL;
	pteval_t *l4 = l3 ? conf_table(PT_PGD) : NULL;
	void *data = conf_data();

	TEST_REQUIRE(l4 && data);
	TEST_REQUIRE(conf_pin(l2, PT_PMD) == 0 && conf_pin(l3, PT_PUD) == 0 &&
		     conf_pin(l4, PT_PGD) == 0);
	conf_case("L2: PSE (a 2 MiB page)", "mod_l2_entry (L2_DISALLOW_MASK)",
		  conf_set(l2, 0, conf_entry(data, PAGE_KERNEL | _PAGE_PSE)), -EINVAL);
	conf_case("L2: GLOBAL", "mod_l2_entry (L2_DISALLOW_MASK)",
		  conf_set(l2, 0, conf_entry(l1, KERNPG_TABLE | _PAGE_GLOBAL)), -EINVAL);
	conf_case("L2: PCD", "mod_l2_entry (L2_DISALLOW_MASK)",
		  conf_set(l2, 0, conf_entry(l1, KERNPG_TABLE | _PAGE_PCD)), -EINVAL);
	conf_case("L2: NX|USER|AVAIL on a table entry", "mod_l2_entry",
		  conf_set(l2, 0, conf_entry(l1, KERNPG_TABLE | _PAGE_NX | _PAGE_USER | AVAIL_LOW)), 0);
	conf_case("L3: PSE (a 1 GiB page)", "mod_l3_entry (l3_disallow_mask)",
		  conf_set(l3, 0, conf_entry(data, PAGE_KERNEL | _PAGE_PSE)), -EINVAL);
	conf_case("L3: GLOBAL", "mod_l3_entry (l3_disallow_mask)",
		  conf_set(l3, 0, conf_entry(l2, KERNPG_TABLE | _PAGE_GLOBAL)), -EINVAL);
	conf_case("L3: NX on a table entry", "mod_l3_entry",
		  conf_set(l3, 0, conf_entry(l2, KERNPG_TABLE | _PAGE_NX)), 0);
	conf_case("L4: PSE", "mod_l4_entry (L4_DISALLOW_MASK)",
		  conf_set(l4, 0, conf_entry(l3, KERNPG_TABLE | _PAGE_PSE)), -EINVAL);
	conf_case("L4: GLOBAL", "mod_l4_entry (L4_DISALLOW_MASK)",
		  conf_set(l4, 0, conf_entry(l3, KERNPG_TABLE | _PAGE_GLOBAL)), -EINVAL);
	conf_case("L4: NX on a table entry", "mod_l4_entry",
		  conf_set(l4, 0, conf_entry(l3, KERNPG_TABLE | _PAGE_NX)), 0);
	conf_case("L2 entry to a page the direct map maps writable", "get_page_from_l2e",
		  conf_set(l2, 1, conf_entry(data, KERNPG_TABLE)), -EINVAL);
}
KTEST("conf.pte_flags_upper", test_upper_flags,
      "L2-L4 entries: PSE, GLOBAL and cache bits -EINVAL; NX, USER, AVAIL accepted");
