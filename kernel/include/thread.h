/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/thread.h
 * @brief A process's own CPU state beyond the trap frame: x87/SSE registers
 * (the FXSAVE image) and the data segment selectors, switched eagerly.
 */
#ifndef PVMMU_THREAD_H
#define PVMMU_THREAD_H

#include <stdint.h>
#include "kernel.h"

struct thread_state {
	uint8_t fxsave[512] __aligned(16);	/* x87, MMX, xmm0-15, MXCSR: FXSAVE's layout */
	uint16_t ds, es, fs, gs;
};

/** Check that FXSAVE covers every register state the CPU lets user space use (boot). */
void thread_state_check(void);
/** A new program's state: x87 and SSE as after reset (exceptions masked), null selectors. */
void thread_state_init(struct thread_state *t);
/** Copy the running process's live state into @p t (fork: the child starts from it). */
void thread_state_save(struct thread_state *t);
/** Make @p t the CPU's state (exec, after thread_state_init). */
void thread_state_load(const struct thread_state *t);
/** At a switch: save @p prev's state (NULL: the boot context) and load @p next's. */
void thread_state_switch(struct thread_state *prev, const struct thread_state *next);

#endif
