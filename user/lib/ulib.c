/* SPDX-License-Identifier: MIT */
/**
 * @file user/lib/ulib.c
 * @brief exit, printf, run, and the main that runs a program's UTEST cases.
 */
#include "ulib.h"

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

/* A kill the test provoked reads like any other in the log: say right after it that it was wanted. */
static void note_expected_kill(int pid, int got, int status)
{
	if (got == status && status != 0)
		printf("expected: pid %d was killed (exit status %d), as this test wants\n", pid, got);
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
	note_expected_kill(pid, got, status);
	return got;
}

int pin_to_cpu(unsigned int cpu)
{
	struct pvmmu_stats s;
	int rc = sched_setaffinity(0, 1UL << cpu);

	/* The move happens on the way out of a system call, not in it. */
	while (!rc && !(rc = pvmmu_stats(&s)) && s.vcpu != cpu)
		sched_yield();
	return rc;
}

void settle_stack(void)
{
	volatile char buf[16384];

	for (unsigned long i = 0; i < sizeof(buf); i += 4096)
		buf[i] = 0;
}

int run_child(void (*fn)(void))
{
	return run_child_expect(fn, 0);
}

/*
 * The running case: its result line is printed once, by the process that
 * began it, when the case is over or at exit(), so that a case that exits
 * half-way still reports.  A forked child inherits the record but is not its
 * owner, so it never reports its parent's case.
 */
static const char *test_name;
static int test_owner;

static void test_end(void)
{
	char line[TEST_LINE_MAX];

	if (!test_name || test_owner != getpid())
		return;
	test_result_line(test_result_current(), test_name, line, sizeof(line));
	printf("%s\n", line);
	test_name = NULL;
}

static void test_begin(const char *name)
{
	test_name = name;
	test_owner = getpid();
	test_result_reset(test_result_current());
	printf("test: %s: RUN\n", name);
}

void exit(int status)
{
	test_end();
	syscall(SYS_exit, status);
	__builtin_unreachable();
}

extern const struct test_case __utests_start[], __utests_end[];

/* A case in a child of its own reports from there; a child that dies first is a FAIL. */
static void run_in_child(const struct test_case *t)
{
	int status, pid = fork();

	if (pid == 0) {
		test_owner = getpid();
		t->fn();
		exit(test_result_current()->outcome >= TEST_ERROR);
	}
	if (pid < 0) {
		test_error("fork: %d", pid);
		return;
	}
	if (waitpid(pid, &status) != pid) {
		test_error("waitpid(%d) failed", pid);
		return;
	}
	if (status == 0 || status == 1) {
		test_name = NULL;	/* the child printed the line */
		if (status)
			test_fail("reported by the case's child");
		return;
	}
	test_fail("the case's child exited with status %d before reporting", status);
}

static void nothing(void) {}

/* The child's return is 0, a failed assertion in it 1; it cannot report what failed, so it says. */
static void exit_child(void (*fn)(void))
{
	fn();
	if (test_result_current()->outcome >= TEST_ERROR) {
		printf("%s: in the case's child: %s\n", test_name, test_result_current()->reason);
		exit(1);
	}
	exit(0);
}

void utest_expect_exit(void (*fn)(void), int status)
{
	static bool settled;
	struct pvmmu_stats before, after;
	int got, pid;

	/* Once, an empty child first: the copy-on-write breaks of our own first fork settle before any count. */
	if (!settled && run_child(nothing) == 0)
		settled = true;
	TEST_REQUIRE(pvmmu_stats(&before) == 0);
	pid = fork();
	if (pid == 0)
		exit_child(fn);
	TEST_REQUIRE(pid > 0);
	TEST_REQUIRE(waitpid(pid, &got) == pid);
	note_expected_kill(pid, got, status);
	TEST_REQUIRE(pvmmu_stats(&after) == 0);
	if (got != status)
		test_fail("child exit status %d, expected %d", got, status);
	if (after.free_pages != before.free_pages || after.pt_pages != before.pt_pages ||
	    after.pins != before.pins)
		test_fail("free frames %lu -> %lu, page tables %lu -> %lu, pins %lu -> %lu",
			  before.free_pages, after.free_pages, before.pt_pages, after.pt_pages,
			  before.pins, after.pins);
}

static bool run_case(const struct test_case *t)
{
	enum test_outcome o;

	test_begin(t->name);
	if (t->flags & UTEST_CHILD_FLAG)
		run_in_child(t);
	else if (t->flags & UTEST_EXIT_FLAG)
		utest_expect_exit(t->fn, (int)(t->flags >> UTEST_STATUS_SHIFT));
	else
		t->fn();
	o = test_result_current()->outcome;
	test_end();
	return o < TEST_ERROR;
}

/* The main of a program without its own: every UTEST case in turn; the exit status counts the failed ones. */
__attribute__((weak)) int main(int argc, char **argv)
{
	size_t n = (size_t)(__utests_end - __utests_start);
	int failed = 0;

	if (!n) {
		printf("%s: no UTEST case\n", argc ? argv[0] : "?");
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		failed += !run_case(&__utests_start[i]);
	return failed;
}
