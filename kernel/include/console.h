/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/console.h
 * @brief The Xen console: dom0 writes straight to Xen's serial line.
 */
#ifndef PVMMU_CONSOLE_H
#define PVMMU_CONSOLE_H

#include <stddef.h>
#include "printk.h"

/** Write @p len bytes to Xen's console (HYPERVISOR_console_io). */
void xen_console_write(const char *s, size_t len);

/** printk's console for dom0: xen_console_write(); start_kernel registers it first. */
extern struct console xen_console;

#endif
