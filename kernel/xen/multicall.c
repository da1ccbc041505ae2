/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/multicall.c
 * @brief Batching MMU hypercalls into multicalls.
 *
 * Each trip into Xen costs far more than the work of one page-table update,
 * so updates are queued and sent together.  Consecutive mmu_update requests
 * (or mmuext ops) from the same call site are merged into one multicall
 * entry.  The queue is a fixed buffer: it is flushed when its entries, its
 * argument space or its callbacks run out, when the outermost batch is
 * issued outside lazy MMU mode, and when lazy mode is left.  Event delivery is masked
 * while a batch is open, so an event handler never sees half a batch.
 *
 * Every request passes fault_inject_request() as it is queued (fail=): an
 * entry holding the chosen request is sent cut short before it, and then
 * fails as Xen fails an entry at its first refused request.
 */
#include <string.h>
#include "errno.h"
#include "fault_inject.h"
#include "hypercall.h"
#include "mmu_stats.h"
#include "multicall.h"
#include "percpu.h"
#include "pv_mmu.h"

#define MC_BATCH 32
#define MC_ARGS 8192	/* 512 mmu_update requests */
#define MC_CALLBACKS 32

/* One per vCPU: a batch is only ever opened, filled and sent by its own vCPU. */
struct mc_buffer {
	multicall_entry_t entries[MC_BATCH];
	enum mmu_site_id site[MC_BATCH];	/* for MMU entries */
	unsigned int done[MC_BATCH];	/* Xen's success count per entry */
	/* Our own copy of each entry's requests: Xen rewrites args when it preempts one. */
	void *base[MC_BATCH];
	unsigned int count[MC_BATCH];
	/* fail=: the error an entry must fail with, and the request it stops at */
	long inject[MC_BATCH];
	unsigned int inject_at[MC_BATCH];
	unsigned int nr;
	uint8_t args[MC_ARGS] __aligned(16);
	unsigned int args_used;
	struct {
		void (*fn)(void *);
		void *data;
	} callbacks[MC_CALLBACKS];
	unsigned int nr_callbacks;
	unsigned int depth;
	unsigned long saved_mask;
	bool lazy;
};

static struct mc_buffer mc_buffers[NR_CPUS];

static struct mc_buffer *this_mc(void)
{
	return &mc_buffers[smp_processor_id()];
}

bool xen_mc_lazy(void) { return this_mc()->lazy; }

void xen_mc_set_lazy(bool lazy)
{
	struct mc_buffer *mc = this_mc();

	mc->lazy = lazy;
	if (!lazy)
		xen_mc_flush();
}

void xen_mc_batch(void)
{
	unsigned long mask = irq_save();
	struct mc_buffer *mc = this_mc();

	if (mc->depth++ == 0)
		mc->saved_mask = mask;
}

void xen_mc_issue(void)
{
	struct mc_buffer *mc = this_mc();

	BUG_ON(mc->depth == 0);
	if (--mc->depth)
		return;
	/* The outermost issue sends the batch, unless lazy mode holds it back. */
	if (!mc->lazy)
		xen_mc_flush();
	irq_restore(mc->saved_mask);
}

static const char *mmuext_name(unsigned int cmd)
{
	/* The commands this kernel issues. */
	static const char *const names[] = {
		[MMUEXT_PIN_L4_TABLE] = "PIN_L4_TABLE",
		[MMUEXT_UNPIN_TABLE] = "UNPIN_TABLE", [MMUEXT_NEW_BASEPTR] = "NEW_BASEPTR",
		[MMUEXT_TLB_FLUSH_LOCAL] = "TLB_FLUSH_LOCAL", [MMUEXT_INVLPG_LOCAL] = "INVLPG_LOCAL",
		[MMUEXT_NEW_USER_BASEPTR] = "NEW_USER_BASEPTR",
		[MMUEXT_TLB_FLUSH_MULTI] = "TLB_FLUSH_MULTI", [MMUEXT_INVLPG_MULTI] = "INVLPG_MULTI",
	};

	return cmd < ARRAY_SIZE(names) && names[cmd] ? names[cmd] : "?";
}

