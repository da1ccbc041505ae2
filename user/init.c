/* SPDX-License-Identifier: MIT */
/**
 * @file user/init.c
 * @brief Process 1: runs each program named on its command line (init=a,b), in turn.
 */
#include "ulib.h"

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *args[] = { argv[i], NULL };
		int status = run(argv[i], args);

		printf("init: %s exited with status %d\n", argv[i], status);
	}
	return 0;
}
