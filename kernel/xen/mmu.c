/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/mmu.c
 * @brief pv_mmu_ops for Xen: checked, batched page-table updates and write_cr3.
 *
 * A 64-bit PV kernel and its user space both run in ring 3; Xen keeps a
 * kernel and a user page table per vCPU and switches between them on
 * kernel entry and exit.  So the full write_cr3 loads two base pointers:
 * the kernel pgd given, and the user pgd found through the kernel pgd
 * page's struct page->private.  Before struct pages exist that lookup
 * faults — the bug of the seed commit — so an early variant loads only the
 * kernel %cr3.  When the early variant hands over to the late one is the
 * write_cr3= policy.
 */
#include <string.h>
#include "clock.h"
#include "errno.h"
#include "hypercall.h"
#include "mmu_stats.h"
#include "multicall.h"
#include "page_alloc.h"
#include "percpu.h"
#include "pgtable.h"
#include "pv_mmu.h"
#include "smp.h"
#include "xen_mmu.h"

unsigned int param_write_cr3;
unsigned long kmap_end_pfn;

static const char *const policy_names[] = { "ready", "seed", "late" };

static unsigned long xen_read_cr3(void)
{
	return this_cpu()->xen_cr3;
}

/* Run by the batch once Xen has really switched: only now is the pgd in use here. */
static void set_current_cr3(void *cr3)
{
	/* Other vCPUs read it (drop_mm_ref, kernel/proc/tlb.c). */
	__atomic_store_n(&this_cpu()->xen_current_cr3, (unsigned long)cr3, __ATOMIC_RELEASE);
}

/*
 * Inside the batch, so with events masked: an IPI handler on this vCPU sees
 * xen_cr3 and the queued switch change together, and xen_current_cr3 only
 * after Xen has done it (docs/smp.md).
 */
static void set_cr3(unsigned long cr3)
{
	this_cpu()->xen_cr3 = cr3;
	xen_mc_callback(set_current_cr3, (void *)cr3);
}

static void queue_base_ptr(bool kernel, unsigned long cr3)
{
	xen_mc_mmuext_op(kernel ? MMUEXT_NEW_BASEPTR : MMUEXT_NEW_USER_BASEPTR,
			 cr3 ? pfn_to_mfn(cr3 >> PAGE_SHIFT) : 0, MMU_SITE_WRITE_CR3);
}

/** Load the kernel %cr3 only: what setup_kernel_pagetable and the early variant need. */
void xen_load_kernel_cr3(unsigned long cr3)
{
	xen_mc_batch();
	set_cr3(cr3);
	queue_base_ptr(true, cr3);
	xen_mc_issue();
}

/* Kept out of line so that a crash here names it, as in the seed's backtrace. */
static __attribute__((noinline)) pteval_t *xen_get_user_pgd(pteval_t *pgd)
{
	/* The read that faulted in 2013: struct page lives in vmemmap. */
	return (pteval_t *)virt_to_page(pgd)->private;
}

static unsigned long xen_read_user_cr3(void)
{
	pteval_t *user_pgd = xen_get_user_pgd(__va(this_cpu()->xen_cr3));

	return user_pgd ? __pa(user_pgd) : 0;
}

/*
 * Each call is named before it runs, until the late variant has run once
 * (after that it runs at every switch): the last line before a crash says
 * which variant crashed (docs/seed.md).
 */
static bool late_cr3_ran;

static void announce_cr3(const char *variant, unsigned long cr3)
{
	if (!late_cr3_ran)
		printk("mmu: write_cr3(pfn %#lx): %s\n", cr3 >> PAGE_SHIFT, variant);
}

static void xen_write_cr3(unsigned long cr3)
{
	pteval_t *user_pgd;

	announce_cr3("late variant xen_write_cr3 (reads the pgd's struct page)", cr3);
	user_pgd = xen_get_user_pgd(__va(cr3));

	late_cr3_ran = true;
	xen_mc_batch();
	set_cr3(cr3);
	queue_base_ptr(true, cr3);
	/* No user pgd: 0 makes a return to user mode crash rather than run on stale tables. */
	queue_base_ptr(false, user_pgd ? __pa(user_pgd) : 0);
	xen_mc_issue();
}

static void xen_write_cr3_init(unsigned long cr3)
{
	announce_cr3("early variant xen_write_cr3_init (kernel pgd only)", cr3);
	xen_load_kernel_cr3(cr3);
	/* The seed commit: after its first call the early variant replaces itself. */
	if (param_write_cr3 == CR3_SEED)
		pv_mmu_ops.write_cr3 = xen_write_cr3;
}

