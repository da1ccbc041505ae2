/* SPDX-License-Identifier: MIT */
/**
 * @file tests/host/test_pgtable.c
 * @brief Host unit tests for page-table entries, index arithmetic, pt_walk, pt_walk_range
 *        and the subtree builder (kernel/mm/pgtable.c, mm.h, pt_make_entry).
 *
 * The p2m and m2p point at host arrays holding a permutation of the frame
 * numbers in which no pfn equals its mfn, so any place that forgets a
 * translation, or translates the wrong way, produces a wrong frame.  Page
 * tables live in a host arena: the PT_TABLE_ACCESS seam in pgtable.c sends
 * the kernel-map or direct-map address it computes for a table frame
 * through pt_host_table() below, which checks it and returns the arena
 * page.  The arena is poisoned before each test, so a table the builder
 * forgot to clear shows up as garbage entries.
 *
 * Expected values are worked out independently: addresses from their
 * indices by shifting, entries from the test's own pfn -> mfn function,
 * table counts by hand for the sizes the kernel boots with.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "mmu_stats.h"
#include "pgtable.h"
#include "pv_mmu.h"
#include "fake_xen.h"
#include "support.h"
#include "xen_mmu.h"

#define ARENA_PFNS 1024UL		/* table frames the tests can use: pfns 0..1023 */
#define NR_FRAMES (1UL << 19)		/* pfns and mfns the host p2m and m2p cover */
#define POISON 0xa5
#define PGD_PFN 1UL			/* an L4 the tests hook a built subtree into */
#define FIRST_TABLE 8UL			/* where the builder's reserved frames start */

static uint8_t arena[ARENA_PFNS * PAGE_SIZE] __aligned(PAGE_SIZE);
static unsigned long p2m_table[NR_FRAMES], m2p_table[NR_FRAMES];
static unsigned long kmap_accesses, direct_accesses;

/*
 * pfn -> mfn: an odd multiplier is a bijection modulo 2^19, and an odd
 * offset added to an even product can never give the pfn back.
 */
static unsigned long test_mfn(unsigned long pfn)
{
	return (pfn * 0x9e3779b1UL + 0x2545) & (NR_FRAMES - 1);
}

/* The non-leaf entry the kernel must write for a child table, by our own encoding. */
static pteval_t table_entry(unsigned long pfn)
{
	return ((pteval_t)test_mfn(pfn) << PAGE_SHIFT) | KERNPG_TABLE;
}

static pteval_t *frame(unsigned long pfn)
{
	return (pteval_t *)(arena + pfn * PAGE_SIZE);
}

static bool frame_poisoned(unsigned long pfn)
{
	const uint8_t *p = (const uint8_t *)frame(pfn);

	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		if (p[i] != POISON)
			return false;
	return true;
}

/* The PT_TABLE_ACCESS seam: a table frame's kernel address -> its arena page. */
void *pt_host_table(void *va)
{
	unsigned long v = (unsigned long)va, off = 0;

	if (v >= KERNEL_BASE) {
		off = v - KERNEL_BASE;
		kmap_accesses++;
	} else if (v >= PAGE_OFFSET && v < VMEMMAP_START) {
		off = v - PAGE_OFFSET;
		direct_accesses++;
	} else {
		fail_msg("table reached at %#lx: neither the kernel map nor the direct map", v);
	}
	if (off % PAGE_SIZE || off >= sizeof(arena))
		fail_msg("table reached at %#lx: not a frame of the arena", v);
	return arena + off;
}

static int group_setup(void **state)
{
	(void)state;
	for (unsigned long pfn = 0; pfn < NR_FRAMES; pfn++) {
		p2m_table[pfn] = test_mfn(pfn);
		m2p_table[test_mfn(pfn)] = pfn;
	}
	p2m = p2m_table;
	m2p = m2p_table;
	xen_init_mmu_ops();	/* mm/paravirt.c's table gets Xen's operations */
	return 0;
}

static int setup(void **state)
{
	(void)state;
	memset(arena, POISON, sizeof(arena));
	direct_map_ready = false;
	kmap_accesses = direct_accesses = 0;
	memset(&mmu_stats, 0, sizeof(mmu_stats));
	return 0;
}

