/* SPDX-License-Identifier: MIT */
/**
 * @file user/memck.c
 * @brief Keeps a counter and a checksum of 1 MiB of its memory, and prints both, for ever.
 *
 * The domU save/restore tests (tests/boot/59-domu-save.sh) run it across
 * xl save, restore and migrate: the counter must go on from where it was
 * and the checksum must never change, or the toolstack and the kernel lost
 * or mixed up a frame.  A line every ROUND_SUMS checksums.
 */
#include "ulib.h"

#define BUF_WORDS (1024 * 1024 / 8)
#define ROUND_SUMS 400

static unsigned long buf[BUF_WORDS];

static unsigned long checksum(void)
{
	unsigned long sum = 0;

	for (unsigned long i = 0; i < BUF_WORDS; i++)
		sum = (sum << 5 | sum >> 59) ^ buf[i];
	return sum;
}

int main(void)
{
	unsigned long first, counter = 0;

	/* A different word in every slot: a page swapped with another changes the sum. */
	for (unsigned long i = 0; i < BUF_WORDS; i++)
		buf[i] = i * 0x9e3779b97f4a7c15UL;
	first = checksum();
	printf("memck: pid %d, %lu KiB, checksum %016lx\n", getpid(), sizeof(buf) / 1024, first);
	for (unsigned long round = 1;; round++) {
		unsigned long sum = first;

		for (int i = 0; i < ROUND_SUMS && sum == first; i++, counter++)
			sum = checksum();
		printf("memck: round %lu counter %lu checksum %016lx %s\n", round, counter, sum,
		       sum == first ? "same" : "CHANGED");
	}
}
