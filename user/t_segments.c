/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_segments.c
 * @brief Crafted iretq frames, far transfers into 32-bit compatibility mode
 * and bad segment loads: every way out ends in a kill with a clear reason.
 */
#include "ulib.h"

/* Xen's flat selectors (public/arch-x86/xen-x86_64.h). */
#define FLAT_RING3_CS32 0xe023
#define FLAT_RING3_CS64 0xe033
#define FLAT_RING3_SS64 0xe02b

/*
 * A far jump into the 32-bit code segment, at label 1, which holds @p code32.
 * (Not lretq: QEMU's TCG reads a far return's stack with a supervisor access,
 * which Xen's SMAP refuses; a far jump's pointer is an ordinary operand.)
 */
#define COMPAT(code32)                                                                   \
	asm volatile("movl $1f, (%0)\n\tmovw %1, 4(%0)\n\tljmpl *(%0)\n\t.code32\n1:\t" code32 \
		     "\n\t.code64" ::"r"(far_ptr), "i"(FLAT_RING3_CS32) : "memory")
static uint32_t far_ptr[2];

static void compat_ud2(void) { COMPAT("ud2"); }

/* The same entry by lretq, whose stack read TCG does as a supervisor access. */
static void lret_compat_ud2(void)
{
	asm volatile("pushq %0\n\tleaq 1f(%%rip), %%rax\n\tpushq %%rax\n\tlretq\n\t.code32\n1:\tud2\n\t.code64"
		     ::"i"(FLAT_RING3_CS32) : "rax", "memory");
}
static void compat_fault(void) { COMPAT("movl 0x10, %%eax"); }
static void compat_syscall(void) { COMPAT("movl $39, %%eax\n\tsyscall\n\tud2"); }
static void compat_int80(void) { COMPAT("movl $20, %%eax\n\tint $0x80\n\tud2"); }
static void compat_loop(void) { COMPAT("2: jmp 2b"); }

/* An iretq to (cs:rip) with the current stack. */
static void iret_to(unsigned long cs, unsigned long rip, unsigned long ss)
{
	asm volatile("movq %%rsp, %%rax\n\tpushq %2\n\tpushq %%rax\n\tpushfq\n\tpushq %0\n\tpushq %1\n\tiretq"
		     ::"r"(cs), "r"(rip), "r"(ss) : "rax", "memory");
}

static void stay(void) { exit(0); }
static void iret_ok(void) { iret_to(FLAT_RING3_CS64, (unsigned long)stay, FLAT_RING3_SS64); }
static void iret_kernel_cs(void) { iret_to(0xe030, (unsigned long)stay, FLAT_RING3_SS64); }
static void iret_null_cs(void) { iret_to(0, (unsigned long)stay, FLAT_RING3_SS64); }
static void iret_xen_cs(void) { iret_to(0xe008, (unsigned long)stay, FLAT_RING3_SS64); }
static void iret_bad_ss(void) { iret_to(FLAT_RING3_CS64, (unsigned long)stay, 0xe030); }
static void iret_noncanonical(void) { iret_to(FLAT_RING3_CS64, 0x0000800000000000UL, FLAT_RING3_SS64); }
static void iret_kernel_rip(void) { iret_to(FLAT_RING3_CS64, 0xffffffff80000000UL, FLAT_RING3_SS64); }
static void iret_compat(void) { iret_to(FLAT_RING3_CS32, 0x10, FLAT_RING3_SS64); }

/* A far call pushes the return address: under TCG with SMAP, a supervisor write to a writable page. */
static void far_call(void)
{
	static struct { unsigned long rip; uint16_t cs; } __attribute__((packed)) far = { 0, FLAT_RING3_CS64 };

	far.rip = (unsigned long)stay;
	asm volatile("rex64 lcall *%0" ::"m"(far) : "memory");
}

static void load_ds(void) { asm volatile("movw %w0, %%ds" ::"r"(0x1234)); }
static void load_es(void) { asm volatile("movw %w0, %%es" ::"r"(0xe008)); }
static void load_fs(void) { asm volatile("movw %w0, %%fs" ::"r"(0xfff8)); }
static void load_gs(void) { asm volatile("movw %w0, %%gs" ::"r"(0x4)); }
static void load_ss(void) { asm volatile("movw %w0, %%ss" ::"r"(0)); }

