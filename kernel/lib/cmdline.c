/* SPDX-License-Identifier: MIT */
/**
 * @file cmdline.c
 * @brief Table-driven kernel command-line parser.
 *
 * The command line comes from whoever built the domain, so it is treated
 * as untrusted text: every token is bounded, every value is parsed into a
 * temporary and only stored once it is known to be good, and anything
 * quoted back in a warning is escaped and cut short so that a stray
 * control byte cannot garble the console.
 *
 * Builds both freestanding in the kernel and hosted (for the unit tests),
 * so it uses nothing from <string.h> beyond what kernel/lib/string.c has,
 * and no allocation: all buffers are small and on the stack.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "cmdline.h"
#include "printk.h"
#include "vsprintf.h"

/*
 * Not from <limits.h>: GCC's copy of it insists on including the C
 * library's under -nostdinc.
 */
#define ULONG_MAX_ (~0UL)

#define warn(fmt, ...) printk("cmdline: warning: " fmt, ##__VA_ARGS__)

/* At most this many bytes of a bad key or value are quoted in a warning. */
#define SHOW_MAX 48
/* Room for SHOW_MAX bytes escaped as \xNN, "..." and the NUL. */
#define SHOW_SIZE (SHOW_MAX * 4 + 4)
/* Room for a shown value in quotes. */
#define VALUE_SIZE (SHOW_SIZE + 2)
/* Room for the "expected ..." part of a warning. */
#define EXPECT_SIZE 128

/** What became of a value. */
enum verdict {
	V_OK,       /**< Parsed and stored. */
	V_BAD,      /**< Not a valid value for the type. */
	V_RANGE,    /**< A number too large for unsigned long. */
	V_LONG,     /**< A string too long for its buffer. */
};

static bool is_blank(char c)
{
	/* CR and LF too: a command line read from a file may end in one. */
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_printable(char c)
{
	return c >= 0x20 && c < 0x7f;
}

static char to_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/*
 * Make n bytes of s safe to print inside '...': non-printable bytes become
 * \xNN, backslash and quote are escaped, and text past SHOW_MAX bytes is
 * replaced by "...".  dst must have room for SHOW_SIZE bytes.
 */
static const char *show(char *dst, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, j = 0;

	for (i = 0; i < n && i < SHOW_MAX; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\\' || c == '\'') {
			dst[j++] = '\\';
			dst[j++] = (char)c;
		} else if (is_printable((char)c)) {
			dst[j++] = (char)c;
		} else {
			dst[j++] = '\\';
			dst[j++] = 'x';
			dst[j++] = hex[c >> 4];
			dst[j++] = hex[c & 0xf];
		}
	}
	if (i < n) {
		memcpy(dst + j, "...", 3);
		j += 3;
	}
	dst[j] = '\0';
	return dst;
}

/*
 * Why a table entry cannot be used, or NULL if it is fine.  A missing or
 * malformed default is not in this list: such an entry still works, it
 * just starts from zero.
 */
static const char *entry_problem(const struct kparam *p)
{
	const char *c;

	if (!p->name || !*p->name)
		return "it has no name";
	for (c = p->name; *c; c++)
		if (!is_printable(*c) || *c == ' ' || *c == '=')
			return "its name cannot be written on a command line";
	if (!p->var)
		return "it has no variable";
	switch (p->type) {
	case KP_BOOL:
	case KP_UINT:
	case KP_SIZE:
		return NULL;
	case KP_STR:
		return p->size ? NULL : "its string buffer has size 0";
	case KP_ENUM:
		return p->choices && p->choices[0] ? NULL : "it has no choices";
	}
	return "its type is unknown";
}

static const char *type_name(enum kparam_type t)
{
	switch (t) {
	case KP_BOOL: return "bool";
	case KP_UINT: return "uint";
	case KP_SIZE: return "size";
	case KP_STR:  return "string";
	case KP_ENUM: return "enum";
	}
	return "?";
}

