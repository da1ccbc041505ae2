# SPDX-License-Identifier: MIT
# write_cr3=late is Linux before the seed commit: the full write_cr3 runs at
# the end of init_mem_mapping, reads the pgd's struct page in vmemmap before
# it is mapped, and Xen — no trap table yet — crashes the domain, printing
# the seed's page-table walk.
boot seed-late-crash crash --kargs "write_cr3=late"
log_has 'mmu: write_cr3=late: the late variant from the start'
log_has 'mmu: init_mem_mapping: 512 MiB direct-mapped'
log_has '\(XEN\) .*d0v0 Unhandled: vec 14, #PF\[0000\]' "a read fault"
log_has '\(XEN\) .*Pagetable walk from ffffea00000[0-9a-f]{5}:' "inside vmemmap's first MiB"
log_has '\(XEN\) .* L4\[0x1d4\] = 0000000000000000 ffffffffffffffff' "vmemmap's L4 slot is empty"
log_has '\(XEN\) .*RIP: +e033:\[<ffffffff80[0-9a-f]{6}>\] xen_get_user_pgd\+0x[0-9a-f]+/0x[0-9a-f]+ kernel/xen/mmu\.c:[0-9]+$' "the seed's faulting function"
log_has '^pvrun: guest stack: \[<ffffffff80[0-9a-f]{6}>\] xen_write_cr3\+0x[0-9a-f]+/0x[0-9a-f]+ kernel/xen/mmu\.c:[0-9]+$' "Xen's guest stack, named"
log_has '^pvrun: guest stack: \[<ffffffff80[0-9a-f]{6}>\] init_mem_mapping\+0x[0-9a-f]+/0x[0-9a-f]+ kernel/mm/init\.c:[0-9]+$' "the 2013 caller"
log_has '\(XEN\) .*Domain 0 \(vcpu#0\) crashed on cpu#0'
log_lacks 'paging_init' "it never got to struct pages"
log_lacks 'traps: .* registered' "no guest trap handler existed yet"
# The crash explains itself: the kernel named the variant before it ran, and
# pvrun turns Xen's raw guest stack into the call chain and names the story.
last_kernel=$(grep -E '^\[ +[0-9]+\.[0-9]{6}\] ' "$case_log" | tail -n 1)
[[ $last_kernel =~ mmu:\ write_cr3\(pfn\ 0x[0-9a-f]+\):\ late\ variant\ xen_write_cr3 ]] ||
	case_problems+=("the last kernel line before the crash does not name the late variant: '$last_kernel'")
log_has '^pvrun: call chain: xen_get_user_pgd \(kernel/xen/mmu\.c:[0-9]+\) ← xen_write_cr3 \(kernel/xen/mmu\.c:[0-9]+\) ← init_mem_mapping \(kernel/mm/init\.c:[0-9]+\) ← start_kernel \(kernel/init/main\.c:[0-9]+\)$'
log_has '^pvrun: outcome: domain crash: .*xen_get_user_pgd.*; the 2013 early write_cr3 crash that the seed commit fixes \(docs/seed\.md\)$'
