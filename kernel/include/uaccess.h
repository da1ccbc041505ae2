/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/uaccess.h
 * @brief The one way the kernel reads and writes user memory.
 *
 * Nothing else in the kernel touches a user pointer.  Each call checks the
 * range against @p mm's regions page by page, faults pages in (or breaks
 * copy-on-write) as the user access would, and copies through the direct
 * map: @p mm need not be the loaded address space.  A read of a page never
 * touched reads zeros and allocates no frame.
 */
#ifndef PVMMU_UACCESS_H
#define PVMMU_UACCESS_H

#include <stddef.h>
#include "mm.h"

/** Copy @p len bytes from user address @p src to @p dst: 0, -EFAULT or -ENOMEM. */
int copy_from_user(struct mm *mm, void *dst, unsigned long src, size_t len);
/** Copy @p len bytes from @p src to user address @p dst: 0, -EFAULT or -ENOMEM. */
int copy_to_user(struct mm *mm, unsigned long dst, const void *src, size_t len);
/**
 * Copy the NUL-terminated user string at @p src into @p dst (@p size bytes):
 * its length, -EFAULT, or -ENAMETOOLONG when no NUL comes within @p size bytes.
 */
long strncpy_from_user(struct mm *mm, char *dst, unsigned long src, size_t size);

#endif