/* Describe what a value for p looks like, for "expected ..." in warnings. */
static const char *expected(char *dst, size_t n, const struct kparam *p)
{
	size_t len;
	unsigned int i;

	switch (p->type) {
	case KP_BOOL:
		snprintf(dst, n, "a boolean: 1/0, y/n, yes/no, on/off, true/false");
		break;
	case KP_UINT:
		snprintf(dst, n, "an unsigned number such as 42 or 0x2a");
		break;
	case KP_SIZE:
		snprintf(dst, n, "a size such as 64M");
		break;
	case KP_STR:
		snprintf(dst, n, "printable text of at most %zu characters", p->size - 1);
		break;
	case KP_ENUM:
		/* "one of: a, b, c"; snprintf() cuts it short if the list is huge. */
		len = (size_t)snprintf(dst, n, "one of:");
		for (i = 0; p->choices[i] && len < n; i++)
			len += (size_t)snprintf(dst + len, n - len, "%s %s",
			                        i ? "," : "", p->choices[i]);
		break;
	}
	return dst;
}

/* Render p's current value as it would be written on the command line. */
static const char *show_value(char *dst, const struct kparam *p)
{
	static const char suffix[] = "KMGT";
	unsigned long v;
	unsigned int i;
	size_t len;

	switch (p->type) {
	case KP_BOOL:
		snprintf(dst, VALUE_SIZE, "%s", *(bool *)p->var ? "on" : "off");
		break;
	case KP_UINT:
		snprintf(dst, VALUE_SIZE, "%lu", *(unsigned long *)p->var);
		break;
	case KP_SIZE:
		/* Use the largest suffix that divides the value exactly: 512M. */
		v = *(unsigned long *)p->var;
		for (i = 0; v && (v & 1023) == 0 && i < sizeof(suffix) - 1; i++)
			v >>= 10;
		if (i)
			snprintf(dst, VALUE_SIZE, "%lu%c", v, suffix[i - 1]);
		else
			snprintf(dst, VALUE_SIZE, "%lu", v);
		break;
	case KP_STR:
		dst[0] = '\'';
		show(dst + 1, p->var, strnlen(p->var, p->size));
		len = strlen(dst);
		dst[len] = '\'';
		dst[len + 1] = '\0';
		break;
	case KP_ENUM:
		/* The index is only trusted once checked against the list. */
		v = *(unsigned int *)p->var;
		for (i = 0; p->choices[i] && i < v; i++)
			;
		if (p->choices[i])
			show(dst, p->choices[i], strlen(p->choices[i]));
		else
			snprintf(dst, VALUE_SIZE, "(index %lu)", v);
		break;
	}
	return dst;
}

static int digit_value(char c, unsigned int base)
{
	int d;

	if (c >= '0' && c <= '9')
		d = c - '0';
	else if (to_lower(c) >= 'a' && to_lower(c) <= 'f')
		d = to_lower(c) - 'a' + 10;
	else
		return -1;
	return d < (int)base ? d : -1;
}

/*
 * Parse a decimal or 0x-hex number, with an optional K/M/G/T suffix if
 * sized.  A syntax error is V_BAD even if the digits also overflowed, so
 * that the warning points at the real mistake.
 */
static enum verdict parse_number(const char *s, bool sized, unsigned long *out)
{
	unsigned int base = 10, shift = 0;
	unsigned long v = 0;
	bool overflow = false;
	const char *digits;
	int d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (digits = s; (d = digit_value(*s, base)) >= 0; s++) {
		if (v > (ULONG_MAX_ - (unsigned long)d) / base)
			overflow = true;
		else
			v = v * base + (unsigned long)d;
	}
	if (s == digits)
		return V_BAD;

	if (sized && *s) {
		switch (to_lower(*s)) {
		case 'k': shift = 10; break;
		case 'm': shift = 20; break;
		case 'g': shift = 30; break;
		case 't': shift = 40; break;
		default:  return V_BAD;
		}
		s++;
		if (v > ULONG_MAX_ >> shift)
			overflow = true;
		else
			v <<= shift;
	}
	if (*s)
		return V_BAD;
	if (overflow)
		return V_RANGE;
	*out = v;
	return V_OK;
}

/* Case-insensitive string equality; b is lowercase. */
static bool word_is(const char *a, const char *b)
{
	for (; *a && to_lower(*a) == *b; a++, b++)
		;
	return !*a && !*b;
}

