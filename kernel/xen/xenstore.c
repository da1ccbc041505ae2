/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/xenstore.c
 * @brief The xenstore client: requests and watches over the store ring.
 *
 * The ring page (start_info's store_mfn) lies, like the console ring, in
 * Xen's start-of-day area, which the kernel never hands out; a page of the
 * image is pointed at it.  Each direction is a 1 KiB byte ring with free
 * running indexes; messages are a struct xsd_sockmsg header and its body,
 * and may wrap.  xenstored sends replies in request order, and watch events
 * at any time in between: a reply is matched by request id, a watch event
 * is kept and handed out once the request is done.  The kernel runs with
 * events masked, so the requester polls the ring and yields to dom0 until
 * the reply is there.
 */
#include "errno.h"
#include "events.h"
#include "hypercall.h"
#include <xen/io/xs_wire.h>
#include "kernel.h"
#include "mm.h"
#include "string.h"
#include "xenstore.h"

#define MAX_WATCHES 4
#define MAX_QUEUED_EVENTS 4

static uint8_t store_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static struct xenstore_domain_interface *intf;
static evtchn_port_t store_port;
static uint32_t next_req_id = 1;
static bool in_request;

struct watch {
	const char *path, *token;
	xenstore_watch_fn fn;
};
static struct watch watches[MAX_WATCHES];

/* Watch events seen while a request waited: path and token, NUL-separated. */
static char queued[MAX_QUEUED_EVENTS][256];
static uint32_t queued_len[MAX_QUEUED_EVENTS];
static unsigned int nr_queued;

static char reply_body[XENSTORE_PAYLOAD_MAX + 1];

static void notify_store(void)
{
	struct evtchn_send send = { .port = store_port };
	long rc = HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);

	if (rc)
		panic("event_channel_op(EVTCHNOP_send, port %u) for xenstore failed: %ld (%s)",
		      store_port, rc, errno_name(rc));
}

/* xenstored runs in dom0: giving up the CPU is what lets it move. */
static void yield_to_store(void)
{
	long rc = HYPERVISOR_sched_op(SCHEDOP_yield, NULL);

	if (rc)
		panic("sched_op(SCHEDOP_yield) failed: %ld (%s)", rc, errno_name(rc));
}

static void ring_write(const char *data, size_t len)
{
	while (len) {
		XENSTORE_RING_IDX cons = __atomic_load_n(&intf->req_cons, __ATOMIC_ACQUIRE);
		XENSTORE_RING_IDX prod = intf->req_prod;
		size_t room = XENSTORE_RING_SIZE - (prod - cons);

		if (!room) {
			notify_store();
			yield_to_store();
			continue;
		}
		for (; room && len; room--, len--)
			intf->req[MASK_XENSTORE_IDX(prod++)] = *data++;
		/* The bytes before the index that publishes them. */
		__atomic_store_n(&intf->req_prod, prod, __ATOMIC_RELEASE);
	}
}

static uint32_t rsp_available(void)
{
	return __atomic_load_n(&intf->rsp_prod, __ATOMIC_ACQUIRE) - intf->rsp_cons;
}

/* Copy @p len bytes from @p offset past rsp_cons, without consuming them. */
static void ring_peek(void *out, uint32_t offset, uint32_t len)
{
	char *o = out;

	for (uint32_t i = 0; i < len; i++)
		o[i] = intf->rsp[MASK_XENSTORE_IDX(intf->rsp_cons + offset + i)];
}

static void ring_consume(uint32_t len)
{
	__atomic_store_n(&intf->rsp_cons, intf->rsp_cons + len, __ATOMIC_RELEASE);
	notify_store();
}

/*
 * Take the next whole message off the ring into @p hdr and reply_body.
 * @return 1 if one was taken, 0 if none is complete (and !@p wait), -EIO if
 * its header is impossible: the stream is then out of step and what is in
 * the ring is dropped.
 */
static bool message_complete(struct xsd_sockmsg *hdr)
{
	if (rsp_available() < sizeof(*hdr))
		return false;
	ring_peek(hdr, 0, sizeof(*hdr));
	/* An impossible length is complete as it is: the caller drops it. */
	return hdr->len > XENSTORE_PAYLOAD_MAX || rsp_available() >= sizeof(*hdr) + hdr->len;
}

static int read_message(struct xsd_sockmsg *hdr, bool wait)
{
	while (!message_complete(hdr)) {
		if (!wait)
			return 0;
		yield_to_store();
	}
	if (hdr->len > XENSTORE_PAYLOAD_MAX) {
		printk("xenstore: message type %u req_id %u claims %u bytes (max %u): "
		       "dropping the %u bytes in the ring\n",
		       hdr->type, hdr->req_id, hdr->len, XENSTORE_PAYLOAD_MAX, rsp_available());
		ring_consume(rsp_available());
		return -EIO;
	}
	ring_peek(reply_body, sizeof(*hdr), hdr->len);
	reply_body[hdr->len] = '\0';
	ring_consume(sizeof(*hdr) + hdr->len);
	return 1;
}

