/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/console.c
 * @brief Console output through HYPERVISOR_console_io.
 *
 * For the hardware domain Xen copies the bytes directly to its serial
 * console (no "(d0)" prefix), so the runner sees our lines as we wrote them.
 */
#include "console.h"
#include "hypercall.h"
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
