/* SPDX-License-Identifier: MIT */
/**
 * @file user/hello.c
 * @brief Prints its pid and arguments; exits with its argument count (t_exec checks it).
 */
#include "ulib.h"

int main(int argc, char **argv)
{
	printf("hello from pid %d:", getpid());
	for (int i = 0; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
	return argc;
}
