/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/pgtable.h
 * @brief The one page-table walker and the builder of bring-up (kernel/mm/pgtable.c).
 */
#ifndef PVMMU_PGTABLE_H
#define PVMMU_PGTABLE_H

#include <stdbool.h>
#include "mm.h"

extern pteval_t *init_pgd;
/*
 * The one page-table walker: a lookup of one address (pt_walk), a lookup
 * that adds missing tables (pt_lookup with an allocator), and a visit of
 * every entry over a range (pt_walk_range).
 */
/** Adds the table missing under @p entry (at @p level): hooks it, returns its address or NULL. */
typedef pteval_t *(*pt_alloc_fn)(void *ctx, pteval_t *entry, enum pt_level level);
/**
 * The entry that maps @p va at @p level, walking down from @p table at
 * level @p top; a missing table is added by @p alloc, or (NULL) ends the walk with NULL.
 */
pteval_t *pt_lookup(pteval_t *table, enum pt_level top, unsigned long va, enum pt_level level,
		    pt_alloc_fn alloc, void *ctx);
/** The entry that maps @p va at @p level in @p pgd, or NULL if a table above is missing. */
pteval_t *pt_walk(pteval_t *pgd, unsigned long va, enum pt_level level);

/** What pt_walk_range calls; any hook may be NULL.  @p va is where the entry's span starts. */
struct pt_visitor {
	/** A non-present entry in the range (any level). */
	void (*hole)(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va);
	/** A present leaf (level PT_PTE). */
	void (*leaf)(void *ctx, pteval_t *pte, unsigned long va);
	/** Before descending below a present non-leaf entry; false skips its subtree. */
	bool (*enter)(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va);
	/** After the subtree below @p entry is done (its tables are still hooked). */
	void (*leave)(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va);
};
/**
 * Visit the entries of @p table (at @p level) and of the tables below it
 * that map [start, last] (last inclusive, both canonical, in the span of
 * @p table); absent tables are skipped at every level, so the cost follows
 * what is mapped, not the size of the range.  A visitor without leaf and
 * hole hooks does not read leaf tables at all.
 */
void pt_walk_range(pteval_t *table, enum pt_level level, unsigned long start, unsigned long last,
		   const struct pt_visitor *v, void *ctx);
/** The table page an entry points to (direct map, or kernel map during bring-up). */
pteval_t *pt_next_table(pteval_t entry);
extern bool direct_map_ready;
/** Machine address of the entry at @p ptep, as mmu_update wants it. */
uint64_t pt_entry_machine_address(const pteval_t *ptep);
/** The machine entry mapping @p pfn with @p flags. */
pteval_t pt_make_entry(unsigned long pfn, pteval_t flags);

/** Builds the subtree under one L4 slot in frames reserved for it, then hooks it. */
struct pt_builder {
	unsigned long va;		/* start of the area the subtree maps */
	unsigned long root_pfn;		/* its pud */
	pteval_t *root;
	unsigned long next, end;	/* table frames not yet used */
	pteval_t *pte;			/* the last leaf table used, and the 2 MiB it maps */
	unsigned long pte_base;
};
void pt_build_init(struct pt_builder *b, unsigned long va, unsigned long first_table,
		   unsigned long nr_tables);
void pt_build_map(struct pt_builder *b, unsigned long va, pteval_t entry);
/** pv_mmu_ops.alloc_pt for @p table and every table below it, leaves first. */
void pt_announce_tables(pteval_t *table, enum pt_level level);
/** Tell pv_mmu_ops.alloc_pt about every table of the subtree. */
void pt_build_announce(struct pt_builder *b);
/**
 * Make every table read-only, have Xen validate the leaf tables (on every
 * vCPU, pv_mmu_ops.pin_leaf_tables; each vCPU's count to @p share unless
 * NULL) and hook the root into init_pgd.
 */
void pt_build_commit(struct pt_builder *b, unsigned long *share);
/** Tables needed to map @p nr pages from the start of an L4 slot: ptes, pmds, the pud. */
static inline unsigned long pt_tables_for(unsigned long nr)
{
	return (nr + PTRS_PER_TABLE - 1) / PTRS_PER_TABLE +
	       (nr + PTRS_PER_TABLE * PTRS_PER_TABLE - 1) / (PTRS_PER_TABLE * PTRS_PER_TABLE) + 1;
}

#endif
