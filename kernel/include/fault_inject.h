/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/fault_inject.h
 * @brief fail=: the MMU call sites, and failing one request at a site on purpose.
 *
 * Every MMU hypercall request is queued in kernel/xen/multicall.c under the
 * call site that made it, one of the fixed list in mmu_sites.h (documented
 * in docs/robustness.md).  `fail=SITE:N:ERRNO`
 * makes the Nth request queued at SITE fail with -ERRNO before it reaches
 * Xen, so that every site's failure path can be seen on the real hypervisor.
 */
#ifndef PVMMU_FAULT_INJECT_H
#define PVMMU_FAULT_INJECT_H

#include <stdbool.h>
#include "mmu_sites.h"

/** One MMU call site: the name fail= knows it by. */
struct mmu_site {
	const char *name;
	unsigned int op;	/* __HYPERVISOR_mmu_update or __HYPERVISOR_mmuext_op */
	const char *what;	/* what its requests do */
	unsigned long calls;	/* requests queued here since boot */
};

/** The fail= parameter's text (kernel/init/params.c's table fills it). */
extern char param_fail[64];

/**
 * Check param_fail and arm the injection; `list` prints the sites.  A bad
 * value is warned about, as the command-line parser does, and nothing is
 * injected.  Returns the number of warnings printed (0 or 1).
 */
unsigned int fault_inject_init(void);

/**
 * Count a request queued at @p site.  Returns the negative error it must
 * fail with, or 0 to send it to Xen.
 */
long fault_inject_request(enum mmu_site_id site);

/** End of boot: warn if the armed failure never happened. */
void fault_inject_report(void);

/** The @p i-th site (an enum mmu_site_id), NULL past the last. */
const struct mmu_site *mmu_site(unsigned int i);
/** "mmu_update" / "mmuext_op". */
const char *mmu_op_name(unsigned int op);

/** What fail= asks for. */
struct fail_spec {
	enum mmu_site_id site;		/* NR_MMU_SITES: every request of op */
	unsigned int op;
	unsigned long nth;
	long err;			/* negative, as Xen returns it */
};

/** Parse @p text as SITE:N:ERRNO into @p spec; NULL if good, else what is wrong. */
const char *fault_inject_parse(const char *text, struct fail_spec *spec);

#endif
