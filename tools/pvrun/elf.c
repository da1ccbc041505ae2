/* SPDX-License-Identifier: MIT */
/**
 * @file elf.c
 * @brief Sanity checks of the Xen and kernel images, and the kernel symbol
 *        table used to symbolise backtrace addresses.
 *
 * The checks exist so that a wrong path or a stale build fails in a second
 * with a precise message instead of as a confusing QEMU or Xen error.
 */
#include "pvrun.h"

#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/** QEMU's multiboot loader only looks this far into the image. */
#define MULTIBOOT_SEARCH 8192
#define MULTIBOOT_MAGIC 0x1BADB002u
/** Refuse absurd inputs instead of trying to read them into memory. */
#define KERNEL_MAX_BYTES (512u << 20)

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

static char *read_whole(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			char *p;

			if (cap >= KERNEL_MAX_BYTES) {
				errno = EFBIG;
				break;
			}
			cap = cap ? cap * 2 : 1 << 20;
			p = realloc(buf, cap);
			if (!p)
				break;
			buf = p;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (!ferror(f)) {
				fclose(f);
				*len = n;
				return buf;
			}
			break;
		}
	}
	int saved = errno;
	fclose(f);
	free(buf);
	errno = saved;
	return NULL;
}

static bool is_elf64_x86_64(const char *buf, size_t len)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)buf;

	return len >= sizeof(*eh) && memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0 &&
	       eh->e_ident[EI_CLASS] == ELFCLASS64 &&
	       eh->e_ident[EI_DATA] == ELFDATA2LSB &&
	       eh->e_machine == EM_X86_64;
}

static bool in_file(uint64_t off, uint64_t size, size_t len)
{
	return off <= len && size <= len - off;
}

/** Section view of an ELF64 file, all offsets already bounds-checked. */
struct elf_view {
	const char *buf;
	const Elf64_Shdr *sh;
	size_t shnum;
};

static bool elf_sections(const char *buf, size_t len, struct elf_view *v)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)buf;

	v->buf = buf;
	v->shnum = eh->e_shnum;
	if (eh->e_shoff == 0 || v->shnum == 0 ||
	    eh->e_shentsize != sizeof(Elf64_Shdr) ||
	    !in_file(eh->e_shoff, v->shnum * sizeof(Elf64_Shdr), len) ||
	    eh->e_shoff % _Alignof(Elf64_Shdr) != 0)
		return false;
	v->sh = (const Elf64_Shdr *)(buf + eh->e_shoff);
	for (size_t i = 0; i < v->shnum; i++)
		if (v->sh[i].sh_type != SHT_NOBITS &&
		    !in_file(v->sh[i].sh_offset, v->sh[i].sh_size, len))
			return false;
	return true;
}

/**
 * Orders symbols at one address the way Linux's kallsyms does: sized before
 * unsized, functions, globals, fewer leading underscores, then the first
 * in the table. The preferred one gets the highest rank.
 */
static uint64_t sym_rank(const Elf64_Sym *s, const char *name, size_t index)
{
	uint64_t underscores = strspn(name, "_");

	if (underscores > 255)
		underscores = 255;
	return (uint64_t)(s->st_size != 0) << 42 |
	       (uint64_t)(ELF64_ST_TYPE(s->st_info) == STT_FUNC) << 41 |
	       (uint64_t)(ELF64_ST_BIND(s->st_info) == STB_GLOBAL) << 40 |
	       (255 - underscores) << 32 | (UINT32_MAX - (index & UINT32_MAX));
}

static bool sym_wanted(const struct elf_view *v, const Elf64_Sym *s)
{
	unsigned type = ELF64_ST_TYPE(s->st_info);

	if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE)
		return false;
	if (s->st_shndx == SHN_UNDEF || s->st_shndx >= v->shnum ||
	    s->st_name == 0)
		return false;
	return (v->sh[s->st_shndx].sh_flags & SHF_ALLOC) != 0;
}

