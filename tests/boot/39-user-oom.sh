# SPDX-License-Identifier: MIT
# Out of memory in a page fault, at 32 MiB: the process is killed with
# SIGKILL's status and a message that says so (not "unmapped address"),
# twice in a row, with every frame back after each (oom checks the counts).
boot user-oom shutdown --mem 32 --timeout 120 --kargs "init=oom"
log_has 'proc: pid [0-9]+ \(oom\) killed: page fault \(out of memory for the page 0x[0-9a-f]+\) at rip 0x[0-9a-f]+ \(rsp 0x[0-9a-f]+\); exit status 137'
log_lacks 'access to an unmapped address'
log_has 'init: oom exited with status 0'
log_has 'pvmmu: power off'
