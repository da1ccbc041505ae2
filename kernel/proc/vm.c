/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/vm.c
 * @brief User address spaces: regions, demand-zero paging, copy-on-write.
 *
 * Everything goes through pv_mmu_ops.  A table added to a live address
 * space is made read-only (alloc_pt) before it is hooked; fork builds the
 * child's tables as plain memory and hooks each finished subtree at once,
 * so Xen validates it in one go; exit unhooks first, so Xen drops its types,
 * then makes the tables writable again and frees them.
 */
#include <string.h>
#include "errno.h"
#include "proc.h"
#include "pv_mmu.h"

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

/* The pte for @p va, adding missing tables to the live address space. */
static pteval_t *user_pte(struct mm *mm, unsigned long va)
{
	pteval_t *table = mm->pgd;

	/* Each new table is hooked before the next walk reads it: no lazy mode here. */
	BUG_ON(xen_mc_lazy());
	for (enum pt_level level = PT_PGD; level > PT_PTE; level--) {
		pteval_t *e = &table[pt_index(va, level)];

		if (!(*e & _PAGE_PRESENT)) {
			struct page *page = alloc_page();

			if (!page)
				return NULL;
			memset(page_address(page), 0, PAGE_SIZE);
			pv_mmu_ops.alloc_pt(page_to_pfn(page), level - 1);
			set_entry_at(level, e, pt_make_entry(page_to_pfn(page), USER_TABLE));
			mmu_stats.pt_pages++;
		}
		table = pt_next_table(*e);
	}
	return &table[pt_index(va, PT_PTE)];
}

int map_user_page(struct mm *mm, unsigned long va, struct page *page, unsigned int vma_flags)
{
	pteval_t *pte = user_pte(mm, va);

	if (!pte)
		return -ENOMEM;
	pv_mmu_ops.set_pte(pte, pt_make_entry(page_to_pfn(page), leaf_flags(vma_flags)));
	return 0;
}

void put_user_page(struct page *page)
{
	if (--page->refcount == 0)
		free_page(page);
}

int mm_create(struct mm *mm)
{
	memset(mm, 0, sizeof(*mm));
	mm->mmap_next = USER_MMAP_BASE;
	return pv_mmu_ops.pgd_alloc(mm);
}

static struct vma *find_vma(struct mm *mm, unsigned long va)
{
	for (unsigned int i = 0; i < NR_VMAS; i++)
		if (mm->vmas[i].end && va >= mm->vmas[i].start && va < mm->vmas[i].end)
			return &mm->vmas[i];
	return NULL;
}

int vma_add(struct mm *mm, unsigned long start, unsigned long end, unsigned int flags)
{
	for (unsigned int i = 0; i < NR_VMAS; i++) {
		if (!mm->vmas[i].end) {
			mm->vmas[i] = (struct vma){ start, end, flags };
			return 0;
		}
	}
	return -ENOMEM;
}

static void unmap_range(struct mm *mm, unsigned long start, unsigned long end)
{
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		pteval_t *pte = pt_walk(mm->pgd, va, PT_PTE);

		if (pte && (*pte & _PAGE_PRESENT)) {
			struct page *page = entry_page(*pte);

			pv_mmu_ops.set_pte(pte, 0);
			pv_mmu_ops.flush_tlb_single(va);
			put_user_page(page);
		}
	}
}

/* Unmap [start, end) and cut it out of the regions, splitting one if needed. */
void vma_remove(struct mm *mm, unsigned long start, unsigned long end)
{
	unmap_range(mm, start, end);
	for (unsigned int i = 0; i < NR_VMAS; i++) {
		struct vma v = mm->vmas[i];

		if (!v.end || end <= v.start || start >= v.end)
			continue;
		mm->vmas[i].end = 0;
		if (v.start < start)
			vma_add(mm, v.start, start, v.flags);
		if (end < v.end && vma_add(mm, end, v.end, v.flags))
			printk("vm: no region slot left to split %#lx-%#lx; tail dropped\n", v.start, v.end);
	}
}

