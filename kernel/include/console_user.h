/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/console_user.h
 * @brief One serial line shared by the kernel and every process: who owns
 *        the line being written, and user output marked as such.
 */
#ifndef PVMMU_CONSOLE_USER_H
#define PVMMU_CONSOLE_USER_H

#include <stdbool.h>
#include <stddef.h>

/**
 * printk is about to write: ends a process's unfinished line first.
 * @return true if the kernel starts a new line (and writes its timestamp).
 */
bool console_kernel_line_start(void);
/** printk wrote a piece of a line; @p ended: the piece ended with '\n'. */
void console_kernel_wrote(bool ended);
/**
 * Writes @p len bytes of process @p pid (@p name) to the console, every line
 * started with the user-output marker "[ timestamp] NAME[PID]| ".
 */
void console_write_user(const char *name, int pid, const char *buf, size_t len);

#endif
