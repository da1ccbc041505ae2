/* SPDX-License-Identifier: MIT */
/**
 * @file tests/host/test_string.c
 * @brief kernel/lib/string.c's memcpy, memset and memmove, built as
 * pv_memcpy, pv_memset and pv_memmove: every length from 0 to 70 and around
 * a page, at every alignment of source and destination, against the
 * obvious byte loop; memmove with the two areas overlapping either way.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#define AREA 8192
#define GUARD 64	/* bytes either side that no call may touch */

static unsigned char src[AREA + 2 * GUARD], dst[AREA + 2 * GUARD], want[AREA + 2 * GUARD];

static const size_t lengths[] = { 0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 70,
				  4095, 4096, 4097, 4103 };

/* The test's own copy: the file is built with memcpy renamed to the kernel's. */
static void copy_bytes(unsigned char *d, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		d[i] = s[i];
}

static void fill(unsigned char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 131 + seed * 7 + 1);
}

static void test_memcpy(void **state)
{
	(void)state;
	fill(src, sizeof(src), 1);
	for (size_t l = 0; l < sizeof(lengths) / sizeof(lengths[0]); l++)
		for (size_t so = 0; so < 8; so++)
			for (size_t d = 0; d < 8; d++) {
				size_t n = lengths[l];

				fill(dst, sizeof(dst), 2);
				copy_bytes(want, dst, sizeof(want));
				for (size_t i = 0; i < n; i++)
					want[GUARD + d + i] = src[GUARD + so + i];
				assert_ptr_equal(pv_memcpy(dst + GUARD + d, src + GUARD + so, n), dst + GUARD + d);
				assert_memory_equal(dst, want, sizeof(dst));
			}
}

static void test_memset(void **state)
{
	(void)state;
	for (size_t l = 0; l < sizeof(lengths) / sizeof(lengths[0]); l++)
		for (size_t d = 0; d < 8; d++)
			for (int c = 0; c < 512; c += 0xa5) {	/* 0, 0xa5, 0x14a (only its low byte counts) */
				size_t n = lengths[l];

				fill(dst, sizeof(dst), 3);
				copy_bytes(want, dst, sizeof(want));
				for (size_t i = 0; i < n; i++)
					want[GUARD + d + i] = (unsigned char)c;
				assert_ptr_equal(pv_memset(dst + GUARD + d, c, n), dst + GUARD + d);
				assert_memory_equal(dst, want, sizeof(dst));
			}
}

/* Within one buffer, [from, from + n) moved to [to, to + n), overlapping or not. */
static void check_move(size_t to, size_t from, size_t n)
{
	unsigned char copy[AREA + 2 * GUARD];

	fill(dst, sizeof(dst), 4);
	copy_bytes(want, dst, sizeof(want));
	copy_bytes(copy, dst, sizeof(copy));
	for (size_t i = 0; i < n; i++)
		want[to + i] = copy[from + i];
	assert_ptr_equal(pv_memmove(dst + to, dst + from, n), dst + to);
	assert_memory_equal(dst, want, sizeof(dst));
}

static void test_memmove(void **state)
{
	(void)state;
	for (size_t l = 0; l < sizeof(lengths) / sizeof(lengths[0]); l++)
		for (size_t shift = 0; shift < 10; shift++) {
			size_t n = lengths[l];

			check_move(GUARD + shift, GUARD, n);	/* dst above src: backwards */
			check_move(GUARD, GUARD + shift, n);	/* dst below src: forwards */
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memcpy),
		cmocka_unit_test(test_memset),
		cmocka_unit_test(test_memmove),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
