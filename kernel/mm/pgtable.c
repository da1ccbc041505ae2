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

pteval_t *pt_walk(pteval_t *pgd, unsigned long va, enum pt_level level)
{
	pteval_t *table = pgd;

	for (enum pt_level l = PT_PGD; l > level; l--) {
		pteval_t entry = table[pt_index(va, l)];

		if (!(entry & _PAGE_PRESENT))
			return NULL;
		table = pt_next_table(entry);
	}
	return &table[pt_index(va, level)];
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
	mmu_stats.pt_pages++;
}

static pteval_t *child_table(struct pt_builder *b, pteval_t *entry)
{
	unsigned long pfn;

	if (*entry & _PAGE_PRESENT)
		return pt_next_table(*entry);
	if (b->next >= b->end)
		panic("page-table builder at %#lx: ran out of the %lu table frames reserved",
		      b->va, b->end - b->root_pfn);
	pfn = b->next++;
	memset(table_va(pfn), 0, PAGE_SIZE);
	mmu_stats.pt_pages++;
	*entry = pt_make_entry(pfn, KERNPG_TABLE);
	return table_va(pfn);
}

void pt_build_map(struct pt_builder *b, unsigned long va, pteval_t entry)
{
	unsigned long base = ALIGN_DOWN(va, pt_span(PT_PMD));

	/* Consecutive pages mostly share a leaf table: walk down only when a new one starts. */
	if (!b->pte || base != b->pte_base) {
		pteval_t *pmd = child_table(b, &b->root[pt_index(va, PT_PUD)]);

		b->pte = child_table(b, &pmd[pt_index(va, PT_PMD)]);
		b->pte_base = base;
	}
	b->pte[pt_index(va, PT_PTE)] = entry;
}

void pt_announce_tables(pteval_t *table, enum pt_level level)
{
	if (level > PT_PTE)
		for (unsigned int i = 0; i < PTRS_PER_TABLE; i++)
			if (table[i] & _PAGE_PRESENT)
				pt_announce_tables(pt_next_table(table[i]), level - 1);
	pv_mmu_ops.alloc_pt(virt_to_pfn(table), level);
}

void pt_build_announce(struct pt_builder *b)
{
	pt_announce_tables(b->root, PT_PUD);
}

void pt_build_commit(struct pt_builder *b)
{
	pv_mmu_ops.lazy_mode_enter();
	pt_build_announce(b);
	pv_mmu_ops.set_pgd(&init_pgd[pt_index(b->va, PT_PGD)], pt_make_entry(b->root_pfn, KERNPG_TABLE));
	pv_mmu_ops.lazy_mode_leave();
}
