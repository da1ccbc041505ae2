# SPDX-License-Identifier: MIT
# pvmmu as a domU under Debian's xl, in one boot of the domU host (a Linux
# dom0 with the toolstack, tools/domu/): xl create with the in-guest tests
# and user space, a full console ring, a bogus control/shutdown value,
# xl shutdown, then a second guest and xl reboot.  Each is a case of its own.
mkdir -p "$LOGDIR"
steps=$LOGDIR/domu.steps
cat >"$steps" <<'STEPS'
create pvmmu 32 "test=all init=hello domu_wait=1"
wait_for pvmmu 150 "waiting for the toolstack"
xenstore-write "/local/domain/$(xl domid pvmmu)/control/shutdown" bogus-value
wait_for pvmmu 30 "control/shutdown 'bogus-value'"
run_xl shutdown -w pvmmu
end pvmmu 60
create pvmmu 32 "domu_wait=1"
wait_for pvmmu 60 "waiting for the toolstack"
run_xl reboot pvmmu
end pvmmu 60
STEPS
case_name=domu-run case_log=$LOGDIR/domu.log case_results=$LOGDIR/domu.results
rm -f "$case_results" "$case_log"
if ! tools/domu/run.sh --build "$BUILD" --kernel "$KERNEL" --steps "$steps" --timeout 300 \
	--log "$case_log" --quiet-xen --results "$case_results" --expect shutdown \
	>"$LOGDIR/domu.out" 2>&1; then
	case_problems+=("run.sh failed: $(grep -E '^(pvrun|domu): ' "$LOGDIR/domu.out" | tail -n 3 | tr '\n' ' ')")
fi
report_guest_tests
sweep_result

case_name=domu-create
log_has '^domu: pvmmu: created' "xl create returned"
log_has 'flags +0 \(\) => domU' "start_info says domU"
log_has 'xenbus: domain pvmmu, domid [0-9]+' "xenstore read of name and domid"
log_has '^\[ *[0-9.]+\] tests: [1-9][0-9]* passed, 0 failed' "in-guest tests"
log_has 'hello\[[0-9]+\]\| hello from pid' "user space runs"
sweep_result

case_name=domu-console-full
log_has 'console: the ring was full [1-9][0-9]* times' "the ring filled"
flood=$(grep -cE 'console-flood [0-9]{2}/48: \.{44}$' "$case_log")
((flood == 48)) || case_problems+=("$flood of 48 flood lines reached xenconsoled's log")
sweep_result

case_name=domu-stray-replies
log_has 'xenstore: reply \(type 2\) to request 57005 while waiting for [0-9]+: dropped'
log_has "xenstore: watch event for some/path with unknown token 'no-such-token': ignored"
sweep_result

case_name=domu-bad-shutdown-value
log_has "xenbus: control/shutdown 'bogus-value' is not poweroff, halt, reboot or suspend: ignored"
log_has "xenbus: control/shutdown 'poweroff' from the toolstack" "still alive for xl shutdown"
sweep_result

case_name=domu-shutdown
log_has '^domu: xl shutdown -w pvmmu: exit 0' "xl shutdown waited and succeeded"
log_has '^domu: pvmmu: outcome: poweroff$' "xl saw reason poweroff"
sweep_result

case_name=domu-reboot
log_has '^domu: xl reboot pvmmu: exit 0'
log_has "xenbus: control/shutdown 'reboot' from the toolstack"
log_has '^domu: pvmmu: outcome: reboot$' "xl saw reason reboot"
sweep_result

sweep_finish domu
