/* SPDX-License-Identifier: MIT */
/**
 * @file tests/host/capture.h
 * @brief printk() capture for host tests: the kernel's printk.c writing to a console of ours.
 */
#ifndef PVMMU_TESTS_HOST_CAPTURE_H
#define PVMMU_TESTS_HOST_CAPTURE_H

#include <stddef.h>
#include <string.h>

/** Everything printk() printed since the last host_log_reset(), NUL-terminated. */
extern char host_log[];
extern size_t host_log_len;
void host_log_reset(void);

#define assert_logged(needle)                                                          \
	do {                                                                           \
		if (!strstr(host_log, (needle)))                                       \
			fail_msg("expected \"%s\" in printk output:\n%s", (needle), host_log); \
	} while (0)

#endif
