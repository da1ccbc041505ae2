/* SPDX-License-Identifier: MIT */
/**
 * @file user/include/bench_os.h
 * @brief user/bench.c's calls on pvmmu, from user/lib; tools/bench/bench_linux.h
 *        gives the same ones from Linux's libc.
 */
#ifndef PVMMU_BENCH_OS_H
#define PVMMU_BENCH_OS_H

#include "ulib.h"

#define OS_NAME "pvmmu"

static inline void os_init(void) {}

/* Xen system time, the clock the kernel stamps its lines with. */
static inline unsigned long os_now_ns(void)
{
	struct pvmmu_stats s;

	return pvmmu_stats(&s) ? 0 : s.time_ns;
}

/** The kernel's own count of its hypercalls (HYPERVISOR_iret not among them). */
static inline bool os_hypercalls(unsigned long *n)
{
	struct pvmmu_stats s;

	if (pvmmu_stats(&s))
		return false;
	*n = s.hypercalls;
	return true;
}

/** @p pid's exit status once it has ended, or -1. */
static inline int os_wait(int pid)
{
	int status;

	return waitpid(pid, &status) == pid ? status : -1;
}

static inline void os_exec_self(const char *const argv[]) { execve("bench", argv); }

static inline void *os_mmap(size_t len) { return mmap_anon(len, PROT_READ | PROT_WRITE); }

static inline void os_exit(int status) { exit(status); }

static inline void os_null_syscall(void) { getpid(); }

/* init=bench ends with the programs before the kernel powers off. */
static inline void os_done(void) {}

#endif
