/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/elf.c
 * @brief The user programs embedded in the image, and the ELF loader.
 *
 * user/ builds each program as a static ELF; the build links them into the
 * kernel (user_programs, a table generated from user/PROGRAMS), each
 * image page-aligned.  A read-only segment's pages are mapped straight from
 * the image, shared by every process that runs the program, as a page cache
 * would share a file's: exec copies and Xen-validates nothing for them, and
 * the same frames keep the same code.  Writable segments, and pages that
 * hold zero-filled memory past the file's bytes, are copied into fresh
 * pages; the heap and stack come on demand.
 */
#include <string.h>
#include "elf.h"
#include "errno.h"
#include "page_alloc.h"
#include "proc.h"
#include "vm.h"
#include "vsprintf.h"

/* Only what an ELF64 loader needs; the layout is the ELF specification's. */
struct elf64_ehdr {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

#define PT_LOAD 1
#define PF_X 1
#define PF_W 2

struct user_program {
	const char *name;
	const uint8_t *start, *end;
};
extern const struct user_program user_programs[];

static const struct user_program *find_program(const char *name)
{
	for (const struct user_program *p = user_programs; p->name; p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

bool program_exists(const char *name)
{
	return find_program(name) != NULL;
}

size_t program_names(char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (const struct user_program *p = user_programs; p->name; p++) {
		int w = snprintf(buf + n, len - n, "%s%s", n ? " " : "", p->name);

		if (w < 0 || (size_t)w >= len - n)
			break;
		n += (size_t)w;
	}
	return n;
}

/*
 * The image's own frame for the page at @p va of a read-only segment, or
 * NULL where it must be copied: a writable segment, a file offset not
 * congruent to the address, a page past the image, or a page that holds
 * memory past the file's bytes (it must read as zeros).  Bytes past the
 * segment's end in its last page are the file's, as mmap of a file shows
 * them, and past the image's end zeros (user/user.mk pads each image).
 */
static struct page *shared_page(const uint8_t *image, size_t size, const struct elf64_phdr *ph,
				unsigned long va)
{
	unsigned long file_end = ph->vaddr + ph->filesz, mem_end = ph->vaddr + ph->memsz;
	struct page *page;
	unsigned long off = ph->offset + (va - ALIGN_DOWN(ph->vaddr, PAGE_SIZE)) -
			    (ph->vaddr % PAGE_SIZE);

	if ((ph->flags & PF_W) || ((uintptr_t)image % PAGE_SIZE) ||
	    (ph->offset % PAGE_SIZE) != (ph->vaddr % PAGE_SIZE) || off >= size ||
	    (file_end < va + PAGE_SIZE && file_end < mem_end))
		return NULL;
	page = virt_to_page((void *)(image + off));
	BUG_ON(!(page->flags & PG_reserved));	/* mappings take no reference on it (vm.c) */
	return page;
}

static int load_segment(struct mm *mm, const uint8_t *image, size_t size,
			const struct elf64_phdr *ph)
{
	unsigned int flags = (ph->flags & PF_W ? VMA_WRITE : 0) | (ph->flags & PF_X ? VMA_EXEC : 0);
	unsigned long start = ALIGN_DOWN(ph->vaddr, PAGE_SIZE), end = ALIGN_UP(ph->vaddr + ph->memsz, PAGE_SIZE);

	if (ph->offset + ph->filesz > size || ph->filesz > ph->memsz || end > USER_TOP || end < start)
		return -ENOEXEC;
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		struct page *page = shared_page(image, size, ph, va);
		int rc;

		if (!page) {
			unsigned long file_end = ph->vaddr + ph->filesz;
			unsigned long lo = va > ph->vaddr ? va : ph->vaddr;
			unsigned long hi = file_end < va + PAGE_SIZE ? file_end : va + PAGE_SIZE;
			uint8_t *dst;

			page = alloc_page();
			if (!page)
				return -ENOMEM;
			dst = page_address(page);
			memset(dst, 0, PAGE_SIZE);
			/* The part of the file that falls in this page, if any; the rest stays zero. */
			if (lo < hi)
				memcpy(dst + (lo - va), image + ph->offset + (lo - ph->vaddr), hi - lo);
		}
		rc = map_user_page(mm, va, page, flags);
		if (rc) {
			put_user_page(page);
			return rc;
		}
	}
	if (end > mm->brk_start)
		mm->brk_start = mm->brk = end;
	return vma_add(mm, start, end, flags);
}

int elf_load(struct mm *mm, const char *name, unsigned long *entry)
{
	const struct user_program *prog = find_program(name);
	const struct elf64_ehdr *eh;
	size_t size;

	if (!prog)
		return -ENOENT;
	eh = (const struct elf64_ehdr *)prog->start;
	size = (size_t)(prog->end - prog->start);
	if (size < sizeof(*eh) || memcmp(eh->ident, "\177ELF\2\1", 6) || eh->machine != 62 ||
	    eh->phentsize != sizeof(struct elf64_phdr) ||
	    eh->phoff + (uint64_t)eh->phnum * sizeof(struct elf64_phdr) > size)
		return -ENOEXEC;
	for (unsigned int i = 0; i < eh->phnum; i++) {
		const struct elf64_phdr *ph = (const struct elf64_phdr *)(prog->start + eh->phoff) + i;
		int rc = ph->type == PT_LOAD ? load_segment(mm, prog->start, size, ph) : 0;

		if (rc)
			return rc;
	}
	*entry = eh->entry;
	return 0;
}
