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
# Each write_cr3 is announced before it runs: the early one, then the late one that crashes.
log_has 'mmu: write_cr3\(pfn 0x[0-9a-f]+\): early variant xen_write_cr3_init \(kernel pgd only\)$'
last_kernel=$(grep -E '^\[ +[0-9]+\.[0-9]{6}\] ' "$case_log" | tail -n 1)
[[ $last_kernel =~ mmu:\ write_cr3\(pfn\ 0x[0-9a-f]+\):\ late\ variant\ xen_write_cr3 ]] ||
	case_problems+=("the last kernel line before the crash does not name the late variant: '$last_kernel'")
log_has '^pvrun: call chain: xen_get_user_pgd \(kernel/xen/mmu\.c:[0-9]+\) ← xen_write_cr3 \(kernel/xen/mmu\.c:[0-9]+\) ← start_kernel \(kernel/init/main\.c:[0-9]+\)$'
log_has '^pvrun: outcome: domain crash: .*; the 2013 early write_cr3 crash that the seed commit fixes \(docs/seed\.md\)$'
