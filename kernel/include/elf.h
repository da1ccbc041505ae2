/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/elf.h
 * @brief The user programs embedded in the image, and loading them (kernel/proc/elf.c).
 */
#ifndef PVMMU_ELF_H
#define PVMMU_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include "mm.h"

int elf_load(struct mm *mm, const char *name, unsigned long *entry);
bool program_exists(const char *name);
/** The embedded programs' names, space-separated, into @p buf (truncated at a name); the length. */
size_t program_names(char *buf, size_t len);

#endif
