/* SPDX-License-Identifier: MIT */
/**
 * @file util.c
 * @brief pvrun's allocation helpers: grow or die.
 *
 * pvrun cannot do anything useful without memory, and a half-analysed
 * console would report a wrong outcome, so running out ends it at once.
 */
#define _GNU_SOURCE
#include "pvrun.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static _Noreturn void out_of_memory(void)
{
	fputs("pvrun: out of memory\n", stderr);
	exit(EXIT_INTERNAL);
}

void *xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		out_of_memory();
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xrealloc(NULL, n), s, n);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	return s;
}
