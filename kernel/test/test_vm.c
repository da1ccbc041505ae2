/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_vm.c
 * @brief user_page_get on a real address space (test=vm.*): reads of untouched
 * memory take no frame, writes fault in or break copy-on-write, bad addresses are -EFAULT.
 */
#include "elf.h"
#include "errno.h"
#include "ktest.h"
#include "page_alloc.h"
#include "proc.h"
#include "pv_mmu.h"
#include "vm.h"

#define RW_VA 0x0000100000000000UL
#define RO_VA (RW_VA + 0x10000)
#define NONE_VA (RW_VA + 0x20000)

static void check_refusals(struct mm *mm)
{
	struct page *page;

	TEST_ASSERT_EQ(user_page_get(mm, RO_VA, true, &page), -EFAULT);
	TEST_ASSERT_EQ(user_page_get(mm, NONE_VA, false, &page), -EFAULT);
	TEST_ASSERT_EQ(user_page_get(mm, RW_VA + 4 * PAGE_SIZE, false, &page), -EFAULT);
	TEST_ASSERT_EQ(user_page_get(mm, USER_TOP, false, &page), -EFAULT);
	TEST_ASSERT_EQ(user_page_get(mm, PAGE_OFFSET, true, &page), -EFAULT);
	page = (struct page *)1;
	TEST_ASSERT_EQ(user_page_get(mm, RO_VA + 8, false, &page), 0);
	TEST_ASSERT(page == NULL);
}

/* A child shares @p page copy-on-write; its write gets a copy, the parent keeps the page. */
static void check_cow(struct mm *mm, struct page *page)
{
	static struct mm child;
	struct page *copy = NULL, *mine = NULL;

	TEST_ASSERT_EQ(pv_mmu_ops.pgd_alloc(&child), 0);
	if (mm_copy(&child, mm)) {
		pv_mmu_ops.pgd_free(&child);
		test_fail("mm_copy failed");
		return;
	}
	if (!user_page_get(&child, RW_VA + 5, true, &copy))
		(void)user_page_get(mm, RW_VA + 5, false, &mine);
	mm_destroy(&child);
	TEST_ASSERT(copy && copy != page);
	TEST_ASSERT_EQ(((char *)page_address(copy))[5], 'x');
	TEST_ASSERT(mine == page);
}

static void check_pages(struct mm *mm)
{
	struct page *page = (struct page *)1, *again = NULL;
	unsigned long before;

	TEST_ASSERT_EQ(vma_add(mm, RW_VA, RW_VA + 4 * PAGE_SIZE, VMA_WRITE), 0);
	TEST_ASSERT_EQ(vma_add(mm, RO_VA, RO_VA + PAGE_SIZE, 0), 0);
	TEST_ASSERT_EQ(vma_add(mm, NONE_VA, NONE_VA + PAGE_SIZE, VMA_NONE), 0);
	before = nr_free_pages();
	TEST_ASSERT_EQ(user_page_get(mm, RW_VA + 5, false, &page), 0);
	TEST_ASSERT(page == NULL);
	TEST_ASSERT_EQ(nr_free_pages(), before);	/* neither a frame nor a table */
	TEST_ASSERT_EQ(user_page_get(mm, RW_VA + 5, true, &page), 0);
	TEST_ASSERT(page != NULL);
	TEST_ASSERT_EQ(((char *)page_address(page))[5], 0);
	((char *)page_address(page))[5] = 'x';
	TEST_ASSERT_EQ(user_page_get(mm, RW_VA + 5, false, &again), 0);
	TEST_ASSERT(again == page);
	check_refusals(mm);
	check_cow(mm, page);
}

static void destroy_mm(void *mm)
{
	mm_destroy(mm);
}

