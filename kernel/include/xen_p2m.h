/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/xen_p2m.h
 * @brief kernel/xen/p2m.c: pointing mm's frame tables (mm.h) at Xen's.
 */
#ifndef PVMMU_XEN_P2M_H
#define PVMMU_XEN_P2M_H

/** p2m from start_info's mfn_list, m2p at Xen's read-only M2P; checks that they agree. */
void xen_init_p2m(void);
/** Publish the p2m's frame list in shared_info (arch.pfn_to_mfn_frame_list_list): for xl save. */
void xen_build_mfn_list_list(void);

#endif