/* A process spinning in compatibility mode is preempted like any other, and can be killed. */
static void compat_preempted(void)
{
	struct pvmmu_stats before, after;
	int status, pid;

	if (pin_to_cpu(0))	/* its ticks must switch: both on one vCPU, whatever VCPUS is */
		exit(5);
	pid = fork();
	if (pid == 0)
		compat_loop();
	if (pid < 0 || pvmmu_stats(&before))
		exit(1);
	for (int i = 0; i < 5; i++)
		sched_yield();
	if (pvmmu_stats(&after) || after.cpu_context_switches < before.cpu_context_switches + 10)
		exit(2);
	if (kill(pid, 9) || waitpid(pid, &status) != pid)
		exit(3);
	exit(status == KILL_KILL ? 0 : 4);
}

UTEST_EXIT("user.segments.compat_ud2", compat_ud2, KILL_ILL, "a far jump into 32-bit code, then ud2: #UD kill");
UTEST_EXIT("user.segments.compat_fault", compat_fault, KILL_SEGV, "a bad access in 32-bit code is a page-fault kill");
UTEST_EXIT("user.segments.compat_syscall", compat_syscall, KILL_ILL, "syscall from 32-bit code is a kill, not a system call");
UTEST_EXIT("user.segments.compat_int80", compat_int80, KILL_ILL, "int $0x80 from 32-bit code is a kill, not a system call");
UTEST_EXIT("user.segments.compat_preempted", compat_preempted, 0, "a process spinning in 32-bit code is preempted and can be killed");
UTEST_EXIT("user.segments.load_ds", load_ds, KILL_ILL, "a bad selector into %ds is a #GP kill");
UTEST_EXIT("user.segments.load_es", load_es, KILL_ILL, "Xen's own selector into %es is a #GP kill");
UTEST_EXIT("user.segments.load_fs", load_fs, KILL_ILL, "a bad selector into %fs is a #GP kill");
UTEST_EXIT("user.segments.load_gs", load_gs, KILL_ILL, "a bad selector into %gs is a #GP kill");
UTEST_EXIT("user.segments.load_ss", load_ss, KILL_ILL, "a null %ss is a #GP kill");

/*
 * The statuses a CPU gives.  QEMU's TCG does an iretq's and an lretq's
 * stack reads and a far call's pushes as supervisor accesses, which Xen's
 * SMAP refuses: then each case must end in a page-fault kill instead.
 */
static int iret_status(int cpu_status)
{
	static int smap_faults = -1;

	if (smap_faults < 0) {
		smap_faults = run_child_expect(iret_ok, KILL_SEGV) == KILL_SEGV;
		if (smap_faults)
			printf("t_segments: a user iretq faults on its own stack here (SMAP under TCG): "
			       "each iretq, far call and lretq case must end in that kill\n");
	}
	return smap_faults ? KILL_SEGV : cpu_status;
}

#define IRET_CASE(name, fn, status, desc)                                                \
	static void check_##fn(void) { utest_expect_exit(fn, iret_status(status)); }     \
	UTEST("user.segments." name, check_##fn, desc)

IRET_CASE("iret_ok", iret_ok, 0, "an iretq to our own cs and ss carries on");
IRET_CASE("iret_kernel_cs", iret_kernel_cs, KILL_ILL, "an iretq to the kernel's cs is a #GP kill");
IRET_CASE("iret_null_cs", iret_null_cs, KILL_ILL, "an iretq to a null cs is a #GP kill");
IRET_CASE("iret_xen_cs", iret_xen_cs, KILL_ILL, "an iretq to Xen's cs is a #GP kill");
IRET_CASE("iret_bad_ss", iret_bad_ss, KILL_ILL, "an iretq with the kernel's cs as ss is a #GP kill");
IRET_CASE("iret_noncanonical", iret_noncanonical, KILL_ILL, "an iretq to a non-canonical rip is a #GP kill");
IRET_CASE("iret_kernel_rip", iret_kernel_rip, KILL_SEGV, "an iretq to a kernel rip is a page-fault kill");
IRET_CASE("iret_compat", iret_compat, KILL_SEGV, "an iretq into 32-bit code at an unmapped rip is a page-fault kill");
IRET_CASE("far_call", far_call, 0, "a far call to our own cs carries on");
IRET_CASE("lret_compat", lret_compat_ud2, KILL_ILL, "an lretq into 32-bit code, then ud2: #UD kill");
