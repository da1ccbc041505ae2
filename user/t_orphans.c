/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_orphans.c
 * @brief Orphans go to init, which reaps them: the process table's capacity comes back.
 *
 * Many more times than there are process slots, a parent forks children and
 * ends without waiting for them, in three ways: it exits after they exited,
 * it is killed after it killed them (no exit anywhere to tidy up after), and
 * it is killed while they still run.  Then as many processes as before can
 * be forked, and the free frames, page-table pages and pins are as before.
 */
#include "ulib.h"

#define NR_PROCS 64
#define ROUNDS (NR_PROCS + 16)
#define CHILDREN 3

static void yield_forever(void)
{
	for (;;)
		sched_yield();
}

static void yield_then_exit(void)
{
	for (int i = 0; i < 20; i++)
		sched_yield();
	exit(0);
}

static int start(void (*fn)(void))
{
	int pid = fork();

	if (pid == 0)
		fn();
	return pid;
}

/* How many processes can be forked now (each is killed and reaped afterwards). */
static int capacity(void)
{
	static int pids[NR_PROCS];
	int n = 0, status;

	while (n < NR_PROCS && (pids[n] = start(yield_forever)) > 0)
		n++;
	for (int i = 0; i < n; i++)
		if (kill(pids[i], 9) || waitpid(pids[i], &status) != pids[i])
			return -1;
	return n;
}

static void exit_now(void)
{
	exit(0);
}

/* How a parent ends without waiting for its children. */
enum mode { EXITS_AFTER_THEY_EXITED, KILLED_AFTER_KILLING_THEM, KILLED_WHILE_THEY_RUN, NR_MODES };

static void parent(enum mode mode)
{
	static void (*const child[NR_MODES])(void) = { exit_now, yield_forever, yield_then_exit };
	int pids[CHILDREN];

	for (int i = 0; i < CHILDREN; i++)
		pids[i] = start(child[mode]);
	if (mode == KILLED_AFTER_KILLING_THEM)
		for (int i = 0; i < CHILDREN; i++)
			kill(pids[i], 9);
	for (int i = 0; i < 3; i++)
		sched_yield();
	if (mode == EXITS_AFTER_THEY_EXITED)
		exit(0);
	yield_forever();	/* killed by the test */
}

static bool settled(const struct pvmmu_stats *before)
{
	struct pvmmu_stats now;

	return !pvmmu_stats(&now) && now.free_pages == before->free_pages &&
	       now.pt_pages == before->pt_pages && now.pins == before->pins;
}

static void orphans_reaped(void)
{
	struct pvmmu_stats before;
	int room, status, tries = 0;

	/* Its turns are counted in yields: every process here takes them on one vCPU, whatever VCPUS is. */
	TEST_ASSERT_EQ(pin_to_cpu(0), 0);
	room = capacity();
	TEST_ASSERT(room > CHILDREN + 1);
	TEST_ASSERT_EQ(pvmmu_stats(&before), 0);
	/* Each mode alone fills the table if its orphans' slots do not come back. */
	for (int round = 0; round < NR_MODES * ROUNDS; round++) {
		enum mode mode = (enum mode)(round / ROUNDS);
		int pid = fork();

		if (pid == 0)
			parent(mode);
		if (pid < 0)
			test_fail("mode %d, round %d: fork failed: %d", mode, round % ROUNDS, pid);
		TEST_ASSERT(pid > 0);
		/* Round robin: each yield gives the parent a turn; a few see it set up. */
		for (int i = 0; i < 10; i++)
			sched_yield();
		if (mode != EXITS_AFTER_THEY_EXITED)
			TEST_ASSERT_EQ(kill(pid, 9), 0);
		TEST_ASSERT_EQ(waitpid(pid, &status), pid);
	}
	/* The last orphans still yield their way to exit, and init has zombies to reap. */
	while (!settled(&before) && tries++ < 1000)
		sched_yield();
	TEST_ASSERT(settled(&before));
	for (int i = 0; i < 10; i++)
		sched_yield();
	TEST_ASSERT_EQ(capacity(), room);
}
UTEST("user.orphans_reaped", orphans_reaped, "orphans go to init and are reaped: the process table and the frames come back");