static int break_cow(pteval_t *pte)
{
	struct page *old = entry_page(*pte), *new;
	pteval_t flags = (*pte & ~(PTE_ADDR_MASK | _PAGE_COW)) | _PAGE_RW;

	if (old->refcount == 1) {	/* the other sharer is gone: take the page */
		pv_mmu_ops.set_pte(pte, (*pte & ~_PAGE_COW) | _PAGE_RW);
		return 0;
	}
	new = alloc_page();
	if (!new)
		return -ENOMEM;
	memcpy(page_address(new), page_address(old), PAGE_SIZE);
	pv_mmu_ops.set_pte(pte, pt_make_entry(page_to_pfn(new), flags));
	put_user_page(old);
	return 0;
}

int handle_user_fault(struct mm *mm, unsigned long va, bool write)
{
	struct vma *vma = va < USER_TOP ? find_vma(mm, va) : NULL;
	unsigned long page_va = ALIGN_DOWN(va, PAGE_SIZE);
	pteval_t *pte;
	struct page *page;
	int rc = 0;

	if (!vma || (write && !(vma->flags & VMA_WRITE)))
		return -EFAULT;
	pte = pt_walk(mm->pgd, page_va, PT_PTE);
	if (pte && (*pte & _PAGE_PRESENT)) {
		if (!write || (*pte & _PAGE_RW))
			return 0;	/* another access got here first */
		if (!(*pte & _PAGE_COW))
			return -EFAULT;
		rc = break_cow(pte);
	} else {
		page = alloc_page();
		if (!page)
			return -ENOMEM;
		memset(page_address(page), 0, PAGE_SIZE);
		rc = map_user_page(mm, page_va, page, vma->flags);
		if (rc)
			free_page(page);
	}
	pv_mmu_ops.flush_tlb_single(page_va);
	return rc;
}

int user_page_get(struct mm *mm, unsigned long va, bool write, struct page **page)
{
	struct vma *vma = va < USER_TOP ? find_vma(mm, va) : NULL;
	pteval_t *pte;
	int rc;

	if (!vma || (write && !(vma->flags & VMA_WRITE)))
		return -EFAULT;
	pte = pt_walk(mm->pgd, ALIGN_DOWN(va, PAGE_SIZE), PT_PTE);
	if (!write && !(pte && (*pte & _PAGE_PRESENT))) {
		*page = NULL;	/* untouched anonymous memory reads as zeros: no frame for that */
		return 0;
	}
	if (!(pte && (*pte & _PAGE_PRESENT)) || (write && !(*pte & _PAGE_RW))) {
		rc = handle_user_fault(mm, va, write);
		if (rc)
			return rc;
		pte = pt_walk(mm->pgd, ALIGN_DOWN(va, PAGE_SIZE), PT_PTE);
	}
	*page = entry_page(*pte);
	return 0;
}

int user_range_ok(struct mm *mm, unsigned long addr, unsigned long len, bool write)
{
	if (addr + len < addr || addr + len > USER_TOP)
		return -EFAULT;
	for (unsigned long va = ALIGN_DOWN(addr, PAGE_SIZE); va < addr + len; va += PAGE_SIZE) {
		pteval_t *pte = pt_walk(mm->pgd, va, PT_PTE);

		if (pte && (*pte & _PAGE_PRESENT) && (!write || (*pte & _PAGE_RW)))
			continue;
		if (handle_user_fault(mm, va, write))
			return -EFAULT;
	}
	return 0;
}

/* Tables a copy of @p table (at @p level, a user subtree) needs, itself included. */
static unsigned long count_tables(const pteval_t *table, enum pt_level level)
{
	unsigned long n = 1;

	for (unsigned int i = 0; level > PT_PTE && i < PTRS_PER_TABLE; i++)
		if (table[i] & _PAGE_PRESENT)
			n += count_tables(pt_next_table(table[i]), level - 1);
	return n;
}

/*
 * Copy one subtree into fresh plain pages; writable leaves become read-only
 * copy-on-write in both.  Returns the copy's address.
 */
