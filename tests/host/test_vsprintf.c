/* SPDX-License-Identifier: MIT */
/**
 * @file test_vsprintf.c
 * @brief Host unit tests for kernel/lib/vsprintf.c.
 *
 * The kernel's formatter is built here as pv_snprintf()/pv_vsnprintf()
 * (see host.mk), which lets the C library's snprintf() serve as an
 * independent oracle for everything both implement the same way.  Where
 * the kernel deliberately differs (%p, "(null)", unknown conversions) or
 * where the exact bytes matter (truncation), the expected text is spelled
 * out instead.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

/*
 * Declare the kernel's functions under their test names, with the same
 * format attributes, then give the libc names back to libc.
 */
#define vsnprintf pv_vsnprintf
#define snprintf pv_snprintf
#include "vsprintf.h"
#undef vsnprintf
#undef snprintf

/*
 * Call pv_vsnprintf() without compile-time format checking, for formats
 * that are wrong on purpose (unknown conversions, a trailing '%').
 */
static int fmt_unchecked(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = pv_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Format with both implementations and require identical text and length. */
#define SAME(...)							\
	do {								\
		char want_[512], got_[512];				\
		int wn_ = snprintf(want_, sizeof(want_), __VA_ARGS__);	\
		int gn_ = pv_snprintf(got_, sizeof(got_), __VA_ARGS__);	\
		assert_string_equal(got_, want_);			\
		assert_int_equal(gn_, wn_);				\
	} while (0)

/*
 * SAME() for calls that C defines but compilers warn about (a flag that
 * another flag overrides, an int printed with %hh/%h): the format is
 * passed as a variable so it is not checked at compile time.
 */
#define SAME_NC(fmt, ...)						\
	do {								\
		const char *fmt_ = (fmt);				\
		char want_[512], got_[512];				\
		int wn_ = snprintf(want_, sizeof(want_), fmt_, __VA_ARGS__); \
		int gn_ = fmt_unchecked(got_, sizeof(got_), fmt_, __VA_ARGS__); \
		assert_string_equal(got_, want_);			\
		assert_int_equal(gn_, wn_);				\
	} while (0)

/* Format with the kernel's implementation and require exactly `want`. */
#define EXPECT(want, ...)						\
	do {								\
		char got_[512];						\
		int gn_ = pv_snprintf(got_, sizeof(got_), __VA_ARGS__);	\
		assert_string_equal(got_, want);			\
		assert_int_equal(gn_, (int)strlen(want));		\
	} while (0)

static void test_literal_and_percent(void **state)
{
	(void)state;
	EXPECT("hello, world", "hello, world");
	EXPECT("100%", "100%%");
	EXPECT("%%", "%%%%");
	SAME("a%%b%dc", 5);
}

static void test_char(void **state)
{
	(void)state;
	SAME("%c", 'x');
	SAME("[%5c]", 'x');
	SAME("[%-5c]", 'x');
	SAME("[%*c]", 3, 'q');
	SAME("%c%c%c", 'a', 'b', 'c');
	EXPECT("\xff", "%c", 0xff);
}

static void test_string(void **state)
{
	/* volatile: GCC rightly warns about a literal NULL for %s. */
	const char *volatile null_str = NULL;

	(void)state;
	SAME("%s", "text");
	SAME("[%10s]", "right");
	SAME("[%-10s]", "left");
	SAME("[%3s]", "longer than width");
	SAME("[%.3s]", "abcdef");
	SAME("[%.0s]", "abcdef");
	SAME("[%.10s]", "abc");
	SAME("[%8.3s]", "abcdef");
	SAME("[%-8.3s]", "abcdef");
	SAME("[%.*s]", 2, "abcdef");
	SAME("[%*.*s]", -6, 2, "abcdef");
	SAME("[%s]", "");
	EXPECT("(null)", "%s", null_str);
	EXPECT("[  (null)]", "[%8s]", null_str);
	EXPECT("[(null)  ]", "[%-8s]", null_str);
}

static void test_string_precision_not_terminated(void **state)
{
	/* With a precision the argument need not be NUL-terminated. */
	const char raw[3] = { 'a', 'b', 'c' };

	(void)state;
	EXPECT("ab", "%.2s", raw);
	EXPECT("abc", "%.3s", raw);
}

static void test_signed(void **state)
{
	(void)state;
	SAME("%d", 0);
	SAME("%d", 42);
	SAME("%d", -42);
	SAME("%i", 123456789);
	SAME("%i", -7);
	SAME("%d", INT_MAX);
	SAME("%d", INT_MIN);
	EXPECT("-2147483648", "%d", INT_MIN);
	SAME("%ld", LONG_MIN);
	SAME("%lld", LLONG_MIN);
	EXPECT("-9223372036854775808", "%lld", LLONG_MIN);
	EXPECT("9223372036854775807", "%lld", LLONG_MAX);
	SAME("%hhd", (signed char)-128);
	SAME_NC("%hhd", 300);       /* converted to signed char: 44 */
	SAME("%hd", (short)-32768);
	SAME_NC("%hd", 70000);      /* converted to short */
	SAME("%zd", (ssize_t)-5);
	SAME("%td", (ptrdiff_t)-123456789012345);
}

static void test_unsigned(void **state)
{
	(void)state;
	SAME("%u", 0u);
	SAME("%u", UINT_MAX);
	SAME("%lu", ULONG_MAX);
	SAME("%llu", ULLONG_MAX);
	EXPECT("18446744073709551615", "%llu", ULLONG_MAX);
	EXPECT("ffffffffffffffff", "%llx", ULLONG_MAX);
	EXPECT("1777777777777777777777", "%llo", ULLONG_MAX);
	SAME_NC("%hhu", 0x1ff);     /* int arguments are cut back down */
	SAME_NC("%hu", 0x12345);
	SAME("%zu", (size_t)-1);
	SAME("%tu", (ptrdiff_t)77);
	SAME("%x", 0xdeadbeefu);
	SAME("%X", 0xdeadbeefu);
	SAME("%lx", 0x123456789abcdefUL);
	SAME("%o", 8u);
	SAME("%o", 0u);
	SAME_NC("%hhx", 0xabc);
	SAME("%zx", (size_t)0xffff0000ffffUL);
}

static void test_flags(void **state)
{
	(void)state;
	SAME("[%5d]", 42);
	SAME("[%-5d]", 42);
	SAME("[%05d]", 42);
	SAME("[%05d]", -42);
	SAME_NC("[%-05d]", -42);    /* '-' overrides '0' */
	SAME("[%+d]", 42);
	SAME("[%+d]", -42);
	SAME("[%+d]", 0);
	SAME("[% d]", 42);
	SAME("[% d]", -42);
	SAME_NC("[%+ d]", 42);      /* '+' overrides ' ' */
	SAME("[% 5d]", 42);
	SAME("[%+05d]", 42);
	SAME("[%#x]", 255u);
	SAME("[%#X]", 255u);
	SAME("[%#x]", 0u);       /* no prefix for zero */
	SAME("[%#10x]", 255u);
	SAME("[%#010x]", 255u);
	SAME("[%-#10x]", 255u);
	SAME("[%#o]", 8u);
	SAME("[%#o]", 0u);
	SAME("[%#5o]", 8u);
	SAME("[%08x]", 0xbeefu);
	SAME("[%-8x]", 0xbeefu);
}

static void test_precision(void **state)
{
	(void)state;
	SAME("[%.5d]", 42);
	SAME("[%.5d]", -42);
	SAME("[%8.5d]", -42);
	SAME("[%-8.5d]", 42);
	SAME_NC("[%08.5d]", 42);    /* '0' is ignored with a precision */
	SAME("[%.0d]", 0);       /* no digits at all */
	SAME("[%5.0d]", 0);
	SAME("[%.d]", 0);
	SAME("[%.0x]", 0u);
	SAME("[%#.0o]", 0u);     /* still one 0 */
	SAME("[%#.3o]", 8u);
	SAME("[%#.4x]", 0xabu);
	SAME("[%.3u]", 7u);
	SAME("[%+.3d]", 7);
}

static void test_star(void **state)
{
	(void)state;
	SAME("[%*d]", 6, 42);
	SAME("[%*d]", -6, 42);   /* negative width: left-justify */
	SAME("[%.*d]", 4, 42);
	SAME("[%.*d]", -4, 42);  /* negative precision: as if none */
	SAME("[%0*d]", 6, -42);
	SAME("[%*.*x]", 8, 4, 0xau);
	SAME("[%-*.*x]", 8, 4, 0xau);
}

static void test_pointer(void **state)
{
	(void)state;
	EXPECT("0xffffffff80001234", "%p", (void *)0xffffffff80001234UL);
	EXPECT("0x0000000000000000", "%p", (void *)NULL);
	EXPECT("0x00000000deadbeef", "%p", (void *)0xdeadbeefUL);
	EXPECT("[0x0000000000000010]", "[%p]", (void *)16);
	EXPECT("[  0x0000000000000001]", "[%20p]", (void *)1);
	EXPECT("[0x0000000000000001  ]", "[%-20p]", (void *)1);
}

static void test_unknown_conversion(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(fmt_unchecked(buf, sizeof(buf), "%y"), 2);
	assert_string_equal(buf, "%y");
	/* Flags, width and length are echoed as written too. */
	assert_int_equal(fmt_unchecked(buf, sizeof(buf), "a%-5ly b"), 8);
	assert_string_equal(buf, "a%-5ly b");
	/* %n is deliberately unsupported: it must not write through a pointer. */
	assert_int_equal(fmt_unchecked(buf, sizeof(buf), "x%ny"), 4);
	assert_string_equal(buf, "x%ny");
	/* The conversion after an unknown one still gets its argument. */
	assert_int_equal(fmt_unchecked(buf, sizeof(buf), "%q %d", 17), 5);
	assert_string_equal(buf, "%q 17");
	/* A format that ends inside a specification. */
	assert_int_equal(fmt_unchecked(buf, sizeof(buf), "abc%"), 4);
	assert_string_equal(buf, "abc%");
	assert_int_equal(fmt_unchecked(buf, sizeof(buf), "abc%-08l"), 8);
	assert_string_equal(buf, "abc%-08l");
}

static void test_truncation(void **state)
{
	char buf[16];
	int n;

	(void)state;

	/* size 0: nothing written at all, not even a NUL. */
	memset(buf, '#', sizeof(buf));
	n = pv_snprintf(buf, 0, "hello %d", 12345);
	assert_int_equal(n, 11);
	assert_int_equal(buf[0], '#');

	/* size 0 with a NULL buffer measures the output. */
	assert_int_equal(pv_snprintf(NULL, 0, "%s-%d", "abc", -1), 6);

	/* size 1: only the NUL. */
	memset(buf, '#', sizeof(buf));
	n = pv_snprintf(buf, 1, "hello");
	assert_int_equal(n, 5);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], '#');

	/* Exact fit: 5 characters + NUL in 6 bytes. */
	memset(buf, '#', sizeof(buf));
	n = pv_snprintf(buf, 6, "%s", "hello");
	assert_int_equal(n, 5);
	assert_string_equal(buf, "hello");
	assert_int_equal(buf[6], '#');

	/* One byte short: the last character gives way to the NUL. */
	memset(buf, '#', sizeof(buf));
	n = pv_snprintf(buf, 5, "%s", "hello");
	assert_int_equal(n, 5);
	assert_string_equal(buf, "hell");
	assert_int_equal(buf[5], '#');

	/* Truncation in the middle of a padded number. */
	memset(buf, '#', sizeof(buf));
	n = pv_snprintf(buf, 4, "%08x", 0xabcdu);
	assert_int_equal(n, 8);
	assert_string_equal(buf, "000");
	assert_int_equal(buf[4], '#');

	/* Truncation of a %p, and of padding. */
	n = pv_snprintf(buf, 8, "%p", (void *)0xffffffff80001234UL);
	assert_int_equal(n, 18);
	assert_string_equal(buf, "0xfffff");
	n = pv_snprintf(buf, 3, "%-10s|", "ab");
	assert_int_equal(n, 11);
	assert_string_equal(buf, "ab");
}

