#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tools/domu/run.sh: boots the domU host (tools/domu/host.sh) under QEMU and
# Xen with pvrun --domu and runs pvmmu as an xl domU in it.
#   run.sh [--build DIR] [--kernel ELF] [--mem MIB] [--kargs STR]
#          [--timeout S] [--steps FILE] [--log FILE] [--add FILE]
#          [pvrun options...]
# Without --steps: create the guest, stream its console until it ends
# (`make run-domu`).  --steps FILE: a busybox sh script run by the host's
# /init with its functions (create, wait_for, run_xl, end; tools/domu/init).
# The kernel and the steps reach the host as a second cpio archive after
# the cached rootfs: the kernel unpacks both into one initramfs.  --add FILE
# puts FILE there too, as /domu/NAME (make bench-domu's Linux guest kernel).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

build=build kernel='' mem=32 kargs='' timeout=60 steps='' log=''
pvrun_args=() adds=()
while (($#)); do
	case $1 in
	--build) build=$2; shift ;;
	--kernel) kernel=$2; shift ;;
	--mem) mem=$2; shift ;;
	--kargs) kargs=$2; shift ;;
	--timeout) timeout=$2; shift ;;
	--steps) steps=$2; shift ;;
	--log) log=$2; shift ;;
	--add) adds+=("$2"); shift ;;
	*) pvrun_args+=("$1") ;;
	esac
	shift
done
die() { echo "domu: $*" >&2; exit 64; }
[[ $mem =~ ^[0-9]+$ ]] && ((mem >= 16 && mem <= 4096)) ||
	die "MEM must be a domU size in MiB from 16 to 4096, not '$mem'"
[[ $timeout =~ ^[0-9]+$ ]] || die "TIMEOUT must be whole seconds, not '$timeout'"
[[ $kargs != *'"'* && $kargs != *'\'* ]] || die "KARGS must not contain '\"' or '\\' (xl's extra= string)"
kernel=${kernel:-$build/pvmmu}
host=$build/domu/host
"$here/host.sh" "$host"

# shellcheck source=tools/debian.sh
source "$here/../debian.sh"
work=$build/domu/run
mkdir -p "$work/domu"
cp "$kernel" "$work/domu/pvmmu"
if [[ -n $steps ]]; then
	cp "$steps" "$work/domu/steps"
else
	printf 'create pvmmu %s "%s"\nend pvmmu %s\n' "$mem" "$kargs" "$timeout" >"$work/domu/steps"
fi
{
	cpio_member domu $((040755))
	cpio_member domu/pvmmu $((0100644)) "$work/domu/pvmmu"
	cpio_member domu/steps $((0100644)) "$work/domu/steps"
	for f in "${adds[@]}"; do cpio_member "domu/$(basename "$f")" $((0100644)) "$f"; done
	cpio_member 'TRAILER!!!' 0
} | zstd -q -1 >"$work/guest.cpio.zst"
cat "$host/rootfs.cpio.zst" "$work/guest.cpio.zst" >"$work/initrd.cpio.zst"
# Linux under QEMU 7.2's TCG needs smap=0 (docs/bench.md); dom0 gets 512 MiB,
# the guests --guest-mem on top.  The host boot and toolstack take 12-33 s
# here: pvrun's own timeout leaves them 120 s beyond the guest's, so that
# the host's view of a guest timeout comes first.
exec "$build/tools/pvrun" --domu "$kernel" --kernel "$host/vmlinux" --initrd "$work/initrd.cpio.zst" \
	--mem 512 --guest-mem $((mem + 64)) --kargs "console=hvc0 earlyprintk=xen printk.time=1 quiet" \
	--xenargs "smap=0" --timeout $((timeout + 120)) ${log:+--log "$log"} "${pvrun_args[@]}"
