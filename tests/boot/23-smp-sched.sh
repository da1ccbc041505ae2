# SPDX-License-Identifier: MIT
# User processes and threads on every vCPU (issue 10 step 3): with VCPUS=4
# every user test (init=tests, t_smp's included) and every in-guest test
# passes, each vCPU binds its own timer, and the machine powers off once
# every process has exited.  With VCPUS=2 the SMP cases run again, beside
# t_orphans (kills and reparenting across vCPUs).

boot smp-sched-4 shutdown --cpus 4 --timeout 900 --kargs "test=all init=tests"
for ((i = 0; i < 4; i++)); do
	log_has "events: VIRQ_TIMER on port [0-9]+ for vCPU $i, 10 ms time slice"
done
log_has 't_smp\[[0-9]+\]\| test: user.smp.spread: PASS'
log_has 't_smp\[[0-9]+\]\| test: user.smp.kill_remote: PASS'
log_has 't_smp: 4 spinners seen on vCPUs 0xf of 0xf'
log_has 'init: tests exited with status 0'
log_has 'proc: all processes have exited'
log_has 'tests: [1-9][0-9]* passed, 0 failed'
sweep_result

boot smp-sched-2 shutdown --cpus 2 --timeout 300 --kargs "init=t_smp,t_orphans,t_procs"
log_has 't_smp: 2 spinners seen on vCPUs 0x3 of 0x3'
log_has 'init: t_orphans exited with status 0'
log_has 'proc: all processes have exited'
sweep_result
sweep_finish smp-sched
