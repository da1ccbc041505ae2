/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/arch/x86/extable.c
 * @brief Probing kernel accesses and the exception-table lookup behind them.
 */
#include "extable.h"

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

bool fixup_exception(struct cpu_regs *regs)
{
	for (const struct exception_table_entry *e = __start___ex_table; e < __stop___ex_table; e++) {
		if (e->insn != regs->rip)
			continue;
		regs->rip = e->fixup;
		regs->rax = (unsigned long)PROBE_FAULT(regs->vector, regs->error_code);
		return true;
	}
	return false;
}

/* %rax is the result: 0 unless the fixup put a fault there. */
long probe_read(const void *va, unsigned long *val)
{
	unsigned long v;
	long fault = 0;

	asm volatile("1:\tmovq (%[va]), %[v]\n2:\n\t" EXTABLE(1b, 2b)
		     : [v] "=r"(v), "+a"(fault) : [va] "r"(va) : "memory");
	if (!fault)
		*val = v;
	return fault;
}

long probe_write(void *va, unsigned long val)
{
	long fault = 0;

	asm volatile("1:\tmovq %[v], (%[va])\n2:\n\t" EXTABLE(1b, 2b)
		     : "+a"(fault) : [va] "r"(va), [v] "r"(val) : "memory");
	return fault;
}
