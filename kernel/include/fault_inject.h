/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/fault_inject.h
 * @brief fail=: the MMU call sites, and failing one request at a site on purpose.
 *
 * Every MMU hypercall request is queued in kernel/xen/multicall.c under the
 * name of the call site that made it.  The names form a fixed, documented
 * set (kernel/xen/fault_inject.c, docs/robustness.md).  `fail=SITE:N:ERRNO`
 * makes the Nth request queued at SITE fail with -ERRNO before it reaches
 * Xen, so that every site's failure path can be seen on the real hypervisor.
 */
#ifndef PVMMU_FAULT_INJECT_H
#define PVMMU_FAULT_INJECT_H

#include <stdbool.h>

/** One MMU call site: the name its requests carry. */
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
 * Count a request queued at @p site for hypercall @p op.  Returns the
 * negative error it must fail with, or 0 to send it to Xen.
 */
long fault_inject_request(const char *site, unsigned int op);

/** End of boot: warn if the armed failure never happened. */
void fault_inject_report(void);

/** The @p i-th known site, NULL past the last. */
const struct mmu_site *mmu_site(unsigned int i);
/** The first site name used that is not in the list, or NULL. */
const char *mmu_site_unknown(void);
/** "mmu_update" / "mmuext_op". */
const char *mmu_op_name(unsigned int op);

/** What fail= asks for. */
struct fail_spec {
	const struct mmu_site *site;	/* NULL: every request of op */
	unsigned int op;
	unsigned long nth;
	long err;			/* negative, as Xen returns it */
};

/** Parse @p text as SITE:N:ERRNO into @p spec; NULL if good, else what is wrong. */
const char *fault_inject_parse(const char *text, struct fail_spec *spec);

#endif
