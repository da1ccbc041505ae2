/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/suspend.c
 * @brief A domU's suspend and resume: xl save, xl restore, xl save -c, xl migrate.
 *
 * The guest suspends itself with SCHEDOP_shutdown(SHUTDOWN_suspend) when
 * control/shutdown says "suspend".  The toolstack then saves its memory,
 * turning the mfns it knows about into pfns: every entry of every page
 * table (pages whose Xen type says so), the p2m (found through the frame
 * list in shared_info), the vCPU's cr3 and the start_info frame passed in
 * the hypercall.  A restore does the reverse with new frames in a new
 * domain, and the hypercall returns 0 there; a checkpoint (xl save -c) or a
 * failed save returns 1 in the same domain.  What the toolstack does not
 * translate is the guest's to do, before and after: start_info's ring
 * frames, shared_info (Xen's frame), the event channels (a new domain has
 * none bound), xenstore's watches, the timer, and every cached mfn.  The
 * steps run again on every suspend.
 */
#include "console_ring.h"
#include "errno.h"
#include "events.h"
#include "hypercall.h"
#include "kernel.h"
#include "mm.h"
#include "mmu_stats.h"
#include "multicall.h"
#include "page_alloc.h"
#include "pgtable.h"
#include "smp.h"
#include "string.h"
#include "suspend.h"
#include "timer.h"
#include "vcpu.h"
#include "xen_p2m.h"
#include "xen_setup.h"
#include "xen_time.h"
#include "xenstore.h"

#define USER_LAST ((1UL << 47) - 1)		/* the end of L4 slot 255 */
#define BAD_ENTRIES_SHOWN 5

struct frame_counts {
	unsigned long free, pt_pages, pins;
};

static struct frame_counts frame_counts(void)
{
	return (struct frame_counts){ nr_free_pages(), mmu_stats.pt_live,
				      mmu_stats.pins - mmu_stats.unpins };
}

static void print_counts(const char *when, struct frame_counts c)
{
	printk("%s: %lu free frames, %lu page-table pages, %lu pins\n", when, c.free, c.pt_pages,
	       c.pins);
}

/* The toolstack turns the mfns of start_info's rings into mfns; they must be pfns for it. */
static void rings_to_pfns(start_info_t *si)
{
	si->store_mfn = mfn_to_pfn(si->store_mfn);
	si->console.domU.mfn = mfn_to_pfn(si->console.domU.mfn);
}

static void rings_to_mfns(start_info_t *si)
{
	si->store_mfn = pfn_to_mfn(si->store_mfn);
	si->console.domU.mfn = pfn_to_mfn(si->console.domU.mfn);
}

static void pre_suspend(void)
{
	/* A batch queued now would name the old frames: none may outlive the suspend. */
	xen_mc_flush();
	rings_to_pfns(xen_start_info);
	/* The new domain's xenconsoled starts where this one stopped reading. */
	console_flush();
	xen_unmap_shared_info();
}

/* Until xencons_ring_resume nothing may be printed: the ring's port may be dead. */
static void post_resume(bool new_domain)
{
	int rc;

	xen_map_shared_info();
	/* The saved vcpu_info came back as it was; the kernel runs masked, so keep it so. */
	this_vcpu()->evtchn_upcall_mask = 1;
	if (!new_domain)
		rings_to_mfns(xen_start_info);
	xencons_ring_resume();
	/* A restore zeroes the list's anchor in shared_info, and its mfns are stale. */
	xen_build_mfn_list_list();
	evtchn_resume(new_domain);
	if (new_domain)
		smp_resume();
	timer_resume(new_domain);
	rc = xenstore_resume(new_domain);
	if (rc < 0)
		printk("resume: xenstore watches not registered again: %d (%s); control/shutdown "
		       "will not reach us\n", rc, errno_name(rc));
}

struct pt_check {
	unsigned long max_page;		/* the M2P has entries below it */
	unsigned long skip_va;		/* shared_info: Xen's frame, in no p2m */
	unsigned long entries, bad;
	bool descend;
};

