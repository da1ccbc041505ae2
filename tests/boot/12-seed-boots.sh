# SPDX-License-Identifier: MIT
# write_cr3=seed with Linux 3.9's single write_cr3 boots: the seed fixed it.
boot seed-boots shutdown --kargs "write_cr3=seed test=mm.pgd_pair"
log_has 'mmu: write_cr3=seed'
log_has 'mmu: struct pages ready'
log_has 'tests: 1 passed, 0 failed'
