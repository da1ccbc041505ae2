/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/xen_time.h
 * @brief Xen system time: nanoseconds since Xen booted, read from shared_info.
 */
#ifndef PVMMU_XEN_TIME_H
#define PVMMU_XEN_TIME_H

#include <stdint.h>

/** Nanoseconds of Xen system time (0 until shared_info is mapped). */
uint64_t xen_system_time(void);
/** Nanoseconds since the kernel's entry: the printk timestamp. */
uint64_t kernel_uptime_ns(void);
/** Take the kernel's time origin; called once shared_info is mapped. */
void time_init(void);

#endif
