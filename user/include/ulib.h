/* SPDX-License-Identifier: MIT */
/**
 * @file user/include/ulib.h
 * @brief The user programs' whole library: system calls, printf, test reporting.
 */
#ifndef PVMMU_ULIB_H
#define PVMMU_ULIB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "syscall_nr.h"
#include "test_assert.h"
#include "vsprintf.h"

static inline long syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	register long r10 asm("r10") = a4;
	register long r8 asm("r8") = a5;
	register long r9 asm("r9") = a6;
	long ret;

	asm volatile("syscall"
		     : "=a"(ret)
		     : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
		     : "rcx", "r11", "memory");
	return ret;
}
#define syscall(nr, ...) syscall_args(nr, ##__VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define syscall_args(nr, a, b, c, d, e, f, ...) \
	syscall6(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

static inline long read(int fd, void *buf, size_t len) { return syscall(SYS_read, fd, buf, len); }
static inline long write(int fd, const void *buf, size_t len) { return syscall(SYS_write, fd, buf, len); }
static inline int close(int fd) { return (int)syscall(SYS_close, fd); }
/** pipe(fds): fds[0] the read end, fds[1] the write end. */
static inline int pipe(int fds[2]) { return (int)syscall(SYS_pipe2, fds, 0); }
/** The console's foreground process (Ctrl-C kills it): ioctl(0, TIOCSPGRP, &pid). */
static inline int tcsetpgrp(int fd, int pid) { return (int)syscall(SYS_ioctl, fd, TIOCSPGRP, &pid); }
static inline int poweroff(void)
{
	return (int)syscall(SYS_reboot, REBOOT_MAGIC1, REBOOT_MAGIC2, REBOOT_CMD_POWER_OFF);
}
static inline int pvmmu_procs(struct pvmmu_proc *buf, unsigned int max)
{
	return (int)syscall(SYS_pvmmu_procs, buf, max);
}
static inline long pvmmu_programs(char *buf, size_t len) { return syscall(SYS_pvmmu_programs, buf, len); }
static inline int pvmmu_dump(int what, int pid) { return (int)syscall(SYS_pvmmu_dump, what, pid); }
static inline int getpid(void) { return (int)syscall(SYS_getpid); }
static inline int fork(void) { return (int)syscall(SYS_fork); }
static inline int sched_yield(void) { return (int)syscall(SYS_sched_yield); }
static inline int kill(int pid, int sig) { return (int)syscall(SYS_kill, pid, sig); }
static inline long brk(void *addr) { return syscall(SYS_brk, addr); }
static inline int waitpid(int pid, int *status) { return (int)syscall(SYS_wait4, pid, status, 0, 0); }
static inline int execve(const char *path, const char *const argv[])
{
	return (int)syscall(SYS_execve, path, argv, 0);
}
static inline void *mmap_anon(size_t len, int prot)
{
	return (void *)syscall(SYS_mmap, 0, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}
static inline int munmap(void *addr, size_t len) { return (int)syscall(SYS_munmap, addr, len); }
static inline int pvmmu_stats(struct pvmmu_stats *s) { return (int)syscall(SYS_pvmmu_stats, s); }
static inline int sched_setaffinity(int pid, unsigned long mask)
{
	return (int)syscall(SYS_sched_setaffinity, pid, sizeof(mask), &mask);
}
/**
 * Start a thread calling @p fn(@p arg) on the stack [@p stack, @p stack + @p size),
 * in this address space (clone with CLONE_VM); it ends when fn returns (status 0)
 * or calls exit.  Returns its pid (a tid for thread_join), or -errno.
 */
int thread_create(void (*fn)(void *), void *arg, void *stack, size_t size);
/** Wait for thread @p tid to end; its exit status in @p status.  Returns @p tid or -errno. */
static inline int thread_join(int tid, int *status) { return waitpid(tid, status); }
/**
 * Keep this process (and the children it forks from now on) on vCPU @p cpu:
 * for tests that need processes to take turns on one vCPU, whatever VCPUS is.
 * Returns once it runs there.
 */
int pin_to_cpu(unsigned int cpu);
void exit(int status) __attribute__((noreturn));

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** fork and exec @p name with @p argv (NULL-terminated): the child's pid, or <0. */
int spawn(const char *name, const char *const argv[]);
/** spawn, then wait: its exit status, or <0. */
int run(const char *name, const char *const argv[]);
/** fork a child running @p fn and return its exit status (or <0 if fork failed). */
int run_child(void (*fn)(void));
/**
 * run_child for a child the test means to be killed with exit status
 * @p status: when it is, a line after the kernel's kill line says the kill
 * was expected, so a reader of the log does not take it for a failure.
 */
int run_child_expect(void (*fn)(void), int status);
/**
 * Write the 16 KiB of stack below the caller, so that its first touches and
 * copy-on-write breaks happen now, not inside a count a test is taking.
 */
void settle_stack(void);

/*
 * Test results in the kernel's format, "test: <name>: PASS|FAIL: why", so
 * the runner counts them like in-guest tests; outcomes are ranked as in
 * test_assert.h (the worst wins).  A program declares its cases and has no
 * main: the user library's runs every case, in the order of the file.
 *   UTEST("user.x", fn, "what it checks");              run in the program itself
 *   UTEST_CHILD("user.y", fn, "what it checks");        run in a child that reports
 *   UTEST_EXIT("user.z", fn, STATUS, "what it checks"); fn runs in a child that must
 *       end with STATUS (a return is 0, a failed assertion 1), and the free
 *       frames, page-table pages and pins must be back where they were
 * A case's RUN line comes first (a program killed half-way is then counted
 * as failed); its result line follows once the case is over, or at exit().
 */
#define UTEST_CHILD_FLAG 1u
#define UTEST_EXIT_FLAG 2u
#define UTEST_STATUS_SHIFT 8	/* UTEST_EXIT's status, in the flags above its bit */
#define UTEST(name, fn, desc) TEST_CASE_DECLARE(".utests", name, fn, desc, 0)
#define UTEST_CHILD(name, fn, desc) TEST_CASE_DECLARE(".utests", name, fn, desc, UTEST_CHILD_FLAG)
#define UTEST_EXIT(name, fn, status, desc) \
	TEST_CASE_DECLARE(".utests", name, fn, desc, UTEST_EXIT_FLAG | (status) << UTEST_STATUS_SHIFT)

/** UTEST_EXIT's check, for a case whose status is known only at run time. */
void utest_expect_exit(void (*fn)(void), int status);

/* Exit statuses of killed processes: 128 + the signal Linux would send (kernel/include/proc.h). */
#define KILL_ILL (128 + 4)
#define KILL_TRAP (128 + 5)
#define KILL_BUS (128 + 7)
#define KILL_FPE (128 + 8)
#define KILL_KILL (128 + 9)
#define KILL_SEGV (128 + 11)

#endif
