/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/multicall.h
 * @brief kernel/xen/multicall.c: batching hypercalls into multicalls, checked per entry.
 */
#ifndef PVMMU_MULTICALL_H
#define PVMMU_MULTICALL_H

#include <stdbool.h>
#include <stdint.h>
#include "mmu_sites.h"

void xen_mc_batch(void);
void xen_mc_issue(void);
void xen_mc_flush(void);
void xen_mc_mmu_update(uint64_t ptr, uint64_t val, enum mmu_site_id site);
void xen_mc_mmuext_op(unsigned int cmd, unsigned long arg1, enum mmu_site_id site);
/** An mmuext op on the vCPUs of the bitmap at @p vcpumask (TLB_FLUSH_MULTI, INVLPG_MULTI), which Xen reads when it gets there. */
void xen_mc_mmuext_op_mask(unsigned int cmd, unsigned long va, const void *vcpumask,
			   enum mmu_site_id site);
void xen_mc_callback(void (*fn)(void *), void *data);
/** Queue HYPERVISOR_stack_switch: the kernel stack Xen uses on the next entry from user mode. */
void xen_mc_stack_switch(unsigned long ss, unsigned long sp);
bool xen_mc_lazy(void);
void xen_mc_set_lazy(bool lazy);


#endif