/* A canonical address from its four indices, built without pt_index(). */
static unsigned long compose_va(unsigned long l4, unsigned long l3, unsigned long l2,
				unsigned long l1, unsigned long offset)
{
	unsigned long va = l4 << 39 | l3 << 30 | l2 << 21 | l1 << 12 | offset;

	return l4 >= 256 ? va | 0xffff000000000000UL : va;
}

static void assert_indices(unsigned long va, unsigned int l4, unsigned int l3, unsigned int l2,
			   unsigned int l1)
{
	if (pt_index(va, PT_PGD) != l4 || pt_index(va, PT_PUD) != l3 ||
	    pt_index(va, PT_PMD) != l2 || pt_index(va, PT_PTE) != l1)
		fail_msg("%#lx: indices %u/%u/%u/%u, expected %u/%u/%u/%u", va,
			 pt_index(va, PT_PGD), pt_index(va, PT_PUD), pt_index(va, PT_PMD),
			 pt_index(va, PT_PTE), l4, l3, l2, l1);
}

static void test_index_known_addresses(void **state)
{
	(void)state;
	assert_indices(0, 0, 0, 0, 0);
	/* The canonical hole's edges: the last user address and the first kernel one. */
	assert_indices(0x00007fffffffffffUL, 255, 511, 511, 511);
	assert_indices(0xffff800000000000UL, 256, 0, 0, 0);
	assert_indices(0xffffffffffffffffUL, 511, 511, 511, 511);
	/* Xen's slots, then the direct map right after them. */
	assert_int_equal(pt_index(0xffff800000000000UL, PT_PGD), XEN_FIRST_SLOT);
	assert_int_equal(pt_index(0xffff87ffffffffffUL, PT_PGD), XEN_LAST_SLOT);
	assert_indices(PAGE_OFFSET, 272, 0, 0, 0);
	assert_int_equal(pt_index(PAGE_OFFSET, PT_PGD), XEN_LAST_SLOT + 1);
	assert_indices(PAGE_OFFSET + GiB(1) + 3 * MiB(2) + 5 * PAGE_SIZE + 123, 272, 1, 3, 5);
	/* vmemmap is L4[0x1d4], as in the seed's Xen log. */
	assert_indices(VMEMMAP_START, 0x1d4, 0, 0, 0);
	assert_int_equal(pt_index(VMEMMAP_START, PT_PGD), 468);
	/* The kernel map: -2 GiB, and all 512 MiB of it under one pud entry. */
	assert_indices(KERNEL_BASE, 511, 510, 0, 0);
	assert_indices(KERNEL_BASE + KERNEL_MAP_SIZE - 1, 511, 510, 255, 511);
}

