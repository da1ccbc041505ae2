/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_xenstore.c
 * @brief Tests of a domU's toolstack interfaces: the xenstore client (its
 *        parser fed replies xenstored would never send, and real requests),
 *        control/shutdown values it must ignore, and the console ring when
 *        it is full.  The ones that need a store or console ring skip in
 *        dom0, which Xen gives neither.
 */
#include "console_ring.h"
#include "errno.h"
#include "hypercall.h"
#include <xen/io/xs_wire.h>
#include "ktest.h"
#include "string.h"
#include "xenbus.h"
#include "xenstore.h"

static bool skip_in_dom0(void)
{
	if (xen_start_info->flags & SIF_INITDOMAIN) {
		test_skip("dom0: Xen gives dom0 no store or console ring (a domU under xl has them)");
		return true;
	}
	return false;
}

static int check(uint32_t type, const char *body, uint32_t len, uint32_t want)
{
	struct xsd_sockmsg hdr = { .type = type, .len = len };

	return xenstore_check_reply(&hdr, body, want, "test/path");
}

static void test_bad_replies(void)
{
	const char *path, *token;

	TEST_ASSERT_EQ(check(XS_READ, "value", 5, XS_READ), 0);
	TEST_ASSERT_EQ(check(XS_ERROR, "ENOENT", 7, XS_READ), -ENOENT);
	TEST_ASSERT_EQ(check(XS_ERROR, "EACCES", 7, XS_WRITE), -EACCES);
	/* An error string xenstored does not have, or one not terminated. */
	TEST_ASSERT_EQ(check(XS_ERROR, "EWHATEVER", 10, XS_READ), -EIO);
	TEST_ASSERT_EQ(check(XS_ERROR, "ENOENT", 6, XS_READ), -EIO);
	/* A reply of another type than the request's. */
	TEST_ASSERT_EQ(check(XS_DIRECTORY, "a\0b", 4, XS_READ), -EIO);
	TEST_ASSERT_EQ(xenstore_parse_watch_event("p\0t", 4, &path, &token), 0);
	TEST_ASSERT(!strcmp(path, "p") && !strcmp(token, "t"));
	/* No token, or no terminating NUL. */
	TEST_ASSERT_EQ(xenstore_parse_watch_event("p", 2, &path, &token), -EIO);
	TEST_ASSERT_EQ(xenstore_parse_watch_event("p\0tt", 4, &path, &token), -EIO);
}
KTEST("xenstore.bad_replies", test_bad_replies,
      "xenstore replies that break the protocol are -errno, not trusted");

static void test_roundtrip(void)
{
	char buf[256];
	bool found = false;
	int n;

	if (skip_in_dom0())
		return;
	TEST_ASSERT_EQ(xenstore_write("data/pvmmu-test", "42"), 0);
	TEST_ASSERT_EQ(xenstore_read("data/pvmmu-test", buf, sizeof(buf)), 2);
	TEST_ASSERT(!strcmp(buf, "42"));
	n = xenstore_directory("data", buf, sizeof(buf));
	TEST_ASSERT(n >= 1);
	for (const char *p = buf; n-- > 0; p += strlen(p) + 1)
		found |= !strcmp(p, "pvmmu-test");
	TEST_ASSERT(found);
	TEST_ASSERT_EQ(xenstore_read("data/no-such-key", buf, sizeof(buf)), -ENOENT);
	/* Another domain's keys are not ours to write. */
	TEST_ASSERT_EQ(xenstore_write("/local/domain/0/pvmmu-test", "x"), -EACCES);
}
KTEST("xenstore.roundtrip", test_roundtrip,
      "write, read, directory on xenstored; ENOENT and EACCES come back as -errno");

static void test_unknown_shutdown(void)
{
	if (skip_in_dom0())
		return;
	/* Logged and ignored: the test goes on. */
	xenbus_shutdown_request("hibernate-to-the-moon");
	xenbus_shutdown_request("");
}
KTEST("xenbus.unknown_shutdown", test_unknown_shutdown,
      "an unknown control/shutdown value is logged and ignored");

/*
 * Replies xenstored would never send, through the real ring: a reply to no
 * request of ours and a watch event with a token nobody registered are
 * dropped with a line, and the next real request still gets its own reply.
 */
static void test_stray_replies(void)
{
	char domid[16];

	if (skip_in_dom0())
		return;
	TEST_REQUIRE(xenstore_inject_reply(XS_READ, 0xdead, "stray", 6) == 0);
	TEST_REQUIRE(xenstore_inject_reply(XS_WATCH_EVENT, 0, "some/path\0no-such-token", 24) == 0);
	TEST_ASSERT(xenstore_read("domid", domid, sizeof(domid)) > 0);
	if (domid[0] < '0' || domid[0] > '9')
		test_fail("domid read back as '%s', not a number", domid);
}
KTEST("xenstore.stray_replies", test_stray_replies,
      "a stray reply and an unknown watch token in the ring are dropped; requests go on");

static unsigned int callback_reads;

/* A request of its own from a watch callback, as xenbus's control/shutdown watch makes. */
static void read_in_callback(const char *path, const char *token)
{
	char name[64];

	(void)path;
	(void)token;
	if (xenstore_read("name", name, sizeof(name)) >= 0)
		callback_reads++;
}

/*
 * A watch event that comes in while a request waits is run once the reply
 * is there; its callback's own request must not replace that reply.  Before
 * the fix the caller got the callback's reply (the domain's name) for domid.
 */
static void test_callback_request(void)
{
	static const char event[] = "data/pvmmu-cb\0pvmmu-cb";
	char domid[16], want[16];
	unsigned int before;

	if (skip_in_dom0())
		return;
	TEST_REQUIRE(xenstore_read("domid", want, sizeof(want)) > 0);
	TEST_REQUIRE(xenstore_watch("data/pvmmu-cb", "pvmmu-cb", read_in_callback) == 0);
	before = callback_reads;
	TEST_REQUIRE(xenstore_inject_reply(XS_WATCH_EVENT, 0, event, sizeof(event)) == 0);
	TEST_ASSERT_EQ(xenstore_read("domid", domid, sizeof(domid)), (long)strlen(want));
	TEST_ASSERT(callback_reads > before);	/* the event was queued, and ran after the reply */
	if (strcmp(domid, want))
		test_fail("domid read back as '%s', not '%s': the callback's reply replaced it", domid,
			  want);
}
KTEST("xenstore.callback_request", test_callback_request,
      "a watch callback's own request, run while another waits, leaves that one's reply alone");

#define FLOOD_LINES 48

static void test_ring_full(void)
{
	unsigned long waits = xencons_ring_full_waits;

	if (skip_in_dom0())
		return;
	/* 48 lines of ~80 bytes: more than the 2 KiB ring holds at once. */
	for (int i = 0; i < FLOOD_LINES; i++)
		printk("console-flood %02d/%d: ............................................\n", i,
		       FLOOD_LINES);
	TEST_ASSERT(xencons_ring_full_waits > waits);
	printk("console: the ring was full %lu times during the flood\n",
	       xencons_ring_full_waits - waits);
}
KTEST("console.ring_full", test_ring_full,
      "a full console ring waits for xenconsoled: no line is lost (the boot test counts them)");
