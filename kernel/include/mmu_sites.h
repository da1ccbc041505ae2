/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/mmu_sites.h
 * @brief The MMU call sites: one list, from which the site enum and fail='s table are made.
 *
 * Every MMU request is queued under the site that made it (multicall.c), so
 * that a failure report names it and fail=SITE:N:ERRNO can pick it.  A site
 * is an enum value, not a string: a misspelt site does not compile, and the
 * batcher and fault injection compare integers.  The names are what fail=
 * and fail=list use; docs/robustness.md says what each site does on failure.
 *
 * MMU_SITES(X) calls X(id, name, op, what) once per site; op is the hypercall
 * without its __HYPERVISOR_ prefix.
 */
#ifndef PVMMU_MMU_SITES_H
#define PVMMU_MMU_SITES_H

#define MMU_SITES(X)                                                                          \
	X(SETUP_PIN, "setup_kernel_pagetable.pin", mmuext_op,                                 \
	  "pin the kernel's own L4 before it is loaded")                                      \
	X(SETUP_UNPIN, "setup_kernel_pagetable.unpin", mmuext_op,                             \
	  "unpin Xen's start-of-day L4 once ours is loaded")                                  \
	X(WRITE_CR3, "write_cr3", mmuext_op,                                                  \
	  "NEW_BASEPTR / NEW_USER_BASEPTR: load a kernel (and user) pgd")                     \
	X(ALLOC_PT, "alloc_pt", mmu_update,                                                   \
	  "map a new page-table page read-only (kernel map, direct map)")                     \
	X(RELEASE_PT, "release_pt", mmu_update, "map a freed page-table page writable again") \
	X(SET_PGD, "set_pgd", mmu_update, "write an L4 entry")                                \
	X(SET_PUD, "set_pud", mmu_update, "write an L3 entry")                                \
	X(SET_PMD, "set_pmd", mmu_update, "write an L2 entry")                                \
	X(SET_PTE, "set_pte", mmu_update, "write an L1 entry")                                \
	X(FLUSH_TLB, "flush_tlb", mmuext_op,                                                  \
	  "TLB_FLUSH_LOCAL / INVLPG_LOCAL, or _MULTI for the vCPUs with the mm loaded")       \
	X(PGD_ALLOC_PIN, "pgd_alloc.pin", mmuext_op,                                          \
	  "pin a new address space's kernel and user L4")                                     \
	X(PGD_FREE_UNPIN, "pgd_free.unpin", mmuext_op,                                        \
	  "unpin them when the address space is freed")                                       \
	X(LEAF_PIN, "pin_leaf_tables.pin", mmuext_op,                                         \
	  "pin a new subtree's leaf tables before it is hooked: Xen validates them, on every vCPU") \
	X(LEAF_UNPIN, "pin_leaf_tables.unpin", mmuext_op,                                     \
	  "unpin them once the hooked subtree holds them")

enum mmu_site_id {
#define MMU_SITE_ENUM(id, name, op, what) MMU_SITE_##id,
	MMU_SITES(MMU_SITE_ENUM)
#undef MMU_SITE_ENUM
	NR_MMU_SITES
};

#endif
