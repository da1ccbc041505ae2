# SPDX-License-Identifier: MIT
# MMU bring-up shared across vCPUs (docs/smp.md, "Helpers"): at 2 GiB with
# 2 vCPUs, vCPU 1 comes up early as a helper and pins a share of the direct
# map's 1024 leaf tables beside vCPU 0, so that Xen validates them side by
# side; the shares add up to all of them, the hook finds them valid, and
# the helper is woken later, parked, for the real bring-up.
boot mmu-share shutdown --cpus 2 --mem 2048 --kargs "test=mm.* init=hello"
log_has 'mmu: init_mem_mapping: Xen validated the leaf tables \(of 1027\) as pinned on 2 vCPU\(s\), vCPU 0 [1-9][0-9]*, vCPU 1 [1-9][0-9]*$' \
	"both vCPUs pinned a share"
share=$(sed -nE 's/.*as pinned on 2 vCPU\(s\), vCPU 0 ([0-9]+), vCPU 1 ([0-9]+)$/\1 \2/p' "$case_log")
read -r s0 s1 <<<"$share"
((s0 + s1 == 1024)) || case_problems+=("the shares $s0 + $s1 are not the 1024 leaf tables")
log_has 'smp: vCPU 1 up in [0-9]+\.[0-9]{3} ms: own stack, trap table, IPI port [0-9]+$' "the parked helper came up for good"
log_has 'smp: 2 of 2 vCPUs online$'
log_has 'tests: 7 passed, 0 failed, 0 skipped'
log_has 'hello\[[0-9]+\]\| hello from pid'
