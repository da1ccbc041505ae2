/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_fixup.c
 * @brief The exception table on real Xen: probes return the fault they took
 *        (vector and error code) and the boot goes on; an unlisted fault dies.
 */
#include "extable.h"
#include "ktest.h"
#include "mm.h"
#include "pgtable.h"
#include "x86_defns.h"

/* L4 slot 402 (vmalloc's in Linux): nothing maps it here. */
#define UNMAPPED_KERNEL_VA 0xffffc90000000000UL
#define NONCANONICAL_VA 0x0000800000000000UL

static const unsigned long probe_datum = 0x5a5aa5a5f00dULL;

static void test_read_mapped(void)
{
	unsigned long v = 0;

	TEST_ASSERT_EQ(probe_read(&probe_datum, &v), 0);
	TEST_ASSERT_EQ(v, probe_datum);
}
KTEST("fixup.read_mapped", test_read_mapped,
	"a probe_read of a mapped kernel page returns its value, no fault");

static void test_read_unmapped(void)
{
	unsigned long v = 0x1234;
	long fault = probe_read((const void *)UNMAPPED_KERNEL_VA, &v);

	TEST_ASSERT(fault);
	TEST_ASSERT_EQ(probe_vector(fault), X86_EXC_PF);
	TEST_ASSERT_EQ(probe_error_code(fault), 0);	/* not present, read, kernel mode */
	TEST_ASSERT_EQ(v, 0x1234);			/* untouched */
}
KTEST("fixup.read_unmapped", test_read_unmapped,
	"a probe_read of an unmapped kernel address returns #PF, not-present, kernel read");

/* The kernel's own L4 is mapped read-only (Xen's rule for page tables); writing it back unchanged. */
static void test_write_pagetable(void)
{
	unsigned long old = 0;
	long fault;

	TEST_ASSERT_EQ(probe_read(init_pgd, &old), 0);
	fault = probe_write(init_pgd, old);
	TEST_ASSERT(fault);
	TEST_ASSERT_EQ(probe_vector(fault), X86_EXC_PF);
	TEST_ASSERT_EQ(probe_error_code(fault), PFEC_PRESENT | PFEC_WRITE);
}
KTEST("fixup.write_pagetable", test_write_pagetable,
	"a probe_write to a read-only page-table page returns #PF with PRESENT|WRITE");

static void test_read_noncanonical(void)
{
	unsigned long v;
	long fault = probe_read((const void *)NONCANONICAL_VA, &v);

	TEST_ASSERT(fault);
	TEST_ASSERT_EQ(probe_vector(fault), X86_EXC_GP);
	TEST_ASSERT_EQ(probe_error_code(fault), 0);
}
KTEST("fixup.read_noncanonical", test_read_noncanonical,
	"a probe_read of a non-canonical address returns #GP");

/* The same unmapped read as above, by an instruction the table does not list: the boot must end. */
static void hook_unlisted(void)
{
	unsigned long v;

	if (probe_read((const void *)UNMAPPED_KERNEL_VA, &v))
		printk("fixup: probe of %#lx faulted and came back; now the unlisted read\n",
		       UNMAPPED_KERNEL_VA);
	(void)*(volatile unsigned long *)UNMAPPED_KERNEL_VA;
}
KTEST_HOOK("fixup_unlisted", hook_unlisted,
	   "a kernel fault at an instruction not in the exception table still dies");
