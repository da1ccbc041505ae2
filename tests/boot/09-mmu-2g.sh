# SPDX-License-Identifier: MIT
# MMU bring-up completes at 2 GiB and every MMU self-check passes.
boot mmu-2g shutdown --mem 2048 --kargs "test=mm.*"
log_has 'mmu: init_mem_mapping: 2048 MiB direct-mapped'
log_has 'mmu: paging_init: 524288 struct pages'
log_has 'tests: 7 passed, 0 failed, 0 skipped'
log_has 'mmu: init_mem_mapping: Xen validated the leaf tables \(of 1027\) as pinned on 1 vCPU\(s\), vCPU 0 1024$' \
	"one vCPU pins every leaf table"
