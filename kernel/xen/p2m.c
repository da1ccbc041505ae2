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
