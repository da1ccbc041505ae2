/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/fault.c
 * @brief Exceptions in user mode: resolve page faults, or kill the process.
 *
 * Whatever a process does wrong ends that process only, with a message
 * saying why and an exit status that says so too (KILL_* in proc.h).
 */
#include "errno.h"
#include "proc.h"
#include "vsprintf.h"

static void __noreturn kill_current(const struct cpu_regs *regs, int status, const char *what)
{
	printk("proc: pid %d (%s) killed: %s at rip %#lx (rsp %#lx); exit status %d\n",
	       current->pid, current->name, what, regs->rip, regs->rsp, status);
	proc_exit(status);
}

static const char *fault_kind(unsigned long va, unsigned long error_code)
{
	if (va >= USER_TOP)
		return error_code & 0x10 ? "jump into the kernel's half" : "access to a kernel address";
	if (error_code & 1)
		return error_code & 0x10 ? "execute of a no-execute page"
		       : error_code & 2 ? "write to a read-only page" : "protection fault";
	return "access to an unmapped address";
}

void do_user_exception(struct cpu_regs *regs)
{
	unsigned long va;
	char what[96];
	int rc;

	switch (regs->vector) {
	case 14:
		va = read_cr2();
		rc = handle_user_fault(&current->mm, va, regs->error_code & 2);
		if (!rc)
			return;
		snprintf(what, sizeof(what), "page fault (%s %#lx)",
			 rc == -EACCES ? "access to a PROT_NONE page" : fault_kind(va, regs->error_code), va);
		kill_current(regs, KILL_SEGV, what);
	case 13:
		kill_current(regs, KILL_ILL, "#GP (privileged instruction or bad segment)");
	case 6:
		kill_current(regs, KILL_ILL, "#UD (invalid instruction)");
	case 0:
		kill_current(regs, KILL_FPE, "#DE (divide error)");
	default:
		snprintf(what, sizeof(what), "exception %lu", regs->vector);
		kill_current(regs, KILL_BUS, what);
	}
}
