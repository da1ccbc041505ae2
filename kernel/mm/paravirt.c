/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/mm/paravirt.c
 * @brief What mm/ declares and xen/ fills in: the pv_mmu_ops table and the frame tables.
 *
 * mm/ owns the interface (pv_mmu.h, mm.h) and calls only through it; the
 * Xen layer implements it (xen_init_mmu_ops copies its table here,
 * xen_init_p2m points the frame tables at Xen's).  Defining them on mm's
 * side keeps the dependency one way: xen/ -> mm/, never back.
 */
#include "pv_mmu.h"

struct pv_mmu_ops pv_mmu_ops;

unsigned long *p2m;
const unsigned long *m2p;
unsigned long max_pfn;
