/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/syscall.c
 * @brief System calls: Linux's numbers and argument registers where they exist.
 *
 * Every pointer from user space is checked against the caller's address
 * space (and faulted in) before the kernel touches it: a bad or kernel
 * pointer is -EFAULT, never a kernel fault.
 */
#include <string.h>
#include "console.h"
#include "errno.h"
#include "hypercall.h"
#include "proc.h"
#include "pv_mmu.h"
#include "syscall_nr.h"
#include "xen_time.h"

#define MAX_ARGS 16
#define MAX_STR 256

/* Copy a NUL-terminated user string into @p buf, or -EFAULT / -ENAMETOOLONG. */
static long copy_string(char *buf, unsigned long uaddr)
{
	for (unsigned int i = 0; i < MAX_STR; i++) {
		if (user_range_ok(&current->mm, uaddr + i, 1, false))
			return -EFAULT;
		buf[i] = *(const char *)(uaddr + i);
		if (!buf[i])
			return 0;
	}
	return -ENAMETOOLONG;
}

static long sys_write(unsigned long fd, unsigned long buf, unsigned long len)
{
	if (fd != 1 && fd != 2)
		return -EBADF;
	if (user_range_ok(&current->mm, buf, len, false))
		return -EFAULT;
	xen_console_write((const char *)buf, len);
	return (long)len;
}

static long sys_execve(struct cpu_regs *regs, unsigned long upath, unsigned long uargv)
{
	static char strings[MAX_ARGS][MAX_STR];
	char path[MAX_STR];
	const char *argv[MAX_ARGS];
	int argc = 0;
	long rc = copy_string(path, upath);

	for (; !rc && uargv; argc++) {
		unsigned long p;

		if (user_range_ok(&current->mm, uargv + (unsigned long)argc * 8, 8, false))
			return -EFAULT;
		p = ((const unsigned long *)uargv)[argc];
		if (!p)
			break;
		if (argc == MAX_ARGS)
			return -E2BIG;
		rc = copy_string(strings[argc], p);
		argv[argc] = strings[argc];
	}
	if (rc)
		return rc;
	rc = proc_exec(regs, path, argv, argc);
	return rc ? rc : (long)regs->rax;	/* success: regs now start the new program */
}

static long sys_wait(long pid, unsigned long ustatus)
{
	int status;
	long rc;

	if (ustatus && user_range_ok(&current->mm, ustatus, sizeof(int), true))
		return -EFAULT;
	rc = proc_wait((int)pid, &status);
	if (rc > 0 && ustatus)
		*(int *)ustatus = status;
	return rc;
}

static long sys_pvmmu_stats(unsigned long ustats)
{
	struct pvmmu_stats s = {
		.free_pages = nr_free_pages(),
		.pt_pages = mmu_stats.pt_live,
		.pins = mmu_stats.pins - mmu_stats.unpins,
		.hypercalls = hypercall_count,
		.context_switches = nr_context_switches,
		.time_ns = kernel_uptime_ns(),
	};

	if (user_range_ok(&current->mm, ustats, sizeof(s), true))
		return -EFAULT;
	memcpy((void *)ustats, &s, sizeof(s));
	return 0;
}

void do_syscall(struct cpu_regs *regs)
{
	unsigned long a1 = regs->rdi, a2 = regs->rsi, a3 = regs->rdx, a4 = regs->r10;
	long rc;

	switch (regs->rax) {
	case SYS_write: rc = sys_write(a1, a2, a3); break;
	case SYS_mmap: rc = sys_mmap(a1, a2, a3, a4); break;
	case SYS_munmap: rc = sys_munmap(a1, a2); break;
	case SYS_brk: rc = sys_brk(a1); break;
	case SYS_sched_yield: schedule(); rc = 0; break;
	case SYS_getpid: rc = current->pid; break;
	case SYS_fork: rc = proc_fork(regs); break;
	case SYS_execve: rc = sys_execve(regs, a1, a2); break;
	case SYS_exit: proc_exit((int)(a1 & 0xff));
	case SYS_wait4: rc = sys_wait((long)a1, a2); break;
	case SYS_kill: rc = proc_kill((int)a1); break;
	case SYS_pvmmu_stats: rc = sys_pvmmu_stats(a1); break;
	default: rc = -ENOSYS;
	}
	regs->rax = (unsigned long)rc;
}
