/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/timer.c
 * @brief The tick that drives preemption: Xen's single-shot VCPU timer on VIRQ_TIMER.
 *
 * Xen raises VIRQ_TIMER when the deadline given to set_timer_op passes; the
 * handler calls the tick its starter chose and arms the next slice.  Every
 * vCPU has its own VIRQ_TIMER and its own deadline: set_timer_op sets the
 * calling vCPU's, so timer_start has each vCPU bind and arm its own.
 */
#include "errno.h"
#include "events.h"
#include "hypercall.h"
#include "kernel.h"
#include "percpu.h"
#include "smp.h"
#include "timer.h"
#include "xen_time.h"

#define TICK_NS 10000000ULL	/* a 10 ms time slice */

/* One tick function for every vCPU, chosen by the starter. */
static void (*timer_tick)(void);

static void timer_arm(void)
{
	long rc = HYPERVISOR_set_timer_op(xen_system_time() + TICK_NS);

	if (rc)
		panic("set_timer_op(now + %llu ns) failed: %ld (%s)", TICK_NS, rc, errno_name(rc));
}

static void timer_interrupt(evtchn_port_t port, void *cookie)
{
	void (*tick)(void) = __atomic_load_n(&timer_tick, __ATOMIC_ACQUIRE);

	(void)port;
	(void)cookie;
	if (tick) {
		tick();
		timer_arm();
	}
}

/* On each vCPU, by on_each_cpu: its own VIRQ_TIMER, bound the first time, and its first deadline. */
static void timer_start_cpu(void *arg)
{
	struct cpu *c = this_cpu();

	(void)arg;
	if (!c->timer_port) {
		c->timer_port = bind_virq(VIRQ_TIMER, c->id, timer_interrupt, NULL);
		printk("events: VIRQ_TIMER on port %u for vCPU %u, %llu ms time slice\n",
		       c->timer_port, c->id, TICK_NS / 1000000);
	}
	timer_arm();
}

void timer_start(void (*tick)(void))
{
	__atomic_store_n(&timer_tick, tick, __ATOMIC_RELEASE);
	on_each_cpu(timer_start_cpu, NULL);
}

void timer_resume(bool new_domain)
{
	/* Xen closed the old domain's VIRQ_TIMER port: bind anew when next started. */
	if (new_domain)
		this_cpu()->timer_port = 0;
	if (timer_tick)
		timer_start(timer_tick);
}

void timer_stop(void)
{
	/* A tick already armed still fires, finds the timer stopped and is dropped. */
	__atomic_store_n(&timer_tick, NULL, __ATOMIC_RELEASE);
}
