/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/tlb.c
 * @brief An address space on several vCPUs: its cpumask, lazy TLB, TLB shootdown and drop_mm_ref.
 *
 * A vCPU sets its bit in an mm's cpumask before it asks Xen to load the
 * mm's pgd pair and clears it once it has queued the switch away, as Linux's
 * switch_mm does.  Between the two it may be loaded there even while idle:
 * a kernel-only context runs on whatever pgd is loaded, since every pgd
 * maps the kernel (lazy TLB).  A change to an mm loaded on other vCPUs is
 * flushed on exactly those by MMUEXT_*_MULTI, which Xen carries out itself;
 * before the mm's pgd pair is unpinned and freed, drop_mm_ref makes every
 * vCPU that still has it loaded switch to the kernel pgd, by IPI, reading
 * their xen_current_cr3.  docs/smp.md tells the whole story.
 */
#include "cpumask.h"
#include "multicall.h"
#include "percpu.h"
#include "pgtable.h"
#include "pv_mmu.h"
#include "smp.h"
#include "tlb.h"

bool param_tlb_shootdown;
bool param_drop_mm_ref;

void mm_switch(struct mm *next)
{
	struct cpu *c = this_cpu();
	struct mm *prev = c->loaded_mm;

	if (!next || (prev == next && c->xen_cr3 == __pa(next->pgd)))
		return;
	/* First in the mask: any flush of next from now on reaches this vCPU. */
	cpumask_set_cpu(c->id, &next->cpumask);
	c->loaded_mm = next;
	pv_mmu_ops.write_cr3(__pa(next->pgd));
	/*
	 * The switch may still be queued in the caller's batch, but this vCPU
	 * touches no user address of prev before Xen has done it, and doing it
	 * flushes this vCPU's TLB.
	 */
	if (prev && prev != next)
		cpumask_clear_cpu(c->id, &prev->cpumask);
}

static bool loaded_elsewhere(const struct mm *mm)
{
	return param_tlb_shootdown && cpumask_any_but(&mm->cpumask, smp_processor_id());
}

/*
 * Loaded here at most: this vCPU's own flush, as on one vCPU.  Else the
 * vCPUs of the mask, this one among them if it has mm loaded, in the same
 * multicall as the changes: Xen reads the mask after making them.
 */
void flush_tlb_mm_leave_lazy(const struct mm *mm, const unsigned long *va, unsigned int nr)
{
	bool remote = loaded_elsewhere(mm);

	if (nr > TLB_FLUSH_PAGES_MAX)
		nr = 0;	/* many pages: all of them at once */
	if (remote)
		pv_mmu_ops.flush_tlb_multi(&mm->cpumask, va, nr);
	else if (nr == 1)
		pv_mmu_ops.flush_tlb_single(va[0]);
	else
		pv_mmu_ops.flush_tlb_user();
	pv_mmu_ops.lazy_mode_leave();
	/*
	 * A vCPU that loaded mm after the choice above, but before Xen made the
	 * changes, may hold old entries and got no flush: its bit is in the mask
	 * by now.  One that loads it later walks the new tables.
	 */
	if (!remote && loaded_elsewhere(mm))
		pv_mmu_ops.flush_tlb_multi(&mm->cpumask, NULL, 0);
}

/*
 * On each vCPU that may still have @p mm loaded, the freeing one's too.  The
 * switch away may still sit in this vCPU's batch, held back by lazy MMU
 * mode.  That is enough on the vCPU that frees the mm, which queues the
 * unpin behind it; see drop_mm_ref_remote for the others.
 */
static void forget_mm(struct mm *mm)
{
	struct cpu *c = this_cpu();

	if (c->loaded_mm == mm)
		c->loaded_mm = NULL;
	if (c->xen_cr3 == __pa(mm->pgd))
		pv_mmu_ops.write_cr3(__pa(init_pgd));
	cpumask_clear_cpu(c->id, &mm->cpumask);
}

/* The unpin goes in the freeing vCPU's batch, not this one's: Xen must have done the switch. */
static void drop_mm_ref_remote(void *arg)
{
	struct mm *mm = arg;

	forget_mm(mm);
	if (__atomic_load_n(&this_cpu()->xen_current_cr3, __ATOMIC_ACQUIRE) == __pa(mm->pgd))
		xen_mc_flush();
}

/*
 * The mask alone is not enough: a vCPU clears its bit when it queues the
 * switch away, and xen_current_cr3 says whether Xen has done it.  Both are
 * read from here while their vCPU may change them; they only change with
 * events masked there (docs/smp.md), so the IPI finds them settled.
 * drop_mm_ref=off only names the vCPUs it would have asked.
 */
void drop_mm_ref(struct mm *mm)
{
	unsigned long cr3 = __pa(mm->pgd);
	unsigned int self = smp_processor_id();

	for (unsigned int i = 0; i < NR_CPUS; i++) {
		if (i == self || (!cpumask_test_cpu(i, &mm->cpumask) &&
				  __atomic_load_n(&cpus[i].xen_current_cr3, __ATOMIC_ACQUIRE) != cr3))
			continue;
		if (!param_drop_mm_ref)
			printk("tlb: drop_mm_ref=off: vCPU %u keeps pgd pfn %#lx loaded while it is freed\n",
			       i, cr3 >> PAGE_SHIFT);
		else if (smp_call_function_single(i, drop_mm_ref_remote, mm))
			panic("drop_mm_ref: vCPU %u still has pgd %#lx loaded and cannot be asked to drop it",
			      i, cr3);
	}
	if (param_drop_mm_ref)
		forget_mm(mm);
}
