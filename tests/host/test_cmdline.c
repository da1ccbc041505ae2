/* SPDX-License-Identifier: MIT */
/**
 * @file test_cmdline.c
 * @brief Host unit tests for kernel/lib/cmdline.c: the parameter table,
 *        kstrtoul() and next_item().
 *
 * The kernel's printk() writes to capture.c's console (host_log), so every test checks three observable things: the variables' values, the returned
 * warning count, and the text of the warnings.  Every parse starts from
 * poisoned variables, so "the default was applied" is really checked.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "capture.h"
#include "cmdline.h"
#include "errno.h"
#include "printk.h"

/* ---- printk() capture: the kernel's printk.c, writing to capture.c's console ---- */

static unsigned int captured_lines(void)
{
	unsigned int n = 0;
	size_t i;

	for (i = 0; i < host_log_len; i++)
		n += host_log[i] == '\n';
	return n;
}

/* Assert that the captured text contains `needle`, showing it if not. */
#define assert_captured(needle)						\
	do {								\
		if (!strstr(host_log, (needle)))			\
			fail_msg("expected \"%s\" in output:\n%s", (needle), host_log); \
	} while (0)

#define assert_not_captured(needle)					\
	do {								\
		if (strstr(host_log, (needle)))				\
			fail_msg("did not expect \"%s\" in output:\n%s", (needle), host_log); \
	} while (0)

/* ---- the parameter table under test ---- */

static bool p_debug, p_verbose;
static char p_test[64], p_label[8], p_big[300];
static unsigned int p_console;

static const char *const console_choices[] = { "xen", "vga", "none", NULL };

static const struct kparam params[] = {
	KPARAM_BOOL("debug", p_debug, "off", "Print debug messages"),
	KPARAM_BOOL("verbose", p_verbose, "yes", "Be chatty"),
	KPARAM_STR("test", p_test, "", "Run only this test"),
	KPARAM_STR("label", p_label, "pv", "Short label"),
	KPARAM_STR("big", p_big, "", "A large buffer"),
	KPARAM_ENUM("console", p_console, console_choices, "vga", "Console device"),
};
#define NR_PARAMS (sizeof(params) / sizeof(params[0]))

/*
 * Every line printed must be a well-formed warning and no raw control
 * byte may reach the console.
 */
static void check_output_is_clean(void)
{
	const char *line = host_log;
	size_t i;

	for (i = 0; i < host_log_len; i++) {
		unsigned char c = (unsigned char)host_log[i];

		if (c != '\n' && (c < 0x20 || c >= 0x7f))
			fail_msg("raw byte 0x%02x in output:\n%s", c, host_log);
	}
	while (*line) {
		if (strncmp(line, "cmdline: warning: ", 18) != 0)
			fail_msg("not a warning line: %s", line);
		line = strchr(line, '\n');
		assert_non_null(line);
		line++;
	}
}

/* Poison all variables, parse, and check the output's shape. */
static unsigned int parse(const char *cmdline)
{
	unsigned int warnings;

	p_debug = true;
	p_verbose = false;
	strcpy(p_test, "POISON");
	strcpy(p_label, "POISON");
	strcpy(p_big, "POISON");
	p_console = 2;
	host_log_reset();

	warnings = cmdline_parse(cmdline, params, NR_PARAMS);

	check_output_is_clean();
	/* One line per warning. */
	assert_int_equal(captured_lines(), warnings);
	return warnings;
}

static void assert_all_defaults(void)
{
	assert_false(p_debug);
	assert_true(p_verbose);
	assert_string_equal(p_test, "");
	assert_string_equal(p_label, "pv");
	assert_string_equal(p_big, "");
	assert_int_equal(p_console, 1);
}

/* ---- tests ---- */

static void test_defaults(void **state)
{
	(void)state;
	assert_int_equal(parse(NULL), 0);
	assert_all_defaults();
	assert_int_equal(host_log_len, 0);

	assert_int_equal(parse(""), 0);
	assert_all_defaults();

	assert_int_equal(parse("   \t  \t "), 0);
	assert_all_defaults();
	assert_int_equal(host_log_len, 0);
}

