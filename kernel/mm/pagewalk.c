/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/mm/pagewalk.c
 * @brief The kernel's own walk of a faulting address, printed the way Xen prints its walk.
 *
 * When Xen handles a guest fault itself (no guest handler yet: the seed's
 * crash), it prints "Pagetable walk from ADDR:" and one line per level:
 * the entry, and the pfn the M2P gives for the frame the entry names,
 * stopping at the first non-present level.  Once trap_init has run the
 * kernel handles its own faults and Xen prints nothing, so die() prints
 * the same walk from the kernel's side, in Xen's exact form, so that the
 * two read alike line by line.
 */
#include "hypercall.h"
#include "pagewalk.h"
#include "pgtable.h"
#include "pv_mmu.h"
#include "traps.h"
#include "vcpu.h"
#include "x86_defns.h"

#define INVALID_M2P_ENTRY (~0UL)

static bool canonical(unsigned long va)
{
	long top = (long)va >> 47;

	return top == 0 || top == -1;
}

/*
 * The M2P has an entry for every frame below Xen's max_page: there Xen
 * prints the M2P's pfn, above it "none", as we do.  Reading past it could
 * fault, and this runs while reporting a fault.
 */
static unsigned long m2p_pfn(unsigned long mfn, unsigned long max_page)
{
	return mfn < max_page ? mfn_to_pfn(mfn) : INVALID_M2P_ENTRY;
}

/* Xen's line for one level: the entry and the M2P's pfn for the frame it names. */
static unsigned long print_entry(unsigned long max_page, const pteval_t *entry, enum pt_level level,
				 unsigned long va)
{
	unsigned long mfn = (unsigned long)(*entry & PTE_ADDR_MASK) >> PAGE_SHIFT;
	unsigned long pfn = m2p_pfn(mfn, max_page);

	printk(" L%d[0x%03x] = %016lx %016lx\n", level, pt_index(va, level), (unsigned long)*entry, pfn);
	return pfn;
}

static void print_hole(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va)
{
	print_entry(*(unsigned long *)ctx, entry, level, va);
}

static void print_leaf(void *ctx, pteval_t *pte, unsigned long va)
{
	print_entry(*(unsigned long *)ctx, pte, PT_PTE, va);
}

static bool print_table_entry(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va)
{
	unsigned long pfn = print_entry(*(unsigned long *)ctx, entry, level, va);
	unsigned long mfn = (unsigned long)(*entry & PTE_ADDR_MASK) >> PAGE_SHIFT;

	/* Xen follows any valid frame; we read only our own, through our own maps. */
	if (pfn >= max_pfn || pfn_to_mfn(pfn) != mfn) {
		printk(" (L%d table at mfn %#lx is not this domain's frame: not followed)\n",
		       level - 1, mfn);
		return false;
	}
	return true;
}

void pt_print_walk(const pteval_t *pgd, unsigned long va)
{
	static const struct pt_visitor print = {
		.hole = print_hole, .leaf = print_leaf, .enter = print_table_entry,
	};
	long rc = hypercall(__HYPERVISOR_memory_op, XENMEM_maximum_ram_page, NULL);
	unsigned long max_page = rc > 0 ? (unsigned long)rc : 0;

	printk("Pagetable walk from %016lx:\n", va);
	if (canonical(va))
		pt_walk_range((pteval_t *)pgd, PT_PGD, va, va, &print, &max_page);
}

/*
 * die() reports kernel-mode faults only, and kernel mode always runs on
 * the kernel pgd, so that is the %cr3 walked.  The user pgd Xen holds beside
 * it (NEW_USER_BASEPTR: the current process's, or none) is shown too.
 */
void report_fault_context(const struct cpu_regs *regs)
{
	static bool walking;
	unsigned long cr3 = pv_mmu_ops.read_cr3();

	unsigned long user_cr3 = pv_mmu_ops.read_user_cr3();

	printk("CR3: %016lx (machine %016lx), the kernel pgd\n", cr3,
	       pfn_to_mfn(cr3 >> PAGE_SHIFT) << PAGE_SHIFT);
	if (user_cr3)
		printk("user CR3: %016lx (machine %016lx), the user pgd beside it\n", user_cr3,
		       pfn_to_mfn(user_cr3 >> PAGE_SHIFT) << PAGE_SHIFT);
	else
		printk("user CR3: none (no user pgd beside the kernel pgd)\n");
	/* A fault inside the walk (a torn table) comes back here: walk only once. */
	if (regs->vector != X86_EXC_PF || walking)
		return;
	walking = true;
	pt_print_walk(__va(cr3), read_cr2());
}
