/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_conf.h
 * @brief The PV MMU conformance suite's tools (test=conf.*): scratch page
 *        tables that Xen validates, raw MMU requests that return Xen's answer
 *        unfiltered, and one line per case for docs/conformance.md.
 *
 * Every case prints `conf: CASE | WHERE | RESULT` (WHERE: the function of
 * xen/arch/x86 that decides; RESULT: 0 or Xen's error by name) and fails
 * the test when RESULT is not the one Xen's source says.  What a test builds
 * is undone after it, whatever its outcome: the hook in L4 slot CONF_SLOT
 * is cleared, its pins dropped, its tables made writable again.
 */
#ifndef PVMMU_TEST_CONF_H
#define PVMMU_TEST_CONF_H

#include <stdint.h>
#include <xen/xen.h>
#include "errno.h"
#include "hypercall.h"
#include "ktest.h"
#include "mm.h"

/* An L4 slot nothing in pvmmu maps (Linux's vmalloc area): the scratch tables hang there. */
#define CONF_SLOT 402
#define CONF_VA 0xffffc90000000000UL

/* The PTE bits pvmmu itself never sets, which the cases try. */
#define _PAGE_PWT 0x008ULL
#define _PAGE_PCD 0x010ULL
#define _PAGE_PSE 0x080ULL
#define _PAGE_GLOBAL 0x100ULL

/** A zeroed page that will be a page table at @p level: read-only everywhere, not yet typed. */
pteval_t *conf_table(enum pt_level level);
/** A zeroed ordinary writable page. */
void *conf_data(void);
/** The machine frame behind a direct-map or kernel address. */
unsigned long conf_mfn(const void *va);
/** An entry for the frame at @p va with @p flags. */
pteval_t conf_entry(const void *va, pteval_t flags);

/** MMUEXT_PIN_L<as>_TABLE of @p table; unpinned at teardown when it succeeds. */
long conf_pin(const void *table, enum pt_level as);
/** MMUEXT_UNPIN_TABLE (the teardown's bookkeeping follows). */
long conf_unpin(const void *table);
/** One mmuext op with its first argument (an mfn or a va). */
long conf_mmuext(unsigned int cmd, unsigned long arg1);
/** One MMU_NORMAL_PT_UPDATE of @p table[@p index]. */
long conf_set(const pteval_t *table, unsigned int index, pteval_t val);
/** init_pgd[CONF_SLOT] = @p l3 (cleared at teardown). */
long conf_hook(const pteval_t *l3);
/** Hook a fresh L3 -> L2 -> L1 chain at CONF_VA: the L1 that maps CONF_VA's first 2 MiB. */
pteval_t *conf_chain(void);
/** The chain's table at @p level (PT_PUD or PT_PMD), once conf_chain() made it. */
pteval_t *conf_chain_table(enum pt_level level);

/** A frame Xen owns and gives no guest: the L3 behind L4 slot 256 (the M2P's). */
unsigned long conf_xen_mfn(void);

/** Record one case: prints its line; a @p rc other than @p expect fails the test. */
void conf_case(const char *what, const char *where, long rc, long expect);

#endif
