/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/uaccess.c
 * @brief copy_from_user, copy_to_user, strncpy_from_user: user memory through the direct map.
 *
 * Each user page is looked up in the address space's own tables
 * (user_page_get) and reached at its frame's direct-map address, as xv6's
 * copyin/copyout do, so a fault can never happen in the kernel and an
 * address space that is not loaded (a new program's stack) is reached the
 * same way.  Each page is looked up and copied under the mm's lock: a
 * thread on another vCPU may be unmapping it (and the frame be reused).
 */
#include <string.h>
#include "errno.h"
#include "mm_ref.h"
#include "proc.h"
#include "uaccess.h"
#include "vm.h"

/* The longest piece of [addr, addr + len) that stays within addr's page. */
static size_t piece(unsigned long addr, size_t len)
{
	size_t room = PAGE_SIZE - (addr & (PAGE_SIZE - 1));

	return len < room ? len : room;
}

static bool range_ok(unsigned long addr, size_t len)
{
	return addr + len >= addr && addr + len <= USER_TOP;
}

int copy_from_user(struct mm *mm, void *dst, unsigned long src, size_t len)
{
	if (!range_ok(src, len))
		return -EFAULT;
	for (size_t n; len; len -= n, src += n, dst = (char *)dst + n) {
		struct page *page;
		int rc;

		mm_lock(mm);
		rc = user_page_get(mm, src, false, &page);
		n = piece(src, len);
		if (!rc && page)
			memcpy(dst, (char *)page_address(page) + (src & (PAGE_SIZE - 1)), n);
		else if (!rc)
			memset(dst, 0, n);
		mm_unlock(mm);
		if (rc)
			return rc;
	}
	return 0;
}

int copy_to_user(struct mm *mm, unsigned long dst, const void *src, size_t len)
{
	if (!range_ok(dst, len))
		return -EFAULT;
	for (size_t n; len; len -= n, dst += n, src = (const char *)src + n) {
		struct page *page;
		int rc;

		mm_lock(mm);
		rc = user_page_get(mm, dst, true, &page);
		n = piece(dst, len);
		if (!rc)
			memcpy((char *)page_address(page) + (dst & (PAGE_SIZE - 1)), src, n);
		mm_unlock(mm);
		if (rc)
			return rc;
	}
	return 0;
}

long strncpy_from_user(struct mm *mm, char *dst, unsigned long src, size_t size)
{
	for (size_t done = 0, n; done < size; done += n) {
		int rc;
		size_t len;

		n = piece(src + done, size - done);
		rc = copy_from_user(mm, dst + done, src + done, n);
		if (rc)
			return rc;
		len = strnlen(dst + done, n);
		if (len < n)
			return (long)(done + len);
	}
	return -ENAMETOOLONG;
}
