/* SPDX-License-Identifier: MIT */
/**
 * @file user/lib/thread.S
 * @brief thread_create: clone(CLONE_VM, stack), the new thread calling fn(arg) on its own stack.
 *
 * int thread_create(void (*fn)(void *), void *arg, void *stack, size_t size)
 * The thread starts where the caller left the system call, on the new
 * stack with %rax 0: fn and arg wait for it at the stack's top, where the
 * caller put them, since none of its registers can be trusted to name them
 * (the compiler's are the caller's).  fn returning ends the thread with
 * status 0, as exit(0).
 */
#include "syscall_nr.h"

	.text
	.globl thread_create
thread_create:
	lea	(%rdx,%rcx), %rax	/* the stack's top */
	and	$-16, %rax
	mov	%rsi, -8(%rax)		/* arg */
	mov	%rdi, -16(%rax)		/* fn */
	lea	-16(%rax), %rsi		/* the thread's %rsp */
	mov	$CLONE_VM, %edi
	mov	$SYS_clone, %eax
	syscall
	test	%rax, %rax
	jz	1f
	ret				/* the caller: the thread's pid, or -errno */
1:	pop	%rax			/* the thread: fn, then arg; %rsp is 16-byte aligned again */
	pop	%rdi
	call	*%rax
	xor	%edi, %edi
	mov	$SYS_exit, %eax
	syscall
	ud2

	.section .note.GNU-stack, "", @progbits
