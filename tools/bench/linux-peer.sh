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
meta=linux-image-amd64
bb_pkg=busybox-static

say() { echo "bench: $*"; }
die() { echo "bench: $*" >&2; exit 1; }

# apt-get download needs package lists; a fresh machine may have none.
need_lists() {
	apt-cache show "$meta" >/dev/null 2>&1 && return
	((EUID == 0)) || die "no package lists; run as root:  apt-get update"
	say "apt-get update"
	apt-get update -q >/dev/null
}

# The metapackage names the current 6.1 ABI package (linux-image-6.1.0-N-amd64);
# its own version is the Debian kernel release (e.g. 6.1.192-2).
kernel_package() {
	local pkg
	pkg=$(apt-cache depends "$meta" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-6\.1\.0-[0-9]*-amd64\)$/\1/p' | head -n 1)
	[[ -n $pkg ]] || die "apt-cache depends $meta names no linux-image-6.1.0-*-amd64 package"
	echo "$pkg"
}

# Candidate versions of the packages named, one a line, in their order.
candidates() { apt-cache policy "$@" | sed -n "s/^ *Candidate: //p"; }

download() { # download DESTDIR PACKAGE...
	local sandbox=()
	# As root, apt would drop to the _apt user, who cannot write there.
	((EUID == 0)) && sandbox=(-o APT::Sandbox::User=root)
	(cd "$1" && shift && apt-get download -q "${sandbox[@]}" "$@" >/dev/null)
}

# Xen could boot the bzImage itself, but it then unpacks the xz payload in
# the hypervisor, slowly under TCG; handing it the ELF saves that on every
# boot.  The payload starts at the xz magic fd 37 7a 58 5a 00; a bzImage may
# contain the bytes elsewhere too, so every hit is tried until one yields an
# ELF64 x86-64 with Xen notes.  --single-stream ignores the bytes after the
# payload (the bzImage's trailer); tail then dies of SIGPIPE, which is why it
# feeds xz through a process substitution rather than a pipe under pipefail.
extract_elf() { # extract_elf VMLINUZ OUT
	local off
	while read -r off; do
		if xz -dc --single-stream < <(tail -c +$((off + 1)) "$1") >"$2.tmp" 2>/dev/null &&
			is_xen_elf "$2.tmp"; then
			mv "$2.tmp" "$2"
			return 0
		fi
	done < <(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$1" | cut -d: -f1)
	rm -f "$2.tmp"
	die "no xz payload in $1 decompresses to an ELF64 x86-64 kernel with Xen notes"
}

is_xen_elf() {
	local hdr notes
	# Captured first: grep -q ending a pipe early would fail it under pipefail.
	hdr=$(LC_ALL=C readelf -h "$1" 2>/dev/null) || return 1
	notes=$(LC_ALL=C readelf -n "$1" 2>/dev/null) || return 1
	grep -q "Class: *ELF64" <<<"$hdr" && grep -q "Machine: *Advanced Micro Devices X86-64" <<<"$hdr" &&
		grep -q "^ *Xen " <<<"$notes"
}

# A newc cpio member: "070701", 13 eight-digit hex fields, the name with its
# NUL, padding to 4 bytes, the data, padding to 4 bytes.  Written here in a
# few lines rather than adding the cpio package to the setup.
cpio_ino=0
cpio_member() { # cpio_member NAME MODE [FILE [RDEVMAJOR RDEVMINOR]]
	local name=$1 mode=$2 file=${3:-} size=0 nsize
	[[ -n $file ]] && size=$(stat -c %s "$file")
	nsize=$((${#name} + 1))
	cpio_ino=$((cpio_ino + 1))
	printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
		"$cpio_ino" "$mode" 0 0 1 0 "$size" 0 0 "${4:-0}" "${5:-0}" "$nsize" 0
	printf '%s\0' "$name"
	head -c $(((4 - (110 + nsize) % 4) % 4)) /dev/zero
	if [[ -n $file ]]; then
		cat "$file"
		head -c $(((4 - size % 4) % 4)) /dev/zero
	fi
}

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
if ! download "$tmp" "$pkg=$ver" "$bb_pkg=$bb_ver"; then
	# Stale package lists name files the archive no longer has: refresh them
	# once (a second failure is a real one, e.g. no network).
	[[ -z ${BENCH_PEER_RETRY:-} ]] || die "apt-get download $pkg $bb_pkg failed"
	((EUID == 0)) || die "apt-get download failed; as root run:  apt-get update"
	say "apt-get download failed; apt-get update, then once more"
	apt-get update -q >/dev/null
	rm -rf "$tmp"
	BENCH_PEER_RETRY=1 exec "$0" "$@"
fi
# Only the kernel image is wanted, not the ~400 MiB of modules.
dpkg-deb --fsys-tarfile "$tmp/${pkg}_"*.deb | tar -x -C "$tmp" --wildcards './boot/vmlinuz-*'
dpkg-deb -x "$tmp/${bb_pkg}_"*.deb "$tmp/bb"
rm -f "$dir/VERSION"
extract_elf "$tmp"/boot/vmlinuz-* "$dir/vmlinux"
make_initramfs "$tmp/bb/bin/busybox" "$dir/initramfs.gz"
echo "$want" >"$dir/VERSION"
say "peer ready: $dir/vmlinux ($(($(stat -c %s "$dir/vmlinux") >> 20)) MiB ELF64 with Xen notes), $dir/initramfs.gz"
