/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_tlb.c
 * @brief One address space loaded on two vCPUs (test=tlb.*): shootdown after
 * munmap, fork's write-protection and a copy-on-write break; lazy TLB and
 * drop_mm_ref; what a shootdown costs in hypercalls.
 *
 * vCPU 1 stands in for a second thread of the address space: asked by IPI,
 * it loads the mm (mm_switch) and reads or writes a user address of it
 * through probe_read/probe_write, so its TLB holds the translation.  Then,
 * while it waits in the same IPI (so Xen has no reason to flush it), the
 * test's vCPU changes the mapping, and vCPU 1 tries again: it must fault,
 * or see the new mapping.  With tlb_shootdown=off it keeps the stale
 * translation where the emulator keeps per-vCPU TLBs (docs/smp.md says
 * what was seen).  Every test skips with one vCPU.
 */
#include <string.h>
#include "cpumask.h"
#include "extable.h"
#include "ktest.h"
#include "mmu_stats.h"
#include "page_alloc.h"
#include "percpu.h"
#include "pgtable.h"
#include "printk.h"
#include "pv_mmu.h"
#include "smp.h"
#include "tlb.h"
#include "vm.h"
#include "x86_defns.h"
#include "xen_time.h"

#define TLB_VA 0x0000200000000000UL
#define OLD_WORD 0x01d01d01d01d01d0UL
#define NEXT_WORD 0x0e10e10e10e10e10UL
#define STEP_TIMEOUT_NS 5000000000ULL
#define REMOTE 1U	/* the vCPU that plays the other thread */

/* The scene: vCPU REMOTE accesses va, the test's vCPU changes the mapping, vCPU REMOTE again. */
struct scene {
	struct mm *mm;
	unsigned long va;
	bool write;		/* vCPU REMOTE writes (word, then word + 1) instead of reading */
	unsigned long word;
	void (*change)(struct scene *s);
	long first, second;	/* 0 or PROBE_FAULT() */
	unsigned long seen_first, seen_second;
	unsigned int step;
	bool timed_out;
};

static void signal_step(struct scene *s, unsigned int step)
{
	__atomic_store_n(&s->step, step, __ATOMIC_RELEASE);
}

static bool wait_step(struct scene *s, unsigned int step)
{
	uint64_t start = xen_system_time();

	while (__atomic_load_n(&s->step, __ATOMIC_ACQUIRE) < step) {
		if (xen_system_time() - start > STEP_TIMEOUT_NS) {
			s->timed_out = true;
			return false;
		}
		__builtin_ia32_pause();
	}
	return true;
}

static long access_va(struct scene *s, unsigned long word, unsigned long *seen)
{
	if (s->write)
		return probe_write((void *)s->va, word);
	return probe_read((const void *)s->va, seen);
}

static void remote_part(struct scene *s)
{
	mm_switch(s->mm);
	s->first = access_va(s, s->word, &s->seen_first);
	signal_step(s, 1);
	if (!wait_step(s, 2))
		return;
	s->second = access_va(s, s->word + 1, &s->seen_second);
	signal_step(s, 3);
}

static void local_part(struct scene *s)
{
	if (!wait_step(s, 1))
		return;
	s->change(s);
	signal_step(s, 2);
	wait_step(s, 3);
}

static unsigned int test_cpu;

static void play(void *arg)
{
	unsigned int me = smp_processor_id();

	if (me == REMOTE)
		remote_part(arg);
	else if (me == test_cpu)
		local_part(arg);
}

/* Both parts at once, in one on_each_cpu: vCPU REMOTE stays in its IPI between its accesses. */
static bool play_scene(struct scene *s)
{
	s->step = 0;
	s->timed_out = false;
	test_cpu = smp_processor_id();
	on_each_cpu(play, s);
	if (s->timed_out)
		test_error("vCPU %u and vCPU %u did not meet within 5 s (step %u)", REMOTE, test_cpu,
			   s->step);
	else if (s->first)
		test_error("vCPU %u's first access to %#lx faulted: vector %lu, error code %#lx", REMOTE,
			   s->va, probe_vector(s->first), probe_error_code(s->first));
	return !s->timed_out && !s->first;
}

