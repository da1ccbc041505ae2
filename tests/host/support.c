/* SPDX-License-Identifier: MIT */
/**
 * @file tests/host/support.c
 * @brief printk(), panic() and the frame-table globals for the MMU host tests.
 *
 * Built without the vsnprintf renaming (see host.mk), so the C library
 * formats the captured text: the tests check the kernel's messages, not
 * its formatter, which test_vsprintf covers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "mm.h"
#include "support.h"

/*
 * In the kernel these come from start_info, Xen's M2P and vmemmap.c; p2m.c
 * and vmemmap.c are not host code, so the tests point these at host arrays.
 */
unsigned long *p2m;
const unsigned long *m2p;
unsigned long max_pfn;
struct page *vmemmap;

#define LOG_SIZE 65536

char host_log[LOG_SIZE];
static size_t host_log_len;

void host_log_reset(void)
{
	host_log_len = 0;
	host_log[0] = '\0';
}

int vprintk(const char *fmt, va_list ap)
{
	int n = vsnprintf(host_log + host_log_len, LOG_SIZE - host_log_len, fmt, ap);

	if (n < 0 || (size_t)n >= LOG_SIZE - host_log_len)
		fail_msg("printk capture overflowed (or failed) at \"%s\"", fmt);
	host_log_len += (size_t)n;
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

jmp_buf host_panic_env;
bool host_panic_armed;
char host_panic_msg[1024];
unsigned int host_panics;

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(host_panic_msg, sizeof(host_panic_msg), fmt, ap);
	va_end(ap);
	host_panics++;
	if (host_panic_armed) {
		host_panic_armed = false;
		longjmp(host_panic_env, 1);
	}
	fail_msg("unexpected kernel panic: %s", host_panic_msg);
	/* fail_msg() longjmps out of the test, but cmocka does not declare it noreturn. */
	abort();
}
