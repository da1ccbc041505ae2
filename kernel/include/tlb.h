/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/tlb.h
 * @brief kernel/proc/tlb.c: which vCPUs have an address space loaded, lazy TLB, shootdown, drop_mm_ref.
 */
#ifndef PVMMU_TLB_H
#define PVMMU_TLB_H

#include <stdbool.h>
#include "mm.h"

/* Test-only switches (tlb_shootdown=off, drop_mm_ref=off): leave out the remote flush, the drop. */
extern bool param_tlb_shootdown;
extern bool param_drop_mm_ref;

/**
 * Make @p next this vCPU's address space, inside the caller's batch if it
 * has one open.  NULL (a kernel-only context: idle) keeps what is loaded:
 * lazy TLB.
 */
void mm_switch(struct mm *next);

/**
 * In lazy MMU mode, after queueing changes to @p mm's mappings: queue the
 * flush of @p nr pages at @p va (0: all), leave lazy mode, which sends the
 * changes and the flush in one multicall, and make sure every vCPU that has
 * @p mm loaded was flushed.  Frames the changes unmapped may be reused once
 * this returns.
 */
void flush_tlb_mm_leave_lazy(const struct mm *mm, const unsigned long *va, unsigned int nr);

/**
 * Before @p mm's tables and pgd pair go: every vCPU that still has it loaded
 * switches to the kernel pgd (drop_mm_ref=off: is only named).
 */
void drop_mm_ref(struct mm *mm);

#endif
