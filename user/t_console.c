/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_console.c
 * @brief The console and shell system calls refuse bad input with -errno:
 * read on fd 0, ioctl(TIOCSPGRP), reboot's magic, and the kernel-information
 * calls the shell uses (pvmmu_procs, pvmmu_programs, pvmmu_dump).
 *
 * No case reads a line (nobody types in init=tests): each error comes before
 * the read would sleep.  Every case runs in a child that must leak nothing.
 */
#include "clock.h"
#include "ulib.h"

#define ESRCH 3
#define EBADF 9
#define EFAULT 14
#define EINVAL 22
#define ERANGE 34
#define KERNEL_ADDR ((void *)0xffffffff80000000UL)
#define USER_TOP 0x0000800000000000UL

static void read_bad(void)
{
	char buf[8];

	TEST_ASSERT_EQ(read(3, buf, 1), -EBADF);
	TEST_ASSERT_EQ(read(1, buf, 1), -EBADF);
	TEST_ASSERT_EQ(read(0, KERNEL_ADDR, 1), -EFAULT);
	TEST_ASSERT_EQ(read(0, (void *)(USER_TOP - 4), 8), -EFAULT);	/* across the top */
	TEST_ASSERT_EQ(read(0, buf, 0), 0);	/* asks for nothing: returns at once */
	exit(0);
}

static void ioctl_bad(void)
{
	int pid = getpid();

	TEST_ASSERT_EQ(tcsetpgrp(1, pid), -EBADF);
	TEST_ASSERT_EQ(syscall(SYS_ioctl, 0, 0x5401, &pid), -EINVAL);	/* TCGETS: not offered */
	TEST_ASSERT_EQ(syscall(SYS_ioctl, 0, TIOCSPGRP, KERNEL_ADDR), -EFAULT);
	TEST_ASSERT_EQ(tcsetpgrp(0, -1), -EINVAL);
	TEST_ASSERT_EQ(tcsetpgrp(0, 1000000), -ESRCH);
	TEST_ASSERT_EQ(tcsetpgrp(0, pid), 0);
	TEST_ASSERT_EQ(tcsetpgrp(0, 0), 0);
	exit(0);
}

static void reboot_bad(void)
{
	TEST_ASSERT_EQ(syscall(SYS_reboot, 1, REBOOT_MAGIC2, REBOOT_CMD_POWER_OFF), -EINVAL);
	TEST_ASSERT_EQ(syscall(SYS_reboot, REBOOT_MAGIC1, 2, REBOOT_CMD_POWER_OFF), -EINVAL);
	TEST_ASSERT_EQ(syscall(SYS_reboot, REBOOT_MAGIC1, REBOOT_MAGIC2, 0x1234567), -EINVAL);
	exit(0);
}

/* @p word is one of the space-separated @p names. */
static bool has_word(const char *names, const char *word)
{
	size_t len = strlen(word);

	for (const char *p = names; *p; p++)
		if ((p == names || p[-1] == ' ') && !strncmp(p, word, len) &&
		    (p[len] == ' ' || !p[len]))
			return true;
	return false;
}

static void programs(void)
{
	char names[1024];
	long n;

	TEST_ASSERT_EQ(pvmmu_programs(names, 4), -ERANGE);
	TEST_ASSERT_EQ(pvmmu_programs(KERNEL_ADDR, sizeof(names)), -EFAULT);
	n = pvmmu_programs(names, sizeof(names));
	TEST_ASSERT(n > 0);
	TEST_ASSERT_EQ((long)strlen(names), n);
	TEST_ASSERT(has_word(names, "t_console"));
	TEST_ASSERT(has_word(names, "sh"));
	TEST_ASSERT(!has_word(names, "t_consol"));
	exit(0);
}

static void procs(void)
{
	static struct pvmmu_proc list[64];
	int n, me = getpid();
	bool found = false;

	TEST_ASSERT_EQ(pvmmu_procs(KERNEL_ADDR, 4), -EFAULT);
	TEST_ASSERT_EQ(pvmmu_procs(list, 0), 0);
	n = pvmmu_procs(list, 64);
	TEST_ASSERT(n >= 3);	/* init, tests, t_console and this child at least */
	for (int i = 0; i < n; i++) {
		if (list[i].pid != me)
			continue;
		found = true;
		TEST_ASSERT_EQ(list[i].state, 'R');
		TEST_ASSERT(list[i].pgd_pfn && list[i].user_pgd_pfn);
		TEST_ASSERT(list[i].pgd_pfn != list[i].user_pgd_pfn);
		TEST_ASSERT(list[i].ppid > 0);
	}
	TEST_ASSERT(found);
	exit(0);
}

static void dump_bad(void)
{
	TEST_ASSERT_EQ(pvmmu_dump(7, 0), -EINVAL);
	TEST_ASSERT_EQ(pvmmu_dump(PVMMU_DUMP_VM, 0), -ESRCH);
	TEST_ASSERT_EQ(pvmmu_dump(PVMMU_DUMP_VM, 1000000), -ESRCH);
	TEST_ASSERT_EQ(syscall(SYS_pvmmu_dump, PVMMU_DUMP_VM, 1UL << 40), -ESRCH);
	exit(0);
}

UTEST_EXIT("user.console.read_bad", read_bad, 0, "read refuses other fds, kernel and straddling buffers");
UTEST_EXIT("user.console.ioctl_bad", ioctl_bad, 0, "ioctl offers only TIOCSPGRP on fd 0, with a checked pointer");
UTEST_EXIT("user.console.reboot_bad", reboot_bad, 0, "reboot refuses a wrong magic");
UTEST_EXIT("user.console.programs", programs, 0, "pvmmu_programs lists the embedded programs, bounded");
UTEST_EXIT("user.console.procs", procs, 0, "pvmmu_procs reports the processes, bounded");
UTEST_EXIT("user.console.dump_bad", dump_bad, 0, "pvmmu_dump refuses bad pids and buffers");
