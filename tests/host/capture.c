/* SPDX-License-Identifier: MIT */
/**
 * @file tests/host/capture.c
 * @brief The host tests' one capturing console: registered before main, it
 *        keeps what printk() writes in host_log.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "capture.h"
#include "printk.h"

#define LOG_SIZE 65536

char host_log[LOG_SIZE];
size_t host_log_len;

void host_log_reset(void)
{
	host_log_len = 0;
	host_log[0] = '\0';
}

static void host_console_write(const char *s, size_t len)
{
	if (len >= LOG_SIZE - host_log_len)
		fail_msg("printk capture overflowed at \"%.*s\"", (int)len, s);
	memcpy(host_log + host_log_len, s, len);
	host_log_len += len;
	host_log[host_log_len] = '\0';
}

static struct console host_console = { .name = "host", .write = host_console_write };

static void __attribute__((constructor)) host_console_init(void)
{
	register_console(&host_console);
}
