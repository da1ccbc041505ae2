/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/arch/x86/traps.c
 * @brief The trap table and callbacks given to Xen, and what happens on a trap.
 */
#include "events.h"
#include "hypercall.h"
#include "kernel.h"
#include "pagewalk.h"
#include "proc.h"
#include "traps.h"

#define ENTRY(v) extern char trap_##v[]
ENTRY(0); ENTRY(1); ENTRY(3); ENTRY(4); ENTRY(5); ENTRY(6); ENTRY(7); ENTRY(10); ENTRY(11);
ENTRY(12); ENTRY(13); ENTRY(14); ENTRY(16); ENTRY(17); ENTRY(18); ENTRY(19); ENTRY(256); ENTRY(257);
#undef ENTRY
extern char failsafe_callback[];

/*
 * DPL 3 lets int3/into be used on purpose; the rest only arrive as faults.
 * Flag 4 masks event delivery on entry: the kernel runs with events masked
 * and is never preempted; only a return to user mode may switch processes.
 */
#define TRAP(v, dpl) { v, (dpl) | 4, FLAT_KERNEL_CS, (unsigned long)trap_##v }
static const struct trap_info trap_table[] = {
	TRAP(0, 0), TRAP(1, 0), TRAP(3, 3), TRAP(4, 3), TRAP(5, 0), TRAP(6, 0),
	TRAP(7, 0), TRAP(10, 0), TRAP(11, 0), TRAP(12, 0), TRAP(13, 0), TRAP(14, 0),
	TRAP(16, 0), TRAP(17, 0), TRAP(18, 0), TRAP(19, 0),
	{ 0, 0, 0, 0 },
};
#undef TRAP

static const char *const vector_names[] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#CSO",
	"#TS", "#NP", "#SS", "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM",
};

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

void trap_init(void)
{
	long rc = HYPERVISOR_set_trap_table(trap_table);

	if (rc)
		panic("set_trap_table(%p, %zu entries) failed: %ld", (const void *)trap_table,
		      ARRAY_SIZE(trap_table) - 1, rc);
	register_callback(CALLBACKTYPE_event, "event", trap_256);
	register_callback(CALLBACKTYPE_failsafe, "failsafe", failsafe_callback);
	register_callback(CALLBACKTYPE_syscall, "syscall", trap_257);
	printk("traps: %zu exception vectors and the event, failsafe and syscall callbacks registered\n",
	       ARRAY_SIZE(trap_table) - 1);
}

unsigned long read_cr2(void)
{
	/* A PV guest cannot read %cr2: Xen leaves the faulting address here. */
	return HYPERVISOR_shared_info->vcpu_info[0].arch.cr2;
}

void die(const struct cpu_regs *regs, const char *why)
{
	const char *name = regs->vector < ARRAY_SIZE(vector_names) ? vector_names[regs->vector] : "?";

	printk("Unhandled exception: vector %lu (%s), error code %#06lx: %s\n", regs->vector,
	       name, regs->error_code, why);
	printk("RIP: %04lx:%016lx RFLAGS: %016lx\n", regs->cs & 0xffff, regs->rip, regs->rflags);
	printk("RSP: %04lx:%016lx CR2: %016lx\n", regs->ss & 0xffff, regs->rsp,
	       regs->vector == 14 ? read_cr2() : 0UL);
	printk("RAX: %016lx RBX: %016lx RCX: %016lx\n", regs->rax, regs->rbx, regs->rcx);
	printk("RDX: %016lx RSI: %016lx RDI: %016lx\n", regs->rdx, regs->rsi, regs->rdi);
	printk("RBP: %016lx R8:  %016lx R9:  %016lx\n", regs->rbp, regs->r8, regs->r9);
	printk("R10: %016lx R11: %016lx R12: %016lx\n", regs->r10, regs->r11, regs->r12);
	printk("R13: %016lx R14: %016lx R15: %016lx\n", regs->r13, regs->r14, regs->r15);
	report_fault_context(regs);
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
		do_syscall(regs);
		break;
	default:
		if (!user_mode(regs))
			die(regs, "no handler for this exception in the kernel");
		do_user_exception(regs);
	}
	/* The kernel is not preemptible: only on the way back to user mode may another process run. */
	if (user_mode(regs))
		preempt_point();
}

void do_failsafe(const unsigned long *frame) __noreturn;
void do_failsafe(const unsigned long *frame)
{
	/* Xen's failsafe frame: rcx, r11, ds, es, fs, gs, rip, cs, rflags, rsp, ss. */
	panic("failsafe callback: Xen could not restore guest state at rip %016lx cs %04lx "
	      "(ds %04lx es %04lx fs %04lx gs %04lx)",
	      frame[6], frame[7] & 0xffff, frame[2], frame[3], frame[4], frame[5]);
}
