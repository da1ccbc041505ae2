/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_conf_mmu_update.c
 * @brief Conformance, mmu_update (do_mmu_update): the command in ptr's low
 *        bits, the M2P update, A/D preservation, bad commands, frames and
 *        domains, and a batch that stops at its first failure.
 */
#include "extable.h"
#include "pgtable.h"
#include "test_conf.h"

#define NO_SUCH_DOMID 0x7000	/* below DOMID_FIRST_RESERVED, never created here */

static long mmu_cmd(uint64_t ptr, unsigned int cmd, uint64_t val)
{
	mmu_update_t req = { ptr | cmd, val };

	return HYPERVISOR_mmu_update(&req, 1, NULL, DOMID_SELF);
}

static uint64_t entry_ma(const pteval_t *table, unsigned int index)
{
	return pt_entry_machine_address(table) + index * sizeof(pteval_t);
}

static void test_commands(void)
{
	pteval_t *l1 = conf_chain();
	unsigned long *data = conf_data(), v = 0;
	unsigned long mfn, pfn;
	mmu_update_t req = { 0, 0 };
	long fault;

	TEST_REQUIRE(l1 && data);
	mfn = conf_mfn(data);
	pfn = virt_to_pfn(data);
	data[0] = 0xfeedUL;
	conf_case("MMU_NORMAL_PT_UPDATE of an L1 entry", "mod_l1_entry",
		  mmu_cmd(entry_ma(l1, 0), MMU_NORMAL_PT_UPDATE, conf_entry(data, PAGE_KERNEL_RO)), 0);
	TEST_ASSERT_EQ(probe_read((void *)CONF_VA, &v), 0);
	TEST_ASSERT_EQ(v, 0xfeedUL);
	/* The CPU set ACCESSED on that read; PRESERVE_AD keeps it, a normal update does not. */
	TEST_ASSERT(l1[0] & _PAGE_ACCESSED);
	conf_case("MMU_PT_UPDATE_PRESERVE_AD without A", "mod_l1_entry",
		  mmu_cmd(entry_ma(l1, 0), MMU_PT_UPDATE_PRESERVE_AD,
			  conf_entry(data, PAGE_KERNEL_RO & ~_PAGE_ACCESSED)), 0);
	TEST_ASSERT(l1[0] & _PAGE_ACCESSED);
	conf_case("MMU_NORMAL_PT_UPDATE without A", "mod_l1_entry",
		  mmu_cmd(entry_ma(l1, 0), MMU_NORMAL_PT_UPDATE,
			  conf_entry(data, PAGE_KERNEL_RO & ~_PAGE_ACCESSED)), 0);
	TEST_ASSERT(!(l1[0] & _PAGE_ACCESSED));
	conf_case("MMU_MACHPHYS_UPDATE of an own frame", "do_mmu_update",
		  mmu_cmd((uint64_t)mfn << PAGE_SHIFT, MMU_MACHPHYS_UPDATE, pfn ^ 1), 0);
	TEST_ASSERT_EQ(m2p[mfn], pfn ^ 1);	/* visible in the read-only M2P at once */
	conf_case("MMU_MACHPHYS_UPDATE back", "do_mmu_update",
		  mmu_cmd((uint64_t)mfn << PAGE_SHIFT, MMU_MACHPHYS_UPDATE, pfn), 0);
	TEST_ASSERT_EQ(m2p[mfn], pfn);
	conf_case("MMU_MACHPHYS_UPDATE of a frame Xen owns", "get_page_from_mfn",
		  mmu_cmd((uint64_t)conf_xen_mfn() << PAGE_SHIFT, MMU_MACHPHYS_UPDATE, pfn), -EINVAL);
	conf_case("command 7 (none)", "do_mmu_update", mmu_cmd(entry_ma(l1, 0), 7, 0), -ENOSYS);
	conf_case("an entry in a frame past RAM", "get_page_from_gfn",
		  mmu_cmd(1ULL << 48, MMU_NORMAL_PT_UPDATE, 0), -EINVAL);
	conf_case("an entry in a frame Xen owns", "get_page_from_gfn",
		  mmu_cmd((uint64_t)conf_xen_mfn() << PAGE_SHIFT, MMU_NORMAL_PT_UPDATE, 0), -EINVAL);
	req.ptr = entry_ma(l1, 0);
	conf_case("a domain that does not exist", "get_pg_owner",
		  HYPERVISOR_mmu_update(&req, 1, NULL, NO_SUCH_DOMID), -ESRCH);
	conf_case("a request list at an unmapped address", "do_mmu_update",
		  HYPERVISOR_mmu_update((void *)(CONF_VA + (1UL << 30)), 1, NULL, DOMID_SELF), -EFAULT);
	fault = probe_read((void *)CONF_VA, &v);
	TEST_ASSERT_EQ(fault, 0);	/* the refused requests left the mapping alone */
}
KTEST("conf.mmu_update", test_commands,
      "mmu_update: normal, MACHPHYS (seen in the M2P), PRESERVE_AD, bad command, frame, domain");

static void test_batch(void)
{
	pteval_t *l1 = conf_chain();
	void *data = conf_data();
	mmu_update_t reqs[3];
	unsigned int done = 99;

	TEST_REQUIRE(l1 && data);
	reqs[0] = (mmu_update_t){ entry_ma(l1, 0), conf_entry(data, PAGE_KERNEL_RO) };
	reqs[1] = (mmu_update_t){ entry_ma(l1, 1), conf_entry(l1, PAGE_KERNEL) };	/* -EBUSY */
	reqs[2] = (mmu_update_t){ entry_ma(l1, 2), conf_entry(data, PAGE_KERNEL_RO) };
	conf_case("a batch of 3 whose second is refused", "do_mmu_update",
		  HYPERVISOR_mmu_update(reqs, 3, &done, DOMID_SELF), -EBUSY);
	conf_case("... its done count", "do_mmu_update", done, 1);
	TEST_ASSERT(l1[0] & _PAGE_PRESENT);	/* the first was made */
	TEST_ASSERT_EQ(l1[2], 0);		/* the third never tried */
}
KTEST("conf.mmu_update_batch", test_batch,
      "a batch stops at its first failure; done counts the requests made");
