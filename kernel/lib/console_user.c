/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/lib/console_user.c
 * @brief User output on the console, marked so that the runner can tell it
 *        from the kernel's and Xen's lines.
 *
 * pvrun decides how a run ended from console lines ("Kernel panic",
 * "(XEN) ... Hardware Dom0 halted"). A process can write any bytes, so the
 * kernel starts every line of user output with a marker, "[ timestamp]
 * NAME[PID]| ", and never lets a kernel line and a user line share one
 * console line: whoever writes to a line another owns starts a new one.
 * A process thus cannot write at the start of a line, and the runner
 * believes outcome lines only there (docs/robustness.md).
 */
#include "console.h"
#include "console_user.h"
#include "printk.h"

/* Who owns the console line that is not yet ended by '\n'. */
enum line_owner { LINE_NONE, LINE_KERNEL, LINE_USER };

static enum line_owner owner = LINE_NONE;
static int owner_pid;

static void end_foreign_line(void)
{
	if (owner != LINE_NONE)
		xen_console_write("\n", 1);
	owner = LINE_NONE;
}

bool console_kernel_line_start(void)
{
	if (owner == LINE_USER)
		end_foreign_line();
	return owner == LINE_NONE;
}

void console_kernel_wrote(bool ended)
{
	owner = ended ? LINE_NONE : LINE_KERNEL;
}

/* The marker comes from printk, so it carries the kernel's own timestamp. */
static void start_user_line(const char *name, int pid)
{
	end_foreign_line();
	printk("%s[%d]| ", name, pid);
	owner = LINE_USER;
	owner_pid = pid;
}

void console_write_user(const char *name, int pid, const char *buf, size_t len)
{
	while (len) {
		size_t n = 0;

		if (owner != LINE_USER || owner_pid != pid)
			start_user_line(name, pid);
		while (n < len && buf[n++] != '\n')
			;
		xen_console_write(buf, n);
		if (buf[n - 1] == '\n')
			owner = LINE_NONE;
		buf += n;
		len -= n;
	}
}
