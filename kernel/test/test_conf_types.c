/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_conf_types.c
 * @brief Conformance, page types and pinning: a frame has one type at a time
 *        (_get_page_type), changed only when its type count is zero; pins
 *        (do_mmuext_op's MMUEXT_PIN_L*_TABLE / MMUEXT_UNPIN_TABLE) hold one.
 */
#include "extable.h"
#include "pgtable.h"
#include "test_conf.h"

#define MB2 (2UL << 20)

static void test_types(void)
{
	pteval_t *l1 = conf_chain();
	pteval_t *spare = conf_table(PT_PTE), *held = conf_table(PT_PTE);
	pteval_t *chain_l2 = l1 ? conf_chain_table(PT_PMD) : NULL;
	unsigned long *data = conf_data(), v = 0;

	TEST_REQUIRE(chain_l2 && spare && held && data);
	conf_case("PIN_L1_TABLE of a page the direct map maps writable", "_get_page_type",
		  conf_pin(data, PT_PTE), -EINVAL);
	conf_case("writable mapping of an L1 in use", "get_page_from_l1e",
		  conf_set(l1, 1, conf_entry(l1, PAGE_KERNEL)), -EBUSY);
	conf_case("read-only mapping of an L1 in use", "get_page_from_l1e",
		  conf_set(l1, 1, conf_entry(l1, PAGE_KERNEL_RO)), 0);
	conf_case("PIN_L2_TABLE of a page typed L1", "_get_page_type",
		  conf_pin(l1, PT_PMD), -EINVAL);
	conf_case("an L3 entry to a page typed L1", "get_page_from_l3e",
		  conf_set(conf_chain_table(PT_PUD), 1,
			   conf_entry(l1, KERNPG_TABLE)), -EINVAL);
	/* Typed L1 by a hook, untyped by the unhook: then it may become an L2. */
	conf_case("hook an empty table as L1", "mod_l2_entry",
		  conf_set(chain_l2, 1, conf_entry(spare, KERNPG_TABLE)), 0);
	conf_case("PIN_L2_TABLE of it while hooked as L1", "_get_page_type",
		  conf_pin(spare, PT_PMD), -EINVAL);
	conf_case("unhook it", "mod_l2_entry", conf_set(chain_l2, 1, 0), 0);
	conf_case("PIN_L2_TABLE once unhooked (type count 0)", "_get_page_type",
		  conf_pin(spare, PT_PMD), 0);
	conf_case("UNPIN_TABLE of it", "do_mmuext_op", conf_unpin(spare), 0);
	/* A pinned L1 hooked too: the unpin leaves the hook's reference. */
	data[0] = 0x600dcafeUL;
	TEST_REQUIRE(conf_set(held, 0, conf_entry(data, PAGE_KERNEL_RO)) == 0);
	conf_case("pin an L1 mapping a page", "do_mmuext_op", conf_pin(held, PT_PTE), 0);
	conf_case("hook the pinned L1", "mod_l2_entry",
		  conf_set(chain_l2, 2, conf_entry(held, KERNPG_TABLE)), 0);
	conf_case("UNPIN_TABLE of an L1 still hooked", "do_mmuext_op", conf_unpin(held), 0);
	TEST_ASSERT_EQ(probe_read((void *)(CONF_VA + 2 * MB2), &v), 0);
	TEST_ASSERT_EQ(v, 0x600dcafeUL);	/* still validated: the hook holds its type */
	conf_case("a writable mapping of it, still hooked", "get_page_from_l1e",
		  conf_set(l1, 3, conf_entry(held, PAGE_KERNEL)), -EBUSY);
	conf_case("unhook it", "mod_l2_entry", conf_set(chain_l2, 2, 0), 0);
}
KTEST("conf.page_types", test_types,
      "one type per frame, changed only at type count 0; a hooked table survives its unpin");

static void test_pin(void)
{
	pteval_t *l1 = conf_table(PT_PTE), *l2 = conf_table(PT_PMD), *l3 = conf_table(PT_PUD);
	pteval_t *l4 = conf_table(PT_PGD), *bad = conf_table(PT_PMD);
	void *data = conf_data();

	TEST_REQUIRE(l4 && bad && data);
	conf_case("PIN_L1_TABLE of an empty table", "do_mmuext_op", conf_pin(l1, PT_PTE), 0);
	conf_case("PIN_L1_TABLE twice", "do_mmuext_op", conf_pin(l1, PT_PTE), -EINVAL);
	conf_case("UNPIN_TABLE", "do_mmuext_op", conf_unpin(l1), 0);
	conf_case("UNPIN_TABLE of an unpinned page", "do_mmuext_op", conf_unpin(l1), -EINVAL);
	conf_case("PIN_L2_TABLE of an empty table", "do_mmuext_op", conf_pin(l2, PT_PMD), 0);
	conf_case("PIN_L3_TABLE of an empty table", "do_mmuext_op", conf_pin(l3, PT_PUD), 0);
	conf_case("PIN_L4_TABLE of an empty table", "do_mmuext_op", conf_pin(l4, PT_PGD), 0);
	/* Validation wrote Xen's own slots into the guest's L4 (257: PCI MMCFG). */
	TEST_ASSERT_EQ(l4[XEN_FIRST_SLOT + 1], init_pgd[XEN_FIRST_SLOT + 1]);
	conf_case("mmu_update of an untyped page: a plain write", "do_mmu_update",
		  conf_set(bad, 0, conf_entry(data, KERNPG_TABLE)), 0);
	TEST_ASSERT_EQ(bad[0], conf_entry(data, KERNPG_TABLE));
	conf_case("PIN_L2_TABLE of a table whose entry is a writable page", "promote_l2_table",
		  conf_pin(bad, PT_PMD), -EINVAL);
	conf_case("PIN_L3_TABLE of a frame Xen owns", "get_page_and_type_from_mfn",
		  conf_mmuext(MMUEXT_PIN_L3_TABLE, conf_xen_mfn()), -EINVAL);
	conf_case("PIN_L1_TABLE of an mfn past RAM", "get_page_and_type_from_mfn",
		  conf_mmuext(MMUEXT_PIN_L1_TABLE, 1UL << 36), -EINVAL);
	conf_case("UNPIN_TABLE of a page never typed", "do_mmuext_op",
		  conf_mmuext(MMUEXT_UNPIN_TABLE, conf_mfn(data)), -EINVAL);
}
KTEST("conf.pin", test_pin,
      "PIN_L1..L4 of valid and invalid tables, twice, and unpin of an unpinned page");
