# SPDX-License-Identifier: MIT
# A suspend with two vCPUs online is refused (kernel/xen/suspend.c): the
# in-guest test calls xen_suspend() in dom0 with VCPUS=2; it must return
# -EBUSY with its line, and the machine must go on to a clean poweroff (a
# real suspend of dom0 would end the machine instead).
boot suspend-refused shutdown --cpus 2 --timeout 60 --kargs "test=suspend.*"
log_has 'test: suspend.refused_smp: PASS'
log_has 'suspend: refused: 2 vCPUs online'
log_lacks 'SCHEDOP_shutdown\(SHUTDOWN_suspend\)' "no suspend was attempted"
boot_finish
