/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_conf_mmuext.c
 * @brief Conformance, mmuext_op (do_mmuext_op): base pointers, TLB flushes
 *        in their LOCAL/MULTI/ALL forms, CLEAR_PAGE, COPY_PAGE, SET_LDT.
 */
#include <string.h>
#include "extable.h"
#include "pv_mmu.h"
#include "test_conf.h"

static long ext2(unsigned int cmd, unsigned long arg1, unsigned long arg2)
{
	struct mmuext_op op = { .cmd = cmd, .arg1.mfn = arg1 };

	/* The widest member of arg2, so nr_ents (its low half) has no stray upper bytes. */
	op.arg2.src_mfn = arg2;

	return HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

static long ext_mask(unsigned int cmd, unsigned long va, const void *mask)
{
	struct mmuext_op op = { .cmd = cmd, .arg1.linear_addr = va };

	set_xen_guest_handle(op.arg2.vcpumask, (void *)mask);
	return HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

static unsigned long cr3_mfn(unsigned long cr3)
{
	return cr3 ? pfn_to_mfn(cr3 >> PAGE_SHIFT) : 0;
}

static void restore_user_baseptr(void *user_cr3)
{
	unsigned long mfn = cr3_mfn((unsigned long)user_cr3);
	long rc = conf_mmuext(MMUEXT_NEW_USER_BASEPTR, mfn);

	if (rc)
		test_fail("teardown: NEW_USER_BASEPTR back to mfn %#lx: %s", mfn, errno_name(rc));
}

/*
 * Any untyped frame would be validated as an L4 on the spot (and loading an
 * empty one would unmap the kernel), so the "no L4" cases use a pinned L1.
 */
static void test_baseptr(void)
{
	pteval_t *l1 = conf_table(PT_PTE), *l4 = conf_table(PT_PGD);
	unsigned long cr3 = pv_mmu_ops.read_cr3(), user_cr3 = pv_mmu_ops.read_user_cr3();

	TEST_REQUIRE(l4 != NULL);
	TEST_REQUIRE(conf_pin(l1, PT_PTE) == 0);
	conf_case("NEW_BASEPTR of the loaded kernel pgd", "new_guest_cr3",
		  conf_mmuext(MMUEXT_NEW_BASEPTR, cr3_mfn(cr3)), 0);
	conf_case("NEW_BASEPTR of a pinned L1", "new_guest_cr3",
		  conf_mmuext(MMUEXT_NEW_BASEPTR, conf_mfn(l1)), -EINVAL);
	conf_case("NEW_BASEPTR of an mfn past RAM", "new_guest_cr3",
		  conf_mmuext(MMUEXT_NEW_BASEPTR, 1UL << 36), -EINVAL);
	conf_case("NEW_USER_BASEPTR of a pinned L1", "do_mmuext_op",
		  conf_mmuext(MMUEXT_NEW_USER_BASEPTR, conf_mfn(l1)), -EINVAL);
	test_defer(restore_user_baseptr, (void *)user_cr3);
	conf_case("NEW_USER_BASEPTR of an unpinned empty L4", "do_mmuext_op",
		  conf_mmuext(MMUEXT_NEW_USER_BASEPTR, conf_mfn(l4)), 0);
	conf_case("NEW_USER_BASEPTR 0 (none)", "do_mmuext_op",
		  conf_mmuext(MMUEXT_NEW_USER_BASEPTR, 0), 0);
}
KTEST("conf.mmuext_baseptr", test_baseptr,
      "NEW_BASEPTR validates an L4; NEW_USER_BASEPTR takes an L4 or 0");

static void test_flushes(void)
{
	pteval_t *l1 = conf_chain();
	unsigned long *a = conf_data(), *b = conf_data(), v = 0;
	unsigned long mask = 1;	/* vCPU 0 */

	TEST_REQUIRE(l1 && a && b);
	a[0] = 0xaUL;
	b[0] = 0xbUL;
	TEST_REQUIRE(conf_set(l1, 0, conf_entry(a, PAGE_KERNEL_RO)) == 0);
	TEST_ASSERT_EQ(probe_read((void *)CONF_VA, &v), 0);
	TEST_ASSERT_EQ(v, 0xaUL);
	TEST_REQUIRE(conf_set(l1, 0, conf_entry(b, PAGE_KERNEL_RO)) == 0);
	conf_case("INVLPG_LOCAL", "do_mmuext_op", ext2(MMUEXT_INVLPG_LOCAL, CONF_VA, 0), 0);
	TEST_ASSERT_EQ(probe_read((void *)CONF_VA, &v), 0);
	TEST_ASSERT_EQ(v, 0xbUL);
	conf_case("TLB_FLUSH_LOCAL", "do_mmuext_op", ext2(MMUEXT_TLB_FLUSH_LOCAL, 0, 0), 0);
	conf_case("TLB_FLUSH_MULTI, vCPU 0", "do_mmuext_op",
		  ext_mask(MMUEXT_TLB_FLUSH_MULTI, 0, &mask), 0);
	conf_case("INVLPG_MULTI, vCPU 0", "do_mmuext_op",
		  ext_mask(MMUEXT_INVLPG_MULTI, CONF_VA, &mask), 0);
	/* do_mmuext_op turns vcpumask_to_pcpumask's -EFAULT into -EINVAL. */
	conf_case("TLB_FLUSH_MULTI, mask at an unmapped address", "do_mmuext_op",
		  ext_mask(MMUEXT_TLB_FLUSH_MULTI, 0, (void *)(CONF_VA + (1UL << 30))), -EINVAL);
	conf_case("TLB_FLUSH_ALL", "do_mmuext_op", ext2(MMUEXT_TLB_FLUSH_ALL, 0, 0), 0);
	conf_case("INVLPG_ALL", "do_mmuext_op", ext2(MMUEXT_INVLPG_ALL, CONF_VA, 0), 0);
	conf_case("command 99 (none)", "do_mmuext_op", ext2(99, 0, 0), -ENOSYS);
}
KTEST("conf.mmuext_flush", test_flushes,
      "INVLPG/TLB_FLUSH in LOCAL, MULTI and ALL forms; a stale entry goes with INVLPG_LOCAL");

static void test_pages(void)
{
	pteval_t *l1 = conf_table(PT_PTE);
	unsigned char *a = conf_data(), *b = conf_data();

	TEST_REQUIRE(l1 && a && b);
	memset(a, 0x5a, PAGE_SIZE);
	conf_case("COPY_PAGE own to own", "do_mmuext_op",
		  ext2(MMUEXT_COPY_PAGE, conf_mfn(b), conf_mfn(a)), 0);
	TEST_ASSERT(b[0] == 0x5a && b[PAGE_SIZE - 1] == 0x5a);
	conf_case("CLEAR_PAGE own", "do_mmuext_op", ext2(MMUEXT_CLEAR_PAGE, conf_mfn(a), 0), 0);
	TEST_ASSERT(a[0] == 0 && a[PAGE_SIZE - 1] == 0);
	TEST_REQUIRE(conf_pin(l1, PT_PTE) == 0);
	conf_case("CLEAR_PAGE of a pinned L1", "do_mmuext_op",
		  ext2(MMUEXT_CLEAR_PAGE, conf_mfn(l1), 0), -EINVAL);
	conf_case("COPY_PAGE onto a pinned L1", "do_mmuext_op",
		  ext2(MMUEXT_COPY_PAGE, conf_mfn(l1), conf_mfn(a)), -EINVAL);
	conf_case("COPY_PAGE from a pinned L1", "do_mmuext_op",
		  ext2(MMUEXT_COPY_PAGE, conf_mfn(b), conf_mfn(l1)), 0);
	conf_case("CLEAR_PAGE of a frame Xen owns", "do_mmuext_op",
		  ext2(MMUEXT_CLEAR_PAGE, conf_xen_mfn(), 0),
		  -EINVAL);
}
KTEST("conf.mmuext_pages", test_pages,
      "CLEAR_PAGE and COPY_PAGE of own frames; a page table or Xen's frame refused as target");

static void test_ldt(void)
{
	void *ldt = conf_data();

	TEST_REQUIRE(ldt != NULL);
	conf_case("SET_LDT at an unaligned address", "do_mmuext_op",
		  ext2(MMUEXT_SET_LDT, (unsigned long)ldt + 8, 1), -EINVAL);
	conf_case("SET_LDT of 8193 entries", "do_mmuext_op",
		  ext2(MMUEXT_SET_LDT, (unsigned long)ldt, 8193), -EINVAL);
	conf_case("SET_LDT in Xen's area", "do_mmuext_op",
		  ext2(MMUEXT_SET_LDT, 0xffff800000000000UL, 1), -EINVAL);
	conf_case("SET_LDT of one page of entries", "do_mmuext_op",
		  ext2(MMUEXT_SET_LDT, (unsigned long)ldt, 512), 0);
	conf_case("SET_LDT none", "do_mmuext_op", ext2(MMUEXT_SET_LDT, 0, 0), 0);
}
KTEST("conf.mmuext_ldt", test_ldt, "SET_LDT: aligned, at most 8192 entries, outside Xen's area");
