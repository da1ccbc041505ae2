/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_conf_lib.c
 * @brief The conformance suite's scratch tables, raw requests and case lines.
 *
 * The requests go straight to Xen, not through pv_mmu_ops, so that a refusal
 * comes back as a value instead of the panic the kernel's own paths (rightly)
 * make of it.  Only the tables' read-only aliases go through pv_mmu_ops
 * (alloc_pt / release_pt), so the harness's page-table count stays honest.
 */
#include <string.h>
#include "pgtable.h"
#include "printk.h"
#include "pv_mmu.h"
#include "test_conf.h"
#include "vsprintf.h"

#define CONF_MAX 16

static struct {
	bool armed, hooked;
	unsigned int nr_tables, nr_pinned;
	pteval_t *tables[CONF_MAX];
	enum pt_level levels[CONF_MAX];
	const void *pinned[CONF_MAX];
} conf;

unsigned long conf_mfn(const void *va)
{
	return pfn_to_mfn(virt_to_pfn(va));
}

pteval_t conf_entry(const void *va, pteval_t flags)
{
	return (pteval_t)conf_mfn(va) << PAGE_SHIFT | flags;
}

static const char *rc_text(long rc, char *buf, size_t size)
{
	if (rc < 0)
		snprintf(buf, size, "-%s", errno_name(rc));
	else
		snprintf(buf, size, "%ld", rc);
	return buf;
}

void conf_case(const char *what, const char *where, long rc, long expect)
{
	char got[24], want[24];

	printk("conf: %s | %s | %s\n", what, where, rc_text(rc, got, sizeof(got)));
	if (rc != expect)
		test_fail("%s: Xen returned %s, its source says %s", what, got,
			  rc_text(expect, want, sizeof(want)));
}

long conf_set(const pteval_t *table, unsigned int index, pteval_t val)
{
	mmu_update_t req = { pt_entry_machine_address(table) + index * sizeof(pteval_t), val };

	return HYPERVISOR_mmu_update(&req, 1, NULL, DOMID_SELF);
}

long conf_mmuext(unsigned int cmd, unsigned long arg1)
{
	struct mmuext_op op = { .cmd = cmd, .arg1.mfn = arg1 };

	return HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

/* Undo in reverse: unhook, unpin (Xen drops each table's type and its children's), unalias. */
static void conf_teardown(void *unused)
{
	long rc;

	(void)unused;
	if (conf.hooked) {
		rc = conf_set(init_pgd, CONF_SLOT, 0);
		if (rc)
			test_fail("teardown: clearing L4 slot %d: %s", CONF_SLOT, errno_name(rc));
		conf_mmuext(MMUEXT_TLB_FLUSH_LOCAL, 0);
	}
	while (conf.nr_pinned) {
		const void *t = conf.pinned[--conf.nr_pinned];

		rc = conf_mmuext(MMUEXT_UNPIN_TABLE, conf_mfn(t));
		if (rc)
			test_fail("teardown: unpin of mfn %#lx: %s", conf_mfn(t), errno_name(rc));
	}
	while (conf.nr_tables) {
		conf.nr_tables--;
		pv_mmu_ops.release_pt(virt_to_pfn(conf.tables[conf.nr_tables]),
				      conf.levels[conf.nr_tables]);
	}
	conf.armed = conf.hooked = false;
}

static void conf_arm(void)
{
	if (!conf.armed)
		test_defer(conf_teardown, NULL);
	conf.armed = true;
}

void *conf_data(void)
{
	struct page *page = test_alloc_page();
	void *va;

	if (!page) {
		test_error("conf: no free page");
		return NULL;
	}
	va = page_address(page);
	memset(va, 0, PAGE_SIZE);
	return va;
}

pteval_t *conf_table(enum pt_level level)
{
	pteval_t *t;

	if (conf.nr_tables == CONF_MAX) {
		test_error("conf: more than %d scratch tables", CONF_MAX);
		return NULL;
	}
	t = conf_data();
	if (!t)
		return NULL;
	conf_arm();
	pv_mmu_ops.alloc_pt(virt_to_pfn(t), level);
	conf.levels[conf.nr_tables] = level;
	conf.tables[conf.nr_tables++] = t;
	return t;
}

long conf_pin(const void *table, enum pt_level as)
{
	static const unsigned int cmd[] = {
		[PT_PTE] = MMUEXT_PIN_L1_TABLE, [PT_PMD] = MMUEXT_PIN_L2_TABLE,
		[PT_PUD] = MMUEXT_PIN_L3_TABLE, [PT_PGD] = MMUEXT_PIN_L4_TABLE,
	};
	long rc = conf_mmuext(cmd[as], conf_mfn(table));

	if (!rc) {
		conf_arm();
		conf.pinned[conf.nr_pinned++] = table;
	}
	return rc;
}

long conf_unpin(const void *table)
{
	long rc = conf_mmuext(MMUEXT_UNPIN_TABLE, conf_mfn(table));

	for (unsigned int i = 0; !rc && i < conf.nr_pinned; i++) {
		if (conf.pinned[i] == table) {
			conf.pinned[i] = conf.pinned[--conf.nr_pinned];
			break;
		}
	}
	return rc;
}

long conf_hook(const pteval_t *l3)
{
	long rc = conf_set(init_pgd, CONF_SLOT, conf_entry(l3, KERNPG_TABLE));

	if (!rc) {
		conf_arm();
		conf.hooked = true;
	}
	return rc;
}

pteval_t *conf_chain(void)
{
	pteval_t *l3 = conf_table(PT_PUD), *l2 = conf_table(PT_PMD), *l1 = conf_table(PT_PTE);

	if (!l1)
		return NULL;
	if (conf_hook(l3) || conf_set(l3, pt_index(CONF_VA, PT_PUD), conf_entry(l2, KERNPG_TABLE)) ||
	    conf_set(l2, pt_index(CONF_VA, PT_PMD), conf_entry(l1, KERNPG_TABLE))) {
		test_error("conf: hooking an empty L3 -> L2 -> L1 at %#lx was refused", CONF_VA);
		return NULL;
	}
	return l1;
}

pteval_t *conf_chain_table(enum pt_level level)
{
	return pt_walk(init_pgd, CONF_VA, level) - pt_index(CONF_VA, level);
}

unsigned long conf_xen_mfn(void)
{
	return (init_pgd[XEN_FIRST_SLOT] & PTE_ADDR_MASK) >> PAGE_SHIFT;
}
