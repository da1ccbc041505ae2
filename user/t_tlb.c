/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_tlb.c
 * @brief One address space on two vCPUs: a thread's munmap must reach the
 * other thread's TLB, and a pgd another vCPU keeps loaded lazily must be
 * dropped before it is freed.
 *
 * The kernel-level tlb.* tests stop vCPU 1 between two reads; these do it
 * with real threads and processes.  With one vCPU they SKIP.  With
 * tlb_shootdown=off, `user.tlb.munmap_remote` sees the frame's next
 * contents (boot/tlb-user checks that it can fail); with drop_mm_ref=off,
 * `user.tlb.exit_lazy` ends in the kernel's report of the failure.
 */
#include "ulib.h"

#define PAGE 4096UL
#define OLD 0x0dd0dd0dd0dd0dd0UL
#define NEW 0x0e1e1e1e1e1e1e1eUL
#define REFILL_PAGES 64UL
#define THREAD_STACK 16384
#define KILL_SEGV (128 + 11)

static unsigned long nr_cpus(void)
{
	struct pvmmu_stats s;

	return pvmmu_stats(&s) ? 1 : s.nr_cpus;
}

/* What the reader thread and the unmapper share, in memory that stays mapped. */
static struct {
	volatile unsigned long *page;
	volatile unsigned long reads;	/* of OLD, by the reader */
	volatile unsigned long other;	/* the first value other than OLD it read, 0 if none */
	volatile int stop;
} shared;

static char stack[THREAD_STACK] __attribute__((aligned(16)));

/* On vCPU 1: read the page until it faults (the kernel kills this thread) or the unmapper says stop. */
static void reader(void *arg)
{
	(void)arg;
	if (pin_to_cpu(1))
		exit(1);
	while (!shared.stop) {
		unsigned long v = *shared.page;

		if (v != OLD && !shared.other)
			shared.other = v;
		shared.reads++;
	}
	exit(0);
}

/*
 * Pages to take the frames munmap frees, writing NEW: the first to come
 * back are likely theirs.  Mapped before the munmap, so that they cannot
 * take the unmapped address itself (mmap reuses the lowest gap), where a
 * read would rightly see NEW; touched only after it.
 */
static volatile unsigned long *refill_map(void)
{
	volatile unsigned long *p = mmap_anon(REFILL_PAGES * PAGE, PROT_READ | PROT_WRITE);

	if ((long)p <= 0)
		test_fail("refill: mmap of %lu pages: %ld", REFILL_PAGES, (long)p);
	return p;
}

static void refill_touch(volatile unsigned long *p)
{
	for (unsigned long i = 0; i < REFILL_PAGES; i++)
		p[i * PAGE / sizeof(*p)] = NEW;
}

static void munmap_remote(void)
{
	volatile unsigned long *spare;
	int tid, status;

	if (nr_cpus() < 2) {
		test_skip("one vCPU online");
		return;
	}
	TEST_ASSERT_EQ(pin_to_cpu(0), 0);
	shared.page = mmap_anon(PAGE, PROT_READ | PROT_WRITE);
	TEST_ASSERT((long)shared.page > 0);
	spare = refill_map();
	/*
	 * A page beside it stays mapped, so munmap leaves their table in place:
	 * freeing an empty table changes its type, and Xen then flushes every
	 * vCPU itself, which would hide a missing shootdown.
	 */
	*spare = NEW;
	*shared.page = OLD;
	tid = thread_create(reader, NULL, stack, sizeof(stack));
	TEST_ASSERT(tid > 0);
	while (shared.reads < 1000)
		sched_yield();
	TEST_ASSERT_EQ(munmap((void *)shared.page, PAGE), 0);
	refill_touch(spare);
	/*
	 * Until the reader's next read has faulted (it is gone: kill(tid, 0) is
	 * -ESRCH) or has seen the frame's next contents through a stale entry;
	 * bounded, should its vCPU not run at all.
	 */
	for (long i = 0; i < 1000000 && !shared.other && kill(tid, 0) == 0; i++)
		sched_yield();
	shared.stop = 1;
	TEST_ASSERT_EQ(thread_join(tid, &status), tid);
	printf("t_tlb: the reader read the page %lu times; after munmap: %s, status %d\n",
	       shared.reads, shared.other ? "it read new contents" : "no read went through",
	       status);
	TEST_ASSERT_EQ(shared.other, 0UL);
	TEST_ASSERT_EQ(status, KILL_SEGV);
}
UTEST_CHILD("user.tlb.munmap_remote", munmap_remote,
      "a thread on vCPU 1 reads a page another thread munmaps: its next read faults, never the frame's next use");

/* Where leave_lazy_and_exit loads its address space, and where it ends. */
static unsigned int lazy_on = 1, end_on;

/* Load this address space on vCPU lazy_on, leave it there lazily (that vCPU idles), end on end_on. */
static void leave_lazy_and_exit(void)
{
	if (pin_to_cpu(lazy_on) || pin_to_cpu(end_on))
		exit(1);
	exit(7);
}

static void exit_lazy(void)
{
	struct pvmmu_stats before, after;

	if (nr_cpus() < 2) {
		test_skip("one vCPU online");
		return;
	}
	TEST_ASSERT_EQ(pin_to_cpu(0), 0);
	TEST_ASSERT_EQ(pvmmu_stats(&before), 0);
	for (int round = 0; round < 20; round++) {
		/* The next fork's pgd pair is likely the frames the last one freed. */
		TEST_ASSERT_EQ(run_child(leave_lazy_and_exit), 7);
		volatile unsigned long *spare = refill_map();

		refill_touch(spare);
		TEST_ASSERT_EQ(munmap((void *)spare, REFILL_PAGES * PAGE), 0);
	}
	TEST_ASSERT_EQ(pvmmu_stats(&after), 0);
	TEST_ASSERT_EQ(after.pins, before.pins);
	TEST_ASSERT_EQ(after.pt_pages, before.pt_pages);
	TEST_ASSERT_EQ(after.free_pages, before.free_pages);
}
UTEST("user.tlb.exit_lazy", exit_lazy,
      "20 processes exit on vCPU 0 while vCPU 1 keeps their pgd loaded lazily: unpin and reuse succeed");

/*
 * One worker per vCPU, each ending processes on its own vCPU whose pgd the
 * next vCPU keeps: exits on several vCPUs call drop_mm_ref at once, and
 * each request must reach its vCPU (one request slot per vCPU).
 */
static void exit_lazy_parallel(void)
{
	unsigned long n = nr_cpus();
	int pids[8], status;

	if (n < 3) {
		test_skip("fewer than 3 vCPUs online");
		return;
	}
	for (unsigned int w = 0; w < n && w < 8; w++) {
		pids[w] = fork();
		if (pids[w] == 0) {
			end_on = w;
			lazy_on = (w + 1) % (unsigned int)n;
			for (int round = 0; round < 20; round++)
				if (run_child(leave_lazy_and_exit) != 7)
					exit(1);
			exit(0);
		}
		TEST_ASSERT(pids[w] > 0);
	}
	for (unsigned int w = 0; w < n && w < 8; w++) {
		TEST_ASSERT_EQ(waitpid(pids[w], &status), pids[w]);
		TEST_ASSERT_EQ(status, 0);
	}
}
UTEST("user.tlb.exit_lazy_parallel", exit_lazy_parallel,
      "one worker per vCPU ends processes whose pgd the next vCPU keeps lazily: every drop reaches its vCPU");
