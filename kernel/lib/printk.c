/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/lib/printk.c
 * @brief printk: formatted console output with Linux-style timestamps.
 *
 * Every line starts with the kernel's uptime, `[    0.012345] `, once a
 * clock is registered, so that boot phases can be timed from the log alone.
 * The bytes go to the registered consoles: this file knows no device.
 *
 * User output shares the console line.  pvrun decides how a run ended from
 * console lines ("Kernel panic", "(XEN) ... Hardware Dom0 halted"), and a
 * process can write any bytes, so every line of user output starts with a
 * marker, "[ timestamp] NAME[PID]| ", and a kernel line and a user line never
 * share one console line: whoever writes to a line another owns starts a new
 * one.  A process thus cannot write at the start of a line, and the runner
 * believes outcome lines only there (docs/robustness.md).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include "clock.h"
#include "printk.h"
#include "vsprintf.h"

static struct console *consoles;
static unsigned long (*lock_fn)(void);
static void (*unlock_fn)(unsigned long);

void printk_register_lock(unsigned long (*lock)(void), void (*unlock)(unsigned long))
{
	lock_fn = lock;
	unlock_fn = unlock;
}

static unsigned long printk_lock(void)
{
	return lock_fn ? lock_fn() : 0;
}

static void printk_unlock(unsigned long flags)
{
	if (unlock_fn)
		unlock_fn(flags);
}

void register_console(struct console *con)
{
	struct console **link = &consoles;

	while (*link && *link != con)
		link = &(*link)->next;
	if (!*link) {
		con->next = NULL;
		*link = con;
	}
}

void unregister_console(struct console *con)
{
	for (struct console **link = &consoles; *link; link = &(*link)->next) {
		if (*link == con) {
			*link = con->next;
			return;
		}
	}
}

void console_flush(void)
{
	for (struct console *con = consoles; con; con = con->next)
		if (con->flush)
			con->flush();
}

static void console_write(const char *s, size_t len)
{
	for (struct console *con = consoles; con; con = con->next)
		con->write(s, len);
}

/* Who owns the console line that is not yet ended by '\n'. */
enum line_owner { LINE_NONE, LINE_KERNEL, LINE_USER };

static enum line_owner owner = LINE_NONE;
static int owner_pid;

static void end_foreign_line(void)
{
	if (owner != LINE_NONE)
		console_write("\n", 1);
	owner = LINE_NONE;
}

static bool console_kernel_line_start(void)
{
	if (owner == LINE_USER)
		end_foreign_line();
	return owner == LINE_NONE;
}

static void console_kernel_wrote(bool ended)
{
	owner = ended ? LINE_NONE : LINE_KERNEL;
}

/* The marker comes from printk, so it carries the kernel's own timestamp. */
static void start_user_line(const char *name, int pid)
{
	end_foreign_line();
	printk("%s[%d]| ", name, pid);
	owner = LINE_USER;
	owner_pid = pid;
}

void console_write_user(const char *name, int pid, const char *buf, size_t len)
{
	unsigned long flags = printk_lock();

	while (len) {
		size_t n = 0;

		if (owner != LINE_USER || owner_pid != pid)
			start_user_line(name, pid);
		while (n < len && buf[n++] != '\n')
			;
		console_write(buf, n);
		if (buf[n - 1] == '\n')
			owner = LINE_NONE;
		buf += n;
		len -= n;
	}
	printk_unlock(flags);
}

static void emit_timestamp(void)
{
	uint64_t ns = kernel_uptime_ns();
	char stamp[32];
	int n = snprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ",
			 (unsigned long)(ns / 1000000000), (unsigned long)(ns % 1000000000) / 1000);

	console_write(stamp, (size_t)n);
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[1024];
	int len = vsnprintf(buf, sizeof(buf), fmt, ap);
	const char *p = buf, *end = buf + (len < (int)sizeof(buf) ? len : (int)sizeof(buf) - 1);
	unsigned long flags = printk_lock();

	while (p < end) {
		const char *nl = p;

		while (nl < end && *nl != '\n')
			nl++;
		if (console_kernel_line_start() && clock_registered())
			emit_timestamp();
		if (nl < end)
			nl++;
		console_write(p, (size_t)(nl - p));
		console_kernel_wrote(nl[-1] == '\n');
		p = nl;
	}
	printk_unlock(flags);
	return len;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vprintk(fmt, ap);
	va_end(ap);
	return len;
}
