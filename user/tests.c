/* SPDX-License-Identifier: MIT */
/**
 * @file user/tests.c
 * @brief Runs every user-space test program (init=tests); each reports its own results.
 */
#include "ulib.h"

static const char *const programs[] = {
	"t_basic", "t_fork", "t_exec", "t_cow", "t_memory", "t_pingpong", "t_preempt",
	"t_isolation", "t_cycles",
	"t_mman",
};

int main(void)
{
	int failed = 0;

	for (unsigned int i = 0; i < sizeof(programs) / sizeof(programs[0]); i++) {
		const char *args[] = { programs[i], NULL };
		int status = run(programs[i], args);

		if (status) {
			printf("tests: %s exited with status %d\n", programs[i], status);
			failed++;
		}
	}
	return failed;
}
