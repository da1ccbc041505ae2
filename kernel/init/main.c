/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/init/main.c
 * @brief start_kernel: the boot order, top to bottom.
 */
#include "console.h"
#include "console_ring.h"
#include "errno.h"
#include "fault_inject.h"
#include "hypercall.h"
#include "kernel.h"
#include "ktest.h"
#include "page_alloc.h"
#include "pagewalk.h"
#include "params.h"
#include "percpu.h"
#include "proc.h"
#include "pv_mmu.h"
#include "sched.h"
#include "smp.h"
#include "spinlock.h"
#include "traps.h"
#include "tty.h"
#include "xen_mmu.h"
#include "xen_p2m.h"
#include "xen_pagetable.h"
#include "xen_setup.h"
#include "xen_time.h"
#include "xenbus.h"

#ifdef __clang__
#define COMPILER "clang " __clang_version__
#else
#define COMPILER "gcc " __VERSION__
#endif

extern char _text[], _etext[], _rodata[], _erodata[], _data[], _bss[], _end[];

static void print_banner(void)
{
	xen_extraversion_t extra = "";
	long version = HYPERVISOR_xen_version(XENVER_version, NULL);
	long rc = HYPERVISOR_xen_version(XENVER_extraversion, &extra);

	if (version < 0 || rc < 0)
		panic("xen_version(XENVER_version) = %ld, xen_version(XENVER_extraversion) = %ld",
		      version, rc);
	extra[sizeof(extra) - 1] = '\0';
	printk("pvmmu 0.1: x86-64 PV kernel, built with " COMPILER ", on Xen %ld.%ld%s\n",
	       version >> 16, version & 0xffff, extra);
	printk("kernel: text %p-%p rodata %p-%p data %p-%p bss %p-%p\n", _text, _etext, _rodata,
	       _erodata, _data, _bss, _bss, _end);
}

static void print_start_info(const start_info_t *si)
{
	bool dom0 = si->flags & SIF_INITDOMAIN;

	printk("start_info: %.32s\n", si->magic);
	printk("  nr_pages      %lu (%lu MiB)\n", si->nr_pages, si->nr_pages >> 8);
	printk("  shared_info   %#lx (machine address)\n", si->shared_info);
	printk("  pt_base       %#lx\n", si->pt_base);
	printk("  nr_pt_frames  %lu\n", si->nr_pt_frames);
	printk("  mfn_list      %#lx\n", si->mfn_list);
	printk("  first_p2m_pfn %#lx (%lu frames)\n", si->first_p2m_pfn, si->nr_p2m_frames);
	printk("  flags         %#x (%s%s) => %s\n", si->flags,
	       si->flags & SIF_PRIVILEGED ? "privileged " : "",
	       dom0 ? "initdomain" : "", dom0 ? "dom0" : "domU");
	printk("  cmd_line      \"%s\"\n", (const char *)si->cmd_line);
}

/* Xen gives dom0 dom0_max_vcpus= vCPUs; only vCPU 0 runs until smp_bring_up starts the others. */
static unsigned int print_vcpus(void)
{
	unsigned int n = smp_count_vcpus();

	printk("vcpus: %u; vCPU 0 boots%s\n", n,
	       n > 1 ? ", the others come up once the trap table is in place" : "");
	return n;
}

/*
 * Where Xen starts every other vCPU, on its own stack with %gs set: the
 * per-vCPU part of the boot, then idle.  No user process runs here yet.
 */
static void __noreturn secondary_start(void)
{
	smp_cpu_starting();
	trap_init_cpu();
	sched_init_cpu();
	smp_cpu_online();
	sched_idle();
}

void start_kernel(start_info_t *si);
void start_kernel(start_info_t *si)
{
	unsigned int nr_vcpus;

	/* vCPU 0's struct cpu first: every hypercall counts itself there. */
	percpu_init(0);
	/* Keep start_info next: everything Xen told us at start of day is there. */
	xen_start_info = si;
	/*
	 * printk and panic reach Xen only through what is registered here: dom0
	 * writes to Xen's console, a domU (refused console_io) to its ring.
	 */
	if (si->flags & SIF_INITDOMAIN)
		register_console(&xen_console);
	else
		xencons_ring_init();
	panic_register_halt(xen_crash);
	panic_register_cpu(cpu_number);
	/* Map shared_info next: printk's timestamps read Xen system time from it. */
	xen_map_shared_info();
	/* The console lock masks events, which live in vcpu_info: only now can it. */
	printk_register_lock(console_lock, console_unlock);
	time_init();
	/* The boot context is vCPU 0's idle context: `current` from here on. */
	sched_init_cpu();
	/* Say who we are and what Xen gave us before anything can go wrong. */
	print_banner();
	print_start_info(si);
	nr_vcpus = print_vcpus();
	/* Parse the command line before the steps that read their parameters. */
	params_init((const char *)si->cmd_line);
	/* The frame tables first: every entry Xen sees in our page tables holds an mfn. */
	xen_init_p2m();
	/* The toolstack finds the p2m through shared_info; it may save us at any time. */
	xen_build_mfn_list_list();
	/* Choose write_cr3's variant (write_cr3=) before the first page-table switch. */
	xen_init_mmu_ops();
	/* Leave Xen's start-of-day tables for our own L4 and kernel map. */
	setup_kernel_pagetable();
	/* Map all RAM; ends with write_cr3, as Linux 3.9 does: the seed's crash site. */
	init_mem_mapping();
	/* Test hook: later kernels reload %cr3 again here, before struct pages exist. */
	if (param_second_early_cr3)
		pv_mmu_ops.write_cr3(pv_mmu_ops.read_cr3());
	/* struct pages in vmemmap: from here virt_to_page() works. */
	paging_init();
	/* Now the operations that need struct pages may replace the early ones. */
	xen_post_allocator_init();
	/* Hand every frame bring-up did not use to the page allocator. */
	page_alloc_init();
	/* Show the address space and what bring-up cost. */
	mmu_report();
	/*
	 * Register the trap table only now, late, as Linux does after
	 * init_mem_mapping: until here a fault has no guest handler and Xen
	 * crashes the domain itself, which the seed's bug depends on.
	 */
	/* A kernel fault's report ends with mm's walk of %cr2: arch/x86 knows no page table. */
	die_register_context(report_fault_context);
	trap_init();
	/*
	 * The other vCPUs: each needs the final kernel pgd (its first cr3),
	 * struct pages for nothing, and registers its own traps; after trap_init
	 * so that vCPU 0, which reports their errors, has its handlers too.
	 */
	smp_bring_up(nr_vcpus, secondary_start);
	/* A domU talks to the toolstack through xenstore: its event needs the traps. */
	if (!(si->flags & SIF_INITDOMAIN))
		xenbus_init();
	/* User space needs traps (syscalls, faults) and the page allocator: it comes last. */
	if (*param_init)
		tty_start(si->flags & SIF_INITDOMAIN);	/* its processes may read the console (dom0 only, for now) */
	start_user_space(param_init);
	/* Everything is up: run the tests the command line asked for. */
	run_tests(param_test);
	/* A fail= that never fired gets a warning: its site was not reached that often. */
	fault_inject_report();
	if (param_domu_wait && !(si->flags & SIF_INITDOMAIN))
		xenbus_wait_for_toolstack();
	kernel_poweroff();
}