static bool two_vcpus(void)
{
	if (smp_num_online() > REMOTE)
		return true;
	test_skip("one vCPU online: no other vCPU to have the address space loaded");
	return false;
}

/* A teardown that a test which destroys the mm itself may leave with nothing to do. */
static void destroy_mm(void *arg)
{
	struct mm *mm = arg;

	if (mm->vmas)
		mm_destroy(mm);
}

/*
 * A fresh address space with @p pages written pages from TLB_VA, each
 * holding OLD_WORD; the last one, or NULL if they cannot be had.
 */
static struct page *setup_mm(struct mm *mm, unsigned int pages)
{
	struct page *page = NULL;

	if (mm_create(mm))
		return NULL;
	test_defer(destroy_mm, mm);
	if (vma_add(mm, TLB_VA, TLB_VA + pages * PAGE_SIZE, VMA_WRITE))
		return NULL;
	for (unsigned int i = 0; i < pages; i++) {
		if (user_page_get(mm, TLB_VA + i * PAGE_SIZE, true, &page))
			return NULL;
		*(unsigned long *)page_address(page) = OLD_WORD;
	}
	return page;
}

static bool faulted(long rc, bool write)
{
	return rc && probe_vector(rc) == X86_EXC_PF && !!(probe_error_code(rc) & 2) == write;
}

static struct page *unmapped_page;
static unsigned int unmapped_pages;
static bool frame_reused;

/* munmap, then take a frame at once: with LIFO freeing, the first one just unmapped. */
static void unmap_and_reuse(struct scene *s)
{
	struct page *next;

	if (vma_remove(s->mm, s->va, s->va + unmapped_pages * PAGE_SIZE))
		return;
	next = test_alloc_page();
	frame_reused = next == unmapped_page;
	if (next)
		*(unsigned long *)page_address(next) = NEXT_WORD;
}

/*
 * vCPU REMOTE reads the first of @p pages pages, which munmap then removes.
 * A page before them stays mapped, so their page table stays: unhooking it
 * would change the table's type, and Xen then flushes the domain's vCPUs
 * itself (xen-facts.md), hiding a missing shootdown.
 */
static void check_munmap(unsigned int pages)
{
	static struct mm mm;
	struct scene s = { .mm = &mm, .va = TLB_VA + PAGE_SIZE, .change = unmap_and_reuse };

	if (!two_vcpus())
		return;
	unmapped_pages = pages;
	TEST_REQUIRE(setup_mm(&mm, pages + 1));
	TEST_REQUIRE(user_page_get(&mm, s.va, false, &unmapped_page) == 0 && unmapped_page);
	if (!play_scene(&s))
		return;
	TEST_ASSERT_EQ(s.seen_first, OLD_WORD);
	if (!s.second)
		test_fail("vCPU %u read %#lx at %#lx after munmap of %u page(s) returned (%s; the frame %s reused): "
			  "a stale TLB entry, no shootdown", REMOTE, s.seen_second, s.va, pages,
			  s.seen_second == NEXT_WORD ? "the frame's next contents"
			  : s.seen_second == OLD_WORD ? "the unmapped page's contents" : "?",
			  frame_reused ? "was" : "was not");
	TEST_ASSERT(faulted(s.second, false));
	TEST_ASSERT(cpumask_test_cpu(REMOTE, &mm.cpumask));	/* still loaded there, lazily */
}

static void test_shootdown_munmap(void)
{
	check_munmap(1);
}
KTEST("tlb.shootdown_munmap", test_shootdown_munmap,
      "vCPU 1 has an mm loaded and reads a page; munmap on this vCPU (INVLPG_MULTI): its next read faults, never the frame's reuse");

static void test_shootdown_munmap_many(void)
{
	check_munmap(2 * TLB_FLUSH_PAGES_MAX);
}
KTEST("tlb.shootdown_munmap_many", test_shootdown_munmap_many,
      "the same with munmap of 8 pages (TLB_FLUSH_MULTI): vCPU 1's next read faults");

static struct mm cow_child;

