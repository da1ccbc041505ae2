/* SPDX-License-Identifier: MIT */
/**
 * @file string.c
 * @brief The kernel's minimal C string and memory functions.
 *
 * memcpy, memset and the forward memmove move eight bytes at a time with
 * the string instructions (rep movsq / rep stosq, then the last bytes
 * with rep movsb / stosb): the kernel copies and clears whole pages (a
 * copy-on-write break, every new page and page table), and a byte loop
 * costs 4096 turns a page, which under QEMU's TCG was most of a
 * copy-on-write break's time.  Every kernel entry clears DF (entry.S), so
 * they run forwards.  The rest are plain byte loops, simple and obviously
 * correct.  All of them follow ISO C, including comparing bytes as
 * unsigned char.
 *
 * Build note: at -O2 GCC recognises a byte-copy or byte-fill loop and
 * replaces it with a call to memcpy()/memset() -- which, inside those
 * functions themselves, is infinite recursion.  This file must be
 * compiled with -fno-tree-loop-distribute-patterns (Clang does not rewrite
 * a loop into a call to the function that contains it).
 */
#include <stdint.h>
#include <string.h>

/* Forwards, @p n bytes: the quadwords, then what is left. */
static void copy_forwards(unsigned char *d, const unsigned char *s, size_t n)
{
	size_t quads = n / 8, bytes = n % 8;

	asm volatile("rep movsq" : "+D"(d), "+S"(s), "+c"(quads) : : "memory");
	asm volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(bytes) : : "memory");
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	copy_forwards(dst, src, n);
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
		copy_forwards(d, s, n);
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t pattern = (unsigned char)c * 0x0101010101010101ULL;
	size_t quads = n / 8, bytes = n % 8;

	asm volatile("rep stosq" : "+D"(d), "+c"(quads) : "a"(pattern) : "memory");
	asm volatile("rep stosb" : "+D"(d), "+c"(bytes) : "a"(pattern) : "memory");
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