/* Name the site, the op, the refused request's arguments and the error: then stop. */
static void __noreturn report_failure(unsigned int i)
{
	struct mc_buffer *mc = this_mc();
	const multicall_entry_t *e = &mc->entries[i];
	long rc = (long)e->result;
	unsigned int n = mc->count[i], done = mc->done[i];
	const char *op = mmu_op_name((unsigned int)e->op);
	const char *how = mc->inject[i] ? ", injected by fail=" : "";
	const char *spec = mc->inject[i] ? param_fail : "";

	/* stack_switch is the one other hypercall queued here. */
	if (e->op != __HYPERVISOR_mmu_update && e->op != __HYPERVISOR_mmuext_op)
		panic("stack_switch(ss=%#lx, sp=%#lx) failed: %ld (%s)", (unsigned long)e->args[0],
		      (unsigned long)e->args[1], rc, errno_name(rc));
	const char *site = mmu_site(mc->site[i])->name;

	if (done >= n)	/* Xen failed the call itself, not one request */
		panic("%s: %s with %u requests failed: %ld (%s)", site, op, n, rc,
		      errno_name(rc));
	if (e->op == __HYPERVISOR_mmu_update) {
		const mmu_update_t *req = mc->base[i];

		panic("%s: mmu_update request %u of %u (ptr=%#llx val=%#llx) failed: %ld (%s)%s%s",
		      site, done, n, (unsigned long long)req[done].ptr,
		      (unsigned long long)req[done].val, rc, errno_name(rc), how, spec);
	}
	const struct mmuext_op *ext = mc->base[i];

	panic("%s: mmuext_op %u of %u (cmd=%u %s, arg1=%#lx) failed: %ld (%s)%s%s", site,
	      done, n, ext[done].cmd, mmuext_name(ext[done].cmd), (unsigned long)ext[done].arg1.mfn,
	      rc, errno_name(rc), how, spec);
}

/* Before the flush: an entry holding an injected failure is sent without it and what follows. */
static void cut_injected(void)
{
	struct mc_buffer *mc = this_mc();

	for (unsigned int i = 0; i < mc->nr; i++)
		if (mc->inject[i])
			mc->entries[i].args[1] = mc->inject_at[i];
}

/* After it: the entry fails there, unless Xen already refused an earlier request. */
static void fail_injected(unsigned int i)
{
	struct mc_buffer *mc = this_mc();

	if (!mc->inject[i])
		return;
	if (mc->entries[i].result) {
		mc->inject[i] = 0;
		return;
	}
	mc->entries[i].result = (xen_ulong_t)mc->inject[i];
	mc->done[i] = mc->inject_at[i];
}

void xen_mc_flush(void)
{
	unsigned long mask = irq_save();
	struct mc_buffer *mc = this_mc();

	cut_injected();
	if (mc->nr == 1) {
		/* A multicall of one costs more than the call itself. */
		multicall_entry_t *e = &mc->entries[0];

		e->result = (xen_ulong_t)hypercall5((unsigned int)e->op, e->args[0], e->args[1],
						    e->args[2], e->args[3], 0);
		mmu_stat_add(hypercalls, 1);
	} else if (mc->nr > 1) {
		long rc = HYPERVISOR_multicall(mc->entries, mc->nr);

		if (rc)
			panic("multicall(%u entries) failed: %ld (%s)", mc->nr, rc, errno_name(rc));
		mmu_stat_add(hypercalls, 1);
		mmu_stat_add(multicalls, 1);
		mmu_stat_add(mc_entries, mc->nr);
	}
	for (unsigned int i = 0; i < mc->nr; i++) {
		fail_injected(i);
		if (mc->entries[i].result)
			report_failure(i);
	}
	mc->nr = 0;
	mc->args_used = 0;
	/*
	 * Callbacks run after the flush: they may depend on what it did.  Taken
	 * off the list first, so that one queueing work (and flushing) cannot
	 * run them again.
	 */
	unsigned int nr_callbacks = mc->nr_callbacks;
	__typeof__(mc->callbacks) callbacks;

	memcpy(callbacks, mc->callbacks, nr_callbacks * sizeof(callbacks[0]));
	mc->nr_callbacks = 0;
	for (unsigned int i = 0; i < nr_callbacks; i++)
		callbacks[i].fn(callbacks[i].data);
	irq_restore(mask);
}