static void test_separators(void **state)
{
	(void)state;
	assert_int_equal(parse("  debug\tlabel=ab   console=xen\r\n"), 0);
	assert_true(p_debug);
	assert_string_equal(p_label, "ab");
	assert_int_equal(p_console, 0);
	assert_true(p_verbose);     /* untouched parameters keep defaults */
}

static void test_bool_values(void **state)
{
	static const char *const yes[] = {
		"debug", "debug=1", "debug=y", "debug=Y", "debug=yes", "debug=YES",
		"debug=on", "debug=On", "debug=true", "debug=TrUe",
	};
	static const char *const no[] = {
		"verbose=0", "verbose=n", "verbose=N", "verbose=no", "verbose=nO",
		"verbose=off", "verbose=OFF", "verbose=false", "verbose=False",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		assert_int_equal(parse(yes[i]), 0);
		assert_true(p_debug);
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		assert_int_equal(parse(no[i]), 0);
		assert_false(p_verbose);
	}
	assert_int_equal(parse("debug=0 verbose=1"), 0);
	assert_false(p_debug);
	assert_true(p_verbose);
}

static void test_bool_malformed(void **state)
{
	static const char *const bad[] = {
		"verbose=", "verbose=2", "verbose=yess", "verbose=tru", "verbose=o",
		"verbose=-1", "verbose=0x1",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char want[128];

		assert_int_equal(parse(bad[i]), 1);
		assert_true(p_verbose);
		snprintf(want, sizeof(want), "bad value '%s' for 'verbose' (expected a boolean",
		         bad[i] + strlen("verbose="));
		assert_captured(want);
		assert_captured("; keeping on\n");
	}
}

static void test_string_values(void **state)
{
	char exact[64 + 8], over[65 + 8];

	(void)state;
	assert_int_equal(parse("test=hello"), 0);
	assert_string_equal(p_test, "hello");
	assert_int_equal(parse("label=abc test=x=y"), 0);  /* only the first '=' splits */
	assert_string_equal(p_label, "abc");
	assert_string_equal(p_test, "x=y");
	assert_int_equal(parse("label="), 0);              /* empty is a valid string */
	assert_string_equal(p_label, "");

	/* 63 characters fit a 64-byte buffer exactly... */
	snprintf(exact, sizeof(exact), "test=%063d", 0);
	assert_int_equal(parse(exact), 0);
	assert_int_equal(strlen(p_test), 63);
	/* ...64 do not, and the default is kept rather than truncating. */
	snprintf(over, sizeof(over), "test=%064d", 0);
	assert_int_equal(parse(over), 1);
	assert_string_equal(p_test, "");
	assert_captured("value '000000000000000000000000000000000000000000000000...' "
	                "for 'test' is too long (64 characters, max 63); keeping ''\n");

	assert_int_equal(parse("label=12345678"), 1);
	assert_string_equal(p_label, "pv");
	assert_string_equal(host_log,
	    "cmdline: warning: value '12345678' for 'label' is too long "
	    "(8 characters, max 7); keeping 'pv'\n");
	assert_int_equal(parse("label=1234567"), 0);
	assert_string_equal(p_label, "1234567");
}

static void test_enum_values(void **state)
{
	static const char *const bad[] = { "", "VGA", "serial", "vga2", "xe", "1" };
	size_t i;

	(void)state;
	assert_int_equal(parse("console=xen"), 0);
	assert_int_equal(p_console, 0);
	assert_int_equal(parse("console=none"), 0);
	assert_int_equal(p_console, 2);
	assert_int_equal(parse("console=vga"), 0);
	assert_int_equal(p_console, 1);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char cl[64], want[160];

		snprintf(cl, sizeof(cl), "console=%s", bad[i]);
		assert_int_equal(parse(cl), 1);
		assert_int_equal(p_console, 1);
		snprintf(want, sizeof(want),
		         "cmdline: warning: bad value '%s' for 'console' (expected one of: xen, vga, none); keeping vga\n",
		         bad[i]);
		assert_string_equal(host_log, want);
	}
}

