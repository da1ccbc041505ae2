/* SPDX-License-Identifier: MIT */
/**
 * @file user/oom.c
 * @brief Running out of memory in a page fault kills the process with
 * SIGKILL's status and says so; every frame comes back.  Slow at 512 MiB,
 * so its own boot test runs it at 32 MiB (tests/boot/39-user-oom.sh).
 */
#include "ulib.h"

#define PAGE_SIZE 4096UL

/* Touch page after page of a 1 GiB mapping: the kernel runs out long before the end. */
static void exhaust(void)
{
	unsigned long len = 1UL << 30;
	volatile unsigned char *p = mmap_anon(len, PROT_READ | PROT_WRITE);

	if ((long)p < 0)
		exit(1);
	for (unsigned long off = 0; off < len; off += PAGE_SIZE)
		p[off] = 1;
	exit(2);
}

/* Twice: the first kill gave everything back, so the second runs out the same way. */
UTEST_EXIT("user.oom.exhaust", exhaust, KILL_KILL, "a page fault out of memory is a kill with SIGKILL's status");
static void exhaust_again(void) { exhaust(); }
UTEST_EXIT("user.oom.exhaust_again", exhaust_again, KILL_KILL, "and again: the first kill gave every frame back");
