/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/syscall.c
 * @brief System calls: Linux's numbers and argument registers where they exist.
 *
 * Arguments are taken at their full 64-bit width: a value that does not fit
 * what the call takes (a pid beyond int, say) is an error, never truncated.
 * User memory is reached only through uaccess.h: a bad or kernel pointer is
 * -EFAULT, never a kernel fault.
 *
 * Buffers too big for the kernel stack are per vCPU, not one static each:
 * two vCPUs may be in the same call at once, and a call that uses one does
 * not schedule before it is done with it.
 */
#include <string.h>
#include "clock.h"
#include "elf.h"
#include "errno.h"
#include "fd.h"
#include "hypercall.h"
#include "mman.h"
#include "mm_ref.h"
#include "mmu_stats.h"
#include "page_alloc.h"
#include "proc.h"
#include "ptdump.h"
#include "pv_mmu.h"
#include "sched.h"
#include "smp.h"
#include "syscall.h"
#include "syscall_nr.h"
#include "tty.h"
#include "uaccess.h"
#include "xen_setup.h"

#define MAX_ARGS 16
#define MAX_STR 256
#define WRITE_CHUNK 512	/* bytes between two chances for the timer to preempt a write */
#define SIGKILL 9

static long sys_write(unsigned long fd, unsigned long buf, unsigned long len)
{
	char chunk[WRITE_CHUNK];

	if (fd != 1 && fd != 2)
		return -EBADF;
	if (buf > USER_TOP || len > USER_TOP - buf)
		return -EFAULT;
	for (unsigned long done = 0, n; done < len; done += n) {
		int rc;

		n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
		rc = copy_from_user(current->mm, chunk, buf + done, n);
		if (rc)
			return rc;
		console_write_user(current->name, current->pid, chunk, n);
		cond_resched();	/* the kernel is not preemptible: a long write lets others run */
	}
	return (long)len;
}

static long sys_read(unsigned long fd, unsigned long buf, unsigned long len)
{
	if (fd != 0)
		return -EBADF;
	if (buf > USER_TOP || len > USER_TOP - buf)
		return -EFAULT;
	return tty_read(current->mm, buf, len);
}

/* Only the console's foreground: TIOCSPGRP with a pid where Linux has a process group. */
static long sys_ioctl(unsigned long fd, unsigned long request, unsigned long arg)
{
	int pid;
	int rc;

	if (fd != 0)
		return -EBADF;
	if (request != TIOCSPGRP)
		return -EINVAL;	/* Linux says ENOTTY, which Xen's errno list lacks */
	rc = copy_from_user(current->mm, &pid, arg, sizeof(pid));
	if (rc)
		return rc;
	return pid < 0 ? -EINVAL : tty_set_foreground(pid);
}

static long sys_reboot(unsigned long magic1, unsigned long magic2, unsigned long cmd)
{
	if (magic1 != REBOOT_MAGIC1 || magic2 != REBOOT_MAGIC2)
		return -EINVAL;
	if (cmd != REBOOT_CMD_POWER_OFF)
		return -EINVAL;
	printk("proc: pid %d (%s) powers the machine off\n", current->pid, current->name);
	kernel_poweroff();
}

static long sys_pvmmu_procs(unsigned long ubuf, unsigned long max)
{
	static struct pvmmu_proc lists[NR_CPUS][NR_PROCS];
	struct pvmmu_proc *list = lists[smp_processor_id()];
	unsigned int n = proc_list(list, max < NR_PROCS ? (unsigned int)max : NR_PROCS);
	int rc = copy_to_user(current->mm, ubuf, list, n * sizeof(list[0]));

	return rc ? rc : (long)n;
}

static long sys_pvmmu_programs(unsigned long ubuf, unsigned long len)
{
	char names[1024];
	size_t n = program_names(names, sizeof(names)) + 1;
	int rc;

	if (len < n)
		return -ERANGE;
	rc = copy_to_user(current->mm, ubuf, names, n);
	return rc ? rc : (long)n - 1;
}

