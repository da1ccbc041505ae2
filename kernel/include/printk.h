/* SPDX-License-Identifier: MIT */
/**
 * @file printk.h
 * @brief The kernel's console logging function.
 *
 * Only the prototype lives here so that library code (the command-line
 * parser, for one) can report problems without knowing where the console
 * is.  The kernel provides the implementation; the host unit tests provide
 * their own that captures the text so they can check it.
 */
#ifndef PVMMU_PRINTK_H
#define PVMMU_PRINTK_H

/**
 * Format a message like printf() and write it to the console.
 *
 * Callers end each line with "\n".
 *
 * @return The number of characters in the formatted message.
 */
int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** printk() taking a va_list, for wrappers such as panic(). */
int vprintk(const char *fmt, __builtin_va_list ap);

#endif /* PVMMU_PRINTK_H */
