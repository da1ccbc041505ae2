/* SPDX-License-Identifier: MIT */
/**
 * @file test_events.c
 * @brief Host unit tests for kernel/xen/events.c: binding ports and dispatching them.
 *
 * shared_info is a plain struct here, so a test sets pending, mask and
 * selector bits as Xen would and calls the upcall.  This file also plays
 * Xen's event_channel_op: it records each call, hands out ports, clears the
 * mask on EVTCHNOP_unmask, and can refuse a call with a chosen error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "events.h"
#include "hypercall.h"
#include "percpu.h"
#include "support.h"

#define BITS_PER_WORD (8 * sizeof(xen_ulong_t))

static struct shared_info fake_shared_info;
struct shared_info *HYPERVISOR_shared_info = &fake_shared_info;

static struct {
	int cmds[16];
	uint32_t args[16];	/* virq, vcpu or port, as each command has one that matters */
	unsigned int nr;
	evtchn_port_t next_port;
	long rc;		/* returned by the next call when set */
} evtchn_op;

long HYPERVISOR_event_channel_op(int cmd, void *arg)
{
	long rc = evtchn_op.rc;

	if (evtchn_op.nr == 16)
		fail_msg("fake Xen: more than 16 event_channel_op calls");
	evtchn_op.cmds[evtchn_op.nr] = cmd;
	evtchn_op.rc = 0;
	switch (cmd) {
	case EVTCHNOP_bind_virq: {
		struct evtchn_bind_virq *b = arg;

		evtchn_op.args[evtchn_op.nr++] = b->virq << 8 | b->vcpu;
		if (!rc)
			b->port = evtchn_op.next_port++;
		return rc;
	}
	case EVTCHNOP_bind_ipi: {
		struct evtchn_bind_ipi *b = arg;

		evtchn_op.args[evtchn_op.nr++] = b->vcpu;
		if (!rc)
			b->port = evtchn_op.next_port++;
		return rc;
	}
	case EVTCHNOP_unmask: {
		struct evtchn_unmask *u = arg;

		evtchn_op.args[evtchn_op.nr++] = u->port;
		if (!rc)
			fake_shared_info.evtchn_mask[u->port / BITS_PER_WORD] &=
				~(1UL << (u->port % BITS_PER_WORD));
		return rc;
	}
	}
	fail_msg("fake Xen: unexpected event_channel_op %d", cmd);
	return -1;
}

struct call {
	evtchn_port_t port;
	void *cookie;
};
static struct call calls[16];
static unsigned int nr_calls;

static void record(evtchn_port_t port, void *cookie)
{
	if (nr_calls == 16)
		fail_msg("more than 16 handler calls");
	calls[nr_calls++] = (struct call){ port, cookie };
}

/* Xen's side of raising a port: pending bit, selector bit, upcall flag. */
static void raise_port(evtchn_port_t port)
{
	struct vcpu_info *v = &fake_shared_info.vcpu_info[0];

	fake_shared_info.evtchn_pending[port / BITS_PER_WORD] |= 1UL << (port % BITS_PER_WORD);
	v->evtchn_pending_sel |= 1UL << (port / BITS_PER_WORD);
	v->evtchn_upcall_pending = 1;
}

static bool is_pending(evtchn_port_t port)
{
	return fake_shared_info.evtchn_pending[port / BITS_PER_WORD] >> (port % BITS_PER_WORD) & 1;
}

/* The ports are bound once for the whole program (a binding is for life). */
static int cookie_a, cookie_b, cookie_c;

static int setup(void **state)
{
	(void)state;
	host_cpu.vcpu_info = &fake_shared_info.vcpu_info[0];
	nr_calls = 0;
	memset(&evtchn_op, 0, sizeof(evtchn_op));
	return 0;
}

/* Every port starts masked, as Xen leaves a new channel to the guest. */
static void test_bind_evtchn_unmasks(void **state)
{
	(void)state;
	memset(fake_shared_info.evtchn_mask, 0xff, sizeof(fake_shared_info.evtchn_mask));
	bind_evtchn(5, record, &cookie_a);
	bind_evtchn(70, record, &cookie_b);
	assert_int_equal(evtchn_op.nr, 2);
	assert_int_equal(evtchn_op.cmds[0], EVTCHNOP_unmask);
	assert_int_equal(evtchn_op.args[0], 5);
	assert_int_equal(evtchn_op.args[1], 70);
	assert_int_equal(fake_shared_info.evtchn_mask[0], ~(1UL << 5));
	assert_int_equal(fake_shared_info.evtchn_mask[1], ~(1UL << (70 - 64)));
}

