/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_mm.c
 * @brief Self-checks of the PV MMU, run on real Xen (test=mm.*).
 */
#include <string.h>
#include "errno.h"
#include "hypercall.h"
#include "ktest.h"
#include "mmu_stats.h"
#include "page_alloc.h"
#include "pgtable.h"
#include "pv_mmu.h"
#include "xen_mmu.h"

#define PATTERN 0x9e3779b97f4a7c15UL

/* Every pfn is reachable through the direct map; free frames keep what is written. */
static void test_directmap(void)
{
	unsigned long written = 0;

	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		volatile unsigned long *p = pfn_to_virt(pfn);

		if (pfn_to_page(pfn)->flags & PG_free) {
			p[0] = pfn ^ PATTERN;
			p[PAGE_SIZE / sizeof(long) - 1] = ~pfn;
			written++;
		} else {
			(void)p[0];	/* reserved or page table: reading must work */
		}
	}
	/* A second pass catches two pfns that alias one frame. */
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		volatile unsigned long *p = pfn_to_virt(pfn);

		if (!(pfn_to_page(pfn)->flags & PG_free))
			continue;
		if (p[0] != (pfn ^ PATTERN) || p[PAGE_SIZE / sizeof(long) - 1] != ~pfn) {
			test_fail("pfn %#lx read back %#lx, wrote %#lx", pfn, p[0], pfn ^ PATTERN);
			return;
		}
	}
	TEST_ASSERT_EQ(written, nr_free_pages());
}
KTEST("mm.directmap", test_directmap, "every pfn is mapped once in the direct map; free frames keep data");

static unsigned long nr_tables_seen;

static bool alias_writable(unsigned long va)
{
	pteval_t *ptep = pt_walk(init_pgd, va, PT_PTE);

	return ptep && (*ptep & _PAGE_PRESENT) && (*ptep & _PAGE_RW);
}

/* A table is read-only everywhere and marked PG_pagetable; false (and a failure) if not. */
static bool check_table(pteval_t *table, enum pt_level level)
{
	unsigned long pfn = virt_to_pfn(table);

	nr_tables_seen++;
	if (alias_writable((unsigned long)pfn_to_virt(pfn)) ||
	    (pfn < kmap_end_pfn && alias_writable((unsigned long)kmap_pfn(pfn)))) {
		test_fail("level-%d table at pfn %#lx is mapped writable", level, pfn);
		return false;
	}
	if (!(pfn_to_page(pfn)->flags & PG_pagetable)) {
		test_fail("level-%d table at pfn %#lx lacks PG_pagetable", level, pfn);
		return false;
	}
	return true;
}

/* After the first bad table, the rest of the walk is skipped. */
static bool check_child(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va)
{
	bool *ok = ctx;

	(void)va;
	*ok = *ok && check_table(pt_next_table(*entry), level - 1);
	return *ok;
}

static void test_pt_readonly(void)
{
	static const struct pt_visitor check = { .enter = check_child };
	bool ok;

	nr_tables_seen = 0;
	ok = check_table(init_pgd, PT_PGD);
	/* Every table reachable from init_pgd but Xen's own slots. */
	pt_walk_range(init_pgd, PT_PGD, 0, XEN_FIRST_SLOT * pt_span(PT_PGD) - 1, &check, &ok);
	pt_walk_range(init_pgd, PT_PGD, PAGE_OFFSET, ~0UL, &check, &ok);
	if (!ok)
		return;
	/* Bring-up's tables are all still in use, all reachable from init_pgd. */
	TEST_ASSERT(nr_tables_seen >= 4);
	TEST_ASSERT(nr_tables_seen <= mmu_stats.pt_pages);
}
KTEST("mm.pt_readonly", test_pt_readonly, "every page table is read-only everywhere and marked PG_pagetable");

/* Xen, not only our bookkeeping, refuses to let a page table be mapped writable. */
static void test_refuse_writable(void)
{
	unsigned long pt_pfn = virt_to_pfn(pt_walk(init_pgd, PAGE_OFFSET, PT_PTE));
	pteval_t *ptep = pt_walk(init_pgd, (unsigned long)pfn_to_virt(pt_pfn), PT_PTE);
	pteval_t before = *ptep;
	mmu_update_t req = { pt_entry_machine_address(ptep), pt_make_entry(pt_pfn, PAGE_KERNEL) };
	struct mmuext_op pin = { .cmd = MMUEXT_PIN_L4_TABLE, .arg1.mfn = pfn_to_mfn(virt_to_pfn(init_pgd)) };
	long rc = HYPERVISOR_mmu_update(&req, 1, NULL, DOMID_SELF);

	/* Xen 4.17's get_page_from_l1e cannot take a writable type ref: -EBUSY. */
	TEST_ASSERT_EQ(rc, -EBUSY);
	TEST_ASSERT_EQ(*ptep, before);
	/* Pinning the already pinned kernel pgd again is refused too. */
	rc = HYPERVISOR_mmuext_op(&pin, 1, NULL, DOMID_SELF);
	TEST_ASSERT_EQ(rc, -EINVAL);
}
KTEST("mm.refuse_writable", test_refuse_writable, "Xen refuses a writable mapping of a page table and a second pin");

