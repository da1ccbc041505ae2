# SPDX-License-Identifier: MIT
#
# Boot-test helpers, sourced by tests/run for each tests/boot/NN-name.sh.
# A file makes one boot with `boot NAME OUTCOME [pvrun options]`, then states
# what the log must (log_has) and must not (log_lacks) show.  The case passes
# when the outcome matched and every check held.  The test results pvrun saw
# in the boot (kernel and user, its --results file) are reported as tests of
# their own: pvrun is the one parser of "test: NAME: RESULT" lines.

: "${BUILD:=build}"
PVRUN=$BUILD/tools/pvrun
# XEN_IMAGE picks the hypervisor (make test's XEN=); XEN_TAG, set by tests/run
# for its second pass, names the boots of that pass (conformance@4.20).
XEN=${XEN_IMAGE:-$BUILD/xen/xen-4.17-amd64}
KERNEL=${KERNEL:-$BUILD/pvmmu}
LOGDIR=$BUILD/log/boot

case_name= case_problems=() case_log= case_out= case_results=

# boot NAME EXPECTED-OUTCOME [pvrun options...]; BOOT_INPUT=FILE types FILE's lines
boot() {
	case_name=$1${XEN_TAG:+@$XEN_TAG}
	local expect=$2 rc
	shift 2
	mkdir -p "$LOGDIR"
	case_log=$LOGDIR/$case_name.log case_out=$LOGDIR/$case_name.out
	case_results=$LOGDIR/$case_name.results
	rm -f "$case_results"
	# The console's input: BOOT_INPUT's lines (pvrun sends one whenever the console is quiet), else none.
	"$PVRUN" --kernel "$KERNEL" --xen "$XEN" --log "$case_log" --quiet-xen \
		--results "$case_results" --expect "$expect" "$@" >"$case_out" 2>&1 \
		<"${BOOT_INPUT:-/dev/null}"
	rc=$?
	if ((rc != 0)); then
		case_problems+=("pvrun exit $rc: $(grep -E '^pvrun: (outcome|expected)' "$case_out" | tr '\n' ' ')")
	fi
	report_guest_tests
}

