/* SPDX-License-Identifier: MIT */
/**
 * @file elf.c
 * @brief Sanity check of the Xen image: what QEMU's multiboot loader needs.
 *
 * The check exists so that a wrong path or a stale build fails in a second
 * with a precise message instead of as a confusing QEMU error. (The kernel
 * is checked, and its symbols read, by symbols.c.)
 */
#include "pvrun.h"

#include <elf.h>
#include <errno.h>
#include <string.h>

/** QEMU's multiboot loader only looks this far into the image. */
#define MULTIBOOT_SEARCH 8192
#define MULTIBOOT_MAGIC 0x1BADB002u

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static bool has_multiboot_header(const unsigned char *buf, size_t n)
{
	for (size_t i = 0; i + 12 <= n; i += 4) {
		uint32_t magic = le32(buf + i);
		uint32_t sum = magic + le32(buf + i + 4) + le32(buf + i + 8);

		if (magic == MULTIBOOT_MAGIC && sum == 0)
			return true;
	}
	return false;
}

static const char *xen_image_problem(const unsigned char *buf, size_t n)
{
	if (n >= 2 && buf[0] == 0x1f && buf[1] == 0x8b)
		return "is gzip-compressed; QEMU needs it gunzipped";
	if (n < EI_NIDENT || memcmp(buf, ELFMAG, SELFMAG) != 0)
		return "is not an ELF file";
	if (buf[EI_CLASS] != ELFCLASS32)
		return "is not a 32-bit ELF file (Xen's multiboot image is)";
	if (!has_multiboot_header(buf, n))
		return "has no multiboot header in its first 8 KiB";
	return NULL;
}

/**
 * Checks the Xen image the way QEMU's multiboot loader will see it.
 * @return true if usable; otherwise a message has been printed.
 */
bool elf_check_xen(const char *path)
{
	unsigned char buf[MULTIBOOT_SEARCH];
	FILE *f = fopen(path, "rb");
	const char *problem;
	size_t n;

	if (!f) {
		fprintf(stderr, "pvrun: Xen image '%s': %s\n", path,
			strerror(errno));
		return false;
	}
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	problem = xen_image_problem(buf, n);
	if (problem)
		fprintf(stderr, "pvrun: Xen image '%s' %s\n", path, problem);
	return problem == NULL;
}
