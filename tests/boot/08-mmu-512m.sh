# SPDX-License-Identifier: MIT
# At 512 MiB (the default) bring-up shows the layout and its cost, and the
# MMU self-checks pass.
boot mmu-512m shutdown --kargs "test=mm.*"
log_has 'mmu: write_cr3=ready: early variant until struct pages exist'
log_has 'mmu: setup_kernel_pagetable: own L4 at pfn 0x[0-9a-f]+ pinned and loaded'
log_has "Xen's [0-9]+ tables unpinned"
log_has 'mmu: init_mem_mapping: 512 MiB direct-mapped'
log_has 'mmu: struct pages ready: alloc_pt and write_cr3 are the late variants'
log_has '  ffff880000000000-ffff8800[0-9a-f]{8} +[0-9]+[KMG] RW NX  direct map'
log_has '  ffffea0000000000-ffffea0000400000 +4M RW NX  vmemmap \(struct page\)'
log_has '  ffffffff80000000-ffffffff800[0-9a-f]{5} +[0-9]+K ro x   kernel map' "text is read-only and executable"
log_has 'ro NX  kernel map' "rodata and page tables are read-only"
log_has 'mmu: bring-up took [0-9.]+ ms: [0-9]+ page-table pages, [0-9]+ hypercalls'
log_has 'tests: 7 passed, 0 failed, 0 skipped'
