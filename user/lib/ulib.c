/* SPDX-License-Identifier: MIT */
/**
 * @file user/lib/ulib.c
 * @brief exit, printf, run, and the test reporting helpers.
 */
#include "ulib.h"

void exit(int status)
{
	syscall(SYS_exit, status);
	__builtin_unreachable();
}

int printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	write(1, buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
	return n;
}

int spawn(const char *name, const char *const argv[])
{
	int pid = fork();

	if (pid == 0) {
		execve(name, argv);
		printf("run: cannot exec %s\n", name);
		exit(127);
	}
	return pid;
}

int run(const char *name, const char *const argv[])
{
	int status, pid = spawn(name, argv);

	if (pid < 0 || waitpid(pid, &status) != pid)
		return -1;
	return status;
}

int run_child(void (*fn)(void))
{
	int status, pid = fork();

	if (pid == 0) {
		fn();
		exit(0);
	}
	if (pid < 0 || waitpid(pid, &status) != pid)
		return -1;
	return status;
}

static const char *test_name;
static bool failed;

void test_begin(const char *name)
{
	test_name = name;
	failed = false;
	printf("test: %s: RUN\n", name);
}

void test_end(void)
{
	if (!failed)
		printf("test: %s: PASS\n", test_name);
}

void test_fail(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	if (failed)
		return;
	failed = true;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printf("test: %s: FAIL: %s\n", test_name, buf);
}
