/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_pipe.c
 * @brief Pipes: data through, fds inherited by fork, end of file, partial
 * reads, a full pipe that blocks its writer until a read wakes it, -EPIPE,
 * and bad fds and pointers refused with -EBADF and -EFAULT.
 *
 * Every case runs in a child that must leak nothing (UTEST_EXIT): a pipe's
 * page goes back when its last end closes, at exit too.
 */
#include "ulib.h"

#define EINTR 4
#define EBADF 9
#define EFAULT 14
#define EINVAL 22
#define EMFILE 24
#define EPIPE 32
#define PAGE 4096
#define PIPE_BUF 4096
#define KERNEL_ADDR ((void *)0xffffffff80000000UL)

static int fds[2];

static void make_pipe(void)
{
	TEST_REQUIRE(pipe(fds) == 0);
}

/* The state ('S' asleep, 'R' runnable, ...) of process @p pid, or 0 if it is not there. */
static char state_of(int pid)
{
	static struct pvmmu_proc list[64];
	int n = pvmmu_procs(list, 64);

	for (int i = 0; i < n; i++)
		if (list[i].pid == pid)
			return list[i].state;
	return 0;
}

/* Yield until @p pid sleeps, a few rounds at most: whether it does. */
static bool sleeps(int pid)
{
	for (int i = 0; i < 20; i++) {
		if (state_of(pid) == 'S')
			return true;
		sched_yield();
	}
	return false;
}

static void through(void)
{
	char buf[8] = { 0 };

	make_pipe();
	TEST_ASSERT_EQ(fds[0], 3);	/* the lowest free fds, after the console's 0, 1, 2 */
	TEST_ASSERT_EQ(fds[1], 4);
	TEST_ASSERT_EQ(write(fds[1], "hello", 5), 5);
	TEST_ASSERT_EQ(read(fds[0], buf, sizeof(buf)), 5);
	TEST_ASSERT(memcmp(buf, "hello", 5) == 0);
	TEST_ASSERT_EQ(close(fds[0]), 0);
	TEST_ASSERT_EQ(close(fds[1]), 0);
	TEST_ASSERT_EQ(close(fds[1]), -EBADF);
	TEST_ASSERT_EQ(close(0), 0);	/* the console's fd 0 is a slot like any other */
	TEST_ASSERT_EQ(tcsetpgrp(0, getpid()), -EBADF);	/* no console behind it now */
	make_pipe();
	TEST_ASSERT_EQ(fds[0], 0);
	TEST_ASSERT_EQ(fds[1], 3);
	TEST_ASSERT_EQ(tcsetpgrp(0, getpid()), -EINVAL);	/* a pipe is no terminal (ENOTTY on Linux) */
}
UTEST_EXIT("user.pipe.through", through, 0,
	   "bytes written come out of the read end; new fds take the lowest free slots; close twice is EBADF");

static void bad_fds(void)
{
	char c = 'x';

	make_pipe();
	TEST_ASSERT_EQ(read(fds[1], &c, 1), -EBADF);	/* the wrong end */
	TEST_ASSERT_EQ(write(fds[0], &c, 1), -EBADF);
	TEST_ASSERT_EQ(read(7, &c, 1), -EBADF);	/* never opened */
	TEST_ASSERT_EQ(write(16, &c, 1), -EBADF);	/* past the table */
	TEST_ASSERT_EQ(write(-1, &c, 1), -EBADF);
	TEST_ASSERT_EQ(close(-1), -EBADF);
	TEST_ASSERT_EQ(close(1000), -EBADF);
	TEST_ASSERT_EQ(syscall(SYS_pipe2, fds, 1), -EINVAL);	/* no flags are offered */
	for (int i = 0; i < 5; i++)	/* 16 slots: 5 in use, 5 pipes more leave 1 */
		TEST_ASSERT_EQ(pipe(fds), 0);
	TEST_ASSERT_EQ(pipe(fds), -EMFILE);
}
UTEST_EXIT("user.pipe.bad_fds", bad_fds, 0,
	   "a closed, unknown or wrong-end fd is EBADF, flags are EINVAL, a full table EMFILE; exit closes them all");

static void bad_pointers(void)
{
	char *m = mmap_anon(PAGE, PROT_READ | PROT_WRITE);
	char buf[4] = { 0 };

	TEST_ASSERT_EQ(pipe(NULL), -EFAULT);
	TEST_ASSERT_EQ(pipe(KERNEL_ADDR), -EFAULT);
	TEST_ASSERT_EQ(pipe((int *)(m + PAGE - 4)), -EFAULT);	/* the second fd in the guard page */
	make_pipe();
	TEST_ASSERT_EQ(write(fds[1], NULL, 1), -EFAULT);
	TEST_ASSERT_EQ(write(fds[1], KERNEL_ADDR, 4), -EFAULT);
	TEST_ASSERT_EQ(write(fds[1], "abc", 3), 3);
	TEST_ASSERT_EQ(read(fds[0], KERNEL_ADDR, 3), -EFAULT);
	TEST_ASSERT_EQ(read(fds[0], m + PAGE - 1, 3), -EFAULT);	/* into the guard page */
	TEST_ASSERT_EQ(read(fds[0], (void *)(unsigned long)&bad_pointers, 3), -EFAULT);	/* read-only text */
	TEST_ASSERT_EQ(read(fds[0], buf, 3), 3);	/* the failed reads took nothing */
	TEST_ASSERT(memcmp(buf, "abc", 3) == 0);
}
UTEST_EXIT("user.pipe.bad_pointers", bad_pointers, 0,
	   "pipe, read and write with a bad pointer are EFAULT, and a failed read loses no data");

