/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_entry.c
 * @brief The CPU state a process leaves behind must not reach the kernel:
 * each case sets DF and AC, then enters the kernel one way (syscall, #PF,
 * #GP, #UD, int3, the timer), and the kernel must still do its work right.
 */
#include "ulib.h"

#define X86_EFLAGS_AC 0x40000UL

/* Set DF and AC: the state a hostile program leaves behind when it enters the kernel. */
static inline void set_df_ac(void)
{
	asm volatile("pushfq; orq %0, (%%rsp); popfq; std" ::"i"(X86_EFLAGS_AC) : "cc", "memory");
}

static inline void clear_df_ac(void)
{
	asm volatile("pushfq; andq %0, (%%rsp); popfq; cld" ::"i"(~X86_EFLAGS_AC) : "cc", "memory");
}

#define PAGES 16
#define PAGE_SIZE 4096UL

/* fork, write and pvmmu_stats copy and fill memory in the kernel; then the child exits with DF set. */
static void syscall_df(void)
{
	static const char msg[] = "t_entry: a write with DF and AC set\n";
	struct pvmmu_stats s = { 0 };
	long n, rc;
	int pid, status;

	set_df_ac();
	rc = pvmmu_stats(&s);
	n = write(1, msg, sizeof(msg) - 1);
	pid = fork();
	if (pid == 0) {
		set_df_ac();
		exit(7);
	}
	clear_df_ac();
	if (rc || n != (long)sizeof(msg) - 1 || !s.free_pages || pid <= 0)
		exit(1);
	exit(waitpid(pid, &status) == pid && status == 7 ? 0 : 2);
}

/* Demand-zero faults: each new page must be all zero, and only that page written. */
static void pagefault_df(void)
{
	unsigned long *p = mmap_anon(PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE);

	if ((long)p < 0)
		exit(1);
	set_df_ac();
	for (unsigned long i = 0; i < PAGES; i++)
		p[i * PAGE_SIZE / 8] = i + 1;
	clear_df_ac();
	for (unsigned long i = 0; i < PAGES * PAGE_SIZE / 8; i++)
		if (p[i] != (i % (PAGE_SIZE / 8) ? 0 : i / (PAGE_SIZE / 8) + 1))
			exit(2);
	exit(0);
}

/* Copy-on-write after fork: the copy runs in the kernel with the child's flags. */
static void cow_df(void)
{
	static unsigned long data[PAGES * PAGE_SIZE / 8];
	int pid, status;

	for (unsigned long i = 0; i < sizeof(data) / 8; i++)
		data[i] = i;
	pid = fork();
	if (pid == 0) {
		set_df_ac();
		for (unsigned long i = 0; i < PAGES; i++)
			data[i * PAGE_SIZE / 8] = 0;
		clear_df_ac();
		for (unsigned long i = 0; i < sizeof(data) / 8; i++)
			if (data[i] != (i % (PAGE_SIZE / 8) ? i : 0))
				exit(2);
		exit(0);
	}
	if (pid <= 0 || waitpid(pid, &status) != pid)
		exit(1);
	for (unsigned long i = 0; i < sizeof(data) / 8; i++)
		if (data[i] != i)
			exit(3);
	exit(status);
}

static void gp_df(void) { set_df_ac(); asm volatile("cli"); }
static void ud_df(void) { set_df_ac(); asm volatile("ud2"); }
static void int3_df(void) { set_df_ac(); asm volatile("int3"); }
static void segv_df(void) { set_df_ac(); *(volatile unsigned long *)0xffffffff80010000UL = 0; }

/*
 * Spin with DF and AC set until this vCPU has switched processes @p target
 * times since boot.  Parent and child share one target, fixed before the
 * fork: with a count of its own from its own start, the one that began
 * later could be left alone, its partner done and waiting, with no switch
 * to come.
 */
static void spin_df(unsigned long target)
{
	struct pvmmu_stats s, s0;

	pvmmu_stats(&s0);
	for (unsigned int round = 0; round < 100000; round++) {
		set_df_ac();
		for (volatile unsigned int i = 0; i < 20000; i++)
			asm volatile("std");
		clear_df_ac();
		pvmmu_stats(&s);
		if (s.cpu_context_switches >= target)
			return;
	}
	/* What the vCPU did meanwhile tells a lost tick (no upcalls) from a scheduler that never switched. */
	printf("spin_df: pid %d on vCPU %lu: %lu switches, %lu upcalls there, in %lu ms\n", getpid(), s.vcpu,
	       s.cpu_context_switches - s0.cpu_context_switches, s.cpu_upcalls - s0.cpu_upcalls,
	       (s.time_ns - s0.time_ns) / 1000000);
	exit(3);
}

/* Two processes spin so that every tick switches between them, each time from DF/AC-set user code. */
static void timer_df(void)
{
	struct pvmmu_stats s;
	int status, pid;

	if (pin_to_cpu(0) || pvmmu_stats(&s))	/* both on one vCPU, or with VCPUS>1 no tick need switch */
		exit(4);
	pid = fork();
	if (pid < 0)
		exit(1);
	spin_df(s.cpu_context_switches + 8);
	if (pid == 0)
		exit(0);
	exit(waitpid(pid, &status) == pid ? status : 2);
}

UTEST_EXIT("user.entry.syscall_df_ac", syscall_df, 0, "system calls with DF and AC set copy and fill memory right");
UTEST_EXIT("user.entry.pagefault_df_ac", pagefault_df, 0, "demand-zero faults with DF and AC set zero the whole page");
UTEST_EXIT("user.entry.cow_df_ac", cow_df, 0, "copy-on-write faults with DF and AC set copy the whole page");
UTEST_EXIT("user.entry.gp_df_ac", gp_df, KILL_ILL, "a #GP with DF and AC set is a clean kill");
UTEST_EXIT("user.entry.ud_df_ac", ud_df, KILL_ILL, "a #UD with DF and AC set is a clean kill");
UTEST_EXIT("user.entry.int3_df_ac", int3_df, KILL_TRAP, "an int3 with DF and AC set is a clean kill");
UTEST_EXIT("user.entry.segv_df_ac", segv_df, KILL_SEGV, "a kernel-address write with DF and AC set is a clean kill");
UTEST_EXIT("user.entry.timer_df_ac", timer_df, 0, "timer ticks that interrupt DF/AC-set code switch processes right");
