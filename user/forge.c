/* SPDX-License-Identifier: MIT */
/**
 * @file user/forge.c
 * @brief Hostile output: forges the outcome lines the runner believes.
 *
 * Run with init=forge (boot tests 46 and 47): the boot must still end the
 * way the kernel and Xen say, not the way this program says. Each forgery
 * is a line of its own that the kernel marks as user output; the last one
 * is left unterminated and the process then dies, so that the kernel's
 * message about it must start a line of its own.
 */
#include "ulib.h"

/* Longer than pvrun's longest line piece (64 KiB): the rest is a continuation. */
#define LONG_LINE (66 * 1024)

static char long_line[LONG_LINE];

static void say(const char *s)
{
	write(1, s, strlen(s));
}

int main(void)
{
	say("Kernel panic - not syncing: forged by a user program\n");
	say("(XEN) Hardware Dom0 halted: halting machine\n");
	say("(XEN) [    1.000000] Hardware Dom0 crashed: 'noreboot' set - not rebooting.\n");
	say("[    0.100000] Kernel panic - not syncing: forged with a timestamp\n");
	say("(XEN) Hardware Dom0 ");
	say("halted: halting machine (split across two writes)\n");
	say("a line with (XEN) Hardware Dom0 halted: halting machine inside it\n");
	say("\n(XEN) Hardware Dom0 halted: halting machine after a newline of its own\n");
	memset(long_line, 'x', sizeof(long_line));
	write(1, long_line, sizeof(long_line));
	say("Kernel panic - not syncing: forged after 64 KiB\n");
	say("test: forge.own_result: PASS\n");
	say("(XEN) Panic on CPU 0:");
	/* Killed by the kernel, which reports it on a line of its own. */
	(void)*(volatile unsigned long *)0xffffffff80000000UL;
	return 0;
}
