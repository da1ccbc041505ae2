/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/page_alloc.h
 * @brief The page allocator: one frame at a time, once struct pages exist (kernel/mm/page_alloc.c).
 */
#ifndef PVMMU_PAGE_ALLOC_H
#define PVMMU_PAGE_ALLOC_H

#include "mm.h"

void page_alloc_init(void);
struct page *alloc_page(void);
void free_page(struct page *page);
unsigned long nr_free_pages(void);

#endif