static void set_entry(pteval_t *ptep, pteval_t val, enum mmu_site_id site)
{
	xen_mc_mmu_update(pt_entry_machine_address(ptep), val, site);
}

static void xen_set_pte(pteval_t *ptep, pteval_t val) { set_entry(ptep, val, MMU_SITE_SET_PTE); }
static void xen_set_pmd(pteval_t *pmdp, pteval_t val) { set_entry(pmdp, val, MMU_SITE_SET_PMD); }
static void xen_set_pud(pteval_t *pudp, pteval_t val) { set_entry(pudp, val, MMU_SITE_SET_PUD); }
/* A user slot goes into the user pgd too: Xen loads that one in user mode. */
static void xen_set_pgd(pteval_t *pgdp, pteval_t val)
{
	unsigned int slot = (unsigned int)(((unsigned long)pgdp & (PAGE_SIZE - 1)) / sizeof(pteval_t));
	pteval_t *user_pgd;

	BUG_ON(slot >= XEN_FIRST_SLOT && slot <= XEN_LAST_SLOT);
	set_entry(pgdp, val, MMU_SITE_SET_PGD);
	if (slot < XEN_FIRST_SLOT && (user_pgd = xen_get_user_pgd(pgdp - slot)))
		set_entry(&user_pgd[slot], val, MMU_SITE_SET_PGD);
}

static void queue_flush(unsigned int cmd, unsigned long va)
{
	xen_mc_batch();
	xen_mc_mmuext_op(cmd, va, MMU_SITE_FLUSH_TLB);
	xen_mc_issue();
}

static void xen_flush_tlb(void) { queue_flush(MMUEXT_TLB_FLUSH_LOCAL, 0); }
static void xen_flush_tlb_single(unsigned long va) { queue_flush(MMUEXT_INVLPG_LOCAL, va); }

/*
 * Xen flushes the other vCPUs itself (they need no IPI of ours): it reads
 * the mask when it reaches the op, so in a multicall after the updates it
 * sees every vCPU that had loaded the mm by the time they were done.
 */
static void xen_flush_tlb_multi(const struct cpumask *mask, const unsigned long *va, unsigned int nr)
{
	BUG_ON(nr > TLB_FLUSH_PAGES_MAX);
	xen_mc_batch();
	if (!nr)
		xen_mc_mmuext_op_mask(MMUEXT_TLB_FLUSH_MULTI, 0, mask->bits, MMU_SITE_FLUSH_TLB);
	for (unsigned int i = 0; i < nr; i++)
		xen_mc_mmuext_op_mask(MMUEXT_INVLPG_MULTI, va[i], mask->bits, MMU_SITE_FLUSH_TLB);
	xen_mc_issue();
}

/*
 * Set the flags of every mapping of @p pfn the kernel has: the kernel-map
 * alias of low frames and the direct map.  A page-table page must have no
 * writable mapping left, or Xen refuses to use it.
 */
static void set_aliases(unsigned long pfn, pteval_t flags, enum mmu_site_id site)
{
	unsigned long va[2];
	unsigned int n = 0;

	if (pfn < kmap_end_pfn)
		va[n++] = (unsigned long)kmap_pfn(pfn);
	if (direct_map_ready)
		va[n++] = (unsigned long)pfn_to_virt(pfn);
	for (unsigned int i = 0; i < n; i++) {
		pteval_t *ptep = pt_walk(init_pgd, va[i], PT_PTE);

		if (ptep && (*ptep & _PAGE_PRESENT))
			set_entry(ptep, pt_make_entry(pfn, flags), site);
	}
}

static void xen_alloc_pt_init(unsigned long pfn, enum pt_level level)
{
	(void)level;
	set_aliases(pfn, PAGE_KERNEL_RO, MMU_SITE_ALLOC_PT);
}

static void xen_alloc_pt(unsigned long pfn, enum pt_level level)
{
	struct page *page = pfn_to_page(pfn);

	set_aliases(pfn, PAGE_KERNEL_RO, MMU_SITE_ALLOC_PT);
	page->flags |= PG_pagetable;
	page->pt_level = level;
	mmu_stat_add(pt_live, 1);
}

