/* SPDX-License-Identifier: MIT */
/*
 * The kernel is linked at KERNEL_BASE (layout.h), Linux's __START_KERNEL_map,
 * and loaded at physical 0 (PADDR_OFFSET 0): Xen maps it at VIRT_BASE.
 * Run through the C preprocessor (kernel.mk) for layout.h's constants.
 * Sections are page-aligned so that the kernel's own page tables can give
 * text, read-only data and data their own permissions.
 */
#include "layout.h"

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(_start)

PHDRS
{
	text PT_LOAD FLAGS(5);
	rodata PT_LOAD FLAGS(4);
	data PT_LOAD FLAGS(6);
	note PT_NOTE FLAGS(4);
}

SECTIONS
{
	. = KERNEL_BASE;
	_text = .;
	.text : AT(ADDR(.text) - KERNEL_BASE) {
		*(.text.head)
		*(.text.hypercall)
		*(.text .text.*)
	} :text
	_etext = .;

	. = ALIGN(PAGE_SIZE);
	_rodata = .;
	.rodata : AT(ADDR(.rodata) - KERNEL_BASE) {
		*(.rodata .rodata.*)
		. = ALIGN(8);
		__ktests_start = .;
		KEEP(*(.ktests))
		__ktests_end = .;
		. = ALIGN(8);
		__start___ex_table = .;
		KEEP(*(__ex_table))
		__stop___ex_table = .;
	} :rodata
	.note : AT(ADDR(.note) - KERNEL_BASE) {
		*(.note.Xen)
	} :rodata :note
	_erodata = .;

	. = ALIGN(PAGE_SIZE);
	_data = .;
	.data : AT(ADDR(.data) - KERNEL_BASE) {
		*(.data .data.*)
	} :data
	. = ALIGN(PAGE_SIZE);
	_bss = .;
	.bss : AT(ADDR(.bss) - KERNEL_BASE) {
		*(.bss.page_aligned)
		*(.bss.stack)
		*(.bss .bss.* COMMON)
	} :data
	. = ALIGN(PAGE_SIZE);
	_end = .;

	/DISCARD/ : {
		*(.comment)
		*(.note.GNU-stack)
		*(.note.gnu.property)
		*(.eh_frame)
	}
}
