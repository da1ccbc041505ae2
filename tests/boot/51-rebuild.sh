# SPDX-License-Identifier: MIT
# A fresh clone's first `make all` builds everything without announcing the
# removal of intermediate files; a second `make all` right after prints
# nothing (nothing was left to rebuild); `make clean` leaves only the setup.
# No boot: the clone borrows this tree's setup (its Xen image and stamp).
case_name=rebuild
mkdir -p "$LOGDIR"
case_out=$LOGDIR/rebuild.out case_log=$LOGDIR/rebuild.out
clone=$(mktemp -d /tmp/pvmmu-rebuild.XXXXXX)
{
	git clone -q . "$clone/src" &&
		mkdir -p "$clone/src/build" &&
		ln -s "$(realpath "$BUILD/xen")" "$clone/src/build/xen" &&
		touch "$clone/src/build/.setup-done"
} >"$case_out" 2>&1 || case_problems+=("could not clone the tree into $clone")
first=$(make -C "$clone/src" --no-print-directory all 2>&1) ||
	case_problems+=("the first make all failed: $(tail -n 3 <<<"$first" | tr '\n' ' ')")
second=$(make -C "$clone/src" --no-print-directory all 2>&1)
make -C "$clone/src" --no-print-directory clean >/dev/null 2>&1
left=$(cd "$clone/src/build" 2>/dev/null && ls -A | tr '\n' ' ')
printf '%s\n' "--- first make all" "$first" "--- second make all" "$second" \
	"--- left after make clean" "$left" >>"$case_out"
grep -q 'LD      build/pvmmu' <<<"$first" || case_problems+=("the first make all linked no kernel")
! grep -qE '^rm ' <<<"$first" || case_problems+=("make printed its removal of intermediates: $(grep -m1 -E '^rm ' <<<"$first" | cut -c1-80)")
[[ -z $second ]] || case_problems+=("the second make all did something: $(head -n 3 <<<"$second" | tr '\n' ' ')")
[[ $left == ".setup-done xen " ]] || case_problems+=("make clean left in build/: $left")
rm -rf "$clone"
