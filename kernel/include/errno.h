/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/errno.h
 * @brief Error numbers: Xen's own list (public/errno.h), under their usual names, and EINTR and EPIPE.
 */
#ifndef PVMMU_ERRNO_H
#define PVMMU_ERRNO_H

enum {
#define XEN_ERRNO(name, value) name = value,
#include <xen/errno.h>
	/*
	 * Beyond what Xen shows guests, at Linux's numbers: a sleep that a kill
	 * cut short (Xen keeps EINTR to itself), a write to a pipe no one reads.
	 */
	EINTR = 4,
	EPIPE = 32,
};

/** "EINVAL" for -22 (or 22); "?" for what Xen does not define. */
const char *errno_name(long rc);

#endif