static void test_huge_width(void **state)
{
	char buf[8];
	int n;

	(void)state;
	/* The return value counts all the padding even though little fits. */
	n = pv_snprintf(buf, sizeof(buf), "%*d", 100000, 7);
	assert_int_equal(n, 100000);
	assert_string_equal(buf, "       ");
	n = pv_snprintf(buf, sizeof(buf), "%-*d|", 1000, 7);
	assert_int_equal(n, 1001);
	assert_string_equal(buf, "7      ");
	/* A width that overflows int saturates instead of wrapping. */
	n = fmt_unchecked(NULL, 0, "%99999999999999999999d", 1);
	assert_int_equal(n, INT_MAX);
}

static void test_vsnprintf_va_list(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(fmt_unchecked(buf, sizeof(buf), "%s=%lu/%c", "k", 9UL, '!'), 5);
	assert_string_equal(buf, "k=9/!");
}

/*
 * Every combination of flags, width, precision, length modifier and
 * integer conversion over a set of awkward values, compared with libc.
 * Only combinations that C defines are generated ('#' only for x/X/o,
 * '+' and ' ' only for d/i).
 */
static void test_integer_matrix(void **state)
{
	static const char *const flag_sets[] = {
		"", "-", "0", "+", " ", "#", "-0", "-+", "+0", " 0", "-#", "#0", "-+ 0#",
	};
	static const char *const widths[] = { "", "1", "7", "25" };
	static const char *const precs[] = { "", ".", ".0", ".1", ".6", ".22" };
	static const char *const lens[] = { "hh", "h", "", "l", "ll", "z", "t" };
	static const char convs[] = "diuxXo";
	static const long long values[] = {
		0, 1, -1, 7, -8, 127, -128, 255, 32767, -32768, 65535,
		INT_MAX, INT_MIN, UINT_MAX, LLONG_MAX, LLONG_MIN,
		0x123456789abcdefLL, -0x123456789abcdefLL,
	};
	char fmt[32], want[128], got[128];
	unsigned long checked = 0;
	size_t f, w, p, l, c, v;

	(void)state;
	for (c = 0; convs[c]; c++)
	for (f = 0; f < sizeof(flag_sets) / sizeof(flag_sets[0]); f++)
	for (w = 0; w < sizeof(widths) / sizeof(widths[0]); w++)
	for (p = 0; p < sizeof(precs) / sizeof(precs[0]); p++)
	for (l = 0; l < sizeof(lens) / sizeof(lens[0]); l++) {
		bool is_signed = convs[c] == 'd' || convs[c] == 'i';

		if (strchr(flag_sets[f], '#') && is_signed)
			continue;
		if (convs[c] == 'u' && strchr(flag_sets[f], '#'))
			continue;
		if ((strchr(flag_sets[f], '+') || strchr(flag_sets[f], ' ')) && !is_signed)
			continue;
		snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s%c]", flag_sets[f], widths[w],
		         precs[p], lens[l], convs[c]);

		for (v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
			long long x = values[v];
			int wn, gn;

#define BOTH(arg)							\
			do {						\
				wn = snprintf(want, sizeof(want), fmt, arg); \
				gn = fmt_unchecked(got, sizeof(got), fmt, arg); \
			} while (0)
			switch (l) {
			case 0: case 1: case 2:
				if (is_signed) BOTH((int)x); else BOTH((unsigned int)x);
				break;
			case 3:
				if (is_signed) BOTH((long)x); else BOTH((unsigned long)x);
				break;
			case 4:
				if (is_signed) BOTH(x); else BOTH((unsigned long long)x);
				break;
			case 5:
				if (is_signed) BOTH((ssize_t)x); else BOTH((size_t)x);
				break;
			default:
				BOTH((ptrdiff_t)x);
				break;
			}
#undef BOTH
			if (strcmp(got, want) != 0 || gn != wn)
				fail_msg("format \"%s\" value %lld: got \"%s\" (%d), want \"%s\" (%d)",
				         fmt, x, got, gn, want, wn);
			checked++;
		}
	}
	/* Guard against the filters above silently skipping everything. */
	assert_true(checked > 20000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal_and_percent),
		cmocka_unit_test(test_char),
		cmocka_unit_test(test_string),
		cmocka_unit_test(test_string_precision_not_terminated),
		cmocka_unit_test(test_signed),
		cmocka_unit_test(test_unsigned),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_precision),
		cmocka_unit_test(test_star),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_unknown_conversion),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_huge_width),
		cmocka_unit_test(test_vsnprintf_va_list),
		cmocka_unit_test(test_integer_matrix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
