/* SPDX-License-Identifier: MIT */
/**
 * @file test_cmdline.c
 * @brief Host unit tests for kernel/lib/cmdline.c.
 *
 * The kernel's printk() writes to a console here that appends to a capture
 * buffer, so every test checks three observable things: the variables' values, the returned
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

#include "cmdline.h"
#include "printk.h"

/* ---- printk() capture: the kernel's printk.c, writing to this console ---- */

static char captured[65536];
static size_t captured_len;

static void capture_write(const char *s, size_t len)
{
	if (len >= sizeof(captured) - captured_len)
		fail_msg("printk capture buffer overflowed");
	memcpy(captured + captured_len, s, len);
	captured_len += len;
	captured[captured_len] = '\0';
}

static struct console capture_console = { .name = "capture", .write = capture_write };

static void __attribute__((constructor)) capture_init(void)
{
	register_console(&capture_console);
}

static unsigned int captured_lines(void)
{
	unsigned int n = 0;
	size_t i;

	for (i = 0; i < captured_len; i++)
		n += captured[i] == '\n';
	return n;
}

/* Assert that the captured text contains `needle`, showing it if not. */
#define assert_captured(needle)						\
	do {								\
		if (!strstr(captured, (needle)))			\
			fail_msg("expected \"%s\" in output:\n%s", (needle), captured); \
	} while (0)

#define assert_not_captured(needle)					\
	do {								\
		if (strstr(captured, (needle)))				\
			fail_msg("did not expect \"%s\" in output:\n%s", (needle), captured); \
	} while (0)

/* ---- the parameter table under test ---- */

static bool p_debug, p_verbose;
static unsigned long p_count, p_mem;
static char p_test[64], p_label[8], p_big[300];
static unsigned int p_console;

static const char *const console_choices[] = { "xen", "vga", "none", NULL };

static const struct kparam params[] = {
	{ "debug", KP_BOOL, &p_debug, 0, NULL, "off", "Print debug messages" },
	{ "verbose", KP_BOOL, &p_verbose, 0, NULL, "yes", "Be chatty" },
	{ "count", KP_UINT, &p_count, 0, NULL, "4", "How many times" },
	{ "mem", KP_SIZE, &p_mem, 0, NULL, "512M", "Memory to use" },
	{ "test", KP_STR, p_test, sizeof(p_test), NULL, "", "Run only this test" },
	{ "label", KP_STR, p_label, sizeof(p_label), NULL, "pv", "Short label" },
	{ "big", KP_STR, p_big, sizeof(p_big), NULL, "", "A large buffer" },
	{ "console", KP_ENUM, &p_console, 0, console_choices, "vga", "Console device" },
};
#define NR_PARAMS (sizeof(params) / sizeof(params[0]))

#define MEM_DEFAULT (512UL << 20)

/*
 * Every line printed must be a well-formed warning and no raw control
 * byte may reach the console.
 */
