/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/syscall_nr.h
 * @brief The system-call ABI shared by the kernel and user/: numbers, flags, structures.
 *
 * Numbers are Linux x86-64's where the call exists there, so that strace-
 * trained eyes read them; pvmmu_stats is pvmmu's own.
 */
#ifndef PVMMU_SYSCALL_NR_H
#define PVMMU_SYSCALL_NR_H

#define SYS_write 1
#define SYS_mmap 9
#define SYS_munmap 11
#define SYS_brk 12
#define SYS_sched_yield 24
#define SYS_getpid 39
#define SYS_fork 57
#define SYS_execve 59
#define SYS_exit 60
#define SYS_wait4 61
#define SYS_kill 62
#define SYS_pvmmu_stats 500

#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_PRIVATE 0x02
#define MAP_ANONYMOUS 0x20

/** What SYS_pvmmu_stats reports: enough to check for leaks and to count costs. */
struct pvmmu_stats {
	unsigned long free_pages;	/* frames in the page allocator */
	unsigned long pt_pages;		/* page-table pages in use (since struct pages exist) */
	unsigned long pins;		/* pinned tables (pins - unpins) */
	unsigned long hypercalls;	/* every trip into Xen so far */
	unsigned long context_switches;
	unsigned long time_ns;		/* kernel uptime */
};

#endif
