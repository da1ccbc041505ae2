/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/fault_inject.c
 * @brief fail=SITE:N:ERRNO: the Nth MMU request at a call site fails before it reaches Xen.
 *
 * Xen refuses an MMU request only when the kernel broke one of its rules,
 * so on a healthy boot every failure path is untried code unless it is
 * provoked.  multicall.c asks fault_inject_request() about every request
 * it queues; the chosen one is not sent, and its multicall entry is cut
 * short at it, just as Xen stops an entry at its first refused request, so
 * the kernel sees what a real refusal would show it.
 *
 * N counts requests (one mmu_update entry, one mmuext op), not multicall
 * entries: how requests are merged and batched may change, the order in
 * which a site issues them does not.  SITE may also be an op name,
 * mmu_update or mmuext_op, to count that op's requests at every site.
 */
#include <string.h>
#include "cmdline.h"
#include "errno.h"
#include "fault_inject.h"
#include "hypercall.h"
#include "kernel.h"

char param_fail[64];

/* Indexed by enum mmu_site_id; docs/robustness.md says what each site does on failure. */
static struct mmu_site sites[] = {
#define SITE(id_, name_, op_, what_) \
	[MMU_SITE_##id_] = { .name = name_, .op = __HYPERVISOR_##op_, .what = what_ },
	MMU_SITES(SITE)
#undef SITE
};

static const struct {
	unsigned int op;
	const char *name;
} ops[] = { { __HYPERVISOR_mmu_update, "mmu_update" }, { __HYPERVISOR_mmuext_op, "mmuext_op" } };

static struct fail_spec armed;	/* nth == 0: nothing to inject */
static unsigned long matched;	/* requests that matched armed so far */

const struct mmu_site *mmu_site(unsigned int i)
{
	return i < ARRAY_SIZE(sites) ? &sites[i] : NULL;
}

const char *mmu_op_name(unsigned int op)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(ops); i++)
		if (ops[i].op == op)
			return ops[i].name;
	return "?";
}

static unsigned int op_by_name(const char *name)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(ops); i++)
		if (!strcmp(ops[i].name, name))
			return ops[i].op;
	return 0;
}

static enum mmu_site_id site_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < NR_MMU_SITES && strcmp(sites[i].name, name); i++)
		;
	return i;
}

/* Xen's own list of names, aliases (EWOULDBLOCK, EDEADLOCK) included; negative, as Xen returns them. */
static long errno_by_name(const char *name)
{
	static const struct {
		const char *name;
		long value;
	} names[] = {
#define XEN_ERRNO(name, value) { #name, value },
#include <xen/errno.h>
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(names[i].name, name))
			return -names[i].value;
	return 0;
}

const char *fault_inject_parse(const char *text, struct fail_spec *spec)
{
	char buf[sizeof(param_fail)], *rest = buf, *part[4];
	struct fail_spec s = { 0 };
	size_t len = strlen(text);
	unsigned int n = 0;

	if (len >= sizeof(buf))
		return "too long";
	memcpy(buf, text, len + 1);
	while (n < ARRAY_SIZE(part) && (part[n] = next_item(&rest, ':')))
		n++;
	if (n != 3)
		return "not of the form SITE:N:ERRNO";
	s.site = site_by_name(part[0]);
	s.op = s.site < NR_MMU_SITES ? sites[s.site].op : op_by_name(part[0]);
	if (!s.op)
		return "no such site";
	/* Decimal: N names a request, not a bit pattern. */
	if (kstrtoul(part[1], 10, &s.nth) || !s.nth)
		return "N is not a decimal number from 1 up";
	s.err = errno_by_name(part[2]);
	if (!s.err)
		return "ERRNO is not one of Xen's error names, e.g. EINVAL";
	*spec = s;
	return NULL;
}

static const char *target_name(const struct fail_spec *s)
{
	return s->site < NR_MMU_SITES ? sites[s->site].name : mmu_op_name(s->op);
}

static void list_sites(void)
{
	printk("fail: MMU call sites (fail=SITE:N:ERRNO; SITE may also be an op, "
	       "mmu_update or mmuext_op):\n");
	for (unsigned int i = 0; i < ARRAY_SIZE(sites); i++)
		printk("fail:   %-30s %-10s %s\n", sites[i].name, mmu_op_name(sites[i].op),
		       sites[i].what);
}

unsigned int fault_inject_init(void)
{
	const char *problem;

	if (!param_fail[0])
		return 0;
	if (!strcmp(param_fail, "list")) {
		list_sites();
		return 0;
	}
	problem = fault_inject_parse(param_fail, &armed);
	if (problem) {
		/* Worded as the command-line parser words a bad value: the default stays. */
		printk("cmdline: warning: bad value '%s' for 'fail' (%s; expected SITE:N:ERRNO, "
		       "fail=list lists the sites); keeping '' (nothing injected)\n",
		       param_fail, problem);
		param_fail[0] = '\0';
		return 1;
	}
	printk("fail: request %lu of %s will fail with %ld (%s) before it reaches Xen\n",
	       armed.nth, target_name(&armed), armed.err, errno_name(armed.err));
	return 0;
}

long fault_inject_request(enum mmu_site_id site)
{
	struct mmu_site *s = &sites[site];

	s->calls++;
	if (!armed.nth || (armed.site < NR_MMU_SITES ? armed.site != site : armed.op != s->op) ||
	    ++matched != armed.nth)
		return 0;
	printk("fail: request %lu of %s (a %s at %s) fails with %ld (%s), unsent\n", armed.nth,
	       target_name(&armed), mmu_op_name(s->op), s->name, armed.err, errno_name(armed.err));
	return armed.err;
}

void fault_inject_report(void)
{
	if (armed.nth && matched < armed.nth)
		printk("fail: warning: fail=%s never fired: %s had %lu request%s by the end of boot, "
		       "request %lu never came\n", param_fail, target_name(&armed), matched,
		       matched == 1 ? "" : "s", armed.nth);
}
