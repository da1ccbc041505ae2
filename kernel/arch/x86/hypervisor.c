/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/arch/x86/hypervisor.c
 * @brief The state every hypercall touches, beside the hypercall page (head.S).
 *
 * start_info and shared_info are read by every layer that makes a
 * hypercall.  Defining them at the bottom, with the hypercall page, lets
 * arch/x86 and mm/ make hypercalls without depending on xen/ above them;
 * xen/setup.c fills them in at start of day.  The hypercall counter is
 * per vCPU (struct cpu, percpu.h).
 */
#include "hypercall.h"

start_info_t *xen_start_info;
struct shared_info *HYPERVISOR_shared_info;
