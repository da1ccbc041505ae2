# SPDX-License-Identifier: MIT
# VCPUS=2: Xen gives dom0 two vCPUs; pvmmu says it runs on vCPU 0 only, and
# its MMU and user space work as with one.
boot vcpus shutdown --cpus 2 --kargs "test=mm.pgd_pair init=hello"
log_has 'vcpus: 2; pvmmu runs on vCPU 0, the others stay down \(it is a uniprocessor kernel\)$'
log_has '^\[ +[0-9]+\.[0-9]{6}\] hello\[[0-9]+\]\| hello from pid [0-9]+: hello$'
log_has 'tests: 1 passed, 0 failed'
