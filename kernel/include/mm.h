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
#include "kernel.h"
#include "layout.h"

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
 * in the kernel pgd, which Xen loads only in kernel mode.
 */
struct mm {
	pteval_t *pgd;
	struct vma *vmas;	/* sorted by address, none overlapping, at most MAX_VMAS */
	unsigned int nr_vmas;
	unsigned long brk_start, brk;
};

/* Boot steps, in start_kernel's order (xen's own are in xen_p2m.h and xen_pagetable.h). */
void init_mem_mapping(void);
void paging_init(void);
void mmu_report(void);

/* The early allocator (before struct pages), see kernel/mm/memblock.c. */
void memblock_init(unsigned long first_pfn, unsigned long limit_pfn);
unsigned long memblock_alloc(unsigned long nr, const char *why);
void memblock_set_window(unsigned long start_pfn, unsigned long end_pfn);
void memblock_release(unsigned long first_pfn, unsigned long end_pfn);
void memblock_mark_pagetables(unsigned long first_pfn, unsigned long nr);
bool memblock_is_pagetable(unsigned long pfn);
unsigned long memblock_cursor(void);
void memblock_hand_over(void (*free_range)(unsigned long, unsigned long));

/* The page allocator (kernel/mm/page_alloc.c). */
void page_alloc_init(void);
struct page *alloc_page(void);
void free_page(struct page *page);
unsigned long nr_free_pages(void);

/* Page-table walks and builders (kernel/mm/pgtable.c). */
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
/** Make every table read-only and hook the root into init_pgd, in one batch. */
void pt_build_commit(struct pt_builder *b);
/** Tables needed to map @p nr pages from the start of an L4 slot: ptes, pmds, the pud. */
static inline unsigned long pt_tables_for(unsigned long nr)
{
	return (nr + PTRS_PER_TABLE - 1) / PTRS_PER_TABLE +
	       (nr + PTRS_PER_TABLE * PTRS_PER_TABLE - 1) / (PTRS_PER_TABLE * PTRS_PER_TABLE) + 1;
}

#endif
