/* SPDX-License-Identifier: MIT */
/**
 * @file tests/host/support.c
 * @brief printk's capturing console, panic(), this_cpu() and the frame-table globals for the MMU host tests.
 *
 * The tests link the kernel's own printk.c (and vsprintf.c); this file only
 * registers a console that appends to host_log, before main() runs.  No
 * clock is registered, so lines carry no timestamp.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "mm.h"
#include "percpu.h"
#include "printk.h"
#include "smp.h"
#include "support.h"

struct cpu host_cpu = { .self = &host_cpu };

struct cpu *this_cpu(void)
{
	return &host_cpu;
}

/* The host has the one vCPU above and no other to share with: it does the whole job. */
void smp_share(void (*fn)(void *), void *arg)
{
	fn(arg);
}

/*
 * In the kernel this is VMEMMAP_START (vmemmap.c, not host code); the tests
 * point it, and mm/paravirt.c's frame tables, at host arrays.
 */
struct page *vmemmap;

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
