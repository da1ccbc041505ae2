/* SPDX-License-Identifier: MIT */
/**
 * @file user/t_isolation.c
 * @brief What a process may not do: each case runs in a child, which must be
 * killed with the status that says why, while the parent and kernel go on.
 */
#include "ulib.h"

#define KILL_SEGV (128 + 11)
#define KILL_ILL (128 + 4)

static void read_kernel(void) { (void)*(volatile unsigned long *)0xffffffff80000000UL; }
static void write_kernel(void) { *(volatile unsigned long *)0xffffffff80010000UL = 0; }
static void read_direct_map(void) { (void)*(volatile unsigned long *)0xffff880000000000UL; }
/* The process's own page tables live in the direct map: a user write there is refused. */
static void write_page_tables(void) { *(volatile unsigned long *)0xffff880000400000UL = 0; }
static void read_xen(void) { (void)*(volatile unsigned long *)0xffff800000000000UL; }
static void jump_kernel(void) { ((void (*)(void))0xffffffff80000000UL)(); }
static void privileged_cli(void) { asm volatile("cli"); }
static void privileged_hlt(void) { asm volatile("hlt"); }
static void privileged_cr3(void) { unsigned long v; asm volatile("mov %%cr3, %0" : "=r"(v)); }
static void privileged_out(void) { asm volatile("outb %%al, $0x80" ::"a"(0)); }
static void write_text(void) { *(volatile unsigned char *)(unsigned long)&write_text = 0xc3; }

static const struct {
	const char *name;
	void (*fn)(void);
	int status;
} cases[] = {
	{ "user.isolation.read_kernel", read_kernel, KILL_SEGV },
	{ "user.isolation.write_kernel", write_kernel, KILL_SEGV },
	{ "user.isolation.read_direct_map", read_direct_map, KILL_SEGV },
	{ "user.isolation.write_page_tables", write_page_tables, KILL_SEGV },
	{ "user.isolation.read_xen", read_xen, KILL_SEGV },
	{ "user.isolation.jump_kernel", jump_kernel, KILL_SEGV },
	{ "user.isolation.cli", privileged_cli, KILL_ILL },
	{ "user.isolation.hlt", privileged_hlt, KILL_ILL },
	{ "user.isolation.mov_cr3", privileged_cr3, KILL_ILL },
	{ "user.isolation.out", privileged_out, KILL_ILL },
	{ "user.isolation.write_text", write_text, KILL_SEGV },
};

int main(void)
{
	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		test_begin(cases[i].name);
		int status = run_child(cases[i].fn);

		if (status != cases[i].status)
			test_fail("child exit status %d, expected %d", status, cases[i].status);
		test_end();
	}
	return 0;
}
