/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/elf.h
 * @brief The user programs embedded in the image, and loading them (kernel/proc/elf.c).
 */
#ifndef PVMMU_ELF_H
#define PVMMU_ELF_H

#include "mm.h"

int elf_load(struct mm *mm, const char *name, unsigned long *entry);

#endif
