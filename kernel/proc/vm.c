/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/vm.c
 * @brief User address spaces: regions, demand-zero paging, copy-on-write.
 *
 * Everything goes through pv_mmu_ops, and every walk through the one
 * walker (pt_lookup, pt_walk_range).  A table added to a live address
 * space is made read-only (alloc_pt) before it is hooked; fork builds the
 * child's tables as plain memory and hooks each finished subtree at once,
 * so Xen validates it in one go; munmap unhooks a table it empties (exit
 * unpins the pgd pair), so Xen drops the type of the table and of every
 * table below it, then makes them writable again (release_pt), flushes,
 * and only then frees the frames.  The flush reaches every vCPU that has
 * the address space loaded (tlb.c).
 */
#include <string.h>
#include "errno.h"
#include "mmu_stats.h"
#include "multicall.h"
#include "page_alloc.h"
#include "pgtable.h"
#include "proc.h"
#include "pv_mmu.h"
#include "tlb.h"
#include "vm.h"

/* Bit 9 is free for the guest: a read-only page shared by fork, to copy on write. */
#define _PAGE_COW 0x200ULL
#define USER_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)
#define USER_SLOTS 256

static void set_entry_at(enum pt_level level, pteval_t *e, pteval_t v)
{
	switch (level) {
	case PT_PGD: pv_mmu_ops.set_pgd(e, v); break;
	case PT_PUD: pv_mmu_ops.set_pud(e, v); break;
	case PT_PMD: pv_mmu_ops.set_pmd(e, v); break;
	case PT_PTE: pv_mmu_ops.set_pte(e, v); break;
	}
}

static struct page *entry_page(pteval_t e)
{
	return pfn_to_page(mfn_to_pfn((e & PTE_ADDR_MASK) >> PAGE_SHIFT));
}

static pteval_t leaf_flags(unsigned int vma_flags)
{
	return _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY |
	       (vma_flags & VMA_WRITE ? _PAGE_RW : 0) | (vma_flags & VMA_EXEC ? 0 : _PAGE_NX);
}

/* pt_lookup's allocator in a live address space: read-only before it is hooked. */
static pteval_t *add_user_table(void *ctx, pteval_t *entry, enum pt_level level)
{
	struct page *page = alloc_page();

	*(bool *)ctx = true;
	if (!page)
		return NULL;
	memset(page_address(page), 0, PAGE_SIZE);
	pv_mmu_ops.alloc_pt(page_to_pfn(page), level - 1);
	set_entry_at(level, entry, pt_make_entry(page_to_pfn(page), USER_TABLE));
	mmu_stat_add(pt_pages, 1);
	return page_address(page);
}

/*
 * The pte for @p va, adding missing tables to the live address space.  The
 * walk descends into a table it added without reading its hook back; in
 * lazy mode the hooks then wait in the batch, and are sent before the
 * next walk reads them.  The pte itself may stay queued: a caller in lazy
 * mode must not read it back (elf.c's loader only writes them).
 */
static pteval_t *user_pte(struct mm *mm, unsigned long va)
{
	bool added = false;
	pteval_t *pte = pt_lookup(mm->pgd, PT_PGD, va, PT_PTE, add_user_table, &added);

	if (added && xen_mc_lazy())
		xen_mc_flush();
	return pte;
}

/* The present pte for @p va, or NULL. */
static pteval_t *present_pte(struct mm *mm, unsigned long va)
{
	pteval_t *pte = pt_walk(mm->pgd, va, PT_PTE);

	return pte && (*pte & _PAGE_PRESENT) ? pte : NULL;
}

int map_user_page(struct mm *mm, unsigned long va, struct page *page, unsigned int vma_flags)
{
	pteval_t *pte = user_pte(mm, va);

	if (!pte)
		return -ENOMEM;
	pv_mmu_ops.set_pte(pte, pt_make_entry(page_to_pfn(page), leaf_flags(vma_flags)));
	return 0;
}

/*
 * A reserved frame mapped into user space is the kernel image's copy of a
 * program's read-only segment (elf.c), shared by every process running it:
 * the image holds it for good, so mappings take no reference on it.
 */
static void user_page_ref(struct page *page)
{
	if (!(page->flags & PG_reserved))
		page_ref_inc(page);
}

