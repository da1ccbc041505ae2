# SPDX-License-Identifier: MIT
# `make run` ends with pvrun's exit code in words (make's own status is 2
# for any failure), and Q=1 keeps Xen's lines off the terminal but in the log.
case_name=make-run
mkdir -p "$LOGDIR"
case_out=$LOGDIR/make-run.out case_log=$LOGDIR/make-run.out
make -s --no-print-directory run Q=1 KARGS=write_cr3=late TIMEOUT=60 >"$case_out" 2>&1
rc=$?
((rc == 2)) || case_problems+=("make run exit $rc, not make's 2 for a failed recipe")
words=$(grep '^pvrun: ' "$case_out" | tail -n 1)
[[ $words == "pvrun: exit 3 (domain crashed by Xen)" ]] ||
	case_problems+=("pvrun's last line is '$words', not its exit code in words")
log_lacks '^\(XEN\)' "Q=1 keeps Xen's lines off the terminal"
log_has '^\[ +[0-9]+\.[0-9]{6}\] mmu: write_cr3=late' "the kernel's lines are shown"
grep -q '^(XEN) .*Hardware Dom0 crashed' "$BUILD/log/last.log" ||
	case_problems+=("the log lacks Xen's crash line")