static enum verdict parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "1", "y", "yes", "on", "true" };
	static const char *const no[] = { "0", "n", "no", "off", "false" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (word_is(s, yes[i])) {
			*out = true;
			return V_OK;
		}
		if (word_is(s, no[i])) {
			*out = false;
			return V_OK;
		}
	}
	return V_BAD;
}

/* Parse v as a value for p and store it; on failure p's value is untouched. */
static enum verdict apply(const struct kparam *p, const char *v)
{
	enum verdict r;
	unsigned long n;
	unsigned int i;
	size_t len;
	bool b;

	switch (p->type) {
	case KP_BOOL:
		r = parse_bool(v, &b);
		if (r == V_OK)
			*(bool *)p->var = b;
		return r;

	case KP_UINT:
	case KP_SIZE:
		r = parse_number(v, p->type == KP_SIZE, &n);
		if (r == V_OK)
			*(unsigned long *)p->var = n;
		return r;

	case KP_STR:
		for (len = 0; v[len]; len++)
			if (!is_printable(v[len]))
				return V_BAD;
		if (len >= p->size)
			return V_LONG;
		memcpy(p->var, v, len + 1);
		return V_OK;

	case KP_ENUM:
		for (i = 0; p->choices[i]; i++) {
			if (!strcmp(p->choices[i], v)) {
				*(unsigned int *)p->var = i;
				return V_OK;
			}
		}
		return V_BAD;
	}
	return V_BAD;
}

/* The value every parameter has before its default is applied. */
static void set_zero(const struct kparam *p)
{
	switch (p->type) {
	case KP_BOOL: *(bool *)p->var = false; break;
	case KP_UINT:
	case KP_SIZE: *(unsigned long *)p->var = 0; break;
	case KP_STR:  *(char *)p->var = '\0'; break;
	case KP_ENUM: *(unsigned int *)p->var = 0; break;
	}
}

/*
 * Set p (a usable entry) from its default text.  The default is text so
 * that the table holds it in one place; a malformed one is a bug in the
 * table, reported like a bad command-line value.
 */
static unsigned int set_default(const struct kparam *p)
{
	char sv[SHOW_SIZE], cur[VALUE_SIZE], exp[EXPECT_SIZE];

	set_zero(p);
	if (!p->def) {
		warn("parameter '%s' has no default in the table; using %s\n",
		     p->name, show_value(cur, p));
		return 1;
	}
	switch (apply(p, p->def)) {
	case V_OK:
		return 0;
	case V_LONG:
		warn("default '%s' for '%s' in the table is too long (max %zu characters); using %s\n",
		     show(sv, p->def, strlen(p->def)), p->name, p->size - 1,
		     show_value(cur, p));
		return 1;
	default:
		warn("bad default '%s' for '%s' in the table (expected %s); using %s\n",
		     show(sv, p->def, strlen(p->def)), p->name,
		     expected(exp, sizeof(exp), p), show_value(cur, p));
		return 1;
	}
}

/* The first table entry named by the n bytes at key, or NULL. */
static const struct kparam *lookup(const char *key, size_t n,
                                   const struct kparam *params, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (params[i].name && !strncmp(params[i].name, key, n) &&
		    params[i].name[n] == '\0')
			return &params[i];
	return NULL;
}

