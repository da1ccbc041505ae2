/* SPDX-License-Identifier: MIT */
/**
 * @file pvrun.c
 * @brief pvrun: boots Xen with the pvmmu kernel as dom0 under QEMU, streams
 *        the serial console, recognises how the run ended and exits with a
 *        code per outcome.
 *
 * QEMU runs in its own process group so that a terminal's Ctrl-C reaches
 * only pvrun, which then stops QEMU itself; PR_SET_PDEATHSIG covers the
 * case where pvrun dies without cleaning up. The outcome comes from the
 * console text alone, because QEMU's exit status says nothing about the
 * guest (a powered-off Xen just idles).
 */
#define _GNU_SOURCE
#include "pvrun.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MEM_MIN_MIB 32u
#define MEM_MAX_MIB 65536u
#define CPUS_MAX 64u
/** Xen copies at most this much of dom0's command line (MAX_GUEST_CMDLINE). */
#define KARGS_MAX 1023u
/** --gdb's port, the one QEMU's -s would use. */
#define GDB_DEFAULT_PORT 1234u
#define GDB_PORT_MAX 65535u
/** Time to collect trailing lines after the outcome is known. */
#define GRACE_S 0.3
/** Time Xen gets to finish printing its panic banner. */
#define XEN_PANIC_S 1.0
#define KILL_WAIT_MS 1000
#define READ_CHUNK 4096
/** Longer output without a newline is shown in pieces of at least this. */
#define MAX_LINE 65536
#define ERR_TAIL 5

/** Command-line settings. */
struct options {
	const char *kernel, *xen, *qemu, *kargs, *xenargs, *log;
	const char *results; /* --results file, or NULL */
	const char *initrd; /* second multiboot module, or NULL */
	const char *domu; /* --domu: the guest's ELF, or NULL */
	unsigned mem_mib, cpus, guest_mib;
	double timeout; /* seconds; 0 disables */
	bool quiet_xen, gdb, dry_run;
	bool tcg_single; /* --tcg-thread single: one host thread runs every vCPU */
	unsigned gdb_port; /* with gdb: 0 until a free one is picked */
	char gdb_dev[40]; /* QEMU's -gdb device */
	enum outcome_kind expect; /* OUT_NONE unless --expect was given */
};

/** Outcome names accepted by --expect and printed when it is not met. */
static const char *const expect_names[] = {
	[OUT_SHUTDOWN] = "shutdown",   [OUT_PANIC] = "panic",
	[OUT_CRASH] = "crash",	       [OUT_XEN_PANIC] = "xen-panic",
	[OUT_TIMEOUT] = "timeout",     [OUT_QEMU_EXIT] = "qemu-exit",
	[OUT_INTERRUPTED] = "interrupted",
};

/** Short outcome names, used as the reason of unfinished tests. */
static const char *const short_names[] = {
	[OUT_SHUTDOWN] = "shutdown",   [OUT_PANIC] = "panic",
	[OUT_CRASH] = "domain crash",  [OUT_XEN_PANIC] = "xen panic",
	[OUT_TIMEOUT] = "timeout",     [OUT_QEMU_EXIT] = "qemu exit",
	[OUT_INTERRUPTED] = "interrupted",
};

static volatile sig_atomic_t got_signal;