static void test_index_composed(void **state)
{
	static const unsigned long idx[][4] = {
		{ 0, 0, 0, 1 }, { 1, 2, 3, 4 }, { 0x123, 0x45, 0x67, 0x89 }, { 255, 0, 511, 0 },
		{ 256, 511, 0, 511 }, { 300, 256, 128, 64 }, { 511, 1, 2, 3 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(idx) / sizeof(idx[0]); i++) {
		const unsigned long *x = idx[i];

		assert_indices(compose_va(x[0], x[1], x[2], x[3], 0), (unsigned int)x[0],
			       (unsigned int)x[1], (unsigned int)x[2], (unsigned int)x[3]);
		assert_indices(compose_va(x[0], x[1], x[2], x[3], PAGE_SIZE - 1), (unsigned int)x[0],
			       (unsigned int)x[1], (unsigned int)x[2], (unsigned int)x[3]);
	}
}

static void test_span(void **state)
{
	(void)state;
	assert_int_equal(pt_span(PT_PTE), KiB(4));
	assert_int_equal(pt_span(PT_PMD), MiB(2));
	assert_int_equal(pt_span(PT_PUD), GiB(1));
	assert_int_equal(pt_span(PT_PGD), GiB(512));

	/* One span up moves that level's index by one and leaves the levels below alone. */
	for (enum pt_level l = PT_PTE; l <= PT_PGD; l++) {
		unsigned long va = compose_va(300, 7, 9, 11, 42);

		for (enum pt_level m = PT_PTE; m <= PT_PGD; m++)
			assert_int_equal(pt_index(va + pt_span(l), m),
					 pt_index(va, m) + (m == l ? 1 : 0));
	}
}

static void test_tables_for(void **state)
{
	static const struct {
		unsigned long pages, tables;
	} cases[] = {
		{ 0, 1 },				/* the pud alone */
		{ 1, 3 },				/* pte + pmd + pud */
		{ 512, 3 },				/* one full pte table */
		{ 513, 4 },				/* a second pte table */
		{ 262144, 514 },			/* 1 GiB: a full pmd */
		{ 262145, 516 },			/* a second pmd and its pte */
		{ MiB(128) >> PAGE_SHIFT, 66 },
		{ MiB(512) >> PAGE_SHIFT, 258 },	/* docs/boot-order.md's 512 MiB boot */
		{ GiB(8) >> PAGE_SHIFT, 4105 },		/* 4096 ptes + 8 pmds + the pud */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (pt_tables_for(cases[i].pages) != cases[i].tables)
			fail_msg("pt_tables_for(%lu) = %lu, expected %lu", cases[i].pages,
				 pt_tables_for(cases[i].pages), cases[i].tables);

	/* vmemmap at 512 MiB: 32-byte struct pages fill 1024 frames, mapped with 4 tables. */
	assert_int_equal(sizeof(struct page), 32);
	assert_int_equal((MiB(512) >> PAGE_SHIFT) * sizeof(struct page) / PAGE_SIZE, 1024);
	assert_int_equal(pt_tables_for(1024), 4);
}

static void test_make_entry(void **state)
{
	static const unsigned long pfns[] = { 0, 1, 511, 4096, 131071, NR_FRAMES - 1 };
	static const pteval_t flags[] = { PAGE_KERNEL, PAGE_KERNEL_RO, PAGE_KERNEL_RX,
					  KERNPG_TABLE, PAGE_TABLE, 0 };
	pteval_t e;

	(void)state;
	for (size_t i = 0; i < sizeof(pfns) / sizeof(pfns[0]); i++) {
		for (size_t j = 0; j < sizeof(flags) / sizeof(flags[0]); j++) {
			e = pt_make_entry(pfns[i], flags[j]);
			assert_int_equal((e & PTE_ADDR_MASK) >> PAGE_SHIFT, test_mfn(pfns[i]));
			assert_int_equal(e & ~PTE_ADDR_MASK, flags[j]);
		}
	}

	/* The widest machine frame a PV entry holds keeps clear of NX and the low flags. */
	p2m_table[7] = (1UL << 40) - 1;
	e = pt_make_entry(7, PAGE_KERNEL);
	p2m_table[7] = test_mfn(7);
	assert_int_equal(e & PTE_ADDR_MASK, 0x000ffffffffff000ULL);
	assert_int_equal(e & ~PTE_ADDR_MASK, PAGE_KERNEL);
}

static void test_entry_machine_address(void **state)
{
	static const unsigned long pfns[] = { 0, 3, 1000, 70000 };

	(void)state;
	/* Pure arithmetic on the entry's address: the pointers are never dereferenced. */
	for (size_t i = 0; i < sizeof(pfns) / sizeof(pfns[0]); i++) {
		for (unsigned int idx = 0; idx < PTRS_PER_TABLE; idx += 73) {
			uint64_t want = ((uint64_t)test_mfn(pfns[i]) << PAGE_SHIFT) + idx * 8;
			unsigned long off = (pfns[i] << PAGE_SHIFT) + idx * 8;

			assert_int_equal(pt_entry_machine_address((pteval_t *)(PAGE_OFFSET + off)), want);
			if (pfns[i] < (KERNEL_MAP_SIZE >> PAGE_SHIFT))
				assert_int_equal(pt_entry_machine_address((pteval_t *)(KERNEL_BASE + off)),
						 want);
			assert_int_equal(pt_entry_ma(pfns[i], idx), want);
		}
	}
}

/* What a pt_walk_range visit saw, in order. */
struct visit {
	unsigned long leaves, holes, enters, leaves_va[4];
	char order[16];	/* 'e'nter and 'l'eave with the level, e.g. "e4e3e2l2l3l4" */
	unsigned int n;
	bool skip_below_pud;
};

static void visit_hole(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va)
{
	(void)entry, (void)level, (void)va;
	((struct visit *)ctx)->holes++;
}

static void visit_leaf(void *ctx, pteval_t *pte, unsigned long va)
{
	struct visit *v = ctx;

	(void)pte;
	if (v->leaves < 4)
		v->leaves_va[v->leaves] = va;
	v->leaves++;
}

static void note(struct visit *v, char what, enum pt_level level)
{
	if (v->n + 2 < sizeof(v->order)) {
		v->order[v->n++] = what;
		v->order[v->n++] = (char)('0' + level);
	}
}

static bool visit_enter(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va)
{
	struct visit *v = ctx;

	(void)entry, (void)va;
	v->enters++;
	note(v, 'e', level);
	return !(v->skip_below_pud && level == PT_PUD);
}

static void visit_leave(void *ctx, pteval_t *entry, enum pt_level level, unsigned long va)
{
	(void)entry, (void)va;
	note(ctx, 'l', level);
}

static void test_walk_range(void **state)
{
	static const struct pt_visitor all = {
		.hole = visit_hole, .leaf = visit_leaf, .enter = visit_enter, .leave = visit_leave,
	};
	static const struct pt_visitor tables = { .enter = visit_enter };
	unsigned long va = compose_va(272, 3, 7, 9, 0);
	pteval_t *pgd = frame(PGD_PFN), leaf = ((pteval_t)test_mfn(42) << PAGE_SHIFT) | PAGE_KERNEL;
	struct visit v = { 0 };

	(void)state;
	for (unsigned long pfn = PGD_PFN; pfn <= PGD_PFN + 3; pfn++)
		memset(frame(pfn), 0, PAGE_SIZE);
	pgd[272] = table_entry(PGD_PFN + 1);
	frame(PGD_PFN + 1)[3] = table_entry(PGD_PFN + 2);
	frame(PGD_PFN + 2)[7] = table_entry(PGD_PFN + 3);
	frame(PGD_PFN + 3)[9] = leaf;
	frame(PGD_PFN + 3)[511] = leaf;

	/* The whole address space: absent tables are skipped, not descended into. */
	pt_walk_range(pgd, PT_PGD, 0, ~0UL, &all, &v);
	assert_int_equal(v.leaves, 2);
	assert_int_equal(v.leaves_va[0], va);	/* sign-extended: the upper half */
	assert_int_equal(v.leaves_va[1], compose_va(272, 3, 7, 511, 0));
	assert_int_equal(v.enters, 3);
	assert_string_equal(v.order, "e4e3e2l2l3l4");
	assert_int_equal(v.holes, 3 * 511 + 510);	/* pgd, pud, pmd, and the leaf table */

	/* A range inside one leaf table sees only its own entries; last is inclusive. */
	memset(&v, 0, sizeof(v));
	pt_walk_range(pgd, PT_PGD, va, va + 2 * PAGE_SIZE - 1, &all, &v);
	assert_int_equal(v.leaves, 1);
	assert_int_equal(v.holes, 1);
	memset(&v, 0, sizeof(v));
	pt_walk_range(pgd, PT_PGD, va + PAGE_SIZE, compose_va(272, 3, 7, 511, 0), &all, &v);
	assert_int_equal(v.leaves, 1);
	assert_int_equal(v.leaves_va[0], compose_va(272, 3, 7, 511, 0));

	/* The user half alone never reaches slot 272. */
	memset(&v, 0, sizeof(v));
	pt_walk_range(pgd, PT_PGD, 0, compose_va(255, 511, 511, 511, 4095), &all, &v);
	assert_int_equal(v.leaves + v.enters, 0);
	assert_int_equal(v.holes, 256);

	/* Without leaf or hole hooks the leaf table is not read: two tables reached, not three. */
	memset(&v, 0, sizeof(v));
	kmap_accesses = 0;
	pt_walk_range(pgd, PT_PGD, 0, ~0UL, &tables, &v);
	assert_int_equal(v.enters, 3);
	assert_int_equal(kmap_accesses, 2);

	/* enter returning false skips the subtree, and its leave. */
	memset(&v, 0, sizeof(v));
	v.skip_below_pud = true;
	pt_walk_range(pgd, PT_PGD, 0, ~0UL, &all, &v);
	assert_int_equal(v.leaves, 0);
	assert_string_equal(v.order, "e4e3l4");
}

static void test_walk(void **state)
{
	unsigned long va = compose_va(272, 3, 7, 9, 0x10);
	pteval_t *pgd = frame(PGD_PFN), leaf = ((pteval_t)test_mfn(42) << PAGE_SHIFT) | PAGE_KERNEL;

	(void)state;
	for (unsigned long pfn = PGD_PFN; pfn <= PGD_PFN + 3; pfn++)
		memset(frame(pfn), 0, PAGE_SIZE);
	pgd[272] = table_entry(PGD_PFN + 1);
	/* Extra flags on a non-leaf entry must not leak into the next table's address. */
	frame(PGD_PFN + 1)[3] = table_entry(PGD_PFN + 2) | _PAGE_NX;
	frame(PGD_PFN + 2)[7] = table_entry(PGD_PFN + 3);
	frame(PGD_PFN + 3)[9] = leaf;

	assert_ptr_equal(pt_walk(pgd, va, PT_PGD), &pgd[272]);
	assert_ptr_equal(pt_walk(pgd, va, PT_PUD), &frame(PGD_PFN + 1)[3]);
	assert_ptr_equal(pt_walk(pgd, va, PT_PMD), &frame(PGD_PFN + 2)[7]);
	kmap_accesses = direct_accesses = 0;
	assert_ptr_equal(pt_walk(pgd, va, PT_PTE), &frame(PGD_PFN + 3)[9]);
	assert_int_equal(*pt_walk(pgd, va, PT_PTE), leaf);
	/* Before the direct map exists, tables are reached through the kernel map. */
	assert_int_equal(kmap_accesses, 6);
	assert_int_equal(direct_accesses, 0);

	direct_map_ready = true;
	kmap_accesses = 0;
	assert_ptr_equal(pt_walk(pgd, va, PT_PTE), &frame(PGD_PFN + 3)[9]);
	assert_int_equal(direct_accesses, 3);
	assert_int_equal(kmap_accesses, 0);

	/* A missing table above the level asked for ends the walk. */
	assert_null(pt_walk(pgd, compose_va(272, 4, 7, 9, 0), PT_PMD));
	assert_ptr_equal(pt_walk(pgd, compose_va(272, 4, 7, 9, 0), PT_PUD), &frame(PGD_PFN + 1)[4]);
	assert_null(pt_walk(pgd, VMEMMAP_START, PT_PUD));
	assert_null(pt_walk(pgd, VMEMMAP_START, PT_PTE));
	/* An empty leaf slot in an existing table is a pointer to a zero entry, not NULL. */
	assert_ptr_equal(pt_walk(pgd, compose_va(272, 3, 7, 10, 0), PT_PTE), &frame(PGD_PFN + 3)[10]);
	assert_int_equal(*pt_walk(pgd, compose_va(272, 3, 7, 10, 0), PT_PTE), 0);
	/* A non-present entry that still holds a frame number is missing all the same. */
	frame(PGD_PFN + 2)[8] = ((pteval_t)test_mfn(PGD_PFN + 3) << PAGE_SHIFT) | _PAGE_RW;
	assert_null(pt_walk(pgd, compose_va(272, 3, 8, 9, 0), PT_PTE));

	/* pt_next_table: the table an entry names, whatever its flags. */
	assert_ptr_equal(pt_next_table(table_entry(PGD_PFN + 2)), frame(PGD_PFN + 2));
	assert_ptr_equal(pt_next_table(table_entry(PGD_PFN + 2) | _PAGE_NX | _PAGE_USER),
			 frame(PGD_PFN + 2));
}

/* The entry the tests map for page @p i of a range: distinct frames, two kinds of flags. */
static pteval_t leaf_entry(unsigned long i)
{
	return ((pteval_t)test_mfn(i) << PAGE_SHIFT) | (i % 3 ? PAGE_KERNEL : PAGE_KERNEL_RO);
}

static void map_range(struct pt_builder *b, unsigned long va, unsigned long n,
		      volatile unsigned long *mapped)
{
	for (unsigned long i = 0; i < n; i++) {
		pt_build_map(b, va + i * PAGE_SIZE, leaf_entry(i));
		*mapped = i + 1;
	}
}

/* Hook the subtree into an empty L4, as pt_build_commit does, for pt_walk. */
static pteval_t *hook(const struct pt_builder *b)
{
	pteval_t *pgd = frame(PGD_PFN);

	memset(pgd, 0, PAGE_SIZE);
	pgd[pt_index(b->va, PT_PGD)] = table_entry(b->root_pfn);
	return pgd;
}

static bool table_seen[ARENA_PFNS];

/*
 * Count the tables and leaves under @p pfn, checking that every table is a
 * reserved frame used once, and that every non-leaf entry names its child
 * with exactly KERNPG_TABLE.  An uncleared table's poison fails one of these.
 */
static void count_tree(unsigned long pfn, enum pt_level level, const struct pt_builder *b,
		       unsigned long *tables, unsigned long *leaves)
{
	const pteval_t *t = frame(pfn);

	if (pfn < FIRST_TABLE || pfn >= b->next)
		fail_msg("level-%d table at pfn %#lx: outside the frames used, [%#lx, %#lx)", (int)level,
			 pfn, FIRST_TABLE, b->next);
	if (table_seen[pfn])
		fail_msg("pfn %#lx is used as a table twice", pfn);
	table_seen[pfn] = true;
	++*tables;
	for (unsigned int i = 0; i < PTRS_PER_TABLE; i++) {
		if (!t[i])
			continue;
		if (level == PT_PTE) {
			++*leaves;
			continue;
		}
		if ((t[i] & ~PTE_ADDR_MASK) != KERNPG_TABLE)
			fail_msg("level-%d table %#lx entry %u = %#llx: not a KERNPG_TABLE entry", (int)level,
				 pfn, i, (unsigned long long)t[i]);
		count_tree(m2p_table[(t[i] & PTE_ADDR_MASK) >> PAGE_SHIFT], level - 1, b, tables,
			   leaves);
	}
}

/* Build a map of @p n pages at @p va in @p reserved frames and check all of it. */
static unsigned long build_and_check(unsigned long va, unsigned long n, unsigned long reserved)
{
	struct pt_builder b;
	volatile unsigned long mapped = 0;
	unsigned long tables = 0, leaves = 0;
	pteval_t *pgd;

	memset(arena, POISON, sizeof(arena));
	memset(table_seen, 0, sizeof(table_seen));
	mmu_stats.pt_pages = 0;
	pt_build_init(&b, va, FIRST_TABLE, reserved);
	assert_int_equal(b.va, va);
	assert_int_equal(b.root_pfn, FIRST_TABLE);
	assert_ptr_equal(b.root, frame(FIRST_TABLE));
	for (unsigned int i = 0; i < PTRS_PER_TABLE; i++)
		assert_int_equal(b.root[i], 0);

	map_range(&b, va, n, &mapped);
	pgd = hook(&b);
	for (unsigned long i = 0; i < n; i++) {
		pteval_t *ptep = pt_walk(pgd, va + i * PAGE_SIZE, PT_PTE);

		if (!ptep || *ptep != leaf_entry(i))
			fail_msg("page %lu of %lu at %#lx: entry %#llx, expected %#llx", i, n,
				 va + i * PAGE_SIZE, ptep ? (unsigned long long)*ptep : 0ULL,
				 (unsigned long long)leaf_entry(i));
	}
	count_tree(b.root_pfn, PT_PUD, &b, &tables, &leaves);
	assert_int_equal(leaves, n);
	assert_int_equal(tables, b.next - FIRST_TABLE);
	assert_int_equal(mmu_stats.pt_pages, tables);
	assert_int_equal(b.end, FIRST_TABLE + reserved);
	/* The frames after the ones used were not touched. */
	for (unsigned long pfn = b.next; pfn < b.end; pfn++)
		assert_true(frame_poisoned(pfn));
	if (b.end < ARENA_PFNS)
		assert_true(frame_poisoned(b.end));
	return tables;
}

static void test_build_counts(void **state)
{
	static const unsigned long sizes[] = { 1, 2, 511, 512, 513, 1024, 262144, 262145 };

	(void)state;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned long want = pt_tables_for(sizes[i]);

		/* Exactly the reservation the kernel makes, and all of it used. */
		assert_int_equal(build_and_check(PAGE_OFFSET, sizes[i], want), want);
		assert_int_equal(build_and_check(VMEMMAP_START, sizes[i], want), want);
	}
}

static void test_build_kernel_map(void **state)
{
	(void)state;
	/* setup_kernel_pagetable reserves more than the kernel map's pud 510 needs. */
	assert_int_equal(build_and_check(KERNEL_BASE, 1024, pt_tables_for(1024) + 2), 4);
	assert_int_equal(frame(FIRST_TABLE)[510] & ~PTE_ADDR_MASK, KERNPG_TABLE);
	for (unsigned int i = 0; i < PTRS_PER_TABLE; i++)
		if (i != 510)
			assert_int_equal(frame(FIRST_TABLE)[i], 0);
}

static void test_build_remap(void **state)
{
	struct pt_builder b;
	unsigned long next;
	pteval_t *ptep, e = ((pteval_t)test_mfn(999) << PAGE_SHIFT) | PAGE_KERNEL_RO;

	(void)state;
	pt_build_init(&b, PAGE_OFFSET, FIRST_TABLE, 4);
	pt_build_map(&b, PAGE_OFFSET + 5 * PAGE_SIZE, leaf_entry(1));
	next = b.next;
	/* A second mapping of the same page reuses its tables and replaces the entry. */
	pt_build_map(&b, PAGE_OFFSET + 5 * PAGE_SIZE, e);
	assert_int_equal(b.next, next);
	assert_int_equal(mmu_stats.pt_pages, 3);
	ptep = pt_walk(hook(&b), PAGE_OFFSET + 5 * PAGE_SIZE, PT_PTE);
	assert_non_null(ptep);
	assert_int_equal(*ptep, e);
}

static void test_build_through_direct_map(void **state)
{
	(void)state;
	direct_map_ready = true;
	build_and_check(PAGE_OFFSET, 600, pt_tables_for(600));
	assert_int_equal(kmap_accesses, 0);
	assert_true(direct_accesses > 0);

	direct_map_ready = false;
	direct_accesses = 0;
	build_and_check(PAGE_OFFSET, 600, pt_tables_for(600));
	assert_int_equal(direct_accesses, 0);
	assert_true(kmap_accesses > 0);
}

/*
 * pin_leaf_tables pins each leaf table of a subtree once, by mfn, in shares
 * of up to 64 pmd entries per trip, over sparse pmds too; unpinning undoes
 * exactly that, in one trip.  The host has one vCPU: it does every share
 * (smp_share).
 */
static void test_pin_leaf_tables(void **state)
{
	static const unsigned int cmds[] = { MMUEXT_PIN_L1_TABLE, MMUEXT_UNPIN_TABLE };
	unsigned long share[NR_CPUS] = { 0 }, want[71];
	struct pt_builder b;
	unsigned int n = 0;

	(void)state;
	pt_build_init(&b, PAGE_OFFSET, FIRST_TABLE, 80);
	for (unsigned long k = 0; k < 70; k++)
		pt_build_map(&b, PAGE_OFFSET + k * pt_span(PT_PMD), leaf_entry(k));
	pt_build_map(&b, PAGE_OFFSET + 3 * pt_span(PT_PUD) + 5 * pt_span(PT_PMD), leaf_entry(70));
	for (unsigned long k = 0; k < 71; k++) {
		unsigned long va = PAGE_OFFSET + (k < 70 ? k * pt_span(PT_PMD)
							 : 3 * pt_span(PT_PUD) + 5 * pt_span(PT_PMD));

		want[n++] = (*pt_lookup(b.root, PT_PUD, va, PT_PMD, NULL, NULL) & PTE_ADDR_MASK) >> PAGE_SHIFT;
	}
	for (unsigned int pin = 0; pin < 2; pin++) {
		fake_xen_reset();
		pv_mmu_ops.pin_leaf_tables(b.root, pin == 0, pin == 0 ? share : NULL);
		assert_int_equal(fake_xen.nr_reqs, 71);
		for (unsigned int i = 0; i < 71; i++) {
			assert_int_equal(fake_xen.reqs[i].a, cmds[pin]);
			assert_int_equal(fake_xen.reqs[i].b, want[i]);	/* in walk order, each once */
		}
	}
	/* The pins' shares: pmd entries 0-63, 64-69, and the lone one under the fourth pud entry. */
	fake_xen_reset();
	pv_mmu_ops.pin_leaf_tables(b.root, true, NULL);
	assert_int_equal(fake_xen.trips, 3);
	assert_int_equal(fake_xen.calls[0].count, 64);
	assert_int_equal(fake_xen.calls[1].count, 6);
	assert_int_equal(fake_xen.calls[2].count, 1);
	fake_xen_reset();
	pv_mmu_ops.pin_leaf_tables(b.root, false, NULL);
	assert_int_equal(fake_xen.trips, 1);
	assert_int_equal(share[0], 71);
	for (unsigned int i = 1; i < NR_CPUS; i++)
		assert_int_equal(share[i], 0);
}

static void test_build_runs_out(void **state)
{
	static struct pt_builder b;
	static volatile unsigned long mapped;

	(void)state;
	/* One frame short: the 513th page needs the fourth table. */
	mapped = 0;
	pt_build_init(&b, PAGE_OFFSET, FIRST_TABLE, pt_tables_for(513) - 1);
	expect_panic(map_range(&b, PAGE_OFFSET, 513, &mapped));
	assert_int_equal(mapped, 512);
	assert_string_equal(host_panic_msg, "page-table builder at 0xffff880000000000: ran out of "
					    "the 3 table frames reserved");
	assert_true(frame_poisoned(FIRST_TABLE + 3));

	/* Only the root: the first page already needs a pmd. */
	memset(arena, POISON, sizeof(arena));
	mapped = 0;
	pt_build_init(&b, VMEMMAP_START, FIRST_TABLE, 1);
	expect_panic(map_range(&b, VMEMMAP_START, 1, &mapped));
	assert_int_equal(mapped, 0);
	assert_string_equal(host_panic_msg, "page-table builder at 0xffffea0000000000: ran out of "
					    "the 1 table frames reserved");
	assert_true(frame_poisoned(FIRST_TABLE + 1));

	/* pt_tables_for counts from the slot's start: two pages across a pte table need four. */
	mapped = 0;
	pt_build_init(&b, PAGE_OFFSET, FIRST_TABLE, pt_tables_for(2));
	expect_panic(map_range(&b, PAGE_OFFSET + 511 * PAGE_SIZE, 2, &mapped));
	assert_int_equal(mapped, 1);
	assert_panic_contains("ran out of the 3 table frames reserved");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_index_known_addresses, setup),
		cmocka_unit_test_setup(test_index_composed, setup),
		cmocka_unit_test_setup(test_span, setup),
		cmocka_unit_test_setup(test_tables_for, setup),
		cmocka_unit_test_setup(test_entry_machine_address, setup),
		cmocka_unit_test_setup(test_make_entry, setup),
		cmocka_unit_test_setup(test_walk, setup),
		cmocka_unit_test_setup(test_walk_range, setup),
		cmocka_unit_test_setup(test_build_counts, setup),
		cmocka_unit_test_setup(test_build_kernel_map, setup),
		cmocka_unit_test_setup(test_build_remap, setup),
		cmocka_unit_test_setup(test_build_through_direct_map, setup),
		cmocka_unit_test_setup(test_build_runs_out, setup),
		cmocka_unit_test_setup(test_pin_leaf_tables, setup),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
