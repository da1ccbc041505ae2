/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_cow.c
 * @brief Copy-on-write: after fork, parent and child each see only their own writes.
 */
#include "ulib.h"

static volatile unsigned long data[1024] = { 1 };	/* .data: writable, shared after fork */

static void run_test(void)
{
	volatile unsigned long *heap = (void *)brk(0);
	int status, pid;

	TEST_ASSERT(brk((void *)(heap + 1024)) == (long)(heap + 1024));
	heap[0] = 0x1111;
	data[0] = 0x2222;
	data[1023] = 0x3333;
	pid = fork();
	if (pid == 0) {
		/* The child sees the parent's values, then changes its own copies. */
		if (heap[0] != 0x1111 || data[0] != 0x2222)
			exit(1);
		heap[0] = 0xc1;
		data[0] = 0xc2;
		if (heap[0] != 0xc1 || data[0] != 0xc2 || data[1023] != 0x3333)
			exit(2);
		exit(0);
	}
	TEST_ASSERT(pid > 0);
	TEST_ASSERT_EQ(waitpid(pid, &status), pid);
	TEST_ASSERT_EQ(status, 0);
	TEST_ASSERT_EQ(heap[0], 0x1111);	/* the child's writes stayed in the child */
	TEST_ASSERT_EQ(data[0], 0x2222);
	data[1023] = 0x4444;		/* the parent writes its page after the child is gone */
	TEST_ASSERT_EQ(data[1023], 0x4444);
}
UTEST_CHILD("user.cow", run_test, "after fork, parent and child each see only their own writes");
