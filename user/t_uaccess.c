/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_uaccess.c
 * @brief Bad user pointers in every call that takes one: -EFAULT (or the
 * error that fits), never a kernel fault; and a kernel read of memory never
 * touched allocates nothing.
 *
 * Every case runs in a child that must leak nothing (UTEST_EXIT).
 */
#include "ulib.h"

#define EFAULT 14
#define ENOENT 2
#define ENAMETOOLONG 36
#define KERNEL_ADDR ((void *)0xffffffff80000000UL)
#define USER_TOP 0x0000800000000000UL
#define PAGE 4096

/* One page of memory, followed by the guard page mmap leaves unmapped. */
static char *page_before_guard(void)
{
	char *m = mmap_anon(PAGE, PROT_READ | PROT_WRITE);

	memset(m, 'a', PAGE);
	return m;
}

static void write_bad(void)
{
	char *m = page_before_guard();

	TEST_ASSERT_EQ(write(1, NULL, 1), -EFAULT);
	TEST_ASSERT_EQ(write(1, KERNEL_ADDR, 8), -EFAULT);
	TEST_ASSERT_EQ(write(1, (void *)(USER_TOP - 4), 8), -EFAULT);	/* across the top */
	TEST_ASSERT_EQ(write(1, m, ~0UL), -EFAULT);	/* wraps around */
	TEST_ASSERT_EQ(write(1, m + PAGE - 1, 2), -EFAULT);	/* into the guard page */
	m[PAGE - 1] = '\n';
	TEST_ASSERT_EQ(write(1, m + PAGE - 1, 1), 1);
	exit(0);
}

static void stats_bad(void)
{
	char *m = page_before_guard();

	TEST_ASSERT_EQ(pvmmu_stats(NULL), -EFAULT);
	TEST_ASSERT_EQ(pvmmu_stats(KERNEL_ADDR), -EFAULT);
	TEST_ASSERT_EQ(pvmmu_stats((void *)(unsigned long)&stats_bad), -EFAULT);	/* read-only text */
	TEST_ASSERT_EQ(pvmmu_stats((void *)(m + PAGE - 8)), -EFAULT);	/* into the guard page */
	TEST_ASSERT_EQ(pvmmu_stats((void *)(m + PAGE - sizeof(struct pvmmu_stats))), 0);
	exit(0);
}

static void exit_5(void)
{
	exit(5);
}

static void wait_bad_status(void)
{
	int status, pid = fork();

	if (pid == 0)
		exit_5();
	TEST_ASSERT(pid > 0);
	TEST_ASSERT_EQ(waitpid(pid, KERNEL_ADDR), -EFAULT);
	TEST_ASSERT_EQ(waitpid(pid, (int *)(unsigned long)&exit_5), -EFAULT);
	/* The child was not reaped by the failed calls. */
	TEST_ASSERT_EQ(waitpid(pid, &status), pid);
	TEST_ASSERT_EQ(status, 5);
	exit(0);
}

static void execve_bad(void)
{
	char *m = page_before_guard();
	const char *bad_arg[] = { "hello", KERNEL_ADDR, NULL };
	const char **unterminated = (const char **)(m + PAGE - 2 * sizeof(char *));

	TEST_ASSERT_EQ(execve(NULL, NULL), -EFAULT);
	TEST_ASSERT_EQ(execve(KERNEL_ADDR, NULL), -EFAULT);
	TEST_ASSERT_EQ(execve(m + PAGE - 100, NULL), -EFAULT);	/* no NUL before the guard page */
	m[PAGE - 1] = '\0';
	TEST_ASSERT_EQ(execve(m + PAGE - 300, NULL), -ENAMETOOLONG);
	TEST_ASSERT_EQ(execve("hello", KERNEL_ADDR), -EFAULT);
	TEST_ASSERT_EQ(execve("hello", bad_arg), -EFAULT);
	unterminated[0] = unterminated[1] = "hello";	/* the array runs into the guard page */
	TEST_ASSERT_EQ(execve("hello", unterminated), -EFAULT);
	exit(0);
}

/* The kernel reads memory never touched as zeros, without giving it frames. */
static void read_untouched(void)
{
	char *m = mmap_anon(16 * PAGE, PROT_READ | PROT_WRITE);
	struct pvmmu_stats before, after;

	TEST_ASSERT_EQ(pvmmu_stats(&before), 0);
	TEST_ASSERT_EQ(execve(m, NULL), -ENOENT);	/* the path "" */
	TEST_ASSERT_EQ(execve("no-such-program", (const char *const *)(m + PAGE)), -ENOENT);
	for (int i = 2; i < 16; i++)
		TEST_ASSERT_EQ(write(1, m + i * PAGE, 1), 1);	/* a NUL byte each */
	TEST_ASSERT_EQ(pvmmu_stats(&after), 0);
	TEST_ASSERT_EQ(after.free_pages, before.free_pages);
	TEST_ASSERT_EQ(after.pt_pages, before.pt_pages);
	exit(0);
}

UTEST_EXIT("user.uaccess.write_bad", write_bad, 0, "write of NULL, kernel, wrapping and guard-page buffers is EFAULT");
UTEST_EXIT("user.uaccess.stats_bad", stats_bad, 0, "pvmmu_stats into NULL, the kernel, read-only text or the guard page is EFAULT");
UTEST_EXIT("user.uaccess.wait_bad_status", wait_bad_status, 0, "wait4 with a bad status pointer is EFAULT and reaps nothing");
UTEST_EXIT("user.uaccess.execve_bad", execve_bad, 0, "execve with bad paths and argv arrays is EFAULT or ENAMETOOLONG");
UTEST_EXIT("user.uaccess.read_untouched", read_untouched, 0, "the kernel reads untouched memory as zeros without allocating");
