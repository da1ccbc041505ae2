/* SPDX-License-Identifier: MIT */
/**
 * @file domu.c
 * @brief pvrun's domU mode (--domu): the machine runs a Linux dom0 with
 *        Debian's xl toolstack (tools/domu/init), pvmmu runs as its domU.
 *
 * The dom0 marks what it passes on (docs/domu.md): "domu| " before each
 * line of the guest's console, "domu: NAME: outcome: WHAT" when xl saw
 * the guest end.  Only guest lines are analysed as the kernel's (tests,
 * panics); the outcome is xl's, so a domU's poweroff, crash or timeout is
 * told apart from the host's own end, which Xen's lines still report.
 */
#include "pvrun.h"

#include <string.h>

static const char guest_mark[] = "domu| ", host_mark[] = "domu: ";

static void set_outcome(struct console *c, enum outcome_kind kind,
			const char *name, const char *what)
{
	char detail[3 * DETAIL_MAX];

	c->kind = kind;
	c->final = true;
	snprintf(detail, sizeof(detail), "domU %s: %s%s%s", name, what,
		 kind == OUT_PANIC ? ": " : "", kind == OUT_PANIC ? c->panic_msg : "");
	snprintf(c->detail, DETAIL_MAX, "%.*s", DETAIL_MAX - 1, detail);
}

/** "NAME: outcome: WHAT" (@p t): xl's word on how guest NAME ended. */
static void note_guest_end(struct console *c, const char *t)
{
	const char *sep = strstr(t, ": outcome: ");
	char name[64];
	const char *what;

	if (!strncmp(t, "host failed: ", 13)) {
		set_outcome(c, OUT_CRASH, "host", t + 5);
		return;
	}
	if (!sep || (size_t)(sep - t) >= sizeof(name))
		return;
	memcpy(name, t, (size_t)(sep - t));
	name[sep - t] = '\0';
	what = sep + strlen(": outcome: ");
	if (!strcmp(what, "poweroff") || !strcmp(what, "reboot"))
		set_outcome(c, c->panic_seen ? OUT_PANIC : OUT_SHUTDOWN, name, what);
	else if (!strncmp(what, "crash", 5))
		set_outcome(c, c->panic_seen ? OUT_PANIC : OUT_CRASH, name, what);
	else if (!strncmp(what, "timeout", 7))
		set_outcome(c, OUT_TIMEOUT, name, what);
	else
		set_outcome(c, OUT_CRASH, name, what);
}

enum console_event domu_line(struct console *c, char *line, bool ended)
{
	if (!strncmp(line, guest_mark, strlen(guest_mark)))
		return console_line(c, line + strlen(guest_mark), ended) ==
				       EV_XEN_PANIC ? EV_XEN_PANIC : EV_NONE;
	if (!strncmp(line, host_mark, strlen(host_mark))) {
		console_passthrough(c, line);
		note_guest_end(c, line + strlen(host_mark));
		return EV_NONE;
	}
	if (!strncmp(line, "(XEN)", 5))
		return console_line(c, line, ended);
	console_passthrough(c, line);
	return EV_NONE;
}
