/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_faults.c
 * @brief Faults the kernel cannot resolve end the process, at once and with
 * the real reason: executing data (NX), non-canonical addresses, int n
 * without a gate, arithmetic and breakpoint traps.
 */
#include "ulib.h"

#define RET 0xc3

static unsigned char data_code[16] = { RET };
static const unsigned char rodata_code[16] = { RET };

static void call(const void *code) { ((void (*)(void))(unsigned long)code)(); }

static void exec_stack(void)
{
	volatile unsigned char code[16] = { RET };

	call((const void *)code);
}

static void exec_heap(void)
{
	unsigned char *p = mmap_anon(4096, PROT_READ | PROT_WRITE);

	if ((long)p < 0)
		exit(1);
	p[0] = RET;
	call(p);
}

/* The first touch is the fetch itself: a demand-zero page that must not become executable. */
static void exec_fresh_heap(void)
{
	unsigned char *p = mmap_anon(4096, PROT_READ | PROT_WRITE);

	if ((long)p < 0)
		exit(1);
	call(p);
}

static void exec_data(void) { call(data_code); }
static void exec_rodata(void) { call(rodata_code); }
static void read_noncanonical(void) { (void)*(volatile unsigned long *)0x0000800000000000UL; }
static void write_noncanonical(void) { *(volatile unsigned long *)0xfff0000000000000UL = 0; }
static void int82(void) { asm volatile("int $0x82"); }
static void int80(void) { asm volatile("int $0x80"); }
static void int_overflow(void) { asm volatile("int $4"); }
static void breakpoint(void) { asm volatile("int3"); }

static void divide(void)
{
	unsigned long q, r, d = 0;

	asm volatile("divq %2" : "=a"(q), "=d"(r) : "r"(d), "a"(1UL), "d"(0UL));
}

UTEST_EXIT("user.faults.exec_stack", exec_stack, KILL_SEGV, "executing the stack is a page-fault kill (NX)");
UTEST_EXIT("user.faults.exec_heap", exec_heap, KILL_SEGV, "executing written mmap memory is a page-fault kill");
UTEST_EXIT("user.faults.exec_fresh_heap", exec_fresh_heap, KILL_SEGV, "executing a fresh demand-zero page is a page-fault kill");
UTEST_EXIT("user.faults.exec_data", exec_data, KILL_SEGV, "executing .data is a page-fault kill");
UTEST_EXIT("user.faults.exec_rodata", exec_rodata, KILL_SEGV, "executing .rodata is a page-fault kill");
UTEST_EXIT("user.faults.read_noncanonical", read_noncanonical, KILL_ILL, "a non-canonical read is a #GP kill");
UTEST_EXIT("user.faults.write_noncanonical", write_noncanonical, KILL_ILL, "a non-canonical write is a #GP kill");
UTEST_EXIT("user.faults.int82", int82, KILL_ILL, "int $0x82 (no user gate) is a kill");
UTEST_EXIT("user.faults.int80", int80, KILL_ILL, "int $0x80 (no user gate) is a #GP kill");
UTEST_EXIT("user.faults.int4", int_overflow, KILL_SEGV, "int $4 is an overflow-trap kill");
UTEST_EXIT("user.faults.int3", breakpoint, KILL_TRAP, "int3 is a breakpoint kill");
UTEST_EXIT("user.faults.divide", divide, KILL_FPE, "a division by zero is a #DE kill");

/* One instruction, so each try's first touch faults at the same rip and address. */
static __attribute__((noinline)) void touch(volatile unsigned char *p) { *p = 1; }

/*
 * Map, touch, unmap the same page from the same instruction, again and again:
 * each fault makes progress (a new page), so none may count as a repeat.
 */
static void remap_loop(void)
{
	unsigned char *first = mmap_anon(4096, PROT_READ | PROT_WRITE);

	TEST_ASSERT((long)first > 0);
	TEST_ASSERT_EQ(munmap(first, 4096), 0);
	for (int i = 0; i < 10; i++) {
		unsigned char *p = mmap_anon(4096, PROT_READ | PROT_WRITE);

		TEST_ASSERT(p == first);	/* the lowest gap again: the same address */
		touch(p);
		TEST_ASSERT_EQ(munmap(p, 4096), 0);
	}
}
UTEST_EXIT("user.faults.remap_loop", remap_loop, 0,
	   "the same fault at the same rip that makes progress each time is not a repeat");
