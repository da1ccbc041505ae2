/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/arch/x86/hypervisor.c
 * @brief The state every hypercall touches, beside the hypercall page (head.S).
 *
 * hypercall.h's inline calls count themselves in hypercall_count and its
 * event mask lives in shared_info, so every layer that makes a hypercall
 * reads these.  Defining them at the bottom, with the hypercall page, lets
 * arch/x86 and mm/ make hypercalls without depending on xen/ above them;
 * xen/setup.c fills them in at start of day.
 */
#include "hypercall.h"

start_info_t *xen_start_info;
unsigned long hypercall_count;
struct shared_info *HYPERVISOR_shared_info;