static void fork_copy(struct scene *s)
{
	if (pv_mmu_ops.pgd_alloc(&cow_child))
		return;
	if (mm_copy(&cow_child, s->mm)) {
		pv_mmu_ops.pgd_free(&cow_child);
		return;
	}
	test_defer(destroy_mm, &cow_child);
}

static void test_shootdown_cow(void)
{
	static struct mm mm;
	struct scene s = { .mm = &mm, .va = TLB_VA, .write = true, .word = 0xa, .change = fork_copy };
	struct page *child_page = NULL;

	if (!two_vcpus())
		return;
	memset(&cow_child, 0, sizeof(cow_child));
	TEST_REQUIRE(setup_mm(&mm, 1));
	if (!play_scene(&s))
		return;
	TEST_REQUIRE(cow_child.pgd && cow_child.vmas);
	TEST_REQUIRE(user_page_get(&cow_child, TLB_VA, false, &child_page) == 0 && child_page);
	if (!s.second)
		test_fail("vCPU %u wrote through a stale writable entry after fork made the page copy-on-write: "
			  "the child reads %#lx", REMOTE, *(unsigned long *)page_address(child_page));
	TEST_ASSERT(faulted(s.second, true));
	TEST_ASSERT_EQ(*(unsigned long *)page_address(child_page), s.word);
}
KTEST("tlb.shootdown_cow", test_shootdown_cow,
      "vCPU 1 writes a page of an mm it has loaded; fork on this vCPU makes it copy-on-write: vCPU 1's next write faults");

static struct page *shared_page;

/* The mm writes the page the child shares: it gets a copy; then each frame is told apart. */
static void break_cow_here(struct scene *s)
{
	struct page *copy;

	if (handle_user_fault(s->mm, s->va, true) || user_page_get(s->mm, s->va, false, &copy) ||
	    copy == shared_page)
		return;
	*(unsigned long *)page_address(copy) = NEXT_WORD;
	*(unsigned long *)page_address(shared_page) = OLD_WORD + 1;
}

static void test_shootdown_change(void)
{
	static struct mm mm;
	struct scene s = { .mm = &mm, .va = TLB_VA, .change = break_cow_here };

	if (!two_vcpus())
		return;
	memset(&cow_child, 0, sizeof(cow_child));
	shared_page = setup_mm(&mm, 1);
	TEST_REQUIRE(shared_page);
	fork_copy(&s);
	TEST_REQUIRE(cow_child.vmas);
	if (!play_scene(&s))
		return;
	TEST_ASSERT_EQ(s.seen_first, OLD_WORD);
	if (!s.second && s.seen_second == OLD_WORD + 1)
		test_fail("vCPU %u still read the shared frame (%#lx) after the copy-on-write break "
			  "gave the page a frame of its own: a stale TLB entry", REMOTE, s.seen_second);
	TEST_ASSERT_EQ(s.second, 0);
	TEST_ASSERT_EQ(s.seen_second, NEXT_WORD);
}
KTEST("tlb.shootdown_change", test_shootdown_change,
      "vCPU 1 reads a copy-on-write page; a write on this vCPU gives it a new frame: vCPU 1 then reads the new frame");

static void load_mm(void *mm)
{
	mm_switch(mm);
}

/* Hypercalls and mmuext ops of this vCPU for munmap of @p mm's page. */
static void munmap_cost(struct mm *mm, unsigned long *calls, unsigned long *ops)
{
	unsigned long c0 = this_cpu()->stats.hypercalls, o0 = mmu_stats.mmuext_ops;

	if (vma_remove(mm, TLB_VA, TLB_VA + PAGE_SIZE))
		test_error("munmap failed");
	*calls = this_cpu()->stats.hypercalls - c0;
	*ops = mmu_stats.mmuext_ops - o0;
}

