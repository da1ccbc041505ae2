/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/events.c
 * @brief Event channels and the timer that drives preemption.
 *
 * Xen marks a port pending in shared_info, sets the vCPU's selector bit
 * and upcall flag, and calls the event callback (with events masked).  The
 * timer is Xen's single-shot VCPU timer on VIRQ_TIMER, re-armed each tick.
 */
#include "errno.h"
#include "hypercall.h"
#include "proc.h"
#include "xen_time.h"

#define TICK_NS 10000000ULL	/* a 10 ms time slice */
#define BITS_PER_WORD (8 * sizeof(xen_ulong_t))

static evtchn_port_t timer_port;
static bool timer_running;

static void timer_arm(void)
{
	long rc = HYPERVISOR_set_timer_op(xen_system_time() + TICK_NS);

	if (rc)
		panic("set_timer_op(now + %llu ns) failed: %ld (%s)", TICK_NS, rc, errno_name(rc));
}

static void handle_port(evtchn_port_t port)
{
	if (port == timer_port && timer_running) {
		sched_tick();
		timer_arm();
	}
}

void evtchn_do_upcall(void)
{
	struct shared_info *s = HYPERVISOR_shared_info;
	struct vcpu_info *v = &s->vcpu_info[0];

	v->evtchn_upcall_pending = 0;
	/* Xen may set more bits while we look: take the selector atomically. */
	for (xen_ulong_t sel = __atomic_exchange_n(&v->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST); sel;
	     sel &= sel - 1) {
		unsigned int word = (unsigned int)__builtin_ctzl(sel);
		xen_ulong_t pending = s->evtchn_pending[word] & ~s->evtchn_mask[word];

		for (; pending; pending &= pending - 1) {
			unsigned int bit = (unsigned int)__builtin_ctzl(pending);

			__atomic_fetch_and(&s->evtchn_pending[word], ~(1UL << bit), __ATOMIC_SEQ_CST);
			handle_port((evtchn_port_t)(word * BITS_PER_WORD + bit));
		}
	}
}

void timer_start(void)
{
	struct evtchn_bind_virq bind = { .virq = VIRQ_TIMER, .vcpu = 0 };
	long rc;

	if (!timer_port) {
		rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &bind);
		if (rc)
			panic("event_channel_op(EVTCHNOP_bind_virq, VIRQ_TIMER, vcpu 0) failed: %ld (%s)",
			      rc, errno_name(rc));
		timer_port = bind.port;
		__atomic_fetch_and(&HYPERVISOR_shared_info->evtchn_mask[timer_port / BITS_PER_WORD],
				   ~(1UL << (timer_port % BITS_PER_WORD)), __ATOMIC_SEQ_CST);
		printk("events: VIRQ_TIMER on port %u, %llu ms time slice\n", timer_port, TICK_NS / 1000000);
	}
	timer_running = true;
	timer_arm();
}

void timer_stop(void)
{
	/* A tick already armed still fires, finds the timer stopped and is dropped. */
	timer_running = false;
}
