/* SPDX-License-Identifier: MIT */
/**
 * @file user/init.c
 * @brief Process 1: runs each program named on its command line (init=a,b), in turn.
 *
 * Orphans are re-parented to init, so it waits for any child, not just the
 * program it started: their zombies are reaped and their slots come back.
 */
#include "ulib.h"

/* Wait for @p pid, reaping whatever other child ends first: its status, or <0. */
static int wait_reaping(int pid)
{
	int status, got;

	while ((got = waitpid(-1, &status)) != pid)
		if (got < 0)
			return got;
	return status;
}

int main(int argc, char **argv)
{
	int status;

	for (int i = 1; i < argc; i++) {
		const char *args[] = { argv[i], NULL };
		int pid = spawn(argv[i], args);

		status = pid < 0 ? pid : wait_reaping(pid);
		printf("init: %s exited with status %d\n", argv[i], status);
	}
	while (waitpid(-1, &status) > 0)
		;	/* orphans still running when the last program ended */
	return 0;
}
