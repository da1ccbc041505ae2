/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_vm.c
 * @brief user_page_get on a real address space (test=vm.*): reads of untouched
 * memory take no frame, writes fault in or break copy-on-write, bad addresses are -EFAULT.
 */
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
