/* SPDX-License-Identifier: MIT */
/**
 * @file tests/host/shim/hypercall.h
 * @brief Host stand-in for kernel/include/hypercall.h: hypercalls reach a fake Xen.
 *
 * Host tests that build kernel/xen sources put tests/host/shim first on the
 * -iquote path, so `#include "hypercall.h"` lands here instead of on the
 * kernel's entry points into the hypercall page.  The same names are declared as
 * functions of tests/host/fake_xen.c, which records every call as Xen would
 * see it (see fake_xen.h).  Only what the host-built sources use is here.
 */
#ifndef PVMMU_HYPERCALL_H
#define PVMMU_HYPERCALL_H

#include <stddef.h>
#include <stdint.h>
#include <xen/xen.h>

long hypercall5(unsigned int nr, unsigned long a1, unsigned long a2, unsigned long a3,
		unsigned long a4, unsigned long a5);
long HYPERVISOR_multicall(multicall_entry_t *calls, unsigned int count);

/* Event channels: the test that builds events.c provides both (test_events.c). */
extern struct shared_info *HYPERVISOR_shared_info;
long HYPERVISOR_event_channel_op(int cmd, void *arg);

/* vCPU 0's event mask, as the kernel keeps it in shared_info. */
unsigned long irq_save(void);
void irq_restore(unsigned long flags);

#endif
