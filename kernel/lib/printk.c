/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/lib/printk.c
 * @brief printk: formatted console output with Linux-style timestamps.
 *
 * Every line starts with the kernel's uptime, `[    0.012345] `, taken from
 * Xen system time, so that boot phases can be timed from the log alone.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include "console.h"
#include "console_user.h"
#include "printk.h"
#include "vsprintf.h"
#include "xen_time.h"

static void emit_timestamp(void)
{
	uint64_t ns = kernel_uptime_ns();
	char stamp[32];
	int n = snprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ",
			 (unsigned long)(ns / 1000000000), (unsigned long)(ns % 1000000000) / 1000);

	xen_console_write(stamp, (size_t)n);
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
		if (console_kernel_line_start())
			emit_timestamp();
		if (nl < end)
			nl++;
		xen_console_write(p, (size_t)(nl - p));
		console_kernel_wrote(nl[-1] == '\n');
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
