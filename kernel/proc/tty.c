/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/tty.c
 * @brief The console tty: one line discipline fed by Xen's console, read by processes.
 *
 * Echo is user output of the process that reads (or last read) the
 * console, so a prompt and what is typed after it stay one marked line;
 * it waits for a read (ldisc.h), so type-ahead lands after the prompt.
 * Ctrl-C kills the foreground process the shell named (TIOCSPGRP), as
 * kill(pid, SIGKILL) would; with none it only drops the line being typed.
 */
#include "console.h"
#include "errno.h"
#include "ldisc.h"
#include "printk.h"
#include "proc.h"
#include "spinlock.h"
#include "tty.h"
#include "uaccess.h"
#include "vsprintf.h"
#include "wait.h"

static struct ldisc tty_ldisc;
/*
 * The line discipline and the reader's name: input arrives on vCPU 0's
 * event, a reader may run on any vCPU.  Taken before the process table lock.
 */
static spinlock_t tty_lock = SPINLOCK_INIT;
static int foreground;
static char reader_name[16] = "tty";
static int reader_pid;
/* No input source (a domU: its console ring's input is not read yet): read(0) says so. */
static bool has_input;

static void tty_echo(const char *s, size_t len)
{
	console_write_user(reader_name, reader_pid, s, len);
}

static void tty_interrupt(void)
{
	/* A foreground that has already exited is simply gone. */
	if (foreground && proc_interrupt(foreground) == 0)
		foreground = 0;
}

static void tty_receive(const char *s, size_t len)
{
	spin_lock(&tty_lock);
	ldisc_receive(&tty_ldisc, s, len);
	if (ldisc_readable(&tty_ldisc))
		wake_up(&tty_ldisc);
	spin_unlock(&tty_lock);
}

void tty_start(bool input)
{
	tty_ldisc.echo = tty_echo;
	tty_ldisc.interrupt = tty_interrupt;
	has_input = input;
	if (input)
		xen_console_input_start(tty_receive);
}

long tty_read(struct mm *mm, unsigned long ubuf, size_t len)
{
	char line[LDISC_SIZE];
	size_t n;
	int rc;

	if (!has_input)
		return -ENXIO;	/* sleeping for input that cannot come would hang the process */
	if (!len)
		return 0;
	spin_lock(&tty_lock);
	snprintf(reader_name, sizeof(reader_name), "%s", current->name);
	reader_pid = current->pid;
	tty_ldisc.reading = true;
	ldisc_echo_pending(&tty_ldisc);
	while (!ldisc_readable(&tty_ldisc)) {
		if (current->killed) {	/* woken by kill() or Ctrl-C: sleeping holds nothing */
			tty_ldisc.reading = false;
			spin_unlock(&tty_lock);
			proc_exit(KILL_KILL);
		}
		sleep_on(&tty_ldisc, &tty_lock);
	}
	tty_ldisc.reading = false;
	n = ldisc_peek(&tty_ldisc, line, len < sizeof(line) ? len : sizeof(line));
	/* Taken only once copied: a bad buffer costs -EFAULT, not the line. */
	rc = copy_to_user(mm, ubuf, line, n);
	if (!rc)
		ldisc_consume(&tty_ldisc, n);
	spin_unlock(&tty_lock);
	return rc ? rc : (long)n;
}

int tty_set_foreground(int pid)
{
	if (pid && proc_kill(pid, 0))
		return -ESRCH;
	spin_lock(&tty_lock);
	foreground = pid;
	spin_unlock(&tty_lock);
	return 0;
}
