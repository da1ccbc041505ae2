#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tools/domu/host.sh DIR: prepares the domU host in DIR (build/domu/host):
#   vmlinux          Debian's Linux 6.1, the ELF out of the package's bzImage
#   rootfs.cpio.zst  an initramfs: busybox, Debian's xl toolstack
#                    (xen-utils-4.17, xenstored, xenconsoled) with the
#                    libraries it needs, Linux's Xen modules, tools/domu/init
#   VERSION          the packages and versions it was made from, and the
#                    checksum of the files of this folder that go in
# Packages come from Debian's archive with `apt-get download` and are
# unpacked with dpkg-deb (tools/debian.sh): nothing is installed on the
# machine.  A second run that finds the same VERSION does nothing.
set -euo pipefail

dir=${1:?usage: host.sh DIR}
here=$(cd "$(dirname "$0")" && pwd)

say() { echo "domu: $*"; }
die() { echo "domu: $*" >&2; exit 1; }
# shellcheck source=tools/debian.sh
source "$here/../debian.sh"

# The toolstack and what its binaries are linked against (readelf -d of xl,
# xenstored, xenconsoled, xen-init-dom0, libxl-save-helper and their
# libraries; check_libs below fails the build if one is missing).
pkgs=(xen-utils-4.17 xen-utils-common xenstore-utils busybox-static libc6 libgcc-s1
	libxencall1 libxendevicemodel1 libxenevtchn1 libxenforeignmemory1 libxengnttab1
	libxenhypfs1 libxenmisc4.17 libxenstore4 libxentoolcore1 libxentoollog1 libyajl2
	libzstd1 liblzma5 zlib1g libbz2-1.0 libuuid1 libtinfo6 libncursesw6 libnl-3-200
	libnl-route-3-200)
# Modules dom0's toolstack needs (Debian builds them as modules).
mods=xen-privcmd.ko,xenfs.ko,xen-evtchn.ko,xen-gntdev.ko,xen-gntalloc.ko
bins=(usr/lib/xen-4.17/bin/{xl,xenstored,xenconsoled,xen-init-dom0,libxl-save-helper})

# Every NEEDED library of the toolstack's binaries, found in the rootfs.
check_libs() { # check_libs ROOT
	local todo=("${bins[@]}") seen=" " f lib found d
	while ((${#todo[@]})); do
		f=${todo[0]} todo=("${todo[@]:1}")
		for lib in $(readelf -d "$1/$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
			[[ $seen == *" $lib "* ]] && continue
			seen+="$lib "
			found=
			for d in lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu; do
				[[ -e $1/$d/$lib ]] && found=$d/$lib && break
			done
			[[ -n $found ]] || die "$f needs $lib, which no unpacked package holds"
			todo+=("$found")
		done
	done
}

need_lists
kpkg=$(kernel_package)
mapfile -t vers < <(candidates "$kpkg" "${pkgs[@]}")
((${#vers[@]} == ${#pkgs[@]} + 1)) || die "apt-cache policy gave no candidate for some of: $kpkg ${pkgs[*]}"
want="$(paste -d= <(printf '%s\n' "$kpkg" "${pkgs[@]}") <(printf '%s\n' "${vers[@]}") | tr '\n' ' ')"
want+="$(cat "$here/init" "$here/host.sh" "$here/../debian.sh" | sha256sum | cut -c1-16)"

if [[ -s $dir/vmlinux && -s $dir/rootfs.cpio.zst && $(cat "$dir/VERSION" 2>/dev/null) == "$want" ]]; then
	exit 0
fi

t0=$(date +%s.%N)
mkdir -p "$dir"
tmp=$(mktemp -d "$dir/tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
say "fetching $kpkg and ${#pkgs[@]} toolstack packages from Debian's archive (unpacked into $dir, not installed)"
read -ra specs <<<"$want"
unset 'specs[${#specs[@]}-1]'
download_or_update "$tmp" "${specs[@]}"
root=$tmp/root
mkdir -p "$root"
for p in "${pkgs[@]}"; do dpkg-deb -x "$tmp/${p}_"*.deb "$root"; done
dpkg-deb --fsys-tarfile "$tmp/${kpkg}_"*.deb |
	tar -x -C "$tmp" --wildcards './boot/vmlinuz-*' './lib/modules/*/kernel/drivers/xen/*'
for m in ${mods//,/ }; do
	f=$(find "$tmp/lib/modules" -name "$m")
	[[ -n $f ]] || die "$kpkg has no $m"
	d=$root/${f#"$tmp"/}
	mkdir -p "$(dirname "$d")" && cp "$f" "$d"
done
check_libs "$root"
# Trimmed: documentation, translations and charset tables are not used.
rm -rf "$root"/usr/share/{doc,man,info,locale,lintian,bug} "$root"/usr/lib/x86_64-linux-gnu/gconv
install -m 755 "$here/init" "$root/init"
mkdir -p "$root/dev" && rm -f "$dir/VERSION"
extract_elf "$tmp"/boot/vmlinuz-* "$dir/vmlinux"
{
	cpio_tree "$root"
	cpio_member dev/console $((020600)) "" 5 1
	cpio_member 'TRAILER!!!' 0
} | zstd -q -9 -T0 >"$dir/rootfs.cpio.zst.tmp"
mv "$dir/rootfs.cpio.zst.tmp" "$dir/rootfs.cpio.zst"
echo "$want" >"$dir/VERSION"
say "host ready in $(echo "$t0 $(date +%s.%N)" | awk '{printf "%.1f", $2 - $1}') s: $dir/vmlinux," \
	"$dir/rootfs.cpio.zst ($(($(stat -c %s "$dir/rootfs.cpio.zst") >> 20)) MiB)"
