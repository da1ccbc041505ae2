/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_smp.c
 * @brief Processes and threads on every vCPU: spread, kill across vCPUs,
 * fork and thread churn that leaves nothing behind, a copy-on-write storm.
 *
 * With one vCPU the cases that need two SKIP.  The fork count is kept
 * small enough for every boot that runs init=tests; user/smp_stress.c is
 * this file at the full 10,000, which boot/smp-stress runs on 4 vCPUs.
 */
#include "ulib.h"

/* Linux's numbers, as the kernel returns them. */
#define ESRCH 3
#define EBUSY 16
#define EINVAL 22

#define PAGE 4096UL
#ifndef FORK_CYCLES
#define FORK_CYCLES 200	/* in all, split between one worker per vCPU */
#endif
#define STR_(x) #x
#define STR(x) STR_(x)
#define THREAD_CYCLES 1000	/* create + join, a batch of one thread per vCPU at a time */
#define STORM_PAGES 16
#define STORM_ROUNDS 20
#define THREAD_STACK 16384
#define MAX_CPUS 8

static unsigned long nr_cpus(void)
{
	struct pvmmu_stats s;

	return pvmmu_stats(&s) ? 1 : s.nr_cpus;
}

static void spin_forever(void)
{
	for (;;)
		asm volatile("" ::: "memory");
}

/* The vCPUs ps says the processes @p pids (@p n of them) run or last ran on, as a mask. */
static unsigned long vcpus_of(const int *pids, int n)
{
	static struct pvmmu_proc list[64];
	int count = pvmmu_procs(list, 64);
	unsigned long mask = 0;

	for (int i = 0; i < count; i++)
		for (int j = 0; j < n; j++)
			if (list[i].pid == pids[j] && list[i].state == 'R')
				mask |= 1UL << list[i].vcpu;
	return mask;
}

static int kill_and_reap(int pid)
{
	int status;

	if (kill(pid, 9) || waitpid(pid, &status) != pid)
		return -1;
	return status;
}

/* As many spinners as vCPUs: between them they are seen on every vCPU. */
static void spread(void)
{
	unsigned long n = nr_cpus(), all = (1UL << n) - 1, seen = 0;
	int pids[MAX_CPUS];

	if (n < 2) {
		test_skip("one vCPU online");
		return;
	}
	for (unsigned long i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			spin_forever();
		TEST_ASSERT(pids[i] > 0);
	}
	for (int tries = 0; tries < 20000 && seen != all; tries++) {
		seen |= vcpus_of(pids, (int)n);
		sched_yield();
	}
	printf("t_smp: %lu spinners seen on vCPUs %#lx of %#lx\n", n, seen, all);
	for (unsigned long i = 0; i < n; i++)
		TEST_ASSERT_EQ(kill_and_reap(pids[i]), KILL_KILL);
	TEST_ASSERT_EQ(seen, all);
}
UTEST("user.smp.spread", spread, "as many spinning processes as vCPUs run on every vCPU");

/* A process spinning on another vCPU is killed there; the killer goes on. */
static void kill_remote(void)
{
	unsigned long n = nr_cpus();
	int pid, there = 0;

	if (n < 2) {
		test_skip("one vCPU online");
		return;
	}
	TEST_ASSERT_EQ(pin_to_cpu(0), 0);
	pid = fork();
	if (pid == 0) {
		if (pin_to_cpu((unsigned int)n - 1))
			exit(1);
		spin_forever();
	}
	TEST_ASSERT(pid > 0);
	for (int tries = 0; tries < 100000 && !there; tries++)
		there = vcpus_of(&pid, 1) == 1UL << (n - 1);
	TEST_ASSERT(there);
	TEST_ASSERT_EQ(kill_and_reap(pid), KILL_KILL);
	TEST_ASSERT_EQ(kill(pid, 0), -ESRCH);
}
UTEST("user.smp.kill_remote", kill_remote, "kill of a process spinning on another vCPU: status 137, the killer goes on");

/* After @p cycles of @p what: every frame, table and pin is back; the line says so for the log. */
static void same_stats(const struct pvmmu_stats *before, int cycles, const char *what)
{
	struct pvmmu_stats after;

	TEST_ASSERT_EQ(pvmmu_stats(&after), 0);
	TEST_ASSERT_EQ(after.free_pages, before->free_pages);
	TEST_ASSERT_EQ(after.pt_pages, before->pt_pages);
	TEST_ASSERT_EQ(after.pins, before->pins);
	printf("t_smp: %d %s cycles on %lu vCPUs: %lu free frames, %lu page-table pages, %lu pins, as before\n",
	       cycles, what, after.nr_cpus, after.free_pages, after.pt_pages, after.pins);
}

static void exit_at_once(void)
{
	exit(0);
}

/* Worker @p cpu: @p cycles fork + exit + wait on its own vCPU. */
static void fork_worker(unsigned int cpu, int cycles)
{
	if (pin_to_cpu(cpu))
		exit(2);
	for (int i = 0; i < cycles; i++)
		if (run_child(exit_at_once) != 0)
			exit(3);
	exit(0);
}

