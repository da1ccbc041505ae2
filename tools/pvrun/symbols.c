/* SPDX-License-Identifier: MIT */
/**
 * @file symbols.c
 * @brief The kernel's symbols and source lines, read with elfutils' libdwfl,
 *        to name backtrace addresses as "func+0xoff/0xsize file:line".
 *
 * The kernel is an ET_EXEC file loaded where it was linked, so it is
 * reported to libdwfl "offline": its addresses need no bias.
 */
#include "pvrun.h"

#include <elfutils/libdwfl.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct symbols {
	Dwfl *dwfl;
	Dwfl_Module *mod;
};

static const Dwfl_Callbacks offline_callbacks = {
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
};

/** @return whether @p path is an ELF64 x86-64 file; if not, says why. */
static bool kernel_usable(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool ok = false;
	GElf_Ehdr eh;
	Elf *elf;

	if (fd < 0) {
		fprintf(stderr, "pvrun: kernel '%s': %s\n", path, strerror(errno));
		return false;
	}
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (elf && elf_kind(elf) == ELF_K_ELF && gelf_getclass(elf) == ELFCLASS64 &&
	    gelf_getehdr(elf, &eh) && eh.e_machine == EM_X86_64)
		ok = true;
	else
		fprintf(stderr, "pvrun: kernel '%s' is not an ELF64 x86-64 file\n",
			path);
	elf_end(elf);
	close(fd);
	return ok;
}

struct symbols *symbols_open(const char *path)
{
	struct symbols *s;

	if (!kernel_usable(path))
		return NULL;
	s = xrealloc(NULL, sizeof(*s));
	s->dwfl = dwfl_begin(&offline_callbacks);
	s->mod = s->dwfl ? dwfl_report_offline(s->dwfl, "pvmmu", path, -1) : NULL;
	if (s->dwfl)
		dwfl_report_end(s->dwfl, NULL, NULL);
	if (!s->mod || dwfl_module_getsymtab(s->mod) <= 0)
		fprintf(stderr, "pvrun: warning: kernel '%s' has no usable symbol "
				"table (%s); backtraces stay numeric\n",
			path, dwfl_errmsg(-1));
	return s;
}

void symbols_close(struct symbols *s)
{
	if (!s)
		return;
	dwfl_end(s->dwfl);
	free(s);
}

/** @return whether symbol @p sym of section @p shndx in @p elf is code. */
static bool in_code(Elf *elf, GElf_Word shndx)
{
	GElf_Shdr shdr;
	Elf_Scn *scn = elf ? elf_getscn(elf, shndx) : NULL;

	return scn && gelf_getshdr(scn, &shdr) && (shdr.sh_flags & SHF_EXECINSTR);
}

/** " file:line" of @p addr, the file relative to where it was compiled. */
static void source_line(Dwfl_Module *mod, uint64_t addr, char *out, size_t n)
{
	Dwfl_Line *line = dwfl_module_getsrc(mod, addr);
	const char *file = line ? dwfl_lineinfo(line, NULL, NULL, NULL, NULL, NULL)
				: NULL;
	const char *dir = line ? dwfl_line_comp_dir(line) : NULL;
	size_t dlen = dir ? strlen(dir) : 0;
	int lineno = 0;

	out[0] = '\0';
	if (!file || !dwfl_lineinfo(line, NULL, &lineno, NULL, NULL, NULL) ||
	    lineno <= 0)
		return;
	if (dlen && strncmp(file, dir, dlen) == 0 && file[dlen] == '/')
		file += dlen + 1;
	snprintf(out, n, " %s:%d", file, lineno);
}

/** Looks @p key up: @return the code symbol holding it, or NULL. */
static const char *code_symbol(const struct symbols *s, uint64_t key,
			       GElf_Off *off, GElf_Sym *sym)
{
	GElf_Word shndx;
	Elf *elf = NULL;
	const char *name = s && s->mod ? dwfl_module_addrinfo(s->mod, key, off,
							      sym, &shndx, &elf,
							      NULL)
				       : NULL;

	return name && in_code(elf, shndx) ? name : NULL;
}

/**
 * Describes @p addr as " name+0xoff/0xsize file:line" (no "/0xsize" for a
 * sizeless label). A return address is looked up one byte back, in its call
 * instruction: after a call that never returns it may already be the next
 * function's first byte. The first frame of the kernel's backtrace is
 * either: a faulting %rip (panic_at) or panic()'s return address, which
 * after its noreturn call lies past the caller's last byte, so it is taken
 * as a return address only when no function holds it.
 * @return false (and @p out empty) if no function of the kernel holds it.
 */
bool symbols_describe(const struct symbols *s, uint64_t addr,
		      enum addr_use use, char *out, size_t n)
{
	uint64_t key = use == ADDR_RETURN ? addr - 1 : addr;
	GElf_Off off;
	GElf_Sym sym;
	const char *name = code_symbol(s, key, &off, &sym);
	char where[DETAIL_MAX / 2], size[24] = "";

	if (use == ADDR_TRACE_START && !name)
		name = code_symbol(s, key = addr - 1, &off, &sym);
	out[0] = '\0';
	if (!name)
		return false;
	source_line(s->mod, key, where, sizeof(where));
	if (sym.st_size)
		snprintf(size, sizeof(size), "/0x%llx",
			 (unsigned long long)sym.st_size);
	snprintf(out, n, " %s+0x%llx%s%s", name,
		 (unsigned long long)(addr - sym.st_value), size, where);
	return true;
}
