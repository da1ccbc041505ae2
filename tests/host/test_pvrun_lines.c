/* SPDX-License-Identifier: MIT */
/**
 * @file test_pvrun_lines.c
 * @brief Host unit tests of pvrun's trust boundary: who wrote a console line
 *        (tools/pvrun/lines.c), the one parser of test result lines, and the
 *        outcome the console analyser (console.c) reaches from forged lines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../tools/pvrun/pvrun.h"

static void assert_from(const char *line, enum line_from want, const char *text)
{
	const char *t = NULL;

	assert_int_equal(line_classify(line, &t), want);
	assert_string_equal(t, text);
}

static void classify_sources(void **state)
{
	(void)state;
	assert_from("[    0.000549] pvmmu 0.1: hello", FROM_KERNEL, "pvmmu 0.1: hello");
	assert_from("[    0.185147] hello[2]| hello from pid 2", FROM_USER, "hello from pid 2");
	assert_from("(XEN) [    1.011949] Hardware Dom0 halted: halting machine", FROM_XEN,
		    "Hardware Dom0 halted: halting machine");
	assert_from("(XEN) Xen version 4.17", FROM_XEN, "Xen version 4.17");
	assert_from("SeaBIOS (version 1.16)", FROM_OTHER, "SeaBIOS (version 1.16)");
	assert_from("", FROM_OTHER, "");
}

/* A user line stays one whatever its text imitates. */
static void classify_forgeries(void **state)
{
	(void)state;
	assert_from("[    0.2] forge[2]| [    0.1] Kernel panic - not syncing: x", FROM_USER,
		    "[    0.1] Kernel panic - not syncing: x");
	assert_from("[    0.2] forge[2]| (XEN) Hardware Dom0 halted: halting machine", FROM_USER,
		    "(XEN) Hardware Dom0 halted: halting machine");
	assert_from("[    0.2] forge[2]| forge[3]| x", FROM_USER, "forge[3]| x");
}

/* Near misses of the marker are kernel text, never a user line. */
static void classify_near_misses(void **state)
{
	(void)state;
	assert_from("[    0.2] forge[x]| x", FROM_KERNEL, "forge[x]| x");
	assert_from("[    0.2] forge[2]|x", FROM_KERNEL, "forge[2]|x");
	assert_from("[    0.2] [2]| x", FROM_KERNEL, "[2]| x");
	assert_from("[    0.2]forge[2]| x", FROM_OTHER, "[    0.2]forge[2]| x");
	assert_from("[ x] Kernel panic", FROM_OTHER, "[ x] Kernel panic");
	assert_from(" (XEN) x", FROM_OTHER, " (XEN) x");
}

static void xen_split(void **state)
{
	static const char kernel[] = "[    0.1] mmu: partial(XEN) [    1.0] Domain 0 crashed";
	static const char user[] = "[    0.1] forge[2]| a (XEN) Hardware Dom0 halted";

	(void)state;
	assert_ptr_equal(line_xen_split(kernel), strstr(kernel, "(XEN)"));
	assert_null(line_xen_split(user));
	assert_null(line_xen_split("(XEN) one line"));
	assert_null(line_xen_split(""));
}

static enum test_result parse(const char *text, char *name, const char **why)
{
	return line_parse_test(text, name, 64, why);
}

static void parse_results(void **state)
{
	char name[64];
	const char *why;

	(void)state;
	assert_int_equal(parse("test: mm.map: RUN", name, &why), TEST_RUN);
	assert_string_equal(name, "mm.map");
	assert_int_equal(parse("test: mm.map: PASS", name, &why), TEST_PASS);
	assert_string_equal(why, "");
	assert_int_equal(parse("test: a_b-c.d: FAIL: x != y", name, &why), TEST_FAIL);
	assert_string_equal(name, "a_b-c.d");
	assert_string_equal(why, "x != y");
	assert_int_equal(parse("test: t: SKIP: no vCPU 1", name, &why), TEST_SKIP);
	assert_string_equal(why, "no vCPU 1");
	assert_int_equal(parse("test: t: ERROR: mmap failed", name, &why), TEST_ERROR);
	assert_string_equal(why, "mmap failed");
}

static void parse_rejects(void **state)
{
	static const char *const bad[] = {
		"test: t: PASSED", "test: t: FAIL", "test: t: ERROR", "test: t:PASS",
		"test: : PASS", "selftest: t: PASS", " test: t: PASS", "test: t t: PASS",
		"test: t: pass", "tests: 1 passed, 0 failed",
	};
	char name[64];
	const char *why;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse(bad[i], name, &why) != TEST_NONE)
			fail_msg("'%s' parsed as a result", bad[i]);
	/* A name that does not fit the caller's buffer is no result. */
	assert_int_equal(line_parse_test("test: abcdefgh: PASS", name, 8, &why), TEST_NONE);
}

static void result_ranks(void **state)
{
	(void)state;
	assert_true(TEST_PASS < TEST_SKIP && TEST_SKIP < TEST_ERROR && TEST_ERROR < TEST_FAIL);
	assert_string_equal(test_result_word(TEST_ERROR), "ERROR");
}

