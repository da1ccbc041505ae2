/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/mmu_stats.h
 * @brief kernel/mm/stats.c: the MMU counters and the per-phase report.
 *
 * mm/ owns the counters; xen/ (multicall.c, mmu.c) and proc/ add to them,
 * from any vCPU, through mmu_stat_add.
 */
#ifndef PVMMU_MMU_STATS_H
#define PVMMU_MMU_STATS_H

#include <stdint.h>

/* Counters for the MMU report and the benchmarks. */
struct mmu_stats {
	unsigned long hypercalls;	/* guest -> Xen transitions for MMU work */
	unsigned long multicalls;
	unsigned long mc_entries;	/* calls the multicalls carried, in all */
	unsigned long mmu_updates;	/* mmu_update requests */
	unsigned long mmuext_ops;
	unsigned long pins, unpins;
	unsigned long pt_pages;		/* page-table pages created */
	unsigned long pt_live;		/* pages now PG_pagetable (counted once struct pages exist) */
	uint64_t start_ns;		/* when MMU bring-up began */
};
extern struct mmu_stats mmu_stats;

/*
 * Every vCPU adds to the same counters: one atomic add each keeps them
 * exact (a plain ++ on two vCPUs loses counts) without a lock.
 */
#define mmu_stat_add(field, n) __atomic_fetch_add(&mmu_stats.field, (n), __ATOMIC_RELAXED)

/** Start timing an MMU bring-up phase. */
void mmu_phase_begin(void);
/** Print the phase's cost (`mmu-phase:` line) and start the next one. */
void mmu_phase_end(const char *name);

#endif
