/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/xen_mmu.h
 * @brief kernel/xen/mmu.c: Xen's implementation of pv_mmu_ops and the write_cr3= policy.
 */
#ifndef PVMMU_XEN_MMU_H
#define PVMMU_XEN_MMU_H

/* The 2013 story: when does write_cr3 switch from the early to the late variant? */
enum write_cr3_policy { CR3_READY, CR3_SEED, CR3_LATE };
extern unsigned int param_write_cr3;

/** Frames [0, kmap_end_pfn) are also mapped at KERNEL_BASE + pfn * PAGE_SIZE. */
extern unsigned long kmap_end_pfn;

/** Fill pv_mmu_ops with Xen's operations; write_cr3's first variant by the write_cr3= policy. */
void xen_init_mmu_ops(void);
/** Load only the kernel %cr3 (queued in the current batch). */
void xen_load_kernel_cr3(unsigned long cr3);

/** Struct pages exist: swap the early operations for the full ones (policy "ready"). */
void xen_post_allocator_init(void);

#endif