int xenstore_parse_watch_event(const char *body, uint32_t len, const char **path,
			       const char **token)
{
	size_t plen = strnlen(body, len);

	/* "path\0token\0": both present, both terminated. */
	if (plen + 1 >= len || body[len - 1] != '\0')
		return -EIO;
	*path = body;
	*token = body + plen + 1;
	return 0;
}

static void dispatch_watch(const char *body, uint32_t len)
{
	const char *path, *token;

	if (xenstore_parse_watch_event(body, len, &path, &token)) {
		printk("xenstore: malformed watch event of %u bytes: ignored\n", len);
		return;
	}
	for (unsigned int i = 0; i < MAX_WATCHES; i++)
		if (watches[i].fn && !strcmp(watches[i].token, token))
			return watches[i].fn(path, token);
	printk("xenstore: watch event for %s with unknown token '%s': ignored\n", path, token);
}

static void queue_watch_event(const struct xsd_sockmsg *hdr)
{
	if (nr_queued == MAX_QUEUED_EVENTS || hdr->len > sizeof(queued[0])) {
		printk("xenstore: watch event of %u bytes dropped (%u queued)\n", hdr->len,
		       nr_queued);
		return;
	}
	memcpy(queued[nr_queued], reply_body, hdr->len);
	queued_len[nr_queued++] = hdr->len;
}

static void run_queued_events(void)
{
	/* A callback may make requests, which may queue events anew. */
	while (nr_queued) {
		char body[sizeof(queued[0])];
		uint32_t len = queued_len[0];

		memcpy(body, queued[0], len);
		nr_queued--;
		memmove(queued[0], queued[1], nr_queued * sizeof(queued[0]));
		memmove(&queued_len[0], &queued_len[1], nr_queued * sizeof(queued_len[0]));
		dispatch_watch(body, len);
	}
}

/* xenstored names errors ("ENOENT"); Xen's errno list has the same names. */
static int errno_from_name(const char *name)
{
	for (long e = 1; e < 256; e++)
		if (!strcmp(errno_name(e), name))
			return (int)-e;
	return -EIO;
}

int xenstore_check_reply(const struct xsd_sockmsg *hdr, const char *body, uint32_t type,
			 const char *path)
{
	if (hdr->type == XS_ERROR) {
		int err = (hdr->len && body[hdr->len - 1] == '\0') ? errno_from_name(body) : -EIO;

		printk("xenstore: %s: error %.*s\n", path, (int)strnlen(body, hdr->len), body);
		return err;
	}
	if (hdr->type != type) {
		printk("xenstore: %s: reply of type %u to a request of type %u\n", path, hdr->type,
		       type);
		return -EIO;
	}
	return 0;
}

/*
 * The reply, out of reply_body into @p out (NUL-terminated, @p cap bytes at
 * most) before any queued watch event runs: a watch callback's requests
 * (xenbus's reads control/shutdown) reuse reply_body.  NULL: not wanted.
 */
static int take_reply(char *out, size_t cap, uint32_t len)
{
	if (!out)
		return (int)len;
	if (len >= cap)
		return -E2BIG;
	memcpy(out, reply_body, len);
	out[len] = '\0';
	return (int)len;
}

/*
 * Send a request whose body is @p parts (each with its NUL unless it is the
 * last of an XS_WRITE) and wait for its reply, which goes to @p out.
 * @return the reply's length or -errno.
 */