static long sys_pvmmu_dump(unsigned long what, unsigned long pid)
{
	char name[16];
	struct mm *mm;

	if (what == PVMMU_DUMP_KERNEL) {
		ptdump_kernel();
		return 0;
	}
	if (what != PVMMU_DUMP_VM)
		return -EINVAL;
	if (pid < 1 || pid > __INT_MAX__ || !(mm = proc_mm((int)pid, name)))
		return -ESRCH;
	mm_lock(mm);
	vm_dump(mm, (int)pid, name);
	mm_unlock(mm);
	mm_put(mm);
	return 0;
}

static long sys_execve(struct cpu_regs *regs, unsigned long upath, unsigned long uargv)
{
	static char cpu_strings[NR_CPUS][MAX_ARGS][MAX_STR];
	char (*strings)[MAX_STR] = cpu_strings[smp_processor_id()];
	struct mm *mm = current->mm;
	char path[MAX_STR];
	const char *argv[MAX_ARGS];
	int argc = 0;
	long rc = strncpy_from_user(mm, path, upath, sizeof(path));

	for (; rc >= 0 && uargv; argc++) {
		unsigned long p;

		rc = copy_from_user(mm, &p, uargv + (unsigned long)argc * 8, sizeof(p));
		if (rc || !p)
			break;
		if (argc == MAX_ARGS)
			return -E2BIG;
		rc = strncpy_from_user(mm, strings[argc], p, MAX_STR);
		argv[argc] = strings[argc];
	}
	if (rc < 0)
		return rc;
	rc = proc_exec(regs, path, argv, argc);
	return rc ? rc : (long)regs->rax;	/* success: regs now start the new program */
}

/*
 * Linux's clone with CLONE_VM alone: a thread on the caller's address
 * space, with every register as the caller's but %rsp = @p sp and %rax = 0.
 * The other arguments (tids, tls) are not read; other flags are refused.
 */
static long sys_clone(const struct cpu_regs *regs, unsigned long flags, unsigned long sp)
{
	if (flags != CLONE_VM)
		return -EINVAL;
	if (!sp || sp > USER_TOP || (sp & 7))
		return -EINVAL;
	return proc_clone(regs, sp);
}

static long sys_wait4(unsigned long upid, unsigned long ustatus, unsigned long options,
		      unsigned long urusage)
{
	long pid = (long)upid, rc;
	int status = 0;

	/* No options and no rusage: refused rather than silently ignored. */
	if (options || urusage)
		return -EINVAL;
	if (pid != -1 && (pid < 1 || pid > __INT_MAX__))
		return -ECHILD;
	/* Written before waiting too, so a bad pointer costs no child its status. */
	if (ustatus && (rc = copy_to_user(current->mm, ustatus, &status, sizeof(status))))
		return rc;
	rc = proc_wait((int)pid, &status);
	if (rc > 0 && ustatus) {
		int err = copy_to_user(current->mm, ustatus, &status, sizeof(status));

		if (err)
			return err;
	}
	return rc;
}

static long sys_kill(unsigned long pid, unsigned long sig)
{
	if (sig != 0 && sig != SIGKILL)
		return -EINVAL;
	if (pid < 1 || pid > __INT_MAX__)
		return -ESRCH;
	return proc_kill((int)pid, (int)sig);
}

/* The calls that change regions and tables: under the mm's lock, which its threads share. */
static long sys_mm(unsigned long nr, unsigned long a1, unsigned long a2, unsigned long a3,
		   unsigned long a4)
{
	struct mm *mm = current->mm;
	long rc;

	mm_lock(mm);
	rc = nr == SYS_mmap ? sys_mmap(a1, a2, a3, a4) : nr == SYS_munmap ? sys_munmap(a1, a2) :
	     sys_brk(a1);
	mm_unlock(mm);
	return rc;
}

