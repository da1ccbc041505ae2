# SPDX-License-Identifier: MIT
# An iret to user mode with no user page table: Xen's do_iret crashes the
# domain (its "no user page tables" line is a gprintk, kept in release builds).
boot conformance-no-user-pgd crash --kargs "test=conf_no_user_pgd"
log_has 'conf: NEW_USER_BASEPTR 0 \| do_mmuext_op \| 0; now an iret to cs 0xe033'
log_has '\(XEN\) .*Guest switching to user mode with no user page tables'
log_has '\(XEN\) .*Domain 0 \(vcpu#0\) crashed on cpu#0'
