/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/x86_defns.h
 * @brief Architectural x86 numbers: exception vectors, error-code bits, RFLAGS bits.
 *
 * Plain #defines, so that entry.S's trap list and the C code name the same vectors.
 */
#ifndef PVMMU_X86_DEFNS_H
#define PVMMU_X86_DEFNS_H

#define X86_EXC_DE 0	/* divide error */
#define X86_EXC_DB 1	/* debug */
#define X86_EXC_NMI 2
#define X86_EXC_BP 3	/* int3 */
#define X86_EXC_OF 4	/* into */
#define X86_EXC_BR 5	/* bound */
#define X86_EXC_UD 6	/* invalid opcode */
#define X86_EXC_NM 7	/* device not available */
#define X86_EXC_DF 8	/* double fault */
#define X86_EXC_CSO 9	/* coprocessor segment overrun */
#define X86_EXC_TS 10	/* invalid TSS */
#define X86_EXC_NP 11	/* segment not present */
#define X86_EXC_SS 12	/* stack-segment fault */
#define X86_EXC_GP 13	/* general protection */
#define X86_EXC_PF 14	/* page fault */
#define X86_EXC_MF 16	/* x87 floating point */
#define X86_EXC_AC 17	/* alignment check */
#define X86_EXC_MC 18	/* machine check */
#define X86_EXC_XM 19	/* SIMD floating point */
#define X86_EXC_NUM 20	/* the vectors named above */

/* Page-fault error code. */
#define PFEC_PRESENT (1UL << 0)	/* a protection fault, not a missing page */
#define PFEC_WRITE (1UL << 1)
#define PFEC_USER (1UL << 2)
#define PFEC_RSVD (1UL << 3)	/* a reserved bit was set in an entry */
#define PFEC_INSN (1UL << 4)	/* an instruction fetch */
#define PFEC_PK (1UL << 5)	/* protection key */

/* Selector error code (#TS, #NP, #SS, #GP): a selector, or an IDT vector with IDT set. */
#define X86_XEC_EXT (1UL << 0)	/* raised while delivering an external event */
#define X86_XEC_IDT (1UL << 1)	/* the index is an IDT vector: an int n without a usable gate */
#define X86_XEC_TI (1UL << 2)	/* the selector is in the LDT */
#define X86_XEC_INDEX_SHIFT 3

/* RFLAGS. */
#define X86_EFLAGS_TF (1UL << 8)
#define X86_EFLAGS_IF (1UL << 9)
#define X86_EFLAGS_DF (1UL << 10)
#define X86_EFLAGS_NT (1UL << 14)
#define X86_EFLAGS_AC (1UL << 18)

#endif