/* A present entry is right when the p2m gives its mfn back for the pfn the M2P names. */
static bool check_entry(struct pt_check *c, pteval_t e, enum pt_level level, unsigned long va)
{
	unsigned long mfn = (unsigned long)(e & PTE_ADDR_MASK) >> PAGE_SHIFT;
	unsigned long pfn = mfn < c->max_page ? mfn_to_pfn(mfn) : ~0UL;

	c->entries++;
	if (pfn < max_pfn && pfn_to_mfn(pfn) == mfn)
		return true;
	if (c->bad++ < BAD_ENTRIES_SHOWN)
		printk("resume: L%d entry %016llx for %#lx: mfn %#lx is not the p2m's (M2P: pfn "
		       "%#lx)\n", level, (unsigned long long)e, va, mfn, pfn);
	return false;
}

static void check_leaf(void *ctx, pteval_t *pte, unsigned long va)
{
	struct pt_check *c = ctx;

	if (va != c->skip_va)
		check_entry(c, *pte, PT_PTE, va);
}

static bool check_enter(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va)
{
	struct pt_check *c = ctx;

	/* A wrong entry is not followed: its table would be someone else's frame. */
	return check_entry(c, *entry, level, va) && c->descend;
}

static void check_pgd(struct pt_check *c, pteval_t *pgd, bool user_only, bool descend)
{
	static const struct pt_visitor v = { .leaf = check_leaf, .enter = check_enter };

	c->descend = descend;
	pt_walk_range(pgd, PT_PGD, 0, USER_LAST, &v, c);
	if (!user_only)
		pt_walk_range(pgd, PT_PGD, PAGE_OFFSET, ~0UL, &v, c);
}

/*
 * Every page table the kernel has: init_pgd's tree, and for each process
 * its kernel pgd (its own entries; the tables below are init_pgd's or the
 * user pgd's) and its user pgd's tree.
 */
static void check_page_tables(void)
{
	long max_page = hypercall(__HYPERVISOR_memory_op, XENMEM_maximum_ram_page, NULL);
	struct pt_check c = {
		.max_page = max_page > 0 ? (unsigned long)max_page : 0,
		.skip_va = (unsigned long)HYPERVISOR_shared_info,
	};

	check_pgd(&c, init_pgd, false, true);
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if ((page->flags & PG_pagetable) && page->pt_level == PT_PGD && page->private) {
			check_pgd(&c, pfn_to_virt(pfn), false, false);
			check_pgd(&c, (pteval_t *)page->private, true, true);
		}
	}
	printk("resume: page-table check: %lu present entries, %lu not matching the p2m%s\n",
	       c.entries, c.bad, c.bad ? " (FAILED)" : "");
}

int xen_suspend(void)
{
	struct frame_counts before, after;
	unsigned int online = smp_num_online();
	unsigned long flags;
	uint64_t t0;
	long rc;

	if (online > 1) {
		printk("suspend: refused: %u vCPUs online; pvmmu suspends with one only (the others "
		       "would have to go down with VCPUOP_down and come back after)\n", online);
		return -EBUSY;
	}
	before = frame_counts();
	print_counts("suspend: before", before);
	printk("suspend: SCHEDOP_shutdown(SHUTDOWN_suspend)\n");
	t0 = xen_system_time();
	flags = irq_save();
	pre_suspend();
	rc = xen_suspend_hypercall();
	post_resume(rc == 0);
	irq_restore(flags);
	if (rc < 0)
		printk("resume: SCHEDOP_shutdown(SHUTDOWN_suspend) failed: %ld (%s); going on in "
		       "the same domain\n", rc, errno_name(rc));
	printk("resume: rc %ld (%s) after %llu ms\n", rc,
	       rc == 0 ? "a new domain: restored or migrated" : "cancelled: the same domain",
	       (unsigned long long)((xen_system_time() - t0) / 1000000));
	check_page_tables();
	after = frame_counts();
	print_counts("resume: after", after);
	if (memcmp(&before, &after, sizeof(before)))
		printk("resume: frame counts changed across the suspend (FAILED)\n");
	return 0;
}
