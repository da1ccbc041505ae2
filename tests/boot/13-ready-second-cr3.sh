# SPDX-License-Identifier: MIT
# write_cr3=ready keeps the early variant until struct pages exist, so the
# second early write_cr3 that crashes "seed" is harmless.
boot ready-second-cr3 shutdown --kargs "write_cr3=ready second_early_cr3 test=mm.*"
log_has 'mmu: write_cr3=ready'
log_has 'mmu: paging_init: '
log_lacks 'Pagetable walk'
log_has 'tests: 7 passed, 0 failed, 0 skipped'
