/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/syscall.h
 * @brief The system-call entry (kernel/proc/syscall.c): Xen's syscall callback lands here through traps.c.
 */
#ifndef PVMMU_SYSCALL_H
#define PVMMU_SYSCALL_H

#include "traps.h"

void do_syscall(struct cpu_regs *regs);

#endif