static void partial(void)
{
	char buf[16];

	make_pipe();
	TEST_ASSERT_EQ(write(fds[1], "0123456789", 10), 10);
	TEST_ASSERT_EQ(read(fds[0], buf, 4), 4);
	TEST_ASSERT(memcmp(buf, "0123", 4) == 0);
	TEST_ASSERT_EQ(read(fds[0], buf, sizeof(buf)), 6);	/* what is there, not what was asked */
	TEST_ASSERT(memcmp(buf, "456789", 6) == 0);
	TEST_ASSERT_EQ(read(fds[0], buf, 0), 0);
}
UTEST_EXIT("user.pipe.partial", partial, 0, "a read returns what the pipe holds, up to its length");

static void eof(void)
{
	char buf[8];
	int pid, status;

	make_pipe();
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		exit(write(fds[1], "end", 3) == 3 ? 0 : 1);
	}
	TEST_REQUIRE(pid > 0);
	TEST_ASSERT_EQ(close(fds[1]), 0);
	TEST_ASSERT_EQ(read(fds[0], buf, sizeof(buf)), 3);	/* the child's, through the inherited fd */
	TEST_ASSERT_EQ(read(fds[0], buf, sizeof(buf)), 0);	/* its writer gone: end of file */
	TEST_ASSERT_EQ(waitpid(pid, &status), pid);
	TEST_ASSERT_EQ(status, 0);
}
UTEST_EXIT("user.pipe.eof", eof, 0, "fork shares the ends; once the last writer is gone a read is end of file");

/* The child fills the pipe and then some; the parent sees it asleep, drains, and it finishes. */
static void full_blocks(void)
{
	static char big[PIPE_BUF + 100], got[PIPE_BUF + 100];
	int pid, status;
	long n;

	for (unsigned int i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7);
	make_pipe();
	pid = fork();
	if (pid == 0)
		exit(write(fds[1], big, sizeof(big)) == (long)sizeof(big) ? 0 : 1);
	TEST_REQUIRE(pid > 0);
	TEST_ASSERT(sleeps(pid));	/* PIPE_BUF bytes in, 100 to go: it waits for room */
	TEST_ASSERT_EQ(read(fds[0], got, PIPE_BUF), PIPE_BUF);
	TEST_ASSERT_EQ(close(fds[1]), 0);
	for (n = PIPE_BUF; n < (long)sizeof(got);) {	/* the read woke it: the rest follows */
		long r = read(fds[0], got + n, sizeof(got) - (unsigned long)n);

		TEST_REQUIRE(r > 0);
		n += r;
	}
	TEST_ASSERT(memcmp(got, big, sizeof(big)) == 0);
	TEST_ASSERT_EQ(waitpid(pid, &status), pid);
	TEST_ASSERT_EQ(status, 0);	/* its one write wrote everything */
	TEST_ASSERT_EQ(read(fds[0], got, 1), 0);
}
UTEST_EXIT("user.pipe.full_blocks", full_blocks, 0,
	   "a write to a full pipe sleeps until a read makes room, then completes");

static void reader_sleeps(void)
{
	int pid, status;
	char c;

	make_pipe();
	pid = fork();
	if (pid == 0)
		exit(read(fds[0], &c, 1) == 1 && c == 'z' ? 0 : 1);
	TEST_REQUIRE(pid > 0);
	TEST_ASSERT(sleeps(pid));	/* an empty pipe with a writer: it waits */
	TEST_ASSERT_EQ(write(fds[1], "z", 1), 1);
	TEST_ASSERT_EQ(waitpid(pid, &status), pid);
	TEST_ASSERT_EQ(status, 0);
}
UTEST_EXIT("user.pipe.reader_sleeps", reader_sleeps, 0, "a read of an empty pipe sleeps until a write wakes it");

static void epipe(void)
{
	static char big[PIPE_BUF + 10];
	int pid, status;

	make_pipe();
	TEST_ASSERT_EQ(close(fds[0]), 0);
	TEST_ASSERT_EQ(write(fds[1], "x", 1), -EPIPE);	/* no reader at all */
	make_pipe();
	pid = fork();
	if (pid == 0) {
		long first;

		close(fds[0]);
		first = write(fds[1], big, sizeof(big));	/* fills, sleeps, and its reader goes */

		exit(first == PIPE_BUF && write(fds[1], "x", 1) == -EPIPE ? 0 : 1);
	}
	TEST_REQUIRE(pid > 0);
	TEST_ASSERT(sleeps(pid));
	TEST_ASSERT_EQ(close(fds[0]), 0);
	TEST_ASSERT_EQ(waitpid(pid, &status), pid);
	TEST_ASSERT_EQ(status, 0);
}
UTEST_EXIT("user.pipe.epipe", epipe, 0,
	   "a write with no reader is EPIPE; a writer asleep on a full pipe whose reader leaves returns what it wrote");

static void killed_asleep(void)
{
	int pid, status;
	char c;

	make_pipe();
	pid = fork();
	if (pid == 0)
		exit(read(fds[0], &c, 1) == -EINTR ? 2 : 1);	/* never returns to user mode */
	TEST_REQUIRE(pid > 0);
	TEST_ASSERT(sleeps(pid));
	TEST_ASSERT_EQ(kill(pid, 9), 0);
	TEST_ASSERT_EQ(waitpid(pid, &status), pid);
	TEST_ASSERT_EQ(status, KILL_KILL);
}
UTEST_EXIT("user.pipe.killed_asleep", killed_asleep, 0, "a process asleep on a pipe can be killed, and ends killed");