static void test_bare_key_needs_value(void **state)
{
	(void)state;
	assert_int_equal(parse("console"), 1);
	assert_int_equal(p_console, 1);
	assert_string_equal(host_log,
	    "cmdline: warning: parameter 'console' needs a value (expected one of: xen, vga, none); keeping vga\n");

	assert_int_equal(parse("test console label"), 3);
	assert_string_equal(p_test, "");
	assert_int_equal(p_console, 1);
	assert_string_equal(p_label, "pv");
	assert_captured("parameter 'test' needs a value");
	assert_captured("parameter 'console' needs a value (expected one of: xen, vga, none)");
	assert_captured("parameter 'label' needs a value (expected printable text of at most 7 characters); keeping 'pv'");
}

static void test_missing_key(void **state)
{
	(void)state;
	assert_int_equal(parse("=value"), 1);
	assert_all_defaults();
	assert_string_equal(host_log, "cmdline: warning: missing parameter name in '=value' (ignored)\n");

	assert_int_equal(parse("=="), 1);
	assert_all_defaults();
	assert_string_equal(host_log, "cmdline: warning: missing parameter name in '==' (ignored)\n");

	assert_int_equal(parse("= debug"), 1);
	assert_true(p_debug);
	assert_captured("missing parameter name in '='");
}

static void test_unknown_key(void **state)
{
	(void)state;
	assert_int_equal(parse("foo"), 1);
	assert_all_defaults();
	assert_string_equal(host_log, "cmdline: warning: unknown parameter 'foo' (ignored)\n");

	assert_int_equal(parse("foo=1 Debug=1 debu=1 debugg"), 4);
	assert_all_defaults();
	assert_captured("unknown parameter 'foo' (ignored)");
	assert_captured("unknown parameter 'Debug' (ignored)");   /* keys are case-sensitive */
	assert_captured("unknown parameter 'debu' (ignored)");
	assert_captured("unknown parameter 'debugg' (ignored)");
}

static void test_long_tokens(void **state)
{
	char cl[1024];
	size_t n;

	(void)state;

	/* A 255-character token is the longest accepted. */
	n = (size_t)snprintf(cl, sizeof(cl), "big=");
	memset(cl + n, 'b', 255 - n);
	cl[255] = '\0';
	assert_int_equal(parse(cl), 0);
	assert_int_equal(strlen(p_big), 251);

	/* One more is refused, naming the key, even though it would fit. */
	cl[255] = 'b';
	cl[256] = '\0';
	assert_int_equal(parse(cl), 1);
	assert_string_equal(p_big, "");
	assert_captured("token 'big=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb...' for 'big' "
	                "is too long (256 characters, max 255); keeping ''\n");

	/* A long value for a small string, mid-line: the rest still counts. */
	n = (size_t)snprintf(cl, sizeof(cl), "debug test=");
	memset(cl + n, 'a', 600);
	snprintf(cl + n + 600, sizeof(cl) - n - 600, " verbose=0");
	assert_int_equal(parse(cl), 1);
	assert_true(p_debug);
	assert_false(p_verbose);
	assert_string_equal(p_test, "");
	assert_captured("for 'test' is too long (605 characters, max 255); keeping ''");

	/* A long unknown token: reported once, quoted only in part. */
	memset(cl, 'x', 1000);
	cl[1000] = '\0';
	assert_int_equal(parse(cl), 1);
	assert_all_defaults();
	assert_captured("token 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' "
	                "is too long (1000 characters, max 255); ignored\n");
	assert_true(host_log_len < 200);
}

