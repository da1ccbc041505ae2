/* SPDX-License-Identifier: MIT */
/**
 * @file printk.h
 * @brief The kernel's console logging function and the consoles it writes to.
 *
 * printk formats and stamps; where the bytes go is whatever consoles are
 * registered: Xen's console_io for dom0 (kernel/xen/console.c), later a
 * domU's console ring, a capturing console in the host unit tests.  So
 * library code (the command-line parser, for one) can report problems
 * without knowing where the console is, and the library calls no layer above it.
 */
#ifndef PVMMU_PRINTK_H
#define PVMMU_PRINTK_H

#include <stddef.h>

/** A console sink: printk hands each registered one every byte it prints. */
struct console {
	const char *name;
	/** Write @p len bytes; a console that cannot is the one place nobody can be told. */
	void (*write)(const char *s, size_t len);
	/** Optional: wait until what was written has left (a ring the domain's end would lose). */
	void (*flush)(void);
	struct console *next;	/* printk's list */
};

/** Add @p con to the consoles printk writes to (in registration order); once each. */
void register_console(struct console *con);
/** Flush every console that can be: before the domain ends. */
void console_flush(void);
/** Remove @p con again (host tests, a console that goes away). */
void unregister_console(struct console *con);

/**
 * The lock printk holds while it writes a line and its line state: the
 * kernel registers one that works across vCPUs and masks events; it must
 * let its holder take it again.  With none (host tests) printk takes none.
 */
void printk_register_lock(unsigned long (*lock)(void), void (*unlock)(unsigned long));

/**
 * Format a message like printf() and write it to every console.
 *
 * Callers end each line with "\n".  Each line starts with the uptime,
 * `[    0.012345] `, once a clock is registered (clock.h).
 *
 * @return The number of characters in the formatted message.
 */
int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * Write @p len bytes of process @p pid (@p name) to the consoles, every line
 * started with the user-output marker "[ timestamp] NAME[PID]| ".
 */
void console_write_user(const char *name, int pid, const char *buf, size_t len);

/** printk() taking a va_list, for wrappers such as panic(). */
int vprintk(const char *fmt, __builtin_va_list ap);

#endif /* PVMMU_PRINTK_H */
