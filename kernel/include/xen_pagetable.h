/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/xen_pagetable.h
 * @brief kernel/xen/setup_pagetable.c: leaving Xen's start-of-day page tables.
 */
#ifndef PVMMU_XEN_PAGETABLE_H
#define PVMMU_XEN_PAGETABLE_H

/** Build, pin and load our own L4 and kernel map, then unpin Xen's [xen_setup_kernel_pagetable]. */
void setup_kernel_pagetable(void);

#endif
