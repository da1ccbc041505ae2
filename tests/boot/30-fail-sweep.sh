# SPDX-License-Identifier: MIT
# Fault injection at every MMU call site.  fail=list names the sites; then
# one boot per site makes the site's first request fail before it reaches
# Xen (the mmu_sites hook reaches the sites bring-up does not).  Each boot
# must end in a kernel panic naming the site, the op, the request and the
# injected error, with nothing but the backtrace after it: no half-built
# mapping carries on, and Xen never has to crash the domain.  Two more boots
# count by op name, one of them deep inside a merged multicall entry.
boot fail-list shutdown --kargs "fail=list"
log_has 'fail: MMU call sites'
log_lacks 'cmdline: warning'
mapfile -t sites < <(sed -nE 's/.*fail:   ([a-z0-9_.]+) +(mmu_update|mmuext_op) .*/\1/p' "$case_log")
((${#sites[@]} >= 12)) || case_problems+=("fail=list named only ${#sites[@]} sites: ${sites[*]}")
sweep_result

# Kernel lines allowed after the panic: its backtrace; then Xen's and pvrun's.
after_panic='^\(XEN\)|^pvrun: |\] Call trace:$|\]   \[<[0-9a-f]{16}>\]'

# fail_boot SITE:N:ERRNO — SITE a site, or an op name matching any site.
fail_boot() {
	local target=${1%%:*} errno=${1##*:} target_re site_re op_re='(mmu_update|mmuext_op)'
	target_re=${target//./\\.} site_re=${target//./\\.}
	if [[ $target == mmu_update || $target == mmuext_op ]]; then
		site_re='[a-z0-9_.]+' op_re=$target
	fi
	boot "fail-${1//:/-}" panic --kargs "fail=$1 test=mmu_sites"
	log_has "fail: request [0-9]+ of $target_re \\(a $op_re at $site_re\\) fails with -[0-9]+ \\($errno\\), unsent\$"
	log_has "Kernel panic - not syncing: $site_re: $op_re .*\\) failed: -[0-9]+ \\($errno\\), injected by fail=$1\$" \
		"the panic names the site, the op, the request and the error"
	log_after_only 'Kernel panic - not syncing' "$after_panic" "nothing runs on after the panic"
	sweep_result
}

errnos=(EINVAL ENOMEM EBUSY EPERM EFAULT ESRCH ENOENT ENOSYS)
for i in "${!sites[@]}"; do
	fail_boot "${sites[i]}:1:${errnos[i % ${#errnos[@]}]}"
done
fail_boot "mmu_update:100:ENOMEM"
fail_boot "mmuext_op:2:EINVAL"
sweep_finish fail-sweep
