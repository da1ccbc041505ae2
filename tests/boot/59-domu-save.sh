# SPDX-License-Identifier: MIT
# pvmmu's suspend and resume under Debian's xl (docs/domu.md).  One boot of
# the domU host on the default Xen: xl save + xl restore three times in a
# row, xl save -c (a checkpoint: the cancelled suspend), then xl migrate,
# which this Xen (no shadow paging, so no PV log-dirty) refuses: that case is
# SKIPped with xl's reason.  A second boot on setup's shadow-capable Xen
# (bookworm's 4.17.5 build) migrates to localhost.  user/memck keeps a
# counter and a checksum of 1 MiB of its memory going through all of it.
mkdir -p "$LOGDIR"
shadow_xen=$BUILD/xen/xen-4.17-shadow-amd64

# memck's lines, in order: rounds 1, 2, 3... with no gap or repeat (one
# process that never restarted, no line lost), one checksum throughout.
memck_continuous() {
	local problem
	problem=$(grep -oE 'memck: round [0-9]+ counter [0-9]+ checksum [0-9a-f]+ [A-Z]*[a-z]*' "$case_log" |
		awk '{ if (NR == 1) sum = $7
			else if ($3 != round + 1) { print "round " $3 " after round " round; exit }
			else if ($5 <= counter) { print "counter " $5 " after " counter; exit }
			if ($7 != sum || $8 != "same") { print "checksum " $7 " (" $8 ") in round " $3 ", first " sum; exit }
			round = $3; counter = $5 }
		END { if (NR < 2) print "fewer than 2 memck rounds" }')
	[[ -z $problem ]] || case_problems+=("memck: $problem")
}

# Each resume: the page-table check found no stale entry, and free frames,
# page-table pages and pins are what they were before the suspend.
resumes_clean() { # resumes_clean RC COUNT
	local n bad before after
	n=$(grep -cE "\] resume: rc $1 " "$case_log")
	((n == $2)) || case_problems+=("$n resumes with rc $1, not $2")
	bad=$(grep -cE '\] resume: page-table check: [0-9]+ present entries, [1-9]' "$case_log")
	((bad == 0)) || case_problems+=("$bad page-table checks found entries not matching the p2m")
	before=$(grep -oE '\] suspend: before: .*' "$case_log" | sed 's/.*before: //' | sort | uniq -c)
	after=$(grep -oE '\] resume: after: .*' "$case_log" | sed 's/.*after: //' | sort | uniq -c)
	[[ $before == "$after" ]] || case_problems+=("frame counts before: $before; after: $after")
}

domu_boot() { # domu_boot NAME STEPS [run.sh options...]
	local name=$1 steps=$2
	shift 2
	case_name=$name case_log=$LOGDIR/$name.log case_results=$LOGDIR/$name.results
	rm -f "$case_results" "$case_log"
	if ! tools/domu/run.sh --build "$BUILD" --kernel "$KERNEL" --steps "$steps" --timeout 240 \
		--log "$case_log" --quiet-xen --results "$case_results" --expect shutdown "$@" \
		>"$LOGDIR/$name.out" 2>&1; then
		case_problems+=("run.sh failed: $(grep -E '^(pvrun|domu): ' "$LOGDIR/$name.out" | tail -n 3 | tr '\n' ' ')")
	fi
	log_has '^domu: pvmmu: outcome: poweroff$' "the guest powered off at the end (xl shutdown -w)"
}

# Waits for memck's next line: proof that the process runs on.
cat >"$LOGDIR/domu-save.steps" <<'STEPS'
memck_next() { wait_for pvmmu 30 "memck: round " $(($(grep -c "memck: round " "$(conslog pvmmu)") + 1)); }
create pvmmu 32 "init=memck"
wait_for pvmmu 90 "memck: round 2 "
for i in 1 2 3; do
	run_xl save pvmmu /tmp/pvmmu.save
	end pvmmu 30
	restore pvmmu /tmp/pvmmu.save
	wait_for pvmmu 60 "\] resume: after: " $i
	memck_next
done
run_xl save -c pvmmu /tmp/pvmmu.ckpt
# xl restore -F ends at the suspend: it reads it as the domain's end.
adopt pvmmu
wait_for pvmmu 60 "\] resume: after: " 4
memck_next
run_xl migrate -s "" pvmmu "xl migrate-receive"
memck_next
run_xl shutdown -w pvmmu
outcome pvmmu /tmp/xl-cmd.log
STEPS
domu_boot domu-save "$LOGDIR/domu-save.steps"
memck_continuous
sweep_result

case_name=domu-save-restore
n=$(grep -cE '^domu: xl save pvmmu /tmp/pvmmu.save: exit 0' "$case_log")
((n == 3)) || case_problems+=("$n of 3 xl saves succeeded")
resumes_clean 0 3
log_has 'memck: round [0-9]+ .* same' "memck ran"
sweep_result

case_name=domu-checkpoint
log_has '^domu: xl save -c pvmmu /tmp/pvmmu.ckpt: exit 0' "xl save -c succeeded"
resumes_clean 1 1
sweep_result

case_name=domu-migrate-refused
if reason=$(grep -m1 -oE 'xc: error: Failed to enable logdirty.*' "$case_log"); then
	echo "SKIP boot/$case_name this Xen cannot migrate; xl: $reason"
else
	log_has '^domu: xl migrate .*: exit 0' "xl migrate succeeded, or said why not"
	sweep_result
fi

case_name=domu-migrate
if [[ ! -s $shadow_xen ]]; then
	echo "SKIP boot/$case_name no shadow-capable Xen at $shadow_xen (make setup fetches it)"
else
	cat >"$LOGDIR/domu-migrate.steps" <<'STEPS'
memck_next() { wait_for pvmmu 30 "memck: round " $(($(grep -c "memck: round " "$(conslog pvmmu)") + 1)); }
create pvmmu 32 "init=memck"
wait_for pvmmu 90 "memck: round 2 "
run_xl migrate -s "" pvmmu "xl migrate-receive"
say "consoles: $(ls /var/log/xen/console | tr '\n' ' ')"
# The old domain is gone, and with it xl create -F; the new one was "pvmmu--incoming" to xenconsoled.
adopt pvmmu
follow pvmmu pvmmu--incoming
wait_for pvmmu 60 "\] resume: after: "
memck_next
run_xl shutdown -w pvmmu
outcome pvmmu /tmp/xl-cmd.log
STEPS
	domu_boot domu-migrate "$LOGDIR/domu-migrate.steps" --xen "$shadow_xen"
	log_has '^domu: xl migrate -s  pvmmu xl migrate-receive: exit 0' "xl migrate succeeded"
	resumes_clean 0 1
	memck_continuous
	sweep_result
fi

sweep_finish domu-save
