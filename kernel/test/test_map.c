/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_map.c
 * @brief test=map.dump: the page-table pages per level of the kernel pgd and
 * of a process's kernel/user pgd pair, slot by slot, as "map:" lines that
 * `make map` (tools/map) draws; the test checks what the lines claim.
 *
 * Xen gives a 64-bit PV process two L4s: the kernel pgd (user slots, then
 * the kernel's) and the user pgd that Xen loads in user mode, whose user
 * slots must point to the very same puds.  Xen's own slots (M2P, the
 * hypervisor) hold Xen's tables, which are not ours to count.
 */
#include "elf.h"
#include "ktest.h"
#include "mmu_stats.h"
#include "pgtable.h"
#include "printk.h"
#include "proc.h"
#include "pv_mmu.h"
#include "vm.h"

/* Heap and stack pages touched, so that the pair has tables to show. */
#define MAP_HEAP_VA 0x0000100000000000UL
#define MAP_PAGES 3

struct level_count {
	unsigned long tables[PT_PGD + 1];	/* by the level of the table */
	unsigned long pages;			/* present leaves */
};

static bool count_enter(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va)
{
	(void)entry;
	(void)va;
	((struct level_count *)ctx)->tables[level - 1]++;
	return true;
}

static void count_leaf(void *ctx, pteval_t *pte, unsigned long va)
{
	(void)pte;
	(void)va;
	((struct level_count *)ctx)->pages++;
}

static const struct pt_visitor counter = { .enter = count_enter, .leaf = count_leaf };

static bool xen_slot(unsigned int slot)
{
	return slot >= XEN_FIRST_SLOT && slot <= XEN_LAST_SLOT;
}

static unsigned long slot_va(unsigned int slot)
{
	unsigned long va = slot * pt_span(PT_PGD);

	return slot >= 256 ? va | 0xffff000000000000UL : va;	/* canonical */
}

/* One line per present slot of @p pgd; the counts of all of them in @p sum. */
static void dump_pgd(const char *name, pteval_t *pgd, struct level_count *sum)
{
	*sum = (struct level_count){ .tables = { [PT_PGD] = 1 } };
	printk("map: pgd %s pfn %#lx\n", name, virt_to_pfn(pgd));
	for (unsigned int slot = 0; slot < PTRS_PER_TABLE; slot++) {
		struct level_count c = { 0 };

		if (!(pgd[slot] & _PAGE_PRESENT))
			continue;
		if (xen_slot(slot)) {
			printk("map: slot %s %u xen\n", name, slot);
			continue;
		}
		pt_walk_range(pgd, PT_PGD, slot_va(slot), slot_va(slot) + pt_span(PT_PGD) - 1,
			      &counter, &c);
		printk("map: slot %s %u pud %#lx pmd %lu pte %lu pages %lu\n", name, slot,
		       virt_to_pfn(pt_next_table(pgd[slot])), c.tables[PT_PMD], c.tables[PT_PTE],
		       c.pages);
		for (int l = PT_PTE; l <= PT_PUD; l++)
			sum->tables[l] += c.tables[l];
		sum->pages += c.pages;
	}
	/* tables[level] counts the tables at that level: a pud is entered from the pgd. */
	printk("map: levels %s pgd 1 pud %lu pmd %lu pte %lu pages %lu\n", name,
	       sum->tables[PT_PUD], sum->tables[PT_PMD], sum->tables[PT_PTE], sum->pages);
}

static void destroy_mm(void *mm)
{
	mm_destroy(mm);
}

/* A process's address space as exec leaves it, plus a few touched heap and stack pages. */
static void make_process_mm(struct mm *mm)
{
	unsigned long entry;
	struct page *page;

	TEST_REQUIRE(elf_load(mm, "hello", &entry) == 0);
	TEST_REQUIRE(vma_add(mm, MAP_HEAP_VA, MAP_HEAP_VA + MAP_PAGES * PAGE_SIZE, VMA_WRITE) == 0);
	TEST_REQUIRE(vma_add(mm, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_TOP, VMA_WRITE) == 0);
	for (unsigned long i = 0; i < MAP_PAGES; i++) {
		TEST_REQUIRE(user_page_get(mm, MAP_HEAP_VA + i * PAGE_SIZE, true, &page) == 0);
		TEST_REQUIRE(user_page_get(mm, USER_STACK_TOP - (i + 1) * PAGE_SIZE, true, &page) == 0);
	}
	TEST_REQUIRE(user_page_get(mm, entry, false, &page) == 0);
}

/*
 * The pair's user slots share their puds; the user pgd has no kernel slot
 * (Xen writes its own slots into every L4 it validates, the user pgd's too).
 */
static void check_pair(const pteval_t *kpgd, const pteval_t *upgd)
{
	for (unsigned int slot = 0; slot < PTRS_PER_TABLE; slot++) {
		if (slot < 256 && kpgd[slot] != upgd[slot])
			test_fail("slot %u: kernel pgd %#lx, user pgd %#lx", slot,
				  (unsigned long)kpgd[slot], (unsigned long)upgd[slot]);
		if (slot > XEN_LAST_SLOT && (upgd[slot] & _PAGE_PRESENT))
			test_fail("the user pgd maps kernel slot %u", slot);
		if (slot > XEN_LAST_SLOT && kpgd[slot] != init_pgd[slot])
			test_fail("slot %u of the process's kernel pgd is not the kernel's", slot);
	}
}

static void test_map_dump(void)
{
	static struct mm mm;
	struct level_count kernel, kpair, upair;
	unsigned long live = mmu_stats.pt_live;
	pteval_t *upgd;

	dump_pgd("kernel", init_pgd, &kernel);
	TEST_ASSERT(kernel.tables[PT_PTE] > 0 && kernel.pages > 0);
	TEST_REQUIRE(mm_create(&mm) == 0);
	test_defer(destroy_mm, &mm);
	make_process_mm(&mm);
	upgd = (pteval_t *)virt_to_page(mm.pgd)->private;
	TEST_REQUIRE(upgd != NULL);
	dump_pgd("process-kernel", mm.pgd, &kpair);
	dump_pgd("process-user", upgd, &upair);
	check_pair(mm.pgd, upgd);
	/* The pair's new tables: its two pgds and the user tables they share. */
	TEST_ASSERT_EQ(mmu_stats.pt_live - live,
		       2 + upair.tables[PT_PUD] + upair.tables[PT_PMD] + upair.tables[PT_PTE]);
	TEST_ASSERT(upair.pages >= 2 * MAP_PAGES + 1);
	TEST_ASSERT_EQ(kpair.pages - kernel.pages, upair.pages);
}
KTEST("map.dump", test_map_dump,
      "page-table pages per level of the kernel pgd and a process's pgd pair (make map draws them)");
