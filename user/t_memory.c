/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_memory.c
 * @brief brk and anonymous mmap/munmap: demand-zero pages, and unmapped means gone.
 */
#include "ulib.h"

static char *gone;

static void touch_gone(void)
{
	*(volatile char *)gone = 1;	/* unmapped: this kills the child */
}

static void run_test(void)
{
	char *base = (char *)brk(0), *m;

	TEST_ASSERT(brk(base + 5 * 4096) == (long)(base + 5 * 4096));
	for (int i = 0; i < 5 * 4096; i += 4096)
		TEST_ASSERT_EQ(base[i], 0);	/* demand-zero */
	base[3 * 4096] = 7;
	TEST_ASSERT(brk(base + 4096) == (long)(base + 4096));	/* shrink */
	TEST_ASSERT(brk(base + 5 * 4096) == (long)(base + 5 * 4096));
	TEST_ASSERT_EQ(base[3 * 4096], 0);	/* shrunk pages came back zeroed */

	m = mmap_anon(3 * 4096, PROT_READ | PROT_WRITE);
	TEST_ASSERT((long)m > 0);
	m[0] = 'a';
	m[3 * 4096 - 1] = 'z';
	TEST_ASSERT_EQ(m[0] + m[3 * 4096 - 1], 'a' + 'z');
	TEST_ASSERT_EQ(munmap(m + 4096, 4096), 0);	/* a hole in the middle */
	TEST_ASSERT_EQ(m[0], 'a');
	TEST_ASSERT_EQ(m[3 * 4096 - 1], 'z');
	gone = m + 4096;
	TEST_ASSERT_EQ(run_child_expect(touch_gone, 139), 139);	/* SIGSEGV's status */
	TEST_ASSERT(mmap_anon(0, PROT_READ) == (void *)-22L);	/* EINVAL */
}
UTEST_CHILD("user.brk_mmap", run_test, "brk and mmap give demand-zero pages; munmap takes them away");
