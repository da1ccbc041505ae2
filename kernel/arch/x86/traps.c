/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/arch/x86/traps.c
 * @brief The trap table and callbacks given to Xen, and what happens on a trap.
 */
#include "events.h"
#include "extable.h"
#include "fault.h"
#include "hypercall.h"
#include "kernel.h"
#include "proc.h"
#include "syscall.h"
#include "thread.h"
#include "traps.h"
#include "vsprintf.h"
#include "vcpu.h"
#include "x86_defns.h"

#define ENTRY(v) extern char trap_##v[]
ENTRY(DE); ENTRY(DB); ENTRY(BP); ENTRY(OF); ENTRY(BR); ENTRY(UD); ENTRY(NM); ENTRY(TS); ENTRY(NP);
ENTRY(SS); ENTRY(GP); ENTRY(PF); ENTRY(MF); ENTRY(AC); ENTRY(MC); ENTRY(XM); ENTRY(event); ENTRY(syscall);
#undef ENTRY
extern char failsafe_callback[];

/*
 * DPL 3 lets int3/into be used on purpose; the rest only arrive as faults,
 * and an int n at a DPL-0 gate reaches the kernel as #GP with the vector in
 * the error code.  Flag 4 masks event delivery on entry: the kernel runs
 * with events masked and is never preempted; only a return to user mode may
 * switch processes.
 */
#define TRAP(v, dpl) { X86_EXC_##v, (dpl) | 4, FLAT_KERNEL_CS, (unsigned long)trap_##v }
static const struct trap_info trap_table[] = {
	TRAP(DE, 0), TRAP(DB, 0), TRAP(BP, 3), TRAP(OF, 3), TRAP(BR, 0), TRAP(UD, 0),
	TRAP(NM, 0), TRAP(TS, 0), TRAP(NP, 0), TRAP(SS, 0), TRAP(GP, 0), TRAP(PF, 0),
	TRAP(MF, 0), TRAP(AC, 0), TRAP(MC, 0), TRAP(XM, 0),
	{ 0, 0, 0, 0 },
};
#undef TRAP

const char *exception_name(unsigned long vector)
{
	static const char *const names[X86_EXC_NUM] = {
		[X86_EXC_DE] = "#DE", [X86_EXC_DB] = "#DB", [X86_EXC_NMI] = "NMI",
		[X86_EXC_BP] = "#BP", [X86_EXC_OF] = "#OF", [X86_EXC_BR] = "#BR",
		[X86_EXC_UD] = "#UD", [X86_EXC_NM] = "#NM", [X86_EXC_DF] = "#DF",
		[X86_EXC_CSO] = "#CSO", [X86_EXC_TS] = "#TS", [X86_EXC_NP] = "#NP",
		[X86_EXC_SS] = "#SS", [X86_EXC_GP] = "#GP", [X86_EXC_PF] = "#PF",
		[X86_EXC_MF] = "#MF", [X86_EXC_AC] = "#AC", [X86_EXC_MC] = "#MC",
		[X86_EXC_XM] = "#XM",
	};

	return vector < X86_EXC_NUM && names[vector] ? names[vector] : "?";
}

static void register_callback(unsigned int type, const char *name, void *entry)
{
	struct callback_register cb = {
		.type = (uint16_t)type,
		/* Enter with events masked, so a callback cannot nest in itself. */
		.flags = CALLBACKF_mask_events,
		.address = (unsigned long)entry,
	};
	long rc = HYPERVISOR_callback_op(CALLBACKOP_register, &cb);

	if (rc)
		panic("callback_op(CALLBACKOP_register, type=%u %s, address=%p) failed: %ld",
		      type, name, entry, rc);
}

