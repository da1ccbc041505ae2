# SPDX-License-Identifier: MIT
#
# Boot-test helpers, sourced by tests/run for each tests/boot/NN-name.sh.
# A file makes one boot with `boot NAME OUTCOME [pvrun options]`, then states
# what the log must (log_has) and must not (log_lacks) show.  The case passes
# when the outcome matched and every check held.  In-guest test results seen
# in the boot are reported as tests of their own.

: "${BUILD:=build}"
PVRUN=$BUILD/tools/pvrun
XEN=$BUILD/xen/xen-4.17-amd64
KERNEL=${KERNEL:-$BUILD/pvmmu}
LOGDIR=$BUILD/log/boot

case_name= case_problems=() case_log= case_out=

# boot NAME EXPECTED-OUTCOME [pvrun options...]
boot() {
	case_name=$1
	local expect=$2 rc
	shift 2
	mkdir -p "$LOGDIR"
	case_log=$LOGDIR/$case_name.log case_out=$LOGDIR/$case_name.out
	"$PVRUN" --kernel "$KERNEL" --xen "$XEN" --log "$case_log" --quiet-xen \
		--expect "$expect" "$@" >"$case_out" 2>&1
	rc=$?
	if ((rc != 0)); then
		case_problems+=("pvrun exit $rc: $(grep -E '^pvrun: (outcome|expected)' "$case_out" | tr '\n' ' ')")
	fi
	report_guest_tests
}

# Each in-guest test result line becomes a result of its own.
report_guest_tests() {
	sed -nE "s/.*test: ([A-Za-z0-9_.*-]+): (PASS|FAIL|SKIP)(: (.*))?\$/\2 $case_name\/\1 \4/p" "$case_out"
}

log_has() { # log_has EXTENDED-REGEX [what it shows]
	if ! grep -qE -- "$1" "$case_log"; then
		case_problems+=("log lacks /$1/${2:+ ($2)}")
	fi
}

log_lacks() {
	if grep -qE -- "$1" "$case_log"; then
		case_problems+=("log shows /$1/${2:+ ($2)}")
	fi
}

boot_finish() {
	[[ -n $case_name ]] || { echo "FAIL ${BASH_SOURCE[1]:-?} made no boot"; return; }
	if ((${#case_problems[@]})); then
		echo "FAIL boot/$case_name ${case_problems[0]} (log: $case_log)"
		printf '%s\n' "${case_problems[@]:1}"
	else
		echo "PASS boot/$case_name"
	fi
}