/* True when @p page's last mapping went: the caller frees it. */
static bool user_page_unref(struct page *page)
{
	return !(page->flags & PG_reserved) && page_ref_dec(page) == 0;
}

void put_user_page(struct page *page)
{
	if (user_page_unref(page))
		free_page(page);
}

int mm_create(struct mm *mm)
{
	struct page *vmas = alloc_page();
	int rc;

	memset(mm, 0, sizeof(*mm));
	if (!vmas)
		return -ENOMEM;
	mm->vmas = page_address(vmas);
	rc = pv_mmu_ops.pgd_alloc(mm);
	if (rc)
		free_page(vmas);
	return rc;
}

static struct vma *find_vma(struct mm *mm, unsigned long va)
{
	for (unsigned int i = 0; i < mm->nr_vmas && mm->vmas[i].start <= va; i++)
		if (va < mm->vmas[i].end)
			return &mm->vmas[i];
	return NULL;
}

/* The index of the first region that ends above @p va (nr_vmas if none). */
static unsigned int vma_index(const struct mm *mm, unsigned long va)
{
	unsigned int i = 0;

	while (i < mm->nr_vmas && mm->vmas[i].end <= va)
		i++;
	return i;
}

/* The caller has checked there is room. */
static void vma_insert(struct mm *mm, unsigned int i, struct vma v)
{
	memmove(&mm->vmas[i + 1], &mm->vmas[i], (mm->nr_vmas - i) * sizeof(v));
	mm->vmas[i] = v;
	mm->nr_vmas++;
}

static void vma_delete(struct mm *mm, unsigned int i)
{
	memmove(&mm->vmas[i], &mm->vmas[i + 1], (mm->nr_vmas - i - 1) * sizeof(struct vma));
	mm->nr_vmas--;
}

int vma_add(struct mm *mm, unsigned long start, unsigned long end, unsigned int flags)
{
	unsigned int i = vma_index(mm, start);
	struct vma *prev = i ? &mm->vmas[i - 1] : NULL, *next = i < mm->nr_vmas ? &mm->vmas[i] : NULL;
	bool join_prev = prev && prev->end == start && prev->flags == flags;
	bool join_next = next && next->start == end && next->flags == flags;

	if (start >= end || end > USER_TOP || (next && next->start < end))
		return -EINVAL;
	/* Neighbours with the same flags are one region: a heap grown by brk stays one. */
	if (join_prev && join_next) {
		prev->end = next->end;
		vma_delete(mm, i);
	} else if (join_prev) {
		prev->end = end;
	} else if (join_next) {
		next->start = start;
	} else if (mm->nr_vmas == MAX_VMAS) {
		return -ENOMEM;
	} else {
		vma_insert(mm, i, (struct vma){ start, end, flags });
	}
	return 0;
}

unsigned long vma_gap(const struct mm *mm, unsigned long len)
{
	unsigned long lo = USER_MMAP_BASE;

	for (unsigned int i = 0; i <= mm->nr_vmas; i++) {
		unsigned long hi = i < mm->nr_vmas ? mm->vmas[i].start : USER_TOP;

		if (hi > lo && hi - lo >= len + PAGE_SIZE)
			return lo;
		if (i < mm->nr_vmas && mm->vmas[i].end + PAGE_SIZE > lo)
			lo = mm->vmas[i].end + PAGE_SIZE;
	}
	return 0;
}

/*
 * munmap's walk (and exit's): its range, frames to free, and what to
 * flush: the pages unmapped, as long as they are few, or everything
 * (nr_va past TLB_FLUSH_PAGES_MAX).
 */
struct unmap {
	unsigned long start, last;
	struct page *free;
	bool flush;
	unsigned long va[TLB_FLUSH_PAGES_MAX];
	unsigned int nr_va;
};

static void flush_later(struct unmap *u, unsigned long va)
{
	if (u->nr_va < TLB_FLUSH_PAGES_MAX)
		u->va[u->nr_va] = va;
	u->nr_va++;
	u->flush = true;
}

static void free_later(struct unmap *u, struct page *page)
{
	page->next = u->free;
	u->free = page;
}

static void put_later(struct unmap *u, struct page *page)
{
	if (user_page_unref(page))
		free_later(u, page);
}

