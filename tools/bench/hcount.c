/* SPDX-License-Identifier: MIT */
/**
 * @file tools/bench/hcount.c
 * @brief A QEMU TCG plugin: hypercalls and traps into Xen between the window
 *        marks of user/bench.c, counted the same way for any PV guest kernel.
 *
 * A 64-bit PV guest runs its kernel in ring 3 like its programs, so the
 * privilege level cannot tell a hypercall from a system call: the address
 * can.  Xen owns L4 slots 256-271 (0xffff800000000000-0xffff880000000000),
 * the guest kernel the rest of the upper half, its programs the lower half.
 * A `syscall` (0f 05) executed in the guest kernel's range is a hypercall
 * (HYPERVISOR_iret included; pvmmu's come from its hypercall page, Linux
 * 6.1's from its own text), one in the lower half a program's system call.
 * When Xen preempts a long hypercall (a multicall) it rewinds the guest to
 * the `syscall`, which runs again: a re-entry.  Execution otherwise reaches
 * a hypercall's `syscall` from the instructions before it, so a `syscall`
 * that begins a translation block is counted as a re-entry too (an upper
 * bound: a block may also begin there after a page boundary or an event).
 *
 * Xen is entered through its IDT and syscall stubs.  Each stub stores its
 * vector with `movl $VEC,4(%rsp)` (exceptions, and 0x100 for the syscall
 * entries) or `movb $VEC,4(%rsp)` (interrupts) within its first few
 * instructions; the plugin reads that when it translates the stub, so it
 * needs no symbols of Debian's stripped Xen.  Where the entry came from:
 * between two entries into Xen the guest runs in one mode only (a switch
 * between its kernel and its programs goes through Xen), so the guest
 * block counters that moved since the last entry say user, kernel, or
 * neither (Xen itself, e.g. an interrupt while it idles).
 *
 * QEMU 7.2's binary exports the plugin API but Debian ships no
 * qemu-plugin.h: the few declarations used follow, with 7.2's ABI.
 * Output (plugin argument out=FILE), written at the dump mark: one line per
 * window that was opened, see docs/bench.md.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu, void *udata);
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb, qemu_plugin_vcpu_udata_cb_t cb,
					  enum qemu_plugin_cb_flags flags, void *udata);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb, enum qemu_plugin_op op,
					      void *ptr, uint64_t imm);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn, qemu_plugin_vcpu_udata_cb_t cb,
					    enum qemu_plugin_cb_flags flags, void *udata);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn, enum qemu_plugin_op op,
						void *ptr, uint64_t imm);
void qemu_plugin_outs(const char *string);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;
__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const void *info, int argc, char **argv);

#define XEN_START 0xffff800000000000ULL
#define XEN_END 0xffff880000000000ULL
#define USER_END 0x0000800000000000ULL

/* user/bench.c's marks: nopl MARK(%rax), MARK = 0x5056 << 16 | figure << 1 | end. */
#define MARK_BASE 0x50560000u
#define NR_WINDOWS 0x80
#define MARK_DUMP 0x7f
#define SYSCALL_VEC 0x100	/* what Xen's syscall entries store as their vector */

enum origin { FROM_USER, FROM_KERNEL, FROM_XEN, NR_ORIGINS };

/* Everything counted; a window's figures are the difference across it. */
struct counts {
	uint64_t hypercalls;		/* syscall instructions in the guest kernel's range */
	uint64_t reentries;		/* those of them that begin a block: Xen rewound the guest */
	uint64_t user_syscalls;		/* and in its programs' */
	uint64_t entries[NR_ORIGINS][SYSCALL_VEC + 2];	/* Xen entries by origin and vector; +1: unknown */
};

static struct counts now, at_open[NR_WINDOWS], total[NR_WINDOWS];
static uint64_t opens[NR_WINDOWS];
static uint64_t user_tbs, kernel_tbs, last_user_tbs, last_kernel_tbs;
static char out_path[512];