static void fork_churn(void)
{
	unsigned long n = nr_cpus();
	struct pvmmu_stats before;
	int pids[MAX_CPUS], status;

	TEST_ASSERT_EQ(run_child(exit_at_once), 0);	/* the parent's own COW breaks settle */
	TEST_ASSERT_EQ(pvmmu_stats(&before), 0);
	for (unsigned long i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			fork_worker((unsigned int)i, FORK_CYCLES / (int)n);
		TEST_ASSERT(pids[i] > 0);
	}
	for (unsigned long i = 0; i < n; i++) {
		TEST_ASSERT_EQ(waitpid(pids[i], &status), pids[i]);
		TEST_ASSERT_EQ(status, 0);
	}
	same_stats(&before, FORK_CYCLES / (int)n * (int)n, "fork+exit+wait");
}
UTEST("user.smp.fork_churn", fork_churn,
      STR(FORK_CYCLES) " fork+exit+wait cycles, one worker per vCPU, leave no frame, table or pin behind");

static char stacks[MAX_CPUS][THREAD_STACK] __attribute__((aligned(16)));
static unsigned long shared_sum;

static void add_arg(void *arg)
{
	__atomic_fetch_add(&shared_sum, (unsigned long)arg, __ATOMIC_RELAXED);
}

static void exit_with_arg(void *arg)
{
	exit((int)(unsigned long)arg);
}

/* Threads see the creator's memory, and their exit status comes back through thread_join. */
static void threads(void)
{
	unsigned long n = nr_cpus(), want = 0;
	struct pvmmu_stats before;
	int tids[MAX_CPUS], status, done;

	TEST_ASSERT(thread_create(exit_with_arg, (void *)42UL, stacks[0], THREAD_STACK) > 0);
	TEST_ASSERT(thread_join(-1, &status) > 0);
	TEST_ASSERT_EQ(status, 42);
	TEST_ASSERT_EQ(pvmmu_stats(&before), 0);
	for (done = 0; done < THREAD_CYCLES; done += (int)n) {
		for (unsigned long i = 0; i < n; i++) {
			tids[i] = thread_create(add_arg, (void *)(done + i + 1), stacks[i], THREAD_STACK);
			TEST_ASSERT(tids[i] > 0);
			want += done + i + 1;
		}
		for (unsigned long i = 0; i < n; i++) {
			TEST_ASSERT_EQ(thread_join(tids[i], &status), tids[i]);
			TEST_ASSERT_EQ(status, 0);
		}
	}
	TEST_ASSERT_EQ(shared_sum, want);
	same_stats(&before, done, "thread create/join");
}
UTEST("user.smp.threads", threads, "1000 thread create/join cycles: shared memory, exit status, nothing left behind");

static void exec_in_thread(void *arg)
{
	(void)arg;
	spin_forever();
}

/* clone takes CLONE_VM alone; exec with a second thread alive is -EBUSY. */
static void clone_rules(void)
{
	const char *argv[] = { "hello", NULL };
	unsigned long top = (unsigned long)stacks[0] + THREAD_STACK;
	int tid;

	TEST_ASSERT_EQ(syscall(SYS_clone, 0, top), -EINVAL);
	TEST_ASSERT_EQ(syscall(SYS_clone, CLONE_VM | 0x10000, top), -EINVAL);	/* CLONE_THREAD */
	TEST_ASSERT_EQ(syscall(SYS_clone, CLONE_VM, 0), -EINVAL);
	tid = thread_create(exec_in_thread, NULL, stacks[0], THREAD_STACK);
	TEST_ASSERT(tid > 0);
	TEST_ASSERT_EQ(execve("hello", argv), -EBUSY);
	TEST_ASSERT_EQ(kill_and_reap(tid), KILL_KILL);
}
UTEST("user.smp.clone_rules", clone_rules, "clone needs exactly CLONE_VM and a stack; exec beside a live thread is -EBUSY");

static unsigned char storm[STORM_PAGES * PAGE] __attribute__((aligned(4096)));

static unsigned char pattern(unsigned int seed, unsigned long i)
{
	return (unsigned char)(seed * 131 + i * 7 + (i >> 12));
}

/* Fill every page with @p seed's bytes, then check them all: 0 if every byte is right. */
static int fill_and_check(unsigned int seed)
{
	for (unsigned long i = 0; i < sizeof(storm); i++)
		storm[i] = pattern(seed, i);
	for (unsigned long i = 0; i < sizeof(storm); i++)
		if (storm[i] != pattern(seed, i))
			return 1;
	return 0;
}

static void storm_child(unsigned int cpu, unsigned int seed)
{
	if (pin_to_cpu(cpu))
		exit(2);
	for (unsigned int r = 0; r < STORM_ROUNDS; r++)
		if (fill_and_check(seed + r))
			exit(3);
	exit(0);
}

/* Parent and children write the same copy-on-write pages at once, each on its own vCPU. */
static void cow_storm(void)
{
	unsigned long n = nr_cpus();
	int pids[MAX_CPUS], status;
	unsigned int seed = 1000;

	TEST_ASSERT_EQ(pin_to_cpu(0), 0);
	TEST_ASSERT_EQ(fill_and_check(seed), 0);
	for (unsigned long i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			storm_child((unsigned int)((i + 1) % n), (unsigned int)(i + 1) * 100);
		TEST_ASSERT(pids[i] > 0);
	}
	/* The parent's pages must still hold its pattern after every child wrote its own. */
	for (unsigned long i = 0; i < sizeof(storm); i++)
		TEST_ASSERT(storm[i] == pattern(seed, i));
	for (unsigned int r = 1; r <= STORM_ROUNDS; r++)
		TEST_ASSERT_EQ(fill_and_check(seed + r), 0);
	for (unsigned long i = 0; i < n; i++) {
		TEST_ASSERT_EQ(waitpid(pids[i], &status), pids[i]);
		TEST_ASSERT_EQ(status, 0);
	}
}
UTEST("user.smp.cow_storm", cow_storm, "parent and one child per vCPU write shared copy-on-write pages: every byte right");