static void test_control_bytes(void **state)
{
	(void)state;

	/* In a value: refused, and shown escaped. */
	assert_int_equal(parse("test=a\x01" "b"), 1);
	assert_string_equal(p_test, "");
	assert_captured("bad value 'a\\x01b' for 'test' (expected printable text of at most 63 characters); keeping ''");

	assert_int_equal(parse("console=1\x7f"), 1);
	assert_int_equal(p_console, 1);
	assert_captured("bad value '1\\x7f' for 'console'");

	assert_int_equal(parse("label=\xff\xfe"), 1);
	assert_string_equal(p_label, "pv");
	assert_captured("bad value '\\xff\\xfe' for 'label'");

	/* In a key. */
	assert_int_equal(parse("de\x1b[2Jbug=1"), 1);
	assert_all_defaults();
	assert_captured("unknown parameter 'de\\x1b[2Jbug' (ignored)");

	/* Quote and backslash are escaped too, so the quoting stays unambiguous. */
	assert_int_equal(parse("console=a'b\\c"), 1);
	assert_captured("bad value 'a\\'b\\\\c' for 'console'");

	/* A vertical tab or form feed is not a separator. */
	assert_int_equal(parse("debug\vlabel=1"), 1);
	assert_captured("unknown parameter 'debug\\x0blabel'");
}

static void test_later_wins(void **state)
{
	(void)state;
	assert_int_equal(parse("label=a label=b"), 0);
	assert_string_equal(p_label, "b");
	assert_int_equal(parse("debug debug=off"), 0);
	assert_false(p_debug);
	assert_int_equal(parse("console=xen console=none test=a test=b"), 0);
	assert_int_equal(p_console, 2);
	assert_string_equal(p_test, "b");

	/* A bad later value keeps the earlier good one, and says so. */
	assert_int_equal(parse("console=xen console=tty"), 1);
	assert_int_equal(p_console, 0);
	assert_captured("bad value 'tty' for 'console' (expected one of: xen, vga, none); keeping xen\n");
}

static void test_warning_count(void **state)
{
	(void)state;
	assert_int_equal(parse("foo label=toolong8 debug =1 console=xen bar=baz console=tty"), 5);
	assert_true(p_debug);
	assert_string_equal(p_label, "pv");
	assert_int_equal(p_console, 0);
}

/*
 * The mistakes a table can still make (the KPARAM_* macros refuse the rest
 * at compile time): a default its type does not accept, a name twice.
 */
static void test_bad_table(void **state)
{
	static bool b, ok, ok2;
	static char s[4];
	static unsigned int e;
	static const char *const colours[] = { "red", "green", NULL };
	static const struct kparam bad[] = {
		KPARAM_BOOL("b", b, "maybe", "bad bool default"),
		KPARAM_ENUM("e", e, colours, "blue", "enum default not listed"),
		KPARAM_STR("s", s, "a\x01", "string default not printable"),
		KPARAM_BOOL("ok", ok, "1", "a good one"),
		KPARAM_BOOL("ok", ok2, "1", "a duplicate"),
	};
	unsigned int w;

	(void)state;
	b = true;
	strcpy(s, "xyz");
	e = 1;
	host_log_reset();

	w = cmdline_parse("ok=0 b=1", bad, sizeof(bad) / sizeof(bad[0]));
	check_output_is_clean();
	assert_int_equal(captured_lines(), w);
	/* 3 bad defaults, 1 duplicate. */
	assert_int_equal(w, 4);

	assert_captured("bad default 'maybe' for 'b' in the table (expected a boolean");
	assert_captured("; using off\n");
	assert_captured("bad default 'blue' for 'e' in the table (expected one of: red, green); using red\n");
	assert_captured("bad default 'a\\x01' for 's' in the table (expected printable text of at most 3 characters); using ''\n");
	assert_captured("parameter 'ok' is in the table twice; the first entry is used\n");

	/* Bad defaults leave a defined zero value; the command line still applies. */
	assert_true(b);             /* set by "b=1" */
	assert_string_equal(s, "");
	assert_int_equal(e, 0);
	assert_false(ok);           /* the first "ok" gets the command-line value */
	assert_true(ok2);
}

static void test_print_help(void **state)
{
	static const char *const lines[] = {
		"debug            bool   default off      now on       Print debug messages\n",
		"verbose          bool   default yes      now on       Be chatty\n",
		"test             string default ''       now 'x y'",
		"label            string default 'pv'     now 'pv'     Short label\n",
		"console          enum   default vga      now none     Console device (one of: xen, vga, none)\n",
	};
	size_t i;

	(void)state;
	assert_int_equal(parse("debug console=none"), 0);
	strcpy(p_test, "x y");
	host_log_reset();
	cmdline_print_help(params, NR_PARAMS);
	assert_int_equal(captured_lines(), NR_PARAMS);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		assert_captured(lines[i]);
	for (i = 0; i < NR_PARAMS; i++) {
		assert_captured(params[i].name);
		assert_captured(params[i].help);
	}
	assert_not_captured("POISON");
}

