/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_conf_linear.c
 * @brief Conformance, linear (recursive) page tables (CONFIG_PV_LINEAR_PT,
 *        get_l2/l3/l4_linear_pagetable): a table may map one of its own
 *        level, read-only only, and a table with such entries cannot itself
 *        be mapped that way (nor the other way round).
 */
#include "extable.h"
#include "test_conf.h"

static void test_linear(void)
{
	pteval_t *l1 = conf_chain();
	pteval_t *l3 = l1 ? conf_chain_table(PT_PUD) : NULL, *l2 = l1 ? conf_chain_table(PT_PMD) : NULL;
	pteval_t *l4 = conf_table(PT_PGD);
	unsigned long v = 0;

	TEST_REQUIRE(l1 && l3 && l2 && l4);
	TEST_REQUIRE(conf_pin(l4, PT_PGD) == 0);
	conf_case("L4 maps itself, read-only", "get_l4_linear_pagetable",
		  conf_set(l4, 1, conf_entry(l4, PAGE_KERNEL_RX)), 0);
	conf_case("L4 maps itself, writable", "get_l4_linear_pagetable",
		  conf_set(l4, 2, conf_entry(l4, KERNPG_TABLE)), -EINVAL);
	conf_case("L3 maps itself, read-only", "get_l3_linear_pagetable",
		  conf_set(l3, 1, conf_entry(l3, PAGE_KERNEL_RX)), 0);
	conf_case("L3 maps itself, writable", "get_l3_linear_pagetable",
		  conf_set(l3, 2, conf_entry(l3, KERNPG_TABLE)), -EINVAL);
	conf_case("L2 maps itself, read-only", "get_l2_linear_pagetable",
		  conf_set(l2, 1, conf_entry(l2, PAGE_KERNEL_RX)), 0);
	/* Through l2[1], the L2 is an L1: its entry 0 maps the chain's L1, readable. */
	TEST_ASSERT_EQ(probe_read((void *)(CONF_VA + (1UL << 21)), &v), 0);
	TEST_ASSERT_EQ(v, l1[0]);
	conf_case("L2 maps itself, writable", "get_l2_linear_pagetable",
		  conf_set(l2, 2, conf_entry(l2, KERNPG_TABLE)), -EINVAL);
	conf_case("L2 maps the L3 above it (another level)", "get_page_from_l2e",
		  conf_set(l2, 3, conf_entry(l3, PAGE_KERNEL_RX)), -EINVAL);
	conf_case("clear the L2's self-map", "mod_l2_entry", conf_set(l2, 1, 0), 0);
	conf_case("clear the L3's self-map", "mod_l3_entry", conf_set(l3, 1, 0), 0);
	conf_case("clear the L4's self-map", "mod_l4_entry", conf_set(l4, 1, 0), 0);
}
KTEST("conf.linear", test_linear,
      "a table maps itself read-only at L2, L3 and L4; writable or across levels -EINVAL");
