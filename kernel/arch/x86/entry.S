/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/arch/x86/entry.S
 * @brief Exception and callback entry points, and the way back via HYPERVISOR_iret.
 *
 * Xen delivers an exception to a 64-bit PV kernel on the kernel stack with
 * the interrupted %rcx and %r11 on top of a hardware-style frame (it used
 * them itself for SYSRET), so each entry pops them back before saving the
 * registers in struct cpu_regs.
 */
#include <xen/xen.h>
#include "traps.h"

.macro trap_entry vec, has_error_code=0
	.globl trap_\vec
trap_\vec:
	pop	%rcx
	pop	%r11
	.if !\has_error_code
	push	$0
	.endif
	push	$\vec
	jmp	trap_common
.endm

	.text
	trap_entry 0
	trap_entry 1
	trap_entry 3
	trap_entry 4
	trap_entry 5
	trap_entry 6
	trap_entry 7
	trap_entry 10, 1
	trap_entry 11, 1
	trap_entry 12, 1
	trap_entry 13, 1
	trap_entry 14, 1
	trap_entry 16
	trap_entry 17, 1
	trap_entry 18
	trap_entry 19
	/* Event upcalls and syscalls arrive like an exception without error code. */
	trap_entry TRAP_EVENT
	trap_entry TRAP_SYSCALL

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

/* A new process's first switch returns here, onto the user frame built for it. */
	.globl ret_from_fork
ret_from_fork:
	jmp	trap_return

/* Xen could not load guest state (a bad segment, say): nothing to return to. */
	.globl failsafe_callback
failsafe_callback:
	mov	%rsp, %rdi
	and	$-16, %rsp
	call	do_failsafe
	ud2