/* ---- the helpers ---- */

static void test_kstrtoul(void **state)
{
	static const struct {
		const char *s;
		unsigned int base;
		unsigned long v;
	} good[] = {
		{ "0", 0, 0 }, { "42", 0, 42 }, { "0x2A", 0, 42 }, { "0Xff", 0, 255 },
		{ "010", 0, 10 },	/* decimal, not octal */
		{ "18446744073709551615", 0, 18446744073709551615UL },
		{ "0xffffffffffffffff", 0, 18446744073709551615UL },
		{ "42", 10, 42 }, { "ff", 16, 255 }, { "0x10", 16, 16 },
	};
	static const struct {
		const char *s;
		unsigned int base;
		int rc;
	} bad[] = {
		{ "", 0, -EINVAL }, { "abc", 0, -EINVAL }, { "-1", 0, -EINVAL }, { "+1", 0, -EINVAL },
		{ "0x", 0, -EINVAL }, { "0xg", 0, -EINVAL }, { "12k", 0, -EINVAL }, { "1 ", 0, -EINVAL },
		{ "4.5", 0, -EINVAL }, { "0x-1", 0, -EINVAL }, { "0x10", 10, -EINVAL }, { "1a", 10, -EINVAL },
		{ "18446744073709551616", 0, -ERANGE }, { "0x10000000000000000", 0, -ERANGE },
		{ "99999999999999999999999999999999999999", 10, -ERANGE },
		/* A syntax error wins over overflow: it is the real mistake. */
		{ "99999999999999999999Q", 0, -EINVAL },
	};
	unsigned long v;

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		v = 7;
		if (kstrtoul(good[i].s, good[i].base, &v) || v != good[i].v)
			fail_msg("kstrtoul(\"%s\", %u) gave %lu", good[i].s, good[i].base, v);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = 7;
		if (kstrtoul(bad[i].s, bad[i].base, &v) != bad[i].rc || v != 7)
			fail_msg("kstrtoul(\"%s\", %u) did not fail with %d, or changed the result",
				 bad[i].s, bad[i].base, bad[i].rc);
	}
}

/* Split @p list on @p sep and join the items with '|' for an easy comparison. */
static const char *split(const char *list, char sep)
{
	static char buf[64], out[128];
	char *rest = buf, *item;

	snprintf(buf, sizeof(buf), "%s", list);
	out[0] = '\0';
	while ((item = next_item(&rest, sep)))
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "[%s]", item);
	return out;
}

static void test_next_item(void **state)
{
	(void)state;
	assert_string_equal(split("", ','), "");
	assert_string_equal(split("a", ','), "[a]");
	assert_string_equal(split("hello,bench", ','), "[hello][bench]");
	assert_string_equal(split("a,,b", ','), "[a][][b]");
	assert_string_equal(split(",a", ','), "[][a]");
	assert_string_equal(split("a,", ','), "[a]");
	assert_string_equal(split(",", ','), "[]");
	assert_string_equal(split("set_pte:1:EINVAL", ':'), "[set_pte][1][EINVAL]");
	assert_string_equal(split("a:b,c", ','), "[a:b][c]");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_separators),
		cmocka_unit_test(test_bool_values),
		cmocka_unit_test(test_bool_malformed),
		cmocka_unit_test(test_string_values),
		cmocka_unit_test(test_enum_values),
		cmocka_unit_test(test_bare_key_needs_value),
		cmocka_unit_test(test_missing_key),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_long_tokens),
		cmocka_unit_test(test_control_bytes),
		cmocka_unit_test(test_later_wins),
		cmocka_unit_test(test_warning_count),
		cmocka_unit_test(test_bad_table),
		cmocka_unit_test(test_print_help),
		cmocka_unit_test(test_kstrtoul),
		cmocka_unit_test(test_next_item),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