static void xen_release_pt(unsigned long pfn, enum pt_level level)
{
	struct page *page = pfn_to_page(pfn);

	BUG_ON(!(page->flags & PG_pagetable) || page->pt_level != (unsigned int)level);
	set_aliases(pfn, PAGE_KERNEL, MMU_SITE_RELEASE_PT);
	page->flags &= ~(PG_pagetable | PG_pinned);
	mmu_stat_add(pt_live, -1UL);
}

static void pin(struct page *page)
{
	xen_mc_mmuext_op(MMUEXT_PIN_L4_TABLE, pfn_to_mfn(page_to_pfn(page)), MMU_SITE_PGD_ALLOC_PIN);
	page->flags |= PG_pinned;
}

static void unpin(struct page *page)
{
	xen_mc_mmuext_op(MMUEXT_UNPIN_TABLE, pfn_to_mfn(page_to_pfn(page)), MMU_SITE_PGD_FREE_UNPIN);
}

/*
 * A new address space: a kernel pgd that shares the kernel's tables and an
 * empty user pgd, both read-only and pinned, so that later switches to them
 * cost Xen no revalidation.
 */
static int xen_pgd_alloc(struct mm *mm)
{
	struct page *kpage = alloc_page(), *upage = alloc_page();
	pteval_t *pgd, *user;

	if (!kpage || !upage) {
		if (kpage)
			free_page(kpage);
		if (upage)
			free_page(upage);
		return -ENOMEM;
	}
	pgd = page_address(kpage);
	user = page_address(upage);
	memset(pgd, 0, PAGE_SIZE / 2);
	/* Xen writes its own slots 256-271 when it validates the page. */
	memcpy(pgd + PTRS_PER_TABLE / 2, init_pgd + PTRS_PER_TABLE / 2, PAGE_SIZE / 2);
	memset(user, 0, PAGE_SIZE);
	kpage->private = (unsigned long)user;

	xen_mc_batch();
	pv_mmu_ops.alloc_pt(page_to_pfn(kpage), PT_PGD);
	pv_mmu_ops.alloc_pt(page_to_pfn(upage), PT_PGD);
	pin(kpage);
	pin(upage);
	xen_mc_issue();
	mm->pgd = pgd;
	return 0;
}

/* Run once the batch is sent: only then are the pair's frames writable, so reusable. */
static void free_pgd_pair(void *data)
{
	struct page *kpage = data, *upage = virt_to_page((void *)kpage->private);

	kpage->private = 0;
	free_page(kpage);
	free_page(upage);
}

/*
 * Unpinned, the pair drops its type, and with it, in the same call, the
 * type of every table below its user half: so a caller need not unhook
 * them first.  Safe in lazy mode: the frames are freed after the batch.
 */
static void xen_pgd_free(struct mm *mm)
{
	struct page *kpage = virt_to_page(mm->pgd);
	struct page *upage = virt_to_page((void *)kpage->private);

	xen_mc_batch();
	unpin(kpage);
	unpin(upage);
	pv_mmu_ops.release_pt(page_to_pfn(kpage), PT_PGD);
	pv_mmu_ops.release_pt(page_to_pfn(upage), PT_PGD);
	xen_mc_callback(free_pgd_pair, kpage);
	xen_mc_issue();
	mm->pgd = NULL;
}

/* A share of pin_leaf_tables: this many pmd entries, 128 MiB of the subtree, one trip into Xen. */
#define LEAF_CHUNK 64
#define CHUNKS_PER_PMD (PTRS_PER_TABLE / LEAF_CHUNK)
/*
 * Fewer leaf tables than this (1 GiB) are pinned by this vCPU alone: under
 * TCG a helper takes some 10-30 ms to start, about what Xen needs to
 * validate 64-128 leaf tables, so a small subtree (256 MiB, the vmemmap)
 * would only wait for it.
 */
#define SHARE_MIN_LEAVES 512

struct leaf_job {
	pteval_t *pud;
	unsigned int cmd;
	enum mmu_site_id site;
	unsigned long next;		/* the next share to take, from any vCPU */
	unsigned long *done;		/* tables each vCPU did, or NULL */
};

static unsigned long count_leaves(const pteval_t *pud)
{
	unsigned long n = 0;

	for (unsigned int i = 0; i < PTRS_PER_TABLE; i++) {
		const pteval_t *pmd = pud[i] & _PAGE_PRESENT ? pt_next_table(pud[i]) : NULL;

		for (unsigned int j = 0; pmd && j < PTRS_PER_TABLE; j++)
			n += pmd[j] & _PAGE_PRESENT;
	}
	return n;
}

