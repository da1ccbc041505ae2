/* SPDX-License-Identifier: MIT */
/**
 * @file string.c
 * @brief The kernel's minimal C string and memory functions.
 *
 * Plain byte loops: simple and obviously correct, and fast enough for a
 * kernel that copies little.  All of them follow ISO C, including
 * comparing bytes as unsigned char.
 *
 * Build note: at -O2 GCC recognises a byte-copy or byte-fill loop and
 * replaces it with a call to memcpy()/memset() -- which, inside memcpy()
 * and memset() themselves, is infinite recursion.  This file must be
 * compiled with -fno-tree-loop-distribute-patterns (Clang does not rewrite
 * a loop into a call to the function that contains it).
 */
#include <stdint.h>
#include <string.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/*
	 * Copying forwards is only wrong when dst starts inside src: then the
	 * front of dst overwrites the tail of src before it is read, so copy
	 * backwards.  Compare as integers: comparing pointers into different
	 * objects is undefined in C.
	 */
	if ((uintptr_t)d - (uintptr_t)s >= n) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	while (*x && *x == *y) {
		x++;
		y++;
	}
	return *x - *y;
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	for (; n; n--, x++, y++)
		if (*x != *y || !*x)
			return *x - *y;
	return 0;
}

char *strchr(const char *s, int c)
{
	/* As in ISO C, the terminating NUL counts as part of the string. */
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}
