/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/console_ring.h
 * @brief A domU's console ring (kernel/xen/console_ring.c).
 */
#ifndef PVMMU_CONSOLE_RING_H
#define PVMMU_CONSOLE_RING_H

/** Map start_info's console ring and register it as printk's console (flushed before shutdown). */
void xencons_ring_init(void);
/** After a resume, before any printk: map the ring and take its port from start_info again. */
void xencons_ring_resume(void);
/** How often a write found the ring full and waited for xenconsoled. */
extern unsigned long xencons_ring_full_waits;

#endif
