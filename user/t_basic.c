/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_basic.c
 * @brief System-call basics: getpid, write, bad pointers and numbers.
 */
#include "ulib.h"

static void test_getpid_write(void)
{
	TEST_ASSERT(getpid() > 1);
	TEST_ASSERT_EQ(write(1, "", 0), 0);
	TEST_ASSERT_EQ(write(3, "x", 1), -9);	/* EBADF: only the console is open */
}
UTEST("user.getpid_write", test_getpid_write, "getpid and write work; a bad fd is EBADF");

static void test_bad_pointer(void)
{
	/* A kernel address handed to the kernel: refused, not followed. */
	TEST_ASSERT_EQ(write(1, (const void *)0xffffffff80000000UL, 16), -14);	/* EFAULT */
	TEST_ASSERT_EQ(write(1, (const void *)0x10, 4), -14);			/* unmapped user address */
	TEST_ASSERT_EQ(write(1, (const void *)0x7ffffffffff0UL, 0x100), -14);	/* runs off the user half */
	TEST_ASSERT_EQ(pvmmu_stats((struct pvmmu_stats *)0xffff880000001000UL), -14);
}
UTEST("user.isolation.kernel_pointer", test_bad_pointer, "kernel, unmapped and overrunning pointers are EFAULT");

static void test_bad_syscall(void)
{
	TEST_ASSERT_EQ(syscall(9999), -38);	/* ENOSYS */
	TEST_ASSERT_EQ(syscall(-1L), -38);
}
UTEST("user.isolation.unknown_syscall", test_bad_syscall, "unknown system call numbers are ENOSYS");