static void on_entry(unsigned int vcpu, void *udata)
{
	unsigned int vec = (unsigned int)(uintptr_t)udata;
	enum origin from = FROM_XEN;

	(void)vcpu;
	if (user_tbs != last_user_tbs)
		from = FROM_USER;
	else if (kernel_tbs != last_kernel_tbs)
		from = FROM_KERNEL;
	last_user_tbs = user_tbs;
	last_kernel_tbs = kernel_tbs;
	now.entries[from][vec]++;
}

static void add_diff(struct counts *acc, const struct counts *a, const struct counts *b)
{
	const uint64_t *pa = (const uint64_t *)a, *pb = (const uint64_t *)b;
	uint64_t *pacc = (uint64_t *)acc;

	for (size_t i = 0; i < sizeof(*acc) / sizeof(uint64_t); i++)
		pacc[i] += pb[i] - pa[i];
}

static uint64_t sum_range(const uint64_t *v, unsigned int from, unsigned int to)
{
	uint64_t n = 0;

	for (unsigned int i = from; i < to; i++)
		n += v[i];
	return n;
}

/* One origin's exceptions: "14:512+13:3" (vector:count; no comma, for the CSV), or "-". */
static void print_vectors(FILE *f, const uint64_t *v)
{
	bool any = false;

	for (unsigned int i = 0; i <= SYSCALL_VEC + 1; i++) {
		if (!v[i] || i == SYSCALL_VEC || (i >= 0x20 && i < SYSCALL_VEC))
			continue;
		fprintf(f, "%s%s%u:%llu", any ? "+" : "", i > SYSCALL_VEC ? "?" : "", i > SYSCALL_VEC ? 0 : i,
			(unsigned long long)v[i]);
		any = true;
	}
	if (!any)
		fputs("-", f);
}

/* Exceptions are vectors below 0x20 and the stubs whose vector could not be read. */
static uint64_t exceptions(const uint64_t *v)
{
	return sum_range(v, 0, 0x20) + v[SYSCALL_VEC + 1];
}

static void dump(void)
{
	FILE *f = fopen(out_path, "w");

	if (!f) {
		qemu_plugin_outs("hcount: cannot write its output file\n");
		return;
	}
	for (unsigned int w = 0; w < NR_WINDOWS; w++) {
		const struct counts *c = &total[w];
		uint64_t irqs = 0;

		if (!opens[w])
			continue;
		for (int o = 0; o < NR_ORIGINS; o++)
			irqs += sum_range(c->entries[o], 0x20, SYSCALL_VEC);
		fprintf(f, "window=%u opens=%llu hypercalls=%llu reentries=%llu user_syscalls=%llu kernel_traps=%llu "
			"user_traps=%llu xen_traps=%llu interrupts=%llu syscall_entries_kernel=%llu kernel_vectors=",
			w, (unsigned long long)opens[w], (unsigned long long)c->hypercalls,
			(unsigned long long)c->reentries,
			(unsigned long long)c->user_syscalls,
			(unsigned long long)exceptions(c->entries[FROM_KERNEL]),
			(unsigned long long)exceptions(c->entries[FROM_USER]),
			(unsigned long long)exceptions(c->entries[FROM_XEN]), (unsigned long long)irqs,
			(unsigned long long)c->entries[FROM_KERNEL][SYSCALL_VEC]);
		print_vectors(f, c->entries[FROM_KERNEL]);
		fputs(" user_vectors=", f);
		print_vectors(f, c->entries[FROM_USER]);
		fputc('\n', f);
	}
	fclose(f);
}

