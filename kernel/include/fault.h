/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/fault.h
 * @brief Exceptions from user mode (kernel/proc/fault.c): resolved, or the process is killed with the real reason.
 */
#ifndef PVMMU_FAULT_H
#define PVMMU_FAULT_H

#include "traps.h"

void do_user_exception(struct cpu_regs *regs);
/** Xen could not load a user context's segments (@p what says which): the process dies, the kernel does not. */
void do_user_failsafe(const struct cpu_regs *regs, const char *what) __noreturn;

#endif
