/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/extable.h
 * @brief The exception table: kernel accesses that may fault on purpose.
 *
 * An instruction listed in __ex_table that faults in kernel mode does not
 * end the boot: do_trap resumes at its fixup with the fault, encoded by
 * PROBE_FAULT, in %rax.  Any other kernel fault still dies.
 */
#ifndef PVMMU_EXTABLE_H
#define PVMMU_EXTABLE_H

/* For asm: list the instruction at label @p insn, resuming at @p fixup. */
#define EXTABLE(insn, fixup) \
	".pushsection __ex_table, \"a\"\n\t.balign 8\n\t.quad " #insn ", " #fixup "\n\t.popsection\n\t"

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include "traps.h"

struct exception_table_entry {
	unsigned long insn, fixup;
};

/** What a probe returns for a fault: bit 62 set, the vector and the error code. */
#define PROBE_FAULT(vector, error_code) \
	((long)(1UL << 62 | (unsigned long)(vector) << 32 | ((error_code) & 0xffffffffUL)))
static inline unsigned long probe_vector(long fault) { return ((unsigned long)fault >> 32) & 0xff; }
static inline unsigned long probe_error_code(long fault) { return (unsigned long)fault & 0xffffffffUL; }

/** Read 8 bytes at @p va into @p val: 0, or PROBE_FAULT() of the fault it took. */
long probe_read(const void *va, unsigned long *val);
/** Write @p val to the 8 bytes at @p va: 0, or PROBE_FAULT() of the fault it took. */
long probe_write(void *va, unsigned long val);

/** A kernel-mode fault at a listed instruction: resume at its fixup with the fault in %rax. */
bool fixup_exception(struct cpu_regs *regs);
#endif

#endif
