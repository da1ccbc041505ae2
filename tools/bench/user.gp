# SPDX-License-Identifier: MIT
#
# tools/bench/user.gp: make bench's user-process plot, from user.awk's data
# file (index, name, pvmmu median/min/max us, Linux median/min/max us,
# pvmmu hypercalls and kernel traps per op, Linux's): on top the time per
# operation (log scale; bar: min to max), below the trips into Xen per
# operation that the TCG plugin counted (log scale: a count of 0 has no bar).
#   gnuplot -e "data='build/bench/user-plot.dat'; out='build/bench/user.png'; peer=1" tools/bench/user.gp

if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
	set terminal pngcairo size 1100,900 font "sans,10"
} else {
	set terminal png size 1100,900
}
set output out
set datafile missing "?"
if (!exists("peer")) peer = 1

set multiplot layout 2,1 title "User-process operations as Xen PV dom0 (512 MiB, 1 vCPU): pvmmu beside Linux 6.1, same program"
set style fill solid 0.8 border -1
set boxwidth 0.35
set xtics rotate by -20 nomirror noenhanced
stats data using 1 nooutput	# one column per figure, however many user/bench.c has
set xrange [-0.6:STATS_max + 0.6]
set grid ytics
set key top left box opaque

set ylabel "us per operation (median; bar: min to max)"
set logscale y
if (peer) {
	plot data using ($1-0.18):3:xtic(2) with boxes lc rgb "#1f77b4" title "pvmmu", \
	     data using ($1-0.18):3:4:5 with yerrorbars lc rgb "black" pt 0 notitle, \
	     data using ($1+0.18):6 with boxes lc rgb "#d62728" title "Linux 6.1", \
	     data using ($1+0.18):6:7:8 with yerrorbars lc rgb "black" pt 0 notitle, \
	     data using ($1+0.18):6:(sprintf("%.2f", $3/$6)) with labels offset 0,1 font ",9" notitle
} else {
	plot data using 1:3:xtic(2) with boxes lc rgb "#1f77b4" title "pvmmu", \
	     data using 1:3:4:5 with yerrorbars lc rgb "black" pt 0 notitle
}
unset logscale y

set ylabel "trips into Xen per operation (TCG plugin; log scale)"
set boxwidth 0.18
set logscale y
set yrange [0.01:*]
set key top left box opaque
plot data using ($1-0.27):9:xtic(2) with boxes lc rgb "#1f77b4" title "pvmmu hypercalls", \
     data using ($1-0.09):10 with boxes lc rgb "#9ecae1" title "pvmmu trapped (kernel)", \
     data using ($1+0.09):11 with boxes lc rgb "#d62728" title "Linux hypercalls", \
     data using ($1+0.27):12 with boxes lc rgb "#fc9272" title "Linux trapped (kernel)"
unset multiplot