static void test_shootdown_cost(void)
{
	static struct mm here, both, there;
	unsigned long calls[3], ops[3];

	if (!two_vcpus())
		return;
	TEST_REQUIRE(setup_mm(&here, 1) && setup_mm(&both, 1) && setup_mm(&there, 1));
	mm_switch(&here);
	munmap_cost(&here, &calls[0], &ops[0]);
	mm_switch(&both);
	TEST_REQUIRE(smp_call_function_single(REMOTE, load_mm, &both) == 0);
	munmap_cost(&both, &calls[1], &ops[1]);
	TEST_REQUIRE(smp_call_function_single(REMOTE, load_mm, &there) == 0);
	TEST_ASSERT(!cpumask_test_cpu(smp_processor_id(), &there.cpumask));
	munmap_cost(&there, &calls[2], &ops[2]);
	printk("tlb: munmap of one page: %lu hypercall(s), %lu mmuext op(s) loaded here only (INVLPG_LOCAL); "
	       "%lu, %lu loaded here and on vCPU %u (INVLPG_MULTI); %lu, %lu on vCPU %u only\n",
	       calls[0], ops[0], calls[1], ops[1], REMOTE, calls[2], ops[2], REMOTE);
	/* The shootdown rides in munmap's own multicall: not one hypercall more. */
	TEST_ASSERT_EQ(calls[1], calls[0]);
	TEST_ASSERT_EQ(calls[2], calls[0]);
	TEST_ASSERT_EQ(ops[1], ops[0]);
	TEST_ASSERT_EQ(ops[2], ops[0]);
}
KTEST("tlb.shootdown_cost", test_shootdown_cost,
      "munmap of a page costs the same hypercalls loaded here only, here and on vCPU 1, or on vCPU 1 only");

/* The frames of @p mm's pgd pair. */
static void pgd_pfns(const struct mm *mm, unsigned long pfn[2])
{
	pfn[0] = virt_to_pfn(mm->pgd);
	pfn[1] = virt_to_pfn((void *)virt_to_page(mm->pgd)->private);
}

/* The first of the next few free frames that is one of @p pfn's, written and read back; false if none came. */
static bool reuse_frame(const unsigned long pfn[2])
{
	struct page *page;

	for (unsigned int i = 0; i < 8 && (page = test_alloc_page()); i++) {
		volatile unsigned long *p = page_address(page);

		if (page_to_pfn(page) != pfn[0] && page_to_pfn(page) != pfn[1])
			continue;
		*p = NEXT_WORD;
		return *p == NEXT_WORD;
	}
	return false;
}

static void test_drop_mm_ref(void)
{
	static struct mm mm;
	unsigned long pfn[2];
	struct cpu *remote = &cpus[REMOTE];

	if (!two_vcpus())
		return;
	TEST_REQUIRE(mm_create(&mm) == 0);
	test_defer(destroy_mm, &mm);
	pgd_pfns(&mm, pfn);
	TEST_REQUIRE(smp_call_function_single(REMOTE, load_mm, &mm) == 0);
	/* Back in its idle loop, vCPU 1 keeps the mm loaded: lazy TLB. */
	TEST_ASSERT_EQ(__atomic_load_n(&remote->xen_current_cr3, __ATOMIC_ACQUIRE), __pa(mm.pgd));
	TEST_ASSERT(cpumask_test_cpu(REMOTE, &mm.cpumask));
	printk("tlb: vCPU %u idles with pgd pfn %#lx still loaded; destroying that mm here\n", REMOTE,
	       pfn[0]);
	mm_destroy(&mm);
	TEST_ASSERT_EQ(__atomic_load_n(&remote->xen_current_cr3, __ATOMIC_ACQUIRE), __pa(init_pgd));
	TEST_ASSERT(remote->loaded_mm == NULL);
	TEST_ASSERT(cpumask_empty(&mm.cpumask));
	TEST_ASSERT(reuse_frame(pfn));
	test_free_pages();
	/* Once more, the frames becoming a pgd pair again. */
	TEST_REQUIRE(mm_create(&mm) == 0);
	TEST_REQUIRE(smp_call_function_single(REMOTE, load_mm, &mm) == 0);
	mm_destroy(&mm);
	TEST_ASSERT_EQ(__atomic_load_n(&remote->xen_current_cr3, __ATOMIC_ACQUIRE), __pa(init_pgd));
}
KTEST("tlb.drop_mm_ref", test_drop_mm_ref,
      "vCPU 1 idles with an mm loaded (lazy TLB); destroying it here switches vCPU 1 away first: unpin and reuse succeed");