static void on_mark(unsigned int vcpu, void *udata)
{
	unsigned int m = (unsigned int)(uintptr_t)udata, w = m >> 1;

	(void)vcpu;
	if (w == MARK_DUMP) {
		dump();
	} else if (!(m & 1)) {
		at_open[w] = now;
	} else {
		add_diff(&total[w], &at_open[w], &now);
		opens[w]++;
	}
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The vector a stub stores with movl/movb $VEC,4(%rsp), or -1 if @p b is not that store. */
static int stored_vector(const uint8_t *b, size_t n)
{
	if (n == 8 && b[0] == 0xc7 && b[1] == 0x44 && b[2] == 0x24 && b[3] == 0x04 && le32(b + 4) <= SYSCALL_VEC)
		return (int)le32(b + 4);
	if (n == 5 && b[0] == 0xc6 && b[1] == 0x44 && b[2] == 0x24 && b[3] == 0x04)
		return b[4];
	return -1;
}

static bool is_endbr64(const uint8_t *b, size_t n)
{
	return n == 4 && b[0] == 0xf3 && b[1] == 0x0f && b[2] == 0x1e && b[3] == 0xfa;
}

/*
 * A Xen block that is an entry stub: the exception and interrupt stubs
 * start with endbr64 and store their vector within three instructions, the
 * syscall entries within ten (they build the frame first).  The reserved
 * vectors' stubs branch before their store: entries of unknown vector.
 */
static void xen_tb(struct qemu_plugin_tb *tb, size_t n)
{
	const struct qemu_plugin_insn *first = qemu_plugin_tb_get_insn(tb, 0);
	bool endbr = is_endbr64(qemu_plugin_insn_data(first), qemu_plugin_insn_size(first));

	for (size_t i = 1; i < n && i < 11; i++) {
		const struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		int vec = stored_vector(qemu_plugin_insn_data(insn), qemu_plugin_insn_size(insn));

		if (vec < 0 || (vec != SYSCALL_VEC && (!endbr || i > 2)))
			continue;
		qemu_plugin_register_vcpu_tb_exec_cb(tb, on_entry, QEMU_PLUGIN_CB_NO_REGS,
						     (void *)(uintptr_t)vec);
		return;
	}
	if (endbr && n == 3) {	/* endbr64; test $8,%spl; je: a reserved vector's stub */
		const uint8_t *b = qemu_plugin_insn_data(qemu_plugin_tb_get_insn(tb, 1));

		if (qemu_plugin_insn_size(qemu_plugin_tb_get_insn(tb, 1)) == 4 && b[0] == 0x40 &&
		    b[1] == 0xf6 && b[2] == 0xc4 && b[3] == 0x08)
			qemu_plugin_register_vcpu_tb_exec_cb(tb, on_entry, QEMU_PLUGIN_CB_NO_REGS,
							     (void *)(uintptr_t)(SYSCALL_VEC + 1));
	}
}

static void guest_insn(struct qemu_plugin_insn *insn, bool user, bool first)
{
	const uint8_t *b = qemu_plugin_insn_data(insn);
	size_t n = qemu_plugin_insn_size(insn);

	if (n == 2 && b[0] == 0x0f && b[1] == 0x05) {
		qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64,
							   user ? &now.user_syscalls : &now.hypercalls, 1);
		if (first && !user)
			qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64,
								   &now.reentries, 1);
	} else if (user && n == 7 && b[0] == 0x0f && b[1] == 0x1f && b[2] == 0x80 &&
		 (le32(b + 3) & ~0xffffu) == MARK_BASE && (le32(b + 3) & 0xffff) < 2 * NR_WINDOWS)
		qemu_plugin_register_vcpu_insn_exec_cb(insn, on_mark, QEMU_PLUGIN_CB_NO_REGS,
						       (void *)(uintptr_t)(le32(b + 3) & 0xffff));
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t va = qemu_plugin_tb_vaddr(tb);
	size_t n = qemu_plugin_tb_n_insns(tb);
	bool user = va < USER_END;

	(void)id;
	if (va >= XEN_START && va < XEN_END) {
		xen_tb(tb, n);
		return;
	}
	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, user ? &user_tbs : &kernel_tbs, 1);
	for (size_t i = 0; i < n; i++)
		guest_insn(qemu_plugin_tb_get_insn(tb, i), user, i == 0);
}

int qemu_plugin_install(qemu_plugin_id_t id, const void *info, int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++)
		if (strncmp(argv[i], "out=", 4) == 0)
			snprintf(out_path, sizeof(out_path), "%s", argv[i] + 4);
	if (!out_path[0]) {
		qemu_plugin_outs("hcount: usage: -plugin hcount.so,out=FILE\n");
		return 1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	return 0;
}
