/* SPDX-License-Identifier: MIT */
/**
 * @file user/lib/ulib.c
 * @brief exit, printf, run, the test reporting helpers and the main of UTEST programs.
 */
#include "ulib.h"

void exit(int status)
{
	test_end();
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

int run_child_expect(void (*fn)(void), int status)
{
	int got, pid = fork();

	if (pid == 0) {
		fn();
		exit(0);
	}
	if (pid < 0 || waitpid(pid, &got) != pid)
		return -1;
	if (got == status && status != 0)
		printf("expected: pid %d was killed (exit status %d), as this test wants\n", pid, got);
	return got;
}

int run_child(void (*fn)(void))
{
	return run_child_expect(fn, 0);
}

/*
 * The open test: its result line is printed once, by the process that began
 * it, at test_end(), at the next test_begin() or at exit(), so that an
 * assertion returning early still reports.  A forked child inherits the
 * record but is not its owner, so it never reports its parent's test.
 */
static const char *test_name;
static int test_owner;

void test_end(void)
{
	char line[TEST_LINE_MAX];

	if (!test_name || test_owner != getpid())
		return;
	test_result_line(test_result_current(), test_name, line, sizeof(line));
	printf("%s\n", line);
	test_name = NULL;
}

void test_begin(const char *name)
{
	test_end();
	test_name = name;
	test_owner = getpid();
	test_result_reset(test_result_current());
	printf("test: %s: RUN\n", name);
}

extern const struct test_case __utests_start[], __utests_end[];

/* A case in a child of its own reports from there; a child that dies first is a FAIL. */
static enum test_outcome run_in_child(const struct test_case *t)
{
	int status, pid = fork();

	if (pid == 0) {
		test_owner = getpid();
		t->fn();
		exit(test_result_current()->outcome >= TEST_ERROR);
	}
	if (pid < 0) {
		test_error("fork: %d", pid);
		return TEST_ERROR;
	}
	if (waitpid(pid, &status) != pid) {
		test_error("waitpid(%d) failed", pid);
		return TEST_ERROR;
	}
	if (status == 0 || status == 1) {
		test_name = NULL;	/* the child printed the line */
		return status ? TEST_FAIL : TEST_PASS;
	}
	test_fail("the case's child exited with status %d before reporting", status);
	return TEST_FAIL;
}

static bool run_case(const struct test_case *t)
{
	enum test_outcome o;

	test_begin(t->name);
	if (t->flags & UTEST_CHILD_FLAG) {
		o = run_in_child(t);
	} else {
		t->fn();
		o = test_result_current()->outcome;
	}
	test_end();
	return o < TEST_ERROR;
}

/*
 * The main of a program that declares UTEST cases instead of its own
 * main: every case in turn; the exit status counts the failed ones.
 */
__attribute__((weak)) int main(int argc, char **argv)
{
	size_t n = (size_t)(__utests_end - __utests_start);
	int failed = 0;

	if (!n) {
		printf("%s: neither a main nor a UTEST case\n", argc ? argv[0] : "?");
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		failed += !run_case(&__utests_start[i]);
	return failed;
}
