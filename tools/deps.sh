#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tools/deps.sh [OBJDIR]: the kernel's dependency graph, from its object files,
# and a check that it has no circle (docs/architecture.md gives the layers).
#
# File A depends on file B when A's object uses a symbol B's object defines
# (`nm`): that sees calls and data, including those that header inlines make.
# Folder A depends on folder B when a file of A depends on a file of B.  Exits 1
# naming the circles tsort finds (each knot of files gets at least one), each
# edge with its symbols; exits 2 when an object is missing.
#
#   tools/deps.sh [OBJDIR]              # the circles and the verdict (build/kernel/gcc)
#   DEPS_GRAPH=1 tools/deps.sh          # and both graphs, every edge with its symbols
set -euo pipefail
cd "$(dirname "$0")/.."

objdir=${1:-${BUILD:-build}/kernel/gcc}

# Xen enters the kernel only through arch/x86: its entry code calls up into
# these handlers the way hardware calls a trap table.  A call to them is the
# entry layer doing its job, not a dependency of the entry layer on its caller.
ENTRY_POINTS="start_kernel do_trap do_failsafe do_syscall do_user_exception do_user_failsafe
evtchn_do_upcall preempt_point"

# Edges known to be wrong and fixed elsewhere: "symbol: why" (every use of the
# symbol) or "user>definer: why" (one file edge).  Each is printed on every
# run, so that it is not forgotten.  None today.
ALLOWED=()

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

source_of() { # object path under objdir -> source path (or the embedded user programs)
	local base=${1%.o}
	if [[ $base == user_programs ]]; then echo user/programs
	elif [[ -e kernel/$base.c ]]; then echo "kernel/$base.c"
	else echo "kernel/$base.S"
	fi
}

objects() { # the objects of today's sources (a deleted file's old object does not count)
	find kernel -name '*.[cS]' ! -name '*.lds.S' | sed -E 's|^kernel/||; s|\.[cS]$|.o|' | sort
	echo user_programs.o
}

while IFS= read -r obj; do
	[[ -e $objdir/$obj ]] || { echo "deps: $objdir/$obj is missing (run make first)" >&2; exit 2; }
	src=$(source_of "$obj")
	nm --defined-only -g "$objdir/$obj" | awk -v f="$src" 'NF == 3 { print $3, f }' >>"$tmp/defs"
	nm -u "$objdir/$obj" | awk -v f="$src" '{ print $2, f }' >>"$tmp/uses"
done < <(objects)

allowed_syms=$(printf '%s\n' "${ALLOWED[@]}" | sed 's/:.*//')

# file edges "user definer symbol", one line per symbol
awk -v skip="$ENTRY_POINTS $allowed_syms" '
	BEGIN { n = split(skip, s, /[ \n]+/); for (i = 1; i <= n; i++) if (s[i] != "") ignore[s[i]] = 1 }
	FNR == NR { def[$1] = $2; next }
	($1 in def) && def[$1] != $2 && !($1 in ignore) && !(($2 ">" def[$1]) in ignore) { print $2, def[$1], $1 }
' "$tmp/defs" "$tmp/uses" | sort -u >"$tmp/file_edges"

# A graph without edges means nm's output was not understood, not a clean tree.
[[ -s $tmp/file_edges ]] || { echo "deps: no dependencies found in $objdir: is nm working?" >&2; exit 2; }

folder_of() { sed -E 's|^kernel/||; s|/[^/]*$||'; }
paste -d' ' <(cut -d' ' -f1 "$tmp/file_edges" | folder_of) \
	<(cut -d' ' -f2 "$tmp/file_edges" | folder_of) \
	<(cut -d' ' -f1,3 "$tmp/file_edges" | sed 's| |:|') |
	awk '$1 != $2' | sort -u >"$tmp/folder_edges"

summarise() { # edges file -> "A -> B: sym, sym" lines
	awk '{ k = $1 " -> " $2; if (k in v) v[k] = v[k] ", " $3; else v[k] = $3 }
	     END { for (k in v) print k ": " v[k] }' "$1" | sort
}

circles() { # name, edges file: print each circle tsort finds; returns 1 if any
	local name=$1 edges=$2 found=0 members
	while IFS= read -r members; do
		found=1
		echo "deps: CIRCLE in the $name graph:"
		read -ra m <<<"$members"
		for ((i = 0; i < ${#m[@]}; i++)); do
			local a=${m[i]} b=${m[(i + 1) % ${#m[@]}]}
			echo "  $a -> $b: $(awk -v a="$a" -v b="$b" '$1 == a && $2 == b && ++n <= 4 { printf "%s%s", sep, $3; sep = ", " }
				END { if (n > 4) printf " and %d more", n - 4 }' "$edges")"
		done
	done < <(cut -d' ' -f1,2 "$edges" | sort -u | tsort 2>&1 >/dev/null |
		awk '/input contains a loop/ { if (l != "") print l; l = ""; next }
		     /^tsort: / { l = l (l == "" ? "" : " ") $2 } END { if (l != "") print l }')
	return $found
}

if [[ -n ${DEPS_GRAPH:-} ]]; then
	echo "deps: folder graph ($objdir)"
	summarise "$tmp/folder_edges" | sed 's/^/  /'
	echo "deps: file graph"
	summarise "$tmp/file_edges" | sed 's/^/  /'
fi
for a in "${ALLOWED[@]}"; do
	echo "deps: allowed for now: $a"
done
rc=0
circles file "$tmp/file_edges" || rc=1
circles folder "$tmp/folder_edges" || rc=1
if ((rc)); then
	echo "deps: FAIL: the graph has circles (docs/architecture.md says which way calls go)"
else
	echo "deps: no circles: $(wc -l <"$tmp/file_edges") file edges, $(wc -l <"$tmp/folder_edges") folder edges"
fi
exit $rc
