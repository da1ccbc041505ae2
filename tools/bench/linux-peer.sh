#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tools/bench/linux-peer.sh DIR: prepares the benchmark's peer, Debian's own
# Linux 6.1 kernel booted as Xen PV dom0, in DIR (build/bench/linux):
#   vmlinux        the kernel ELF, taken out of the package's bzImage
#   initramfs.gz   a cpio (newc) archive whose /init runs busybox `reboot -f`
#   VERSION        "<package> <version>" of the kernel, for the report
# Both packages come from Debian's archive with `apt-get download` and are
# unpacked with dpkg-deb into DIR: nothing is installed.  A second run finds
# the same package version already prepared and does nothing.
set -euo pipefail

dir=${1:?usage: linux-peer.sh DIR}
bb_pkg=busybox-static

say() { echo "bench: $*"; }
die() { echo "bench: $*" >&2; exit 1; }
# shellcheck source=tools/debian.sh
source "$(dirname "$0")/../debian.sh"

# /init is a busybox script that reboots at once: a dom0 reboot makes Xen
# reset the machine, and QEMU, run with -no-reboot, exits: the quickest
# clean end of a Linux boot.  /dev/console lets the kernel give init a
# console, so a failing /init is seen in the log.
make_initramfs() { # make_initramfs BUSYBOX OUT
	local init=$tmp/init
	printf '#!/bin/busybox sh\nexec /bin/busybox reboot -f\n' >"$init"
	{
		cpio_member bin $((040755))
		cpio_member dev $((040755))
		cpio_member dev/console $((020600)) "" 5 1
		cpio_member bin/busybox $((0100755)) "$1"
		cpio_member init $((0100755)) "$init"
		cpio_member 'TRAILER!!!' 0
	} | gzip -9n >"$2.tmp"
	mv "$2.tmp" "$2"
}

need_lists
pkg=$(kernel_package)
ver='' bb_ver=''
{ read -r ver && read -r bb_ver; } < <(candidates "$pkg" "$bb_pkg") || true
[[ -n $ver && $ver != "(none)" ]] || die "no candidate version of $pkg"
[[ -n $bb_ver && $bb_ver != "(none)" ]] || die "no candidate version of $bb_pkg"
want="$pkg $ver $bb_pkg $bb_ver"

if [[ -s $dir/vmlinux && -s $dir/initramfs.gz && $(cat "$dir/VERSION" 2>/dev/null) == "$want" ]]; then
	exit 0
fi

mkdir -p "$dir"
tmp=$(mktemp -d "$dir/tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
say "fetching $pkg $ver and $bb_pkg $bb_ver from Debian's archive (unpacked into $dir, not installed)"
download_or_update "$tmp" "$pkg=$ver" "$bb_pkg=$bb_ver"
# Only the kernel image is wanted, not the ~400 MiB of modules.
dpkg-deb --fsys-tarfile "$tmp/${pkg}_"*.deb | tar -x -C "$tmp" --wildcards './boot/vmlinuz-*'
dpkg-deb -x "$tmp/${bb_pkg}_"*.deb "$tmp/bb"
rm -f "$dir/VERSION"
extract_elf "$tmp"/boot/vmlinuz-* "$dir/vmlinux"
make_initramfs "$tmp/bb/bin/busybox" "$dir/initramfs.gz"
echo "$want" >"$dir/VERSION"
say "peer ready: $dir/vmlinux ($(($(stat -c %s "$dir/vmlinux") >> 20)) MiB ELF64 with Xen notes), $dir/initramfs.gz"
