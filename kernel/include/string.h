/* SPDX-License-Identifier: MIT */
/**
 * @file string.h
 * @brief The kernel's minimal C string and memory functions.
 *
 * The kernel is built with -nostdinc, so `#include <string.h>` finds this
 * file there, while host builds of shared library code (vsprintf.c,
 * cmdline.c) find the C library's header instead.  Shared code may
 * therefore only use the functions declared here, all with their ISO C
 * meaning.  The compiler may also emit calls to memcpy, memmove, memset
 * and memcmp on its own (struct copies, large initialisers).
 */
#ifndef PVMMU_STRING_H
#define PVMMU_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);

#endif /* PVMMU_STRING_H */
