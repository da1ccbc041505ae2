# SPDX-License-Identifier: MIT
#
# tools/map/parse.awk: the data files map.gp draws, from the console log of a
# `test=map.dump` boot.  Reads the kernel's "mmu: address space" dump (the
# regions of the kernel pgd, sizes as printed) and test_map.c's "map:" lines.
#   awk -v out=DIR -f tools/map/parse.awk LOG
# Writes DIR/regions.dat (index, name, first address, bytes), DIR/levels.dat
# (level, then tables of the kernel pgd, the process's kernel and user pgds)
# and DIR/pair.dat (column, row, slot, kind, label) for the pgd pair.

function bytes(s,    n, unit) {
	n = s + 0
	unit = substr(s, length(s))
	if (unit == "K") return n * 1024
	if (unit == "M") return n * 1024 * 1024
	if (unit == "G") return n * 1024 * 1024 * 1024
	return n
}

{ sub(/^\[ *[0-9.]+\] /, "") }

/^mmu: address space / { dump = 1; next }
dump && $1 !~ /^[0-9a-f]+-[0-9a-f]+$/ { dump = 0 }
dump {
	split($1, range, "-")
	if ($2 == "Xen:") {
		split($5, slots, "-")
		name = "Xen's slots " $5
		size = (slots[2] - slots[1] + 1) * 2 ^ 39
	} else {
		name = $5
		for (i = 6; i <= NF; i++) name = name " " $i
		size = bytes($2)
	}
	if (!(name in region_size)) { order[++nregions] = name; region_start[name] = range[1] }
	region_size[name] += size
	next
}

$1 == "map:" && $2 == "levels" {
	col = $3 == "kernel" ? 1 : $3 == "process-kernel" ? 2 : 3
	for (i = 4; i < NF; i += 2) if ($i != "pages") tables[$i, col] = $(i + 1)
	nlevels++
	next
}

$1 == "map:" && $2 == "slot" && $3 != "kernel" {
	col = $3 == "process-kernel" ? 0 : 1
	slot = $4 + 0
	if (!(slot in row)) row[slot] = 0
	if ($5 == "xen") { kind[col, slot] = "xen"; label[col, slot] = "slot " slot ": Xen's" }
	else {
		kind[col, slot] = slot < 256 ? "user" : "kernel"
		label[col, slot] = sprintf("slot %d: pud %s, %d pmd, %d pte; %d pages", slot, $6, $8, $10, $12)
	}
	seen[col, slot] = 1
	next
}

END {
	if (!nregions || nlevels != 3) {
		print "parse.awk: the log has no address-space dump or not the three map: levels lines" > "/dev/stderr"
		exit 1
	}
	for (i = 1; i <= nregions; i++)
		printf "%d \"%s\" \"%s\" %.0f\n", i - 1, order[i], region_start[order[i]], region_size[order[i]] > (out "/regions.dat")
	split("pgd pud pmd pte", names, " ")
	for (i = 1; i <= 4; i++)
		printf "%s %d %d %d\n", names[i], tables[names[i], 1], tables[names[i], 2], tables[names[i], 3] > (out "/levels.dat")
	n = 0
	for (s = 511; s >= 0; s--) {
		if (!(s in row)) continue
		for (c = 0; c <= 1; c++)
			if ((c, s) in seen)
				printf "%d %d %d %s \"%s\"\n", c, n, s, kind[c, s], label[c, s] > (out "/pair.dat")
		n++
	}
}