static const char usage_text[] =
	"Usage: pvrun [OPTION]...\n"
	"Boot Xen with the pvmmu kernel as dom0 under QEMU (TCG), stream the\n"
	"serial console, and exit with a code telling how the run ended.\n"
	"\n"
	"  -k, --kernel PATH    kernel ELF (default build/pvmmu); no spaces or commas\n"
	"  -x, --xen PATH       Xen image, uncompressed ELF32 multiboot\n"
	"                       (default build/xen/xen-4.17-amd64)\n"
	"      --qemu PATH      QEMU binary (default qemu-system-x86_64 from PATH)\n"
	"  -m, --mem SIZE       dom0 memory: MiB, or with a K/M/G suffix; a whole\n"
	"                       number of MiB from 32 to 65536 (default 512).\n"
	"                       QEMU gets SIZE + 64 MiB + SIZE/32 for Xen itself,\n"
	"                       plus the kernel and initrd sizes with --initrd\n"
	"  -c, --cpus N         vCPUs of the machine and of dom0, 1..64 (default 1)\n"
	"      --tcg-thread MODE multi (default: a host thread per vCPU, really\n"
	"                       side by side) or single (one thread takes turns:\n"
	"                       with more vCPUs than host cores, Xen's IPIs then\n"
	"                       wait for no host scheduler)\n"
	"  -a, --kargs STR      kernel command line (at most 1023 bytes)\n"
	"      --initrd PATH    dom0 initrd: a second multiboot module after the\n"
	"                       kernel (e.g. a Linux initramfs); no spaces or commas\n"
	"  -X, --xenargs STR    extra Xen command line, appended\n"
	"      --domu GUEST     domU mode: --kernel and --initrd are a Linux dom0\n"
	"                       with xl (make run-domu, docs/domu.md) that runs\n"
	"                       the pvmmu ELF GUEST as a domU; its console lines\n"
	"                       ('domu| ') are analysed, the outcome is xl's\n"
	"                       ('domu: NAME: outcome: ...')\n"
	"      --guest-mem SIZE memory for domUs, added to QEMU's (default 256 MiB\n"
	"                       with --domu, else 0)\n"
	"  -t, --timeout SEC    give up after SEC seconds, decimals allowed; 0 means\n"
	"                       never (default 60)\n"
	"  -l, --log FILE       console log (default build/log/last.log); always\n"
	"                       holds every line, (XEN) lines included\n"
	"  -q, --quiet-xen      do not show (XEN) lines on stdout\n"
	"      --results FILE   write every test result seen, one per line:\n"
	"                       'RESULT NAME [reason]' (RESULT is PASS, FAIL,\n"
	"                       ERROR or SKIP)\n"
	"      --gdb            start QEMU halted with a gdb stub on\n"
	"                       127.0.0.1:1234; disables the timeout\n"
	"      --gdb-port PORT  like --gdb, on 127.0.0.1:PORT; 0 picks a free\n"
	"                       port (pvrun prints the gdb command to attach)\n"
	"      --expect OUTCOME exit 0 if the run ends with OUTCOME: shutdown\n"
	"                       (with no failed test), panic, crash, xen-panic or\n"
	"                       timeout; otherwise the outcome's code, 1 for shutdown\n"
	"      --dry-run        print the QEMU command line and exit\n"
	"  -h, --help           show this help\n"
	"\n"
	"Backtrace addresses [<ffffffff8000abcd>] are followed by the kernel\n"
	"function and file:line they fall in (libdwfl); Xen's 'Guest stack\n"
	"trace' words that point into kernel code get a line each.\n"
	"A domain crash also gets its call chain (function (file:line) <- ...).\n"
	"Standard input goes to the guest's console: from a terminal in raw\n"
	"mode, key by key, Ctrl-] to leave, no timeout; from a pipe a line at a\n"
	"time, each when the console has been quiet for 0.4 s, then one Ctrl-D\n"
	"at its end.\n"
	"Lines 'test: NAME: RUN|PASS|FAIL: why|SKIP: why|ERROR: why' of the\n"
	"kernel or of a user process are counted; a test that started but never\n"
	"reported counts as failed, an ERROR as a failure. Outcome lines count\n"
	"only from the kernel or Xen, never from user output (whose lines the\n"
	"kernel starts with '[ timestamp] NAME[PID]| ').\n"
	"\n"
	"Exit codes:\n"
	"  0  kernel shut down (Xen: 'Hardware Dom0 halted' or 'shutdown:\n"
	"     rebooting'), no test failed; or the --expect outcome was met\n"
	"  1  shut down, but a test failed (or had an ERROR); or a shutdown that\n"
	"     --expect did not want\n"
	"  2  kernel panic ('Kernel panic - not syncing: ...')\n"
	"  3  domain crashed by Xen ('Hardware Dom0 crashed', no kernel panic)\n"
	"  4  Xen panic ('Panic on CPU')\n"
	"  5  timeout\n"
	"  6  QEMU exited before any outcome\n"
	"  7  QEMU could not be started\n"
	"  8  Xen image missing or not an ELF32 multiboot file\n"
	"  9  kernel missing or not an ELF64 x86-64 file\n"
	"  64 bad command line;  70 internal error;  73 cannot create the log\n"
	"     (or the --results file)\n"
	"  130, 143, 129  interrupted by SIGINT, SIGTERM, SIGHUP\n";

static double dmin(double a, double b)
{
	return a < b ? a : b;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- command line ---- */

static _Noreturn void usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static _Noreturn void usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("pvrun: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (see pvrun --help)\n", stderr);
	exit(EXIT_USAGE);
}

static bool parse_uint(const char *s, unsigned long long *v, char **end)
{
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*v = strtoull(s, end, 10);
	return errno == 0;
}

/** @return the KiB multiplier of a size suffix such as "M", "MiB", "g". */
static unsigned long long size_unit(const char *s)
{
	unsigned long long unit;

	if (!*s)
		return 1024; /* a plain number is MiB */
	switch (toupper((unsigned char)*s)) {
	case 'K': unit = 1; break;
	case 'M': unit = 1024; break;
	case 'G': unit = 1024 * 1024; break;
	default: return 0;
	}
	s++;
	return !*s || !strcmp(s, "B") || !strcmp(s, "iB") ? unit : 0;
}

static unsigned parse_mem(const char *s)
{
	unsigned long long v, unit;
	char *end;

	if (parse_uint(s, &v, &end) && (unit = size_unit(end)) != 0 &&
	    v <= (1ull << 40) && (v * unit) % 1024 == 0 &&
	    v * unit / 1024 >= MEM_MIN_MIB && v * unit / 1024 <= MEM_MAX_MIB)
		return (unsigned)(v * unit / 1024);
	usage_error("--mem: invalid value '%s': need a whole number of MiB "
		    "from %u to %u, e.g. 512, 512M or 2G",
		    s, MEM_MIN_MIB, MEM_MAX_MIB);
}