# Each test result pvrun saw becomes a result of its own: "RESULT boot/NAME/TEST why".
report_guest_tests() {
	local result name why
	[[ -f $case_results ]] || return 0
	while read -r result name why; do
		echo "$result $case_name/$name${why:+ $why}"
	done <"$case_results"
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

# The current case's result line (and its further problems); 1 if it failed.
report_case() {
	if ((${#case_problems[@]})); then
		echo "FAIL boot/$case_name ${case_problems[0]} (log: $case_log)"
		printf '%s\n' "${case_problems[@]:1}"
		return 1
	fi
	echo "PASS boot/$case_name"
}

boot_finish() {
	[[ -n $case_name ]] || { echo "FAIL ${BASH_SOURCE[1]:-?} made no boot"; return; }
	report_case || true
}

# --- Helpers for the robustness tests (3x-*, 4x-*): sweeps, walks, the runner.

# log_after_only REGEX ALLOWED [what]: every line after the first one matching
# REGEX matches ALLOWED (e.g. nothing but the backtrace follows a panic).
log_after_only() {
	local extra
	extra=$(sed -nE "\\~$1~,\$p" "$case_log" | sed 1d | grep -vE -- "$2" | head -n 1)
	if [[ -n $extra ]]; then
		case_problems+=("after /$1/ the log goes on: '$extra'${3:+ ($3)}")
	fi
}

# A sweep makes many boots in one file.  sweep_result reports the boot just
# made as a result of its own and starts the next with no problems;
# sweep_finish NAME makes the file's own result, which names the failed boots.
sweep_failures=()

sweep_result() {
	report_case || sweep_failures+=("$case_name")
	case_problems=()
}

sweep_finish() {
	case_name=$1 case_log=$LOGDIR
	if ((${#sweep_failures[@]})); then
		case_problems=("failed boots: ${sweep_failures[*]}")
	fi
}

# walk_lines VA [xen]: the page-table walk of VA (16 hex digits) the kernel
# printed, or with "xen" the one Xen printed, as "L4[0x1d4] = ENTRY PFN" lines.
walk_lines() {
	local header="Pagetable walk from $1:" want=${2:-kernel} line from found=
	while IFS= read -r line; do
		from=kernel
		[[ $line == '(XEN)'* ]] && from=xen
		[[ $from == "$want" ]] || continue
		if [[ -z $found ]]; then
			[[ $line == *"$header" ]] && found=1
			continue
		fi
		[[ $line =~ \ (L[1-4]\[0x[0-9a-f]{3}\]\ =\ [0-9a-f]{16}\ [0-9a-f]{16})$ ]] || break
		echo "${BASH_REMATCH[1]}"
	done <"$case_log"
}

# log_walk VA [what]: the kernel printed a well-formed walk of VA: one line
# per level from L4 down, each at VA's index for that level, every entry but
# the last present, the last one not present or at L1.
log_walk() {
	local va=$1 level=4 line index present=1 n=0 problem=
	while IFS= read -r line; do
		n=$((n + 1))
		if ((!present)); then
			problem="it goes on past a non-present entry: '$line'"
			break
		fi
		if ! [[ $line =~ ^L([1-4])\[0x([0-9a-f]{3})\]\ =\ ([0-9a-f]{16})\ [0-9a-f]{16}$ ]]; then
			problem="malformed line '$line'"
			break
		fi
		index=$(((0x$va >> (12 + 9 * (level - 1))) & 511))
		if ((BASH_REMATCH[1] != level || 0x${BASH_REMATCH[2]} != index)); then
			problem="'$line' where L$level[$(printf '0x%03x' "$index")] was due"
			break
		fi
		present=$((0x${BASH_REMATCH[3]} & 1))
		level=$((level - 1))
	done < <(walk_lines "$va")
	if [[ -z $problem ]] && ((n == 0)); then
		problem="no walk of $va"
	elif [[ -z $problem ]] && ((present && level > 0)); then
		problem="it stops at a present L$((level + 1)) entry"
	fi
	[[ -z $problem ]] || case_problems+=("kernel walk of $va: $problem${2:+ ($2)}")
}

# run_pvrun_expect_exit NAME CODE [--signal SIG] [pvrun options...]: run
# pvrun in a session of its own (no boot defaults added), as case NAME; it
# must exit with CODE and leave no process of that session behind (QEMU
# included).  With --signal, SIG goes to pvrun once its QEMU is running.
# log_has and log_lacks then read what pvrun printed (NAME.out); the
# console log, if a boot began, is NAME.log.
run_pvrun_expect_exit() {
	case_name=$1
	local code=$2 sig= pid rc left i
	shift 2
	if [[ $1 == --signal ]]; then
		sig=$2
		shift 2
	fi
	mkdir -p "$LOGDIR"
	case_out=$LOGDIR/$case_name.out case_log=$LOGDIR/$case_name.out
	# setsid: pvrun leads a new session, so whatever it leaves running is findable.
	setsid "$PVRUN" --log "$LOGDIR/$case_name.log" "$@" >"$case_out" 2>&1 &
	pid=$!
	if [[ -n $sig ]]; then
		for ((i = 0; i < 100; i++)); do
			pgrep -s "$pid" -f qemu-system >/dev/null && break
			sleep 0.1
		done
		((i < 100)) || case_problems+=("QEMU never started, so no $sig was sent")
		kill -s "$sig" "$pid"
	fi
	wait "$pid"
	rc=$?
	((rc == code)) || case_problems+=("pvrun exit $rc, not $code: $(tail -n 1 "$case_out")")
	left=$(pgrep -s "$pid" -a)
	if [[ -n $left ]]; then
		case_problems+=("left behind: ${left//$'\n'/; }")
		kill -KILL $(pgrep -s "$pid") 2>/dev/null
	fi
}

# conformance_check: the conformance boot's case lines match this Xen's column
# of docs/conformance.md (tools/conformance.sh says how it is made).
conformance_check() {
	local why version=${XEN_TAG:-$(basename "$XEN")}
	version=${version#xen-}
	why=$(tools/conformance.sh check "$case_log" "${version%-amd64}" 2>&1) ||
		case_problems+=("docs/conformance.md: ${why//$'\n'/; }")
}
