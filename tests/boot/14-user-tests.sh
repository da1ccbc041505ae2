# SPDX-License-Identifier: MIT
# User space on real Xen: init runs every user test program (init=tests);
# each user test is reported on its own.  Kernel/user pgd pairs, fork with
# copy-on-write, exec, the timer preempting a busy loop, and every
# isolation case contained, with the kernel carrying on; hostile process
# calls and bad user pointers refused, orphans reaped, a long write preempted;
# hostile brk/mmap/munmap (t_mman) killed with the message that says why.
boot user-tests shutdown --timeout 120 --kargs "init=tests"
log_has 'proc: starting init as pid 1'
log_has 'events: VIRQ_TIMER on port [0-9]+ for vCPU 0, 10 ms time slice'
log_has 'test: user.create_exit_1000: PASS'
log_has 'proc: pid [0-9]+ \(t_isolation\) killed: #GP: privileged instruction at rip 0x[0-9a-f]+ \(rsp 0x[0-9a-f]+\); exit status 132'
log_has 'proc: pid [0-9]+ \(t_isolation\) killed: page fault \(access to a kernel address 0xffffffff80000000\)'
log_has 'proc: pid [0-9]+ \(t_mman\) killed: page fault \(access to a PROT_NONE page 0x[0-9a-f]+\) at rip 0x[0-9a-f]+ \(rsp 0x[0-9a-f]+\); exit status 139'
log_has 'proc: pid [0-9]+ \(t_mman\) killed: page fault \(write to a read-only page 0x[0-9a-f]+\)'
log_has 'init: tests exited with status 0'
log_has 'proc: all processes have exited'
log_has 'pvmmu: power off'
