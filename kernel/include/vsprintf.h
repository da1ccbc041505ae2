/* SPDX-License-Identifier: MIT */
/**
 * @file vsprintf.h
 * @brief Bounded string formatting: vsnprintf() and snprintf().
 *
 * A small printf engine with C99 snprintf semantics: the output is always
 * NUL-terminated when size > 0, and the return value is the length the
 * whole output would have had, so `ret >= size` means "truncated".
 *
 * Supported: `%%`, `%c`, `%s` (NULL prints "(null)"), `%d %i %u %x %X %o`
 * with length modifiers `hh h l ll z t`, flags `- 0 + space #`, width and
 * precision (both also as `*`), and `%p`, which always prints "0x" and 16
 * lowercase hex digits.  No floating point and no `%n`.  An unsupported
 * conversion is copied to the output as written (`%y` prints "%y"), so a
 * bad format string shows up in the log instead of crashing the kernel.
 *
 * The host unit tests build the implementation with
 * `-Dvsnprintf=pv_vsnprintf -Dsnprintf=pv_snprintf` so that it does not
 * clash with the C library's functions of the same name.
 */
#ifndef PVMMU_VSPRINTF_H
#define PVMMU_VSPRINTF_H

#include <stdarg.h>
#include <stddef.h>

/**
 * Format into @p buf, writing at most @p size bytes including the NUL.
 *
 * @p buf may be NULL when @p size is 0 (to measure the output).
 *
 * @return The length of the full output, excluding the NUL, even when it
 *         did not fit (capped at INT_MAX).
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/** As vsnprintf(), with the arguments given directly. */
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* PVMMU_VSPRINTF_H */
