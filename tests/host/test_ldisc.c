/* SPDX-License-Identifier: MIT */
/**
 * @file test_ldisc.c
 * @brief Host unit tests for kernel/lib/ldisc.c: lines, backspace, Ctrl-C, Ctrl-D, echo.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ldisc.h"

static char echoed[4096];
static size_t echoed_len;
static int interrupts;
static struct ldisc ld;

static void echo(const char *s, size_t len)
{
	memcpy(echoed + echoed_len, s, len);
	echoed_len += len;
	echoed[echoed_len] = '\0';
}

static void interrupt(void)
{
	interrupts++;
}

static int setup(void **state)
{
	(void)state;
	memset(&ld, 0, sizeof(ld));
	ld.echo = echo;
	ld.interrupt = interrupt;
	ld.reading = true;
	echoed_len = 0;
	echoed[0] = '\0';
	interrupts = 0;
	return 0;
}

static void feed(const char *s)
{
	ldisc_receive(&ld, s, strlen(s));
}

/* One read: what a process would get (at most @p max bytes), taken. */
static size_t take(char *out, size_t max)
{
	size_t n = ldisc_peek(&ld, out, max);

	ldisc_consume(&ld, n);
	out[n] = '\0';
	return n;
}

static void test_line_waits_for_enter(void **state)
{
	char buf[64];

	(void)state;
	feed("ps");
	assert_false(ldisc_readable(&ld));
	feed("\r");	/* a terminal's Enter is a newline */
	assert_true(ldisc_readable(&ld));
	assert_int_equal(take(buf, sizeof(buf) - 1), 3);
	assert_string_equal(buf, "ps\n");
	assert_string_equal(echoed, "ps\n");
	assert_false(ldisc_readable(&ld));
}

static void test_read_takes_one_line(void **state)
{
	char buf[64];

	(void)state;
	feed("a b\ncd\nef");
	take(buf, sizeof(buf) - 1);
	assert_string_equal(buf, "a b\n");
	take(buf, 1);	/* a short buffer gets the line in pieces */
	assert_string_equal(buf, "c");
	take(buf, sizeof(buf) - 1);
	assert_string_equal(buf, "d\n");
	assert_false(ldisc_readable(&ld));	/* "ef" is still being typed */
}

static void test_backspace_edits_the_line(void **state)
{
	char buf[64];

	(void)state;
	feed("hellx\x7fo\bo\n");
	take(buf, sizeof(buf) - 1);
	assert_string_equal(buf, "hello\n");
	assert_string_equal(echoed, "hellx\b \bo\b \bo\n");
}

static void test_backspace_stops_at_ended_lines(void **state)
{
	char buf[64];

	(void)state;
	feed("ab\n\b\b\bc\n");
	take(buf, sizeof(buf) - 1);
	assert_string_equal(buf, "ab\n");
	take(buf, sizeof(buf) - 1);
	assert_string_equal(buf, "c\n");
}

static void test_ctrl_c_drops_the_line_and_interrupts(void **state)
{
	char buf[64];

	(void)state;
	feed("one\ntwo\x03three\n");
	assert_int_equal(interrupts, 1);
	take(buf, sizeof(buf) - 1);
	assert_string_equal(buf, "one\n");
	take(buf, sizeof(buf) - 1);
	assert_string_equal(buf, "three\n");
	assert_string_equal(echoed, "one\ntwo^C\nthree\n");
}

static void test_ctrl_d_on_empty_line_is_end_of_input(void **state)
{
	char buf[64];

	(void)state;
	feed("x\n\x04");
	take(buf, sizeof(buf) - 1);
	assert_string_equal(buf, "x\n");	/* lines first, then the end */
	assert_true(ldisc_readable(&ld));
	assert_int_equal(take(buf, sizeof(buf) - 1), 0);
	assert_false(ldisc_readable(&ld));	/* the end is read once */
}

static void test_ctrl_d_ends_a_line_without_newline(void **state)
{
	char buf[64];

	(void)state;
	feed("abc\x04");
	assert_int_equal(take(buf, sizeof(buf) - 1), 3);
	assert_string_equal(buf, "abc");
	assert_false(ldisc_readable(&ld));
}

static void test_type_ahead_echoed_line_by_line_when_read(void **state)
{
	char buf[64];

	(void)state;
	ld.reading = false;
	feed("one\ntwx\bo\nthr");
	assert_string_equal(echoed, "");	/* nobody reads: nothing echoed yet */
	ld.reading = true;
	ldisc_echo_pending(&ld);
	assert_string_equal(echoed, "one\n");
	take(buf, sizeof(buf) - 1);
	ld.reading = false;
	ldisc_echo_pending(&ld);
	assert_string_equal(echoed, "one\ntwo\n");	/* the rubbed-out x never shows */
	take(buf, sizeof(buf) - 1);
	assert_string_equal(buf, "two\n");
	ldisc_echo_pending(&ld);
	assert_string_equal(echoed, "one\ntwo\nthr");
	feed("\x7f");	/* on the screen already: rubbed out there too */
	assert_string_equal(echoed, "one\ntwo\nthr\b \b");
}

static void test_control_bytes_dropped(void **state)
{
	char buf[64];

	(void)state;
	feed("a\x1b[Ab\tc\n");
	take(buf, sizeof(buf) - 1);
	assert_string_equal(buf, "a[Ab\tc\n");
}

static void test_full_buffer_keeps_room_for_enter(void **state)
{
	char buf[LDISC_SIZE + 1], big[LDISC_SIZE + 100];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	feed(big);
	assert_false(ldisc_readable(&ld));
	feed("\n");
	assert_int_equal(take(buf, sizeof(buf) - 1), LDISC_SIZE);
	assert_int_equal(buf[LDISC_SIZE - 1], '\n');
	assert_int_equal(buf[LDISC_SIZE - 2], 'x');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_line_waits_for_enter, setup),
		cmocka_unit_test_setup(test_read_takes_one_line, setup),
		cmocka_unit_test_setup(test_backspace_edits_the_line, setup),
		cmocka_unit_test_setup(test_backspace_stops_at_ended_lines, setup),
		cmocka_unit_test_setup(test_ctrl_c_drops_the_line_and_interrupts, setup),
		cmocka_unit_test_setup(test_ctrl_d_on_empty_line_is_end_of_input, setup),
		cmocka_unit_test_setup(test_ctrl_d_ends_a_line_without_newline, setup),
		cmocka_unit_test_setup(test_type_ahead_echoed_line_by_line_when_read, setup),
		cmocka_unit_test_setup(test_control_bytes_dropped, setup),
		cmocka_unit_test_setup(test_full_buffer_keeps_room_for_enter, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
