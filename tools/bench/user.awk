# SPDX-License-Identifier: MIT
#
# tools/bench/user.awk: the user-process table of make bench, from
#   user.csv         system,run,name,id,ops,ns,own_hypercalls  (timed boots)
#   user-counts.csv  system,name,ops,hypercalls,kernel_traps,user_traps,
#                    interrupts,user_syscalls,kernel_vectors,reentries  (plugin boots)
# Prints µs per operation, median (min-max) per system, the ratio of the
# medians, the per-pair ratio (run i of pvmmu over run i of Linux) median
# (min-max), and hypercalls and traps per operation from the plugin.  Writes
#   SUMMARY  CSV (header below), PLOTDAT gnuplot rows, one per operation.
#   awk -v summary=F -v plotdat=F -f user.awk user.csv user-counts.csv
# Figures, not tests: nothing here judges a time.

BEGIN {
	FS = ","
	order = "null_syscall yield_switch pipe_switch fork_exit_wait fork_exec_wait fork_dirty64 cow_child cow_parent mmap_touch munmap"
	nnames = split(order, names, " ")
}

FNR == 1 { file++; next }

file == 1 {
	key = $1 SUBSEP $3
	k = ++n[key]
	us[key, k] = $6 / $5 / 1000
	run[key, k] = $2
	byrun[$1, $3, $2] = $6 / $5 / 1000
	if ($1 == "linux")
		has_linux = 1
	next
}

file == 2 && $3 > 0 {
	c = $1 SUBSEP $2
	counted[c] = 1
	hc[c] = $4 / $3
	kt[c] = $5 / $3
	ut[c] = $6 / $3
	irq[c] = $7 / $3
	vec[c] = $9
	re[c] = $10 / $3
}

function sysstats(sys, name) {
	return keystats(n, us, sys SUBSEP name)
}

function t3(x) { return x >= 100 ? sprintf("%.0f", x) : x >= 10 ? sprintf("%.1f", x) : sprintf("%.2f", x) }
function range(m, l, h) { return t3(m) " (" t3(l) "-" t3(h) ")" }
function per(arr, c) { return (c in counted) ? sprintf("%.2f", arr[c]) : "n/a" }

END {
	print "system,name,runs,median_us,min_us,max_us,ratio,pair_ratio_median,pair_ratio_min,pair_ratio_max,hypercalls_per_op,kernel_traps_per_op,user_traps_per_op,interrupts_per_op,kernel_trap_vectors,reentries_per_op" > summary
	printf "  %-15s %-21s %-21s %5s  %-17s | %-13s | %-12s | %-13s | %-11s\n", "", "pvmmu us/op", "Linux us/op", "ratio", "pairs", "hypercalls/op", "re-entries", "k-traps/op", "u-traps/op"
	printf "  %-15s %-21s %-21s %5s  %-17s | %5s %7s | %5s %6s | %5s %7s | %4s %6s\n", "operation", "", "", "", "", "pvmmu", "Linux", "pvmmu", "Linux", "pvmmu", "Linux", "pv", "Linux"
	for (i = 1; i <= nnames; i++) {
		name = names[i]
		kp = sysstats("pvmmu", name); pm = med; pl = lo; ph = hi
		kl = sysstats("linux", name); lm = med; ll = lo; lh = hi
		ratio = kp && kl && lm > 0 ? pm / lm : -1
		np = 0
		for (r = 1; r <= kp; r++) {
			rr = run["pvmmu" SUBSEP name, r]
			if (("linux" SUBSEP name SUBSEP rr) in byrun && byrun["linux", name, rr] > 0)
				pr[++np] = byrun["pvmmu", name, rr] / byrun["linux", name, rr]
		}
		pairs = "n/a"
		if (np) {
			mstats(pr, np)
			pairs = sprintf("%.2f (%.2f-%.2f)", med, lo, hi)
			prm = med; prl = lo; prh = hi
		}
		cp = "pvmmu" SUBSEP name
		cl = "linux" SUBSEP name
		printf "  %-15s %-21s %-21s %5s  %-17s | %5s %7s | %5s %6s | %5s %7s | %4s %6s\n", name,
			kp ? range(pm, pl, ph) : "n/a", kl ? range(lm, ll, lh) : "n/a",
			(ratio >= 0) ? sprintf("%.2f", ratio) : "n/a", pairs,
			per(hc, cp), per(hc, cl), per(re, cp), per(re, cl), per(kt, cp), per(kt, cl),
			per(ut, cp), per(ut, cl)
		for (s = 1; s <= 2; s++) {
			sys = s == 1 ? "pvmmu" : "linux"
			if (!sysstats(sys, name))
				continue
			c = sys SUBSEP name
			printf "%s,%s,%d,%.3f,%.3f,%.3f,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", sys, name, n[c], med, lo, hi,
				(ratio >= 0) ? sprintf("%.3f", ratio) : "", np ? sprintf("%.3f", prm) : "",
				np ? sprintf("%.3f", prl) : "", np ? sprintf("%.3f", prh) : "",
				per(hc, c), per(kt, c), per(ut, c), per(irq, c), (c in vec) ? vec[c] : "", per(re, c) > summary
		}
		# plot row: index, name, pvmmu med lo hi, Linux med lo hi, pvmmu hc kt, Linux hc kt
		printf "%d %s %s %s %s %s %s %s %s %s %s %s\n", i - 1, name,
			kp ? pm : "?", kp ? pl : "?", kp ? ph : "?",
			kl ? lm : "?", kl ? ll : "?", kl ? lh : "?",
			(cp in counted) ? hc[cp] : "?", (cp in counted) ? kt[cp] : "?",
			(cl in counted) ? hc[cl] : "?", ((cl in counted) ? kt[cl] : "?") > plotdat
	}
}
