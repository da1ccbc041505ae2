# SPDX-License-Identifier: MIT
# Hostile user programs (t_entry, t_segments, t_faults, t_fpu) with Xen's
# smap=0: QEMU's TCG does an iretq's stack reads and a far call's pushes as
# supervisor accesses, which SMAP refuses, so only without it do crafted
# iretq frames reach the checks a CPU makes (init=tests runs the same
# programs with SMAP on).  Every case ends in the right status, each kill
# names its real reason, and the boot powers off.
boot hostile-user shutdown --timeout 120 --xenargs smap=0 --kargs "init=t_entry,t_segments,t_faults,t_fpu"
kill='proc: pid [0-9]+ \(t_[a-z]+\) killed:'
log_has "$kill #GP: privileged instruction at rip" "cli"
log_has "$kill #GP: int \\\$0x80, a vector with no gate for user mode at rip" "int \$0x80 (#GP (0x80<<3)|2)"
log_has "$kill int \\\$0x82, a vector with no gate for user mode \\(Xen reported #OF\\) at rip" "int \$0x82"
log_has "$kill #OF \\(overflow trap\\) at rip" "int \$4"
log_has "$kill #GP: a non-canonical address, or an operand the CPU refused at rip" "non-canonical access"
log_has "$kill #GP: bad segment selector 0xe030 \\(GDT index 7174\\) at rip" "iretq to the kernel's cs"
log_has "$kill #GP: bad segment selector 0x1234 \\(LDT index 582\\)" "mov to %ds"
log_has "$kill page fault \\(execute of a no-execute page 0x7fff" "stack execute"
log_has "$kill page fault \\(jump into the kernel's half 0xffffffff80000000\\)" "iretq to a kernel rip"
log_has "$kill #BP \\(int3 breakpoint\\) at rip .*; exit status 133"
log_has "$kill #MF \\(x87 floating-point exception\\) at rip .*; exit status 136" "own pending x87 exception"
log_lacks 't_segments: a user iretq faults on its own stack here' "iretq works with smap=0"
log_lacks 'exception [0-9]+ at rip' "no kill reason is a bare vector number"
log_has 'proc: all processes have exited'
log_has 'pvmmu: power off'
