/* SPDX-License-Identifier: MIT */
/**
 * @file tests/host/fake_xen.h
 * @brief A recording fake of the Xen hypercalls the MMU code makes.
 *
 * It executes mmu_update and mmuext_op the way Xen reports them — each call
 * writes its success count through the `done` pointer and returns 0 or an
 * error, and a multicall runs every entry and stores each one's result —
 * without touching any page table.  Tests read back what crossed into Xen:
 * how many trips, which were multicalls, and every request in order.  A
 * failure can be injected at a chosen request, for a whole call, or for the
 * multicall itself.
 */
#ifndef PVMMU_TESTS_HOST_FAKE_XEN_H
#define PVMMU_TESTS_HOST_FAKE_XEN_H

#include <stdbool.h>
#include <stdint.h>
#include "hypercall.h"

#define FAKE_MAX_CALLS 256
#define FAKE_MAX_REQS 8192

/** One mmu_update or mmuext_op call Xen ran: a direct hypercall or a multicall entry. */
struct fake_call {
	unsigned int trip;	/* the guest->Xen transition that carried it, from 0 */
	bool in_multicall;
	unsigned long op;	/* __HYPERVISOR_mmu_update or __HYPERVISOR_mmuext_op */
	unsigned int count;	/* requests the guest asked for */
	unsigned int first;	/* index of its first request in fake_xen.reqs */
	long rc;
};

/** A request as Xen read it: mmu_update's ptr and val, or mmuext_op's cmd, arg1 and arg2 (as a number). */
struct fake_req {
	uint64_t a, b, c;
};

struct fake_xen {
	unsigned int trips;		/* hypercall5 + HYPERVISOR_multicall */
	unsigned int multicalls;
	unsigned int nr_calls;
	struct fake_call calls[FAKE_MAX_CALLS];
	unsigned int nr_reqs;
	struct fake_req reqs[FAKE_MAX_REQS];
	unsigned int unmasked_trips;	/* trips made while events were deliverable */

	uint8_t evtchn_mask;

	/* Injection.  fail_req counts requests across calls since the reset. */
	long fail_req_rc;
	unsigned int fail_req;
	long fail_call_rc;		/* call fail_call runs all requests, then fails */
	unsigned int fail_call;
	long multicall_rc;		/* the multicall is refused before any entry runs */
};

extern struct fake_xen fake_xen;

/** Forget every call and injection; events unmasked. */
void fake_xen_reset(void);

#endif
