#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tools/domu/bench.sh (make bench-domu): xl save, xl restore and xl migrate
# (to localhost) times for pvmmu beside a Linux PV domU of the same memory,
# in one boot of the domU host on setup's shadow-capable Xen (migration
# needs it).  Both guests are idle: QEMU gives Xen one CPU, which a busy
# guest would take from the toolstack.  The Linux guest is the host's own Debian 6.1 kernel with a
# busybox initramfs made in dom0 that prints a tick a second.  Prints one
# table; the times are xl's own command times as the host measured them.
#   bench.sh [--build DIR] [--mem MIB]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=build mem=128
while (($#)); do
	case $1 in
	--build) build=$2; shift ;;
	--mem) mem=$2; shift ;;
	*) echo "bench-domu: unknown option $1" >&2; exit 64 ;;
	esac
	shift
done
xen=$build/xen/xen-4.17-shadow-amd64
[[ -s $xen ]] || { echo "bench-domu: no shadow-capable Xen at $xen: make setup" >&2; exit 1; }
"$here/host.sh" "$build/domu/host"
out=$build/log/bench-domu
mkdir -p "$out"
cat >"$out/steps" <<STEPS
# save, restore, migrate one guest; each xl command reports its seconds
# (run_xl).  The save file lives in dom0's tmpfs: removed once restored.
cycle() { # cycle NAME RESUMED-ERE
	local n
	run_xl save \$1 /tmp/\$1.save
	end \$1 60
	n=\$(grep -cE "\$2" "\$(conslog \$1)")
	run_xl restore /tmp/\$1.save
	rm -f /tmp/\$1.save
	adopt \$1
	wait_for \$1 60 "\$2" \$((n + 1))
	run_xl migrate -s "" \$1 "xl migrate-receive"
	follow \$1 \$1--incoming
	wait_for \$1 60 "\$2"
}
# Both guests idle, so that neither takes the one CPU from the toolstack.
create pvmmu $mem "domu_wait=1"
wait_for pvmmu 90 "waiting for the toolstack"
cycle pvmmu "\\] resume: after: "
run_xl shutdown -w pvmmu
mkdir -p /tmp/li/bin
cp /bin/busybox /tmp/li/bin/
printf '#!/bin/busybox sh\nwhile :; do /bin/busybox echo linux-domu: tick; /bin/busybox sleep 1; done\n' >/tmp/li/init
chmod +x /tmp/li/init
(cd /tmp/li && find . | cpio -o -H newc >/tmp/linux-domu.cpio 2>/dev/null)
GUEST_KERNEL=/domu/vmlinux GUEST_RAMDISK=/tmp/linux-domu.cpio create linux $mem "console=hvc0 quiet"
wait_for linux 120 "linux-domu: tick"
cycle linux "linux-domu: tick"
run_xl destroy linux
STEPS
# A migration to localhost holds the guest twice: room for both.
"$here/run.sh" --build "$build" --mem $((2 * mem)) --steps "$out/steps" --timeout 400 --log "$out/bench.log" \
	--quiet-xen --add "$build/domu/host/vmlinux" --xen "$xen" --expect shutdown >"$out/run.out" 2>&1 || true
printf 'bench-domu: %s MiB PV domUs on Xen %s (log %s)\n' "$mem" "$(cat "$xen.version")" "$out/bench.log"
printf '%-8s %10s %10s %10s\n' guest "save s" "restore s" "migrate s"
for g in pvmmu linux; do
	t() { sed -n "s/^domu: xl $1 .*$g.*: exit 0 after \([0-9.]*\) s$/\1/p" "$out/bench.log" | head -n 1; }
	printf '%-8s %10s %10s %10s\n' "$g" "$(t save)" "$(t restore)" "$(t migrate)"
done
