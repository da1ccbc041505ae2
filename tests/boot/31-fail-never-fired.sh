# SPDX-License-Identifier: MIT
# fail= naming a real site whose Nth request never comes: the boot runs to
# the end and the kernel says, as a warning, that nothing was injected and
# how many requests the site did see.
boot fail-never-fired shutdown --kargs "fail=write_cr3:99:EINVAL"
log_has 'fail: request 99 of write_cr3 will fail with -22 \(EINVAL\) before it reaches Xen'
log_lacks 'fail: request .* unsent'
log_has 'fail: warning: fail=write_cr3:99:EINVAL never fired: write_cr3 had [1-9] requests? by the end of boot, request 99 never came$'
log_has 'pvmmu: power off$'
