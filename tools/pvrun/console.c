/* SPDX-License-Identifier: MIT */
/**
 * @file console.c
 * @brief Serial console analysis: names backtrace addresses, copies
 *        lines to stdout and the log, recognises the run's outcome and
 *        counts the in-guest test results.
 *
 * An outcome is believed only from a line the kernel or Xen wrote, at its
 * start (after the timestamp): see lines.c for how a line's author is told.
 */
#include "pvrun.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define ADDR_DIGITS 16

/* Xen panic banner handling, see note_xen_panic(). */
enum { XP_NONE, XP_WANT_MSG, XP_WANT_CLOSE, XP_DONE };

void console_init(struct console *c, FILE *log, bool quiet_xen,
		  const struct symbols *syms)
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
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
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

/**
 * @return @p line with every known "[<address>]" followed by its function
 * and source line, the addresses being of kind @p use.
 */
static char *symbolise(const struct symbols *st, const char *line,
		       enum addr_use use)
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
		symbols_describe(st, addr, use, desc, sizeof(desc));
		sb_add(&b, desc, strlen(desc));
		p = after;
	}
	sb_add(&b, p, strlen(p));
	return b.s;
}

/**
 * The kernel's backtrace is one "  [<address>]" line per frame, %rip first:
 * every entry after the first is a return address.
 */
static enum addr_use address_use(struct console *c, enum line_from from,
				 const char *text)
{
	uint64_t addr;
	bool entry = from == FROM_KERNEL && text[0] == ' ' && text[1] == ' ' &&
		     parse_addr(text + 2, &addr) && !text[2 + ADDR_DIGITS + 4];

	if (!entry) {
		c->trace_entries = 0;
		return ADDR_EXACT;
	}
	return c->trace_entries++ ? ADDR_RETURN : ADDR_TRACE_START;
}

/**
 * Adds the function of @p desc (" name+0xoff/0xsize file:line", from
 * symbols_describe) to the call chain.  A label without a size (the
 * hypercall page, _text) is no caller, and a function repeated next to
 * itself (a stale copy of the faulting %rip, say) is one frame.
 */
static void chain_add(struct console *c, const char *desc)
{
	const char *name = desc + strspn(desc, " "), *plus = strchr(name, '+');
	const char *where = plus ? strchr(plus, ' ') : NULL;
	size_t len = plus ? (size_t)(plus - name) : 0, used = strlen(c->chain);

	if (!plus || !strstr(plus, "/0x") || len >= sizeof(c->chain_last) ||
	    (strlen(c->chain_last) == len && !strncmp(c->chain_last, name, len)))
		return;
	memcpy(c->chain_last, name, len);
	c->chain_last[len] = '\0';
	snprintf(c->chain + used, sizeof(c->chain) - used, "%s%s%s%s%s",
		 used ? " \u2190 " : "", c->chain_last, where ? " (" : "",
		 where ? where + 1 : "", where ? ")" : "");
}

/**
 * Xen's "Guest stack trace" is the raw stack, four words a line: every word
 * that points into the kernel's code (most are return addresses, some are
 * stale) gets a line of its own with function and source line.
 */
static void note_guest_stack(struct console *c, const char *text)
{
	const char *p = text + strspn(text, " ");
	char desc[DETAIL_MAX];

	if (strncmp(text, "Guest stack trace from", 22) == 0) {
		c->in_guest_stack = true;
		return;
	}
	if (!c->in_guest_stack || !isxdigit((unsigned char)*p)) {
		c->in_guest_stack = false;
		return;
	}
	while (*p) {
		char *end;
		uint64_t word = strtoull(p, &end, 16);

		if (end - p != ADDR_DIGITS || (*end && *end != ' ')) {
			c->in_guest_stack = false;
			return;
		}
		if (symbols_describe(c->syms, word, ADDR_RETURN, desc, sizeof(desc))) {
			console_say(c, "pvrun: guest stack: [<%016llx>]%s",
				    (unsigned long long)word, desc);
			chain_add(c, desc);
		}
		p = end + strspn(end, " ");
	}
}