static pteval_t *copy_table(pteval_t *src, enum pt_level level)
{
	struct page *page = alloc_page();	/* counted beforehand: cannot fail */
	pteval_t *dst = page_address(page);

	for (unsigned int i = 0; i < PTRS_PER_TABLE; i++) {
		pteval_t e = src[i];

		if (!(e & _PAGE_PRESENT)) {
			dst[i] = 0;
		} else if (level > PT_PTE) {
			dst[i] = pt_make_entry(virt_to_pfn(copy_table(pt_next_table(e), level - 1)),
					       USER_TABLE);
		} else {
			if (e & _PAGE_RW) {
				e = (e & ~_PAGE_RW) | _PAGE_COW;
				pv_mmu_ops.set_pte(&src[i], e);
			}
			entry_page(e)->refcount++;
			dst[i] = e;
		}
	}
	mmu_stats.pt_pages++;
	return dst;
}

int mm_copy(struct mm *dst, const struct mm *src)
{
	unsigned long need = 0;

	for (unsigned int slot = 0; slot < USER_SLOTS; slot++)
		if (src->pgd[slot] & _PAGE_PRESENT)
			need += count_tables(pt_next_table(src->pgd[slot]), PT_PUD);
	/* Copy-on-write may need pages later, but the copy itself must not fail halfway. */
	if (nr_free_pages() < need + 16)
		return -ENOMEM;
	memcpy(dst->vmas, src->vmas, sizeof(dst->vmas));
	dst->brk_start = src->brk_start;
	dst->brk = src->brk;
	dst->mmap_next = src->mmap_next;

	pv_mmu_ops.lazy_mode_enter();
	for (unsigned int slot = 0; slot < USER_SLOTS; slot++) {
		pteval_t *copy;

		if (!(src->pgd[slot] & _PAGE_PRESENT))
			continue;
		copy = copy_table(pt_next_table(src->pgd[slot]), PT_PUD);
		pt_announce_tables(copy, PT_PUD);
		pv_mmu_ops.set_pgd(&dst->pgd[slot], pt_make_entry(virt_to_pfn(copy), USER_TABLE));
	}
	/* The parent's pages just became read-only: drop its writable TLB entries. */
	pv_mmu_ops.flush_tlb_user();
	pv_mmu_ops.lazy_mode_leave();
	return 0;
}

/* Release (and afterwards free) every table under @p table; put every user page. */
static void release_tables(pteval_t *table, enum pt_level level, bool free)
{
	for (unsigned int i = 0; i < PTRS_PER_TABLE; i++) {
		if (!(table[i] & _PAGE_PRESENT))
			continue;
		if (level > PT_PTE)
			release_tables(pt_next_table(table[i]), level - 1, free);
		else if (!free)
			put_user_page(entry_page(table[i]));
	}
	if (free)
		free_page(virt_to_page(table));
	else
		pv_mmu_ops.release_pt(virt_to_pfn(table), level);
}

void mm_destroy(struct mm *mm)
{
	pteval_t roots[USER_SLOTS];

	/* Unhook the user half first: Xen then drops its page-table types. */
	BUG_ON(pv_mmu_ops.read_cr3() == __pa(mm->pgd));
	memcpy(roots, mm->pgd, sizeof(roots));
	pv_mmu_ops.lazy_mode_enter();
	for (unsigned int slot = 0; slot < USER_SLOTS; slot++) {
		if (!(roots[slot] & _PAGE_PRESENT))
			continue;
		pv_mmu_ops.set_pgd(&mm->pgd[slot], 0);
		release_tables(pt_next_table(roots[slot]), PT_PUD, false);
	}
	pv_mmu_ops.lazy_mode_leave();
	/* Only once Xen has made them writable may the frames be reused. */
	for (unsigned int slot = 0; slot < USER_SLOTS; slot++)
		if (roots[slot] & _PAGE_PRESENT)
			release_tables(pt_next_table(roots[slot]), PT_PUD, true);
	pv_mmu_ops.pgd_free(mm);
}
