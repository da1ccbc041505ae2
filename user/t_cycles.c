/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_cycles.c
 * @brief 1,000 process create/exit cycles leave no frame, page table or pin behind.
 */
#include "ulib.h"

#define CYCLES 1000

static void touch_memory(void)
{
	char *heap = (char *)brk(0);

	/* Give the child page tables and pages of its own to free. */
	brk(heap + 8 * 4096);
	for (int i = 0; i < 8; i++)
		heap[i * 4096] = 1;
}

static void run_test(void)
{
	struct pvmmu_stats before, after;

	/* One cycle first: the parent's own copy-on-write breaks settle. */
	TEST_ASSERT_EQ(run_child(touch_memory), 0);
	TEST_ASSERT_EQ(pvmmu_stats(&before), 0);
	for (int i = 0; i < CYCLES; i++)
		TEST_ASSERT_EQ(run_child(touch_memory), 0);
	TEST_ASSERT_EQ(pvmmu_stats(&after), 0);
	TEST_ASSERT_EQ(after.free_pages, before.free_pages);
	TEST_ASSERT_EQ(after.pt_pages, before.pt_pages);
	TEST_ASSERT_EQ(after.pins, before.pins);
	printf("t_cycles: %d cycles, %lu hypercalls each, %lu free frames, %lu page tables, %lu pins\n",
	       CYCLES, (after.hypercalls - before.hypercalls) / CYCLES, after.free_pages,
	       after.pt_pages, after.pins);
}
UTEST("user.create_exit_1000", run_test, "1000 fork/exit cycles leave no frame, page table or pin behind");
