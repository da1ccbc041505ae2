/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/mm/page_alloc.c
 * @brief The physical page allocator: a free list threaded through struct pages.
 *
 * Single frames only: the kernel has no use for larger contiguous blocks,
 * and a list keeps allocation and freeing O(1) and easy to check.
 */
#include "memblock.h"
#include "mm.h"
#include "page_alloc.h"
#include "spinlock.h"

/* Shared by every vCPU; no event handler allocates, so events stay as they are. */
static spinlock_t free_lock = SPINLOCK_INIT;
static struct page *free_list;
static unsigned long nr_free;

unsigned long nr_free_pages(void)
{
	return nr_free;
}

struct page *alloc_page(void)
{
	struct page *page;

	spin_lock(&free_lock);
	page = free_list;
	if (page) {
		free_list = page->next;
		nr_free--;
		page->flags &= ~PG_free;
		page->next = NULL;
		page->refcount = 1;
	}
	spin_unlock(&free_lock);
	return page;
}

void free_page(struct page *page)
{
	unsigned long flags;

	/* Checked under the lock: of two vCPUs freeing one page, one is told. */
	spin_lock(&free_lock);
	flags = page->flags;
	if (flags & (PG_free | PG_reserved | PG_pagetable)) {
		spin_unlock(&free_lock);
		panic("free_page: pfn %#lx is not an allocated page (flags %#lx)", page_to_pfn(page),
		      flags);
	}
	page->refcount = 0;
	page->flags |= PG_free;
	page->next = free_list;
	free_list = page;
	nr_free++;
	spin_unlock(&free_lock);
}

static void free_range(unsigned long start, unsigned long end)
{
	for (unsigned long pfn = start; pfn < end; pfn++) {
		struct page *page = pfn_to_page(pfn);

		page->flags &= ~PG_reserved;
		free_page(page);
	}
}

void page_alloc_init(void)
{
	memblock_hand_over(free_range);
	printk("mm: page allocator: %lu of %lu frames free (%lu MiB)\n", nr_free, max_pfn,
	       nr_free >> 8);
}
