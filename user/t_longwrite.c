/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_longwrite.c
 * @brief A long write does not hold the CPU: another process runs during it.
 *
 * The child makes one write of 64 KiB (under a second of console
 * output under QEMU).  Meanwhile the parent counts its turns on the CPU
 * (a turn: the context-switch count moved since its last look) while the
 * child still lives.  A write that cannot be preempted allows only the turns
 * around it, before and after; a preemptible one gives the parent a turn for
 * each time slice the write takes.
 */
#include "ulib.h"

#define LINE 64
#define LINES 1024	/* 64 KiB */
#define MIN_TURNS 10

static char text[LINE * LINES];

static void long_write(void)
{
	for (int i = 0; i < LINES; i++) {
		memset(text + i * LINE, '.', LINE - 1);
		memcpy(text + i * LINE, "t_longwrite: filler ", 20);
		text[i * LINE + LINE - 1] = '\n';
	}
	exit(write(1, text, sizeof(text)) == (long)sizeof(text) ? 0 : 1);
}

static unsigned long switches(void)
{
	struct pvmmu_stats s;

	return pvmmu_stats(&s) ? 0 : s.cpu_context_switches;
}

static void longwrite_preempted(void)
{
	int status, turns = 0, pid;
	unsigned long last;

	TEST_ASSERT_EQ(pin_to_cpu(0), 0);	/* parent and writer share one vCPU, whatever VCPUS is */
	pid = fork();
	if (pid == 0)
		long_write();
	TEST_ASSERT(pid > 0);
	last = switches();
	while (kill(pid, 0) == 0) {
		unsigned long now = switches();

		turns += now != last;
		last = now;
	}
	TEST_ASSERT_EQ(waitpid(pid, &status), pid);
	TEST_ASSERT_EQ(status, 0);
	printf("t_longwrite: the parent had %d turns during a 64 KiB write\n", turns);
	TEST_ASSERT(turns >= MIN_TURNS);
}
UTEST("user.longwrite_preempted", longwrite_preempted, "another process runs during one 64 KiB write");
