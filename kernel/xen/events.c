/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/events.c
 * @brief Event channels: the port -> handler registry and the upcall.
 *
 * Xen marks a port pending in shared_info, sets the vCPU's selector bit
 * and upcall flag, and calls the event callback (with events masked).  The
 * upcall scans the selector, then each selected word's pending and not
 * masked bits, and calls the handler bound to each port it finds.
 */
#include "errno.h"
#include "events.h"
#include "hypercall.h"
#include "kernel.h"
#include "string.h"
#include "vcpu.h"

#define BITS_PER_WORD (8 * sizeof(xen_ulong_t))

struct evtchn_binding {
	evtchn_handler_t handler;
	void *cookie;
	unsigned int vcpu;	/* the vCPU Xen notifies: only it runs the handler */
};

/*
 * Per port, as the 2-level ABI numbers them, shared by every vCPU: a
 * binding is written whole before Xen is asked to unmask its port.
 */
static struct evtchn_binding bindings[EVTCHN_2L_NR_CHANNELS];

static void bind_port(evtchn_port_t port, unsigned int vcpu, evtchn_handler_t handler,
		      void *cookie)
{
	struct evtchn_unmask unmask = { .port = port };
	long rc;

	if (port >= EVTCHN_2L_NR_CHANNELS || bindings[port].handler)
		panic("bind_evtchn: port %u is %s", port,
		      port >= EVTCHN_2L_NR_CHANNELS ? "out of range" : "already bound");
	bindings[port] = (struct evtchn_binding){ handler, cookie, vcpu };
	__atomic_thread_fence(__ATOMIC_RELEASE);
	/* Xen clears the mask and, if the port is already pending, delivers it. */
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_unmask, &unmask);
	if (rc)
		panic("event_channel_op(EVTCHNOP_unmask, port %u) failed: %ld (%s)", port, rc,
		      errno_name(rc));
}

/* A port one already has is notified to vCPU 0 until EVTCHNOP_bind_vcpu moves it. */
void bind_evtchn(evtchn_port_t port, evtchn_handler_t handler, void *cookie)
{
	bind_port(port, 0, handler, cookie);
}

void notify_remote_via_evtchn(evtchn_port_t port)
{
	struct evtchn_send send = { .port = port };
	long rc = HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);

	if (rc)
		panic("event_channel_op(EVTCHNOP_send, port %u) failed: %ld (%s)", port, rc,
		      errno_name(rc));
}

evtchn_port_t bind_virq(unsigned int virq, unsigned int vcpu, evtchn_handler_t handler,
			void *cookie)
{
	struct evtchn_bind_virq bind = { .virq = virq, .vcpu = vcpu };
	long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &bind);

	if (rc)
		panic("event_channel_op(EVTCHNOP_bind_virq, virq %u, vcpu %u) failed: %ld (%s)", virq,
		      vcpu, rc, errno_name(rc));
	bind_port(bind.port, vcpu, handler, cookie);
	return bind.port;
}

evtchn_port_t bind_ipi(unsigned int vcpu, evtchn_handler_t handler, void *cookie)
{
	struct evtchn_bind_ipi bind = { .vcpu = vcpu };
	long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &bind);

	if (rc)
		panic("event_channel_op(EVTCHNOP_bind_ipi, vcpu %u) failed: %ld (%s)", vcpu, rc,
		      errno_name(rc));
	bind_port(bind.port, vcpu, handler, cookie);
	return bind.port;
}

/* Bumped by each resume: an upcall that suspended inside a handler must stop. */
static unsigned long generation;

/*
 * The word scan of an interrupted upcall took the selector: mark each word
 * with a port still pending again, so that the next upcall finds them.
 */
static void resend_pending(void)
{
	struct shared_info *s = HYPERVISOR_shared_info;
	struct vcpu_info *v = this_vcpu();

	for (unsigned int w = 0; w < sizeof(s->evtchn_pending) / sizeof(s->evtchn_pending[0]); w++)
		if (s->evtchn_pending[w] & ~s->evtchn_mask[w])
			__atomic_fetch_or(&v->evtchn_pending_sel, 1UL << w, __ATOMIC_SEQ_CST);
	if (v->evtchn_pending_sel)
		v->evtchn_upcall_pending = 1;
}

void evtchn_resume(bool new_domain)
{
	/* A new domain has fresh event channels, all closed: every binding died. */
	if (new_domain)
		memset(bindings, 0, sizeof(bindings));
	generation++;
	resend_pending();
}

static void handle_port(evtchn_port_t port)
{
	const struct evtchn_binding *b = &bindings[port];

	/* A port nobody bound (closed meanwhile, say) has nothing to run. */
	if (b->handler)
		b->handler(port, b->cookie);
}

void evtchn_do_upcall(void)
{
	struct shared_info *s = HYPERVISOR_shared_info;
	struct vcpu_info *v = this_vcpu();
	unsigned int me = smp_processor_id();
	unsigned long gen = generation;

	this_cpu()->stats.upcalls++;
	v->evtchn_upcall_pending = 0;
	/* Xen may set more bits while we look: take the selector atomically. */
	for (xen_ulong_t sel = __atomic_exchange_n(&v->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST); sel;
	     sel &= sel - 1) {
		unsigned int word = (unsigned int)__builtin_ctzl(sel);
		xen_ulong_t pending = s->evtchn_pending[word] & ~s->evtchn_mask[word];

		for (; pending; pending &= pending - 1) {
			unsigned int bit = (unsigned int)__builtin_ctzl(pending);
			evtchn_port_t port = (evtchn_port_t)(word * BITS_PER_WORD + bit);

			/* The word is shared: a port of another vCPU stays pending for it. */
			if (bindings[port].handler && bindings[port].vcpu != me)
				continue;
			__atomic_fetch_and(&s->evtchn_pending[word], ~(1UL << bit), __ATOMIC_SEQ_CST);
			handle_port(port);
			/* The handler suspended: these words and ports are another domain's. */
			if (gen != generation)
				return;
		}
	}
}
