/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/mm_ref.h
 * @brief Shared address spaces (kernel/proc/mm_ref.c): a use count and a lock per struct mm.
 *
 * Threads (clone with CLONE_VM) share their process's mm: each holds a
 * reference, and the last to drop it destroys the address space.  Page
 * tables and regions change under mm_lock, since two threads may fault,
 * map or copy user memory on two vCPUs at once.
 */
#ifndef PVMMU_MM_REF_H
#define PVMMU_MM_REF_H

#include "mm.h"

/** An empty struct mm from the pool (no tables: mm_create or pgd_alloc next), or NULL. */
struct mm *mm_alloc(void);
/** Give back an mm whose tables are gone or were never made. */
void mm_free(struct mm *mm);
void mm_get(struct mm *mm);
/** Drop a reference; the last one destroys the address space (not loaded on this vCPU). */
void mm_put(struct mm *mm);
unsigned int mm_users(const struct mm *mm);
void mm_lock(struct mm *mm);
void mm_unlock(struct mm *mm);

#endif
