/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/pagewalk.h
 * @brief Printing the kernel's walk of an address in Xen's "Pagetable walk" form.
 */
#ifndef PVMMU_PAGEWALK_H
#define PVMMU_PAGEWALK_H

#include "mm.h"

/**
 * Print the walk of @p va through @p pgd as Xen prints its own:
 * "Pagetable walk from ADDR:", then " L4[0x1d4] = ENTRY PFN" per level,
 * the pfn from the M2P (ffffffffffffffff when none), stopping at the first
 * non-present level.
 */
void pt_print_walk(const pteval_t *pgd, unsigned long va);

struct cpu_regs;
/** For die(), registered by start_kernel: the kernel %cr3 and, for a #PF, the kernel's walk of %cr2. */
void report_fault_context(const struct cpu_regs *regs);

#endif
