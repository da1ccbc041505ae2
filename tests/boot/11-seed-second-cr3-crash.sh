# SPDX-License-Identifier: MIT
# write_cr3=seed is the commit exactly: the early variant replaces itself
# after its first call, so a second write_cr3 before struct pages exist
# crashes the same way.
boot seed-second-cr3-crash crash --kargs "write_cr3=seed second_early_cr3"
log_has 'mmu: write_cr3=seed: early variant until its first call'
log_has '\(XEN\) .*Pagetable walk from ffffea00000[0-9a-f]{5}:'
log_has '\(XEN\) .* L4\[0x1d4\] = 0000000000000000 ffffffffffffffff'
log_has 'xen_get_user_pgd\+'
log_lacks 'paging_init'
