/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_fpu.c
 * @brief x87/SSE registers, MXCSR, the x87 control word and stack, and %fs
 * belong to one process: they survive switches, are copied by fork, start
 * clean after exec, and a pending x87 exception stays with its owner.
 */
#include "fpu_regs.h"
#include "ulib.h"

#define FLAT_RING3_DS32 0xe02b	/* Xen's flat data selector (public/arch-x86/xen-x86_64.h) */
#define ROUNDS 20

/* The registers a test sets and reads back; the program is built -mno-sse, so all by asm. */
struct cpu_vals {
	uint64_t xmm[16][2];
	uint32_t mxcsr;
	uint16_t fcw, fs;
	uint64_t st0;	/* the bits of the value on top of the x87 stack */
};

static void fill(struct cpu_vals *v, uint64_t seed, uint32_t mxcsr, uint16_t fcw, uint16_t fs)
{
	for (int i = 0; i < 16; i++) {
		v->xmm[i][0] = seed * 0x9e3779b97f4a7c15ULL + (uint64_t)i;
		v->xmm[i][1] = ~v->xmm[i][0] ^ seed;
	}
	v->mxcsr = mxcsr;
	v->fcw = fcw;
	v->fs = fs;
	v->st0 = seed | 1;
}

static void set_cpu(const struct cpu_vals *v)
{
	asm volatile(XMM_ALL(XMM_LOAD) ::"r"(v->xmm) : "memory");
	asm volatile("ldmxcsr %0" ::"m"(v->mxcsr));
	/* Empty the x87 stack, then push one value: its bits must come back. */
	asm volatile("fninit; fldcw %0; fildll %1" ::"m"(v->fcw), "m"(v->st0));
	asm volatile("movw %0, %%fs" ::"r"(v->fs));
}

static void get_cpu(struct cpu_vals *v)
{
	asm volatile(XMM_ALL(XMM_STORE) ::"r"(v->xmm) : "memory");
	asm volatile("stmxcsr %0" : "=m"(v->mxcsr));
	asm volatile("fnstcw %0" : "=m"(v->fcw));
	asm volatile("fistpll %0; fildll %0" : "=m"(v->st0));	/* read it and put it back */
	asm volatile("movw %%fs, %0" : "=r"(v->fs));
}

static bool same(const struct cpu_vals *a, const struct cpu_vals *b)
{
	return !memcmp(a->xmm, b->xmm, sizeof(a->xmm)) && a->mxcsr == b->mxcsr &&
	       a->fcw == b->fcw && a->fs == b->fs && a->st0 == b->st0;
}

/* Set own values, then yield ROUNDS times to a sibling doing the same with others. */
static void hold_values(uint64_t seed, uint32_t mxcsr, uint16_t fcw, uint16_t fs)
{
	struct cpu_vals want, got;

	fill(&want, seed, mxcsr, fcw, fs);
	set_cpu(&want);
	for (int i = 0; i < ROUNDS; i++) {
		sched_yield();
		get_cpu(&got);
		if (!same(&want, &got))
			exit(10 + i);
	}
}

static void pingpong(void)
{
	struct pvmmu_stats before, after;
	int status, pid;

	if (pin_to_cpu(0))	/* the two must take turns on one vCPU, whatever VCPUS is */
		exit(4);
	pvmmu_stats(&before);
	pid = fork();
	if (pid == 0) {
		hold_values(2, MXCSR_DEFAULT | 0x6000, 0x0c7f, 0);	/* round to zero; x87 likewise */
		exit(0);
	}
	if (pid < 0)
		exit(1);
	hold_values(1, MXCSR_DEFAULT | 0x8040, 0x027f, FLAT_RING3_DS32);	/* FTZ, DAZ; 53-bit */
	if (waitpid(pid, &status) != pid || status)
		exit(status ? status : 2);
	pvmmu_stats(&after);
	exit(after.cpu_context_switches >= before.cpu_context_switches + 2 * ROUNDS ? 0 : 3);
}

/* The child starts with the parent's values; what it changes later stays its own. */
static void fork_copies(void)
{
	struct cpu_vals parent, child, got;
	int status, pid;

	fill(&parent, 3, MXCSR_DEFAULT | 0x2000, 0x037e, FLAT_RING3_DS32);
	set_cpu(&parent);
	pid = fork();
	if (pid == 0) {
		get_cpu(&got);
		if (!same(&parent, &got))
			exit(4);
		fill(&child, 4, MXCSR_DEFAULT, FCW_DEFAULT, 0);
		set_cpu(&child);
		sched_yield();
		exit(0);
	}
	if (pid < 0 || waitpid(pid, &status) != pid || status)
		exit(status ? status : 1);
	get_cpu(&got);
	exit(same(&parent, &got) ? 0 : 5);
}

/* exec starts the program with the reset state: user/fpu_clean.c checks it. */
static void exec_resets(void)
{
	static const char *const args[] = { "fpu_clean", NULL };
	struct cpu_vals v;

	fill(&v, 5, MXCSR_DEFAULT | 0x6000, 0x007f, FLAT_RING3_DS32);
	set_cpu(&v);
	execve("fpu_clean", args);
	exit(1);
}

/* Unmask x87 divide-by-zero and divide by zero: the exception waits for the next x87 instruction. */
static void leave_pending(void)
{
	uint16_t fcw = FCW_DEFAULT & ~0x4;

	asm volatile("fninit; fldcw %0; fldz; fld1; fdivp" ::"m"(fcw));
}

static void pending_x87_exit(void) { leave_pending(); }
static void pending_x87_own(void) { leave_pending(); asm volatile("fwait"); }

/* Run after pending_x87_exit: plain x87 arithmetic must not see that exception. */
static void x87_after(void)
{
	uint64_t r = 0, three = 3;

	asm volatile("fildll %1; fld1; faddp; fld1; faddp; fistpll %0; fwait" : "=m"(r) : "m"(three));
	exit(r == 5 ? 0 : 8);
}

static void x87_after_own(void) { x87_after(); }

/* FS/GS bases are not user-settable here (CR4.FSGSBASE off): only the selectors need switching. */
static void wrfsbase(void) { asm volatile("wrfsbase %0" ::"r"(0x1000UL)); }

UTEST_EXIT("user.fpu.pingpong", pingpong, 0, "two processes keep their own x87/SSE registers, MXCSR, FCW and %fs across switches");
UTEST_EXIT("user.fpu.fork_copies", fork_copies, 0, "fork copies the FPU state; what the child changes stays its own");
UTEST_EXIT("user.fpu.exec_resets", exec_resets, 0, "exec starts a program with the reset FPU state");
UTEST_EXIT("user.fpu.pending_x87_exit", pending_x87_exit, 0, "a process exits with an x87 exception pending");
UTEST_EXIT("user.fpu.x87_after_pending", x87_after, 0, "the next process does not see that pending exception");
UTEST_EXIT("user.fpu.pending_x87_own", pending_x87_own, KILL_FPE, "a pending x87 exception hits its owner at its next fwait: #MF kill");
UTEST_EXIT("user.fpu.x87_after_own", x87_after_own, 0, "and the next process does not see it either");
UTEST_EXIT("user.fpu.wrfsbase", wrfsbase, KILL_ILL, "wrfsbase is refused (FSGSBASE off): #UD kill");
