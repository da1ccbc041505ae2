/* SPDX-License-Identifier: MIT */
/**
 * @file tests/host/fake_xen.c
 * @brief The recording fake Xen behind tests/host/shim/hypercall.h.
 *
 * Arguments are checked as Xen would check them, so a malformed call fails
 * the test here rather than looking like a recorded request.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "fake_xen.h"

struct fake_xen fake_xen;

void fake_xen_reset(void)
{
	memset(&fake_xen, 0, sizeof(fake_xen));
}

static struct fake_call *new_call(unsigned long op, unsigned int count, bool in_multicall)
{
	struct fake_call *c;

	if (fake_xen.nr_calls == FAKE_MAX_CALLS)
		fail_msg("fake Xen: more than %d calls recorded", FAKE_MAX_CALLS);
	if (fake_xen.nr_reqs + count > FAKE_MAX_REQS)
		fail_msg("fake Xen: more than %d requests recorded", FAKE_MAX_REQS);
	c = &fake_xen.calls[fake_xen.nr_calls++];
	*c = (struct fake_call){ .trip = fake_xen.trips - 1, .in_multicall = in_multicall,
				 .op = op, .count = count, .first = fake_xen.nr_reqs };
	return c;
}

/* mmu_update(req, count, done, domid) or mmuext_op(op, count, done, domid). */
static long run_call(unsigned long op, unsigned long list, unsigned long count,
		     unsigned long done, unsigned long domid, bool in_multicall)
{
	struct fake_call *c;
	unsigned int i;

	if (op != __HYPERVISOR_mmu_update && op != __HYPERVISOR_mmuext_op)
		fail_msg("fake Xen: unexpected hypercall %lu", op);
	if (!list || !done || count == 0 || count > FAKE_MAX_REQS || domid != DOMID_SELF)
		fail_msg("fake Xen: bad arguments to hypercall %lu: list %#lx count %lu done %#lx "
			 "domid %#lx", op, list, count, done, domid);
	c = new_call(op, (unsigned int)count, in_multicall);
	for (i = 0; i < count; i++) {
		struct fake_req *r = &fake_xen.reqs[fake_xen.nr_reqs++];

		if (op == __HYPERVISOR_mmu_update) {
			const mmu_update_t *req = (const mmu_update_t *)list + i;

			*r = (struct fake_req){ req->ptr, req->val, 0 };
		} else {
			const struct mmuext_op *req = (const struct mmuext_op *)list + i;

			*r = (struct fake_req){ req->cmd, req->arg1.mfn, req->arg2.src_mfn };
		}
		/* Xen stops at the first request it refuses and reports how many went through. */
		if (fake_xen.fail_req_rc && fake_xen.nr_reqs - 1 == fake_xen.fail_req) {
			*(unsigned int *)done = i;
			return c->rc = fake_xen.fail_req_rc;
		}
	}
	*(unsigned int *)done = i;
	if (fake_xen.fail_call_rc && fake_xen.nr_calls - 1 == fake_xen.fail_call)
		c->rc = fake_xen.fail_call_rc;
	return c->rc;
}

static void enter_xen(void)
{
	fake_xen.trips++;
	if (!fake_xen.evtchn_mask)
		fake_xen.unmasked_trips++;
}

long hypercall5(unsigned int nr, unsigned long a1, unsigned long a2, unsigned long a3,
		unsigned long a4, unsigned long a5)
{
	enter_xen();
	if (a5)
		fail_msg("fake Xen: hypercall %u with a fifth argument %#lx", nr, a5);
	return run_call(nr, a1, a2, a3, a4, false);
}

long HYPERVISOR_multicall(multicall_entry_t *calls, unsigned int count)
{
	enter_xen();
	fake_xen.multicalls++;
	if (!calls || count == 0)
		fail_msg("fake Xen: multicall of %u entries at %p", count, (void *)calls);
	if (fake_xen.multicall_rc)
		return fake_xen.multicall_rc;
	for (unsigned int i = 0; i < count; i++) {
		multicall_entry_t *e = &calls[i];

		if (e->args[4] || e->args[5])
			fail_msg("fake Xen: multicall entry %u has extra arguments", i);
		e->result = (xen_ulong_t)run_call(e->op, e->args[0], e->args[1], e->args[2],
						  e->args[3], true);
	}
	return 0;
}

unsigned long irq_save(void)
{
	unsigned long old = fake_xen.evtchn_mask;

	fake_xen.evtchn_mask = 1;
	return old;
}

void irq_restore(unsigned long flags)
{
	fake_xen.evtchn_mask = (uint8_t)flags;
}

