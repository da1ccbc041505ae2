# SPDX-License-Identifier: MIT
# The seed's outcomes hold with 2 vCPUs (the others start only after
# trap_init, so the crashes happen on vCPU 0 before any other vCPU exists),
# and a panic on vCPU 1 is reported, naming it, while vCPU 0 waits for it.

boot smp-seed-late crash --cpus 2 --kargs "write_cr3=late"
log_has 'vcpus: 2; vCPU 0 boots'
log_has '\(XEN\) .*d0v0 Unhandled: vec 14, #PF\[0000\]'
log_has '\(XEN\) .* L4\[0x1d4\] = 0000000000000000 ffffffffffffffff'
log_has 'xen_get_user_pgd\+'
log_lacks 'smp: vCPU 1 up' "vCPU 1 was never started"
sweep_result

boot smp-seed-second crash --cpus 2 --kargs "write_cr3=seed second_early_cr3"
log_has '\(XEN\) .* L4\[0x1d4\] = 0000000000000000 ffffffffffffffff'
log_lacks 'smp: vCPU 1 up'
sweep_result

boot smp-ready-second shutdown --cpus 2 --kargs "second_early_cr3 test=mm.pgd_pair"
log_has 'mmu: write_cr3=ready'
log_has 'smp: 2 of 2 vCPUs online$'
log_has 'tests: 1 passed, 0 failed'
sweep_result

boot smp-panic panic --cpus 2 --kargs "test=smp_panic"
log_has '^\[ +[0-9.]+\] panic: on vCPU 1; the domain ends with it, every vCPU with it$'
log_has '^\[ +[0-9.]+\] Kernel panic - not syncing: test hook: panic on vCPU 1$'
log_has '\[<ffffffff80[0-9a-f]{6}>\] panic_here\+' "the trace is vCPU 1's"
log_has '^pvrun: outcome: panic: test hook: panic on vCPU 1$'
sweep_result

sweep_finish smp-seed-panic
