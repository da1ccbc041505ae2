/* SPDX-License-Identifier: MIT */
/**
 * @file user/bench.c
 * @brief Benchmarks: context switches and fork+exit+wait, with hypercalls per operation.
 *
 * Prints `bench: name=... ops=... ns=... hypercalls=...` lines for make bench.
 */
#include "ulib.h"

#define SWITCH_ROUNDS 2000
#define FORKS 300

static void report(const char *name, unsigned long ops, const struct pvmmu_stats *a,
		   const struct pvmmu_stats *b)
{
	unsigned long ns = b->time_ns - a->time_ns;

	printf("bench: name=%s ops=%lu ns=%lu hypercalls=%lu per_second=%lu hypercalls_per_op=%lu.%02lu\n",
	       name, ops, ns, b->hypercalls - a->hypercalls, ns ? ops * 1000000000UL / ns : 0,
	       (b->hypercalls - a->hypercalls) / ops, (b->hypercalls - a->hypercalls) * 100 / ops % 100);
}

static void child_exit(void) {}

int main(void)
{
	struct pvmmu_stats a, b;
	int pid, status;

	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < SWITCH_ROUNDS; i++)
			sched_yield();
		exit(0);
	}
	pvmmu_stats(&a);
	for (int i = 0; i < SWITCH_ROUNDS; i++)
		sched_yield();
	pvmmu_stats(&b);
	waitpid(pid, &status);
	report("context_switch", b.context_switches - a.context_switches, &a, &b);

	pvmmu_stats(&a);
	for (int i = 0; i < FORKS; i++)
		run_child(child_exit);
	pvmmu_stats(&b);
	report("fork_exit_wait", FORKS, &a, &b);
	return 0;
}
