/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/console_ring.c
 * @brief A domU's console: the ring page and event channel named in
 *        start_info (io/console.h), served by xenconsoled in dom0.
 *
 * A release Xen refuses console_io output from a domU, so this sink is the
 * domU's only voice.  The domain builder puts the ring in the guest's own
 * memory, inside Xen's start-of-day area, which the kernel never hands out;
 * it is reached, like shared_info, through a page of the image pointed at
 * its frame, so printk works from the first line.  Output is never dropped:
 * when the ring is full the writer kicks the backend and yields the CPU
 * until xenconsoled has made room.
 */
#include "hypercall.h"
#include <xen/io/console.h>
#include "console_ring.h"
#include "kernel.h"
#include "mm.h"

static uint8_t ring_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static struct xencons_interface *intf;
static evtchn_port_t cons_port;
unsigned long xencons_ring_full_waits;

#define DRAIN_YIELDS_MAX 100000

/*
 * Nothing can be printed about a console that fails: the domain crashes and
 * the toolstack's view (xl: reason crash) tells.  Straight to Xen, as
 * xen_shutdown() would first flush this very console; a refused shutdown
 * is tried again, there being nobody to tell.
 */
static void console_failed(void)
{
	struct sched_shutdown arg = { .reason = SHUTDOWN_crash };

	for (;;)
		HYPERVISOR_sched_op(SCHEDOP_shutdown, &arg);
}

static void notify_backend(void)
{
	struct evtchn_send send = { .port = cons_port };

	if (HYPERVISOR_event_channel_op(EVTCHNOP_send, &send))
		console_failed();
}

/* xenconsoled runs in dom0: only giving up our CPU lets it drain the ring. */
static void yield_to_backend(void)
{
	notify_backend();
	if (HYPERVISOR_sched_op(SCHEDOP_yield, NULL))
		console_failed();
}

static void wait_for_room(void)
{
	xencons_ring_full_waits++;
	yield_to_backend();
}

static bool ring_empty(void)
{
	return __atomic_load_n(&intf->out_cons, __ATOMIC_ACQUIRE) == intf->out_prod;
}

/*
 * The toolstack destroys a domain that shut down, and the bytes xenconsoled
 * has not read die with it: so the last lines are waited for.  Bounded, as a
 * dead backend must not keep the domain alive.
 */
static void xencons_ring_drain(void)
{
	for (unsigned int i = 0; intf && !ring_empty() && i < DRAIN_YIELDS_MAX; i++)
		yield_to_backend();
}

static void xencons_ring_write(const char *s, size_t len)
{
	while (len) {
		XENCONS_RING_IDX cons = __atomic_load_n(&intf->out_cons, __ATOMIC_ACQUIRE);
		XENCONS_RING_IDX prod = intf->out_prod;
		size_t room = sizeof(intf->out) - (prod - cons);

		if (!room) {
			wait_for_room();
			continue;
		}
		for (; room && len; room--, len--)
			intf->out[MASK_XENCONS_IDX(prod++, intf->out)] = *s++;
		/* The bytes must be visible before the index that publishes them. */
		__atomic_store_n(&intf->out_prod, prod, __ATOMIC_RELEASE);
		notify_backend();
	}
}

static struct console xencons_ring_console = {
	.name = "ring", .write = xencons_ring_write, .flush = xencons_ring_drain
};

static void map_ring(void)
{
	unsigned long va = (unsigned long)ring_page;
	uint64_t pte = (xen_start_info->console.domU.mfn << PAGE_SHIFT) | PAGE_KERNEL;
	long rc = HYPERVISOR_update_va_mapping(va, pte, UVMF_INVLPG);

	if (rc)
		console_failed();
	intf = (struct xencons_interface *)ring_page;
	cons_port = xen_start_info->console.domU.evtchn;
}

void xencons_ring_init(void)
{
	map_ring();
	register_console(&xencons_ring_console);
}

void xencons_ring_resume(void)
{
	/* A restore gives the ring a new frame and port (start_info names them). */
	if (intf)
		map_ring();
}
