# SPDX-License-Identifier: MIT
# No circle between the kernel's files or folders (tools/deps.sh, docs/architecture.md),
# in the gcc and the clang objects alike: no boot, the objects of `make test`'s build.
case_name=deps
mkdir -p "$LOGDIR"
case_out=$LOGDIR/deps.out case_log=$LOGDIR/deps.out
: >"$case_out"
for objdir in "$BUILD/kernel/gcc" "$BUILD/kernel/clang"; do
	if ! out=$(tools/deps.sh "$objdir" 2>&1); then
		case_problems+=("$objdir: $(grep -A3 -m1 CIRCLE <<<"$out" | tr '\n' ' ')")
	fi
	echo "$out" >>"$case_out"
done
