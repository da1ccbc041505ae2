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

#define SYS_read 0
#define SYS_write 1
#define SYS_close 3
#define SYS_mmap 9
#define SYS_munmap 11
#define SYS_brk 12
#define SYS_ioctl 16
#define SYS_pipe 22
#define SYS_sched_yield 24
#define SYS_getpid 39
#define SYS_clone 56	/* (flags, stack): a thread; flags must be CLONE_VM */
#define SYS_fork 57
#define SYS_execve 59
#define SYS_exit 60
#define SYS_wait4 61
#define SYS_kill 62
#define SYS_reboot 169
#define SYS_sched_setaffinity 203	/* (pid 0 or own, len, unsigned long *mask): the vCPUs it may run on */
#define SYS_pipe2 293
#define SYS_pvmmu_stats 500
#define SYS_pvmmu_procs 501	/* (struct pvmmu_proc *buf, max): how many filled */
#define SYS_pvmmu_programs 502	/* (char *buf, len): the embedded programs, space-separated */
#define SYS_pvmmu_dump 503	/* (what, pid): the kernel prints a ptdump-style report */

#define PVMMU_DUMP_KERNEL 0	/* the kernel pgd's address space */
#define PVMMU_DUMP_VM 1		/* process pid's regions and its kernel/user pgd pair */

/* ioctl(0, TIOCSPGRP, &pid): the console's foreground process, which Ctrl-C kills (0: none). */
#define TIOCSPGRP 0x5410

/* reboot(MAGIC1, MAGIC2, CMD): Linux's numbers; only power-off is offered. */
#define REBOOT_MAGIC1 0xfee1deadUL
#define REBOOT_MAGIC2 0x28121969UL
#define REBOOT_CMD_POWER_OFF 0x4321fedcUL

/* clone's only flag: the thread shares its creator's address space. */
#define CLONE_VM 0x100

#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_PRIVATE 0x02
#define MAP_ANONYMOUS 0x20

#ifndef __ASSEMBLER__	/* user/lib/thread.S takes the numbers only */
/** What SYS_pvmmu_stats reports: enough to check for leaks and to count costs. */
struct pvmmu_stats {
	unsigned long free_pages;	/* frames in the page allocator */
	unsigned long pt_pages;		/* page-table pages in use (since struct pages exist) */
	unsigned long pins;		/* pinned tables (pins - unpins) */
	unsigned long hypercalls;	/* every trip into Xen so far */
	unsigned long context_switches;
	unsigned long time_ns;		/* kernel uptime */
	unsigned long total_pages;	/* frames the page allocator was given */
	unsigned long multicalls, mc_entries;	/* since boot, as mmu_stats counts them */
	unsigned long mmu_updates, mmuext_ops;
	unsigned long pins_total, unpins;
	unsigned long cpu_hypercalls;	/* the calling vCPU's own share of hypercalls */
	unsigned long vcpu;		/* the vCPU the call ran on */
	unsigned long nr_cpus;		/* vCPUs online */
	unsigned long cpu_upcalls;	/* event upcalls the calling vCPU took: ticks, IPIs, wakeups */
	unsigned long cpu_context_switches;	/* the calling vCPU's own switches */
};

/** One process as SYS_pvmmu_procs reports it. */
struct pvmmu_proc {
	int pid, ppid;			/* ppid 0: none */
	char state;			/* R runnable, W waiting for a child, S sleeping, Z zombie */
	unsigned char vcpu;		/* the vCPU it runs or last ran on */
	char name[16];
	unsigned long pgd_pfn, user_pgd_pfn;	/* the kernel/user pgd pair Xen loads (0: gone) */
	unsigned long nr_vmas;
};

#endif /* __ASSEMBLER__ */

#endif
