/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/lib/ldisc.c
 * @brief Canonical line editing: lines, backspace, Ctrl-C, Ctrl-D, echo.
 *
 * One buffer holds the ended lines (read from the front) and, after them,
 * the line being typed.  A full buffer drops what is typed, keeping one
 * byte so that Enter can always end the line.
 *
 * Echo waits for a reader: what is typed while nobody reads (type-ahead,
 * or a pipe's next line) is echoed when a read begins, right after that
 * reader's prompt, not in the middle of another program's output.  Rubbing
 * out what is already on the screen, and Ctrl-C, echo at once.
 */
#include <string.h>
#include "ldisc.h"

#define CTRL(c) ((c) & 0x1f)
#define DEL 0x7f

static void echo(struct ldisc *ld, const char *s, size_t len)
{
	if (ld->echo)
		ld->echo(s, len);
}

/* Up to the end of the next line only: each line appears after the prompt of the read that takes it. */
void ldisc_echo_pending(struct ldisc *ld)
{
	size_t end = ld->shown;

	while (end < ld->len && ld->buf[end++] != '\n')
		;
	if (end > ld->shown)
		echo(ld, ld->buf + ld->shown, end - ld->shown);
	ld->shown = end;
}

static void end_line(struct ldisc *ld)
{
	ld->ready = ld->len;
}

static void add_byte(struct ldisc *ld, char c)
{
	bool newline = c == '\n';

	/* The last byte is kept for the newline that ends the line. */
	if (ld->len >= sizeof(ld->buf) - (newline ? 0 : 1))
		return;
	ld->buf[ld->len++] = c;
	if (ld->reading)
		ldisc_echo_pending(ld);
	if (newline)
		end_line(ld);
}

static void rub_out(struct ldisc *ld)
{
	if (ld->len == ld->ready)
		return;
	ld->len--;
	if (ld->shown > ld->len) {
		ld->shown = ld->len;
		echo(ld, "\b \b", 3);
	}
}

static void interrupt(struct ldisc *ld)
{
	ld->len = ld->ready;
	if (ld->shown > ld->len)
		ld->shown = ld->len;
	echo(ld, "^C\n", 3);
	if (ld->interrupt)
		ld->interrupt();
}

static void end_of_input(struct ldisc *ld)
{
	if (ld->len == ld->ready)
		ld->eof = true;
	else
		end_line(ld);
}

static void receive_byte(struct ldisc *ld, char c)
{
	switch (c) {
	case '\r':	/* a terminal's Enter */
	case '\n':
		add_byte(ld, '\n');
		break;
	case '\b':
	case DEL:
		rub_out(ld);
		break;
	case CTRL('C'):
		interrupt(ld);
		break;
	case CTRL('D'):
		end_of_input(ld);
		break;
	default:
		/* Other control bytes (escape sequences' ESC among them) are dropped. */
		if ((unsigned char)c >= ' ' || c == '\t')
			add_byte(ld, c);
	}
}

void ldisc_receive(struct ldisc *ld, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		receive_byte(ld, s[i]);
}

bool ldisc_readable(const struct ldisc *ld)
{
	return ld->ready || ld->eof;
}

size_t ldisc_peek(const struct ldisc *ld, char *dst, size_t len)
{
	size_t n = 0;

	while (n < len && n < ld->ready) {
		dst[n] = ld->buf[n];
		if (ld->buf[n++] == '\n')
			break;
	}
	return n;
}

void ldisc_consume(struct ldisc *ld, size_t n)
{
	if (!n) {
		ld->eof = false;
		return;
	}
	memmove(ld->buf, ld->buf + n, ld->len - n);
	ld->ready -= n;
	ld->len -= n;
	ld->shown = ld->shown > n ? ld->shown - n : 0;
}
