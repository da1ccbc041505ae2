# SPDX-License-Identifier: MIT
#
# tools/bench/parse.awk: turns the console log of one benchmark boot into
# CSV rows "system,mem_mib,run,metric,value" for build/bench/results.csv.
#   awk -v sys=pvmmu|linux -v mem=MiB -v run=N -f parse.awk LOG
# Times are in ms.  Exits 1 (after printing why on stderr) if the log lacks
# what the figures need, so that a broken boot never yields a number.
#
# pvmmu: its `mmu-phase:` lines (kernel/mm/stats.c), one per bring-up
# phase, each with the phase's time and MMU counters.
# linux: printk timestamps of lines that bracket the phases in 6.1's
# setup_arch(); see docs/bench.md for what each bracket holds.

function out(metric, value) {
	printf "%s,%d,%d,%s,%s\n", sys, mem, run, metric, value
}

function fail(why) {
	printf "bench: %s %d MiB run %d: %s\n", sys, mem, run, why > "/dev/stderr"
	failed = 1
	exit 1
}

# A field "key=value" of an mmu-phase line.
function field(key,    i) {
	for (i = 1; i <= NF; i++)
		if (index($i, key "=") == 1)
			return substr($i, length(key) + 2) + 0
	fail("mmu-phase line without " key "=: " $0)
}

# Seconds of a "[    0.041826] text" line, if it starts with TEXT.
function stamp_of(text,    s) {
	if (!match($0, /^\[ *[0-9]+\.[0-9]+\] /))
		return -1
	if (index(substr($0, RLENGTH + 1), text) != 1)
		return -1
	s = substr($0, 2, RLENGTH - 3)
	return s + 0
}

# The first time a line starts with TEXT: Linux prints some twice.
function mark(key, text,    t) {
	if (key in at)
		return
	t = stamp_of(text)
	if (t >= 0)
		at[key] = t
}

function span_ms(from, to) {
	if (!(from in at) || !(to in at))
		return ""
	if (at[to] < at[from])
		fail("\"" to "\" comes before \"" from "\"")
	return sprintf("%.3f", (at[to] - at[from]) * 1000)
}

BEGIN {
	if (sys != "pvmmu" && sys != "linux")
		fail("sys must be pvmmu or linux")
	gib = mem / 1024
}

# Xen's own lines carry Xen's timestamps, not the guest's.
/^\(XEN\)/ { next }

/pvrun: [0-9.]+ s, log in / {
	for (i = 1; i <= NF; i++)
		if ($i == "s,")
			boot_s = $(i - 1)
}

# Room for figures that need user processes (context switch, fork): a line
# "bench-result: name=<metric> value=<number>" is recorded as it is.  No
# kernel prints one yet; see "User-process figures" in docs/bench.md.
/bench-result: name=[A-Za-z0-9_]+ value=[0-9.]+/ {
	sub(/.*bench-result: /, "")
	extra[substr($1, 6)] = substr($2, 7)
}

sys == "pvmmu" && /mmu-phase: name=/ {
	sub(/.*mmu-phase: /, "")
	name = substr($1, 6)
	if (name in phase_ms)
		fail("phase " name " reported twice")
	nphases++
	phase_ms[name] = field("ns") / 1e6
	hyper += field("hypercalls")
	multi += field("multicalls")
	upd += field("mmu_updates")
	ext += field("mmuext_ops")
	pt += field("pt_pages")
}

sys == "linux" {
	mark("pat", "x86/PAT: Configuration")
	mark("ramdisk", "RAMDISK: [mem")
	mark("node", "NODE_DATA(0) allocated")
	mark("zones", "Zone ranges:")
	mark("p2m", "p2m virtual area at")
	mark("remapped", "Remapped ")
}

END {
	if (failed)
		exit 1
	if (sys == "pvmmu") {
		split("setup_kernel_pagetable init_mem_mapping paging_init", want, " ")
		for (i = 1; i <= 3; i++) {
			if (!(want[i] in phase_ms))
				fail("no mmu-phase line for " want[i])
			out(want[i] "_ms", sprintf("%.6f", phase_ms[want[i]]))
			total += phase_ms[want[i]]
		}
		if (nphases != 3)
			fail(nphases " mmu-phase lines, expected 3")
		if (hyper == 0)
			fail("no hypercalls counted")
		out("bringup_ms", sprintf("%.6f", total))
		out("bringup_ms_per_gib", sprintf("%.6f", total / gib))
		out("pt_pages", pt)
		out("hypercalls", hyper)
		out("multicalls", multi)
		out("mmu_updates", upd)
		out("mmuext_ops", ext)
		out("hypercalls_per_gib", sprintf("%.4f", hyper / gib))
		out("pt_pages_per_hypercall", sprintf("%.4f", pt / hyper))
		out("entries_per_hypercall", sprintf("%.4f", (upd + ext) / hyper))
	} else {
		imm = span_ms("pat", "ramdisk")
		sp = span_ms("node", "zones")
		if (imm == "")
			fail("no \"x86/PAT: Configuration\" or \"RAMDISK: [mem\" line")
		if (sp == "")
			fail("no \"NODE_DATA(0) allocated\" or \"Zone ranges:\" line")
		out("init_mem_mapping_ms", imm)
		out("struct_pages_ms", sp)
		out("bringup_ms", sprintf("%.3f", imm + sp))
		out("bringup_ms_per_gib", sprintf("%.6f", (imm + sp) / gib))
		# Shown beside the ratio, not in it: see docs/bench.md.
		if ((v = span_ms("zones", "p2m")) != "")
			out("memmap_init_ms", v)
		if ((v = span_ms("p2m", "remapped")) != "")
			out("p2m_rebuild_ms", v)
	}
	for (k in extra)
		out(k, extra[k])
	if (boot_s != "")
		out("boot_s", boot_s)
}
