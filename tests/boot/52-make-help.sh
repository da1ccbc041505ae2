# SPDX-License-Identifier: MIT
# `make help` lists every variable any Makefile sets with ?=, with its
# default, and every doc; TEST= reaches tests/run.  No boot.
case_name=make-help
mkdir -p "$LOGDIR"
case_out=$LOGDIR/make-help.out case_log=$LOGDIR/make-help.out
mapfile -t defs < <(grep -hE '^[A-Z_]+ *\?=' Makefile $(find . -name '*.mk' -not -path "./$BUILD/*") | sort -u)
((${#defs[@]} >= 10)) || case_problems+=("only ${#defs[@]} ?= variables found: the search is broken")
unset_env=(-u MAKEFLAGS -u MFLAGS -u MAKELEVEL)	# as a user types it, not as make test's child
for def in "${defs[@]}"; do unset_env+=(-u "${def%% *}"); done
env "${unset_env[@]}" make -s --no-print-directory help >"$case_out" 2>&1 ||
	case_problems+=("make help failed")
for def in "${defs[@]}"; do
	name=${def%%[ ?]*} value=${def#*\?=} value=${value# }
	grep -qF -- "  $name=\"$value\" " "$case_out" ||
		case_problems+=("make help lacks $name=\"$value\"")
done
for doc in README.md docs/*.md; do
	grep -q "^docs: .*$doc" "$case_out" || case_problems+=("make help does not list $doc")
done
log_has '^  fail=|fail=list' "fault injection is mentioned"
dry=$(make -n --no-print-directory test TEST=boot/default 2>&1 | tail -n 1)
[[ $dry == *"tests/run boot/default" ]] || case_problems+=("make test TEST=boot/default runs '$dry'")
