/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/mm/ptdump.c
 * @brief The address-space summary and the MMU statistics printed after bring-up.
 *
 * Like Linux's ptdump: consecutive pages with the same permissions are
 * printed as one range.  Xen sets _PAGE_USER on every kernel mapping of a
 * 64-bit PV guest (its kernel runs in ring 3), so the column shows only
 * RW/ro and x/NX.
 */
#include "clock.h"
#include "mmu_stats.h"
#include "pgtable.h"
#include "ptdump.h"
#include "pv_mmu.h"
#include "vsprintf.h"

struct dump {
	unsigned long start, end, pages;
	pteval_t flags;
	unsigned int slot;
};

static const char *region_name(unsigned int slot)
{
	switch (slot) {
	case 272: return "direct map";
	case 468: return "vmemmap (struct page)";
	case 511: return "kernel map";
	default: return "";
	}
}

static void size_str(char *buf, size_t len, unsigned long bytes)
{
	static const char units[] = "KMGT";
	unsigned int u = 0;

	bytes >>= 10;
	while (bytes >= 1024 && !(bytes & 1023) && u < 3)
		bytes >>= 10, u++;
	snprintf(buf, len, "%lu%c", bytes, units[u]);
}

static void flush_range(struct dump *d)
{
	char size[16];

	if (!d->pages)
		return;
	size_str(size, sizeof(size), d->end - d->start);
	printk("  %016lx-%016lx %6s %s %s  %s\n", d->start, d->end, size,
	       d->flags & _PAGE_RW ? "RW" : "ro", d->flags & _PAGE_NX ? "NX" : "x ",
	       region_name(d->slot));
	d->pages = 0;
}

static void note_page(struct dump *d, unsigned long va, pteval_t entry, unsigned int slot)
{
	pteval_t flags = entry & (_PAGE_RW | _PAGE_NX);

	if (d->pages && (flags != d->flags || va != d->end || slot != d->slot))
		flush_range(d);
	if (!d->pages) {
		d->start = va;
		d->flags = flags;
		d->slot = slot;
	}
	d->end = va + PAGE_SIZE;
	d->pages++;
}

static void dump_leaf(void *ctx, pteval_t *pte, unsigned long va)
{
	note_page(ctx, va, *pte, pt_index(va, PT_PGD));
}

static void dump_range(pteval_t *pgd, unsigned long first, unsigned long last)
{
	static const struct pt_visitor dump = { .leaf = dump_leaf };
	struct dump d = { 0 };

	pt_walk_range(pgd, PT_PGD, first, last, &dump, &d);
	flush_range(&d);
}

void ptdump_kernel(void)
{
	printk("mmu: address space (kernel pgd at pfn %#lx):\n", virt_to_pfn(init_pgd));
	printk("  %016lx-%016lx        Xen: L4 slots %d-%d (M2P, hypervisor)\n",
	       0xffff800000000000UL, 0xffff880000000000UL, XEN_FIRST_SLOT, XEN_LAST_SLOT);
	/* Both halves but Xen's slots between them. */
	dump_range(init_pgd, 0, XEN_FIRST_SLOT * pt_span(PT_PGD) - 1);
	dump_range(init_pgd, PAGE_OFFSET, ~0UL);
}

void vm_dump(const struct mm *mm, int pid, const char *name)
{
	pteval_t *user_pgd = (pteval_t *)virt_to_page(mm->pgd)->private;
	unsigned long user_last = XEN_FIRST_SLOT * pt_span(PT_PGD) - 1;

	printk("vm: pid %d (%s): kernel pgd pfn %#lx, user pgd pfn %#lx, %u regions\n", pid, name,
	       virt_to_pfn(mm->pgd), virt_to_pfn(user_pgd), mm->nr_vmas);
	for (unsigned int i = 0; i < mm->nr_vmas; i++) {
		const struct vma *v = &mm->vmas[i];
		char size[16];

		size_str(size, sizeof(size), v->end - v->start);
		printk("  region %016lx-%016lx %6s %s\n", v->start, v->end, size,
		       v->flags & VMA_NONE ? "none" : v->flags & VMA_WRITE ? "RW" :
		       v->flags & VMA_EXEC ? "ro x" : "ro");
	}
	/* Xen loads the kernel pgd in kernel mode, the user pgd in user mode: both map the user half. */
	printk("vm: mapped through the kernel pgd (pfn %#lx), user half:\n", virt_to_pfn(mm->pgd));
	dump_range(mm->pgd, 0, user_last);
	printk("vm: mapped through the user pgd (pfn %#lx):\n", virt_to_pfn(user_pgd));
	dump_range(user_pgd, 0, user_last);
}

void mmu_report(void)
{
	uint64_t ns = kernel_uptime_ns() - mmu_stats.start_ns;

	ptdump_kernel();
	/* A multicall's entries are whole calls (each mmu_update with its own requests). */
	printk("mmu: bring-up took %lu.%03lu ms: %lu page-table pages, %lu hypercalls "
	       "(%lu of them multicalls, carrying %lu calls in all), %lu mmu_update requests, "
	       "%lu mmuext ops, "
	       "%lu pins, %lu unpins\n",
	       (unsigned long)(ns / 1000000), (unsigned long)(ns % 1000000) / 1000,
	       mmu_stats.pt_pages, mmu_stats.hypercalls, mmu_stats.multicalls,
	       mmu_stats.mc_entries, mmu_stats.mmu_updates, mmu_stats.mmuext_ops, mmu_stats.pins,
	       mmu_stats.unpins);
}
