/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_isolation.c
 * @brief What a process may not do: each case runs in a child, which must be
 * killed with the status that says why, while the parent and kernel go on.
 */
#include "ulib.h"

#define KILL_SEGV (128 + 11)
#define KILL_ILL (128 + 4)

/* The case runs @p fn in a child, which must die with @p status; we go on. */
static void expect_killed(void (*fn)(void), int status)
{
	int got = run_child_expect(fn, status);

	if (got != status)
		test_fail("child exit status %d, expected %d", got, status);
}

#define ISOLATION_CASE(name, fn, status, desc)              \
	static void check_##fn(void) { expect_killed(fn, status); } \
	UTEST("user.isolation." name, check_##fn, desc)

static void read_kernel(void) { (void)*(volatile unsigned long *)0xffffffff80000000UL; }
ISOLATION_CASE("read_kernel", read_kernel, KILL_SEGV, "a read of kernel text is a #PF kill");
static void write_kernel(void) { *(volatile unsigned long *)0xffffffff80010000UL = 0; }
ISOLATION_CASE("write_kernel", write_kernel, KILL_SEGV, "a write to the kernel image is a #PF kill");
static void read_direct_map(void) { (void)*(volatile unsigned long *)0xffff880000000000UL; }
ISOLATION_CASE("read_direct_map", read_direct_map, KILL_SEGV, "a read of the direct map is a #PF kill");
/* The process's own page tables live in the direct map: a user write there is refused. */
static void write_page_tables(void) { *(volatile unsigned long *)0xffff880000400000UL = 0; }
ISOLATION_CASE("write_page_tables", write_page_tables, KILL_SEGV, "a write to the page tables is a #PF kill");
static void read_xen(void) { (void)*(volatile unsigned long *)0xffff800000000000UL; }
ISOLATION_CASE("read_xen", read_xen, KILL_SEGV, "a read of Xen's own range is a #PF kill");
static void jump_kernel(void) { ((void (*)(void))0xffffffff80000000UL)(); }
ISOLATION_CASE("jump_kernel", jump_kernel, KILL_SEGV, "a jump into kernel text is a #PF kill");
static void privileged_cli(void) { asm volatile("cli"); }
ISOLATION_CASE("cli", privileged_cli, KILL_ILL, "cli in user mode is a #GP kill");
static void privileged_hlt(void) { asm volatile("hlt"); }
ISOLATION_CASE("hlt", privileged_hlt, KILL_ILL, "hlt in user mode is a #GP kill");
static void privileged_cr3(void) { unsigned long v; asm volatile("mov %%cr3, %0" : "=r"(v)); }
ISOLATION_CASE("mov_cr3", privileged_cr3, KILL_ILL, "reading %cr3 in user mode is a #GP kill");
static void privileged_out(void) { asm volatile("outb %%al, $0x80" ::"a"(0)); }
ISOLATION_CASE("out", privileged_out, KILL_ILL, "an I/O port write in user mode is a #GP kill");
static void write_text(void) { *(volatile unsigned char *)(unsigned long)&write_text = 0xc3; }
ISOLATION_CASE("write_text", write_text, KILL_SEGV, "a write to the program's own text is a #PF kill");