/* ---- the analyser: the outcome a sequence of console lines gives ---- */

static struct console con;
static int saved_stdout = -1;

/* The analyser echoes every line on stdout: keep it out of cmocka's report. */
static int setup_console(void **state)
{
	int null = open("/dev/null", O_WRONLY);

	(void)state;
	fflush(stdout);
	saved_stdout = dup(1);
	if (null < 0 || saved_stdout < 0 || dup2(null, 1) < 0)
		return -1;
	close(null);
	console_init(&con, NULL, false, NULL);
	return 0;
}

static int teardown_console(void **state)
{
	(void)state;
	console_free(&con);
	fflush(stdout);
	dup2(saved_stdout, 1);
	close(saved_stdout);
	return 0;
}

static enum console_event feed(const char *line, bool ended)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%s", line);
	return console_line(&con, buf, ended);
}

static void forged_poweroff_then_panic(void **state)
{
	(void)state;
	assert_int_equal(feed("[    0.2] forge[2]| (XEN) Hardware Dom0 halted: halting machine", true),
			 EV_NONE);
	assert_int_equal(feed("[    0.2] forge[2]| Kernel panic - not syncing: forged", true), EV_NONE);
	assert_int_equal(feed("[    0.2] forge[2]| x (XEN) Hardware Dom0 halted: halting machine",
			      true), EV_NONE);
	assert_false(con.final);
	assert_false(con.panic_seen);
	feed("[    0.3] Kernel panic - not syncing: real", true);
	assert_int_equal(feed("(XEN) [    1.0] Hardware Dom0 crashed: 'noreboot' set - not rebooting.",
			      true), EV_FINAL);
	assert_int_equal(con.kind, OUT_PANIC);
	assert_string_equal(con.detail, "real");
}

/* Only the first piece of a line longer than pvrun's buffer is at its start. */
static void continuation_not_believed(void **state)
{
	(void)state;
	feed("[    0.2] forge[2]| xxxx", false);
	assert_int_equal(feed("(XEN) Hardware Dom0 halted: halting machine", false), EV_NONE);
	feed("Kernel panic - not syncing: after a long line", true);
	assert_false(con.final);
	assert_false(con.panic_seen);
	assert_int_equal(feed("(XEN) Hardware Dom0 halted: halting machine", true), EV_FINAL);
	assert_int_equal(con.kind, OUT_SHUTDOWN);
}

static void tests_counted_worst_result(void **state)
{
	(void)state;
	feed("[    0.1] test: k.pass: RUN", true);
	feed("[    0.1] test: k.pass: PASS", true);
	feed("[    0.2] t_basic[5]| test: user.a: PASS", true);
	feed("[    0.2] t_basic[5]| test: user.b: PASS", true);
	feed("[    0.2] t_basic[5]| test: user.b: ERROR: no memory", true);
	feed("[    0.2] t_basic[5]| test: user.c: RUN", true);
	feed("(XEN) test: xen.not_a_test: PASS", true);
	console_finish_tests(&con, "panic");
	assert_int_equal(con.passed, 2);
	assert_int_equal(con.errors, 1);
	assert_int_equal(con.failed, 1);
	assert_int_equal(con.ntests, 4);
	assert_string_equal(con.tests[2].why, "no memory");
	assert_string_equal(con.tests[3].why, "did not finish (panic)");
}

/* The results file is what tests/boot/lib.sh reads: one line per test, in order. */
static void results_file(void **state)
{
	char path[] = "/tmp/test_pvrun_lines.XXXXXX", text[512] = "";
	int fd = mkstemp(path);
	FILE *f;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	feed("[    0.1] test: k.a: PASS", true);
	feed("[    0.1] test: k.b: SKIP: no vCPU 1", true);
	feed("[    0.2] t[5]| test: user.c: ERROR: setup failed", true);
	feed("[    0.2] t[5]| test: user.d: RUN", true);
	console_finish_tests(&con, "domain crash");
	assert_true(console_write_results(&con, path));
	f = fopen(path, "r");
	assert_non_null(f);
	assert_int_not_equal(fread(text, 1, sizeof(text) - 1, f), 0);
	fclose(f);
	unlink(path);
	assert_string_equal(text, "PASS k.a\nSKIP k.b no vCPU 1\nERROR user.c setup failed\n"
				  "FAIL user.d did not finish (domain crash)\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(classify_sources),
		cmocka_unit_test(classify_forgeries),
		cmocka_unit_test(classify_near_misses),
		cmocka_unit_test(xen_split),
		cmocka_unit_test(parse_results),
		cmocka_unit_test(parse_rejects),
		cmocka_unit_test(result_ranks),
		cmocka_unit_test_setup_teardown(forged_poweroff_then_panic, setup_console,
						teardown_console),
		cmocka_unit_test_setup_teardown(continuation_not_believed, setup_console,
						teardown_console),
		cmocka_unit_test_setup_teardown(tests_counted_worst_result, setup_console,
						teardown_console),
		cmocka_unit_test_setup_teardown(results_file, setup_console, teardown_console),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