static void check_output_is_clean(void)
{
	const char *line = captured;
	size_t i;

	for (i = 0; i < captured_len; i++) {
		unsigned char c = (unsigned char)captured[i];

		if (c != '\n' && (c < 0x20 || c >= 0x7f))
			fail_msg("raw byte 0x%02x in output:\n%s", c, captured);
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
	p_count = 999;
	p_mem = 1;
	strcpy(p_test, "POISON");
	strcpy(p_label, "POISON");
	strcpy(p_big, "POISON");
	p_console = 2;
	captured_len = 0;
	captured[0] = '\0';

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
	assert_int_equal(p_count, 4);
	assert_int_equal(p_mem, MEM_DEFAULT);
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
	assert_int_equal(captured_len, 0);

	assert_int_equal(parse(""), 0);
	assert_all_defaults();

	assert_int_equal(parse("   \t  \t "), 0);
	assert_all_defaults();
	assert_int_equal(captured_len, 0);
}

static void test_separators(void **state)
{
	(void)state;
	assert_int_equal(parse("  debug\tcount=7   mem=1M\r\n"), 0);
	assert_true(p_debug);
	assert_int_equal(p_count, 7);
	assert_int_equal(p_mem, 1UL << 20);
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

static void test_uint_values(void **state)
{
	(void)state;
	assert_int_equal(parse("count=0"), 0);
	assert_int_equal(p_count, 0);
	assert_int_equal(parse("count=42"), 0);
	assert_int_equal(p_count, 42);
	assert_int_equal(parse("count=0x2A"), 0);
	assert_int_equal(p_count, 42);
	assert_int_equal(parse("count=0Xff"), 0);
	assert_int_equal(p_count, 255);
	assert_int_equal(parse("count=010"), 0);     /* decimal, not octal */
	assert_int_equal(p_count, 10);
	assert_int_equal(parse("count=18446744073709551615"), 0);
	assert_int_equal(p_count, 18446744073709551615UL);
	assert_int_equal(parse("count=0xffffffffffffffff"), 0);
	assert_int_equal(p_count, 18446744073709551615UL);
}

static void test_uint_malformed(void **state)
{
	static const char *const bad[] = {
		"", "abc", "-1", "+1", "0x", "0xg", "12k", "1 ", "4.5", "1e3", "0x-1",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char cl[64], want[128];

		snprintf(cl, sizeof(cl), "count=%s", bad[i]);
		/* "1 " is "count=1" followed by a blank: that one is fine. */
		if (!strcmp(bad[i], "1 ")) {
			assert_int_equal(parse(cl), 0);
			assert_int_equal(p_count, 1);
			continue;
		}
		assert_int_equal(parse(cl), 1);
		assert_int_equal(p_count, 4);
		snprintf(want, sizeof(want),
		         "cmdline: warning: bad value '%s' for 'count' (expected an unsigned number such as 42 or 0x2a); keeping 4\n",
		         bad[i]);
		assert_string_equal(captured, want);
	}

	/* Overflow is reported as such. */
	assert_int_equal(parse("count=18446744073709551616"), 1);
	assert_int_equal(p_count, 4);
	assert_string_equal(captured,
	    "cmdline: warning: bad value '18446744073709551616' for 'count' "
	    "(too large, the maximum is 18446744073709551615); keeping 4\n");
	assert_int_equal(parse("count=0x10000000000000000"), 1);
	assert_int_equal(p_count, 4);
	assert_captured("too large");
	assert_int_equal(parse("count=99999999999999999999999999999999999999"), 1);
	assert_int_equal(p_count, 4);
	assert_captured("too large");
}

static void test_size_values(void **state)
{
	(void)state;
	assert_int_equal(parse("mem=4096"), 0);
	assert_int_equal(p_mem, 4096);
	assert_int_equal(parse("mem=0"), 0);
	assert_int_equal(p_mem, 0);
	assert_int_equal(parse("mem=2K"), 0);
	assert_int_equal(p_mem, 2048);
	assert_int_equal(parse("mem=2k"), 0);
	assert_int_equal(p_mem, 2048);
	assert_int_equal(parse("mem=64M"), 0);
	assert_int_equal(p_mem, 64UL << 20);
	assert_int_equal(parse("mem=3g"), 0);
	assert_int_equal(p_mem, 3UL << 30);
	assert_int_equal(parse("mem=1T"), 0);
	assert_int_equal(p_mem, 1UL << 40);
	assert_int_equal(parse("mem=0x10m"), 0);
	assert_int_equal(p_mem, 16UL << 20);
	assert_int_equal(parse("mem=0x1000"), 0);
	assert_int_equal(p_mem, 0x1000);
	/* The largest value a T suffix allows: (2^64 - 1) >> 40. */
	assert_int_equal(parse("mem=16777215T"), 0);
	assert_int_equal(p_mem, 16777215UL << 40);
	assert_int_equal(parse("mem=18446744073709551615"), 0);
	assert_int_equal(p_mem, 18446744073709551615UL);
}

static void test_size_malformed(void **state)
{
	static const char *const bad[] = {
		"", "16Q", "M", "64MB", "64 M", "1.5G", "-1M", "0x", "0xM", "k1", "1KK",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char cl[64], want[160];

		snprintf(cl, sizeof(cl), "mem=%s", bad[i]);
		if (strchr(bad[i], ' ')) {
			/* "mem=64 M": a good mem= and an unknown parameter M. */
			assert_int_equal(parse(cl), 1);
			assert_int_equal(p_mem, 64);
			assert_string_equal(captured, "cmdline: warning: unknown parameter 'M' (ignored)\n");
			continue;
		}
		assert_int_equal(parse(cl), 1);
		assert_int_equal(p_mem, MEM_DEFAULT);
		snprintf(want, sizeof(want),
		         "cmdline: warning: bad value '%s' for 'mem' (expected a size such as 64M); keeping 512M\n",
		         bad[i]);
		assert_string_equal(captured, want);
	}

	/* Overflow in the digits and overflow from the suffix. */
	assert_int_equal(parse("mem=99999999999999999999"), 1);
	assert_int_equal(p_mem, MEM_DEFAULT);
	assert_string_equal(captured,
	    "cmdline: warning: bad value '99999999999999999999' for 'mem' "
	    "(too large, the maximum is 18446744073709551615); keeping 512M\n");
	assert_int_equal(parse("mem=16777216T"), 1);
	assert_int_equal(p_mem, MEM_DEFAULT);
	assert_captured("bad value '16777216T' for 'mem' (too large");
	assert_int_equal(parse("mem=17179869184G"), 1);
	assert_int_equal(p_mem, MEM_DEFAULT);
	assert_captured("too large");
	/* A syntax error wins over overflow: the suffix is the real mistake. */
	assert_int_equal(parse("mem=99999999999999999999Q"), 1);
	assert_captured("(expected a size such as 64M)");
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
	assert_string_equal(captured,
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
		assert_string_equal(captured, want);
	}
}

static void test_bare_key_needs_value(void **state)
{
	(void)state;
	assert_int_equal(parse("mem"), 1);
	assert_int_equal(p_mem, MEM_DEFAULT);
	assert_string_equal(captured,
	    "cmdline: warning: parameter 'mem' needs a value (expected a size such as 64M); keeping 512M\n");

	assert_int_equal(parse("count test console label"), 4);
	assert_int_equal(p_count, 4);
	assert_string_equal(p_test, "");
	assert_int_equal(p_console, 1);
	assert_string_equal(p_label, "pv");
	assert_captured("parameter 'count' needs a value");
	assert_captured("parameter 'test' needs a value");
	assert_captured("parameter 'console' needs a value (expected one of: xen, vga, none)");
	assert_captured("parameter 'label' needs a value (expected printable text of at most 7 characters); keeping 'pv'");
}

static void test_missing_key(void **state)
{
	(void)state;
	assert_int_equal(parse("=value"), 1);
	assert_all_defaults();
	assert_string_equal(captured, "cmdline: warning: missing parameter name in '=value' (ignored)\n");

	assert_int_equal(parse("=="), 1);
	assert_all_defaults();
	assert_string_equal(captured, "cmdline: warning: missing parameter name in '==' (ignored)\n");

	assert_int_equal(parse("= debug"), 1);
	assert_true(p_debug);
	assert_captured("missing parameter name in '='");
}

static void test_unknown_key(void **state)
{
	(void)state;
	assert_int_equal(parse("foo"), 1);
	assert_all_defaults();
	assert_string_equal(captured, "cmdline: warning: unknown parameter 'foo' (ignored)\n");

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
	snprintf(cl + n + 600, sizeof(cl) - n - 600, " count=9");
	assert_int_equal(parse(cl), 1);
	assert_true(p_debug);
	assert_int_equal(p_count, 9);
	assert_string_equal(p_test, "");
	assert_captured("for 'test' is too long (605 characters, max 255); keeping ''");

	/* A long unknown token: reported once, quoted only in part. */
	memset(cl, 'x', 1000);
	cl[1000] = '\0';
	assert_int_equal(parse(cl), 1);
	assert_all_defaults();
	assert_captured("token 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' "
	                "is too long (1000 characters, max 255); ignored\n");
	assert_true(captured_len < 200);
}

static void test_control_bytes(void **state)
{
	(void)state;

	/* In a value: refused, and shown escaped. */
	assert_int_equal(parse("test=a\x01" "b"), 1);
	assert_string_equal(p_test, "");
	assert_captured("bad value 'a\\x01b' for 'test' (expected printable text of at most 63 characters); keeping ''");

	assert_int_equal(parse("count=1\x7f"), 1);
	assert_int_equal(p_count, 4);
	assert_captured("bad value '1\\x7f' for 'count'");

	assert_int_equal(parse("label=\xff\xfe"), 1);
	assert_string_equal(p_label, "pv");
	assert_captured("bad value '\\xff\\xfe' for 'label'");

	/* In a key. */
	assert_int_equal(parse("de\x1b[2Jbug=1"), 1);
	assert_all_defaults();
	assert_captured("unknown parameter 'de\\x1b[2Jbug' (ignored)");

	/* Quote and backslash are escaped too, so the quoting stays unambiguous. */
	assert_int_equal(parse("count=a'b\\c"), 1);
	assert_captured("bad value 'a\\'b\\\\c' for 'count'");

	/* A vertical tab or form feed is not a separator. */
	assert_int_equal(parse("debug\vcount=1"), 1);
	assert_captured("unknown parameter 'debug\\x0bcount'");
}

static void test_later_wins(void **state)
{
	(void)state;
	assert_int_equal(parse("mem=1G mem=2G"), 0);
	assert_int_equal(p_mem, 2UL << 30);
	assert_int_equal(parse("debug debug=off"), 0);
	assert_false(p_debug);
	assert_int_equal(parse("console=xen console=none test=a test=b"), 0);
	assert_int_equal(p_console, 2);
	assert_string_equal(p_test, "b");

	/* A bad later value keeps the earlier good one, and says so. */
	assert_int_equal(parse("mem=1G mem=lots"), 1);
	assert_int_equal(p_mem, 1UL << 30);
	assert_captured("bad value 'lots' for 'mem' (expected a size such as 64M); keeping 1G\n");
}

static void test_warning_count(void **state)
{
	(void)state;
	assert_int_equal(parse("foo mem=x debug =1 count=0x10 bar=baz console=tty"), 5);
	assert_true(p_debug);
	assert_int_equal(p_count, 16);
	assert_int_equal(p_mem, MEM_DEFAULT);
	assert_int_equal(p_console, 1);
}

/* A table with every kind of mistake in it. */
static void test_bad_table(void **state)
{
	static bool b;
	static unsigned long u, sz, ok;
	static char s[4];
	static unsigned int e, e2;
	static const char *const none[] = { NULL };
	static const char *const colours[] = { "red", "green", NULL };
	static const struct kparam bad[] = {
		{ "b", KP_BOOL, &b, 0, NULL, "maybe", "bad bool default" },
		{ "u", KP_UINT, &u, 0, NULL, "12Q", "bad uint default" },
		{ "sz", KP_SIZE, &sz, 0, NULL, NULL, "no default" },
		{ "s", KP_STR, s, sizeof(s), NULL, "toolong", "string default too long" },
		{ "e", KP_ENUM, &e, 0, colours, "blue", "enum default not listed" },
		{ "novar", KP_UINT, NULL, 0, NULL, "1", "no variable" },
		{ NULL, KP_UINT, &u, 0, NULL, "1", "no name" },
		{ "eq=", KP_UINT, &u, 0, NULL, "1", "unusable name" },
		{ "zero", KP_STR, s, 0, NULL, "", "zero-sized buffer" },
		{ "nochoice", KP_ENUM, &e2, 0, none, "x", "empty choices" },
		{ "nochoice2", KP_ENUM, &e2, 0, NULL, "x", "NULL choices" },
		{ "weird", (enum kparam_type)42, &u, 0, NULL, "1", "unknown type" },
		{ "ok", KP_UINT, &ok, 0, NULL, "0x10", "a good one" },
		{ "ok", KP_UINT, &u, 0, NULL, "1", "a duplicate" },
	};
	unsigned int w;

	(void)state;
	b = true;
	u = sz = ok = 77;
	strcpy(s, "xyz");
	e = 1;
	captured_len = 0;
	captured[0] = '\0';

	w = cmdline_parse("ok=5 b=1 novar=3", bad, sizeof(bad) / sizeof(bad[0]));
	check_output_is_clean();
	assert_int_equal(captured_lines(), w);
	/* 5 bad defaults, 7 unusable entries, 1 duplicate, 1 for "novar=3". */
	assert_int_equal(w, 14);

	assert_captured("bad default 'maybe' for 'b' in the table (expected a boolean");
	assert_captured("bad default '12Q' for 'u' in the table (expected an unsigned number");
	assert_captured("parameter 'sz' has no default in the table; using 0\n");
	assert_captured("default 'toolong' for 's' in the table is too long (max 3 characters); using ''\n");
	assert_captured("bad default 'blue' for 'e' in the table (expected one of: red, green); using red\n");
	assert_captured("entry 5 ('novar') is unusable: it has no variable\n");
	assert_captured("entry 6 ('') is unusable: it has no name\n");
	assert_captured("entry 7 ('eq=') is unusable");
	assert_captured("entry 8 ('zero') is unusable: its string buffer has size 0\n");
	assert_captured("entry 9 ('nochoice') is unusable: it has no choices\n");
	assert_captured("entry 10 ('nochoice2') is unusable: it has no choices\n");
	assert_captured("entry 11 ('weird') is unusable: its type is unknown\n");
	assert_captured("parameter 'ok' is in the table twice; the first entry is used\n");
	assert_captured("parameter 'novar' has a bad table entry (ignored)\n");

	/* Bad defaults leave a defined zero value; the command line still applies. */
	assert_true(b);             /* set by "b=1" */
	assert_int_equal(sz, 0);
	assert_string_equal(s, "");
	assert_int_equal(e, 0);
	assert_int_equal(ok, 5);    /* the first "ok" gets the command-line value */
	assert_int_equal(u, 1);     /* last writer of u among the defaults: the duplicate */

	/* Help copes with the same table. */
	captured_len = 0;
	captured[0] = '\0';
	cmdline_print_help(bad, sizeof(bad) / sizeof(bad[0]));
	assert_int_equal(captured_lines(), sizeof(bad) / sizeof(bad[0]));
	assert_captured("(bad table entry: it has no variable)");
}

static void test_print_help(void **state)
{
	static const char *const lines[] = {
		"debug            bool   default off      now on       Print debug messages\n",
		"verbose          bool   default yes      now on       Be chatty\n",
		"count            uint   default 4        now 4        How many times\n",
		"mem              size   default 512M     now 3G       Memory to use\n",
		"test             string default ''       now 'x y'",
		"label            string default 'pv'     now 'pv'     Short label\n",
		"console          enum   default vga      now none     Console device (one of: xen, vga, none)\n",
	};
	size_t i;

	(void)state;
	assert_int_equal(parse("debug mem=3G console=none"), 0);
	strcpy(p_test, "x y");
	captured_len = 0;
	captured[0] = '\0';
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_separators),
		cmocka_unit_test(test_bool_values),
		cmocka_unit_test(test_bool_malformed),
		cmocka_unit_test(test_uint_values),
		cmocka_unit_test(test_uint_malformed),
		cmocka_unit_test(test_size_values),
		cmocka_unit_test(test_size_malformed),
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
