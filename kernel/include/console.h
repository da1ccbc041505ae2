/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/console.h
 * @brief The Xen console: dom0 writes straight to Xen's serial line and reads what is typed there.
 */
#ifndef PVMMU_CONSOLE_H
#define PVMMU_CONSOLE_H

#include <stddef.h>
#include "printk.h"

/** Write @p len bytes to Xen's console (HYPERVISOR_console_io). */
void xen_console_write(const char *s, size_t len);

/** printk's console for dom0: xen_console_write(); start_kernel registers it first. */
extern struct console xen_console;

/**
 * Bind VIRQ_CONSOLE and hand every byte typed on Xen's serial line for dom0
 * to @p sink (a line discipline), in event context; once (later calls do nothing).
 */
void xen_console_input_start(void (*sink)(const char *s, size_t len));

#endif