/* Xen keeps the trap table and callbacks per vCPU: each one registers its own. */
void trap_init_cpu(void)
{
	long rc = HYPERVISOR_set_trap_table(trap_table);

	if (rc)
		panic("set_trap_table(%p, %zu entries) on vCPU %u failed: %ld",
		      (const void *)trap_table, ARRAY_SIZE(trap_table) - 1, smp_processor_id(), rc);
	register_callback(CALLBACKTYPE_event, "event", trap_event);
	register_callback(CALLBACKTYPE_failsafe, "failsafe", failsafe_callback);
	register_callback(CALLBACKTYPE_syscall, "syscall", trap_syscall);
}

void trap_init(void)
{
	trap_init_cpu();
	printk("traps: %zu exception vectors and the event, failsafe and syscall callbacks registered\n",
	       ARRAY_SIZE(trap_table) - 1);
	thread_state_check();
}

/* What mm adds to a fault report: arch/x86 walks no page table itself. */
static void (*die_context)(const struct cpu_regs *regs);

void die_register_context(void (*fn)(const struct cpu_regs *regs))
{
	die_context = fn;
}

void die(const struct cpu_regs *regs, const char *why)
{
	const char *name = exception_name(regs->vector);

	printk("Unhandled exception: vector %lu (%s), error code %#06lx: %s\n", regs->vector,
	       name, regs->error_code, why);
	printk("RIP: %04lx:%016lx RFLAGS: %016lx\n", regs->cs & 0xffff, regs->rip, regs->rflags);
	printk("RSP: %04lx:%016lx CR2: %016lx\n", regs->ss & 0xffff, regs->rsp,
	       regs->vector == X86_EXC_PF ? read_cr2() : 0UL);
	printk("RAX: %016lx RBX: %016lx RCX: %016lx\n", regs->rax, regs->rbx, regs->rcx);
	printk("RDX: %016lx RSI: %016lx RDI: %016lx\n", regs->rdx, regs->rsi, regs->rdi);
	printk("RBP: %016lx R8:  %016lx R9:  %016lx\n", regs->rbp, regs->r8, regs->r9);
	printk("R10: %016lx R11: %016lx R12: %016lx\n", regs->r10, regs->r11, regs->r12);
	printk("R13: %016lx R14: %016lx R15: %016lx\n", regs->r13, regs->r14, regs->r15);
	if (die_context)
		die_context(regs);
	panic_at(regs->rip, regs->rbp, "unhandled %s at %016lx", name, regs->rip);
}

/* Entered from entry.S. */
void do_trap(struct cpu_regs *regs);
void do_trap(struct cpu_regs *regs)
{
	switch (regs->vector) {
	case TRAP_EVENT:
		evtchn_do_upcall();
		break;
	case TRAP_SYSCALL:
		/* Xen routes a syscall from 32-bit code here too (no syscall32 callback): not ours to run. */
		if ((regs->cs & 0xffff) == FLAT_USER_CS64)
			do_syscall(regs);
		else
			do_user_exception(regs);
		break;
	default:
		if (user_mode(regs))
			do_user_exception(regs);
		else if (!fixup_exception(regs))
			die(regs, "no handler for this exception in the kernel");
	}
	/* The kernel is not preemptible: only on the way back to user mode may another process run. */
	if (user_mode(regs))
		preempt_point();
}

void do_failsafe(const unsigned long *frame) __noreturn;
void do_failsafe(const unsigned long *frame)
{
	/* Xen's failsafe frame: rcx, r11, ds, es, fs, gs, rip, cs, rflags, rsp, ss. */
	struct cpu_regs regs = { .rip = frame[6], .cs = frame[7], .rflags = frame[8],
				 .rsp = frame[9], .ss = frame[10] };
	char what[96];

	snprintf(what, sizeof(what), "Xen could not load its segments (cs %04lx ss %04lx ds %04lx "
		 "es %04lx fs %04lx gs %04lx)", frame[7] & 0xffff, frame[10] & 0xffff, frame[2],
		 frame[3], frame[4], frame[5]);
	if (user_mode(&regs))
		do_user_failsafe(&regs, what);
	panic("failsafe callback at rip %016lx: %s", regs.rip, what);
}
