# SPDX-License-Identifier: MIT
# The test harness itself, kernel and user side: the worst outcome wins with
# its own reason (PASS < SKIP < ERROR < FAIL), a failed test's pages and
# teardown are given back, a leak fails the test that made it, a selection
# or a tests/run filter that matches nothing fails, and test=list describes
# each test.  The selftests fail on purpose, so each boot must end in
# pvrun's "a test failed" (exit 1) and the exact lines are checked here.

# The start of a user-output line: the kernel's timestamp and NAME[PID]| marker.
USER_LINE='^\[ *[0-9.]+\] [a-z_]+\[[0-9]+\]\| '

# result_line LINE: the console shows LINE exactly (after any timestamp and user marker).
result_line() {
	sed -E 's/^\[ *[0-9]+\.[0-9]+\] ([a-z_]+\[[0-9]+\]\| )?//' "$case_log" | grep -qxF -- "$1" ||
		case_problems+=("no line '$1'")
}

boot_expecting_failures() { # NAME KARGS
	run_pvrun_expect_exit "$1" 1 --kernel "$KERNEL" --xen "$XEN" --quiet-xen --kargs "$2"
}

selftests=skip_then_fail,error_then_skip,fail_then_error,require,alloc_then_fail,alloc_given_back
selftests+=,defer_then_fail,teardown_ran,leak
boot_expecting_failures harness-kernel "test=selftest.${selftests//,/,selftest.},nosuch,mm.nosuch*"
result_line 'test: selftest.skip_then_fail: FAIL: failed second'
result_line 'test: selftest.error_then_skip: ERROR: setup failed first'
result_line 'test: selftest.fail_then_error: FAIL: failed first'
log_has '^\[ *[0-9.]+\] test: selftest.require: ERROR: kernel/test/test_harness.c:[0-9]+: setup: pages_found > 0$' \
	"TEST_REQUIRE is an ERROR naming its condition"
log_has '^\[ *[0-9.]+\] test: selftest.alloc_then_fail: FAIL: kernel/test/test_harness.c:[0-9]+: nr_free_pages\(\) == free_before_alloc'
result_line 'test: selftest.alloc_given_back: PASS'
result_line 'test: selftest.defer_then_fail: FAIL: failed before its teardown'
result_line 'test: selftest.teardown_ran: PASS'
if [[ $(sed -nE 's/.*test: selftest\.leak: FAIL: leak: free frames ([0-9]+) -> ([0-9]+), page-table pages ([0-9]+) -> \3, pins ([0-9]+) -> \4$/\1 \2/p' \
	"$case_log") =~ ^([0-9]+)\ ([0-9]+)$ ]] && ((BASH_REMATCH[1] == BASH_REMATCH[2] + 1)); then :; else
	case_problems+=("no leak report of exactly one frame for selftest.leak")
fi
result_line "test: selection: FAIL: 'nosuch' matches no test (make run KARGS=test=list lists the tests)"
result_line "test: selection: FAIL: 'mm.nosuch*' matches no test (make run KARGS=test=list lists the tests)"
result_line 'tests: 2 passed, 7 failed, 0 skipped, 2 errors'
sweep_result

boot_expecting_failures harness-user "init=selftest,selftest_main"
result_line 'test: uselftest.skip_then_fail: FAIL: failed second'
result_line 'test: uselftest.error_then_skip: ERROR: setup failed first'
log_has "$USER_LINE"'test: uselftest\.child_fails: FAIL: user/selftest\.c:[0-9]+: getpid\(\) == 1 \([0-9]+ != 1; 0x[0-9a-f]+ != 0x1\)$' \
	"reported once, by the case's child"
result_line "test: uselftest.child_dies: FAIL: the case's child exited with status 139 before reporting"
result_line 'test: uselftest.passes: PASS'
result_line 'test: uselftest.exit_status: FAIL: child exit status 0, expected 3'
result_line 'test: uselftest.exit_assert: FAIL: child exit status 1, expected 0'
log_has "$USER_LINE"'uselftest\.exit_assert: in the case.s child: user/selftest\.c:[0-9]+: getpid\(\) == 1 ' \
	"the child of a UTEST_EXIT case says which assertion failed"
result_line 'init: selftest exited with status 6'
log_has "$USER_LINE"'test: uselftest\.main_returns_early: FAIL: user/selftest_main\.c:[0-9]+: status == 1 \(0 != 1; 0 != 0x1\)$' \
	"an early return still reports; the child did not"
result_line 'test: uselftest.main_at_exit: SKIP: reported by exit'
[[ $(grep -cE "$USER_LINE"'test: uselftest\.[a-z_]*: [A-Z]*' "$case_log") == 18 ]] ||
	case_problems+=("not one RUN and one result line for each of the 9 user selftests")
sweep_result

run_pvrun_expect_exit harness-list 0 --kernel "$KERNEL" --xen "$XEN" --quiet-xen --kargs "test=list"
log_has '^\[ *[0-9.]+\]   mm\.alloc_all +the allocator hands out every free frame and takes all back$'
log_has '^\[ *[0-9.]+\]   selftest\.leak +\(selftest: not in all\) keeps a frame'
log_has '^\[ *[0-9.]+\]   panic +\(hook: ends the boot\) panics'
log_lacks '^\[ *[0-9.]+\]   [a-z_.]+ +$' "a test without a description"
sweep_result

case_name=run-nosuch case_log=$LOGDIR/run-nosuch.out
mkdir -p "$LOGDIR"
tests/run nosuch >"$case_log" 2>&1
rc=$?
((rc == 2)) || case_problems+=("tests/run nosuch exited $rc, not 2")
log_has "^tests/run: no test matches 'nosuch'"
log_lacks 'passed'
sweep_result

sweep_finish harness
