/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/mm/vmemmap.c
 * @brief paging_init: a struct page for every pfn, mapped at VMEMMAP_START.
 *
 * Until this runs, virt_to_page() points into an empty L4 slot (0x1d4):
 * any code that reads a struct page earlier faults, which is what the
 * 2013 write_cr3 did.
 */
#include "memblock.h"
#include "mmu_stats.h"
#include "pgtable.h"
#include "pv_mmu.h"

struct page *vmemmap = (struct page *)VMEMMAP_START;

void paging_init(void)
{
	unsigned long nr_backing = (max_pfn * sizeof(struct page) + PAGE_SIZE - 1) / PAGE_SIZE;
	unsigned long nr_tables = pt_tables_for(nr_backing);
	unsigned long tables = memblock_alloc(nr_tables, "vmemmap tables");
	unsigned long backing = memblock_alloc(nr_backing, "struct pages");
	struct pt_builder b;

	memblock_mark_pagetables(tables, nr_tables);
	pt_build_init(&b, VMEMMAP_START, tables, nr_tables);
	for (unsigned long i = 0; i < nr_backing; i++)
		pt_build_map(&b, VMEMMAP_START + i * PAGE_SIZE, pt_make_entry(backing + i, PAGE_KERNEL));
	pt_build_commit(&b, NULL);

	/* Every frame starts reserved; the page allocator frees what memblock did not use. */
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++)
		*pfn_to_page(pfn) = (struct page){
			.flags = PG_reserved | (memblock_is_pagetable(pfn) ? PG_pagetable : 0),
		};
	mmu_phase_end("paging_init");
	printk("mmu: paging_init: %lu struct pages (%zu bytes each) at %#lx in %lu frames, %lu tables\n",
	       max_pfn, sizeof(struct page), VMEMMAP_START, nr_backing, nr_tables);
}
