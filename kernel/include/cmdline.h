/* SPDX-License-Identifier: MIT */
/**
 * @file cmdline.h
 * @brief The kernel command line: a table of parameters, and the parsing
 *        helpers that parameters with a syntax of their own share.
 *
 * Each known parameter is one struct kparam, written with KPARAM_BOOL,
 * KPARAM_STR or KPARAM_ENUM: its name, the variable that receives its
 * value, its default written as command-line text, and a help line.  The
 * macros take the variable itself, so its type, a string's buffer size and
 * an enum's choices come from it; a default too long for its buffer does
 * not compile.  cmdline_parse() first sets every variable from its default,
 * then applies the command line; cmdline_print_help() lists the table.
 *
 * Syntax: tokens separated by blanks (space, tab, CR, LF; no quoting),
 * each `key=value` or, for booleans only, a bare `key` meaning true.
 * Later occurrences win.  Values:
 *  - bool:   1/0, y/n, yes/no, on/off, true/false (any case);
 *  - string: printable ASCII copied into a char buffer; a value that does
 *            not fit is rejected, never silently truncated;
 *  - enum:   exactly one of the listed words (case-sensitive); the
 *            variable receives its index.
 *
 * Nothing here fails hard.  A bad token is ignored with a warning through
 * printk() ("cmdline: warning: ...") that names the key, quotes the bad
 * value with non-printable bytes escaped as \\xNN, says what was expected
 * and what value is kept.  A default the table gets wrong (a bool "maybe",
 * an enum word not in its list) is reported the same way.
 */
#ifndef PVMMU_CMDLINE_H
#define PVMMU_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

/** Longest token (`key=value`) accepted, in characters. */
#define CMDLINE_TOKEN_MAX 255

/** The type of a parameter, which fixes what kparam::var points to. */
enum kparam_type {
	KP_BOOL, /**< var: bool * */
	KP_STR,  /**< var: char[size] */
	KP_ENUM, /**< var: unsigned int * (index into choices) */
};

/** One known command-line parameter: write it with the KPARAM_* macros. */
struct kparam {
	const char *name;            /**< Key, as written before '='. */
	enum kparam_type type;
	void *var;                   /**< Where the value is stored (see type). */
	size_t size;                 /**< KP_STR: size of the buffer var points to. */
	const char *const *choices;  /**< KP_ENUM: NULL-terminated accepted words. */
	const char *def;             /**< Default, written as on the command line. */
	const char *help;            /**< One-line description. */
};

/* Name, default and help must be string literals ("" x does not compile otherwise). */
#define KPARAM_BOOL(name_, var_, def_, help_)                                      \
	{ .name = "" name_, .type = KP_BOOL, .var = _Generic(&(var_), bool *: &(var_)), \
	  .def = "" def_, .help = "" help_ }
/* buf_ must be a char array; its default, with the NUL, must fit it. */
#define KPARAM_STR(name_, buf_, def_, help_)                                        \
	{ .name = "" name_, .type = KP_STR,                                        \
	  .var = _Generic(&(buf_), char (*)[sizeof(buf_)]: (buf_)),                \
	  .size = sizeof(buf_) + 0 * sizeof(char[sizeof(def_) <= sizeof(buf_) ? 1 : -1]), \
	  .def = "" def_, .help = "" help_ }
/* choices_ must be an array of at least one word and the terminating NULL. */
#define KPARAM_ENUM(name_, var_, choices_, def_, help_)                             \
	{ .name = "" name_, .type = KP_ENUM,                                       \
	  .var = _Generic(&(var_), unsigned int *: &(var_)),                       \
	  .choices = (choices_) + 0 * sizeof(char[sizeof(choices_) / sizeof(*(choices_)) > 1 ? 1 : -1]), \
	  .def = "" def_, .help = "" help_ }

/**
 * Set every parameter to its default, then apply @p cmdline.
 *
 * @param cmdline The command line; NULL is treated as empty.
 * @param params  The table of known parameters.
 * @param nr      Number of entries in @p params.
 * @return The number of warnings printed (0 when all was well).
 */
unsigned int cmdline_parse(const char *cmdline, const struct kparam *params,
                           size_t nr);

/**
 * Print one line per parameter: name, type, default, current value, help.
 */
void cmdline_print_help(const struct kparam *params, size_t nr);

/**
 * Parse all of @p s as an unsigned number into *@p res, like Linux's
 * kstrtoul: @p base 10 or 16, or 0 for 0x-hex or decimal (never octal).
 * No sign, no blanks, no suffix.  Returns 0, -EINVAL for anything but
 * digits (an empty string too), or -ERANGE if the number does not fit;
 * on failure *@p res is untouched.
 */
int kstrtoul(const char *s, unsigned int base, unsigned long *res);

/**
 * Cut the next item off the @p sep-separated list *@p rest, in place: the
 * separator after it becomes a NUL and *@p rest moves past it.  Returns the
 * item, or NULL when the list is used up.  Items may be empty ("a,,b" has
 * three); a separator at the very end does not start one more.
 */
char *next_item(char **rest, char sep);

#endif /* PVMMU_CMDLINE_H */