static void unmap_leaf(void *ctx, pteval_t *pte, unsigned long va)
{
	struct unmap *u = ctx;
	struct page *page = entry_page(*pte);

	pv_mmu_ops.set_pte(pte, 0);
	flush_later(u, va);
	put_later(u, page);
}

/* A leaf of a subtree that goes whole: its entry goes with its table. */
static void drop_leaf(void *ctx, pteval_t *pte, unsigned long va)
{
	struct unmap *u = ctx;

	flush_later(u, va);
	put_later(u, entry_page(*pte));
}

/*
 * A table of a subtree that goes whole, once Xen has dropped its type
 * (the unhook or unpin above it comes first in the batch): made writable
 * again, freed after the batch.
 */
static void drop_table(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va)
{
	struct unmap *u = ctx;
	pteval_t *table = pt_next_table(*entry);

	(void)va;
	pv_mmu_ops.release_pt(virt_to_pfn(table), level - 1);
	free_later(u, virt_to_page(table));
}

/* The tables and leaves below a table that goes whole, deepest first. */
static const struct pt_visitor drop = { .leaf = drop_leaf, .leave = drop_table };

static void found_leaf(void *ctx, pteval_t *pte, unsigned long va)
{
	(void)pte, (void)va;
	*(bool *)ctx = true;
}

static bool not_found_yet(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va)
{
	(void)entry, (void)level, (void)va;
	return !*(bool *)ctx;
}

/*
 * Whether a page is mapped in @p entry's span outside the range, so that
 * its table stays.  Read from memory while lazy mode holds this walk's
 * writes back, which is right: they all fall inside the range.
 */
static bool mapped_outside(const struct unmap *u, const pteval_t *entry, enum pt_level level,
			   unsigned long va)
{
	static const struct pt_visitor find = { .leaf = found_leaf, .enter = not_found_yet };
	pteval_t *table = pt_next_table(*entry);
	unsigned long last = va + (pt_span(level) - 1);
	bool found = false;

	if (va < u->start)
		pt_walk_range(table, level - 1, va, u->start - 1, &find, &found);
	if (!found && last > u->last)
		pt_walk_range(table, level - 1, u->last + 1, last, &find, &found);
	return found;
}

/*
 * A table that would be left empty goes whole, unhooked at the highest
 * level that empties, its entries not cleared one by one: Xen drops the
 * type of the whole subtree in the put it defers for that one unhook, and
 * re-enters the hypercall once for it, so munmap's trips into Xen grow
 * neither with its length nor with the depth of the tables it empties.
 */
static bool unmap_enter(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va)
{
	struct unmap *u = ctx;
	pteval_t hooked = *entry;

	if (mapped_outside(u, entry, level, va))
		return true;
	set_entry_at(level, entry, 0);
	pt_walk_range(pt_next_table(hooked), level - 1, va, va + (pt_span(level) - 1), &drop, u);
	drop_table(u, &hooked, level, va);
	u->flush = true;
	return false;
}

/* Only once the entries are gone, the TLB clean and the tables writable: reuse is safe. */
static void free_unmapped(struct unmap *u)
{
	while (u->free) {
		struct page *page = u->free;

		u->free = page->next;
		free_page(page);
	}
}

/* Unmap [start, end): the cost follows what is mapped there, empty tables are freed. */
static void unmap_range(struct mm *mm, unsigned long start, unsigned long end)
{
	static const struct pt_visitor unmap = { .leaf = unmap_leaf, .enter = unmap_enter };
	struct unmap u = { .start = start, .last = end - 1, .free = NULL };

	pv_mmu_ops.lazy_mode_enter();
	pt_walk_range(mm->pgd, PT_PGD, start, end - 1, &unmap, &u);
	if (u.flush)
		flush_tlb_mm_leave_lazy(mm, u.va, u.nr_va);
	else
		pv_mmu_ops.lazy_mode_leave();
	/* Only now are the entries gone, every TLB clean and the tables writable: reuse is safe. */
	free_unmapped(&u);
}

