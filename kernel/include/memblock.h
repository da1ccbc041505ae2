/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/memblock.h
 * @brief The early allocator, before struct pages exist (kernel/mm/memblock.c).
 */
#ifndef PVMMU_MEMBLOCK_H
#define PVMMU_MEMBLOCK_H

#include <stdbool.h>

void memblock_init(unsigned long first_pfn, unsigned long limit_pfn);
unsigned long memblock_alloc(unsigned long nr, const char *why);
void memblock_set_window(unsigned long start_pfn, unsigned long end_pfn);
void memblock_release(unsigned long first_pfn, unsigned long end_pfn);
void memblock_mark_pagetables(unsigned long first_pfn, unsigned long nr);
bool memblock_is_pagetable(unsigned long pfn);
unsigned long memblock_cursor(void);
void memblock_hand_over(void (*free_range)(unsigned long, unsigned long));

#endif
