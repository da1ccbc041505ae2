/* SPDX-License-Identifier: MIT */
/**
 * @file user/bench.c
 * @brief The user-process benchmark: the same loops, the same counts, on pvmmu and on Linux.
 *
 * Built twice: with user/lib as pvmmu's program `bench` (init=bench), and
 * with Debian's gcc -static -DBENCH_LINUX as the /init of make bench's Linux
 * peer (tools/bench/linux-peer.sh).  The OS layer is a header each:
 * user/include/bench_os.h and tools/bench/bench_linux.h.  Each figure prints
 *   bench: name=NAME id=N ops=OPS ns=NS [hypercalls=H]
 * (hypercalls: pvmmu's own count, which leaves out HYPERVISOR_iret; Linux
 * has none).  The measured stretch of each figure is bracketed by window
 * marks that the TCG plugin (tools/bench/hcount.c) counts hypercalls and
 * traps between, alike on both kernels; docs/bench.md explains each figure.
 */
#ifdef BENCH_LINUX
#include "bench_linux.h"
#else
#include "bench_os.h"
#endif

#define PAGE 4096UL
#define WARMUP 10		/* rounds before a switch window: the child's first faults fall outside */
#define YIELDS 2000		/* sched_yield rounds of each of the two processes */
#define PIPE_ROUNDS 1000	/* one byte there and back */
#define FORKS 200
#define EXECS 100
#define DIRTY_FORKS 100
#define DIRTY_PAGES 64
#define COW_PAGES 512
#define MAP_PAGES 256
#define MAP_ROUNDS 4
#define NULL_CALLS 2000

enum figure { F_YIELD, F_PIPE, F_FORK, F_EXEC, F_DIRTY, F_COW_CHILD, F_COW_PARENT, F_TOUCH,
	      F_MUNMAP, F_NULL, NR_FIGURES };

/* What one operation of each figure is; its ops are counted in these units. */
static struct {
	const char *name;
	unsigned long ops, ns, hypercalls;
} figures[NR_FIGURES] = {
	[F_YIELD] = { "yield_switch" },		/* one switch: a sched_yield to the other process */
	[F_PIPE] = { "pipe_switch" },		/* one switch: a byte written, the other process woken */
	[F_FORK] = { "fork_exit_wait" },	/* fork, a child that exits at once, wait */
	[F_EXEC] = { "fork_exec_wait" },	/* fork, exec of this program, which exits, wait */
	[F_DIRTY] = { "fork_dirty64" },		/* fork_exit_wait with 64 freshly written pages */
	[F_COW_CHILD] = { "cow_child" },	/* the child's write to a page it shares: a copy */
	[F_COW_PARENT] = { "cow_parent" },	/* the parent's write once the child is gone: no copy */
	[F_TOUCH] = { "mmap_touch" },		/* per page: its share of mmap, its first-touch fault */
	[F_MUNMAP] = { "munmap" },		/* per page: its share of munmap of 256 touched pages */
	[F_NULL] = { "null_syscall" },		/* a system call that does nothing (getpid): the trip floor */
};

/*
 * The plugin's marks: `nopl MARK(%rax)`, a no-op whose displacement no
 * compiler emits, read by the plugin when it translates the instruction.
 * 0x5056 ("PV") above, then the figure and begin (0) or end (1).
 */
#define MARK_BASE 0x50560000
#define MARK_DUMP 0x7f	/* the plugin writes its totals */
#define MARK(n) asm volatile("nopl %c0(%%rax)" : : "i"(MARK_BASE | (n)) : "memory")

static unsigned long t0, h0;

/* A macro, so that the figure is a constant in the mark. */
#define BEGIN(f)                          \
	do {                              \
		os_hypercalls(&h0);       \
		t0 = os_now_ns();         \
		MARK((f) << 1);           \
	} while (0)
#define END(f, n)                                                \
	do {                                                     \
		unsigned long h1 = 0;                            \
		MARK((f) << 1 | 1);                              \
		figures[f].ns += os_now_ns() - t0;               \
		figures[f].hypercalls += os_hypercalls(&h1) ? h1 - h0 : 0; \
		figures[f].ops += (n);                           \
	} while (0)

static void report(enum figure f)
{
	unsigned long h;

	printf("bench: name=%s id=%d ops=%lu ns=%lu", figures[f].name, (int)f, figures[f].ops,
	       figures[f].ns);
	if (os_hypercalls(&h))
		printf(" hypercalls=%lu", figures[f].hypercalls);
	printf("\n");
}

