/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_procs.c
 * @brief Hostile process calls: arguments at full width, kill's signal, init
 * unkillable, and kills of processes that wait, yield, spin or write.
 *
 * Every case runs in a child that must leak nothing (UTEST_EXIT).
 */
#include "ulib.h"

#define HIGH (1L << 32)	/* a bit that an int would lose */
#define ESRCH 3
#define EPERM 1
#define ECHILD 10
#define EINVAL 22
#define EBADF 9

static void yield_forever(void)
{
	for (;;)
		sched_yield();
}

static void spin_forever(void)
{
	for (;;)
		;
}

/* A child that waits for a grandchild that yields forever. */
static void wait_forever(void)
{
	int status, pid = fork();

	if (pid == 0)
		yield_forever();
	waitpid(pid, &status);
	exit(1);
}

static void write_forever(void)
{
	static char line[256];

	memset(line, '-', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\n';
	for (;;)
		write(1, line, sizeof(line));
}

static int start(void (*fn)(void))
{
	int pid = fork();

	if (pid == 0) {
		fn();
		exit(0);
	}
	return pid;
}

/* kill(@p pid, 9), then reap it: its exit status. */
static int kill_and_reap(int pid)
{
	int status;

	if (kill(pid, 9) || waitpid(pid, &status) != pid)
		return -1;
	return status;
}

static void wide_pids(void)
{
	int status, pid = start(yield_forever);

	TEST_ASSERT(pid > 0);
	/* Truncated to int, these would reach pid 1 and the child. */
	TEST_ASSERT_EQ(syscall(SYS_kill, HIGH | 1, 9), -ESRCH);
	TEST_ASSERT_EQ(syscall(SYS_kill, HIGH | pid, 9), -ESRCH);
	TEST_ASSERT_EQ(syscall(SYS_kill, pid, HIGH | 9), -EINVAL);
	TEST_ASSERT_EQ(syscall(SYS_wait4, HIGH | pid, &status, 0, 0), -ECHILD);
	TEST_ASSERT_EQ(syscall(SYS_wait4, -HIGH - 1, &status, 0, 0), -ECHILD);
	TEST_ASSERT_EQ(syscall(SYS_write, HIGH | 1, "x", 1), -EBADF);
	TEST_ASSERT_EQ(kill(pid, 0), 0);	/* still alive */
	TEST_ASSERT_EQ(kill_and_reap(pid), KILL_KILL);
	exit(0);
}

/* exit's status is its low 8 bits, as on Unix. */
static void exit_wide(void)
{
	syscall(SYS_exit, HIGH | 0x107);
}

static void wait_options(void)
{
	int status, pid = start(yield_forever);

	TEST_ASSERT(pid > 0);
	TEST_ASSERT_EQ(syscall(SYS_wait4, pid, &status, 1, 0), -EINVAL);	/* WNOHANG */
	TEST_ASSERT_EQ(syscall(SYS_wait4, pid, &status, 0, &status), -EINVAL);	/* rusage */
	TEST_ASSERT_EQ(syscall(SYS_wait4, 0, &status, 0, 0), -ECHILD);	/* process groups */
	TEST_ASSERT_EQ(kill_and_reap(pid), KILL_KILL);
	exit(0);
}

static void kill_signals(void)
{
	int pid = start(yield_forever);

	TEST_ASSERT(pid > 0);
	TEST_ASSERT_EQ(kill(pid, 0), 0);
	TEST_ASSERT_EQ(kill(pid, 15), -EINVAL);
	TEST_ASSERT_EQ(kill(pid, -1), -EINVAL);
	for (int i = 0; i < 10; i++)
		sched_yield();
	TEST_ASSERT_EQ(kill(pid, 0), 0);	/* neither signal 0 nor a refused one killed it */
	TEST_ASSERT_EQ(kill_and_reap(pid), KILL_KILL);
	TEST_ASSERT_EQ(kill(pid, 0), -ESRCH);	/* reaped: gone */
	TEST_ASSERT_EQ(kill(0, 0), -ESRCH);
	TEST_ASSERT_EQ(kill(-1, 9), -ESRCH);
	exit(0);
}

static void kill_init(void)
{
	TEST_ASSERT_EQ(kill(1, 9), -EPERM);
	TEST_ASSERT_EQ(kill(1, 0), 0);
	exit(0);
}

static void kill_waiting(void)
{
	int pid, orphan;

	TEST_ASSERT_EQ(pin_to_cpu(0), 0);	/* its yields give the child turns, whatever VCPUS is */
	pid = start(wait_forever);
	orphan = pid + 1;	/* the next pid: its child's */
	TEST_ASSERT(pid > 0);
	for (int i = 0; i < 5; i++)
		sched_yield();	/* it forks and settles in wait4 */
	TEST_ASSERT_EQ(kill(orphan, 0), 0);
	TEST_ASSERT_EQ(kill_and_reap(pid), KILL_KILL);
	/* Its child went to init: end it too, so that its frames come back. */
	TEST_ASSERT_EQ(kill(orphan, 9), 0);
	while (kill(orphan, 0) == 0)
		sched_yield();
	exit(0);
}

static void kill_self(void)
{
	kill(getpid(), 9);
	exit(1);	/* not reached: the kill takes effect on the way back */
}

static void kill_runnable(void)
{
	int pids[3] = { start(yield_forever), start(spin_forever), start(write_forever) };

	for (int i = 0; i < 3; i++)
		TEST_ASSERT(pids[i] > 0);
	for (int i = 0; i < 5; i++)
		sched_yield();	/* all three are in the middle of what they do */
	for (int i = 0; i < 3; i++)
		TEST_ASSERT_EQ(kill_and_reap(pids[i]), KILL_KILL);
	exit(0);
}

/* Killed before it ever ran: it dies on its first way back to user mode. */
static void kill_fresh(void)
{
	int pid = start(spin_forever);

	TEST_ASSERT(pid > 0);
	TEST_ASSERT_EQ(kill_and_reap(pid), KILL_KILL);
	exit(0);
}

UTEST_EXIT("user.procs.wide_pids", wide_pids, 0, "pids, signals and fds at full width: a high bit makes no other pid");
UTEST_EXIT("user.procs.exit_wide", exit_wide, 7, "exit's status is its low 8 bits");
UTEST_EXIT("user.procs.wait_options", wait_options, 0, "wait4 refuses WNOHANG, rusage and process groups");
UTEST_EXIT("user.procs.kill_signals", kill_signals, 0, "kill: signal 0 probes, signals but 9 are EINVAL, a reaped pid is ESRCH");
UTEST_EXIT("user.procs.kill_init", kill_init, 0, "init cannot be killed: EPERM");
UTEST_EXIT("user.procs.kill_waiting", kill_waiting, 0, "a process waiting in wait4 is killed; its child goes to init");
UTEST_EXIT("user.procs.kill_self", kill_self, KILL_KILL, "a kill of oneself takes effect on the way back to user mode");
UTEST_EXIT("user.procs.kill_runnable", kill_runnable, 0, "processes that yield, spin or write are killed and reaped");
UTEST_EXIT("user.procs.kill_fresh", kill_fresh, 0, "a process killed before it ever ran dies on its first way out");
