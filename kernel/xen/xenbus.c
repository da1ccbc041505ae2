/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/xenbus.c
 * @brief The toolstack's requests to a domU: control/shutdown.
 *
 * `xl shutdown` and `xl reboot` write "poweroff" or "reboot" into the
 * domain's control/shutdown key and wait for the domain to shut down with
 * the matching reason; a guest that does not watch the key is never
 * stopped.  The guest clears the key before acting, as the toolstack reads
 * a non-empty key as a request not yet taken.
 */
#include "errno.h"
#include "hypercall.h"
#include "kernel.h"
#include "string.h"
#include "suspend.h"
#include "xen_setup.h"
#include "xenbus.h"
#include "xenstore.h"

bool param_domu_wait;

static void print_identity(void)
{
	char name[64], domid[16];
	int rc = xenstore_read("name", name, sizeof(name));
	int rc2 = xenstore_read("domid", domid, sizeof(domid));

	if (rc < 0 || rc2 < 0)
		printk("xenbus: cannot read name (%d, %s) or domid (%d, %s)\n", rc, errno_name(rc),
		       rc2, errno_name(rc2));
	else
		printk("xenbus: domain %s, domid %s\n", name, domid);
}

void xenbus_shutdown_request(const char *value)
{
	if (!*value)
		return;
	if (strcmp(value, "poweroff") && strcmp(value, "halt") && strcmp(value, "reboot") &&
	    strcmp(value, "suspend")) {
		printk("xenbus: control/shutdown '%s' is not poweroff, halt, reboot or suspend: "
		       "ignored\n", value);
		return;
	}
	printk("xenbus: control/shutdown '%s' from the toolstack\n", value);
	/* Clearing the key is the answer xl save waits for before it waits for the suspend. */
	if (xenstore_write("control/shutdown", "") < 0)
		printk("xenbus: could not clear control/shutdown; going on anyway\n");
	if (!strcmp(value, "suspend")) {
		/* A restored domain has a new domid. */
		if (!xen_suspend())
			print_identity();
		return;
	}
	if (!strcmp(value, "reboot")) {
		printk("pvmmu: reboot\n");
		xen_shutdown(SHUTDOWN_reboot);
	}
	kernel_poweroff();
}

static void shutdown_watch(const char *path, const char *token)
{
	char value[32];
	int rc = xenstore_read("control/shutdown", value, sizeof(value));

	(void)token;
	/* The watch fires once when set; the key may not exist yet. */
	if (rc == -ENOENT)
		return;
	if (rc < 0) {
		printk("xenbus: watch on %s fired, reading it failed: %d (%s)\n", path, rc,
		       errno_name(rc));
		return;
	}
	xenbus_shutdown_request(value);
}

void xenbus_init(void)
{
	int rc;

	xenstore_init();
	print_identity();
	rc = xenstore_watch("control/shutdown", "shutdown", shutdown_watch);
	if (rc < 0)
		printk("xenbus: cannot watch control/shutdown: %d (%s); xl shutdown will not "
		       "reach us\n", rc, errno_name(rc));
	else
		printk("xenbus: watching control/shutdown (poweroff, reboot, suspend)\n");
}

void xenbus_wait_for_toolstack(void)
{
	printk("xenbus: waiting for the toolstack (domu_wait=1)\n");
	for (;;)
		xenstore_wait_event();
}
