/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/errno.h
 * @brief Error numbers: Xen's own list (public/errno.h), under their usual names.
 */
#ifndef PVMMU_ERRNO_H
#define PVMMU_ERRNO_H

enum {
#define XEN_ERRNO(name, value) name = value,
#include <xen/errno.h>
};

/** "EINVAL" for -22 (or 22); "?" for what Xen does not define. */
const char *errno_name(long rc);

#endif
