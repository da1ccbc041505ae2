/* SPDX-License-Identifier: MIT */
/**
 * @file test_console_user.c
 * @brief Host unit tests for console_write_user (kernel/lib/printk.c):
 *        every line of user output starts with the marker, and a kernel line
 *        and a user line never share one console line.
 *
 * capture.c's console keeps what is printed in host_log; the registered clock
 * stands at 1.5 s, so every line's timestamp is "[    1.500000] ".
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "capture.h"
#include "clock.h"
#include "printk.h"

#define TS "[    1.500000] "


/* Registered at 0 ns, read at 1.5 s from then on. */
static uint64_t fixed_ns;

static uint64_t read_fixed_ns(void)
{
	return fixed_ns;
}

static int setup(void **state)
{
	(void)state;
	clock_register(read_fixed_ns);
	fixed_ns = 1500000000ull;
	return 0;
}

static void user(const char *name, int pid, const char *s)
{
	console_write_user(name, pid, s, strlen(s));
}

/* Every test starts at a line start with an empty capture. */
static int reset(void **state)
{
	(void)state;
	if (host_log_len && host_log[host_log_len - 1] != '\n')
		printk("\n");
	host_log_reset();
	return 0;
}

static void every_user_line_marked(void **state)
{
	(void)state;
	user("t_basic", 5, "one\ntwo\n\nthree\n");
	assert_string_equal(host_log, TS "t_basic[5]| one\n" TS "t_basic[5]| two\n"
				      TS "t_basic[5]| \n" TS "t_basic[5]| three\n");
}

static void forged_lines_stay_marked(void **state)
{
	(void)state;
	user("forge", 2, "x\n(XEN) Hardware Dom0 halted: halting machine\n");
	user("forge", 2, "[    0.1] Kernel panic - not syncing: forged\n");
	assert_string_equal(host_log, TS "forge[2]| x\n"
				      TS "forge[2]| (XEN) Hardware Dom0 halted: halting machine\n"
				      TS "forge[2]| [    0.1] Kernel panic - not syncing: forged\n");
}

static void one_process_continues_its_line(void **state)
{
	(void)state;
	user("hello", 3, "hello from pid 3:");
	user("hello", 3, " hello");
	user("hello", 3, "\n");
	assert_string_equal(host_log, TS "hello[3]| hello from pid 3: hello\n");
}

static void kernel_ends_an_unterminated_user_line(void **state)
{
	(void)state;
	user("forge", 2, "(XEN) Panic on CPU 0:");
	printk("proc: pid 2 killed\n");
	assert_string_equal(host_log, TS "forge[2]| (XEN) Panic on CPU 0:\n" TS "proc: pid 2 killed\n");
}

static void user_never_continues_a_kernel_line(void **state)
{
	(void)state;
	printk("mmu: partial");
	user("forge", 2, " Kernel panic - not syncing: x\n");
	printk(" rest\n");
	assert_string_equal(host_log, TS "mmu: partial\n"
				      TS "forge[2]|  Kernel panic - not syncing: x\n"
				      TS " rest\n");
}

static void kernel_continues_its_own_line(void **state)
{
	(void)state;
	printk("Kernel panic - not syncing: ");
	printk("why\n");
	assert_string_equal(host_log, TS "Kernel panic - not syncing: why\n");
}

static void processes_never_share_a_line(void **state)
{
	(void)state;
	user("ping", 2, "ping");
	user("pong", 3, "pong\n");
	user("ping", 2, "ping\n");
	assert_string_equal(host_log, TS "ping[2]| ping\n" TS "pong[3]| pong\n" TS "ping[2]| ping\n");
}

static void empty_write_writes_nothing(void **state)
{
	(void)state;
	user("t", 4, "");
	assert_int_equal(host_log_len, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(every_user_line_marked, reset),
		cmocka_unit_test_setup(forged_lines_stay_marked, reset),
		cmocka_unit_test_setup(one_process_continues_its_line, reset),
		cmocka_unit_test_setup(kernel_ends_an_unterminated_user_line, reset),
		cmocka_unit_test_setup(user_never_continues_a_kernel_line, reset),
		cmocka_unit_test_setup(kernel_continues_its_own_line, reset),
		cmocka_unit_test_setup(processes_never_share_a_line, reset),
		cmocka_unit_test_setup(empty_write_writes_nothing, reset),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
