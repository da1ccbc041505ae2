/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_hypercalls.c
 * @brief The hypercall floor: a first-touch fault, a copy-on-write break and a
 * munmap of up to 256 pages each cost one counted hypercall, one of 4096 at
 * most two.
 *
 * pvmmu_stats counts the kernel's hypercalls (a multicall is one), not the
 * HYPERVISOR_iret that returns to user mode: one counted call plus that
 * return is the two trips into Xen that Xen's rules require.  A timer event
 * between the two reads adds its own calls, so each figure is the least of
 * TRIES measurements.  The count is the calling vCPU's (pinned to vCPU 0),
 * so that with VCPUS>1 the other vCPUs' ticks do not count.
 */
#include "ulib.h"

#define PAGE 4096UL
#define TRIES 5
#define MIN(a, b) ((a) < (b) ? (a) : (b))

/* This vCPU's count, pinned there: the other vCPUs' ticks are not this process's cost. */
static unsigned long hypercalls(void)
{
	static bool pinned;
	struct pvmmu_stats s;

	if (!pinned && pin_to_cpu(0) == 0)
		pinned = true;
	return pvmmu_stats(&s) == 0 ? s.cpu_hypercalls : 0;
}

/* The least count, over TRIES pages, of writing each page of @p p once. */
static unsigned long write_cost(volatile char *p)
{
	unsigned long least = ~0UL;

	settle_stack();
	for (unsigned long i = 0; i < TRIES; i++) {
		unsigned long before = hypercalls();

		p[i * PAGE] = 1;
		least = MIN(least, hypercalls() - before);
	}
	return least;
}

static void first_touch(void)
{
	volatile char *p = mmap_anon((TRIES + 1) * PAGE, PROT_READ | PROT_WRITE);

	TEST_REQUIRE((long)p > 0);
	p[TRIES * PAGE] = 1;	/* its page tables exist before the measured faults */
	TEST_ASSERT_EQ(write_cost(p), 1);
	TEST_ASSERT_EQ(munmap((void *)p, (TRIES + 1) * PAGE), 0);
}
UTEST("user.hypercalls.first_touch", first_touch,
      "a write to an untouched page costs one counted hypercall (the pte update, no flush)");

static void cow_break(void)
{
	volatile char *p = mmap_anon(TRIES * PAGE, PROT_READ | PROT_WRITE);
	int pid, status;

	TEST_REQUIRE((long)p > 0);
	for (unsigned long i = 0; i < TRIES; i++)
		p[i * PAGE] = 7;
	pid = fork();
	if (pid == 0) {
		unsigned long cost = write_cost(p);	/* each write copies a page the parent shares */

		exit((int)MIN(cost, 255UL));
	}
	TEST_REQUIRE(pid > 0);
	TEST_ASSERT_EQ(waitpid(pid, &status), pid);
	TEST_ASSERT_EQ(status, 1);
	for (unsigned long i = 0; i < TRIES; i++)
		TEST_ASSERT_EQ(p[i * PAGE], 7);	/* the child's writes stayed in the child */
	TEST_ASSERT_EQ(write_cost(p), 1);	/* the child is gone: the parent takes its pages back */
	for (unsigned long i = 0; i < TRIES; i++)
		TEST_ASSERT_EQ(p[i * PAGE], 1);
	TEST_ASSERT_EQ(munmap((void *)p, TRIES * PAGE), 0);
}
UTEST("user.hypercalls.cow_break", cow_break,
      "a copy-on-write break, copying or taking the page back, costs one counted hypercall (update and INVLPG in one multicall)");

/* The least count, over TRIES mappings of @p pages touched pages, of one munmap. */
static unsigned long munmap_cost(unsigned long pages)
{
	unsigned long least = ~0UL;

	settle_stack();
	for (int t = 0; t < TRIES; t++) {
		volatile char *p;
		unsigned long before;

		p = mmap_anon(pages * PAGE, PROT_READ | PROT_WRITE);
		if ((long)p <= 0)
			return 0;
		for (unsigned long i = 0; i < pages; i++)
			p[i * PAGE] = 1;
		before = hypercalls();
		if (munmap((void *)p, pages * PAGE))
			return 0;
		least = MIN(least, hypercalls() - before);
	}
	return least;
}

static void munmap_any_length(void)
{
	TEST_ASSERT_EQ(munmap_cost(1), 1);
	TEST_ASSERT_EQ(munmap_cost(16), 1);
	TEST_ASSERT_EQ(munmap_cost(256), 1);
}
UTEST("user.hypercalls.munmap", munmap_any_length,
      "munmap of 1, 16 or 256 touched pages costs one counted hypercall (one multicall, one flush)");

/*
 * 16 MiB: the leaf tables it covers whole are unhooked, not cleared entry by
 * entry, and the partial ones at its edges may fill a second batch.
 */
static void munmap_long(void)
{
	TEST_ASSERT(munmap_cost(4096) <= 2);
}
UTEST("user.hypercalls.munmap_long", munmap_long,
      "munmap of 4096 touched pages costs at most two counted hypercalls, not one per 512 pages");