static unsigned parse_cpus(const char *s)
{
	unsigned long long v;
	char *end;

	if (parse_uint(s, &v, &end) && !*end && v >= 1 && v <= CPUS_MAX)
		return (unsigned)v;
	usage_error("--cpus: invalid value '%s': need a number from 1 to %u", s,
		    CPUS_MAX);
}

static double parse_timeout(const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end != s && !*end && !errno && isfinite(v) && v >= 0 && v <= 1e6)
		return v;
	usage_error("--timeout: invalid value '%s': need seconds from 0 "
		    "(no timeout) to 1000000, e.g. 60 or 2.5",
		    s);
}

static enum outcome_kind parse_expect(const char *s)
{
	for (int k = OUT_SHUTDOWN; k <= OUT_TIMEOUT; k++)
		if (strcmp(s, expect_names[k]) == 0)
			return (enum outcome_kind)k;
	usage_error("--expect: invalid value '%s': need shutdown, panic, "
		    "crash, xen-panic or timeout",
		    s);
}

static unsigned parse_port(const char *s)
{
	unsigned long long v;
	char *end;

	if (parse_uint(s, &v, &end) && !*end && v <= GDB_PORT_MAX)
		return (unsigned)v;
	usage_error("--gdb-port: invalid value '%s': need a TCP port from 1 "
		    "to %u, or 0 for a free one",
		    s, GDB_PORT_MAX);
}

static const char *nonempty(const char *opt, const char *s)
{
	if (!*s)
		usage_error("%s: empty value", opt);
	return s;
}

enum { OPT_QEMU = 256, OPT_GDB, OPT_GDB_PORT, OPT_DRY_RUN, OPT_EXPECT, OPT_INITRD, OPT_RESULTS,
       OPT_DOMU, OPT_GUEST_MEM, OPT_TCG_THREAD };

static const struct option long_opts[] = {
	{ "kernel", required_argument, NULL, 'k' },
	{ "xen", required_argument, NULL, 'x' },
	{ "qemu", required_argument, NULL, OPT_QEMU },
	{ "mem", required_argument, NULL, 'm' },
	{ "cpus", required_argument, NULL, 'c' },
	{ "tcg-thread", required_argument, NULL, OPT_TCG_THREAD },
	{ "kargs", required_argument, NULL, 'a' },
	{ "initrd", required_argument, NULL, OPT_INITRD },
	{ "xenargs", required_argument, NULL, 'X' },
	{ "domu", required_argument, NULL, OPT_DOMU },
	{ "guest-mem", required_argument, NULL, OPT_GUEST_MEM },
	{ "timeout", required_argument, NULL, 't' },
	{ "log", required_argument, NULL, 'l' },
	{ "quiet-xen", no_argument, NULL, 'q' },
	{ "results", required_argument, NULL, OPT_RESULTS },
	{ "gdb", no_argument, NULL, OPT_GDB },
	{ "gdb-port", required_argument, NULL, OPT_GDB_PORT },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "expect", required_argument, NULL, OPT_EXPECT },
	{ "help", no_argument, NULL, 'h' },
	{ 0 },
};

static bool parse_tcg_thread(const char *s)
{
	if (strcmp(s, "single") && strcmp(s, "multi"))
		usage_error("--tcg-thread: invalid value '%s': need single or multi", s);
	return !strcmp(s, "single");
}

static void bad_option(int c, char **argv)
{
	const char *arg = argv[optind - 1];

	if (c == ':')
		usage_error("option '%s' needs a value", arg);
	if (optopt && strncmp(arg, "--", 2) != 0)
		usage_error("unknown option '-%c'", optopt);
	usage_error("unknown option '%s'", arg);
}

static void apply_option(struct options *o, int c, char **argv)
{
	switch (c) {
	case 'k': o->kernel = nonempty("--kernel", optarg); break;
	case 'x': o->xen = nonempty("--xen", optarg); break;
	case OPT_QEMU: o->qemu = nonempty("--qemu", optarg); break;
	case 'm': o->mem_mib = parse_mem(optarg); break;
	case 'c': o->cpus = parse_cpus(optarg); break;
	case OPT_TCG_THREAD: o->tcg_single = parse_tcg_thread(optarg); break;
	case 'a': o->kargs = optarg; break;
	case OPT_INITRD: o->initrd = nonempty("--initrd", optarg); break;
	case 'X': o->xenargs = optarg; break;
	case OPT_DOMU: o->domu = nonempty("--domu", optarg); break;
	case OPT_GUEST_MEM: o->guest_mib = parse_mem(optarg); break;
	case 't': o->timeout = parse_timeout(optarg); break;
	case 'l': o->log = nonempty("--log", optarg); break;
	case 'q': o->quiet_xen = true; break;
	case OPT_RESULTS: o->results = nonempty("--results", optarg); break;
	case OPT_GDB: o->gdb = true; o->gdb_port = GDB_DEFAULT_PORT; break;
	case OPT_GDB_PORT: o->gdb = true; o->gdb_port = parse_port(optarg); break;
	case OPT_DRY_RUN: o->dry_run = true; break;
	case OPT_EXPECT: o->expect = parse_expect(optarg); break;
	case 'h': fputs(usage_text, stdout); exit(0);
	default: bad_option(c, argv);
	}
}

