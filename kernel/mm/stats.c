/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/mm/stats.c
 * @brief Per-phase cost of MMU bring-up: time and hypercalls for each boot step.
 *
 * One line per phase, `mmu-phase: name=... ns=... hypercalls=...`, so that
 * benchmarks can set pvmmu's phases beside Linux's from the log alone.
 */
#include "clock.h"
#include "mmu_stats.h"
#include "pv_mmu.h"

struct mmu_stats mmu_stats;

static struct mmu_stats phase_start;
static uint64_t phase_t0;

void mmu_phase_begin(void)
{
	phase_start = mmu_stats;
	phase_t0 = kernel_uptime_ns();
}

void mmu_phase_end(const char *name)
{
	uint64_t ns = kernel_uptime_ns() - phase_t0;

	printk("mmu-phase: name=%s ns=%llu hypercalls=%lu multicalls=%lu mmu_updates=%lu "
	       "mmuext_ops=%lu pt_pages=%lu\n", name, (unsigned long long)ns,
	       mmu_stats.hypercalls - phase_start.hypercalls,
	       mmu_stats.multicalls - phase_start.multicalls,
	       mmu_stats.mmu_updates - phase_start.mmu_updates,
	       mmu_stats.mmuext_ops - phase_start.mmuext_ops,
	       mmu_stats.pt_pages - phase_start.pt_pages);
	mmu_phase_begin();
}
