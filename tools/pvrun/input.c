/* SPDX-License-Identifier: MIT */
/**
 * @file input.c
 * @brief pvrun's standard input to the guest's console (QEMU's serial line).
 *
 * From a terminal: raw mode (no line editing or signals of the terminal's
 * own, so the guest's line discipline edits and Ctrl-C reaches it), every
 * key at once; Ctrl-] leaves.  From a pipe or file: a line at a time, each
 * once the console has been quiet for INPUT_QUIET_S (the guest is waiting
 * for it) and not before the kernel's first line (until dom0 runs, Xen
 * reads serial input as its own debug keys); a line that is one control
 * key (Ctrl-C, Ctrl-D) goes without its newline; at its end one Ctrl-D,
 * the end of input.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "pvrun.h"

#define INPUT_QUIET_S 0.4
#define ESCAPE_KEY 0x1d	/* Ctrl-] */
#define END_OF_INPUT 0x04	/* Ctrl-D */

static struct termios saved_termios;
static bool termios_saved;

static void restore_terminal(void)
{
	if (termios_saved)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
	termios_saved = false;
}

/*
 * A terminal we may take: a session someone watches (stdout a terminal too:
 * a script that keeps pvrun's output, as the boot tests and the benchmark
 * do, keeps its Ctrl-C and timeout), in the foreground (a background pvrun
 * must not stop on SIGTTOU).
 */
static bool own_terminal(void)
{
	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) &&
	       tcgetpgrp(STDIN_FILENO) == getpgrp();
}

static bool raw_mode(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &saved_termios))
		return false;
	t = saved_termios;
	/* Output processing stays on, so pvrun's "\n" still starts a new terminal line. */
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	t.c_iflag &= ~(tcflag_t)(IXON | ICRNL | INLCR);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t))
		return false;
	termios_saved = true;
	atexit(restore_terminal);
	return true;
}

void input_init(struct input *in, int qemu_fd)
{
	*in = (struct input){ .fd = STDIN_FILENO, .qemu_fd = qemu_fd };
	if (isatty(STDIN_FILENO)) {
		if (!own_terminal() || !raw_mode())
			in->fd = -1;
		else
			in->terminal = true;
	}
	if (in->terminal)
		fprintf(stderr, "pvrun: keys go to the guest; Ctrl-] leaves (no timeout)\n");
}

void input_finish(struct input *in)
{
	restore_terminal();
	free(in->buf);
	in->buf = NULL;
}

static void to_qemu(struct input *in, const char *s, size_t n)
{
	/* QEMU gone: its end is noticed on its output, not here. */
	while (n && in->qemu_fd >= 0) {
		ssize_t w = write(in->qemu_fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

bool input_read(struct input *in)
{
	char chunk[4096];
	ssize_t n = read(in->fd, chunk, sizeof(chunk));

	if (n < 0 && errno == EINTR)
		return false;
	if (n <= 0) {
		in->eof = true;
		in->fd = -1;
		return false;
	}
	if (in->terminal) {
		char *esc = memchr(chunk, ESCAPE_KEY, (size_t)n);

		to_qemu(in, chunk, esc ? (size_t)(esc - chunk) : (size_t)n);
		return esc != NULL;
	}
	in->buf = xrealloc(in->buf, in->len + (size_t)n);
	memcpy(in->buf + in->len, chunk, (size_t)n);
	in->len += (size_t)n;
	return false;
}

void input_output_seen(struct input *in, double now, bool kernel_line)
{
	in->last_output = now;
	in->guest_up |= kernel_line;
}

/* A whole line to send, or (once the input is over) its unended rest or the Ctrl-D. */
static bool pending(const struct input *in)
{
	if (in->terminal)
		return false;
	if (in->eof)
		return in->len || !in->eof_sent;
	return memchr(in->buf, '\n', in->len) != NULL;
}

double input_next_send(const struct input *in)
{
	double after = in->last_output > in->last_sent ? in->last_output : in->last_sent;

	return in->guest_up && pending(in) ? after + INPUT_QUIET_S : INFINITY;
}

void input_send_due(struct input *in, double now)
{
	char *nl;
	size_t n;

	if (now < input_next_send(in))
		return;
	in->last_sent = now;
	if (!in->len) {
		to_qemu(in, (const char[]){ END_OF_INPUT }, 1);
		in->eof_sent = true;
		return;
	}
	nl = memchr(in->buf, '\n', in->len);
	n = nl ? (size_t)(nl - in->buf) + 1 : in->len;
	/* A line that is one control key (Ctrl-C, Ctrl-D) is that key alone, as typed. */
	if (n == 2 && nl && (unsigned char)in->buf[0] < ' ')
		to_qemu(in, in->buf, 1);
	else
		to_qemu(in, in->buf, n);
	memmove(in->buf, in->buf + n, in->len - n);
	in->len -= n;
}
