/* SPDX-License-Identifier: MIT */
/**
 * @file tools/bench/bench_linux.h
 * @brief user/bench.c's calls on Linux, from Debian's libc: the peer's /init
 *        (tools/bench/linux-peer.sh builds it with gcc -static -DBENCH_LINUX).
 *        user/include/bench_os.h gives the same calls on pvmmu.
 */
#ifndef PVMMU_BENCH_LINUX_H
#define PVMMU_BENCH_LINUX_H

#define _GNU_SOURCE
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define OS_NAME "linux"

/* One line at a time, so that a fork never copies half a line into the child. */
static inline void os_init(void) { setvbuf(stdout, NULL, _IOLBF, 0); }

/* CLOCK_MONOTONIC: on Xen PV, Xen system time too. */
static inline unsigned long os_now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (unsigned long)t.tv_sec * 1000000000UL + (unsigned long)t.tv_nsec;
}

/* Linux keeps no count of its hypercalls: the TCG plugin's are the only ones. */
static inline bool os_hypercalls(unsigned long *n)
{
	(void)n;
	return false;
}

static inline int os_wait(int pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static inline void os_exec_self(const char *const argv[])
{
	execv("/init", (char *const *)argv);
}

static inline void *os_mmap(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* A child's end: no atexit handlers, no stdio flush of what its parent had. */
static inline void os_exit(int status) { _exit(status); }

/* syscall(), not getpid(): no libc may answer it from a cache. */
static inline void os_null_syscall(void) { syscall(SYS_getpid); }

/* Linux's /init may not return; a dom0 reboot makes Xen reset the machine and QEMU exit. */
static inline void os_done(void)
{
	fflush(stdout);
	reboot(RB_AUTOBOOT);
}

#endif