static int request(uint32_t type, const char *path, const char *const *parts, unsigned int n,
		   bool last_nul, char *out, size_t cap)
{
	struct xsd_sockmsg hdr = { .type = type, .req_id = next_req_id++ };
	size_t lens[4];
	int rc;

	for (unsigned int i = 0; i < n; i++) {
		lens[i] = strlen(parts[i]) + (i + 1 < n || last_nul);
		hdr.len += (uint32_t)lens[i];
	}
	if (hdr.len > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	in_request = true;
	ring_write((const char *)&hdr, sizeof(hdr));
	for (unsigned int i = 0; i < n; i++)
		ring_write(parts[i], lens[i]);
	notify_store();
	for (;;) {
		struct xsd_sockmsg rsp;

		rc = read_message(&rsp, true);
		if (rc < 0)
			break;
		if (rsp.type == XS_WATCH_EVENT) {
			queue_watch_event(&rsp);
			continue;
		}
		if (rsp.req_id != hdr.req_id) {
			printk("xenstore: reply (type %u) to request %u while waiting for %u: dropped\n",
			       rsp.type, rsp.req_id, hdr.req_id);
			continue;
		}
		rc = xenstore_check_reply(&rsp, reply_body, type, path);
		if (!rc)
			rc = take_reply(out, cap, rsp.len);
		break;
	}
	in_request = false;
	run_queued_events();
	return rc;
}

int xenstore_read(const char *path, char *buf, size_t cap)
{
	const char *parts[] = { path };

	return request(XS_READ, path, parts, 1, true, buf, cap);
}

int xenstore_write(const char *path, const char *value)
{
	const char *parts[] = { path, value };
	int rc = request(XS_WRITE, path, parts, 2, false, NULL, 0);

	return rc < 0 ? rc : 0;
}

int xenstore_directory(const char *path, char *buf, size_t cap)
{
	const char *parts[] = { path };
	int len = request(XS_DIRECTORY, path, parts, 1, true, buf, cap), count = 0;

	if (len < 0)
		return len;
	if (len && buf[len - 1] != '\0') {
		printk("xenstore: %s: directory listing not NUL-terminated\n", path);
		return -EIO;
	}
	for (int i = 0; i < len; i++)
		count += buf[i] == '\0';
	return count;
}

int xenstore_watch(const char *path, const char *token, xenstore_watch_fn fn)
{
	const char *parts[] = { path, token };
	unsigned int i = 0;
	int rc;

	while (i < MAX_WATCHES && watches[i].fn)
		i++;
	if (i == MAX_WATCHES)
		return -ENOSPC;
	/* Registered first: xenstored fires the watch once at once. */
	watches[i] = (struct watch){ path, token, fn };
	rc = request(XS_WATCH, path, parts, 2, true, NULL, 0);
	if (rc < 0)
		watches[i].fn = NULL;
	return rc < 0 ? rc : 0;
}

int xenstore_inject_reply(uint32_t type, uint32_t req_id, const char *body, uint32_t len)
{
	struct xsd_sockmsg hdr = { .type = type, .req_id = req_id, .len = len };
	XENSTORE_RING_IDX prod;
	const char *h = (const char *)&hdr;

	if (!intf || in_request)
		return -EBUSY;
	prod = intf->rsp_prod;
	if (XENSTORE_RING_SIZE - (prod - intf->rsp_cons) < sizeof(hdr) + len)
		return -ENOSPC;
	for (uint32_t i = 0; i < sizeof(hdr); i++)
		intf->rsp[MASK_XENSTORE_IDX(prod++)] = h[i];
	for (uint32_t i = 0; i < len; i++)
		intf->rsp[MASK_XENSTORE_IDX(prod++)] = body[i];
	__atomic_store_n(&intf->rsp_prod, prod, __ATOMIC_RELEASE);
	return 0;
}

static void xenstore_poll(void)
{
	struct xsd_sockmsg hdr;

	/* A waiting requester reads the ring itself and queues the events. */
	if (!intf || in_request)
		return;
	while (read_message(&hdr, false) > 0) {
		if (hdr.type == XS_WATCH_EVENT)
			dispatch_watch(reply_body, hdr.len);
		else
			printk("xenstore: reply (type %u, request %u) with no request waiting: "
			       "dropped\n", hdr.type, hdr.req_id);
	}
}

static void store_event(evtchn_port_t port, void *cookie)
{
	(void)port;
	(void)cookie;
	xenstore_poll();
}

void xenstore_wait_event(void)
{
	evtchn_port_t ports[] = { store_port };
	struct sched_poll poll = { .nr_ports = 1, .timeout = 0 };
	long rc;

	set_xen_guest_handle(poll.ports, ports);
	/* Events stay masked: SCHEDOP_poll wakes on the port's pending bit alone. */
	rc = HYPERVISOR_sched_op(SCHEDOP_poll, &poll);
	if (rc)
		panic("sched_op(SCHEDOP_poll, port %u) failed: %ld (%s)", store_port, rc,
		      errno_name(rc));
	__atomic_fetch_and(&HYPERVISOR_shared_info->evtchn_pending[store_port / 64],
			   ~(1UL << (store_port % 64)), __ATOMIC_SEQ_CST);
	xenstore_poll();
}

static void map_store(void)
{
	unsigned long va = (unsigned long)store_page;
	uint64_t pte = (xen_start_info->store_mfn << PAGE_SHIFT) | PAGE_KERNEL;
	long rc = HYPERVISOR_update_va_mapping(va, pte, UVMF_INVLPG);

	if (rc)
		panic("update_va_mapping(va=%#lx, pte=%#llx, UVMF_INVLPG) for the xenstore ring "
		      "failed: %ld (%s)", va, (unsigned long long)pte, rc, errno_name(rc));
	intf = (struct xenstore_domain_interface *)store_page;
	store_port = xen_start_info->store_evtchn;
}

void xenstore_init(void)
{
	map_store();
	bind_evtchn(store_port, store_event, NULL);
}

int xenstore_resume(bool new_domain)
{
	int rc = 0;

	if (!intf)
		return 0;
	map_store();
	if (!new_domain)
		return 0;
	bind_evtchn(store_port, store_event, NULL);
	/* xenstored knows the new domain (and domid) afresh: no watch of ours survived. */
	for (unsigned int i = 0; i < MAX_WATCHES && !rc; i++) {
		const char *parts[] = { watches[i].path, watches[i].token };

		if (watches[i].fn)
			rc = request(XS_WATCH, watches[i].path, parts, 2, true, NULL, 0);
	}
	return rc < 0 ? rc : 0;
}
