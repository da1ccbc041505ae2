# SPDX-License-Identifier: MIT
# tools/bench/smp.awk: smp.sh's tables, loaded after stats.awk.  Reads
# smp.csv (vcpus,run,name,ops,ns,own_hypercalls), then a list of vCPU 1's
# bring-up times in ms, one per line.

FNR == NR {
	if (FNR > 1 && $5 > 0) {
		k = ++n[$3, $1]
		v[$3, $1, k] = $4 * 1e9 / $5
		if (!($3 in seen)) {
			seen[$3] = 1
			order[++nn] = $3
		}
	}
	next
}
{ up[++nup] = $1 }

END {
	printf "%-16s %26s %26s %7s\n", "operation", "1 vCPU", "2 vCPUs", "ratio"
	for (i = 1; i <= nn; i++) {
		f = order[i]
		for (c = 1; c <= 2; c++) {
			split("", w)
			for (k = 1; k <= n[f, c]; k++)
				w[k] = v[f, c, k]
			mstats(w, n[f, c])
			m[c] = med; l[c] = lo; h[c] = hi
		}
		printf "%-16s %9.0f (%6.0f-%6.0f) %9.0f (%6.0f-%6.0f) %7.2f\n", f, m[1], l[1], h[1], m[2], l[2], h[2], m[1] ? m[2] / m[1] : 0
	}
	print ""
	print "bring-up of vCPU 1, from the boots with 2 vCPUs (ms, median (min-max)):"
	if (!nup) {
		print "  none found"
	} else {
		mstats(up, nup)
		printf "  %.1f (%.1f-%.1f) over %d boots\n", med, lo, hi, nup
	}
}
