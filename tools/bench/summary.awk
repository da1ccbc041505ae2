# SPDX-License-Identifier: MIT
#
# tools/bench/summary.awk: reads build/bench/results.csv (every run's raw
# figures, from parse.awk) and prints the benchmark's table: per dom0 size,
# the median, min and max of each figure over the runs, then the pvmmu /
# Linux ratios, and pvmmu with 2 vCPUs (pvmmu2) beside both.  Also writes
#   SUMMARY  CSV "system,mem_mib,metric,runs,median,min,max"
#   PLOTDAT  gnuplot data: MiB, then median/min/max ms per GiB of pvmmu
#            and of Linux ("?" where there is none)
#   awk -v sizes="256 1024" -v summary=F -v plotdat=F -f summary.awk results.csv
# Figures, not tests: nothing here judges a time.

BEGIN {
	FS = ","
	nsizes = split(sizes, size, " ")
}

NR == 1 && $1 == "system" { next }

$4 == "other_qemus" {
	boots++
	if ($5 > 0)
		busy++
	next
}

{
	if ($1 == "linux")
		has_linux = 1
	key = $1 SUBSEP $2 SUBSEP $4
	n[key]++
	val[key, n[key]] = $5 + 0
}

# Sorts v[1..k] in place; k is small (the number of runs).
# Fills med/lo/hi for one system, size and metric; returns the run count.
function stats(sys, mem, metric) {
	return keystats(n, val, sys SUBSEP mem SUBSEP metric)
}

function fmt(x, dec) {
	return sprintf("%." dec "f", x)
}

# One table row; a figure nobody measured reads n/a, never a number.
function row(label, sys, mem, metric, dec,    k) {
	k = stats(sys, mem, metric)
	if (!k) {
		printf "  %-42s %12s\n", label, "n/a"
		return
	}
	printf "  %-42s %12s %12s %12s\n", label, fmt(med, dec), fmt(lo, dec), fmt(hi, dec)
	printf "%s,%d,%s,%d,%s,%s,%s\n", sys, mem, metric, k, med, lo, hi > summary
}

# The ratio of two systems' median bring-up at @p mem, or n/a.
function ratio_row(label, a, b, mem,    x) {
	x = stats(a, mem, "bringup_ms") ? med : ""
	if (x != "" && stats(b, mem, "bringup_ms") && med > 0)
		printf "  %-42s %12s\n", label, fmt(x / med, 2)
	else
		printf "  %-42s %12s\n", label, "n/a"
}

function human(mib) {
	return mib % 1024 ? mib " MiB" : mib / 1024 " GiB"
}

END {
	printf "%s,%s,%s,%s,%s,%s,%s\n", "system", "mem_mib", "metric", "runs", "median", "min", "max" > summary
	for (s = 1; s <= nsizes; s++) {
		m = size[s]
		printf "\ndom0 %-39s %12s %12s %12s\n", human(m), "median", "min", "max"
		row("pvmmu MMU bring-up, ms (3 phases)", "pvmmu", m, "bringup_ms", 1)
		row("  setup_kernel_pagetable, ms", "pvmmu", m, "setup_kernel_pagetable_ms", 1)
		row("  init_mem_mapping, ms", "pvmmu", m, "init_mem_mapping_ms", 1)
		row("  paging_init, ms", "pvmmu", m, "paging_init_ms", 1)
		row("pvmmu ms per GiB", "pvmmu", m, "bringup_ms_per_gib", 1)
		row("pvmmu page-table pages", "pvmmu", m, "pt_pages", 0)
		row("pvmmu hypercalls", "pvmmu", m, "hypercalls", 0)
		row("pvmmu hypercalls per GiB", "pvmmu", m, "hypercalls_per_gib", 2)
		row("pvmmu page-table pages per hypercall", "pvmmu", m, "pt_pages_per_hypercall", 1)
		row("pvmmu mmu_update+mmuext entries/hypercall", "pvmmu", m, "entries_per_hypercall", 1)
		row("pvmmu, 2 vCPUs: MMU bring-up, ms", "pvmmu2", m, "bringup_ms", 1)
		row("  init_mem_mapping, ms", "pvmmu2", m, "init_mem_mapping_ms", 1)
		ratio_row("ratio pvmmu 2 vCPUs / 1 (medians)", "pvmmu2", "pvmmu", m)
		# BENCH_PEER=none: no Linux rows at all rather than a column of n/a.
		if (!has_linux)
			continue
		row("Linux MMU bring-up, ms (2 brackets)", "linux", m, "bringup_ms", 1)
		row("  init_mem_mapping, ms", "linux", m, "init_mem_mapping_ms", 1)
		row("  struct pages (sparse_init), ms", "linux", m, "struct_pages_ms", 1)
		row("Linux ms per GiB", "linux", m, "bringup_ms_per_gib", 1)
		row("Linux hypercalls", "linux", m, "hypercalls", 0)
		row("Linux memmap_init, ms (not in ratio)", "linux", m, "memmap_init_ms", 1)
		row("Linux p2m rebuild, ms (not in ratio)", "linux", m, "p2m_rebuild_ms", 1)
		ratio_row("ratio pvmmu / Linux (medians)", "pvmmu", "linux", m)
		ratio_row("ratio pvmmu 2 vCPUs / Linux (medians)", "pvmmu2", "linux", m)
	}

	printf "\n%-31s %12s %12s   %12s   %12s   %11s %12s %11s\n", "summary, medians", "pvmmu ms", "Linux ms", \
	       "pvmmu ms/GiB", "Linux ms/GiB", "pvmmu/Linux", "2 vCPUs ms", "2 vCPUs/Lx"
	for (s = 1; s <= nsizes; s++) {
		m = size[s]
		line = sprintf("  dom0 %-24s", human(m))
		plot = m
		ratio = "n/a"
		pv = lx = ""
		for (t = 1; t <= 2; t++) {
			sys = t == 1 ? "pvmmu" : "linux"
			c = stats(sys, m, "bringup_ms") ? fmt(med, 1) : "n/a"
			if (c != "n/a")
				if (t == 1) pv = med; else lx = med
			line = line sprintf(" %12s", c)
		}
		for (t = 1; t <= 2; t++) {
			sys = t == 1 ? "pvmmu" : "linux"
			if (stats(sys, m, "bringup_ms_per_gib")) {
				line = line sprintf("   %12s", fmt(med, 1))
				plot = plot " " med " " lo " " hi
			} else {
				line = line sprintf("   %12s", "n/a")
				plot = plot " ? ? ?"
			}
		}
		if (pv != "" && lx != "" && lx > 0)
			ratio = fmt(pv / lx, 2)
		line = line sprintf("   %11s", ratio)
		two = stats("pvmmu2", m, "bringup_ms") ? med : ""
		line = line sprintf(" %12s", two != "" ? fmt(two, 1) : "n/a")
		print line sprintf(" %11s", two != "" && lx != "" && lx > 0 ? fmt(two / lx, 2) : "n/a")
		print plot > plotdat
	}
	if (busy)
		printf "\nhost: %d of %d boots ran while other QEMUs shared the host's cores: their times are noisier\n", busy, boots
	else if (boots)
		printf "\nhost: no other QEMU ran during any of the %d boots\n", boots
}
