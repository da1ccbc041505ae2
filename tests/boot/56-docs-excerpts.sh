# SPDX-License-Identifier: MIT
# Docs that cannot go stale: every console excerpt in README.md and docs/*.md
# whose fence is preceded by a line
#     <!-- excerpt: boot KARGS -->
# (KARGS the kernel command line, possibly empty) is checked against a real
# boot with that command line: each of its lines must have the shape of a
# line of the boot's log.  Shape: every number (decimal, hex, 0x...) matches
# any number, a run of spaces any run, "..." anything; a line "..." alone
# skips lines.  Text, names and the order of words must be the same.  One boot
# per distinct command line.
case_name=docs-excerpts
mkdir -p "$LOGDIR"
case_out=$LOGDIR/docs-excerpts.out case_log=$LOGDIR/docs-excerpts.out
: >"$case_out"

# excerpt_blocks: "FILE:LINE<TAB>KARGS<TAB>TEXT" for each line of each marked block.
excerpt_blocks() {
	awk '
		FNR == 1 { want = ""; inblock = 0 }
		inblock && /^```/ { inblock = 0; next }
		inblock { printf "%s:%d\t%s\t%s\n", FILENAME, FNR, kargs, $0; next }
		want != "" && /^```/ { inblock = 1; kargs = want; want = ""; next }
		{ want = "" }
		match($0, /^<!-- excerpt: boot ?.* -->$/) {
			want = substr($0, 20, length($0) - 23); sub(/^ /, "", want); want = "@" want
		}
	' README.md docs/*.md | sed 's/\t@/\t/'
}

# shape_regex TEXT: the ERE a log line of that shape matches (see above).
shape_regex() {
	perl -e '
		my $t = shift;
		my ($open, $close) = ("", "\$");
		$close = "" if $t =~ s/\s*\.\.\.\s*$//;
		my $re = "";
		for my $part (split /(\.\.\.)/, $t) {
			if ($part eq "...") { $re .= ".*"; next; }
			for my $tok (split /((?<![A-Za-z0-9_])(?:0x)?[0-9a-f]*[0-9][0-9a-f.]*(?![A-Za-z0-9_])|\s+)/, $part) {
				if ($tok =~ /^\s+$/) { $re .= " +"; }
				elsif ($tok =~ /^(?:0x)?[0-9a-f.]*[0-9][0-9a-f.]*$/) { $re .= "[0-9a-fx.]+"; }
				else { (my $q = $tok) =~ s/([][\\.^\$*+?(){}|\/])/\\$1/g; $re .= $q; }
			}
		}
		# Xen stamps its lines; an excerpt may leave the stamp out.
		$re =~ s/^\\\(XEN\\\) \+/^\\(XEN\\) +(\\[ *[0-9.]+\\] +)?/;
		$re = "^$re" if $t =~ /^\[/;
		print "$re$close\n";
	' -- "$1"
}

declare -A boot_log
n=0
while IFS=$'\t' read -r where kargs text; do
	[[ $text == "..." || -z $text ]] && continue
	if [[ -z ${boot_log[x$kargs]:-} ]]; then
		log=$LOGDIR/docs-excerpts-$(printf '%s' "$kargs" | tr -c 'a-z0-9=' '_').log
		"$PVRUN" --kernel "$KERNEL" --xen "$XEN" --log "$log" --quiet-xen --timeout 120 \
			--kargs "$kargs" </dev/null >"$log.out" 2>&1
		# pvrun's own lines are part of what a user sees.
		cat "$log.out" >>"$log"
		boot_log[x$kargs]=$log
	fi
	n=$((n + 1))
	re=$(shape_regex "$text")
	echo "$where [$kargs] $re" >>"$case_out"
	grep -qE -- "$re" "${boot_log[x$kargs]}" ||
		case_problems+=("$where: no line of a boot with '$kargs' looks like: $text")
done < <(excerpt_blocks)
((n >= 20)) || case_problems+=("only $n excerpt lines marked: the marks or their parser are broken")