/** QEMU's multiboot -initrd splits at commas and Xen at the first space. */
static void check_kernel_args(const struct options *o)
{
	if (strpbrk(o->kernel, ", \t\n"))
		usage_error("--kernel: invalid value '%s': the path must not "
			    "contain spaces or commas",
			    o->kernel);
	/* QEMU loads a module from the text before its first space. */
	if (o->initrd && strpbrk(o->initrd, ", \t\n"))
		usage_error("--initrd: invalid value '%s': the path must not "
			    "contain spaces or commas",
			    o->initrd);
	if (strlen(o->kargs) > KARGS_MAX)
		usage_error("--kargs: value of %zu bytes is too long: Xen passes "
			    "at most %u",
			    strlen(o->kargs), KARGS_MAX);
}

/**
 * Port 0 asks the kernel for a free port on the loopback address; QEMU binds
 * it again once this socket is closed, so another program could take it in
 * between, which QEMU then reports as a failure to start.
 */
static unsigned free_local_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
		fprintf(stderr, "pvrun: --gdb-port 0: no free port on 127.0.0.1: %s\n",
			strerror(errno));
		exit(EXIT_INTERNAL);
	}
	close(fd);
	return ntohs(a.sin_port);
}

/** The stub listens on loopback only: it gives whoever connects the whole machine. */
static void set_gdb(struct options *o)
{
	if (!o->gdb_port)
		o->gdb_port = free_local_port();
	snprintf(o->gdb_dev, sizeof(o->gdb_dev), "tcp:127.0.0.1:%u", o->gdb_port);
	o->timeout = 0;
}

static void parse_options(int argc, char **argv, struct options *o)
{
	int c;

	*o = (struct options){
		.kernel = "build/pvmmu",
		.xen = "build/xen/xen-4.17-amd64",
		.qemu = "qemu-system-x86_64",
		.kargs = "",
		.xenargs = "",
		.log = "build/log/last.log",
		.mem_mib = 512,
		.cpus = 1,
		.timeout = 60,
	};
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":k:x:m:c:a:X:t:l:qh", long_opts,
				NULL)) != -1)
		apply_option(o, c, argv);
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);
	check_kernel_args(o);
	if (o->domu && !o->guest_mib)
		o->guest_mib = 256;
	if (o->gdb)
		set_gdb(o);
}

/* ---- QEMU command ---- */

/** The QEMU argv and the strings it points to. */
struct qemu_cmd {
	char mem[24], smp[24];
	char *xen_cmdline, *initrd;
	const char *argv[40];
};

/**
 * "<kernel> <args>[,<initrd>]" with every comma of the first module doubled,
 * as -initrd wants it: the unescaped comma separates multiboot modules.
 */
static char *initrd_arg(const struct options *o)
{
	char *joined = xasprintf("%s%s%s", o->kernel, *o->kargs ? " " : "",
				 o->kargs);
	char *out = xrealloc(NULL, 2 * strlen(joined) + 1), *q = out;

	for (const char *p = joined; *p; p++) {
		*q++ = *p;
		if (*p == ',')
			*q++ = ',';
	}
	*q = '\0';
	free(joined);
	if (o->initrd) {
		joined = xasprintf("%s,%s", out, o->initrd);
		free(out);
		out = joined;
	}
	return out;
}

/** @return the size of @p path in whole MiB, rounded up; 0 if unknown. */
static unsigned file_mib(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0 || st.st_size < 0)
		return 0;
	return (unsigned)(((unsigned long long)st.st_size + (1u << 20) - 1) >> 20);
}

/**
 * QEMU's memory: dom0's, plus Xen's own. With --initrd the modules can be
 * large (a Linux ELF is ~64 MiB) and Xen holds them in RAM while it builds
 * dom0, so their size comes on top; a plain pvmmu boot keeps the old size.
 */
static unsigned qemu_mem_mib(const struct options *o)
{
	unsigned m = o->mem_mib;

	if (o->initrd)
		m += file_mib(o->kernel) + file_mib(o->initrd);
	return m + 64 + o->mem_mib / 32 + o->guest_mib;
}

static void build_cmd(const struct options *o, struct qemu_cmd *c)
{
	unsigned m = o->mem_mib;
	int n = 0;

	snprintf(c->mem, sizeof(c->mem), "%u", qemu_mem_mib(o));
	snprintf(c->smp, sizeof(c->smp), "%u", o->cpus);
	c->xen_cmdline = xasprintf(
		"console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all "
		"console_timestamps=boot dom0=pv dom0_mem=%uM,max:%uM "
		"dom0_max_vcpus=%u noreboot%s%s",
		m, m, o->cpus, *o->xenargs ? " " : "", o->xenargs);
	c->initrd = initrd_arg(o);
	const char *fixed[] = {
		o->qemu, "-machine", "pc", "-cpu", "max", "-m", c->mem,
		"-smp", c->smp, "-display", "none", "-vga", "none",
		"-nodefaults", "-no-reboot", "-monitor", "none",
		"-serial", "stdio", "-kernel", o->xen,
		"-append", c->xen_cmdline, "-initrd", c->initrd,
	};
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		c->argv[n++] = fixed[i];
	if (o->tcg_single) {
		c->argv[n++] = "-accel";
		c->argv[n++] = "tcg,thread=single";
	}
	if (o->gdb) {
		c->argv[n++] = "-gdb";
		c->argv[n++] = o->gdb_dev;
		c->argv[n++] = "-S";
	}
	c->argv[n] = NULL;
}

