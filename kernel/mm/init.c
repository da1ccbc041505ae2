/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/mm/init.c
 * @brief init_mem_mapping: the direct map of all RAM at PAGE_OFFSET.
 *
 * 4 KiB pages only: Xen refuses superpages to PV guests.  The tables come
 * from the frames setup_kernel_pagetable reserved behind Xen's area and
 * mapped in the kernel map, so they are filled as plain memory, and the
 * direct map maps them read-only from the start.  The commit then makes
 * their kernel-map alias read-only, has Xen validate the leaf tables, the
 * bulk of the work, on every vCPU Xen gives (each pins its share), and
 * hooks the direct map's pud into the L4.
 */
#include "memblock.h"
#include "mmu_stats.h"
#include "percpu.h"
#include "pgtable.h"
#include "pv_mmu.h"
#include "vsprintf.h"

/*
 * Who validated how much: the line boot/mmu-share checks.  Not inlined: its
 * buffer would sit, mostly unwritten, in init_mem_mapping's frame, and the
 * seed's crash report (write_cr3 just below) would read stale return
 * addresses from it as callers.
 */
static __noinline void print_share(const unsigned long *share, unsigned long nr_tables)
{
	char line[160];
	unsigned int vcpus = 0;
	int len = 0;

	line[0] = '\0';
	/* snprintf returns what it would have written: stop once the line is full. */
	for (unsigned int i = 0; i < NR_CPUS && len < (int)sizeof(line); i++) {
		if (!share[i])
			continue;
		vcpus++;
		len += snprintf(line + len, sizeof(line) - (size_t)len, ", vCPU %u %lu", i, share[i]);
	}
	printk("mmu: init_mem_mapping: Xen validated the leaf tables (of %lu) as pinned on %u vCPU(s)%s\n",
	       nr_tables, vcpus, line);
}

void init_mem_mapping(void)
{
	unsigned long nr_tables = pt_tables_for(max_pfn);
	unsigned long first = memblock_alloc(nr_tables, "the direct map's tables");
	unsigned long share[NR_CPUS] = { 0 };
	struct pt_builder b;

	memblock_mark_pagetables(first, nr_tables);
	pt_build_init(&b, PAGE_OFFSET, first, nr_tables);
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++)
		pt_build_map(&b, (unsigned long)pfn_to_virt(pfn),
			     pt_make_entry(pfn, memblock_is_pagetable(pfn) ? PAGE_KERNEL_RO : PAGE_KERNEL));
	pt_build_commit(&b, share);
	direct_map_ready = true;
	memblock_set_window(memblock_cursor(), max_pfn);
	printk("mmu: init_mem_mapping: %lu MiB direct-mapped at %#lx with %lu tables\n",
	       max_pfn >> 8, PAGE_OFFSET, nr_tables);
	print_share(share, nr_tables);
	/* Linux 3.9 ends init_mem_mapping with load_cr3(swapper_pg_dir): the seed's crash site. */
	pv_mmu_ops.write_cr3(__pa(init_pgd));
	mmu_phase_end("init_mem_mapping");
}
