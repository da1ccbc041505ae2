/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/arch/x86/head.S
 * @brief Entry point, Xen ELF notes, hypercall page and boot stack.
 *
 * Xen's PV domain builder reads the notes below to decide how to load us:
 * a 64-bit kernel linked at VIRT_BASE, entered at ENTRY with %rsi pointing
 * at start_info, on start-of-day page tables that Xen built and mapped
 * read-only.
 */
#include <xen/elfnote.h>
#include "layout.h"

/* One note: namesz, descsz, type, "Xen\0", then the descriptor, 4-aligned. */
.macro xen_note type, desc:vararg
	.pushsection .note.Xen, "a", @note
	.balign 4
	.long 4, 2f - 1f, \type
	.asciz "Xen"
1:	\desc
2:	.balign 4
	.popsection
.endm

	xen_note XEN_ELFNOTE_GUEST_OS,       .asciz "pvmmu"
	xen_note XEN_ELFNOTE_GUEST_VERSION,  .asciz "0.1"
	xen_note XEN_ELFNOTE_XEN_VERSION,    .asciz "xen-3.0"
	/* "generic": neither Linux nor a legacy __xen_guest loader format. */
	xen_note XEN_ELFNOTE_LOADER,         .asciz "generic"
	xen_note XEN_ELFNOTE_VIRT_BASE,      .quad KERNEL_BASE
	/* Physical addresses in our program headers start at 0. */
	xen_note XEN_ELFNOTE_PADDR_OFFSET,   .quad 0
	xen_note XEN_ELFNOTE_ENTRY,          .quad _start
	xen_note XEN_ELFNOTE_HYPERCALL_PAGE, .quad hypercall_page
	/* A suspend may return 1 in the same domain (xl save -c): kernel/xen/suspend.c copes. */
	xen_note XEN_ELFNOTE_SUSPEND_CANCEL, .long 1

	.section .text.head, "ax"
	.globl _start
_start:
	cld
	/* Xen's one-page start-of-day stack is small: use our own. */
	lea	boot_stack_top(%rip), %rsp
	xor	%ebp, %ebp		/* ends the backtrace here */
	mov	%rsi, %rdi		/* start_kernel(start_info) */
	call	start_kernel
	ud2

	/* Xen fills this page with its hypercall entry points when it loads us. */
	.section .text.hypercall, "ax"
	.balign PAGE_SIZE
	.globl hypercall_page
hypercall_page:
	.skip PAGE_SIZE

	/* Aligned to its size, as every kernel stack is (layout.h). */
	.section .bss.stack, "aw", @nobits
	.balign KSTACK_SIZE
	.globl boot_stack, boot_stack_top
boot_stack:
	.skip KSTACK_SIZE
boot_stack_top:
