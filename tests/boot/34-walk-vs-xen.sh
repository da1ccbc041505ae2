# SPDX-License-Identifier: MIT
# The kernel's walk and Xen's walk of the same address agree line by line.
# The walk_vs_xen hook prints the kernel's walk of a read-only kernel datum
# (present at every level), clears the trap table and writes to it, so Xen
# handles the fault itself and prints its own walk before crashing dom0.
boot walk-vs-xen crash --kargs "test=walk_vs_xen"
log_has '\(XEN\) .*d0v0 Unhandled: vec 14, #PF\[0003\]' "a write to a present read-only page"
va=$(sed -nE 's/^\[ +[0-9.]+\] Pagetable walk from ([0-9a-f]{16}):$/\1/p' "$case_log" | head -n 1)
if [[ -z $va ]]; then
	case_problems+=("the kernel printed no walk")
else
	log_walk "$va"
	kernel_walk=$(walk_lines "$va") xen_walk=$(walk_lines "$va" xen)
	[[ $(wc -l <<<"$kernel_walk") == 4 ]] || case_problems+=("the kernel's walk is not 4 levels: $kernel_walk")
	[[ $kernel_walk == "$xen_walk" ]] ||
		case_problems+=("walks differ: kernel '${kernel_walk//$'\n'/ | }', Xen '${xen_walk//$'\n'/ | }'")
fi
