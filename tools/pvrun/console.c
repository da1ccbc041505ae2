/* SPDX-License-Identifier: MIT */
/**
 * @file console.c
 * @brief Serial console analysis: symbolises backtrace addresses, copies
 *        lines to stdout and the log, recognises the run's outcome and
 *        counts the in-guest test results.
 *
 * Everything is matched anywhere in a line because Xen and the kernel put
 * timestamps and prefixes in front of their messages.
 */
#include "pvrun.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define ADDR_DIGITS 16

/* Xen panic banner handling, see note_xen_panic(). */
enum { XP_NONE, XP_WANT_MSG, XP_WANT_CLOSE, XP_DONE };

void console_init(struct console *c, FILE *log, bool quiet_xen,
		  const struct symtab *syms)
{
	*c = (struct console){ .log = log, .quiet_xen = quiet_xen, .syms = syms };
}

/** Copies into a DETAIL_MAX buffer; details may be cut, never overflow. */
static void copy_str(char *dst, const char *src)
{
	size_t n = strnlen(src, DETAIL_MAX - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

static bool is_xen_line(const char *line)
{
	return strncmp(line, "(XEN)", 5) == 0;
}

/** @return the message of a Xen line, without "(XEN) " and "[timestamp] ". */
static const char *xen_text(const char *line)
{
	const char *p = line + 5, *close;

	while (*p == ' ')
		p++;
	if (*p == '[' && (close = strchr(p, ']')) != NULL)
		for (p = close + 1; *p == ' ';)
			p++;
	return p;
}

/* ---- output ---- */

static void put_line(FILE *f, const char *line)
{
	fputs(line, f);
	fputc('\n', f);
	fflush(f);
}

/** Writes a line to the log, and to stdout unless it is hidden by -q. */
static void emit(struct console *c, const char *line)
{
	if (!(c->quiet_xen && is_xen_line(line)))
		put_line(stdout, line);
	if (c->log)
		put_line(c->log, line);
}

/** Copies a QEMU stderr line through unanalysed. */
void console_passthrough(struct console *c, const char *line)
{
	emit(c, line);
}

/** Prints one of pvrun's own lines on stdout and into the log. */
void console_say(struct console *c, const char *fmt, ...)
{
	char line[2 * DETAIL_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	put_line(stdout, line);
	if (c->log)
		put_line(c->log, line);
}

/* ---- symbolisation ---- */

/** Growable string for building the symbolised line. */
struct sbuf {
	char *s;
	size_t len, cap;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *p = realloc(b->s, cap);

		if (!p) {
			fputs("pvrun: out of memory\n", stderr);
			abort();
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/** Parses "[<" 16 hex digits ">]" at @p p. */
static bool parse_addr(const char *p, uint64_t *addr)
{
	char digits[ADDR_DIGITS + 1];

	if (p[0] != '[' || p[1] != '<')
		return false;
	for (int i = 0; i < ADDR_DIGITS; i++) {
		if (!isxdigit((unsigned char)p[2 + i]))
			return false;
		digits[i] = p[2 + i];
	}
	digits[ADDR_DIGITS] = '\0';
	if (p[2 + ADDR_DIGITS] != '>' || p[3 + ADDR_DIGITS] != ']')
		return false;
	*addr = strtoull(digits, NULL, 16);
	return true;
}

/** Formats " name+0xoff/0xsize" for @p addr, or "" if it is unknown. */
static void describe_addr(const struct symtab *st, uint64_t addr, char *out,
			  size_t n)
{
	const struct sym *s = st ? symtab_lookup(st, addr) : NULL;

	if (!s) {
		out[0] = '\0';
		return;
	}
	snprintf(out, n, " %s+0x%llx/0x%llx", s->name,
		 (unsigned long long)(addr - s->addr),
		 (unsigned long long)(s->end - s->addr));
}

/** @return @p line with every known "[<address>]" followed by its symbol. */
static char *symbolise(const struct symtab *st, const char *line)
{
	struct sbuf b = { 0 };
	const char *p = line, *hit;
	uint64_t addr;
	char desc[DETAIL_MAX];

	while ((hit = strstr(p, "[<")) != NULL) {
		if (!parse_addr(hit, &addr)) {
			sb_add(&b, p, (size_t)(hit + 2 - p));
			p = hit + 2;
			continue;
		}
		const char *after = hit + ADDR_DIGITS + 4;

		sb_add(&b, p, (size_t)(after - p));
		describe_addr(st, addr, desc, sizeof(desc));
		sb_add(&b, desc, strlen(desc));
		p = after;
	}
	sb_add(&b, p, strlen(p));
	return b.s;
}

/* ---- in-guest tests ---- */

static bool is_name_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '.' || ch == '-';
}

static void running_add(struct console *c, const char *name)
{
	char **p;

	for (size_t i = 0; i < c->nrunning; i++)
		if (strcmp(c->running[i], name) == 0)
			return;
	p = realloc(c->running, (c->nrunning + 1) * sizeof(*p));
	if (!p || !(p[c->nrunning] = strdup(name))) {
		fputs("pvrun: out of memory\n", stderr);
		abort();
	}
	c->running = p;
	c->nrunning++;
}

static void running_remove(struct console *c, const char *name)
{
	for (size_t i = 0; i < c->nrunning; i++) {
		if (strcmp(c->running[i], name) == 0) {
			free(c->running[i]);
			c->running[i] = c->running[--c->nrunning];
			return;
		}
	}
}

static bool word_at(const char *p, const char *word, const char *follow)
{
	size_t n = strlen(word);

	return strncmp(p, word, n) == 0 && strchr(follow, p[n]) != NULL;
}

/**
 * Parses "test: NAME: RESULT" starting at @p p.
 * @return the result keyword's first letter (R, P, F, S) or 0.
 */
static char parse_test(const char *p, char *name, size_t n)
{
	const char *start = p + strlen("test: "), *q = start;

	while (is_name_char(*q))
		q++;
	if (q == start || (size_t)(q - start) >= n || q[0] != ':' || q[1] != ' ')
		return 0;
	memcpy(name, start, (size_t)(q - start));
	name[q - start] = '\0';
	q += 2;
	if (word_at(q, "RUN", " \t") || word_at(q, "PASS", " \t"))
		return q[0];
	if (word_at(q, "FAIL", ":") || word_at(q, "SKIP", ":"))
		return q[0];
	return 0;
}

static void note_test(struct console *c, const char *line)
{
	char name[DETAIL_MAX];
	char res = 0;

	for (const char *p = line; !res && (p = strstr(p, "test: ")) != NULL;
	     p++) {
		/* "selftest: x: PASS" is somebody else's message. */
		if (p == line || !(isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			res = parse_test(p, name, sizeof(name));
	}
	if (!res)
		return;
	c->any_test = true;
	if (res == 'R') {
		running_add(c, name);
		return;
	}
	running_remove(c, name);
	if (res == 'P')
		c->passed++;
	else if (res == 'F')
		c->failed++;
	else
		c->skipped++;
}

/**
 * Fails every test that started but never reported, e.g. because the
 * domain crashed inside it, and prints the summary if tests were seen.
 */
void console_finish_tests(struct console *c, const char *why)
{
	for (size_t i = 0; i < c->nrunning; i++) {
		console_say(c, "pvrun: test: %s: FAIL: did not finish (%s)",
			    c->running[i], why);
		c->failed++;
		free(c->running[i]);
	}
	c->nrunning = 0;
	if (c->any_test)
		console_say(c, "pvrun: tests: %u passed, %u failed, %u skipped",
			    c->passed, c->failed, c->skipped);
}

/* ---- outcome recognition ---- */

static void set_final(struct console *c, enum outcome_kind kind,
		      const char *detail)
{
	c->kind = kind;
	c->final = true;
	copy_str(c->detail, detail);
}

/** Remembers what Xen said about a guest fault, for the crash outcome. */
static void note_crash_facts(struct console *c, const char *line)
{
	const char *t = xen_text(line), *rip;
	uint64_t addr;

	if (!c->crash_fact[0] && (strstr(t, "Unhandled:") ||
				  strstr(t, "Pagetable walk from"))) {
		size_t n;

		copy_str(c->crash_fact, t);
		n = strlen(c->crash_fact);
		if (n && c->crash_fact[n - 1] == ':')
			c->crash_fact[n - 1] = '\0';
	}
	if (strstr(t, "crashed on cpu#"))
		c->in_crash_dump = true;
	rip = strstr(t, "RIP:");
	if (c->in_crash_dump && !c->crash_rip[0] && rip &&
	    (rip = strstr(rip, "[<")) != NULL && parse_addr(rip, &addr)) {
		char desc[DETAIL_MAX / 2];

		describe_addr(c->syms, addr, desc, sizeof(desc));
		snprintf(c->crash_rip, DETAIL_MAX, "RIP %016llx%s",
			 (unsigned long long)addr, desc);
	}
}

static void domain_crash(struct console *c)
{
	char detail[3 * DETAIL_MAX];
	const char *sep = c->crash_fact[0] && c->crash_rip[0] ? ", " : "";

	snprintf(detail, sizeof(detail), "%s%s%s", c->crash_fact, sep,
		 c->crash_rip);
	set_final(c, OUT_CRASH, detail);
}

/** Handles Xen's "Hardware Dom0 ..." verdict on the kernel's shutdown. */
static void note_dom0_end(struct console *c, const char *line)
{
	const char *t = strstr(line, "Hardware Dom0 ");

	if (c->panic_seen)
		set_final(c, OUT_PANIC, c->panic_msg);
	else if (strstr(t, "Hardware Dom0 halted"))
		set_final(c, OUT_SHUTDOWN, "poweroff");
	else if (strstr(t, "Hardware Dom0 shutdown: rebooting machine"))
		set_final(c, OUT_SHUTDOWN, "reboot");
	else if (strstr(t, "Hardware Dom0 crashed"))
		domain_crash(c);
	else
		set_final(c, OUT_CRASH, t); /* watchdog or unknown reason */
}

/**
 * Follows Xen's panic banner: "Panic on CPU n:", the message, then a line
 * of asterisks. The message is the first line after the header that is
 * not asterisks.
 */
static enum console_event note_xen_panic(struct console *c, const char *line)
{
	const char *t = is_xen_line(line) ? xen_text(line) : NULL;

	if (strstr(line, "Panic on CPU") && c->xen_panic_state == XP_NONE) {
		c->xen_panic_state = XP_WANT_MSG;
		set_final(c, OUT_XEN_PANIC, "");
		return EV_XEN_PANIC;
	}
	if (!t || c->xen_panic_state == XP_NONE || c->xen_panic_state == XP_DONE)
		return EV_NONE;
	if (c->xen_panic_state == XP_WANT_MSG && *t && strncmp(t, "****", 4)) {
		copy_str(c->detail, t);
		c->xen_panic_state = XP_WANT_CLOSE;
	} else if (c->xen_panic_state == XP_WANT_CLOSE &&
		   strncmp(t, "****", 4) == 0) {
		c->xen_panic_state = XP_DONE;
		return EV_XEN_PANIC_DONE;
	}
	return EV_NONE;
}

static enum console_event analyse(struct console *c, const char *line)
{
	const char *p;
	enum console_event ev = note_xen_panic(c, line);

	if (ev != EV_NONE || c->xen_panic_state != XP_NONE)
		return ev;
	note_test(c, line);
	if (!c->panic_seen && (p = strstr(line, "Kernel panic - not syncing")))
	{
		p += strlen("Kernel panic - not syncing");
		p += strspn(p, ": ");
		c->panic_seen = true;
		copy_str(c->panic_msg, p);
	}
	if (is_xen_line(line))
		note_crash_facts(c, line);
	if (!c->final && strstr(line, "Hardware Dom0 ")) {
		note_dom0_end(c, line);
		return EV_FINAL;
	}
	return EV_NONE;
}

/**
 * Handles one console line (already stripped of CR): shows and logs it,
 * then updates outcome and test state.
 * @return what the main loop should do about the run's end.
 */
enum console_event console_line(struct console *c, char *line)
{
	char *shown = symbolise(c->syms, line);

	emit(c, shown);
	free(shown);
	copy_str(c->last_line, line);
	return analyse(c, line);
}

void console_free(struct console *c)
{
	for (size_t i = 0; i < c->nrunning; i++)
		free(c->running[i]);
	free(c->running);
	c->running = NULL;
	c->nrunning = 0;
}