/* Into the kernel through Xen and back: the trips every figure above pays, with no MMU work. */
static void null_syscall(void)
{
	BEGIN(F_NULL);
	for (int i = 0; i < NULL_CALLS; i++)
		os_null_syscall();
	END(F_NULL, NULL_CALLS);
}

static void yield_switch(void)
{
	int pid = fork();

	if (pid == 0) {
		for (int i = 0; i < WARMUP + YIELDS; i++)
			sched_yield();
		os_exit(0);
	}
	for (int i = 0; i < WARMUP; i++)
		sched_yield();
	BEGIN(F_YIELD);
	for (int i = 0; i < YIELDS; i++)
		sched_yield();
	END(F_YIELD, 2 * YIELDS);
	os_wait(pid);
}

static void pipe_switch(void)
{
	int there[2], back[2], pid;
	char c = 'p';

	if (pipe(there) || pipe(back))
		return;
	pid = fork();
	if (pid == 0) {
		close(there[1]);	/* so that the parent's close is end of file here */
		while (read(there[0], &c, 1) == 1 && write(back[1], &c, 1) == 1)
			;
		os_exit(0);
	}
	close(there[0]);
	close(back[1]);
	for (int i = 0; i < WARMUP; i++)
		if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1)
			return;
	BEGIN(F_PIPE);
	for (int i = 0; i < PIPE_ROUNDS; i++)
		if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1)
			break;
	END(F_PIPE, 2 * PIPE_ROUNDS);
	close(there[1]);	/* the child reads end of file and exits */
	os_wait(pid);
	close(back[0]);
}

static void fork_exit(int rounds)
{
	for (int i = 0; i < rounds; i++) {
		int pid = fork();

		if (pid == 0)
			os_exit(0);
		os_wait(pid);
	}
}

static void fork_exec(void)
{
	static const char *const argv[] = { "bench", "exit", NULL };

	BEGIN(F_EXEC);
	for (int i = 0; i < EXECS; i++) {
		int pid = fork();

		if (pid == 0) {
			os_exec_self(argv);
			os_exit(127);
		}
		os_wait(pid);
	}
	END(F_EXEC, EXECS);
}

static void touch(volatile char *p, unsigned long pages, char v)
{
	for (unsigned long i = 0; i < pages; i++)
		p[i * PAGE] = v;
}

/* Each fork finds the 64 pages written since the last one, as a working set would leave them. */
static void fork_dirty(void)
{
	volatile char *p = os_mmap(DIRTY_PAGES * PAGE);

	if (!p)
		return;
	for (int i = 0; i < DIRTY_FORKS; i++) {
		touch(p, DIRTY_PAGES, (char)i);
		BEGIN(F_DIRTY);
		fork_exit(1);
		END(F_DIRTY, 1);
	}
	munmap((void *)p, DIRTY_PAGES * PAGE);
}

static void cow(void)
{
	volatile char *p = os_mmap(COW_PAGES * PAGE);
	int pid;

	if (!p)
		return;
	touch(p, COW_PAGES, 1);
	pid = fork();
	if (pid == 0) {
		BEGIN(F_COW_CHILD);
		touch(p, COW_PAGES, 2);
		END(F_COW_CHILD, COW_PAGES);
		report(F_COW_CHILD);
		os_exit(0);
	}
	os_wait(pid);
	BEGIN(F_COW_PARENT);
	touch(p, COW_PAGES, 3);
	END(F_COW_PARENT, COW_PAGES);
	munmap((void *)p, COW_PAGES * PAGE);
}

static void map_touch_unmap(void)
{
	for (int r = 0; r < MAP_ROUNDS; r++) {
		volatile char *p;

		BEGIN(F_TOUCH);
		p = os_mmap(MAP_PAGES * PAGE);
		if (!p)
			return;
		touch(p, MAP_PAGES, 1);
		END(F_TOUCH, MAP_PAGES);
		BEGIN(F_MUNMAP);
		munmap((void *)p, MAP_PAGES * PAGE);
		END(F_MUNMAP, MAP_PAGES);
	}
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exit") == 0)
		return 0;	/* fork_exec's child */
	os_init();
	null_syscall();
	yield_switch();
	pipe_switch();
	BEGIN(F_FORK);
	fork_exit(FORKS);
	END(F_FORK, FORKS);
	fork_exec();
	fork_dirty();
	cow();
	map_touch_unmap();
	for (int f = 0; f < NR_FIGURES; f++)
		if (f != F_COW_CHILD)	/* the child reported it */
			report(f);
	MARK(MARK_DUMP << 1);
	os_done();
	return 0;
}
