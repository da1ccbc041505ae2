# SPDX-License-Identifier: MIT
# A bad fail= value is warned about like any bad parameter value, nothing is
# injected, and the boot goes on to a clean power-off.
boot fail-bad-value shutdown --kargs "fail=alloc_pt:0:EINVAL"
log_has "cmdline: warning: bad value 'alloc_pt:0:EINVAL' for 'fail' \\(N is not a decimal number from 1 up; expected SITE:N:ERRNO, fail=list lists the sites\\); keeping '' \\(nothing injected\\)"
log_has 'cmdline: 1 warning; `make run KARGS=help` lists the parameters'
log_lacks '^\[ +[0-9.]+\] fail: '
log_has 'pvmmu: power off$'
