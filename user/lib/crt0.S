/* SPDX-License-Identifier: MIT */
/**
 * @file user/lib/crt0.S
 * @brief Program entry: the kernel leaves argc, argv[], NULL on the stack.
 */
	.text
	.globl _start
_start:
	mov	(%rsp), %rdi		/* argc */
	lea	8(%rsp), %rsi		/* argv */
	and	$-16, %rsp
	call	main
	mov	%eax, %edi
	call	exit

	.section .note.GNU-stack, "", @progbits
