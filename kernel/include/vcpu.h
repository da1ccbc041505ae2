/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/vcpu.h
 * @brief The vCPU state Xen keeps for the guest in shared_info: a leaf, so
 * that traps, page walks and the fault handler read it without calling each other.
 */
#ifndef PVMMU_VCPU_H
#define PVMMU_VCPU_H

#include <stdint.h>
#include <xen/xen.h>

extern struct shared_info *HYPERVISOR_shared_info;

/** vCPU 0's vcpu_info: processes and the kernel run there only. */
static inline struct vcpu_info *this_vcpu(void)
{
	return &HYPERVISOR_shared_info->vcpu_info[0];
}

/** A PV guest cannot read %cr2: Xen leaves the last #PF's address in vcpu_info. */
static inline unsigned long read_cr2(void)
{
	return this_vcpu()->arch.cr2;
}

#endif
