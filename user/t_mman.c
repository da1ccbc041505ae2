/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_mman.c
 * @brief Hostile brk/mmap/munmap: each attack runs in a child, which must exit
 * with the expected status, and the kernel must get back every frame,
 * page-table page and pin (UTEST_EXIT).
 */
#include "ulib.h"

#define PAGE 4096UL
#define USER_TOP 0x0000800000000000UL
#define MMAP_BASE 0x0000100000000000UL
#define STACK_BOTTOM (0x00007ffffffff000UL - (1UL << 20))
#define EINVAL 22
#define ENOMEM 12
#define EFAULT 14

/* A child's check: name the line and end the child with status 1. */
#define CHECK(cond)                                                              \
	do {                                                                     \
		if (!(cond)) {                                                   \
			printf("t_mman: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
			exit(1);                                                 \
		}                                                                \
	} while (0)

static char *map(unsigned long len, int prot) { return mmap_anon(len, prot); }
static bool failed_with(const void *p, int err) { return (long)p == -err; }

static struct pvmmu_stats stats(void)
{
	struct pvmmu_stats s;

	settle_stack();
	CHECK(pvmmu_stats(&s) == 0);
	return s;
}

/* The child's own tables and frames come back too, not only at exit. */
static void check_same(const struct pvmmu_stats *before)
{
	struct pvmmu_stats now = stats();

	if (now.free_pages != before->free_pages || now.pt_pages != before->pt_pages)
		printf("t_mman: free frames %lu -> %lu, page tables %lu -> %lu\n", before->free_pages,
		       now.free_pages, before->pt_pages, now.pt_pages);
	CHECK(now.free_pages == before->free_pages);
	CHECK(now.pt_pages == before->pt_pages);
}

/* 400 brk steps of odd sizes: each gives exactly what was asked, and mmap still works. */
static void brk_steps(void)
{
	char *base = (char *)brk(0);
	struct pvmmu_stats before = stats();
	char *m[20];

	for (unsigned long i = 1; i <= 400; i++) {
		CHECK(brk(base + i * 1000) == (long)(base + i * 1000));
		base[i * 1000 - 1] = 1;
	}
	for (int i = 0; i < 20; i++) {
		m[i] = map(PAGE, PROT_READ | PROT_WRITE);
		CHECK((unsigned long)m[i] >= MMAP_BASE && (unsigned long)m[i] < STACK_BOTTOM);
		m[i][0] = 1;
	}
	for (int i = 0; i < 20; i++)
		CHECK(munmap(m[i], PAGE) == 0);
	CHECK(brk(base) == (long)base);
	check_same(&before);
}

/* The break is page-granular: the rest of its page is usable, the next page is not. */
static void brk_edge(void)
{
	char *base = (char *)brk(0);

	CHECK(brk(base + 100) == (long)(base + 100));
	base[PAGE - 1] = 1;
	base[PAGE] = 1;		/* killed here */
}

/* Big mappings until none fits: every one inside the user half, below the stack, apart. */
static void mmap_fill(void)
{
	const unsigned long len = 1UL << 43;	/* 8 TiB */
	unsigned long prev_end = 0;
	char *m[32];
	int n = 0;

	for (; n < 32; n++) {
		m[n] = map(len, PROT_READ | PROT_WRITE);
		if ((long)m[n] < 0)
			break;
		CHECK((unsigned long)m[n] >= MMAP_BASE);
		CHECK((unsigned long)m[n] + len <= STACK_BOTTOM);
		CHECK((unsigned long)m[n] > prev_end);
		prev_end = (unsigned long)m[n] + len;
		m[n][len - 1] = 1;
	}
	CHECK(n >= 10 && n < 32);
	CHECK(failed_with(m[n], ENOMEM));
	CHECK(failed_with(map(USER_TOP, PROT_READ), ENOMEM));
	CHECK(failed_with(map(~0UL, PROT_READ), ENOMEM));
	/* Freed space is found again. */
	CHECK(munmap(m[3], len) == 0);
	CHECK(map(len, PROT_READ) == m[3]);
}

/* 1,000 map/unmap cycles reuse one address and leave no table behind. */
static void mmap_churn(void)
{
	struct pvmmu_stats before = stats();
	char *first = map(2UL << 20, PROT_READ | PROT_WRITE);

	CHECK((long)first > 0);
	CHECK(munmap(first, 2UL << 20) == 0);
	for (int i = 0; i < 1000; i++) {
		char *m = map(2UL << 20, PROT_READ | PROT_WRITE);

		CHECK(m == first);
		m[0] = 1;
		m[(2UL << 20) - 1] = 2;
		CHECK(munmap(m, 2UL << 20) == 0);
	}
	check_same(&before);
}

/* Pages spread over 64 GiB: each in its own tables, all freed by one munmap. */
static void sparse_tables(void)
{
	struct pvmmu_stats before = stats(), touched;
	const unsigned long len = 64UL << 30;
	char *m = map(len, PROT_READ | PROT_WRITE);

	CHECK((long)m > 0);
	for (unsigned long off = 0; off < len; off += 1UL << 30)
		m[off] = 1;
	touched = stats();
	CHECK(touched.pt_pages >= before.pt_pages + 64);
	CHECK(munmap(m, len) == 0);
	check_same(&before);
}

/* munmap of empty terabytes costs what is mapped there: nothing. */
static void munmap_empty(void)
{
	struct pvmmu_stats t0 = stats(), t1;

	CHECK(munmap((void *)0x200000000000UL, 1UL << 40) == 0);
	CHECK(munmap((void *)MMAP_BASE, STACK_BOTTOM - MMAP_BASE) == 0);
	t1 = stats();
	printf("t_mman: munmap of 1 TiB and of %lu TiB, empty: %lu us\n",
	       (STACK_BOTTOM - MMAP_BASE) >> 40, (t1.time_ns - t0.time_ns) / 1000);
	CHECK(t1.time_ns - t0.time_ns < 200000000UL);
}

/* The whole user half, program and stack included: the child dies on its way back. */
static void munmap_everything(void)
{
	munmap((void *)0, USER_TOP);
}

/* Fill every region slot; a split then fails with nothing changed, and works once a slot is free. */
static void split_no_slot(void)
{
	char *m[400];
	int n = 0;

	for (; n < 400; n++) {
		m[n] = map(3 * PAGE, PROT_READ | PROT_WRITE);
		if ((long)m[n] < 0)
			break;
		m[n][0] = 'a', m[n][PAGE] = 'b', m[n][2 * PAGE] = 'c';
	}
	CHECK(n > 1 && n < 400);
	CHECK(failed_with(m[n], ENOMEM));
	CHECK(munmap(m[0] + PAGE, PAGE) == -ENOMEM);
	CHECK(m[0][0] == 'a' && m[0][PAGE] == 'b' && m[0][2 * PAGE] == 'c');
	CHECK(munmap(m[1], 3 * PAGE) == 0);
	CHECK(munmap(m[0] + PAGE, PAGE) == 0);
	CHECK(m[0][0] == 'a' && m[0][2 * PAGE] == 'c');
	CHECK(n >= 150);	/* room for real programs' regions */
}

/* One munmap across two mappings and the guard page between them removes both. */
static void munmap_across(void)
{
	struct pvmmu_stats before = stats();
	char *a = map(2 * PAGE, PROT_READ | PROT_WRITE), *b = map(2 * PAGE, PROT_READ | PROT_WRITE);

	CHECK((long)a > 0 && b == a + 3 * PAGE);
	a[0] = b[PAGE] = 1;
	CHECK(munmap(a + PAGE, 3 * PAGE) == 0);	/* a's tail, the guard, b's head */
	CHECK(a[0] == 1 && b[PAGE] == 1);
	CHECK(munmap(a, 5 * PAGE) == 0);
	CHECK(map(5 * PAGE, PROT_READ) == a);
	CHECK(munmap(a, 5 * PAGE) == 0);
	check_same(&before);
}

static char *shared;

static void unmap_shared(void)
{
	CHECK(shared[0] == 's');
	CHECK(munmap(shared, 8 * PAGE) == 0);
}

/* Pages shared copy-on-write: a child's munmap leaves the parent's copy whole. */
static void fork_unmap(void)
{
	struct pvmmu_stats before;

	shared = NULL;	/* .bss is shared with our parent: break that copy-on-write first */
	before = stats();
	shared = map(8 * PAGE, PROT_READ | PROT_WRITE);
	CHECK((long)shared > 0);
	for (unsigned long i = 0; i < 8; i++)
		shared[i * PAGE] = 's';
	CHECK(run_child(unmap_shared) == 0);
	for (unsigned long i = 0; i < 8; i++)
		CHECK(shared[i * PAGE] == 's');
	shared[PAGE] = 'p';
	CHECK(munmap(shared, 8 * PAGE) == 0);
	check_same(&before);
}

static char *none_page(void)
{
	char *m = map(PAGE, PROT_NONE);

	CHECK((long)m > 0);
	return m;
}

static void read_prot_none(void) { (void)*(volatile char *)none_page(); }
static void write_prot_none(void) { *none_page() = 1; }

static void write_read_only(void)
{
	char *m = map(PAGE, PROT_READ);

	CHECK((long)m > 0 && m[0] == 0);
	m[0] = 1;	/* killed here */
}

/* Bad arguments are -EINVAL; the kernel does not read a PROT_NONE page for write(). */
static void prot_checks(void)
{
	char *w;

	CHECK(failed_with(map(PAGE, 4), EINVAL));	/* PROT_EXEC: not offered */
	CHECK(failed_with(map(PAGE, 8), EINVAL));
	CHECK(failed_with(map(0, PROT_READ), EINVAL));
	CHECK(failed_with((void *)syscall(SYS_mmap, 0, PAGE, PROT_READ, 0x01 | MAP_ANONYMOUS, -1, 0),
			  EINVAL));	/* MAP_SHARED */
	CHECK(failed_with((void *)syscall(SYS_mmap, MMAP_BASE, PAGE, PROT_READ,
					  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL));
	CHECK(write(1, none_page(), 16) == -EFAULT);
	CHECK(munmap((void *)(MMAP_BASE + 1), PAGE) == -EINVAL);
	CHECK(munmap((void *)(USER_TOP - PAGE), 2 * PAGE) == -EINVAL);
	w = map(PAGE, PROT_WRITE);	/* write-only is read-write on x86 */
	CHECK((long)w > 0);
	w[0] = 5;
	CHECK(w[0] == 5);
}

UTEST_EXIT("user.mman.brk_steps", brk_steps, 0, "400 odd brk steps each give what was asked, and mmap still works");
UTEST_EXIT("user.mman.brk_edge", brk_edge, KILL_SEGV, "the break is page-granular: the page past it is a kill");
UTEST_EXIT("user.mman.mmap_fill", mmap_fill, 0, "8 TiB mappings until none fits: all in the user half, apart; freed space is found again");
UTEST_EXIT("user.mman.mmap_churn", mmap_churn, 0, "1,000 map/unmap cycles reuse one address and leave no table behind");
UTEST_EXIT("user.mman.sparse_tables", sparse_tables, 0, "pages spread over 64 GiB: their tables all freed by one munmap");
UTEST_EXIT("user.mman.split_no_slot", split_no_slot, 0, "a split with no region slot left fails with nothing changed");
UTEST_EXIT("user.mman.munmap_across", munmap_across, 0, "one munmap across two mappings and their guard removes both");
UTEST_EXIT("user.mman.fork_unmap", fork_unmap, 0, "a child's munmap of pages shared copy-on-write leaves the parent's whole");
UTEST_EXIT("user.mman.read_prot_none", read_prot_none, KILL_SEGV, "a read of a PROT_NONE page is a kill");
UTEST_EXIT("user.mman.write_prot_none", write_prot_none, KILL_SEGV, "a write to a PROT_NONE page is a kill");
UTEST_EXIT("user.mman.write_read_only", write_read_only, KILL_SEGV, "a write to a PROT_READ page is a kill");
UTEST_EXIT("user.mman.prot_checks", prot_checks, 0, "bad mmap and munmap arguments are EINVAL; write() does not read PROT_NONE");
/* Last: the cases that took until the boot's timeout before munmap walked tables. */
UTEST_EXIT("user.mman.munmap_empty", munmap_empty, 0, "munmap of empty terabytes is quick");
UTEST_EXIT("user.mman.munmap_everything", munmap_everything, KILL_SEGV, "munmap of the whole user half: the child dies on its way back");

