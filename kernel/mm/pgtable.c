/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/mm/pgtable.c
 * @brief Walking the kernel's page tables, and building a subtree cheaply.
 *
 * Xen validates a page-table page when it is hooked into a live table, and
 * refuses a page that is still mapped writable anywhere.  The cheap order,
 * then, is the one the builder follows: fill new tables while they are
 * ordinary writable memory (no hypercalls), then make them read-only and
 * hook the subtree's root in one batch, so that Xen validates the whole
 * subtree at once.
 */
#include <string.h>
#include "mmu_stats.h"
#include "pgtable.h"
#include "pv_mmu.h"

pteval_t *init_pgd;
bool direct_map_ready;

/*
 * Seam for the host unit tests (tests/host/test_pgtable.c): a host process
 * has neither the kernel map nor the direct map, so the tests build this
 * file with PT_TABLE_ACCESS naming a function that turns the address chosen
 * below into one in a host arena.  The kernel uses the address as it is.
 */
#ifdef PT_TABLE_ACCESS
void *PT_TABLE_ACCESS(void *va);
#else
#define PT_TABLE_ACCESS(va) (va)
#endif

/* Bring-up reaches tables through the kernel map until the direct map is up. */
static pteval_t *table_va(unsigned long pfn)
{
	return PT_TABLE_ACCESS(direct_map_ready ? pfn_to_virt(pfn) : kmap_pfn(pfn));
}

pteval_t *pt_next_table(pteval_t entry)
{
	return table_va(mfn_to_pfn((entry & PTE_ADDR_MASK) >> PAGE_SHIFT));
}

pteval_t *pt_lookup(pteval_t *table, enum pt_level top, unsigned long va, enum pt_level level,
		    pt_alloc_fn alloc, void *ctx)
{
	for (enum pt_level l = top; l > level; l--) {
		pteval_t *entry = &table[pt_index(va, l)];

		if (*entry & _PAGE_PRESENT)
			table = pt_next_table(*entry);
		else if (!alloc || !(table = alloc(ctx, entry, l)))
			return NULL;
	}
	return &table[pt_index(va, level)];
}

pteval_t *pt_walk(pteval_t *pgd, unsigned long va, enum pt_level level)
{
	return pt_lookup(pgd, PT_PGD, va, level, NULL, NULL);
}

/* Bits 48-63 repeat bit 47: entry i of a pgd maps the upper half from slot 256 on. */
static unsigned long canonical(unsigned long va)
{
	return (unsigned long)((long)(va << 16) >> 16);
}

void pt_walk_range(pteval_t *table, enum pt_level level, unsigned long start, unsigned long last,
		   const struct pt_visitor *v, void *ctx)
{
	unsigned long span = pt_span(level);
	/* Where entry 0 of this table maps (below the pgd; a pgd's entries are sign-extended). */
	unsigned long base = start & ~(span * PTRS_PER_TABLE - 1) & ((1UL << 48) - 1);
	/* Without leaf or hole hooks a leaf table has nothing to visit: it is not even read. */
	bool into_leaves = v->leaf || v->hole;
	unsigned int i = pt_index(start, level), end = pt_index(last, level);

	for (;; i++) {
		pteval_t *entry = &table[i];
		unsigned long va = canonical(base + i * span), span_last = va + (span - 1);

		if (!(*entry & _PAGE_PRESENT)) {
			if (v->hole)
				v->hole(ctx, entry, level, va);
		} else if (level == PT_PTE) {
			if (v->leaf)
				v->leaf(ctx, entry, va);
		} else if (!v->enter || v->enter(ctx, entry, level, va)) {
			if (level > PT_PMD || into_leaves)
				pt_walk_range(pt_next_table(*entry), level - 1, va > start ? va : start,
					      span_last < last ? span_last : last, v, ctx);
			if (v->leave)
				v->leave(ctx, entry, level, va);
		}
		if (i == end)
			return;
	}
}

uint64_t pt_entry_machine_address(const pteval_t *ptep)
{
	return pt_entry_ma(virt_to_pfn(ptep), (unsigned int)(((unsigned long)ptep & (PAGE_SIZE - 1)) /
							      sizeof(pteval_t)));
}

pteval_t pt_make_entry(unsigned long pfn, pteval_t flags)
{
	return ((pteval_t)pfn_to_mfn(pfn) << PAGE_SHIFT) | flags;
}

void pt_build_init(struct pt_builder *b, unsigned long va, unsigned long first_table,
		   unsigned long nr_tables)
{
	b->va = va;
	b->pte = NULL;
	b->next = first_table;
	b->end = first_table + nr_tables;
	BUG_ON(nr_tables == 0);	/* the root itself needs a frame */
	b->root_pfn = b->next++;
	b->root = table_va(b->root_pfn);
	memset(b->root, 0, PAGE_SIZE);
	mmu_stat_add(pt_pages, 1);
}

/* pt_lookup's allocator for the builder: the next reserved frame, zeroed. */
static pteval_t *build_table(void *ctx, pteval_t *entry, enum pt_level level)
{
	struct pt_builder *b = ctx;
	unsigned long pfn;

	(void)level;
	if (b->next >= b->end)
		panic("page-table builder at %#lx: ran out of the %lu table frames reserved",
		      b->va, b->end - b->root_pfn);
	pfn = b->next++;
	memset(table_va(pfn), 0, PAGE_SIZE);
	mmu_stat_add(pt_pages, 1);
	*entry = pt_make_entry(pfn, KERNPG_TABLE);
	return table_va(pfn);
}

void pt_build_map(struct pt_builder *b, unsigned long va, pteval_t entry)
{
	unsigned long base = ALIGN_DOWN(va, pt_span(PT_PMD));

	/* Consecutive pages mostly share a leaf table: walk down only when a new one starts. */
	if (!b->pte || base != b->pte_base) {
		b->pte = pt_lookup(b->root, PT_PUD, base, PT_PTE, build_table, b);
		b->pte_base = base;
	}
	b->pte[pt_index(va, PT_PTE)] = entry;
}

/* Post-order: every table below is announced before the one above it. */
static void announce_child(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va)
{
	(void)ctx, (void)va;
	pv_mmu_ops.alloc_pt(virt_to_pfn(pt_next_table(*entry)), level - 1);
}

void pt_announce_tables(pteval_t *table, enum pt_level level)
{
	static const struct pt_visitor announce = { .leave = announce_child };

	if (level > PT_PTE)
		pt_walk_range(table, level, 0, pt_span(level) * PTRS_PER_TABLE - 1, &announce, NULL);
	pv_mmu_ops.alloc_pt(virt_to_pfn(table), level);
}

void pt_build_announce(struct pt_builder *b)
{
	pt_announce_tables(b->root, PT_PUD);
}

void pt_build_commit(struct pt_builder *b, unsigned long *share)
{
	/* Read-only first: Xen pins no table that a writable mapping reaches. */
	pv_mmu_ops.lazy_mode_enter();
	pt_build_announce(b);
	pv_mmu_ops.lazy_mode_leave();
	/* Validated as they are pinned, on every vCPU at once: the hook then checks only the tables above. */
	pv_mmu_ops.pin_leaf_tables(b->root, true, share);
	pv_mmu_ops.set_pgd(&init_pgd[pt_index(b->va, PT_PGD)], pt_make_entry(b->root_pfn, KERNPG_TABLE));
	pv_mmu_ops.pin_leaf_tables(b->root, false, NULL);
}
