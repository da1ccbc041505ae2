/* SPDX-License-Identifier: MIT */
/**
 * @file user/loop.c
 * @brief Spins until it is killed: the shell's Ctrl-C has something to stop.
 */
#include "ulib.h"

int main(void)
{
	printf("loop: pid %d spins until killed (Ctrl-C)\n", getpid());
	for (volatile unsigned long n = 0;; n++)
		;
}
