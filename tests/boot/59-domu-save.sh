# SPDX-License-Identifier: MIT
# pvmmu's suspend and resume under Debian's xl (docs/domu.md), in one boot of
# the domU host on the default Xen: xl save + xl restore three times in a
# row, then xl save -c (a checkpoint: the cancelled suspend), then xl migrate,
# which this Xen (no shadow paging, no PV log-dirty) refuses: that case is
# SKIPped with xl's reason.  A second boot on the shadow-capable Xen (setup's
# bookworm 4.17.5 build) migrates to localhost.  user/memck keeps a counter
# and a checksum of 1 MiB of its memory going through all of it.
mkdir -p "$LOGDIR"
steps=$LOGDIR/domu-save.steps
cat >"$steps" <<'STEPS'
create pvmmu 32 "init=memck"
wait_for pvmmu 90 "memck: round 2 "
for i in 1 2 3; do
	run_xl save pvmmu /tmp/pvmmu.save
	end pvmmu 30
	restore pvmmu /tmp/pvmmu.save
	wait_for pvmmu 60 "^\[.*\] resume: after: " $i
	wait_for pvmmu 30 "memck: round " $(( $(grep -c "memck: round " "$(conslog pvmmu)") + 1 ))
done
run_xl save -c pvmmu /tmp/pvmmu.ckpt
wait_for pvmmu 60 "^\[.*\] resume: after: " 4
wait_for pvmmu 30 "memck: round " $(( $(grep -c "memck: round " "$(conslog pvmmu)") + 1 ))
run_xl migrate -s "" pvmmu "xl migrate-receive"
wait_for pvmmu 30 "memck: round " $(( $(grep -c "memck: round " "$(conslog pvmmu)") + 1 ))
run_xl shutdown -w pvmmu
end pvmmu 60
STEPS
case_name=domu-save-run case_log=$LOGDIR/domu-save.log case_results=$LOGDIR/domu-save.results
rm -f "$case_results" "$case_log"
if ! tools/domu/run.sh --build "$BUILD" --kernel "$KERNEL" --steps "$steps" --timeout 300 \
	--log "$case_log" --quiet-xen --results "$case_results" --expect shutdown \
	>"$LOGDIR/domu-save.out" 2>&1; then
	case_problems+=("run.sh failed: $(grep -E '^(pvrun|domu): ' "$LOGDIR/domu-save.out" | tail -n 3 | tr '\n' ' ')")
fi
sweep_result
