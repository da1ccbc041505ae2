/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/init/params.c
 * @brief The one table of kernel command-line parameters.
 *
 * Defaults live here only, as text; `make run KARGS=help` prints the table.
 */
#include "cmdline.h"
#include "fault_inject.h"
#include "kernel.h"
#include "params.h"
#include "pv_mmu.h"
#include "tlb.h"
#include "xen_mmu.h"
#include "xenbus.h"

char param_test[256];
char param_init[256];
bool param_second_early_cr3;
static bool param_help;

static const char *const write_cr3_policies[] = { "ready", "seed", "late", NULL };

static const struct kparam kparams[] = {
	KPARAM_STR("test", param_test, "",
		   "in-guest tests to run: all, list, a name, a,b or prefix*"),
	KPARAM_ENUM("write_cr3", param_write_cr3, write_cr3_policies, "ready",
		    "when write_cr3 starts loading the user pgd too: ready (struct pages exist), "
		    "seed (after its first call, the 2013 fix), late (always: the 2013 crash)"),
	KPARAM_BOOL("second_early_cr3", param_second_early_cr3, "0",
		    "test hook: one more write_cr3 between init_mem_mapping and paging_init, "
		    "before struct pages exist"),
	KPARAM_STR("init", param_init, "",
		   "user programs for process 1 to run in turn, e.g. init=tests or "
		   "init=hello,bench (empty: no user space)"),
	KPARAM_STR("fail", param_fail, "",
		   "fault injection: SITE:N:ERRNO fails the Nth MMU request at SITE "
		   "(or op mmu_update/mmuext_op) with -ERRNO before Xen sees it; list: the sites"),
	KPARAM_BOOL("domu_wait", param_domu_wait, "0",
		    "domU: when done, wait for the toolstack's control/shutdown instead of "
		    "powering off (for xl shutdown, reboot, save)"),
	KPARAM_BOOL("tlb_shootdown", param_tlb_shootdown, "1",
		    "test switch: off leaves out the flush of other vCPUs that have an address "
		    "space loaded when its mappings change (docs/smp.md)"),
	KPARAM_BOOL("drop_mm_ref", param_drop_mm_ref, "1",
		    "test switch: off leaves out the switch of other vCPUs off a dying address "
		    "space's pgd before it is unpinned and freed (docs/smp.md)"),
	KPARAM_BOOL("help", param_help, "0", "print this table of kernel parameters"),
};

void params_init(const char *cmdline)
{
	unsigned int warnings = cmdline_parse(cmdline, kparams, ARRAY_SIZE(kparams));

	/* fail= has a syntax of its own: checked here, with the same kind of warning. */
	warnings += fault_inject_init();
	if (warnings)
		printk("cmdline: %u warning%s; `make run KARGS=help` lists the parameters\n",
		       warnings, warnings == 1 ? "" : "s");
	if (param_help)
		cmdline_print_help(kparams, ARRAY_SIZE(kparams));
}
