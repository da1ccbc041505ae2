# SPDX-License-Identifier: MIT
# The vCPU matrix: with VCPUS=1, 2, 3, 4 and 8 every vCPU Xen gives dom0 is
# brought up (VCPUOP_initialise + VCPUOP_up, timed in the log), each one's
# this_cpu() is its own struct cpu, the lock test adds exactly N x 5000 under
# one spinlock, user space runs, and the machine powers off cleanly.

# vcpus_boot N: boot with N vCPUs and check all of the above.
vcpus_boot() {
	local n=$1
	boot "vcpus-$n" shutdown --cpus "$n" --timeout 120 \
		--kargs "test=smp.*,mm.pgd_pair init=hello"
	log_has "vcpus: $n; vCPU 0 boots"
	for ((i = 1; i < n; i++)); do
		log_has "smp: vCPU $i up in [0-9]+\\.[0-9]{3} ms: own stack, trap table, IPI port [0-9]+$"
	done
	log_has "smp: $n of $n vCPUs online$"
	log_has '^\[ +[0-9]+\.[0-9]{6}\] hello\[[0-9]+\]\| hello from pid [0-9]+: hello$'
	if ((n > 1)); then
		log_has 'test: smp.lock: PASS'
		log_has 'tests: 3 passed, 0 failed, 0 skipped'
	else
		log_has 'test: smp.lock: SKIP: one vCPU online'
		log_has 'tests: 2 passed, 0 failed, 1 skipped'
	fi
	sweep_result
}

for n in 1 2 3 4 8; do
	vcpus_boot "$n"
done
sweep_finish vcpus
