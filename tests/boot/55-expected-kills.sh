# SPDX-License-Identifier: MIT
# init=tests: every process the kernel kills for a fault is one a test
# provoked, and the test says so in a line after the kernel's kill line.
boot expected-kills shutdown --kargs init=tests --timeout 120
mapfile -t killed < <(sed -nE 's/^\[ *[0-9.]+\] proc: pid ([0-9]+) \([a-z_0-9]+\) killed: .*/\1/p' "$case_log")
((${#killed[@]} >= 20)) || case_problems+=("only ${#killed[@]} kill lines: the tests provoke more")
for pid in "${killed[@]}"; do
	sed -nE "/ proc: pid $pid \\(.*killed: /,\$p" "$case_log" |
		grep -qE "^\\[ *[0-9.]+\\] [a-z_0-9]+\\[[0-9]+\\]\\| expected: pid $pid was killed \\(exit status [0-9]+\\), as this test wants$" ||
		case_problems+=("the kill of pid $pid is not marked as expected")
done