/* ---- tests ---- */

static struct test_rec *test_find(struct console *c, const char *name)
{
	for (size_t i = 0; i < c->ntests; i++)
		if (strcmp(c->tests[i].name, name) == 0)
			return &c->tests[i];
	c->tests = xrealloc(c->tests, (c->ntests + 1) * sizeof(*c->tests));
	c->tests[c->ntests] = (struct test_rec){ .name = xstrdup(name) };
	return &c->tests[c->ntests++];
}

static void test_set(struct test_rec *t, enum test_result r, const char *why)
{
	if (r == TEST_RUN) {
		t->running = true;
		return;
	}
	t->running = false;
	if (r > t->result) {
		t->result = r;
		copy_str(t->why, why);
	}
}

/** Kernel and user lines can report tests; Xen's cannot. */
static void note_test(struct console *c, const char *text)
{
	char name[DETAIL_MAX];
	const char *why;
	enum test_result r = line_parse_test(text, name, sizeof(name), &why);

	if (r != TEST_NONE)
		test_set(test_find(c, name), r, why);
}

/**
 * Fails every test that started but never reported, e.g. because the
 * domain crashed inside it, and prints the summary if tests were seen.
 */
void console_finish_tests(struct console *c, const char *why)
{
	char detail[DETAIL_MAX];

	snprintf(detail, sizeof(detail), "did not finish (%s)", why);
	for (size_t i = 0; i < c->ntests; i++) {
		struct test_rec *t = &c->tests[i];

		if (t->running) {
			console_say(c, "pvrun: test: %s: FAIL: %s", t->name, detail);
			test_set(t, TEST_FAIL, detail);
		}
		c->passed += t->result == TEST_PASS;
		c->failed += t->result == TEST_FAIL;
		c->errors += t->result == TEST_ERROR;
		c->skipped += t->result == TEST_SKIP;
	}
	if (c->ntests)
		console_say(c, "pvrun: tests: %u passed, %u failed, %u errors, "
			       "%u skipped", c->passed, c->failed, c->errors,
			    c->skipped);
}

/**
 * Writes one line per test, "RESULT NAME reason", in the order the tests
 * first appeared; the boot tests read this instead of parsing the console.
 * @return false (after saying why) if the file cannot be written.
 */
bool console_write_results(const struct console *c, const char *path)
{
	FILE *f = fopen(path, "w");
	bool ok;

	if (!f) {
		fprintf(stderr, "pvrun: cannot create results '%s': %s\n", path,
			strerror(errno));
		return false;
	}
	for (size_t i = 0; i < c->ntests; i++) {
		const struct test_rec *t = &c->tests[i];

		fprintf(f, "%s %s%s%s\n", test_result_word(t->result), t->name,
			*t->why ? " " : "", t->why);
	}
	ok = !ferror(f);
	if (fclose(f) != 0 || !ok) {
		fprintf(stderr, "pvrun: cannot write results '%s'\n", path);
		return false;
	}
	return true;
}

/* ---- outcome recognition ---- */

static void set_final(struct console *c, enum outcome_kind kind,
		      const char *detail)
{
	c->kind = kind;
	c->final = true;
	copy_str(c->detail, detail);
}

/** Remembers what Xen said (@p t) about a guest fault, for the outcome. */
static void note_crash_facts(struct console *c, const char *t)
{
	const char *rip;
	uint64_t addr;

	if (strstr(t, "Pagetable walk from ffffea"))
		c->vmemmap_walk = true;
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

		if (symbols_describe(c->syms, addr, ADDR_EXACT, desc, sizeof(desc)))
			chain_add(c, desc);
		snprintf(c->crash_rip, DETAIL_MAX, "RIP %016llx%s",
			 (unsigned long long)addr, desc);
	}
}

