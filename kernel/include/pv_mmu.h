/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/pv_mmu.h
 * @brief pv_mmu_ops: the MMU operations, as Linux's paravirt table has them.
 *
 * Every change to a live page table goes through this table, so that the
 * Xen implementation can turn it into checked, batched hypercalls.  Some
 * operations come in an early variant that is replaced once struct pages
 * exist — the seed's write_cr3 is one of them.
 */
#ifndef PVMMU_PV_MMU_H
#define PVMMU_PV_MMU_H

#include "mm.h"


struct pv_mmu_ops {
	unsigned long (*read_cr3)(void);
	/** The user pgd Xen has beside the kernel %cr3 (0: none); needs struct pages. */
	unsigned long (*read_user_cr3)(void);
	/** Load the address space whose kernel pgd is at physical address @p cr3. */
	void (*write_cr3)(unsigned long cr3);

	/* One entry format serves every level on x86-64; Linux keeps a name for each. */
	void (*set_pte)(pteval_t *ptep, pteval_t val);
	void (*set_pmd)(pteval_t *pmdp, pteval_t val);
	void (*set_pud)(pteval_t *pudp, pteval_t val);
	void (*set_pgd)(pteval_t *pgdp, pteval_t val);

	/** Entry with a pfn -> the machine entry Xen wants, and back. */
	pteval_t (*make_pte)(pteval_t pfn_entry);
	pteval_t (*pte_val)(pteval_t machine_entry);

	void (*flush_tlb_user)(void);
	void (*flush_tlb_kernel)(void);
	void (*flush_tlb_single)(unsigned long va);

	int (*pgd_alloc)(struct mm *mm);
	void (*pgd_free)(struct mm *mm);

	/** A page becomes / stops being a page table at @p level: it must be read-only. */
	void (*alloc_pt)(unsigned long pfn, enum pt_level level);
	void (*release_pt)(unsigned long pfn, enum pt_level level);

	void (*lazy_mode_enter)(void);
	void (*lazy_mode_leave)(void);
};

extern struct pv_mmu_ops pv_mmu_ops;


/* The 2013 story: when does write_cr3 switch from the early to the late variant? */
enum write_cr3_policy { CR3_READY, CR3_SEED, CR3_LATE };
extern unsigned int param_write_cr3;

/** Frames [0, kmap_end_pfn) are also mapped at KERNEL_BASE + pfn * PAGE_SIZE. */
extern unsigned long kmap_end_pfn;

/** Pick write_cr3's first variant by the write_cr3= policy. */
void xen_init_mmu_ops(void);
/** The user pgd Xen has beside the kernel %cr3 (0: none); needs struct pages. */
unsigned long xen_read_user_cr3(void);
/** Load only the kernel %cr3 (queued in the current batch). */
void xen_load_kernel_cr3(unsigned long cr3);

/** Struct pages exist: swap the early operations for the full ones (policy "ready"). */
void xen_post_allocator_init(void);

/* Multicall batching (kernel/xen/multicall.c). */
void xen_mc_batch(void);
void xen_mc_issue(void);
void xen_mc_flush(void);
void xen_mc_mmu_update(uint64_t ptr, uint64_t val, const char *site);
void xen_mc_mmuext_op(unsigned int cmd, unsigned long arg1, const char *site);
void xen_mc_callback(void (*fn)(void *), void *data);
/** Queue HYPERVISOR_stack_switch: the kernel stack Xen uses on the next entry from user mode. */
void xen_mc_stack_switch(unsigned long ss, unsigned long sp);
bool xen_mc_lazy(void);
void xen_mc_set_lazy(bool lazy);

/* Counters for the MMU report and the benchmarks. */
struct mmu_stats {
	unsigned long hypercalls;	/* guest -> Xen transitions for MMU work */
	unsigned long multicalls;
	unsigned long mc_entries;
	unsigned long mmu_updates;	/* mmu_update requests */
	unsigned long mmuext_ops;
	unsigned long pins, unpins;
	unsigned long pt_pages;		/* page-table pages created */
	unsigned long pt_live;		/* pages now PG_pagetable (counted once struct pages exist) */
	uint64_t start_ns;		/* when MMU bring-up began */
};
extern struct mmu_stats mmu_stats;

/** Start timing an MMU bring-up phase. */
void mmu_phase_begin(void);
/** Print the phase's cost (`mmu-phase:` line) and start the next one. */
void mmu_phase_end(const char *name);

/** Issue a checked mmuext_op at once (outside any batch). */
void xen_mmuext_op(unsigned int cmd, unsigned long arg1, const char *site);

#endif
