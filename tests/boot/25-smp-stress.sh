# SPDX-License-Identifier: MIT
# The SMP issue's stress at full size on 4 vCPUs (init=smp_stress, t_smp
# with 10,000 fork+exit+wait cycles): free frames, page-table pages and pins
# come back exactly, 1,000 thread create/join cycles too, and the
# copy-on-write storm keeps every byte.  One TCG thread runs the 4 vCPUs:
# with a host thread each on this 2-core machine, every Xen flush IPI waits
# for the host to schedule its target, and 200 cycles took 11 s instead of
# 0.7 (docs/smp.md).
boot smp-stress shutdown --cpus 4 --tcg-thread single --timeout 400 --kargs "init=smp_stress"
log_has 'smp: 4 of 4 vCPUs online'
log_has 'smp_stress\[[0-9]+\]\| t_smp: 10000 fork\+exit\+wait cycles on 4 vCPUs: [0-9]+ free frames, [0-9]+ page-table pages, [0-9]+ pins, as before$'
log_has 'smp_stress\[[0-9]+\]\| t_smp: 1000 thread create/join cycles on 4 vCPUs: .* as before$'
log_has 'smp_stress\[[0-9]+\]\| test: user.smp.cow_storm: PASS'
log_has 'smp_stress\[[0-9]+\]\| test: user.smp.kill_remote: PASS'
log_has 'init: smp_stress exited with status 0'
log_has 'proc: all processes have exited'
