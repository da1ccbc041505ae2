# SPDX-License-Identifier: MIT
#
# tools/map/map.gp: the address-space picture of `make map`, from
# parse.awk's data files: the kernel pgd's regions to scale on a log axis,
# the page-table pages per level, and a process's kernel/user pgd pair slot
# by slot, side by side.
#   gnuplot -e "dir='build/map'; out='build/map/address-space.png'; fmt='png'; subtitle='...'" tools/map/map.gp

if (!exists("subtitle")) subtitle = ""
if (fmt eq "svg") {
	set terminal svg size 1800,680 font "sans,11" background "white"
} else {
	# pngcairo draws anti-aliased text; plain png (libgd) is the fallback.
	if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
		set terminal pngcairo size 1800,680 font "sans,10"
	} else {
		set terminal png size 1800,680
	}
}
set output out

set multiplot layout 1,3 title "pvmmu's address space on Xen PV, from a test=map.dump boot\n{/*0.8 ".subtitle."}"

# 1: regions of the kernel pgd, bar length = size in bytes on a log axis.
set title "kernel pgd: regions, to scale (log axis)"
set logscale x 2
set xrange [1024:2**46]
set xtics ("1 KiB" 2**10, "1 MiB" 2**20, "1 GiB" 2**30, "1 TiB" 2**40, "16 TiB" 2**44)
set xlabel "bytes mapped (Xen's: reserved)"
set yrange [3.6:-0.6]
unset ytics
set style fill solid 0.6 border -1
unset key
plot dir."/regions.dat" using (sqrt(1024*$4)):1:(1024):4:($1-0.35):($1+0.35) with boxxyerror lc rgb "#4a7ebb", \
     "" using (1400):1:(sprintf("%s at %s", stringcolumn(2), stringcolumn(3))) with labels left offset 0,1.4 font ",9", \
     "" using (1400):1:( $4 >= 2**30 ? sprintf("%.0f GiB", $4/2**30) : $4 >= 2**20 ? sprintf("%.1f MiB", $4/2**20) : sprintf("%.0f KiB", $4/1024)) with labels left font ",9" tc rgb "white"
unset logscale x
set xtics autofreq
set yrange [*:*]
set ytics

# 2: page-table pages per level.
set title "page-table pages per level"
set logscale y
set yrange [0.8:*]
set xrange [*:*]
set xlabel "level"
set ylabel "tables (log)"
set key top left
set style data histograms
set style histogram clustered gap 1
set boxwidth 0.9
set style fill solid 0.7 border -1
plot dir."/levels.dat" using 2:xtic(1) title "kernel pgd" lc rgb "#4a7ebb", \
     "" using 3 title "process: kernel pgd" lc rgb "#d08030", \
     "" using 4 title "process: user pgd" lc rgb "#50a050", \
     "" using ($0-0.3):($2*1.15):2 with labels notitle font ",8", \
     "" using ($0):($3*1.15):3 with labels notitle font ",8", \
     "" using ($0+0.3):($4*1.15):4 with labels notitle font ",8"
unset logscale y
unset ylabel
set style data points

# 3: the pgd pair, present slots only, top slot first; user slots share their puds.
set title "one process's pgd pair, its present L4 slots\n{/*0.8 green: a user slot, the same pud in both; blue: the kernel's; grey: Xen's}"
set xrange [-0.55:1.55]
set xtics ("kernel pgd (kernel mode)" 0, "user pgd (user mode)" 1)
set xlabel ""
stats dir."/pair.dat" using 2 nooutput
set yrange [STATS_max + 0.6 : -0.6]
unset ytics
unset key
plot dir."/pair.dat" using 1:(strcol(4) eq "user" ? $2 : NaN):($1-0.48):($1+0.48):($2-0.4):($2+0.4) with boxxyerror lc rgb "#50a050" title "user slot: the same pud in both", \
     "" using 1:(strcol(4) eq "kernel" ? $2 : NaN):($1-0.48):($1+0.48):($2-0.4):($2+0.4) with boxxyerror lc rgb "#4a7ebb" title "kernel's slot", \
     "" using 1:(strcol(4) eq "xen" ? $2 : NaN):($1-0.48):($1+0.48):($2-0.4):($2+0.4) with boxxyerror lc rgb "#a0a0a0" title "Xen's slot", \
     "" using 1:2:5 with labels notitle font ",7.5"
unset multiplot
