/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/suspend.h
 * @brief A domU's suspend and resume (kernel/xen/suspend.c, docs/domu.md).
 */
#ifndef PVMMU_SUSPEND_H
#define PVMMU_SUSPEND_H

/**
 * Suspend for the toolstack (control/shutdown "suspend"), return once
 * resumed: in a new domain (xl restore, xl migrate) or the same one
 * (xl save -c).  Prints the page-table check and the frame counts.
 * @return 0 once resumed; -EBUSY, with a line, while more than one vCPU is
 * online (refused: the domain was not suspended).
 */
int xen_suspend(void);

#endif
