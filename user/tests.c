/* SPDX-License-Identifier: MIT */
/**
 * @file user/tests.c
 * @brief Runs every user test program, user/t_*.c (init=tests); each reports its own results.
 */
#include "test_programs.h"
#include "ulib.h"

/* Generated from the file names by user/user.mk: a new t_*.c joins without an edit here. */
static const char *const programs[] = { USER_TEST_PROGRAMS };

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
