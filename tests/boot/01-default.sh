# SPDX-License-Identifier: MIT
# A default boot prints the banner and the start_info facts and powers off.
boot default shutdown
log_has '^\[ +0\.[0-9]{6}\] pvmmu 0\.1: x86-64 PV kernel, built with .* on Xen 4\.17' "banner"
log_has 'start_info: xen-3\.0-x86_64$'
log_has '  nr_pages +131072 \(512 MiB\)$' "512 MiB dom0"
log_has '  pt_base +0xffffffff80[0-9a-f]{6}$'
log_has '  nr_pt_frames +[0-9]+$'
log_has '  mfn_list +0xffffffff80[0-9a-f]{6}$'
log_has '  first_p2m_pfn +0x[0-9a-f]+ \([0-9]+ frames\)$'
log_has '  flags +0x[0-9a-f]*[37] \(privileged initdomain\) => dom0$'
log_has 'traps: 16 exception vectors and the event, failsafe and syscall callbacks registered'
log_has 'pvmmu: power off$'
log_has '\(XEN\) .*Hardware Dom0 halted: halting machine' "Xen saw a clean poweroff"
log_lacks 'cmdline: warning' "no warnings for an empty command line"
log_has 'vcpus: 1; vCPU 0 boots$'
