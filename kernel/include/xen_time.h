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
/** Register Xen system time as the kernel's clock (clock.h); once shared_info is mapped. */
void time_init(void);

#endif
