/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/xenbus.h
 * @brief A domU's conversation with the toolstack (kernel/xen/xenbus.c):
 *        who it is, and the control/shutdown watch.
 */
#ifndef PVMMU_XENBUS_H
#define PVMMU_XENBUS_H

#include <stdbool.h>

/** In a domU: start xenstore, say the domain's name, watch control/shutdown. */
void xenbus_init(void);
/** Act on a control/shutdown value (a watch fired); unknown ones are logged. */
void xenbus_shutdown_request(const char *value);
/** A domU with domu_wait=1: wait for the toolstack's control/shutdown, for ever. */
void xenbus_wait_for_toolstack(void) __attribute__((noreturn));

extern bool param_domu_wait;

#endif
