/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/pv_mmu.h
 * @brief pv_mmu_ops: the MMU operations, as Linux's paravirt table has them.
 *
 * Every change to a live page table goes through this table, so that the
 * Xen implementation can turn it into checked, batched hypercalls.  Some
 * operations come in an early variant that is replaced once struct pages
 * exist — the seed's write_cr3 is one of them.
 *
 * mm/ declares the table and defines it (kernel/mm/paravirt.c) and calls
 * only through it; kernel/xen/mmu.c implements it (xen_mmu.h).
 */
#ifndef PVMMU_PV_MMU_H
#define PVMMU_PV_MMU_H

#include "mm.h"
#include "mmu_sites.h"


/* More pages than this are flushed all at once: Xen flushes each page it is given in a round of IPIs of its own. */
#define TLB_FLUSH_PAGES_MAX 4

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

	void (*flush_tlb_user)(void);
	void (*flush_tlb_kernel)(void);
	void (*flush_tlb_single)(unsigned long va);
	/**
	 * Flush every vCPU in @p mask (this one too, if it is there): @p nr pages
	 * at @p va, at most TLB_FLUSH_PAGES_MAX, or everything if @p nr is 0.
	 * @p mask must stay where it is until the flush is sent.
	 */
	void (*flush_tlb_multi)(const struct cpumask *mask, const unsigned long *va, unsigned int nr);

	int (*pgd_alloc)(struct mm *mm);
	void (*pgd_free)(struct mm *mm);

	/** A page becomes / stops being a page table at @p level: it must be read-only. */
	void (*alloc_pt)(unsigned long pfn, enum pt_level level);
	void (*release_pt)(unsigned long pfn, enum pt_level level);

	void (*lazy_mode_enter)(void);
	void (*lazy_mode_leave)(void);

	/**
	 * Pin (@p pin) or unpin every leaf table under @p pud, a subtree not yet
	 * hooked, its tables already read-only.  Xen validates a leaf table when
	 * it is pinned, so the hook above finds them valid; pinning shares the
	 * tables out over every vCPU Xen gives.  Unpinned once hooked, they stay
	 * valid: the subtree holds them.  The counts per vCPU go to @p share
	 * (NR_CPUS of them) when it is not NULL.
	 */
	void (*pin_leaf_tables)(pteval_t *pud, bool pin, unsigned long *share);
};

extern struct pv_mmu_ops pv_mmu_ops;

#endif