static void domain_crash(struct console *c)
{
	char detail[3 * DETAIL_MAX];
	const char *sep = c->crash_fact[0] && c->crash_rip[0] ? ", " : "";

	/* The seed's story: the full write_cr3 read struct page in a vmemmap not yet mapped. */
	bool seed = c->vmemmap_walk && !strncmp(c->chain, "xen_get_user_pgd ", 17);

	if (c->chain[0])
		console_say(c, "pvrun: call chain: %s", c->chain);
	snprintf(detail, sizeof(detail), "%s%s%s%s", c->crash_fact, sep, c->crash_rip,
		 seed ? "; the 2013 early write_cr3 crash that the seed commit fixes "
			"(docs/seed.md)" : "");
	set_final(c, OUT_CRASH, detail);
}

/** Handles Xen's "Hardware Dom0 ..." verdict (@p t) on the shutdown. */
static void note_dom0_end(struct console *c, const char *t)
{
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
static enum console_event note_xen_panic(struct console *c, const char *t)
{
	if (strncmp(t, "Panic on CPU", 12) == 0 && c->xen_panic_state == XP_NONE) {
		c->xen_panic_state = XP_WANT_MSG;
		set_final(c, OUT_XEN_PANIC, "");
		return EV_XEN_PANIC;
	}
	if (c->xen_panic_state == XP_NONE || c->xen_panic_state == XP_DONE)
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

static void note_kernel_panic(struct console *c, const char *text)
{
	const char *p = "Kernel panic - not syncing";

	if (c->panic_seen || strncmp(text, p, strlen(p)) != 0)
		return;
	p = text + strlen(p);
	c->panic_seen = true;
	copy_str(c->panic_msg, p + strspn(p, ": "));
}

static enum console_event analyse(struct console *c, enum line_from from,
				  const char *text)
{
	enum console_event ev = from == FROM_XEN ? note_xen_panic(c, text)
						 : EV_NONE;
	const char *v;

	if (ev != EV_NONE || c->xen_panic_state != XP_NONE)
		return ev;
	if (from == FROM_KERNEL || from == FROM_USER)
		note_test(c, text);
	if (from == FROM_KERNEL)
		note_kernel_panic(c, text);
	if (from != FROM_XEN)
		return EV_NONE;
	/* After Xen's timestamp: "[...] Xen version 4.17.7 (Debian ...) ..." */
	if (!c->xen_version[0] && (v = strstr(text, "] Xen version ")) != NULL)
		sscanf(v + 14, "%31s", c->xen_version);
	note_crash_facts(c, text);
	note_guest_stack(c, text);
	if (!c->final && strncmp(text, "Hardware Dom0 ", 14) == 0) {
		note_dom0_end(c, text);
		return EV_FINAL;
	}
	return EV_NONE;
}

static enum console_event show_and_analyse(struct console *c, char *line,
					   bool at_start)
{
	const char *text = line;
	enum line_from from = at_start ? line_classify(line, &text) : FROM_OTHER;
	char *shown = symbolise(c->syms, line, address_use(c, from, text));

	emit(c, shown);
	free(shown);
	copy_str(c->last_line, line);
	return analyse(c, from, text);
}

/**
 * Handles one console line or, if not @p ended, a piece of one (already
 * stripped of CR): shows and logs it, then updates outcome and test state.
 * Only the first piece of a line is at its start; the rest is shown, not
 * believed.
 * @return what the main loop should do about the run's end.
 */
enum console_event console_line(struct console *c, char *line, bool ended)
{
	bool at_start = !c->in_line;
	const char *text;
	char *xen = NULL;
	enum console_event ev, ev2 = EV_NONE;

	if (at_start)
		c->in_user_line = line_classify(line, &text) == FROM_USER;
	/* Xen does not wait for the kernel's unterminated line to end. */
	if (!c->in_user_line)
		xen = (char *)line_xen_split(line);
	if (xen)
		*xen = '\0';
	ev = show_and_analyse(c, line, at_start);
	if (xen) {
		*xen = '(';
		ev2 = show_and_analyse(c, xen, true);
	}
	c->in_line = !ended;
	return ev2 != EV_NONE ? ev2 : ev;
}

void console_free(struct console *c)
{
	for (size_t i = 0; i < c->ntests; i++)
		free(c->tests[i].name);
	free(c->tests);
	c->tests = NULL;
	c->ntests = 0;
}
