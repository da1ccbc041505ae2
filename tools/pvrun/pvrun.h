/* SPDX-License-Identifier: MIT */
/**
 * @file pvrun.h
 * @brief Declarations shared by the pvrun host runner's files: exit codes,
 *        outcomes, the kernel's symbols, console lines and the console
 *        analyser.
 */
#ifndef PVRUN_H
#define PVRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/** Process exit codes; docs/pvrun.md and --help document the same table. */
enum exit_code {
	EXIT_SHUTDOWN = 0,
	EXIT_TEST_FAILED = 1,
	EXIT_PANIC = 2,
	EXIT_DOMAIN_CRASH = 3,
	EXIT_XEN_PANIC = 4,
	EXIT_TIMEOUT = 5,
	EXIT_QEMU_EXIT = 6,
	EXIT_NO_QEMU = 7,
	EXIT_BAD_XEN = 8,
	EXIT_BAD_KERNEL = 9,
	EXIT_USAGE = 64,
	EXIT_INTERNAL = 70,
	EXIT_CANT_CREATE = 73,
};

/** How a run ended. */
enum outcome_kind {
	OUT_NONE,
	OUT_SHUTDOWN,
	OUT_PANIC,
	OUT_CRASH,
	OUT_XEN_PANIC,
	OUT_TIMEOUT,
	OUT_QEMU_EXIT,
	OUT_INTERRUPTED,
};

bool elf_check_xen(const char *path);

/** The kernel's symbols and line table (symbols.c, elfutils' libdwfl). */
struct symbols;

/** @return the kernel's symbols, or NULL (after saying why) if it is no ELF64 x86-64 file. */
struct symbols *symbols_open(const char *path);
/** How an address to name was found (symbols_describe). */
enum addr_use {
	ADDR_EXACT,	  /**< an instruction's own address: a RIP */
	ADDR_RETURN,	  /**< a return address, from a stack */
	ADDR_TRACE_START, /**< the kernel backtrace's first frame: either */
};

bool symbols_describe(const struct symbols *s, uint64_t addr,
		      enum addr_use use, char *out, size_t n);
void symbols_close(struct symbols *s);

/* Grow or die (util.c): out of memory ends pvrun with EXIT_INTERNAL. */
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Who wrote a console line, by how it starts (lines.c). */
enum line_from {
	FROM_KERNEL, /**< "[  0.000001] text" */
	FROM_USER,   /**< "[  0.000001] NAME[PID]| text": a process's write() */
	FROM_XEN,    /**< "(XEN) text" */
	FROM_OTHER,  /**< anything else: firmware, a line's continuation */
};

/** Test results, ranked: a test's worst result is its result. */
enum test_result {
	TEST_NONE,
	TEST_RUN,
	TEST_PASS,
	TEST_SKIP,
	TEST_ERROR, /**< the test could not run its own setup */
	TEST_FAIL,
};

/** @return where @p line came from; @p text gets its message. */
enum line_from line_classify(const char *line, const char **text);
/** @return where a Xen line starts inside a non-user @p line, or NULL. */
const char *line_xen_split(const char *line);
/**
 * Parses "test: NAME: RUN|PASS|FAIL: why|SKIP: why|ERROR: why" at @p text.
 * @return the result (NAME in @p name, the reason in @p why) or TEST_NONE.
 */
enum test_result line_parse_test(const char *text, char *name, size_t n,
				 const char **why);
const char *test_result_word(enum test_result r);

/** What the main loop must do after a console line. */
enum console_event {
	EV_NONE,
	EV_FINAL,     /**< outcome known: collect trailing lines briefly */
	EV_XEN_PANIC, /**< Xen panicked: wait for its closing banner */
	EV_XEN_PANIC_DONE,
};

#define DETAIL_MAX 512

/** One test seen on the console: its worst result so far. */
struct test_rec {
	char *name;
	enum test_result result;
	bool running; /**< RUN seen, no result since */
	char why[DETAIL_MAX];
};

/** Console analyser state: outcome so far, test counters, output sinks. */
struct console {
	FILE *log;
	bool quiet_xen;
	const struct symbols *syms;
	unsigned trace_entries; /**< "  [<addr>]" lines in a row so far */
	bool in_guest_stack;    /**< in Xen's "Guest stack trace" words */
	char chain[DETAIL_MAX]; /**< the crash's call chain: "f (file:line) ← g ..." */
	char chain_last[128];   /**< the chain's last function */
	bool vmemmap_walk;      /**< Xen walked a vmemmap address for the fault */

	enum outcome_kind kind;
	char detail[DETAIL_MAX];
	bool final;
	bool panic_seen;
	char panic_msg[DETAIL_MAX];
	char crash_fact[DETAIL_MAX];
	char crash_rip[DETAIL_MAX];
	bool in_crash_dump;
	int xen_panic_state;

	/** The console line being read on is a continuation, of a user line? */
	bool in_line, in_user_line;

	unsigned passed, failed, errors, skipped;
	struct test_rec *tests;
	size_t ntests;

	char last_line[DETAIL_MAX];
	char xen_version[32]; /**< from Xen's "Xen version 4.17.7 (...)" banner */
};

void console_init(struct console *c, FILE *log, bool quiet_xen,
		  const struct symbols *syms);
enum console_event console_line(struct console *c, char *line, bool ended);
void console_passthrough(struct console *c, const char *line);
void console_say(struct console *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void console_finish_tests(struct console *c, const char *why);
bool console_write_results(const struct console *c, const char *path);
void console_free(struct console *c);

/** pvrun's standard input on its way to QEMU's serial line (input.c). */
struct input {
	int fd;			/**< pvrun's stdin, -1 once ended or not taken */
	int qemu_fd;		/**< QEMU's stdin */
	bool terminal;		/**< raw mode: every key at once */
	bool eof, eof_sent;	/**< the input ended; its Ctrl-D went */
	bool guest_up;		/**< the kernel has printed: input reaches dom0, not Xen */
	char *buf;		/**< from a pipe: what is not sent yet */
	size_t len;
	double last_output, last_sent;
};

/** Take stdin: raw mode on a terminal pvrun owns; none on a terminal it does not. */
void input_init(struct input *in, int qemu_fd);
/** Give the terminal its modes back. */
void input_finish(struct input *in);
/** Read what stdin has; @return true when the escape key (Ctrl-]) came. */
bool input_read(struct input *in);
/** The console printed at @p now (a kernel line if @p kernel_line). */
void input_output_seen(struct input *in, double now, bool kernel_line);
/** When the next piped line may go (INFINITY: nothing to send). */
double input_next_send(const struct input *in);
/** Send the next piped line (or the final Ctrl-D) if its time has come. */
void input_send_due(struct input *in, double now);

/** One console line in --domu mode (domu.c): guest, host or Xen's. */
enum console_event domu_line(struct console *c, char *line, bool ended);

#endif
