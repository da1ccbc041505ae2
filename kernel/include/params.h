/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/params.h
 * @brief Kernel command-line parameters (the table is in kernel/init/params.c).
 */
#ifndef PVMMU_PARAMS_H
#define PVMMU_PARAMS_H

#include <stdbool.h>

extern char param_test[256];
extern char param_init[256];
extern bool param_second_early_cr3;

/** Apply the defaults and then @p cmdline; print the table if asked to. */
void params_init(const char *cmdline);

#endif
