/* SPDX-License-Identifier: MIT */
/**
 * @file tests/host/support.h
 * @brief What the MMU host tests share: printk capture, a catchable panic(),
 *        and the kernel globals that point at Xen's tables in a real boot.
 *
 * The kernel's panic() never returns; here it records its message and
 * longjmps back into the test that expected it, so a test can check both
 * that a check fired and what it said.  A panic nobody expected fails the
 * running test with the message.
 *
 * Include after <setjmp.h> and <cmocka.h>.
 */
#ifndef PVMMU_TESTS_HOST_SUPPORT_H
#define PVMMU_TESTS_HOST_SUPPORT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* ---- printk() capture: capture.h ---- */
#include "capture.h"

/* ---- this_cpu() ---- */

/** The one struct cpu of a host test (no kernel %gs here); vCPU 0. */
extern struct cpu host_cpu;

/* ---- panic() ---- */

extern jmp_buf host_panic_env;
extern bool host_panic_armed;
/** The last panic's message, without the "Kernel panic" prefix. */
extern char host_panic_msg[];
/** How many panics were caught since the program started. */
extern unsigned int host_panics;

/*
 * Run @p call, which must panic.  setjmp() is called here, in the test's
 * own frame, so the longjmp lands in a frame that is still live.  Locals the
 * test changes inside @p call and reads afterwards must be volatile.
 */
#define expect_panic(call)                                                \
	do {                                                              \
		host_panic_msg[0] = '\0';                                 \
		host_panic_armed = true;                                  \
		if (setjmp(host_panic_env) == 0) {                        \
			call;                                             \
			host_panic_armed = false;                         \
			fail_msg("%s returned instead of panicking", #call); \
		}                                                         \
	} while (0)

#define assert_panic_contains(needle)                                                   \
	do {                                                                            \
		if (!strstr(host_panic_msg, (needle)))                                  \
			fail_msg("expected \"%s\" in the panic message:\n%s", (needle), \
				 host_panic_msg);                                       \
	} while (0)

#endif
