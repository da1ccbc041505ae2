/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/ldisc.h
 * @brief The console's line discipline: canonical input, as a terminal's.
 *
 * Bytes come from a console (dom0's CONSOLEIO_read, later a domU's ring)
 * and are edited into lines: a reader sees a line only once it ends (Enter,
 * or Ctrl-D on a non-empty line).  Backspace (DEL or BS) removes the last
 * byte of the line being typed; Ctrl-C drops that line and calls the
 * interrupt hook; Ctrl-D on an empty line is end of input: the next read
 * that finds no line returns 0.  Echo goes through the echo hook, while
 * a reader waits (@c reading); what came before is echoed when a read
 * begins (ldisc_echo_pending).  Pure: no device, no process; the tty
 * (kernel/proc/tty.c) owns one.
 */
#ifndef PVMMU_LDISC_H
#define PVMMU_LDISC_H

#include <stdbool.h>
#include <stddef.h>

#define LDISC_SIZE 512

struct ldisc {
	char buf[LDISC_SIZE];
	size_t ready;	/* bytes [0, ready) are ended lines a read may take */
	size_t len;	/* bytes [ready, len) are the line being typed */
	size_t shown;	/* bytes [0, shown) have been echoed */
	bool eof;	/* Ctrl-D on an empty line, not yet read */
	bool reading;	/* a reader waits: echo what comes at once */
	void (*echo)(const char *s, size_t len);
	void (*interrupt)(void);
};

/** Edit @p len received bytes into @p ld. */
void ldisc_receive(struct ldisc *ld, const char *s, size_t len);
/** True when a read would return now: an ended line, or end of input. */
bool ldisc_readable(const struct ldisc *ld);
/** Copy up to @p len bytes of ended lines (at most one line) into @p dst without taking them. */
size_t ldisc_peek(const struct ldisc *ld, char *dst, size_t len);
/** A read begins: echo the next line typed while nobody read (up to its newline). */
void ldisc_echo_pending(struct ldisc *ld);
/** Take @p n bytes that ldisc_peek() gave, or the end of input when @p n is 0. */
void ldisc_consume(struct ldisc *ld, size_t n);

#endif
