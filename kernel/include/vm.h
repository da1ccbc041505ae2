/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/vm.h
 * @brief User address spaces: regions, copy-on-write fork, faults, user pages for the kernel (kernel/proc/vm.c).
 */
#ifndef PVMMU_VM_H
#define PVMMU_VM_H

#include <stdbool.h>
#include "mm.h"

int mm_create(struct mm *mm);
void mm_destroy(struct mm *mm);
int mm_copy(struct mm *dst, const struct mm *src);
int vma_add(struct mm *mm, unsigned long start, unsigned long end, unsigned int flags);
/** Unmap [start, end) and cut it out of the regions; -ENOMEM (nothing changed) if a split finds no slot. */
int vma_remove(struct mm *mm, unsigned long start, unsigned long end);
/** The lowest free address from USER_MMAP_BASE for @p len bytes, a guard page each side; 0 if none. */
unsigned long vma_gap(const struct mm *mm, unsigned long len);
int map_user_page(struct mm *mm, unsigned long va, struct page *page, unsigned int vma_flags);
/**
 * Resolve a fault at @p va: 0 if the tables changed so the access can go on,
 * 1 if they already allowed it (nothing changed), -EACCES (PROT_NONE),
 * -EFAULT or -ENOMEM if the process may not go on.
 */
int handle_user_fault(struct mm *mm, unsigned long va, bool write);
/** The page behind user address @p va for the kernel to read (@p write false) or write (true):
 *  for a write, faulted in / COW broken as a user write would; for a read of an untouched
 *  anonymous page, NULL with 0 returned (the caller reads zeros, no frame is allocated).
 *  Returns 0 and sets *page, or -EFAULT (no region / not allowed) or -ENOMEM. */
int user_page_get(struct mm *mm, unsigned long va, bool write, struct page **page);
/** A mapping of @p page goes; the page is freed with its last one (never a reserved frame). */
void put_user_page(struct page *page);

#endif
