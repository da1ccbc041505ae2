/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/traps.h
 * @brief Exceptions and Xen callbacks: the register frame and registration.
 */
#ifndef PVMMU_TRAPS_H
#define PVMMU_TRAPS_H

/** Pseudo vectors for Xen's event upcall and syscall callback, which share the exception path. */
#define TRAP_EVENT 256
#define TRAP_SYSCALL 257

#ifndef __ASSEMBLY__
#include "kernel.h"

/** Registers as entry.S saves them, lowest address first. */
struct cpu_regs {
	unsigned long r15, r14, r13, r12, r11, r10, r9, r8;
	unsigned long rbp, rdi, rsi, rdx, rcx, rbx, rax;
	unsigned long vector, error_code;
	/* The frame Xen builds, as hardware would (cs carries the saved upcall mask in bits 32-39). */
	unsigned long rip, cs, rflags, rsp, ss;
};

/**
 * Register the trap table and the event and failsafe callbacks with Xen.
 * Until this runs, a fault in the kernel has no guest handler and Xen
 * crashes the domain itself; the seed's bug depends on that.
 */
void trap_init(void);
/** The trap table and callbacks of the vCPU it runs on (trap_init does vCPU 0's). */
void trap_init_cpu(void);

/** Xen reports kernel mode with RPL 0 in the frame's cs; user mode has RPL 3. */
static inline bool user_mode(const struct cpu_regs *regs)
{
	return (regs->cs & 3) == 3;
}

/** "#PF", "#GP", ...: the short name of exception @p vector, "?" if it has none. */
const char *exception_name(unsigned long vector);

/** Have die() call @p fn after the registers (mm's %cr3 and page-table walk). */
void die_register_context(void (*fn)(const struct cpu_regs *regs));

/** Print the registers, what die_register_context() added, a backtrace from the faulting frame, and panic. */
void die(const struct cpu_regs *regs, const char *why) __noreturn;
#endif

#endif
