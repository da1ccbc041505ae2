/* SPDX-License-Identifier: MIT */
/**
 * @file user/sh.c
 * @brief A small shell: runs the embedded programs and shows the MMU at work (docs/shell.md).
 *
 * It reads the console a line at a time (the kernel's line discipline does
 * the editing), runs a program as its foreground process so that Ctrl-C
 * reaches it, and asks the kernel for what its built-ins show.
 */
#include "ulib.h"

#define MAX_ARGS 16
#define LINE_MAX 256

struct builtin {
	const char *name, *args, *what;
	int (*fn)(int argc, char **argv);
};

static const struct builtin builtins[];

static int cmd_help(int argc, char **argv)
{
	char names[1024];
	(void)argc;
	(void)argv;

	printf("built-ins:\n");
	for (const struct builtin *b = builtins; b->name; b++)
		printf("  %-8s %-4s %s\n", b->name, b->args, b->what);
	if (pvmmu_programs(names, sizeof(names)) < 0)
		return 1;
	printf("programs: %s\n", names);
	return 0;
}

static int cmd_ps(int argc, char **argv)
{
	static struct pvmmu_proc procs[64];
	int n = pvmmu_procs(procs, 64);
	(void)argc;
	(void)argv;

	if (n < 0) {
		printf("sh: ps: %d\n", n);
		return 1;
	}
	printf("  PID  PPID S VCPU NAME             PGD      USER-PGD REGIONS\n");
	for (int i = 0; i < n; i++) {
		const struct pvmmu_proc *p = &procs[i];

		printf("%5d %5d %c %4u %-16s %#-8lx %#-8lx %lu\n", p->pid, p->ppid, p->state, p->vcpu,
		       p->name, p->pgd_pfn, p->user_pgd_pfn, p->nr_vmas);
	}
	return 0;
}

static int cmd_free(int argc, char **argv)
{
	struct pvmmu_stats s;
	(void)argc;
	(void)argv;

	if (pvmmu_stats(&s))
		return 1;
	printf("frames: %lu total, %lu free, %lu page tables, %lu pinned\n", s.total_pages,
	       s.free_pages, s.pt_pages, s.pins);
	return 0;
}

static int cmd_stats(int argc, char **argv)
{
	struct pvmmu_stats s;
	(void)argc;
	(void)argv;

	if (pvmmu_stats(&s))
		return 1;
	printf("mmu: %lu hypercalls, %lu multicalls of %lu entries, %lu mmu_update requests, "
	       "%lu mmuext ops, %lu pins, %lu unpins\n", s.hypercalls, s.multicalls, s.mc_entries,
	       s.mmu_updates, s.mmuext_ops, s.pins_total, s.unpins);
	printf("sched: %lu context switches in %lu ms\n", s.context_switches, s.time_ns / 1000000);
	return 0;
}

static int cmd_ptdump(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return pvmmu_dump(PVMMU_DUMP_KERNEL, 0) ? 1 : 0;
}

static int parse_pid(const char *s)
{
	int pid = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || pid > 100000000)
			return -1;
		pid = pid * 10 + (*s - '0');
	}
	return pid;
}

static int cmd_vm(int argc, char **argv)
{
	int pid = argc == 2 ? parse_pid(argv[1]) : -1;
	int rc;

	if (pid < 0) {
		printf("sh: usage: vm PID\n");
		return 2;
	}
	rc = pvmmu_dump(PVMMU_DUMP_VM, pid);
	if (rc)
		printf("sh: vm: no process %d\n", pid);
	return rc ? 1 : 0;
}

static int cmd_poweroff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("sh: poweroff: %d\n", poweroff());
	return 1;
}

static const struct builtin builtins[] = {
	{ "help", "", "this list, and the programs there are", cmd_help },
	{ "ps", "", "processes: pid, parent, state, vCPU, name, pgd pair pfns, regions", cmd_ps },
	{ "free", "", "frames: total, free, page tables, pinned", cmd_free },
	{ "vm", "PID", "PID's regions and what its kernel and user pgds map", cmd_vm },
	{ "ptdump", "", "the kernel's address space", cmd_ptdump },
	{ "stats", "", "the MMU counters since boot", cmd_stats },
	{ "poweroff", "", "power the machine off", cmd_poweroff },
	{ NULL, NULL, NULL, NULL },
};

static bool is_program(const char *name)
{
	char names[1024];
	size_t len = strlen(name);

	if (pvmmu_programs(names, sizeof(names)) < 0)
		return false;
	for (const char *p = names; *p;) {
		const char *end = strchr(p, ' ');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == len && !memcmp(p, name, n))
			return true;
		p += n + (end != NULL);
	}
	return false;
}

/* Run a program as the console's foreground process and wait for it. */
static void run_program(char **argv)
{
	int pid, status;

	if (!is_program(argv[0])) {
		printf("sh: %s: no such command or program (help lists them)\n", argv[0]);
		return;
	}
	pid = spawn(argv[0], (const char *const *)argv);
	if (pid < 0) {
		printf("sh: %s: fork failed: %d\n", argv[0], pid);
		return;
	}
	tcsetpgrp(0, pid);	/* it may already be gone: then there is nothing to interrupt */
	if (waitpid(pid, &status) != pid)
		printf("sh: %s: lost\n", argv[0]);
	else if (status)
		printf("sh: %s: exit status %d%s\n", argv[0], status,
		       status == 128 + 9 ? " (killed)" : "");
	tcsetpgrp(0, 0);
}

static int split(char *line, char **argv)
{
	int argc = 0;

	for (char *p = line; *p;) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			break;
		if (argc == MAX_ARGS) {
			printf("sh: more than %d words\n", MAX_ARGS);
			return -1;
		}
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	argv[argc] = NULL;
	return argc;
}

static void run_line(char *line)
{
	char *argv[MAX_ARGS + 1];
	int argc = split(line, argv);

	if (argc <= 0)
		return;
	for (const struct builtin *b = builtins; b->name; b++) {
		if (!strcmp(b->name, argv[0])) {
			b->fn(argc, argv);
			return;
		}
	}
	run_program(argv);
}

/* One line from the console, without its newline: its length, or -1 at end of input. */
static long read_line(char *line, size_t size)
{
	size_t len = 0;

	for (;;) {
		long n = read(0, line + len, size - 1 - len);

		if (n <= 0) {	/* end of input; Ctrl-D ended a line without a newline */
			line[len] = '\0';
			return len ? (long)len : -1;
		}
		len += (size_t)n;
		if (line[len - 1] == '\n') {
			line[--len] = '\0';
			return (long)len;
		}
		if (len == size - 1) {
			printf("sh: line longer than %zu bytes dropped\n", size - 2);
			len = 0;
		}
	}
}

int main(void)
{
	char line[LINE_MAX];

	printf("sh: pvmmu's shell; help lists the commands, Ctrl-D ends it\n");
	for (;;) {
		printf("sh$ ");
		if (read_line(line, sizeof(line)) < 0)
			break;
		run_line(line);
	}
	printf("\nsh: end of input\n");
	return 0;
}