/* The harness's leak check after teardown holds frames, page-table pages and pins to account. */
static void test_user_page_get(void)
{
	static struct mm mm;

	TEST_REQUIRE(mm_create(&mm) == 0);
	test_defer(destroy_mm, &mm);
	check_pages(&mm);
}
KTEST("vm.user_page_get", test_user_page_get,
      "user_page_get: untouched reads take no frame, writes fault in and break COW, refusals");

/* The page behind @p va in @p mm, NULL if none. */
static struct page *page_at(struct mm *mm, unsigned long va, bool write)
{
	struct page *page = NULL;

	return user_page_get(mm, va, write, &page) ? NULL : page;
}

/*
 * Two address spaces that run one program share its read-only pages, the
 * image's own reserved frames, untouched by their teardown; each has its
 * own copy of the writable ones.
 */
static void test_elf_shared_text(void)
{
	static struct mm a, b;
	unsigned long entry, before;
	struct page *text_a, *text_b, *data_a, *data_b;
	unsigned int refs;

	TEST_REQUIRE(mm_create(&a) == 0);
	test_defer(destroy_mm, &a);
	TEST_REQUIRE(mm_create(&b) == 0);
	test_defer(destroy_mm, &b);
	TEST_REQUIRE(elf_load(&a, "hello", &entry) == 0);
	text_a = page_at(&a, entry, false);
	TEST_REQUIRE(text_a != NULL);
	refs = page_ref_count(text_a);
	before = nr_free_pages();
	TEST_REQUIRE(elf_load(&b, "hello", &entry) == 0);
	text_b = page_at(&b, entry, false);
	TEST_ASSERT(text_a == text_b);
	TEST_ASSERT(text_a->flags & PG_reserved);
	TEST_ASSERT(page_at(&a, 0x403000, false) == page_at(&b, 0x403000, false));	/* rodata, the image's last page */
	TEST_ASSERT_EQ(page_ref_count(text_a), refs);
	/* hello's text and rodata are 3 pages, its data 1: the second load copies 1 and adds 3 tables */
	/* hello's 4 read-only pages are shared: the second load takes its data page and 3 tables */
	TEST_ASSERT_EQ(before - nr_free_pages(), 4);
	data_a = page_at(&a, a.brk_start - 1, true);
	data_b = page_at(&b, b.brk_start - 1, true);
	TEST_ASSERT(data_a && data_b && data_a != data_b && !(data_a->flags & PG_reserved));
	TEST_ASSERT_EQ(user_page_get(&b, entry, true, &data_b), -EFAULT);	/* the image stays read-only */
}
KTEST("vm.elf_shared_text", test_elf_shared_text,
      "two loads of a program map its read-only pages from the image, shared and never freed; writable ones are copies");

/*
 * exec's loading in lazy MMU mode (proc.c's load_program): the new pgd
 * pair, hello's one chain of tables and its five pages go to Xen in two
 * trips, the chain's (the next walk reads it) and the rest at the end,
 * where each table and pte was a hypercall of its own.  A try that took an
 * event made calls of its own and is not counted.
 */
static void test_elf_load_batched(void)
{
	static struct mm mm;
	unsigned long least = ~0UL;

	for (int t = 0; t < 10; t++) {
		struct cpu_stats before = this_cpu()->stats;
		unsigned long entry, calls;
		int rc;

		pv_mmu_ops.lazy_mode_enter();
		rc = mm_create(&mm);
		if (!rc)
			rc = elf_load(&mm, "hello", &entry);
		pv_mmu_ops.lazy_mode_leave();
		calls = this_cpu()->stats.hypercalls - before.hypercalls;
		if (this_cpu()->stats.upcalls == before.upcalls && calls < least)
			least = calls;
		if (mm.pgd)
			mm_destroy(&mm);
		TEST_REQUIRE(rc == 0);
	}
	TEST_ASSERT_EQ(least, 2);
}
KTEST("vm.elf_load_batched", test_elf_load_batched,
      "a program's address space is loaded in lazy mode in two hypercalls: the new tables' chain, then the rest");
