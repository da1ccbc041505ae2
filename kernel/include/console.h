/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/console.h
 * @brief The Xen console: dom0 writes straight to Xen's serial line.
 */
#ifndef PVMMU_CONSOLE_H
#define PVMMU_CONSOLE_H

#include <stddef.h>

/** Write @p len bytes to the console. */
void xen_console_write(const char *s, size_t len);

#endif
