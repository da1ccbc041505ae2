/* SPDX-License-Identifier: MIT */
/**
 * @file tests/host/test_page_alloc.c
 * @brief Host unit tests for the early allocator (kernel/mm/memblock.c) and
 *        the page allocator (kernel/mm/page_alloc.c).
 *
 * `vmemmap` points at a host array of struct page, set up as paging_init
 * leaves it: every frame reserved, the frames memblock marked as page
 * tables flagged so.  The tests then replay a boot's sequence of memblock
 * calls and check that the page allocator receives each frame memblock gave
 * up exactly once, and nothing else.
 *
 * Both allocators keep static state.  memblock_init() starts memblock
 * afresh; the page allocator is emptied by allocating until it has nothing
 * left, before the arena is reset.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "memblock.h"
#include "mm.h"
#include "page_alloc.h"
#include "support.h"

#define NR_PFNS 4096UL

static struct page pages[NR_PFNS];
/* Which frames the test expects the page allocator to hold. */
static bool expect_free[NR_PFNS];

static int setup(void **state)
{
	(void)state;
	while (alloc_page())
		;
	memset(pages, 0, sizeof(pages));
	memset(expect_free, 0, sizeof(expect_free));
	vmemmap = pages;
	max_pfn = NR_PFNS;
	memblock_init(0, 0);
	host_log_reset();
	return 0;
}

/* The state paging_init leaves: every frame reserved, page tables marked. */
static void init_struct_pages(void)
{
	for (unsigned long pfn = 0; pfn < NR_PFNS; pfn++)
		pages[pfn] = (struct page){
			.flags = PG_reserved | (memblock_is_pagetable(pfn) ? PG_pagetable : 0),
		};
}

static void expect_range_free(unsigned long start, unsigned long end)
{
	for (unsigned long pfn = start; pfn < end; pfn++)
		expect_free[pfn] = true;
}

static unsigned long expected_free(void)
{
	unsigned long n = 0;

	for (unsigned long pfn = 0; pfn < NR_PFNS; pfn++)
		n += expect_free[pfn];
	return n;
}

/* ---- memblock ---- */

static unsigned long handed[16][2];
static unsigned int nr_handed;

static void collect(unsigned long start, unsigned long end)
{
	assert_true(nr_handed < 16);
	handed[nr_handed][0] = start;
	handed[nr_handed++][1] = end;
}

static void hand_over_and_expect(const unsigned long (*want)[2], unsigned int n)
{
	nr_handed = 0;
	memblock_hand_over(collect);
	if (nr_handed != n)
		fail_msg("%u ranges handed over, expected %u", nr_handed, n);
	for (unsigned int i = 0; i < n; i++)
		if (handed[i][0] != want[i][0] || handed[i][1] != want[i][1])
			fail_msg("range %u handed over is [%#lx, %#lx), expected [%#lx, %#lx)", i,
				 handed[i][0], handed[i][1], want[i][0], want[i][1]);
}

static void test_memblock_alloc(void **state)
{
	(void)state;
	memblock_init(100, 200);
	assert_int_equal(memblock_cursor(), 100);
	assert_int_equal(memblock_alloc(10, "a"), 100);
	assert_int_equal(memblock_alloc(5, "b"), 110);
	assert_int_equal(memblock_alloc(0, "nothing"), 115);
	assert_int_equal(memblock_cursor(), 115);
	/* The window's last frames, exactly. */
	assert_int_equal(memblock_alloc(85, "c"), 115);
	assert_int_equal(memblock_cursor(), 200);

	expect_panic(memblock_alloc(1, "the direct map's tables"));
	assert_string_equal(host_panic_msg,
			    "memblock: out of early memory for the direct map's tables: 1 frames "
			    "wanted at pfn 0xc8, window ends at 0xc8");
}

static void test_memblock_exhausted_keeps_cursor(void **state)
{
	(void)state;
	memblock_init(100, 200);
	expect_panic(memblock_alloc(101, "vmemmap tables"));
	assert_panic_contains("out of early memory for vmemmap tables: 101 frames wanted at pfn 0x64");
	/* A request so large that cursor + nr wraps must not slip through. */
	expect_panic(memblock_alloc(~0UL - 50, "struct pages"));
	assert_panic_contains("for struct pages:");
	assert_int_equal(memblock_cursor(), 100);
	assert_int_equal(memblock_alloc(100, "all of it"), 100);
}