int vma_remove(struct mm *mm, unsigned long start, unsigned long end)
{
	unsigned int i = vma_index(mm, start);
	bool split = i < mm->nr_vmas && mm->vmas[i].start < start && end < mm->vmas[i].end;

	/* Checked before anything changes: a call that cannot complete changes nothing. */
	if (split && mm->nr_vmas == MAX_VMAS)
		return -ENOMEM;
	unmap_range(mm, start, end);
	if (split) {
		vma_insert(mm, i + 1, (struct vma){ end, mm->vmas[i].end, mm->vmas[i].flags });
		mm->vmas[i].end = start;
		return 0;
	}
	while (i < mm->nr_vmas && mm->vmas[i].start < end) {
		struct vma *v = &mm->vmas[i];

		if (v->start < start)
			v->end = start, i++;
		else if (v->end > end)
			v->start = end, i++;
		else
			vma_delete(mm, i);
	}
	return 0;
}

/*
 * A present entry changes, so its old translation may be cached, here or on
 * another vCPU: the update and the INVLPG go to Xen as one multicall, in
 * that order.
 */
static void replace_pte(const struct mm *mm, pteval_t *pte, pteval_t val, unsigned long va)
{
	pv_mmu_ops.lazy_mode_enter();
	pv_mmu_ops.set_pte(pte, val);
	flush_tlb_mm_leave_lazy(mm, &va, 1);
}

static int break_cow(const struct mm *mm, pteval_t *pte, unsigned long va)
{
	struct page *old = entry_page(*pte), *new;
	pteval_t flags = (*pte & ~(PTE_ADDR_MASK | _PAGE_COW)) | _PAGE_RW;

	if (page_ref_count(old) == 1) {	/* the other sharer is gone: take the page */
		replace_pte(mm, pte, (*pte & ~_PAGE_COW) | _PAGE_RW, va);
		return 0;
	}
	new = alloc_page();
	if (!new)
		return -ENOMEM;
	memcpy(page_address(new), page_address(old), PAGE_SIZE);
	replace_pte(mm, pte, pt_make_entry(page_to_pfn(new), flags), va);
	put_user_page(old);
	return 0;
}

int handle_user_fault(struct mm *mm, unsigned long va, bool write)
{
	struct vma *vma = va < USER_TOP ? find_vma(mm, va) : NULL;
	unsigned long page_va = ALIGN_DOWN(va, PAGE_SIZE);
	pteval_t *pte;
	struct page *page;
	int rc;

	if (vma && (vma->flags & VMA_NONE))
		return -EACCES;
	if (!vma || (write && !(vma->flags & VMA_WRITE)))
		return -EFAULT;
	pte = present_pte(mm, page_va);
	if (pte) {
		if (!write || (*pte & _PAGE_RW))
			return 1;	/* the entry already allows it: nothing changed */
		if (!(*pte & _PAGE_COW))
			return -EFAULT;
		return break_cow(mm, pte, page_va);
	}
	/* x86 caches no not-present entry: filling one needs no flush. */
	page = alloc_page();
	if (!page)
		return -ENOMEM;
	memset(page_address(page), 0, PAGE_SIZE);
	rc = map_user_page(mm, page_va, page, vma->flags);
	if (rc)
		free_page(page);
	return rc;
}

/*
 * No reference is taken: the kernel is never preempted, so the page stays
 * the process's until the process itself changes its mappings.
 */
int user_page_get(struct mm *mm, unsigned long va, bool write, struct page **page)
{
	struct vma *vma = va < USER_TOP ? find_vma(mm, va) : NULL;
	pteval_t *pte;
	int rc;

	if (!vma || (vma->flags & VMA_NONE) || (write && !(vma->flags & VMA_WRITE)))
		return -EFAULT;
	pte = present_pte(mm, ALIGN_DOWN(va, PAGE_SIZE));
	if (!pte && !write) {
		*page = NULL;	/* untouched anonymous memory reads as zeros: no frame for that */
		return 0;
	}
	if (!pte || (write && !(*pte & _PAGE_RW))) {
		rc = handle_user_fault(mm, va, write);
		if (rc < 0)
			return rc;
		pte = present_pte(mm, ALIGN_DOWN(va, PAGE_SIZE));
	}
	*page = entry_page(*pte);
	return 0;
}

static bool count_table(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va)
{
	(void)entry, (void)level, (void)va;
	++*(unsigned long *)ctx;
	return true;
}

