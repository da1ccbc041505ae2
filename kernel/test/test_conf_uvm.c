/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_conf_uvm.c
 * @brief Conformance, update_va_mapping (__do_update_va_mapping): one L1
 *        entry by its virtual address, with each flush flag.
 */
#include "extable.h"
#include "test_conf.h"

/* Xen's _PAGE_GUEST_KERNEL: an available bit that says "kernel entry" to Xen. */
#define GUEST_KERNEL_MARK (1ULL << 52)

struct uvm_case {
	const char *what;
	unsigned long flags;	/* UVMF_MULTI: the vcpumask's address is added */
};

static const struct uvm_case cases[] = {
	{ "UVMF_NONE", UVMF_NONE },
	{ "UVMF_INVLPG|UVMF_LOCAL", UVMF_INVLPG | UVMF_LOCAL },
	{ "UVMF_TLB_FLUSH|UVMF_LOCAL", UVMF_TLB_FLUSH | UVMF_LOCAL },
	{ "UVMF_INVLPG|UVMF_ALL", UVMF_INVLPG | UVMF_ALL },
	{ "UVMF_TLB_FLUSH|UVMF_ALL", UVMF_TLB_FLUSH | UVMF_ALL },
	{ "UVMF_INVLPG|UVMF_MULTI, vCPU 0", UVMF_INVLPG | UVMF_MULTI },
	{ "UVMF_TLB_FLUSH|UVMF_MULTI, vCPU 0", UVMF_TLB_FLUSH | UVMF_MULTI },
};

static void test_uvm(void)
{
	static unsigned long mask = 1;	/* vCPU 0; static: its address goes in the flags */
	pteval_t *l1 = conf_chain();
	unsigned long *data = conf_data(), v = 0;

	TEST_REQUIRE(l1 && data);
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned long va = CONF_VA + (i + 1) * PAGE_SIZE, flags = cases[i].flags;

		if ((flags & ~UVMF_FLUSHTYPE_MASK) == UVMF_MULTI)
			flags |= (unsigned long)&mask;
		data[0] = va;
		conf_case(cases[i].what, "__do_update_va_mapping",
			  HYPERVISOR_update_va_mapping(va, conf_entry(data, PAGE_KERNEL_RO), flags), 0);
		/* adjust_guest_l1e: the kernel runs in ring 3, so Xen adds USER and marks it. */
		TEST_ASSERT_EQ(l1[i + 1],
			       conf_entry(data, PAGE_KERNEL_RO) | _PAGE_USER | GUEST_KERNEL_MARK);
		TEST_ASSERT_EQ(probe_read((void *)va, &v), 0);
		TEST_ASSERT_EQ(v, va);
	}
	conf_case("UVMF_INVLPG, vcpumask at an unmapped address", "vcpumask_to_pcpumask",
		  HYPERVISOR_update_va_mapping(CONF_VA, 0, UVMF_INVLPG | (CONF_VA + (1UL << 30))),
		  -EFAULT);
	conf_case("a va with no L1 (CONF_VA + 1 GiB)", "__do_update_va_mapping",
		  HYPERVISOR_update_va_mapping(CONF_VA + (1UL << 30), 0, UVMF_INVLPG), -EINVAL);
	conf_case("a writable mapping of the L1 itself", "get_page_from_l1e",
		  HYPERVISOR_update_va_mapping(CONF_VA, conf_entry(l1, PAGE_KERNEL), UVMF_INVLPG),
		  -EBUSY);
}
KTEST("conf.update_va_mapping", test_uvm,
      "update_va_mapping with each flush flag; a bad vcpumask, a va with no L1, a writable table");
