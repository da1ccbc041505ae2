/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/xen_setup.h
 * @brief kernel/xen/setup.c: shared_info, and ending the domain.
 *
 * xen_shutdown() is a leaf the library never calls: panic() ends through the
 * halt hook start_kernel registers (xen_crash), so lib/ stays below xen/.
 */
#ifndef PVMMU_XEN_SETUP_H
#define PVMMU_XEN_SETUP_H

#include "kernel.h"

/** Map the shared_info page: time and event delivery live there. */
void xen_map_shared_info(void);
/** Point shared_info's page back at its own frame and use a copy: before a suspend. */
void xen_unmap_shared_info(void);
/** SCHEDOP_shutdown(SHUTDOWN_suspend): 0 resumed in a new domain, 1 cancelled, or -errno. */
long xen_suspend_hypercall(void);
/** Tell Xen to end this domain with @p reason (SHUTDOWN_*). */
void xen_shutdown(unsigned int reason) __noreturn;
/** xen_shutdown(SHUTDOWN_crash): panic()'s halt hook (the runner's "panic" outcome). */
void xen_crash(void) __noreturn;
/** Power the domain off cleanly (the runner's "shutdown" outcome). */
void kernel_poweroff(void) __noreturn;
/** Sleep (SCHEDOP_block) until an event comes, and run its handlers: the idle loop's step. */
void xen_idle(void);

#endif
