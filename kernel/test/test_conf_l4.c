/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_conf_l4.c
 * @brief Conformance, L4 slots: 256-271 are Xen's (mod_l4_entry's
 *        is_guest_l4_slot), slot 256 is the read-only M2P, and a second L4
 *        such as a user pgd gets Xen's slots but the M2P's when Xen
 *        validates it (init_xen_l4_slots).
 */
#include "extable.h"
#include "pgtable.h"
#include "test_conf.h"
#include "x86_defns.h"

static void test_l4_slots(void)
{
	pteval_t *user = conf_table(PT_PGD);
	unsigned long v = 0, pfn = virt_to_pfn(init_pgd);
	unsigned int kslot = pt_index(KERNEL_BASE, PT_PGD);
	long fault;

	TEST_REQUIRE(user != NULL);
	conf_case("kernel L4 slot 256 (the M2P) cleared", "mod_l4_entry",
		  conf_set(init_pgd, XEN_FIRST_SLOT, 0), -EINVAL);
	conf_case("kernel L4 slot 256 rewritten unchanged", "mod_l4_entry",
		  conf_set(init_pgd, XEN_FIRST_SLOT, init_pgd[XEN_FIRST_SLOT]), -EINVAL);
	conf_case("kernel L4 slot 271 cleared", "mod_l4_entry",
		  conf_set(init_pgd, XEN_LAST_SLOT, 0), -EINVAL);
	conf_case("kernel L4 slot 255 rewritten unchanged", "mod_l4_entry",
		  conf_set(init_pgd, XEN_FIRST_SLOT - 1, init_pgd[XEN_FIRST_SLOT - 1]), 0);
	conf_case("kernel L4 slot 272 rewritten unchanged", "mod_l4_entry",
		  conf_set(init_pgd, XEN_LAST_SLOT + 1, init_pgd[XEN_LAST_SLOT + 1]), 0);
	/* The M2P through slot 256: readable, with the kernel pgd's own entry in it. */
	TEST_ASSERT_EQ(probe_read(&m2p[pfn_to_mfn(pfn)], &v), 0);
	TEST_ASSERT_EQ(v, pfn);
	fault = probe_write((void *)&m2p[pfn_to_mfn(pfn)], pfn);
	TEST_ASSERT_EQ(probe_vector(fault), X86_EXC_PF);
	TEST_ASSERT_EQ(probe_error_code(fault), PFEC_PRESENT | PFEC_WRITE);
	/*
	 * A user pgd: validation writes Xen's slots but leaves 256 (the M2P)
	 * empty — without VMASST m2p_strict only NEW_BASEPTR fills it
	 * (fill_ro_mpt) — and the slots stay Xen's.
	 */
	conf_case("PIN_L4_TABLE of an empty user pgd", "promote_l4_table", conf_pin(user, PT_PGD), 0);
	TEST_ASSERT_EQ(user[XEN_FIRST_SLOT], 0);
	TEST_ASSERT_EQ(user[XEN_FIRST_SLOT + 1], init_pgd[XEN_FIRST_SLOT + 1]);
	conf_case("user pgd slot 256 cleared", "mod_l4_entry",
		  conf_set(user, XEN_FIRST_SLOT, 0), -EINVAL);
	conf_case("user pgd slot 0 given the kernel image's L3", "mod_l4_entry",
		  conf_set(user, 0, init_pgd[kslot]), 0);
	conf_case("user pgd slot 0 cleared", "mod_l4_entry", conf_set(user, 0, 0), 0);
}
KTEST("conf.l4_slots", test_l4_slots,
      "L4 slots 256-271 refused in any L4, the M2P read-only at slot 256, the others the guest's");
