/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/ptdump.h
 * @brief ptdump-style reports of an address space (kernel/mm/ptdump.c), printed with printk.
 *
 * Consecutive pages with the same permissions print as one range:
 * `  START-END SIZE RW|ro NX|x  REGION` (docs/shell.md).
 */
#ifndef PVMMU_PTDUMP_H
#define PVMMU_PTDUMP_H

#include "mm.h"

/** The kernel pgd's address space: both halves, Xen's slots named. */
void ptdump_kernel(void);
/** Process @p pid's regions, and what its kernel pgd and its user pgd map of the user half. */
void vm_dump(const struct mm *mm, int pid, const char *name);

#endif
