# SPDX-License-Identifier: MIT
# `make gdb`: QEMU's stub listens on a free port of 127.0.0.1 only, pvrun
# prints the gdb command to attach, and that command works: a hardware
# breakpoint on start_kernel fires, and once gdb detaches the boot runs to
# its poweroff.  gdb disables pvrun's timeout, so timeout(1) bounds it here.
case_name=make-gdb
mkdir -p "$LOGDIR"
case_out=$LOGDIR/make-gdb.out case_log=$LOGDIR/make-gdb.out
gdb_out=$LOGDIR/make-gdb.gdb
: >"$case_out"
setsid timeout 120 make -s --no-print-directory gdb Q=1 >"$case_out" 2>&1 &
pid=$!
for ((i = 0; i < 200; i++)); do
	grep -q 'attach with: gdb' "$case_out" && break
	sleep 0.1
done
attach=$(sed -n "s/.*attach with: gdb [^ ]* -ex '\(target remote [^']*\)'$/\1/p" "$case_out")
port=${attach##*:}
if [[ $attach != "target remote 127.0.0.1:"[0-9]* ]]; then
	case_problems+=("pvrun printed no attach command: $(tail -n 2 "$case_out" | tr '\n' ' ')")
else
	# pvrun prints the command once QEMU is started, maybe before it listens.
	for ((i = 0; i < 100; i++)); do
		listen=$(ss -ltnH "sport = :$port" | awk '{print $4}' | tr '\n' ' ')
		[[ -n $listen ]] && break
		sleep 0.1
	done
	[[ $listen == "127.0.0.1:$port " ]] || case_problems+=("the stub listens on '$listen', not only 127.0.0.1:$port")
	timeout 100 gdb -q --batch -ex 'set confirm off' -ex "$attach" -ex 'hbreak start_kernel' \
		-ex continue -ex 'info symbol $pc' -ex detach "$BUILD/pvmmu" >"$gdb_out" 2>&1
	grep -q '^start_kernel in section .text' "$gdb_out" ||
		case_problems+=("gdb did not stop in start_kernel: $(tail -n 3 "$gdb_out" | tr '\n' ' ')")
fi
wait "$pid"
rc=$?
((rc == 0)) || case_problems+=("make gdb exit $rc: $(tail -n 1 "$case_out")")
kill -KILL $(pgrep -s "$pid") 2>/dev/null
log_has '^pvrun: outcome: shutdown \(poweroff\)$' "the boot went on after gdb detached"
log_has '^pvrun: exit 0 \(clean shutdown\)$'
log_lacks '^\(XEN\)' "Q=1 keeps Xen's lines off the terminal"
