/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/mman.h
 * @brief The memory-map system calls: brk, mmap, munmap (kernel/proc/mman.c).
 */
#ifndef PVMMU_MMAN_H
#define PVMMU_MMAN_H

long sys_brk(unsigned long addr);
long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags);
long sys_munmap(unsigned long addr, unsigned long len);

#endif