/* Every vCPU takes shares until none is left, so one that starts late or never just does less. */
static void pin_leaf_shares(void *arg)
{
	struct leaf_job *job = arg;
	unsigned long n;

	while ((n = __atomic_fetch_add(&job->next, 1, __ATOMIC_RELAXED)) <
	       PTRS_PER_TABLE * CHUNKS_PER_PMD) {
		pteval_t pud = job->pud[n / CHUNKS_PER_PMD];
		const pteval_t *pmd;

		if (!(pud & _PAGE_PRESENT))
			continue;
		pmd = pt_next_table(pud) + n % CHUNKS_PER_PMD * LEAF_CHUNK;
		xen_mc_batch();
		for (unsigned int i = 0; i < LEAF_CHUNK; i++) {
			if (!(pmd[i] & _PAGE_PRESENT))
				continue;
			xen_mc_mmuext_op(job->cmd, (pmd[i] & PTE_ADDR_MASK) >> PAGE_SHIFT, job->site);
			if (job->done)
				job->done[smp_processor_id()]++;
		}
		xen_mc_issue();
	}
}

/*
 * Pinning validates, the cost worth sharing, in small trips so that the
 * vCPUs finish together; unpinning only drops a count: this vCPU alone,
 * held back in lazy mode so that it takes as few trips as fit.
 */
static void xen_pin_leaf_tables(pteval_t *pud, bool pin, unsigned long *done)
{
	struct leaf_job job = {
		.pud = pud,
		.cmd = pin ? MMUEXT_PIN_L1_TABLE : MMUEXT_UNPIN_TABLE,
		.site = pin ? MMU_SITE_LEAF_PIN : MMU_SITE_LEAF_UNPIN,
		.done = done,
	};

	if (pin) {
		if (count_leaves(pud) >= SHARE_MIN_LEAVES)
			smp_share(pin_leaf_shares, &job);
		else
			pin_leaf_shares(&job);
		return;
	}
	xen_mc_set_lazy(true);
	pin_leaf_shares(&job);
	xen_mc_set_lazy(false);
}

static void xen_lazy_mode_enter(void) { xen_mc_set_lazy(true); }
static void xen_lazy_mode_leave(void) { xen_mc_set_lazy(false); }

static const struct pv_mmu_ops xen_mmu_ops = {
	.read_cr3 = xen_read_cr3,
	.read_user_cr3 = xen_read_user_cr3,
	.write_cr3 = xen_write_cr3_init,
	.set_pte = xen_set_pte,
	.set_pmd = xen_set_pmd,
	.set_pud = xen_set_pud,
	.set_pgd = xen_set_pgd,
	.flush_tlb_user = xen_flush_tlb,
	.flush_tlb_kernel = xen_flush_tlb,
	.flush_tlb_single = xen_flush_tlb_single,
	.flush_tlb_multi = xen_flush_tlb_multi,
	.pgd_alloc = xen_pgd_alloc,
	.pgd_free = xen_pgd_free,
	.alloc_pt = xen_alloc_pt_init,
	.release_pt = xen_release_pt,
	.lazy_mode_enter = xen_lazy_mode_enter,
	.lazy_mode_leave = xen_lazy_mode_leave,
	.pin_leaf_tables = xen_pin_leaf_tables,
};

void xen_init_mmu_ops(void)
{
	pv_mmu_ops = xen_mmu_ops;
	mmu_stats.start_ns = kernel_uptime_ns();
	mmu_phase_begin();
	/* "late" is Linux before the fix: the full write_cr3 from the start. */
	if (param_write_cr3 == CR3_LATE)
		pv_mmu_ops.write_cr3 = xen_write_cr3;
	printk("mmu: write_cr3=%s: %s\n", policy_names[param_write_cr3],
	       param_write_cr3 == CR3_LATE ? "the late variant from the start (before the fix)"
	       : param_write_cr3 == CR3_SEED ? "early variant until its first call (the seed commit)"
					     : "early variant until struct pages exist");
}

void xen_post_allocator_init(void)
{
	pv_mmu_ops.alloc_pt = xen_alloc_pt;
	if (pv_mmu_ops.write_cr3 == xen_write_cr3_init)
		pv_mmu_ops.write_cr3 = xen_write_cr3;
	printk("mmu: struct pages ready: alloc_pt and write_cr3 are the late variants\n");
}