static int sym_cmp(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/**
 * Like kallsyms, a symbol reaches up to the next one, so that a return
 * address just past a noreturn call still names its function; never
 * beyond its section (@c end on entry) nor short of its own size.
 */
static void set_extents(struct symtab *st)
{
	size_t next = 0;

	for (size_t i = 0; i < st->n; i++) {
		struct sym *s = &st->v[i];
		uint64_t limit = s->end;

		if (next <= i)
			next = i + 1;
		while (next < st->n && st->v[next].addr <= s->addr)
			next++;
		if (next < st->n && st->v[next].addr < limit)
			limit = st->v[next].addr;
		s->end = s->addr + s->size > limit ? s->addr + s->size : limit;
	}
}

static bool collect_symbols(const struct elf_view *v, const Elf64_Shdr *symsh,
			    struct symtab *st)
{
	const Elf64_Shdr *strsh = &v->sh[symsh->sh_link];
	const Elf64_Sym *syms = (const Elf64_Sym *)(v->buf + symsh->sh_offset);
	const char *strs = v->buf + strsh->sh_offset;
	size_t nsyms = symsh->sh_size / sizeof(Elf64_Sym);

	st->names = malloc(strsh->sh_size + 1);
	st->v = calloc(nsyms ? nsyms : 1, sizeof(*st->v));
	if (!st->names || !st->v)
		return false;
	memcpy(st->names, strs, strsh->sh_size);
	st->names[strsh->sh_size] = '\0';
	for (size_t i = 0; i < nsyms; i++) {
		const Elf64_Sym *s = &syms[i];
		const Elf64_Shdr *sec;

		if (!sym_wanted(v, s) || s->st_name >= strsh->sh_size)
			continue;
		sec = &v->sh[s->st_shndx];
		st->v[st->n++] = (struct sym){
			.addr = s->st_value,
			.end = sec->sh_addr + sec->sh_size,
			.size = s->st_size,
			.rank = sym_rank(s, st->names + s->st_name, i),
			.name = st->names + s->st_name,
		};
	}
	qsort(st->v, st->n, sizeof(*st->v), sym_cmp);
	set_extents(st);
	return true;
}

static const Elf64_Shdr *find_symtab(const struct elf_view *v)
{
	for (size_t i = 0; i < v->shnum; i++) {
		const Elf64_Shdr *s = &v->sh[i];

		if (s->sh_type == SHT_SYMTAB && s->sh_link < v->shnum &&
		    v->sh[s->sh_link].sh_type == SHT_STRTAB &&
		    s->sh_entsize == sizeof(Elf64_Sym) &&
		    s->sh_offset % _Alignof(Elf64_Sym) == 0)
			return s;
	}
	return NULL;
}

/**
 * Checks that @p path is an ELF64 x86-64 file and loads its symbols.
 * A kernel without a usable .symtab is accepted with a warning: it still
 * boots, only backtraces stay numeric.
 * @return false (after printing why) if the file is missing or not ELF64.
 */
bool elf_load_kernel(const char *path, struct symtab *st)
{
	struct elf_view v;
	const Elf64_Shdr *symsh;
	size_t len = 0;
	char *buf = read_whole(path, &len);
	bool ok = true;

	*st = (struct symtab){ 0 };
	if (!buf) {
		fprintf(stderr, "pvrun: kernel '%s': %s\n", path,
			strerror(errno));
		return false;
	}
	if (!is_elf64_x86_64(buf, len)) {
		fprintf(stderr, "pvrun: kernel '%s' is not an ELF64 x86-64 file\n",
			path);
		free(buf);
		return false;
	}
	symsh = elf_sections(buf, len, &v) ? find_symtab(&v) : NULL;
	if (!symsh)
		fprintf(stderr, "pvrun: warning: kernel '%s' has no usable "
				"symbol table; backtraces stay numeric\n", path);
	else if (!collect_symbols(&v, symsh, st))
		ok = false;
	free(buf);
	if (!ok) {
		fprintf(stderr, "pvrun: out of memory reading '%s'\n", path);
		symtab_free(st);
	}
	return ok;
}

/** @return the symbol whose extent holds @p addr, or NULL. */
const struct sym *symtab_lookup(const struct symtab *st, uint64_t addr)
{
	size_t lo = 0, hi = st->n;

	/* Find the last symbol starting at or below addr. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (st->v[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || addr >= st->v[lo - 1].end)
		return NULL;
	return &st->v[lo - 1];
}

void symtab_free(struct symtab *st)
{
	free(st->v);
	free(st->names);
	*st = (struct symtab){ 0 };
}
