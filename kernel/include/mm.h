/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/mm.h
 * @brief Address-space layout, page-table entries, p2m/m2p and struct page.
 *
 * The layout is Linux 3.9's for x86-64, so that addresses in our logs match
 * the seed's Xen log (docs/address-space.md):
 *   L4 slots 256-271  Xen's own (slot 256: the read-only M2P table)
 *   L4 slot  272      direct map of all RAM      0xffff880000000000
 *   L4 slot  468      vmemmap: struct page array  0xffffea0000000000
 *   L4 slot  511      kernel image map            0xffffffff80000000
 */
#ifndef PVMMU_MM_H
#define PVMMU_MM_H

#include <stdbool.h>
#include <stdint.h>
#include <xen/xen.h>
#include "cpumask.h"
#include "kernel.h"
#include "layout.h"
#include "spinlock.h"

#define PTRS_PER_TABLE 512

#define PAGE_OFFSET 0xffff880000000000UL
#define VMEMMAP_START 0xffffea0000000000UL
/* The kernel map covers the image, Xen's start-of-day area and the direct map's tables. */
#define KERNEL_MAP_SIZE MiB(512)
#define XEN_FIRST_SLOT 256
#define XEN_LAST_SLOT 271

/* Page-table levels, named as Linux names them. */
enum pt_level { PT_PTE = 1, PT_PMD = 2, PT_PUD = 3, PT_PGD = 4 };

typedef uint64_t pteval_t;

#define _PAGE_PRESENT 0x001ULL
#define _PAGE_RW 0x002ULL
#define _PAGE_USER 0x004ULL
#define _PAGE_ACCESSED 0x020ULL
#define _PAGE_DIRTY 0x040ULL
#define _PAGE_NX (1ULL << 63)
#define PTE_ADDR_MASK 0x000ffffffffff000ULL

/* The flags Xen allows a PV guest; PSE is refused at every level. */
#define PAGE_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_KERNEL (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_NX)
#define PAGE_KERNEL_RO (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_KERNEL_RX (_PAGE_PRESENT | _PAGE_ACCESSED)
/* Non-leaf entries (Linux's _KERNPG_TABLE); Xen adds _PAGE_USER itself for 64-bit PV. */
#define KERNPG_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

static inline unsigned int pt_index(unsigned long va, enum pt_level level)
{
	return (unsigned int)(va >> (PAGE_SHIFT + 9 * (level - 1))) & (PTRS_PER_TABLE - 1);
}

/** Bytes one entry at @p level covers. */
static inline unsigned long pt_span(enum pt_level level)
{
	return 1UL << (PAGE_SHIFT + 9 * (level - 1));
}

/* p2m: pfn -> mfn, from start_info's mfn_list; m2p: Xen's read-only table. */
extern unsigned long *p2m;
extern const unsigned long *m2p;
extern unsigned long max_pfn;

static inline unsigned long pfn_to_mfn(unsigned long pfn) { return p2m[pfn]; }
static inline unsigned long mfn_to_pfn(unsigned long mfn) { return m2p[mfn]; }

/** Machine address of the entry @p index of the table page @p table_pfn. */
static inline uint64_t pt_entry_ma(unsigned long table_pfn, unsigned int index)
{
	return ((uint64_t)pfn_to_mfn(table_pfn) << PAGE_SHIFT) + index * sizeof(pteval_t);
}

/* Virtual <-> physical.  __va is the direct map, valid once init_mem_mapping is done. */
static inline void *__va(unsigned long pa) { return (void *)(pa + PAGE_OFFSET); }

static inline unsigned long __pa(const void *va)
{
	unsigned long v = (unsigned long)va;

	return v >= KERNEL_BASE ? v - KERNEL_BASE : v - PAGE_OFFSET;
}

static inline void *pfn_to_virt(unsigned long pfn) { return __va(pfn << PAGE_SHIFT); }
static inline unsigned long virt_to_pfn(const void *va) { return __pa(va) >> PAGE_SHIFT; }

/** The kernel-map alias of a low frame: how bring-up reaches frames before the direct map. */
static inline void *kmap_pfn(unsigned long pfn) { return (void *)(KERNEL_BASE + (pfn << PAGE_SHIFT)); }

/* struct page: one per pfn, in vmemmap. */
struct page {
	unsigned long flags;
	unsigned int refcount;
	unsigned int pt_level;	/* enum pt_level while PG_pagetable */
	unsigned long private;	/* a kernel pgd's user pgd (its direct-map address) */
	struct page *next;	/* free list */
};

/* A shared frame's sharers may run on different vCPUs: its count changes atomically. */
static inline void page_ref_inc(struct page *p) { __atomic_fetch_add(&p->refcount, 1, __ATOMIC_RELAXED); }
static inline unsigned int page_ref_dec(struct page *p) { return __atomic_sub_fetch(&p->refcount, 1, __ATOMIC_ACQ_REL); }
static inline unsigned int page_ref_count(const struct page *p) { return __atomic_load_n(&p->refcount, __ATOMIC_ACQUIRE); }

#define PG_reserved (1UL << 0)
#define PG_pagetable (1UL << 1)
#define PG_pinned (1UL << 2)
#define PG_free (1UL << 3)

/* VMEMMAP_START in the kernel; a variable so host tests can give it an arena. */
extern struct page *vmemmap;

static inline struct page *pfn_to_page(unsigned long pfn) { return vmemmap + pfn; }
static inline unsigned long page_to_pfn(const struct page *p) { return (unsigned long)(p - vmemmap); }
static inline struct page *virt_to_page(const void *va) { return pfn_to_page(virt_to_pfn(va)); }
static inline void *page_address(const struct page *p) { return pfn_to_virt(page_to_pfn(p)); }

/* A user address space's regions: mapped on demand, zero-filled. */
struct vma {
	unsigned long start, end;
	unsigned int flags;
};
#define VMA_WRITE 1u
#define VMA_EXEC 2u
#define VMA_NONE 4u	/* PROT_NONE: no access at all */
/* The regions live in one page of their own (170): a clear limit, far above what programs use. */
#define MAX_VMAS (PAGE_SIZE / sizeof(struct vma))

/**
 * An address space: the kernel pgd and, on 64-bit PV, the user pgd beside
 * it (found through the kernel pgd page's struct page->private).  User
 * mappings sit in both, sharing their lower tables; kernel mappings only
 * in the kernel pgd, which Xen loads only in kernel mode.  @c cpumask is
 * the vCPUs that have it loaded (docs/smp.md): a flush of a change to it
 * goes to them, and Xen reads the mask where it lies.
 */
struct mm {
	pteval_t *pgd;
	struct cpumask cpumask;
	struct vma *vmas;	/* sorted by address, none overlapping, at most MAX_VMAS */
	unsigned int nr_vmas;
	unsigned long brk_start, brk;
	/* The processes (threads) that use it, and the lock its tables and regions change under (mm_ref.c). */
	unsigned int users;
	spinlock_t lock;
};

/* Boot steps, in start_kernel's order (xen's own are in xen_p2m.h and xen_pagetable.h). */
void init_mem_mapping(void);
void paging_init(void);
void mmu_report(void);

#endif