static void free_cmd(struct qemu_cmd *c)
{
	free(c->xen_cmdline);
	free(c->initrd);
}

static void put_quoted(FILE *f, const char *s)
{
	if (*s && !s[strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvw"
			      "xyz0123456789_@%+=:,./-")]) {
		fputs(s, f);
		return;
	}
	fputc('\'', f);
	for (; *s; s++)
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	fputc('\'', f);
}

static void put_cmd(FILE *f, const char *prefix, const struct qemu_cmd *c)
{
	fputs(prefix, f);
	for (int i = 0; c->argv[i]; i++) {
		if (i)
			fputc(' ', f);
		put_quoted(f, c->argv[i]);
	}
	fputc('\n', f);
	fflush(f);
}

/* ---- log file ---- */

static bool mkdir_p(char *dir)
{
	for (char *p = dir + 1;; p++) {
		if (*p != '/' && *p)
			continue;
		char saved = *p;

		*p = '\0';
		if (mkdir(dir, 0777) != 0 && errno != EEXIST)
			return false;
		*p = saved;
		if (!saved)
			return true;
	}
}

static FILE *open_log(const char *path)
{
	char *dir = strdup(path), *slash = dir ? strrchr(dir, '/') : NULL;
	bool ok = dir != NULL;
	FILE *f = NULL;

	if (slash && slash != dir) {
		*slash = '\0';
		ok = mkdir_p(dir);
	}
	if (ok)
		f = fopen(path, "w");
	if (!f)
		fprintf(stderr, "pvrun: cannot create log '%s': %s\n", path,
			strerror(errno));
	free(dir);
	return f;
}

/* ---- QEMU process ---- */

/** A running QEMU and the read ends of its stdout and stderr pipes. */
struct child {
	pid_t pid;
	int in, out, err;	/* in: QEMU's stdin, the serial line's input */
};

static const int handled_signals[] = { SIGINT, SIGTERM, SIGHUP };

static void on_signal(int sig)
{
	got_signal = sig;
}

/**
 * Blocks the termination signals except inside ppoll(), so that a signal
 * can never slip in between checking the flag and going to sleep.
 * @param waitmask receives the mask to pass to ppoll().
 */
static void setup_signals(sigset_t *waitmask)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block;

	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	for (size_t i = 0; i < 3; i++) {
		sigaction(handled_signals[i], &sa, NULL);
		sigaddset(&block, handled_signals[i]);
	}
	sigprocmask(SIG_BLOCK, &block, waitmask);
	for (size_t i = 0; i < 3; i++)
		sigdelset(waitmask, handled_signals[i]);
	/* A closed stdout (pvrun | head) must not kill us before cleanup. */
	signal(SIGPIPE, SIG_IGN);
}

static _Noreturn void child_exec(const char *const *argv, const int fds[3],
				 int errpipe, pid_t parent)
{
	sigset_t none;
	int e;

	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
	for (size_t i = 0; i < 3; i++)
		signal(handled_signals[i], SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int fd = 0; fd < 3; fd++) {
		if (dup2(fds[fd], fd) < 0) {
			e = errno;
			goto fail;
		}
	}
	execvp(argv[0], (char *const *)argv);
	e = errno;
fail:
	if (write(errpipe, &e, sizeof(e)) < 0)
		_exit(126);
	_exit(127);
}

/** @return true if the child reported an exec failure (its errno in @p e). */
static bool exec_failed(int errpipe, int *e)
{
	ssize_t n;

	do
		n = read(errpipe, e, sizeof(*e));
	while (n < 0 && errno == EINTR);
	close(errpipe);
	return n == (ssize_t)sizeof(*e);
}

/** @return 0, or the exit code to leave with after printing why. */
static int spawn_qemu(const char *const *argv, struct child *ch)
{
	int in[2], out[2], err[2], ex[2], e;
	pid_t parent = getpid(), pid;

	/* QEMU's stdin is its serial line's input (-serial stdio): pvrun feeds it. */
	if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC) ||
	    pipe2(ex, O_CLOEXEC) || (pid = fork()) < 0) {
		fprintf(stderr, "pvrun: cannot start QEMU: %s\n",
			strerror(errno));
		return EXIT_INTERNAL;
	}
	if (pid == 0)
		child_exec(argv, (const int[3]){ in[0], out[1], err[1] }, ex[1],
			   parent);
	setpgid(pid, pid);
	close(in[0]);
	close(out[1]);
	close(err[1]);
	close(ex[1]);
	if (exec_failed(ex[0], &e)) {
		waitpid(pid, NULL, 0);
		close(in[1]);
		close(out[0]);
		close(err[0]);
		fprintf(stderr, "pvrun: cannot run QEMU '%s': %s\n", argv[0],
			strerror(e));
		return EXIT_NO_QEMU;
	}
	*ch = (struct child){ .pid = pid, .in = in[1], .out = out[0], .err = err[0] };
	return 0;
}