static void test_memblock_windows_and_hand_over(void **state)
{
	static const unsigned long want[][2] = {
		{ 130, 200 },		/* what the first window had left */
		{ 10, 20 },		/* released by hand */
		{ 1010, 1100 },		/* what the last window had left */
	};

	(void)state;
	memblock_init(100, 200);
	assert_int_equal(memblock_alloc(30, "a"), 100);
	memblock_set_window(1000, 1100);
	assert_int_equal(memblock_cursor(), 1000);
	assert_int_equal(memblock_alloc(10, "b"), 1000);
	/* The new window's limit holds: the old window's frames are not reachable. */
	expect_panic(memblock_alloc(91, "c"));
	assert_panic_contains("window ends at 0x44c");
	memblock_release(10, 20);
	memblock_release(20, 20);	/* empty: ignored */
	hand_over_and_expect(want, 3);

	/* Handed over once: a second hand-over has nothing left to give. */
	hand_over_and_expect(NULL, 0);
}

static void test_memblock_too_many_ranges(void **state)
{
	(void)state;
	memblock_init(0, 0);
	for (unsigned long i = 0; i < 8; i++)
		memblock_release(10 * i, 10 * i + 5);
	expect_panic(memblock_release(500, 501));
	assert_string_equal(host_panic_msg, "memblock: more than 8 released ranges");

	memblock_init(0, 0);
	for (unsigned long i = 0; i < 8; i++)
		memblock_mark_pagetables(10 * i, 1);
	expect_panic(memblock_mark_pagetables(500, 1));
	assert_string_equal(host_panic_msg, "memblock: more than 8 page-table ranges");

	/* memblock_init starts afresh: the lists are empty again. */
	memblock_init(0, 0);
	memblock_mark_pagetables(500, 1);
	assert_false(memblock_is_pagetable(0));
	assert_true(memblock_is_pagetable(500));
}

static void test_memblock_pagetables(void **state)
{
	(void)state;
	memblock_init(0, 0);
	memblock_mark_pagetables(10, 5);
	memblock_mark_pagetables(50, 1);
	memblock_mark_pagetables(60, 0);	/* empty: ignored */
	for (unsigned long pfn = 0; pfn < 100; pfn++)
		if (memblock_is_pagetable(pfn) != ((pfn >= 10 && pfn < 15) || pfn == 50))
			fail_msg("memblock_is_pagetable(%lu) = %d", pfn, memblock_is_pagetable(pfn));
}

/* ---- page_alloc on a replayed boot ---- */

/*
 * The calls a boot makes, in the order start_kernel makes them (see
 * setup_kernel_pagetable, init_mem_mapping and paging_init), with the
 * frames sized down to the arena.  Returns the expected number of free frames.
 */
static unsigned long replay_boot(void)
{
	const unsigned long xen_pt = 16, xen_pt_end = 20, xen_end = 64;
	const unsigned long kmap_end = 200;
	unsigned long kernel_tables, direct_tables, vmemmap_tables, backing;

	memblock_init(xen_pt_end + 1, xen_end);
	kernel_tables = memblock_alloc(6, "the kernel's page tables");
	memblock_mark_pagetables(kernel_tables, 6);
	memblock_release(xen_pt, xen_pt_end + 1);
	memblock_set_window(xen_end, kmap_end);
	direct_tables = memblock_alloc(kmap_end - xen_end, "the direct map's tables");
	memblock_mark_pagetables(direct_tables, kmap_end - xen_end);
	memblock_set_window(memblock_cursor(), NR_PFNS);
	vmemmap_tables = memblock_alloc(4, "vmemmap tables");
	backing = memblock_alloc(32, "struct pages");
	memblock_mark_pagetables(vmemmap_tables, 4);
	init_struct_pages();

	expect_range_free(xen_pt, xen_pt_end + 1);
	expect_range_free(kernel_tables + 6, xen_end);
	expect_range_free(backing + 32, NR_PFNS);
	return expected_free();
}

static void test_page_alloc_init_hands_over_once(void **state)
{
	static bool seen[NR_PFNS];
	unsigned long want = replay_boot(), got = 0;
	char line[128];
	struct page *p;

	(void)state;
	page_alloc_init();
	assert_int_equal(nr_free_pages(), want);
	snprintf(line, sizeof(line), "mm: page allocator: %lu of %lu frames free (%lu MiB)\n", want,
		 NR_PFNS, want * PAGE_SIZE >> 20);
	assert_string_equal(host_log, line);

	memset(seen, 0, sizeof(seen));
	while ((p = alloc_page())) {
		unsigned long pfn = page_to_pfn(p);

		assert_true(pfn < NR_PFNS);
		if (!expect_free[pfn])
			fail_msg("pfn %#lx was handed out but memblock never released it", pfn);
		if (seen[pfn])
			fail_msg("pfn %#lx was handed out twice", pfn);
		seen[pfn] = true;
		assert_int_equal(p->flags & (PG_free | PG_reserved | PG_pagetable), 0);
		assert_int_equal(p->refcount, 1);
		assert_null(p->next);
		got++;
		assert_int_equal(nr_free_pages(), want - got);
	}
	/* Until NULL: exactly the free count, every released frame among them. */
	assert_int_equal(got, want);
	assert_int_equal(nr_free_pages(), 0);
	assert_null(alloc_page());
	for (unsigned long pfn = 0; pfn < NR_PFNS; pfn++)
		if (expect_free[pfn] != seen[pfn])
			fail_msg("pfn %#lx: released %d, handed out %d", pfn, expect_free[pfn], seen[pfn]);
	/* Frames kept back stayed as they were. */
	for (unsigned long pfn = 0; pfn < NR_PFNS; pfn++)
		if (!expect_free[pfn])
			assert_true(pages[pfn].flags & PG_reserved);
}

