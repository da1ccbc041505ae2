/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/lib/clock.c
 * @brief Uptime from a registered clock source (kernel/xen/time.c registers Xen's).
 */
#include <stddef.h>
#include "clock.h"

static uint64_t (*clock_read)(void);
static uint64_t clock_origin;

void clock_register(uint64_t (*read_ns)(void))
{
	clock_origin = read_ns();
	clock_read = read_ns;
}

bool clock_registered(void)
{
	return clock_read != NULL;
}

uint64_t kernel_uptime_ns(void)
{
	return clock_read ? clock_read() - clock_origin : 0;
}
