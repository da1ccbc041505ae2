/* SPDX-License-Identifier: MIT */
/**
 * @file cmdline.c
 * @brief Table-driven kernel command-line parser, and the helpers
 *        (kstrtoul, next_item) that parameters with their own syntax share.
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
#include "errno.h"
#include "printk.h"
#include "vsprintf.h"

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

static const char *type_name(enum kparam_type t)
{
	switch (t) {
	case KP_BOOL: return "bool";
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
	unsigned int i, v;
	size_t len;

	switch (p->type) {
	case KP_BOOL:
		snprintf(dst, VALUE_SIZE, "%s", *(bool *)p->var ? "on" : "off");
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
			snprintf(dst, VALUE_SIZE, "(index %u)", v);
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

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long v = 0;
	bool overflow = false;
	const char *digits;
	int d;

	if ((base == 0 || base == 16) && s[0] == '0' && to_lower(s[1]) == 'x')
		s += 2, base = 16;
	else if (base == 0)
		base = 10;
	/* A syntax error wins over overflow: it is the real mistake. */
	for (digits = s; (d = digit_value(*s, base)) >= 0; s++) {
		if (v > (~0UL - (unsigned long)d) / base)
			overflow = true;
		else
			v = v * base + (unsigned long)d;
	}
	if (s == digits || *s)
		return -EINVAL;
	if (overflow)
		return -ERANGE;
	*res = v;
	return 0;
}

char *next_item(char **rest, char sep)
{
	char *item = *rest, *end;

	if (!*item)
		return NULL;
	end = strchr(item, sep);
	if (end) {
		*end = '\0';
		*rest = end + 1;
	} else {
		*rest = item + strlen(item);
	}
	return item;
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
	unsigned int i;
	size_t len;
	bool b;

	switch (p->type) {
	case KP_BOOL:
		r = parse_bool(v, &b);
		if (r == V_OK)
			*(bool *)p->var = b;
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
	case KP_STR:  *(char *)p->var = '\0'; break;
	case KP_ENUM: *(unsigned int *)p->var = 0; break;
	}
}

/*
 * Set p from its default text.  The default is text so that the table
 * holds it in one place; a malformed one is a bug in the table, reported
 * like a bad command-line value.
 */
static unsigned int set_default(const struct kparam *p)
{
	char sv[SHOW_SIZE], cur[VALUE_SIZE], exp[EXPECT_SIZE];

	set_zero(p);
	if (apply(p, p->def) == V_OK)
		return 0;
	warn("bad default '%s' for '%s' in the table (expected %s); using %s\n",
	     show(sv, p->def, strlen(p->def)), p->name, expected(exp, sizeof(exp), p),
	     show_value(cur, p));
	return 1;
}

/* The first table entry named by the n bytes at key, or NULL. */
static const struct kparam *lookup(const char *key, size_t n,
                                   const struct kparam *params, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (!strncmp(params[i].name, key, n) && params[i].name[n] == '\0')
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
		if (p)
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
	size_t i;

	for (i = 0; i < nr; i++) {
		const struct kparam *p = &params[i];

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
	size_t i;

	for (i = 0; i < nr; i++) {
		const struct kparam *p = &params[i];
		bool is_enum = p->type == KP_ENUM;

		/* Strings are quoted so that an empty default is visible. */
		if (p->type == KP_STR)
			snprintf(def, sizeof(def), "'%s'", show(sd, p->def, strlen(p->def)));
		else
			show(def, p->def, strlen(p->def));

		printk("  %-16s %-6s default %-8s now %-8s %s%s%s%s\n",
		       p->name, type_name(p->type), def, show_value(cur, p),
		       p->help, is_enum ? " (" : "",
		       is_enum ? expected(exp, sizeof(exp), p) : "", is_enum ? ")" : "");
	}
}
