/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/p2m.c
 * @brief The two frame tables: p2m (ours, pfn -> mfn) and m2p (Xen's, mfn -> pfn).
 *
 * A PV guest's page tables hold machine frames, while the kernel thinks in
 * pseudo-physical frames 0..nr_pages-1.  Xen gives us the p2m as start_info's
 * mfn_list and maps its m2p read-only at MACH2PHYS_VIRT_START in every L4.
 */
#include "hypercall.h"
#include "mm.h"
#include "xen_p2m.h"

/*
 * The toolstack saves a PV guest by reading its p2m, which it finds only
 * through shared_info: arch.pfn_to_mfn_frame_list_list names a page of mfns
 * of "frame list" pages, each a page of mfns of the p2m's own pages (the
 * leaves).  512 entries a page: one frame-list page covers 1 GiB of guest.
 */
#define P2M_PER_PAGE (PAGE_SIZE / sizeof(unsigned long))
#define P2M_FL_PAGES 16

static unsigned long p2m_fll[P2M_PER_PAGE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static unsigned long p2m_fl[P2M_FL_PAGES][P2M_PER_PAGE] __aligned(PAGE_SIZE)
	__section(".bss.page_aligned");

static unsigned long virt_to_mfn(const void *va)
{
	return pfn_to_mfn(virt_to_pfn(va));
}

void xen_init_p2m(void)
{
	extern char _text[];
	unsigned long pfn = __pa(_text) >> PAGE_SHIFT;

	m2p = machine_to_phys_mapping;
	p2m = (unsigned long *)xen_start_info->mfn_list;
	max_pfn = xen_start_info->nr_pages;
	/* Every later step trusts the two tables to agree; check one frame now. */
	if (mfn_to_pfn(pfn_to_mfn(pfn)) != pfn)
		panic("p2m/m2p disagree: pfn %#lx -> mfn %#lx -> pfn %#lx", pfn, pfn_to_mfn(pfn),
		      mfn_to_pfn(pfn_to_mfn(pfn)));
	printk("p2m: %lu pfns, mfn_list at %p; m2p at %#lx\n", max_pfn, (void *)p2m,
	       (unsigned long)MACH2PHYS_VIRT_START);
}

void xen_build_mfn_list_list(void)
{
	unsigned long leaves = (max_pfn + P2M_PER_PAGE - 1) / P2M_PER_PAGE;
	unsigned long fl_pages = (leaves + P2M_PER_PAGE - 1) / P2M_PER_PAGE;
	struct arch_shared_info *arch = &HYPERVISOR_shared_info->arch;

	arch->max_pfn = max_pfn;
	/* A leaf is a whole page of the p2m: the list must start on a page. */
	if (((unsigned long)p2m & (PAGE_SIZE - 1)) || fl_pages > P2M_FL_PAGES) {
		/* ~0 is the ABI's "no list": a save then fails in the toolstack, saying so. */
		arch->pfn_to_mfn_frame_list_list = ~0UL;
		printk("p2m: mfn_list %p with %lu pfns does not fit a frame list of %d pages: "
		       "this domain cannot be saved\n", (void *)p2m, max_pfn, P2M_FL_PAGES);
		return;
	}
	/* mfns, so rebuilt after every resume: the frames are new there. */
	for (unsigned long i = 0; i < leaves; i++)
		p2m_fl[i / P2M_PER_PAGE][i % P2M_PER_PAGE] = virt_to_mfn(p2m + i * P2M_PER_PAGE);
	for (unsigned long i = 0; i < fl_pages; i++)
		p2m_fll[i] = virt_to_mfn(p2m_fl[i]);
	/* No virtually mapped p2m (p2m_cr3 0): the toolstack takes the 3-level list. */
	arch->p2m_cr3 = 0;
	arch->pfn_to_mfn_frame_list_list = virt_to_mfn(p2m_fll);
	printk("p2m: frame list for the toolstack: %lu p2m pages, %lu frame-list pages, list of "
	       "lists at mfn %#lx\n", leaves, fl_pages, (unsigned long)arch->pfn_to_mfn_frame_list_list);
}