static long sys_sched_setaffinity(unsigned long pid, unsigned long len, unsigned long umask)
{
	unsigned long mask;
	int rc;

	if (pid != 0 && pid != (unsigned long)current->pid)
		return -ESRCH;	/* only its own, for now */
	if (len < sizeof(mask))
		return -EINVAL;
	rc = copy_from_user(current->mm, &mask, umask, sizeof(mask));
	return rc ? rc : proc_set_affinity(mask);
}

static long sys_pvmmu_stats(unsigned long ustats)
{
	struct cpu_stats sum = cpu_stats_sum();
	struct pvmmu_stats s = {
		.free_pages = nr_free_pages(),
		.pt_pages = mmu_stats.pt_live,
		.pins = mmu_stats.pins - mmu_stats.unpins,
		.hypercalls = sum.hypercalls,
		.context_switches = sum.context_switches,
		.time_ns = kernel_uptime_ns(),
		.total_pages = max_pfn,
		.multicalls = mmu_stats.multicalls,
		.mc_entries = mmu_stats.mc_entries,
		.mmu_updates = mmu_stats.mmu_updates,
		.mmuext_ops = mmu_stats.mmuext_ops,
		.pins_total = mmu_stats.pins,
		.unpins = mmu_stats.unpins,
		.cpu_hypercalls = __atomic_load_n(&this_cpu()->stats.hypercalls, __ATOMIC_RELAXED),
		.vcpu = smp_processor_id(),
		.nr_cpus = smp_num_online(),
		.cpu_upcalls = __atomic_load_n(&this_cpu()->stats.upcalls, __ATOMIC_RELAXED),
		.cpu_context_switches =
			__atomic_load_n(&this_cpu()->stats.context_switches, __ATOMIC_RELAXED),
	};

	return copy_to_user(current->mm, ustats, &s, sizeof(s));
}

void do_syscall(struct cpu_regs *regs)
{
	unsigned long a1 = regs->rdi, a2 = regs->rsi, a3 = regs->rdx, a4 = regs->r10;
	long rc;

	switch (regs->rax) {
	case SYS_read: rc = fd_console(a1) ? sys_read(a1, a2, a3) : fd_read(a1, a2, a3); break;
	case SYS_write: rc = fd_console(a1) ? sys_write(a1, a2, a3) : fd_write(a1, a2, a3); break;
	case SYS_close: rc = fd_close(a1); break;
	case SYS_pipe: rc = fd_pipe2(a1, 0); break;
	case SYS_pipe2: rc = fd_pipe2(a1, a2); break;
	case SYS_ioctl: rc = fd_console(a1) ? sys_ioctl(a1, a2, a3) : fd_ioctl(a1); break;
	case SYS_reboot: rc = sys_reboot(a1, a2, a3); break;
	case SYS_mmap: case SYS_munmap: case SYS_brk: rc = sys_mm(regs->rax, a1, a2, a3, a4); break;
	case SYS_sched_yield: schedule(); rc = 0; break;
	case SYS_getpid: rc = current->pid; break;
	case SYS_fork: rc = proc_fork(regs); break;
	case SYS_clone: rc = sys_clone(regs, a1, a2); break;
	case SYS_execve: rc = sys_execve(regs, a1, a2); break;
	case SYS_exit: proc_exit((int)(a1 & 0xff));	/* the low 8 bits, as on Unix */
	case SYS_wait4: rc = sys_wait4(a1, a2, a3, a4); break;
	case SYS_kill: rc = sys_kill(a1, a2); break;
	case SYS_sched_setaffinity: rc = sys_sched_setaffinity(a1, a2, a3); break;
	case SYS_pvmmu_stats: rc = sys_pvmmu_stats(a1); break;
	case SYS_pvmmu_procs: rc = sys_pvmmu_procs(a1, a2); break;
	case SYS_pvmmu_programs: rc = sys_pvmmu_programs(a1, a2); break;
	case SYS_pvmmu_dump: rc = sys_pvmmu_dump(a1, a2); break;
	default: rc = -ENOSYS;
	}
	regs->rax = (unsigned long)rc;
}
