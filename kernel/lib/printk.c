/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/lib/printk.c
 * @brief printk: formatted console output with Linux-style timestamps.
 *
 * Every line starts with the kernel's uptime, `[    0.012345] `, once a
 * clock is registered, so that boot phases can be timed from the log alone.
 * The bytes go to the registered consoles: this file knows no device.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include "clock.h"
#include "printk.h"
#include "vsprintf.h"

static struct console *consoles;
static bool at_line_start = true;

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

static void console_write(const char *s, size_t len)
{
	for (struct console *con = consoles; con; con = con->next)
		con->write(s, len);
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

	while (p < end) {
		const char *nl = p;

		while (nl < end && *nl != '\n')
			nl++;
		if (at_line_start && clock_registered())
			emit_timestamp();
		if (nl < end)
			nl++;
		console_write(p, (size_t)(nl - p));
		at_line_start = nl[-1] == '\n';
		p = nl;
	}
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
