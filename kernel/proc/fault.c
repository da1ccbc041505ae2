/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/fault.c
 * @brief Exceptions in user mode: resolve page faults, or kill the process.
 *
 * Whatever a process does wrong ends that process only, with a message
 * saying why and an exit status that says so too (KILL_* in proc.h).  A
 * fault is resolved only when the kernel can change something (demand-zero,
 * copy-on-write); every other fault is a kill, so no fault can repeat forever.
 */
#include "errno.h"
#include "fault.h"
#include "mm_ref.h"
#include "proc.h"
#include "uaccess.h"
#include "vcpu.h"
#include "vm.h"
#include "vsprintf.h"
#include "x86_defns.h"

/* The same fault "resolved" this many times in a row made no progress: kill, do not loop. */
#define FAULT_REPEAT_LIMIT 3

static void __noreturn kill_current(const struct cpu_regs *regs, int status, const char *what)
{
	printk("proc: pid %d (%s) killed: %s at rip %#lx (rsp %#lx); exit status %d\n",
	       current->pid, current->name, what, regs->rip, regs->rsp, status);
	proc_exit(status);
}

void do_user_failsafe(const struct cpu_regs *regs, const char *what)
{
	kill_current(regs, KILL_SEGV, what);
}

/* Why a page fault the kernel did not (or could not) resolve is the process's fault. */
static const char *fault_kind(unsigned long va, unsigned long ec, int rc)
{
	if (va >= USER_TOP)
		return ec & PFEC_INSN ? "jump into the kernel's half" : "access to a kernel address";
	if (rc == -ENOMEM)
		return "out of memory for the page";
	if (rc == -EACCES)
		return "access to a PROT_NONE page";
	if (ec & PFEC_RSVD)
		return "reserved bit set in a page-table entry";
	if (!(ec & PFEC_PRESENT))
		return ec & PFEC_INSN ? "jump to an unmapped address" : "access to an unmapped address";
	if (ec & PFEC_INSN)
		return "execute of a no-execute page";
	if (ec & PFEC_WRITE)
		return "write to a read-only page";
	return "read refused on a present page";
}

/*
 * A fault at the same place as the process's last one, again and again, with
 * the tables already allowing it each time: nothing the kernel does helps.
 * A fault that changed the tables is progress (a program may map, touch and
 * unmap the same page from the same instruction in a loop) and starts the
 * count anew.  The history is each process's (each thread's) own: faults on
 * other vCPUs neither reset nor add to it.
 */
static bool fault_repeats(const struct cpu_regs *regs, unsigned long va, bool progress)
{
	__typeof__(current->last_fault) *last = &current->last_fault;

	if (!progress && last->count && last->rip == regs->rip && last->va == va &&
	    last->ec == regs->error_code)
		return ++last->count >= FAULT_REPEAT_LIMIT;
	*last = (__typeof__(*last)){ .rip = regs->rip, .va = va, .ec = regs->error_code, .count = 1 };
	return false;
}

/*
 * Only two faults can be resolved: a missing page in a region (demand-zero)
 * and a write to a copy-on-write page.  A read or fetch refused on a present
 * page stays refused however often it is retried.
 */
static void do_page_fault(const struct cpu_regs *regs)
{
	unsigned long va = read_cr2(), ec = regs->error_code;
	bool fixable = !(ec & PFEC_RSVD) &&
		       (!(ec & PFEC_PRESENT) || (ec & (PFEC_WRITE | PFEC_INSN)) == PFEC_WRITE);
	int rc = -EFAULT;
	char what[96];

	if (fixable) {
		mm_lock(current->mm);	/* a thread on another vCPU may fault in the same tables */
		rc = handle_user_fault(current->mm, va, ec & PFEC_WRITE);
		mm_unlock(current->mm);
	}
	if (rc >= 0 && !fault_repeats(regs, va, rc == 0))
		return;
	if (rc >= 0)
		snprintf(what, sizeof(what), "page fault at %#lx repeats without progress (error %#lx)",
			 va, ec);
	else
		snprintf(what, sizeof(what), "page fault (%s %#lx)", fault_kind(va, ec, rc), va);
	kill_current(regs, rc == -ENOMEM ? KILL_KILL : KILL_SEGV, what);
}

