# SPDX-License-Identifier: MIT
# MMU bring-up completes at 128 MiB and every MMU self-check passes.
boot mmu-128m shutdown --mem 128 --kargs "test=mm.*"
log_has 'mmu: init_mem_mapping: 128 MiB direct-mapped at 0xffff880000000000'
log_has 'mmu: paging_init: 32768 struct pages'
log_has 'tests: 7 passed, 0 failed, 0 skipped'