/* Handle one `key[=value]` token of len bytes; returns warnings printed. */
static unsigned int parse_token(const char *tok, size_t len,
                                const struct kparam *params, size_t nr)
{
	char value[CMDLINE_TOKEN_MAX + 1];
	char sk[SHOW_SIZE], sv[SHOW_SIZE], cur[VALUE_SIZE], exp[EXPECT_SIZE];
	const struct kparam *p;
	size_t keylen, vlen;

	for (keylen = 0; keylen < len && tok[keylen] != '='; keylen++)
		;
	if (keylen == 0) {
		warn("missing parameter name in '%s' (ignored)\n", show(sv, tok, len));
		return 1;
	}

	p = lookup(tok, keylen, params, nr);
	if (len > CMDLINE_TOKEN_MAX) {
		/* Checked before anything is copied: value[] holds no more. */
		if (p && !entry_problem(p))
			warn("token '%s' for '%s' is too long (%zu characters, max %u); keeping %s\n",
			     show(sv, tok, len), p->name, len, CMDLINE_TOKEN_MAX,
			     show_value(cur, p));
		else
			warn("token '%s' is too long (%zu characters, max %u); ignored\n",
			     show(sv, tok, len), len, CMDLINE_TOKEN_MAX);
		return 1;
	}
	if (!p) {
		warn("unknown parameter '%s' (ignored)\n", show(sk, tok, keylen));
		return 1;
	}
	if (entry_problem(p)) {
		warn("parameter '%s' has a bad table entry (ignored)\n",
		     show(sk, tok, keylen));
		return 1;
	}

	if (keylen == len) {
		/* A bare key: "debug" is short for "debug=1". */
		if (p->type == KP_BOOL) {
			*(bool *)p->var = true;
			return 0;
		}
		warn("parameter '%s' needs a value (expected %s); keeping %s\n",
		     p->name, expected(exp, sizeof(exp), p), show_value(cur, p));
		return 1;
	}

	vlen = len - keylen - 1;
	memcpy(value, tok + keylen + 1, vlen);
	value[vlen] = '\0';

	switch (apply(p, value)) {
	case V_OK:
		return 0;
	case V_RANGE:
		warn("bad value '%s' for '%s' (too large, the maximum is %lu); keeping %s\n",
		     show(sv, value, vlen), p->name, ULONG_MAX_, show_value(cur, p));
		return 1;
	case V_LONG:
		warn("value '%s' for '%s' is too long (%zu characters, max %zu); keeping %s\n",
		     show(sv, value, vlen), p->name, vlen, p->size - 1,
		     show_value(cur, p));
		return 1;
	default:
		warn("bad value '%s' for '%s' (expected %s); keeping %s\n",
		     show(sv, value, vlen), p->name, expected(exp, sizeof(exp), p),
		     show_value(cur, p));
		return 1;
	}
}

unsigned int cmdline_parse(const char *cmdline, const struct kparam *params,
                           size_t nr)
{
	unsigned int warnings = 0;
	const char *s = cmdline, *tok;
	char sk[SHOW_SIZE];
	const char *problem;
	size_t i;

	for (i = 0; i < nr; i++) {
		const struct kparam *p = &params[i];

		problem = entry_problem(p);
		if (problem) {
			warn("parameter table entry %zu ('%s') is unusable: %s\n", i,
			     show(sk, p->name ? p->name : "", p->name ? strlen(p->name) : 0),
			     problem);
			warnings++;
			continue;
		}
		if (lookup(p->name, strlen(p->name), params, nr) != p) {
			warn("parameter '%s' is in the table twice; the first entry is used\n",
			     p->name);
			warnings++;
		}
		warnings += set_default(p);
	}

	while (s && *s) {
		while (is_blank(*s))
			s++;
		if (!*s)
			break;
		for (tok = s; *s && !is_blank(*s); s++)
			;
		warnings += parse_token(tok, (size_t)(s - tok), params, nr);
	}
	return warnings;
}

void cmdline_print_help(const struct kparam *params, size_t nr)
{
	char sd[SHOW_SIZE], def[VALUE_SIZE], cur[VALUE_SIZE], exp[EXPECT_SIZE];
	const char *problem;
	size_t i;

	for (i = 0; i < nr; i++) {
		const struct kparam *p = &params[i];
		bool is_enum = p->type == KP_ENUM;

		problem = entry_problem(p);
		if (problem) {
			printk("  %-16s (bad table entry: %s)\n",
			       show(sd, p->name ? p->name : "?",
			            p->name ? strlen(p->name) : 1),
			       problem);
			continue;
		}
		/* Strings are quoted so that an empty default is visible. */
		if (!p->def)
			snprintf(def, sizeof(def), "(none)");
		else if (p->type == KP_STR)
			snprintf(def, sizeof(def), "'%s'", show(sd, p->def, strlen(p->def)));
		else
			show(def, p->def, strlen(p->def));

		printk("  %-16s %-6s default %-8s now %-8s %s%s%s%s\n",
		       p->name, type_name(p->type), def, show_value(cur, p),
		       p->help ? p->help : "", is_enum ? " (" : "",
		       is_enum ? expected(exp, sizeof(exp), p) : "", is_enum ? ")" : "");
	}
}
