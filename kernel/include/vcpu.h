/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/vcpu.h
 * @brief The vCPU state Xen keeps for the guest in its vcpu_info: a leaf, so
 * that traps, page walks and the fault handler read it without calling each other.
 */
#ifndef PVMMU_VCPU_H
#define PVMMU_VCPU_H

#include <stdint.h>
#include <xen/xen.h>
#include "percpu.h"

/** The running vCPU's vcpu_info (its slot in shared_info). */
static inline struct vcpu_info *this_vcpu(void)
{
	return this_cpu()->vcpu_info;
}

/** A PV guest cannot read %cr2: Xen leaves the last #PF's address in vcpu_info. */
static inline unsigned long read_cr2(void)
{
	return this_vcpu()->arch.cr2;
}

#endif
