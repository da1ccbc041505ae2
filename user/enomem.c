/* SPDX-License-Identifier: MIT */
/**
 * @file user/enomem.c
 * @brief Out of memory in a system call is -ENOMEM, not -EFAULT, and costs nothing after.
 *
 * Not one of init=tests' programs: it takes every free frame, so it has a
 * boot of its own (tests/boot/19-user-enomem.sh), with little memory.  The
 * child hands pvmmu_stats one untouched page after another of a region larger
 * than memory: each call makes the kernel fault in a page to write to, until
 * there is none.  It may not print then (a new stack page would need a frame
 * too): its exit status tells.
 */
#include "ulib.h"

#define ENOMEM 12
#define PAGE 4096
#define REGION (1UL << 30)

static void exhaust(void)
{
	char *m = mmap_anon(REGION, PROT_READ | PROT_WRITE);
	long rc = 0;

	for (unsigned long off = 0; !rc && off < REGION; off += PAGE)
		rc = pvmmu_stats((struct pvmmu_stats *)(m + off));
	exit(rc == -ENOMEM ? 0 : rc == 0 ? 2 : 3);
}

UTEST_EXIT("user.enomem.stats_out_of_memory", exhaust, 0, "a system call out of memory part-way is ENOMEM");
static void exhaust_again(void) { exhaust(); }
UTEST_EXIT("user.enomem.and_again", exhaust_again, 0, "and again: the first gave every frame back");
