/* SPDX-License-Identifier: MIT */
/**
 * @file user/smp_stress.c
 * @brief t_smp's cases at the full counts of the SMP issue: 10,000
 * fork+exit+wait cycles (one worker per vCPU) beside 1,000 thread
 * create/join cycles and the copy-on-write storm.
 *
 * Not a t_ program, so init=tests leaves it out: at 4 vCPUs it takes about
 * half a minute with one TCG thread, and boot/smp-stress runs it there.
 */
#define FORK_CYCLES 10000
#include "t_smp.c"