static bool reaped(pid_t pid, int *status)
{
	return waitpid(pid, status, WNOHANG) == pid;
}

/** Signals QEMU's process group, or QEMU alone if setpgid() had failed. */
static void signal_qemu(pid_t pid, int sig)
{
	if (kill(-pid, sig) != 0)
		kill(pid, sig);
}

/** Ends QEMU (TERM, then KILL after a second) and reaps it. */
static int stop_qemu(pid_t pid)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };
	int status = 0;

	if (reaped(pid, &status))
		return status;
	signal_qemu(pid, SIGTERM);
	for (int ms = 0; ms < KILL_WAIT_MS; ms += 10) {
		nanosleep(&tick, NULL);
		if (reaped(pid, &status))
			return status;
	}
	signal_qemu(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

/* ---- the run ---- */

/** Output of one pipe, cut into lines. */
struct stream {
	int fd;
	bool eof;
	char *buf;
	size_t len, cap;
};

/** Everything one run needs. */
struct run {
	const struct options *o;
	struct console con;
	struct stream out, err;
	struct input in;
	size_t shown;		/* bytes of the unended console line already on the terminal */
	double start, grace_end, timeout_end;
	char err_tail[ERR_TAIL][DETAIL_MAX];
	unsigned nerr;
};

static void stream_fill(struct stream *s)
{
	ssize_t n;

	if (s->cap - s->len < READ_CHUNK + 1) {
		s->cap = s->cap * 2 + READ_CHUNK + 1;
		s->buf = xrealloc(s->buf, s->cap);
	}
	n = read(s->fd, s->buf + s->len, READ_CHUNK);
	if (n > 0)
		s->len += (size_t)n;
	else if (n == 0 || errno != EINTR)
		s->eof = true;
}

/** Drops CRs (the serial line ends lines with CR LF) and stray NULs. */
static void strip_cr(char *s, size_t n)
{
	size_t j = 0;

	for (size_t i = 0; i < n; i++)
		if (s[i] != '\r' && s[i] != '\0')
			s[j++] = s[i];
	s[j] = '\0';
}

static void on_console_line(struct run *r, char *line, bool ended)
{
	double now = now_s();
	const char *text;

	input_output_seen(&r->in, now, line_classify(line, &text) == FROM_KERNEL);
	/* A line shown as it was typed is shown again whole, over itself. */
	if (r->shown) {
		fputs("\r", stdout);
		r->shown = 0;
	}

	switch (r->o->domu ? domu_line(&r->con, line, ended)
			   : console_line(&r->con, line, ended)) {
	case EV_FINAL:
	case EV_XEN_PANIC_DONE:
		r->grace_end = dmin(r->grace_end, now + GRACE_S);
		r->timeout_end = INFINITY;
		break;
	case EV_XEN_PANIC:
		r->grace_end = now + XEN_PANIC_S;
		r->timeout_end = INFINITY;
		break;
	case EV_NONE:
		break;
	}
}

static void on_stderr_line(struct run *r, char *line, bool ended)
{
	(void)ended;
	console_passthrough(&r->con, line);
	snprintf(r->err_tail[r->nerr++ % ERR_TAIL], DETAIL_MAX, "%s", line);
}

/**
 * Hands every complete line of @p s to @p fn; with @p flush also the
 * unterminated rest, which matters when QEMU is gone or being ended.
 */
static void stream_lines(struct run *r, struct stream *s, bool flush,
			 void (*fn)(struct run *, char *, bool))
{
	size_t start = 0;

	while (start < s->len) {
		char *nl = memchr(s->buf + start, '\n', s->len - start);
		size_t end = nl ? (size_t)(nl - s->buf) : s->len;

		if (!nl && !flush && s->len - start < MAX_LINE)
			break;
		strip_cr(s->buf + start, end - start);
		fn(r, s->buf + start, nl != NULL);
		start = nl ? end + 1 : end;
	}
	if (start) {
		memmove(s->buf, s->buf + start, s->len - start);
		s->len -= start;
	}
	/* At a terminal a prompt and the echo of what is typed cannot wait for the newline. */
	if (s == &r->out && r->in.terminal && s->len > r->shown) {
		fwrite(s->buf + r->shown, 1, s->len - r->shown, stdout);
		fflush(stdout);
		r->shown = s->len;
	}
}

static void pump(struct run *r, struct pollfd *p)
{
	if (p[2].revents && input_read(&r->in)) {
		fprintf(stderr, "\npvrun: Ctrl-] pressed: ending the run\n");
		got_signal = SIGINT;
	}
	if (p[0].revents) {
		stream_fill(&r->out);
		stream_lines(r, &r->out, r->out.eof, on_console_line);
	}
	if (p[1].revents) {
		stream_fill(&r->err);
		stream_lines(r, &r->err, r->err.eof, on_stderr_line);
	}
}

/** Rounds up, so that a wake-up never comes before the deadline. */
static struct timespec to_timespec(double s)
{
	long long ns = (long long)(s * 1e9) + 1;

	return (struct timespec){ (time_t)(ns / 1000000000),
				  (long)(ns % 1000000000) };
}

/** Streams QEMU's output until an outcome, a timeout, a signal or EOF. */
static void run_loop(struct run *r, const sigset_t *waitmask)
{
	while (!(r->out.eof && r->err.eof) && !got_signal) {
		double now = now_s(), until = dmin(r->grace_end, r->timeout_end);
		double wake = dmin(until, input_next_send(&r->in));
		struct pollfd p[3] = {
			{ .fd = r->out.eof ? -1 : r->out.fd, .events = POLLIN },
			{ .fd = r->err.eof ? -1 : r->err.fd, .events = POLLIN },
			{ .fd = r->in.fd, .events = POLLIN },
		};
		struct timespec ts = to_timespec(wake > now ? wake - now : 0);

		if (now >= until)
			break;
		input_send_due(&r->in, now);
		int n = ppoll(p, 3, isinf(wake) ? NULL : &ts, waitmask);

		if (n > 0) {
			pump(r, p);
		} else if (n < 0 && errno != EINTR) {
			fprintf(stderr, "pvrun: poll: %s\n", strerror(errno));
			break;
		}
	}
	stream_lines(r, &r->out, true, on_console_line);
	stream_lines(r, &r->err, true, on_stderr_line);
}

/** Settles the outcome once the loop has ended. */
static enum outcome_kind final_kind(struct run *r, bool qemu_exited)
{
	struct console *c = &r->con;

	if (got_signal)
		return OUT_INTERRUPTED;
	if (c->final)
		return c->kind;
	if (c->panic_seen) {
		snprintf(c->detail, DETAIL_MAX, "%s", c->panic_msg);
		return OUT_PANIC;
	}
	return qemu_exited ? OUT_QEMU_EXIT : OUT_TIMEOUT;
}

static void describe_status(int status, char *buf, size_t n)
{
	if (WIFSIGNALED(status))
		snprintf(buf, n, "was killed by SIG%s",
			 sigabbrev_np(WTERMSIG(status)));
	else
		snprintf(buf, n, "exited with status %d", WEXITSTATUS(status));
}

static void say_outcome(struct run *r, enum outcome_kind kind, int status)
{
	struct console *c = &r->con;
	const char *d = c->detail, *sep = *d ? ": " : "";
	char how[64];

	switch (kind) {
	case OUT_SHUTDOWN:
		console_say(c, "pvrun: outcome: shutdown (%s)", d);
		break;
	case OUT_TIMEOUT:
		if (*d)
			console_say(c, "pvrun: outcome: timeout (%s)", d);
		else
			console_say(c, "pvrun: outcome: timeout after %g s",
				    r->o->timeout);
		console_say(c, "pvrun: last console line: %s", c->last_line);
		break;
	case OUT_QEMU_EXIT:
		describe_status(status, how, sizeof(how));
		console_say(c, "pvrun: outcome: qemu %s before any outcome",
			    how);
		for (unsigned i = r->nerr > ERR_TAIL ? r->nerr - ERR_TAIL : 0;
		     i < r->nerr; i++)
			console_say(c, "pvrun: qemu stderr: %s",
				    r->err_tail[i % ERR_TAIL]);
		break;
	case OUT_INTERRUPTED:
		console_say(c, "pvrun: outcome: interrupted by SIG%s",
			    sigabbrev_np(got_signal));
		break;
	default:
		console_say(c, "pvrun: outcome: %s%s%s", short_names[kind], sep,
			    d);
	}
}

static int outcome_code(enum outcome_kind kind, unsigned failed)
{
	static const int codes[] = {
		[OUT_SHUTDOWN] = EXIT_SHUTDOWN, [OUT_PANIC] = EXIT_PANIC,
		[OUT_CRASH] = EXIT_DOMAIN_CRASH, [OUT_XEN_PANIC] = EXIT_XEN_PANIC,
		[OUT_TIMEOUT] = EXIT_TIMEOUT, [OUT_QEMU_EXIT] = EXIT_QEMU_EXIT,
	};

	if (kind == OUT_INTERRUPTED)
		return 128 + got_signal;
	if (kind == OUT_SHUTDOWN && failed)
		return EXIT_TEST_FAILED;
	return codes[kind];
}

/** Applies --expect: a met expectation turns the outcome into success. */
static int check_expect(struct run *r, enum outcome_kind kind, int code)
{
	struct console *c = &r->con;
	enum outcome_kind want = r->o->expect;

	if (want == OUT_NONE || kind == OUT_INTERRUPTED)
		return code;
	if (kind == want && !(kind == OUT_SHUTDOWN && c->failed + c->errors))
		return 0;
	if (kind == OUT_SHUTDOWN && c->failed + c->errors)
		console_say(c, "pvrun: expected %s, got shutdown with %u failed "
			       "test(s)", expect_names[want], c->failed + c->errors);
	else
		console_say(c, "pvrun: expected %s, got %s", expect_names[want],
			    expect_names[kind]);
	return code ? code : EXIT_TEST_FAILED;
}

/**
 * The exit code in words, as the last line of a run: `make run` fails with
 * make's own status (2 for anything), which would read as a kernel panic.
 */
static const char *exit_words(int code, bool expecting)
{
	switch (code) {
	case EXIT_SHUTDOWN: return expecting ? "the expected outcome" : "clean shutdown";
	case EXIT_TEST_FAILED: return "shut down, but a test failed or the outcome was not the expected one";
	case EXIT_PANIC: return "kernel panic";
	case EXIT_DOMAIN_CRASH: return "domain crashed by Xen";
	case EXIT_XEN_PANIC: return "Xen panic";
	case EXIT_TIMEOUT: return "timeout";
	case EXIT_QEMU_EXIT: return "QEMU exited before any outcome";
	case EXIT_CANT_CREATE: return "cannot write the --results file";
	case 128 + SIGINT: return "interrupted by SIGINT";
	case 128 + SIGTERM: return "interrupted by SIGTERM";
	case 128 + SIGHUP: return "interrupted by SIGHUP";
	default: return "see pvrun --help";
	}
}

static int report(struct run *r, bool qemu_exited, int status)
{
	enum outcome_kind kind = final_kind(r, qemu_exited);
	int code;

	say_outcome(r, kind, status);
	console_finish_tests(&r->con, short_names[kind]);
	code = check_expect(r, kind,
			    outcome_code(kind, r->con.failed + r->con.errors));
	if (r->o->results && !console_write_results(&r->con, r->o->results) &&
	    !code)
		code = EXIT_CANT_CREATE;
	console_say(&r->con, "pvrun: %.2f s, log in %s, Xen %s", now_s() - r->start,
		    r->o->log, r->con.xen_version[0] ? r->con.xen_version : "version not seen");
	console_say(&r->con, "pvrun: exit %d (%s)", code,
		    exit_words(code, r->o->expect != OUT_NONE));
	return code;
}

static int run_qemu(const struct options *o, const struct qemu_cmd *cmd,
		    const struct symbols *syms, FILE *log)
{
	struct run r = { .o = o, .grace_end = INFINITY };
	struct child ch;
	sigset_t waitmask;
	int code, status;

	console_init(&r.con, log, o->quiet_xen, syms);
	put_cmd(log, "pvrun: QEMU command: ", cmd);
	setup_signals(&waitmask);
	r.start = now_s();
	r.timeout_end = o->timeout > 0 ? r.start + o->timeout : INFINITY;
	code = spawn_qemu(cmd->argv, &ch);
	if (code)
		return code;
	if (o->gdb)
		console_say(&r.con, "pvrun: QEMU waits for gdb on 127.0.0.1:%u; "
				    "attach with: gdb %s -ex 'target remote 127.0.0.1:%u'",
			    o->gdb_port, o->kernel, o->gdb_port);
	r.out = (struct stream){ .fd = ch.out };
	r.err = (struct stream){ .fd = ch.err };
	input_init(&r.in, ch.in);
	/* Someone types: the session lasts as long as they want (Ctrl-] ends it). */
	if (r.in.terminal)
		r.timeout_end = INFINITY;
	run_loop(&r, &waitmask);
	input_finish(&r.in);
	close(ch.in);
	bool exited = r.out.eof && r.err.eof;
	status = stop_qemu(ch.pid);
	close(ch.out);
	close(ch.err);
	code = report(&r, exited, status);
	free(r.out.buf);
	free(r.err.buf);
	console_free(&r.con);
	return code;
}

/** Checks the images, then boots them. @return the exit code. */
static int check_and_run(const struct options *o, const struct qemu_cmd *cmd)
{
	struct symbols *syms;
	FILE *log;
	int code;

	if (!elf_check_xen(o->xen))
		return EXIT_BAD_XEN;
	if (!(syms = symbols_open(o->domu ? o->domu : o->kernel)))
		return EXIT_BAD_KERNEL;
	/* QEMU's own message for a missing module would come as a QEMU exit. */
	if (o->initrd && access(o->initrd, R_OK) != 0) {
		fprintf(stderr, "pvrun: initrd '%s': %s\n", o->initrd,
			strerror(errno));
		symbols_close(syms);
		return EXIT_USAGE;
	}
	log = open_log(o->log);
	code = log ? run_qemu(o, cmd, syms, log) : EXIT_CANT_CREATE;
	if (log)
		fclose(log);
	symbols_close(syms);
	return code;
}

int main(int argc, char **argv)
{
	struct options o;
	struct qemu_cmd cmd;
	int code = 0;

	parse_options(argc, argv, &o);
	build_cmd(&o, &cmd);
	if (o.dry_run) {
		put_cmd(stdout, "", &cmd);
	} else {
		setvbuf(stdout, NULL, _IOLBF, 0);
		code = check_and_run(&o, &cmd);
	}
	free_cmd(&cmd);
	return code;
}