static void test_upcall_dispatches_pending_ports(void **state)
{
	(void)state;
	raise_port(70);
	raise_port(5);
	raise_port(3);		/* masked and unbound: stays pending, no call */
	evtchn_do_upcall();
	assert_int_equal(nr_calls, 2);
	assert_int_equal(calls[0].port, 5);
	assert_ptr_equal(calls[0].cookie, &cookie_a);
	assert_int_equal(calls[1].port, 70);
	assert_ptr_equal(calls[1].cookie, &cookie_b);
	assert_false(is_pending(5));
	assert_false(is_pending(70));
	assert_true(is_pending(3));
	assert_int_equal(fake_shared_info.vcpu_info[0].evtchn_pending_sel, 0);
	assert_int_equal(fake_shared_info.vcpu_info[0].evtchn_upcall_pending, 0);
}

static void test_upcall_without_selector_runs_nothing(void **state)
{
	(void)state;
	fake_shared_info.evtchn_pending[0] |= 1UL << 5;	/* pending, but Xen set no selector bit */
	evtchn_do_upcall();
	assert_int_equal(nr_calls, 0);
	fake_shared_info.evtchn_pending[0] &= ~(1UL << 5);
}

static void test_bind_virq_and_ipi(void **state)
{
	(void)state;
	evtchn_op.next_port = 9;
	assert_int_equal(bind_virq(VIRQ_TIMER, 0, record, &cookie_c), 9);
	assert_int_equal(bind_ipi(0, record, NULL), 10);
	assert_int_equal(evtchn_op.nr, 4);
	assert_int_equal(evtchn_op.cmds[0], EVTCHNOP_bind_virq);
	assert_int_equal(evtchn_op.args[0], VIRQ_TIMER << 8 | 0);
	assert_int_equal(evtchn_op.cmds[1], EVTCHNOP_unmask);
	assert_int_equal(evtchn_op.args[1], 9);
	assert_int_equal(evtchn_op.cmds[2], EVTCHNOP_bind_ipi);
	assert_int_equal(evtchn_op.cmds[3], EVTCHNOP_unmask);
	assert_int_equal(evtchn_op.args[3], 10);
	raise_port(9);
	evtchn_do_upcall();
	assert_int_equal(nr_calls, 1);
	assert_int_equal(calls[0].port, 9);
	assert_ptr_equal(calls[0].cookie, &cookie_c);
}

static void test_failed_bind_names_the_call(void **state)
{
	(void)state;
	evtchn_op.rc = -17;
	expect_panic(bind_virq(VIRQ_TIMER, 1, record, NULL));
	assert_panic_contains("event_channel_op(EVTCHNOP_bind_virq, virq 0, vcpu 1) failed: -17 (EEXIST)");
	evtchn_op.rc = -22;
	expect_panic(bind_ipi(3, record, NULL));
	assert_panic_contains("event_channel_op(EVTCHNOP_bind_ipi, vcpu 3) failed: -22 (EINVAL)");
}

static void test_failed_unmask_names_the_port(void **state)
{
	(void)state;
	evtchn_op.rc = -22;
	expect_panic(bind_evtchn(40, record, NULL));
	assert_panic_contains("event_channel_op(EVTCHNOP_unmask, port 40) failed: -22 (EINVAL)");
}

static void test_bad_ports_refused(void **state)
{
	(void)state;
	expect_panic(bind_evtchn(5, record, NULL));
	assert_panic_contains("bind_evtchn: port 5 is already bound");
	expect_panic(bind_evtchn(EVTCHN_2L_NR_CHANNELS, record, NULL));
	assert_panic_contains("bind_evtchn: port 4096 is out of range");
	assert_int_equal(evtchn_op.nr, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_bind_evtchn_unmasks, setup),
		cmocka_unit_test_setup(test_upcall_dispatches_pending_ports, setup),
		cmocka_unit_test_setup(test_upcall_without_selector_runs_nothing, setup),
		cmocka_unit_test_setup(test_bind_virq_and_ipi, setup),
		cmocka_unit_test_setup(test_failed_bind_names_the_call, setup),
		cmocka_unit_test_setup(test_failed_unmask_names_the_port, setup),
		cmocka_unit_test_setup(test_bad_ports_refused, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
