/* SPDX-License-Identifier: MIT */
/**
 * @file user/include/attack.h
 * @brief Hostile-user test cases: each attack runs in a child, which must end
 * with the expected status while the kernel leaks no frame, table or pin.
 */
#ifndef PVMMU_ATTACK_H
#define PVMMU_ATTACK_H

#include "ulib.h"

/* Exit statuses of killed processes: 128 + the signal Linux would send (kernel/include/proc.h). */
#define KILL_ILL (128 + 4)
#define KILL_TRAP (128 + 5)
#define KILL_BUS (128 + 7)
#define KILL_FPE (128 + 8)
#define KILL_KILL (128 + 9)
#define KILL_SEGV (128 + 11)

#define X86_EFLAGS_DF 0x400UL
#define X86_EFLAGS_AC 0x40000UL

struct attack {
	const char *name;
	void (*fn)(void);
	int status;	/* the child's expected exit status */
};

/* Set DF and AC: the state a hostile program leaves behind when it enters the kernel. */
static inline void set_df_ac(void)
{
	asm volatile("pushfq; orq %0, (%%rsp); popfq; std" ::"i"(X86_EFLAGS_AC) : "cc", "memory");
}

static inline void clear_df_ac(void)
{
	asm volatile("pushfq; andq %0, (%%rsp); popfq; cld" ::"i"(~X86_EFLAGS_AC) : "cc", "memory");
}

/* One case in a child: its status must match, and the kernel's counts must be back where they were. */
static inline void run_attack(const struct attack *a)
{
	struct pvmmu_stats before, after;
	int status;

	TEST_ASSERT_EQ(pvmmu_stats(&before), 0);
	status = run_child_expect(a->fn, a->status);
	TEST_ASSERT_EQ(pvmmu_stats(&after), 0);
	if (status != a->status)
		test_fail("child exit status %d, expected %d", status, a->status);
	TEST_ASSERT_EQ(after.free_pages, before.free_pages);
	TEST_ASSERT_EQ(after.pt_pages, before.pt_pages);
	TEST_ASSERT_EQ(after.pins, before.pins);
}

static inline void run_attacks(const struct attack *cases, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		test_begin(cases[i].name);
		run_attack(&cases[i]);
		test_end();
	}
}

#define RUN_ATTACKS(cases) run_attacks(cases, sizeof(cases) / sizeof(cases[0]))

#endif