/* A new entry at the end of the batch, which the caller made room for. */
static void new_entry(unsigned long op, enum mmu_site_id site, unsigned long a0,
		      unsigned long a1, void *base)
{
	struct mc_buffer *mc = this_mc();
	unsigned int i = mc->nr++;

	mc->entries[i] = (multicall_entry_t){ .op = op,
		.args = { a0, a1, (unsigned long)&mc->done[i], DOMID_SELF } };
	mc->base[i] = base;
	mc->count[i] = 1;
	mc->done[i] = 0;
	mc->inject[i] = 0;
	mc->site[i] = site;
}

/* Room for @p size more bytes of arguments, merged into the last entry if it matches. */
static void *queue(unsigned long op, size_t size, enum mmu_site_id site)
{
	struct mc_buffer *mc = this_mc();
	multicall_entry_t *last = mc->nr ? &mc->entries[mc->nr - 1] : NULL;
	void *arg;
	long err;

	if (mc->args_used + size > MC_ARGS)
		xen_mc_flush(), last = NULL;
	arg = mc->args + mc->args_used;
	if (last && last->op == op && mc->site[mc->nr - 1] == site &&
	    (uint8_t *)mc->base[mc->nr - 1] + mc->count[mc->nr - 1] * size == arg) {
		last->args[1] = ++mc->count[mc->nr - 1];
	} else {
		if (mc->nr == MC_BATCH)
			xen_mc_flush(), arg = mc->args;
		new_entry(op, site, (unsigned long)arg, 1, arg);
	}
	mc->args_used += (unsigned int)size;
	BUG_ON(mmu_site(site)->op != op);	/* an mmu_update site queued an mmuext op, say */
	err = fault_inject_request(site);
	if (err) {
		mc->inject[mc->nr - 1] = err;
		mc->inject_at[mc->nr - 1] = mc->count[mc->nr - 1] - 1;
	}
	/* Counted here: Xen rewrites a preempted entry's count argument. */
	if (op == __HYPERVISOR_mmu_update)
		mmu_stat_add(mmu_updates, 1);
	else
		mmu_stat_add(mmuext_ops, 1);
	return arg;
}

void xen_mc_mmu_update(uint64_t ptr, uint64_t val, enum mmu_site_id site)
{
	mmu_update_t *req;

	xen_mc_batch();
	req = queue(__HYPERVISOR_mmu_update, sizeof(*req), site);
	req->ptr = ptr;
	req->val = val;
	xen_mc_issue();
}

static void queue_mmuext(const struct mmuext_op *op, enum mmu_site_id site)
{
	xen_mc_batch();
	*(struct mmuext_op *)queue(__HYPERVISOR_mmuext_op, sizeof(*op), site) = *op;
	if (op->cmd <= MMUEXT_PIN_L4_TABLE)
		mmu_stat_add(pins, 1);
	else if (op->cmd == MMUEXT_UNPIN_TABLE)
		mmu_stat_add(unpins, 1);
	xen_mc_issue();
}

void xen_mc_mmuext_op(unsigned int cmd, unsigned long arg1, enum mmu_site_id site)
{
	queue_mmuext(&(struct mmuext_op){ .cmd = cmd, .arg1.mfn = arg1 }, site);
}

void xen_mc_mmuext_op_mask(unsigned int cmd, unsigned long va, const void *vcpumask,
			   enum mmu_site_id site)
{
	struct mmuext_op op = { .cmd = cmd, .arg1.linear_addr = va };

	set_xen_guest_handle(op.arg2.vcpumask, vcpumask);
	queue_mmuext(&op, site);
}

void xen_mc_callback(void (*fn)(void *), void *data)
{
	struct mc_buffer *mc = this_mc();

	if (mc->nr_callbacks == MC_CALLBACKS)
		xen_mc_flush();
	mc->callbacks[mc->nr_callbacks].fn = fn;
	mc->callbacks[mc->nr_callbacks++].data = data;
}

void xen_mc_stack_switch(unsigned long ss, unsigned long sp)
{
	struct mc_buffer *mc = this_mc();

	xen_mc_batch();
	if (mc->nr == MC_BATCH)
		xen_mc_flush();
	new_entry(__HYPERVISOR_stack_switch, NR_MMU_SITES, ss, sp, NULL);
	xen_mc_issue();
}