static void test_free_restores(void **state)
{
	static struct page *taken[NR_PFNS];
	unsigned long want = replay_boot(), n = 0;

	(void)state;
	page_alloc_init();
	while ((taken[n] = alloc_page()))
		n++;
	assert_int_equal(n, want);
	for (unsigned long i = 0; i < n; i++) {
		free_page(taken[i]);
		assert_int_equal(nr_free_pages(), i + 1);
		assert_true(taken[i]->flags & PG_free);
		assert_int_equal(taken[i]->refcount, 0);
	}
	/* And the same frames come back once each. */
	for (unsigned long i = 0; i < n; i++) {
		struct page *p = alloc_page();

		assert_non_null(p);
		assert_true(expect_free[page_to_pfn(p)]);
		expect_free[page_to_pfn(p)] = false;
	}
	assert_null(alloc_page());
	assert_int_equal(expected_free(), 0);
}

static void test_bad_frees_panic(void **state)
{
	struct page *p;
	char want[128];
	unsigned long free_before;

	(void)state;
	replay_boot();
	page_alloc_init();
	p = alloc_page();
	assert_non_null(p);
	free_page(p);
	free_before = nr_free_pages();

	expect_panic(free_page(p));
	snprintf(want, sizeof(want), "free_page: pfn %#lx is not an allocated page (flags %#lx)",
		 page_to_pfn(p), PG_free);
	assert_string_equal(host_panic_msg, want);
	assert_int_equal(nr_free_pages(), free_before);

	/* A frame never released: the kernel image, say. */
	expect_panic(free_page(pfn_to_page(1)));
	snprintf(want, sizeof(want), "free_page: pfn 0x1 is not an allocated page (flags %#lx)",
		 PG_reserved);
	assert_string_equal(host_panic_msg, want);

	/* A page table of the direct map (in use: it is reserved too). */
	assert_true(pages[100].flags & PG_pagetable);
	expect_panic(free_page(pfn_to_page(100)));
	assert_panic_contains("free_page: pfn 0x64 is not an allocated page");

	/* A page table that is not reserved, as a released table would be. */
	pages[100].flags = PG_pagetable;
	expect_panic(free_page(pfn_to_page(100)));
	snprintf(want, sizeof(want), "free_page: pfn 0x64 is not an allocated page (flags %#lx)",
		 PG_pagetable);
	assert_string_equal(host_panic_msg, want);
	assert_int_equal(nr_free_pages(), free_before);
}

static void test_release_of_pagetable_refused(void **state)
{
	(void)state;
	/* A release that overlaps page-table frames must not feed them to the allocator. */
	memblock_init(10, 20);
	memblock_mark_pagetables(memblock_alloc(4, "tables"), 4);
	memblock_release(12, 16);
	init_struct_pages();
	expect_panic(page_alloc_init());
	assert_panic_contains("free_page: pfn 0xc is not an allocated page");
}

static void test_release_twice_refused(void **state)
{
	(void)state;
	/* The same frames released twice would be handed out twice: the allocator says no. */
	memblock_init(0, 0);
	memblock_release(40, 48);
	memblock_release(44, 46);
	init_struct_pages();
	expect_panic(page_alloc_init());
	assert_panic_contains("free_page: pfn 0x2c is not an allocated page");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_memblock_alloc, setup),
		cmocka_unit_test_setup(test_memblock_exhausted_keeps_cursor, setup),
		cmocka_unit_test_setup(test_memblock_windows_and_hand_over, setup),
		cmocka_unit_test_setup(test_memblock_too_many_ranges, setup),
		cmocka_unit_test_setup(test_memblock_pagetables, setup),
		cmocka_unit_test_setup(test_page_alloc_init_hands_over_once, setup),
		cmocka_unit_test_setup(test_free_restores, setup),
		cmocka_unit_test_setup(test_bad_frees_panic, setup),
		cmocka_unit_test_setup(test_release_of_pagetable_refused, setup),
		cmocka_unit_test_setup(test_release_twice_refused, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
