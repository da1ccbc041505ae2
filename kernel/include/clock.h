/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/clock.h
 * @brief The kernel's uptime clock, read through the clock source a lower layer registers.
 *
 * The library cannot know where time comes from (Xen's vcpu_time_info in the
 * kernel, nothing in the host tests), so the layer that does registers a
 * nanosecond counter; uptime is measured from the moment it registers.
 */
#ifndef PVMMU_CLOCK_H
#define PVMMU_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

/** Use @p read_ns (a monotonic nanosecond counter) from now on; uptime 0 is this call. */
void clock_register(uint64_t (*read_ns)(void));
/** Whether a clock source is registered: printk stamps lines only then. */
bool clock_registered(void);
/** Nanoseconds since clock_register() (0 before it): the printk timestamp. */
uint64_t kernel_uptime_ns(void);

#endif