/* fork's copy: the copy of the table being walked at each level (PT_PGD: the new roots). */
struct copy {
	pteval_t *dst[PT_PGD + 1];
};

static bool copy_enter(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va)
{
	struct copy *c = ctx;
	pteval_t *table = page_address(alloc_page());	/* counted beforehand: cannot fail */

	(void)entry;
	memset(table, 0, PAGE_SIZE);
	mmu_stat_add(pt_pages, 1);
	c->dst[level][pt_index(va, level)] = pt_make_entry(virt_to_pfn(table), USER_TABLE);
	c->dst[level - 1] = table;
	return true;
}

/* Writable leaves become read-only copy-on-write in both. */
static void copy_leaf(void *ctx, pteval_t *pte, unsigned long va)
{
	struct copy *c = ctx;
	pteval_t e = *pte;

	if (e & _PAGE_RW) {
		e = (e & ~_PAGE_RW) | _PAGE_COW;
		pv_mmu_ops.set_pte(pte, e);
	}
	user_page_ref(entry_page(e));
	c->dst[PT_PTE][pt_index(va, PT_PTE)] = e;
}

int mm_copy(struct mm *dst, const struct mm *src)
{
	static const struct pt_visitor count = { .enter = count_table };
	static const struct pt_visitor copy = { .leaf = copy_leaf, .enter = copy_enter };
	pteval_t roots[USER_SLOTS] = { 0 };
	struct copy c = { .dst[PT_PGD] = roots };
	struct page *vmas = alloc_page();
	unsigned long need = 0;

	if (!vmas)
		return -ENOMEM;
	pt_walk_range(src->pgd, PT_PGD, 0, USER_TOP - 1, &count, &need);
	/* Copy-on-write may need pages later, but the copy itself must not fail halfway. */
	if (nr_free_pages() < need + 16) {
		free_page(vmas);
		return -ENOMEM;
	}
	dst->vmas = page_address(vmas);
	memcpy(dst->vmas, src->vmas, src->nr_vmas * sizeof(struct vma));
	dst->nr_vmas = src->nr_vmas;
	dst->brk_start = src->brk_start;
	dst->brk = src->brk;

	pv_mmu_ops.lazy_mode_enter();
	pt_walk_range(src->pgd, PT_PGD, 0, USER_TOP - 1, &copy, &c);
	for (unsigned int slot = 0; slot < USER_SLOTS; slot++) {
		if (!(roots[slot] & _PAGE_PRESENT))
			continue;
		pt_announce_tables(pt_next_table(roots[slot]), PT_PUD);
		pv_mmu_ops.set_pgd(&dst->pgd[slot], roots[slot]);
	}
	/* The parent's pages just became read-only: drop its writable TLB entries, on every vCPU. */
	flush_tlb_mm_leave_lazy(src, NULL, 0);
	return 0;
}

void mm_destroy(struct mm *mm)
{
	pteval_t roots[USER_SLOTS];
	struct unmap u = { .free = NULL };

	/*
	 * No vCPU may have it loaded, even lazily: its TLB would keep the frames
	 * freed below, and Xen would keep a type reference on the pgd pair.
	 */
	drop_mm_ref(mm);
	BUG_ON(pv_mmu_ops.read_cr3() == __pa(mm->pgd));
	/*
	 * The pgd pair is unpinned first, and Xen drops the types of the whole
	 * tree below it in that one call.  Unhooking the user half entry by
	 * entry would cost a trip into Xen more per entry: Xen defers the put
	 * of a table an mmu_update unhooks, and always re-enters the
	 * hypercall to finish it.
	 */
	memcpy(roots, mm->pgd, sizeof(roots));
	pv_mmu_ops.lazy_mode_enter();
	pv_mmu_ops.pgd_free(mm);
	pt_walk_range(roots, PT_PGD, 0, USER_TOP - 1, &drop, &u);
	pv_mmu_ops.lazy_mode_leave();
	/*
	 * Only once Xen has made them writable may the frames be reused; no
	 * flush: no vCPU has the mm loaded.
	 */
	free_unmapped(&u);
	free_page(virt_to_page(mm->vmas));
	mm->vmas = NULL;
	mm->nr_vmas = 0;
}