/* Is the instruction at @p rip one that ring 3 may not run (Xen's PV guests included)? */
static bool privileged_insn(unsigned long rip)
{
	uint8_t p[16];
	unsigned int i = 0;

	if (copy_from_user(current->mm, p, rip, sizeof(p)))
		return false;
	while (i < 14 && (p[i] == 0x66 || p[i] == 0x67 || p[i] == 0xf2 || p[i] == 0xf3 ||
			  (p[i] & 0xf0) == 0x40))
		i++;	/* operand/address size, rep and REX prefixes */
	switch (p[i]) {
	case 0xfa: case 0xfb: case 0xf4:	/* cli sti hlt */
	case 0xe4 ... 0xe7: case 0xec ... 0xef: case 0x6c ... 0x6f:	/* in out ins outs */
		return true;
	case 0x0f:	/* lgdt.., lldt.., clts, invd, wbinvd, mov cr/dr, wrmsr, rdmsr, rdpmc */
		return p[i + 1] <= 0x01 || p[i + 1] == 0x06 || p[i + 1] == 0x08 || p[i + 1] == 0x09 ||
		       (p[i + 1] >= 0x20 && p[i + 1] <= 0x23) || p[i + 1] == 0x30 ||
		       (p[i + 1] >= 0x32 && p[i + 1] <= 0x33);
	}
	return false;
}

/*
 * #GP's error code: an IDT vector (int n at a gate the guest may not use; Xen
 * reports it as (n << 3) | 2), a selector, or 0 for everything else.
 */
static void gp_reason(const struct cpu_regs *regs, char *what, size_t size)
{
	unsigned long ec = regs->error_code, index = ec >> X86_XEC_INDEX_SHIFT;

	if (ec & X86_XEC_IDT)
		snprintf(what, size, "#GP: int $%#lx, a vector with no gate for user mode", index);
	else if (ec)
		snprintf(what, size, "#GP: bad segment selector %#lx (%s index %lu)", ec & ~3UL,
			 ec & X86_XEC_TI ? "LDT" : "GDT", index);
	else if (privileged_insn(regs->rip))
		snprintf(what, size, "#GP: privileged instruction");
	else
		snprintf(what, size, "#GP: a non-canonical address, or an operand the CPU refused");
}

/*
 * An int n at a gate user mode may not use reaches the guest as #OF with rip
 * past the instruction (seen on Xen 4.17 for int $0x82, Xen's own 32-bit
 * hypercall gate): the instruction bytes say which int it really was.
 */
static int of_reason(const struct cpu_regs *regs, char *what, size_t size)
{
	uint8_t insn[2];

	if (regs->rip >= 2 && !copy_from_user(current->mm, insn, regs->rip - 2, sizeof(insn)) &&
	    insn[0] == 0xcd && insn[1] != X86_EXC_OF) {
		snprintf(what, size, "int $%#x, a vector with no gate for user mode (Xen reported #OF)",
			 insn[1]);
		return KILL_ILL;	/* as the #GP of any other int n without a gate */
	}
	snprintf(what, size, "#OF (overflow trap)");
	return KILL_SEGV;
}

/* The exceptions whose kill needs no decoding: each has one status and one reason. */
static const struct {
	unsigned long vector;
	int status;
	const char *what;
} plain_kills[] = {
	{ X86_EXC_UD, KILL_ILL, "#UD (invalid instruction)" },
	{ X86_EXC_DE, KILL_FPE, "#DE (divide error)" },
	{ X86_EXC_MF, KILL_FPE, "#MF (x87 floating-point exception)" },
	{ X86_EXC_XM, KILL_FPE, "#XM (SIMD floating-point exception)" },
	{ X86_EXC_BP, KILL_TRAP, "#BP (int3 breakpoint)" },
	{ X86_EXC_DB, KILL_TRAP, "#DB (debug trap)" },
};

void do_user_exception(struct cpu_regs *regs)
{
	char what[112];

	switch (regs->vector) {
	case X86_EXC_PF:
		do_page_fault(regs);
		return;
	case X86_EXC_GP:
		gp_reason(regs, what, sizeof(what));
		kill_current(regs, KILL_ILL, what);
	case X86_EXC_OF:
		kill_current(regs, of_reason(regs, what, sizeof(what)), what);
	case TRAP_SYSCALL:
		snprintf(what, sizeof(what), "system call from 32-bit code (cs %#lx): not supported",
			 regs->cs & 0xffff);
		kill_current(regs, KILL_ILL, what);
	default:
		for (unsigned int i = 0; i < ARRAY_SIZE(plain_kills); i++)
			if (regs->vector == plain_kills[i].vector)
				kill_current(regs, plain_kills[i].status, plain_kills[i].what);
		snprintf(what, sizeof(what), "%s (exception %lu, error code %#lx)",
			 exception_name(regs->vector), regs->vector, regs->error_code);
		kill_current(regs, KILL_BUS, what);
	}
}
