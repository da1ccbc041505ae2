/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/setup_pagetable.c
 * @brief Leaving Xen's start-of-day page tables for the kernel's own.
 *
 * Xen starts us on tables it built: one L4 at start_info.pt_base mapping,
 * from KERNEL_BASE, our image, the p2m list, start_info, the tables
 * themselves (read-only), a stack page and at least 512 KiB of padding.
 * We build our own L4 with a kernel map of that area — text read-only,
 * data no-execute, page tables read-only — and extend it over the frames
 * the direct map's tables will need, so init_mem_mapping can fill them
 * while they are still plain writable memory.  Then, in one batch: make our
 * new tables read-only in Xen's tables, pin our L4, load it (kernel %cr3
 * only: there is no user space and no struct page yet), unpin Xen's L4.
 */
#include <string.h>
#include "hypercall.h"
#include "memblock.h"
#include "mmu_stats.h"
#include "multicall.h"
#include "pgtable.h"
#include "pv_mmu.h"
#include "xen_mmu.h"
#include "xen_pagetable.h"

extern char _text[], _etext[], _rodata[], _erodata[];

/* Xen's tables hold their own frames in a block; its boot stack follows. */
static unsigned long xen_pt_pfn, xen_pt_end_pfn;

/* The first frame Xen's start-of-day mapping does not reach. */
static unsigned long xen_mapped_end_pfn(void)
{
	unsigned long pfn = xen_pt_end_pfn;

	while (pfn < KERNEL_MAP_SIZE >> PAGE_SHIFT) {
		pteval_t *ptep = pt_walk(init_pgd, (unsigned long)kmap_pfn(pfn), PT_PTE);

		if (!ptep || !(*ptep & _PAGE_PRESENT))
			break;
		pfn++;
	}
	return pfn;
}

/* The kernel map's permissions: W^X for the image, read-only page tables. */
static pteval_t kernel_map_flags(unsigned long pfn)
{
	unsigned long va = (unsigned long)kmap_pfn(pfn);

	if (va >= (unsigned long)_text && va < (unsigned long)_etext)
		return PAGE_KERNEL_RX;
	if (va >= (unsigned long)_rodata && va < (unsigned long)_erodata)
		return PAGE_KERNEL_RO;
	if ((pfn >= xen_pt_pfn && pfn < xen_pt_end_pfn) || memblock_is_pagetable(pfn))
		return PAGE_KERNEL_RO;
	return PAGE_KERNEL;
}

/* Take the frame from Xen's mapping where there is one (shared_info is not in the p2m). */
static pteval_t kernel_map_entry(unsigned long pfn, unsigned long xen_end)
{
	pteval_t flags = kernel_map_flags(pfn);

	if (pfn < xen_end)
		return (*pt_walk(init_pgd, (unsigned long)kmap_pfn(pfn), PT_PTE) & PTE_ADDR_MASK) | flags;
	return pt_make_entry(pfn, flags);
}

void setup_kernel_pagetable(void)
{
	const start_info_t *si = xen_start_info;
	unsigned long xen_end, nr_tables, first, stack_pfn;
	pteval_t *pgd, *xen_pgd = (pteval_t *)si->pt_base;
	struct pt_builder b;

	/* Until we switch, Xen's tables are the live ones: walks and alloc_pt use them. */
	init_pgd = xen_pgd;
	xen_pt_pfn = __pa(xen_pgd) >> PAGE_SHIFT;
	xen_pt_end_pfn = xen_pt_pfn + si->nr_pt_frames;
	stack_pfn = xen_pt_end_pfn;
	xen_end = xen_mapped_end_pfn();
	kmap_end_pfn = xen_end;
	memblock_init(stack_pfn + 1, xen_end);

	/* The kernel map reaches past Xen's area over the direct map's future tables. */
	unsigned long kmap_end = xen_end + pt_tables_for(max_pfn);

	if (kmap_end > KERNEL_MAP_SIZE >> PAGE_SHIFT)
		panic("setup_kernel_pagetable: %lu MiB of kernel map needed, more than the %lu MiB "
		      "it may have: too much RAM for pvmmu", kmap_end >> 8, KERNEL_MAP_SIZE >> 20);
	/* A pfn past the last has no mfn: mapping it would hand Xen a frame that is not ours. */
	if (kmap_end > max_pfn)
		panic("setup_kernel_pagetable: the direct map's %lu tables would end at pfn %#lx, "
		      "past dom0's %lu frames: too little RAM for pvmmu", pt_tables_for(max_pfn),
		      kmap_end, max_pfn);
	nr_tables = 1 + pt_tables_for(kmap_end);
	first = memblock_alloc(nr_tables, "the kernel's page tables");
	memblock_mark_pagetables(first, nr_tables);

	pgd = kmap_pfn(first);
	memset(pgd, 0, PAGE_SIZE);
	mmu_stat_add(pt_pages, 1);
	pt_build_init(&b, KERNEL_BASE, first + 1, nr_tables - 1);
	for (unsigned long pfn = 0; pfn < kmap_end; pfn++)
		pt_build_map(&b, (unsigned long)kmap_pfn(pfn), kernel_map_entry(pfn, xen_end));
	pgd[pt_index(KERNEL_BASE, PT_PGD)] = pt_make_entry(b.root_pfn, KERNPG_TABLE);

	pv_mmu_ops.lazy_mode_enter();
	pv_mmu_ops.alloc_pt(first, PT_PGD);
	pt_build_announce(&b);
	xen_mc_mmuext_op(MMUEXT_PIN_L4_TABLE, pfn_to_mfn(first), MMU_SITE_SETUP_PIN);
	xen_load_kernel_cr3(first << PAGE_SHIFT);
	xen_mc_mmuext_op(MMUEXT_UNPIN_TABLE, pfn_to_mfn(xen_pt_pfn), MMU_SITE_SETUP_UNPIN);
	pv_mmu_ops.lazy_mode_leave();

	init_pgd = pgd;
	kmap_end_pfn = kmap_end;
	/* Xen's tables and boot stack are ordinary frames now; the padding's rest too. */
	memblock_release(xen_pt_pfn, stack_pfn + 1);
	memblock_set_window(xen_end, kmap_end);
	mmu_phase_end("setup_kernel_pagetable");
	printk("mmu: setup_kernel_pagetable: own L4 at pfn %#lx pinned and loaded, %lu tables; "
	       "kernel map %#lx-%#lx; Xen's %lu tables unpinned\n", first, nr_tables, KERNEL_BASE,
	       (unsigned long)kmap_pfn(kmap_end), si->nr_pt_frames);
}