/* A struct page for every pfn, and the flags agree with the allocator. */
static void test_struct_pages(void)
{
	unsigned long free = 0, tables = 0, reserved = 0;

	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		unsigned long flags = pfn_to_page(pfn)->flags;

		if (flags & PG_free) {
			free++;
			TEST_ASSERT(!(flags & (PG_reserved | PG_pagetable)));
		}
		tables += !!(flags & PG_pagetable);
		reserved += !!(flags & PG_reserved);
	}
	TEST_ASSERT_EQ(free, nr_free_pages());
	TEST_ASSERT(tables >= 4);
	TEST_ASSERT(reserved > 0);
	TEST_ASSERT_EQ((unsigned long)pfn_to_page(max_pfn - 1),
		       VMEMMAP_START + (max_pfn - 1) * sizeof(struct page));
}
KTEST("mm.struct_pages", test_struct_pages, "a struct page per pfn; flags agree with the allocator");

/* The allocator hands out every free frame once and takes them all back. */
static void test_alloc_all(void)
{
	unsigned long before = nr_free_pages(), n = 0;

	while (test_alloc_page())
		n++;
	TEST_ASSERT_EQ(nr_free_pages(), 0);
	TEST_ASSERT_EQ(n, before);
	test_free_pages();
	TEST_ASSERT_EQ(nr_free_pages(), before);
}
KTEST("mm.alloc_all", test_alloc_all, "the allocator hands out every free frame and takes all back");

/* Consecutive updates in lazy mode reach Xen as one merged mmu_update. */
static void test_batch_merge(void)
{
	pteval_t *ptep = pt_walk(init_pgd, PAGE_OFFSET + PAGE_SIZE * 64, PT_PTE);
	struct mmu_stats before = mmu_stats;

	pv_mmu_ops.lazy_mode_enter();
	for (int i = 0; i < 3; i++)
		pv_mmu_ops.set_pte(&ptep[i], ptep[i]);	/* rewrite as is: harmless */
	TEST_ASSERT_EQ(mmu_stats.hypercalls, before.hypercalls);	/* held back */
	pv_mmu_ops.lazy_mode_leave();
	TEST_ASSERT_EQ(mmu_stats.hypercalls - before.hypercalls, 1);
	TEST_ASSERT_EQ(mmu_stats.mmu_updates - before.mmu_updates, 3);
}
KTEST("mm.batch_merge", test_batch_merge, "updates in lazy mode reach Xen as one merged mmu_update");

static struct mm pair_mm;
static unsigned long pair_cr3;

/* Whichever assertion ended the test: back on the kernel's pgd, the pair unpinned and freed. */
static void pgd_pair_teardown(void *unused)
{
	(void)unused;
	if (pv_mmu_ops.read_cr3() != pair_cr3)
		pv_mmu_ops.write_cr3(pair_cr3);
	if (pair_mm.pgd)
		pv_mmu_ops.pgd_free(&pair_mm);
}

/* pgd_alloc makes a pinned kernel/user pgd pair; write_cr3 switches to it and back. */
static void test_pgd_pair(void)
{
	unsigned long free_before = nr_free_pages(), cr3 = pv_mmu_ops.read_cr3();
	struct mm *mm = &pair_mm;
	struct page *kpage, *upage;
	struct mmuext_op pin;

	pair_cr3 = cr3;
	mm->pgd = NULL;
	test_defer(pgd_pair_teardown, NULL);
	TEST_ASSERT_EQ(pv_mmu_ops.pgd_alloc(mm), 0);
	kpage = virt_to_page(mm->pgd);
	upage = virt_to_page((void *)kpage->private);
	TEST_ASSERT(kpage->private != 0);
	TEST_ASSERT((kpage->flags & upage->flags & (PG_pinned | PG_pagetable)) ==
		    (PG_pinned | PG_pagetable));
	pin = (struct mmuext_op){ .cmd = MMUEXT_PIN_L4_TABLE, .arg1.mfn = pfn_to_mfn(page_to_pfn(upage)) };
	TEST_ASSERT_EQ(HYPERVISOR_mmuext_op(&pin, 1, NULL, DOMID_SELF), -EINVAL);	/* pinned */

	pv_mmu_ops.write_cr3(__pa(mm->pgd));
	TEST_ASSERT_EQ(pv_mmu_ops.read_cr3(), __pa(mm->pgd));
	TEST_ASSERT_EQ(init_pgd[511], mm->pgd[511]);	/* running on it: kernel map shared */
	pv_mmu_ops.write_cr3(cr3);
	pv_mmu_ops.pgd_free(mm);
	TEST_ASSERT_EQ(nr_free_pages(), free_before);
	TEST_ASSERT(!(kpage->flags & (PG_pinned | PG_pagetable)));
}
KTEST("mm.pgd_pair", test_pgd_pair, "pgd_alloc pins a kernel/user pgd pair; write_cr3 switches and back");
