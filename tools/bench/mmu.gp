# SPDX-License-Identifier: MIT
#
# tools/bench/mmu.gp: plots MMU bring-up time per GiB of dom0 memory against
# dom0 memory, pvmmu beside Linux, from summary.awk's data file: the line
# through the medians, the bar from the fastest to the slowest run.
#   gnuplot -e "data='build/bench/plot.dat'; out='build/bench/mmu.png'; \
#               subtitle='...'" tools/bench/mmu.gp

if (!exists("subtitle")) subtitle = ""

# pngcairo draws anti-aliased text; plain png (libgd) is the fallback.
if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
	set terminal pngcairo size 960,680 font "sans,11"
} else {
	set terminal png size 960,680
}
set output out

set datafile missing "?"
set title "MMU bring-up as Xen PV dom0: time per GiB of dom0 memory\n{/*0.8 ".subtitle."}"
set xlabel "dom0 memory"
set ylabel "ms per GiB (median; bar: min to max)"
# Sizes double: a log2 axis spaces them evenly.
set logscale x 2
set xtics ("256 MiB" 256, "512 MiB" 512, "1 GiB" 1024, "2 GiB" 2048, "4 GiB" 4096, \
	   "8 GiB" 8192, "16 GiB" 16384, "32 GiB" 32768, "64 GiB" 65536)
stats data using 1 nooutput
set xrange [STATS_min / 1.4 : STATS_max * 1.4]
set yrange [0:*]
set grid ytics
set key top right box opaque
# Bars: the fastest to the slowest run; points: the medians.
set pointsize 1.3

# Without the peer (BENCH_PEER=none) its columns are all "?", which gnuplot
# refuses to plot.
if (!exists("peer")) peer = 1
if (peer) {
	# The ratio of the medians on the right axis; the key says what each
	# bracket holds and leaves out (docs/bench.md, "What is measured").
	set y2label "pvmmu / Linux (ratio of the medians)"

	set y2tics
	set key below left box opaque font ",9"
	set y2range [0:1.1]
	plot data using 1:2:3:4 with yerrorlines lw 2 pt 7 lc rgb "#1f77b4" \
		title "pvmmu: setup\\_kernel\\_pagetable + init\\_mem\\_mapping + paging\\_init (struct pages written)", \
	     data using 1:5:6:7 with yerrorlines lw 2 pt 5 lc rgb "#d62728" \
		title "Linux 6.1: init\\_mem\\_mapping + sparse\\_init; not its early pagetable, memmap\\_init, p2m rebuild", \
	     data using 1:($2/$5) axes x1y2 with linespoints lw 1.5 dt 2 pt 9 lc rgb "#555555" \
		title "pvmmu / Linux (right axis)", \
	     data using 1:($2/$5):(sprintf("%.2f", $2/$5)) axes x1y2 with labels offset 0,1 font ",9" notitle
} else {
	plot data using 1:2:3:4 with yerrorlines lw 2 pt 7 lc rgb "#1f77b4" \
		title "pvmmu: setup\\_kernel\\_pagetable + init\\_mem\\_mapping + paging\\_init"
}
