/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/console.c
 * @brief dom0's console through HYPERVISOR_console_io: output, and input on VIRQ_CONSOLE.
 *
 * For the hardware domain Xen copies the bytes directly to its serial
 * console (no "(d0)" prefix), so the runner sees our lines as we wrote them.
 * Serial input meant for dom0 Xen keeps in a small ring and announces with
 * VIRQ_CONSOLE; CONSOLEIO_read takes it from there.
 */
#include "console.h"
#include "errno.h"
#include "events.h"
#include "hypercall.h"
#include "kernel.h"
#include "xen_setup.h"

void xen_console_write(const char *s, size_t len)
{
	while (len) {
		long rc = HYPERVISOR_console_io(CONSOLEIO_write, (int)len, s);

		/*
		 * The console is how we report errors, so when it fails there is
		 * nobody to tell: crash the domain and let Xen's log say so.
		 */
		if (rc < 0)
			xen_shutdown(SHUTDOWN_crash);
		/* Xen may take fewer bytes than offered. */
		if (rc == 0)
			rc = (long)len;
		s += rc;
		len -= (size_t)rc;
	}
}

struct console xen_console = { .name = "xen", .write = xen_console_write };

static void (*input_sink)(const char *s, size_t len);

static void console_drain(void)
{
	char buf[64];
	long n;

	while ((n = HYPERVISOR_console_io(CONSOLEIO_read, (int)sizeof(buf), buf)) > 0)
		input_sink(buf, (size_t)n);
	if (n < 0)
		panic("console_io(CONSOLEIO_read, %zu bytes) failed: %ld (%s)", sizeof(buf), n,
		      errno_name(n));
}

static void console_interrupt(evtchn_port_t port, void *cookie)
{
	(void)port;
	(void)cookie;
	console_drain();
}

void xen_console_input_start(void (*sink)(const char *s, size_t len))
{
	evtchn_port_t port;

	if (input_sink)
		return;
	input_sink = sink;
	port = bind_virq(VIRQ_CONSOLE, 0, console_interrupt, NULL);
	printk("console: input on VIRQ_CONSOLE, port %u\n", port);
	/* What was typed before the bind raised no event we could see: take it now. */
	console_drain();
}
