/* SPDX-License-Identifier: MIT */
/**
 * @file cmdline.h
 * @brief Table-driven kernel command-line parser.
 *
 * Each known parameter is one struct kparam: its name, type, the variable
 * that receives its value, its default written as command-line text, and
 * a help line.  The table is the single source of truth: cmdline_parse()
 * first sets every variable from its default text, then applies the
 * command line; cmdline_print_help() lists the table.
 *
 * Syntax: tokens separated by blanks (space, tab, CR, LF; no quoting),
 * each `key=value` or, for booleans only, a bare `key` meaning true.
 * Later occurrences win.  Values:
 *  - KP_BOOL: 1/0, y/n, yes/no, on/off, true/false (any case);
 *  - KP_UINT: decimal or 0x-hex, must fit unsigned long;
 *  - KP_SIZE: like KP_UINT with an optional K/M/G/T suffix (any case,
 *             powers of 1024), e.g. 64M; the result must fit unsigned long;
 *  - KP_STR:  printable ASCII copied into a char buffer; a value that does
 *             not fit is rejected, never silently truncated;
 *  - KP_ENUM: exactly one of the listed words (case-sensitive); the
 *             variable receives its index.
 *
 * Nothing here fails hard.  A bad token is ignored with a warning through
 * printk() ("cmdline: warning: ...") that names the key, quotes the bad
 * value with non-printable bytes escaped as \\xNN, says what was expected
 * and what value is kept.  A bad entry in the table itself (bad default,
 * missing variable, ...) is reported the same way.
 */
#ifndef PVMMU_CMDLINE_H
#define PVMMU_CMDLINE_H

#include <stddef.h>

/** Longest token (`key=value`) accepted, in characters. */
#define CMDLINE_TOKEN_MAX 255

/** The type of a parameter, which fixes what kparam::var points to. */
enum kparam_type {
	KP_BOOL, /**< var: bool * */
	KP_UINT, /**< var: unsigned long * */
	KP_SIZE, /**< var: unsigned long * (bytes) */
	KP_STR,  /**< var: char[size] */
	KP_ENUM, /**< var: unsigned int * (index into choices) */
};

/** One known command-line parameter. */
struct kparam {
	const char *name;            /**< Key, as written before '='. */
	enum kparam_type type;
	void *var;                   /**< Where the value is stored (see type). */
	size_t size;                 /**< KP_STR: size of the buffer var points to. */
	const char *const *choices;  /**< KP_ENUM: NULL-terminated accepted words. */
	const char *def;             /**< Default, written as on the command line. */
	const char *help;            /**< One-line description. */
};

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

#endif /* PVMMU_CMDLINE_H */
