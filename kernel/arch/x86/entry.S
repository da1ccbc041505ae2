/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/arch/x86/entry.S
 * @brief Exception and callback entry points, and the way back via HYPERVISOR_iret.
 *
 * Xen delivers an exception to a 64-bit PV kernel on the kernel stack with
 * the interrupted %rcx and %r11 on top of a hardware-style frame (it used
 * them itself for SYSRET), so each entry pops them back before saving the
 * registers in struct cpu_regs.
 *
 * The kernel-entry contract: Xen hands over RFLAGS as user space left them,
 * DF included (a user's std reached the C code and ran fork's copies
 * backwards).  The C compiler assumes DF clear at every call, and the kernel
 * runs in ring 3, where AC with CR0.AM makes a misaligned access fault: so
 * every entry clears DF at once and AC before any C code runs.
 */
#include <xen/xen.h>
#include "traps.h"
#include "x86_defns.h"

/* The kernel's own flags: DF and AC clear (IF is virtual in a PV guest; popfq leaves it). */
.macro kernel_flags
	cld
	pushfq
	andq	$~X86_EFLAGS_AC, (%rsp)
	popfq
.endm

.macro trap_entry name, vec, has_error_code=0
	.globl trap_\name
trap_\name:
	cld
	pop	%rcx
	pop	%r11
	.if !\has_error_code
	push	$0
	.endif
	push	$\vec
	jmp	trap_common
.endm

	.text
	trap_entry DE, X86_EXC_DE
	trap_entry DB, X86_EXC_DB
	trap_entry BP, X86_EXC_BP
	trap_entry OF, X86_EXC_OF
	trap_entry BR, X86_EXC_BR
	trap_entry UD, X86_EXC_UD
	trap_entry NM, X86_EXC_NM
	trap_entry TS, X86_EXC_TS, 1
	trap_entry NP, X86_EXC_NP, 1
	trap_entry SS, X86_EXC_SS, 1
	trap_entry GP, X86_EXC_GP, 1
	trap_entry PF, X86_EXC_PF, 1
	trap_entry MF, X86_EXC_MF
	trap_entry AC, X86_EXC_AC, 1
	trap_entry MC, X86_EXC_MC
	trap_entry XM, X86_EXC_XM
	/* Event upcalls and syscalls arrive like an exception without error code. */
	trap_entry event, TRAP_EVENT
	trap_entry syscall, TRAP_SYSCALL

/*
 * 22 quadwords lie between the 16-byte aligned top Xen chose and %rsp here
 * (frame, error code, vector, 15 registers), so the C call is aligned.
 */
trap_common:
	push	%rax
	push	%rbx
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%rbp
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	kernel_flags
	mov	%rsp, %rdi
	call	do_trap
	.globl trap_return
trap_return:
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rbp
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rbx
	pop	%rax
	add	$16, %rsp		/* vector, error code */
	/* HYPERVISOR_iret wants flags (0: not returning from a syscall) on top. */
	push	$0
	jmp	hypercall_page + __HYPERVISOR_iret * 32

/*
 * context_switch(&prev->ksp, next->ksp): the callee-saved registers stay
 * on each kernel stack; only %rsp moves between processes.
 */
	.globl context_switch
context_switch:
	push	%rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	mov	%rsp, (%rdi)
	mov	%rsi, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	ret

/* Xen could not load guest state (a bad segment, say): nothing to return to. */
	.globl failsafe_callback
failsafe_callback:
	kernel_flags
	mov	%rsp, %rdi
	and	$-16, %rsp
	call	do_failsafe
	ud2
