/* SPDX-License-Identifier: MIT */
/**
 * @file test_printk.c
 * @brief Host unit tests for kernel/lib/printk.c: consoles, lines and timestamps.
 *
 * Two capturing consoles stand in for Xen's console_io and a later domU
 * ring; a fake clock stands in for Xen system time.  The tests check what
 * each console received, byte for byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "clock.h"
#include "printk.h"

struct capture {
	char text[4096];
	size_t len;
	unsigned int writes;
};

static struct capture cap_a, cap_b;

static void capture(struct capture *c, const char *s, size_t len)
{
	if (len >= sizeof(c->text) - c->len)
		fail_msg("capture overflowed");
	memcpy(c->text + c->len, s, len);
	c->len += len;
	c->text[c->len] = '\0';
	c->writes++;
}

static void write_a(const char *s, size_t len) { capture(&cap_a, s, len); }
static void write_b(const char *s, size_t len) { capture(&cap_b, s, len); }

static struct console con_a = { .name = "a", .write = write_a };
static struct console con_b = { .name = "b", .write = write_b };

static int setup(void **state)
{
	(void)state;
	memset(&cap_a, 0, sizeof(cap_a));
	memset(&cap_b, 0, sizeof(cap_b));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unregister_console(&con_a);
	unregister_console(&con_b);
	return 0;
}

/* Before any clock is registered (these tests run first): no stamp. */
static void test_no_console_drops_text(void **state)
{
	(void)state;
	assert_int_equal(printk("nobody hears %d\n", 1), 15);
	assert_int_equal(cap_a.len, 0);
}

static void test_unstamped_without_clock(void **state)
{
	(void)state;
	register_console(&con_a);
	printk("one %s\n", "line");
	assert_string_equal(cap_a.text, "one line\n");
}

static void test_every_console_gets_every_byte(void **state)
{
	(void)state;
	register_console(&con_a);
	register_console(&con_b);
	register_console(&con_a);	/* twice is once */
	printk("x=%d\ny", 5);
	printk("z\n");
	assert_string_equal(cap_a.text, "x=5\nyz\n");
	assert_string_equal(cap_b.text, "x=5\nyz\n");
	assert_int_equal(cap_a.writes, cap_b.writes);
}

static void test_unregister_stops_output(void **state)
{
	(void)state;
	register_console(&con_a);
	register_console(&con_b);
	unregister_console(&con_a);
	printk("only b\n");
	assert_int_equal(cap_a.len, 0);
	assert_string_equal(cap_b.text, "only b\n");
}

static void test_long_message_truncated(void **state)
{
	char big[2000];

	(void)state;
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	register_console(&con_a);
	assert_int_equal(printk("%s", big), (int)sizeof(big) - 1);
	assert_int_equal(cap_a.len, 1023);
	printk("\n");
}

static uint64_t fake_ns;
static uint64_t fake_clock(void) { return fake_ns; }

/* Registered last: from here every line starts with the uptime since registration. */
static void test_stamps_each_line_start(void **state)
{
	(void)state;
	fake_ns = 5000000000ULL;
	clock_register(fake_clock);
	register_console(&con_a);
	fake_ns += 1234567000ULL;
	printk("a\nb");
	fake_ns += 1000;
	printk("c\n\n");
	assert_string_equal(cap_a.text, "[    1.234567] a\n[    1.234567] bc\n[    1.234568] \n");
	assert_int_equal(kernel_uptime_ns(), 1234568000ULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_no_console_drops_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unstamped_without_clock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_console_gets_every_byte, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unregister_stops_output, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_message_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stamps_each_line_start, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
