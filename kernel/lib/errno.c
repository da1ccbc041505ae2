/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/lib/errno.c
 * @brief Names for Xen's error numbers, so failures read as -EINVAL, not -22.
 */
#include "errno.h"
#include "kernel.h"

static const char *const names[] = {
#define XEN_ERRNO(name, value) [value] = #name,
#include <xen/errno.h>
	[EINTR] = "EINTR",
	[EPIPE] = "EPIPE",
};

const char *errno_name(long rc)
{
	unsigned long e = (unsigned long)(rc < 0 ? -rc : rc);

	return e < ARRAY_SIZE(names) && names[e] ? names[e] : "?";
}
