/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/tty.h
 * @brief The console as processes see it: read() on fd 0, echo, Ctrl-C to the foreground.
 */
#ifndef PVMMU_TTY_H
#define PVMMU_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include "mm.h"

/**
 * Take console input (VIRQ_CONSOLE) into the line discipline if @p input (dom0's
 * console_io); until then Xen keeps what is typed.  Without input (a domU for
 * now) read(0) is -ENXIO rather than a sleep nothing would end.
 */
void tty_start(bool input);
/**
 * read(0, @p ubuf, @p len): sleep until a line (or end of input) is there;
 * bytes, 0 or -errno.
 */
long tty_read(struct mm *mm, unsigned long ubuf, size_t len);
/** Make @p pid (0: none) the process Ctrl-C kills; -ESRCH if it does not live. */
int tty_set_foreground(int pid);

#endif
