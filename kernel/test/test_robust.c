/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_robust.c
 * @brief Robustness: every MMU call site reached, fail= parsing, pgd_alloc's
 *        recovery, and the hooks the fault-injection and page-walk boot tests use.
 */
#include <string.h>
#include "errno.h"
#include "fault_inject.h"
#include "hypercall.h"
#include "ktest.h"
#include "mmu_stats.h"
#include "page_alloc.h"
#include "pagewalk.h"
#include "pgtable.h"
#include "pv_mmu.h"

/*
 * One harmless request at every MMU call site that bring-up does not
 * already reach: entries are rewritten with the values they hold, and a
 * fresh address space is loaded, left and freed.
 */
static void exercise_mmu_sites(void)
{
	unsigned long va = PAGE_OFFSET, cr3 = pv_mmu_ops.read_cr3();
	pteval_t *pud = pt_walk(init_pgd, va, PT_PUD), *pmd = pt_walk(init_pgd, va, PT_PMD);
	pteval_t *pte = pt_walk(init_pgd, va, PT_PTE);
	struct mm mm;

	pv_mmu_ops.set_pgd(&init_pgd[pt_index(va, PT_PGD)], init_pgd[pt_index(va, PT_PGD)]);
	pv_mmu_ops.set_pud(pud, *pud);
	pv_mmu_ops.set_pmd(pmd, *pmd);
	pv_mmu_ops.set_pte(pte, *pte);
	pv_mmu_ops.flush_tlb_single(va);
	pv_mmu_ops.flush_tlb_kernel();
	if (pv_mmu_ops.pgd_alloc(&mm))
		return;	/* -ENOMEM: the caller sees the sites it missed */
	pv_mmu_ops.write_cr3(__pa(mm.pgd));
	pv_mmu_ops.write_cr3(cr3);
	pv_mmu_ops.pgd_free(&mm);
}

/* Every site in the list fail= accepts is one the kernel reaches. */
static void test_mmu_sites(void)
{
	const struct mmu_site *s;

	exercise_mmu_sites();
	for (unsigned int i = 0; (s = mmu_site(i)); i++)
		if (!s->calls)
			test_fail("site %s was never reached", s->name);
}
KTEST("robust.mmu_sites", test_mmu_sites, "every MMU call site is reached and fail= knows each one");

static void hook_mmu_sites(void)
{
	exercise_mmu_sites();
}
KTEST_HOOK("mmu_sites", hook_mmu_sites, "reaches every MMU call site, for the fail= sweep");

static bool parses_as(const char *text, const char *site, unsigned long nth, long err)
{
	struct fail_spec spec;

	return !fault_inject_parse(text, &spec) && !strcmp(spec.site < NR_MMU_SITES ?
							    mmu_site(spec.site)->name :
							    mmu_op_name(spec.op), site) &&
	       spec.nth == nth && spec.err == err;
}

static void test_fail_parse(void)
{
	static const char *const bad[] = {
		"", "alloc_pt", "alloc_pt:1", "alloc_pt:1:", ":1:EINVAL", "alloc_pt::EINVAL",
		"nosuch:1:EINVAL", "setup_kernel_pagetable:pin:1:EINVAL", "alloc_pt:0:EINVAL",
		"alloc_pt:-1:EINVAL", "alloc_pt:1x:EINVAL", "alloc_pt:0x10:EINVAL",
		"alloc_pt:18446744073709551616:EINVAL", "alloc_pt:1:einval", "alloc_pt:1:EINVAL:2",
		"alloc_pt:1:22", "alloc_pt:1:EINTR",
		"set_pte:1:EINVAL-and-more-than-sixty-three-characters-in-all-xxxxxxxx",
	};
	struct fail_spec spec = { .nth = 42 };

	TEST_ASSERT(parses_as("alloc_pt:1:EINVAL", "alloc_pt", 1, -EINVAL));
	TEST_ASSERT(parses_as("pgd_alloc.pin:2:EBUSY", "pgd_alloc.pin", 2, -EBUSY));
	TEST_ASSERT(parses_as("mmuext_op:7:EAGAIN", "mmuext_op", 7, -EAGAIN));
	TEST_ASSERT(parses_as("mmu_update:18446744073709551615:ENOMEM", "mmu_update", ~0UL,
			      -ENOMEM));
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++)
		if (!fault_inject_parse(bad[i], &spec))
			test_fail("fail=%s was accepted", bad[i]);
	TEST_ASSERT_EQ(spec.nth, 42);	/* a rejected value leaves the spec alone */
}
KTEST("robust.fail_parse", test_fail_parse, "fail= accepts SITE:N:ERRNO and rejects every malformed value");

/*
 * pgd_alloc's one recoverable failure: no free page.  It must say -ENOMEM
 * before any hypercall, give back what it took and leave the mm alone.
 */
static void test_pgd_alloc_enomem(void)
{
	unsigned long before = nr_free_pages(), requests, left;
	struct page *page, *last = NULL;
	struct mm mm = { .pgd = NULL };
	int rc0, rc1;

	while ((page = test_alloc_page()))
		last = page;
	TEST_REQUIRE(last != NULL);
	requests = mmu_stats.mmu_updates + mmu_stats.mmuext_ops;
	rc0 = pv_mmu_ops.pgd_alloc(&mm);
	test_free_page(last);	/* one page: the kernel pgd fits, its user pgd does not */
	rc1 = pv_mmu_ops.pgd_alloc(&mm);
	left = nr_free_pages();
	test_free_pages();
	TEST_ASSERT_EQ(rc0, -ENOMEM);
	TEST_ASSERT_EQ(rc1, -ENOMEM);
	TEST_ASSERT_EQ(left, 1);
	TEST_ASSERT(mm.pgd == NULL);
	TEST_ASSERT_EQ(mmu_stats.mmu_updates + mmu_stats.mmuext_ops, requests);
	TEST_ASSERT_EQ(nr_free_pages(), before);
}
KTEST("robust.pgd_alloc_enomem", test_pgd_alloc_enomem, "pgd_alloc without free pages: -ENOMEM, nothing taken, no hypercall");

/*
 * The kernel's walk beside Xen's: print ours for a write to read-only
 * data (present at every level), then take the trap table away so that
 * Xen handles the fault itself and prints its own walk of the same address.
 */
static const unsigned long walk_target = 0x5eed;

static void hook_walk_vs_xen(void)
{
	unsigned long va = (unsigned long)&walk_target;

	pt_print_walk(__va(pv_mmu_ops.read_cr3()), va);
	HYPERVISOR_set_trap_table(NULL);
	*(volatile unsigned long *)va = 0;
}
KTEST_HOOK("walk_vs_xen", hook_walk_vs_xen, "prints our walk, then lets Xen print its own of one fault");
