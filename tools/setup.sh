#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Brings in what pvmmu needs on a Debian 12 machine: QEMU, Debian's Xen 4.17
# hypervisor image (extracted into the build tree, never installed to /boot),
# libxen-dev for the Xen ABI headers, cmocka, elfutils' libdw (pvrun names
# backtrace lines with it), clang and gnuplot.  A second run
# finds everything present and does nothing.
set -euo pipefail

build=${1:-build}
xen_pkg=xen-hypervisor-4.17-amd64
xen_image=$build/xen/xen-4.17-amd64

# command-or-file to check, and the Debian package that provides it
needs=(
	"qemu-system-x86_64 qemu-system-x86"
	"/usr/include/xen/xen.h libxen-dev"
	"/usr/include/cmocka.h libcmocka-dev"
	"/usr/include/elfutils/libdwfl.h libdw-dev"
	"clang clang"
	"ld binutils"
	"gcc gcc"
	"gnuplot gnuplot-nox"
	"xz xz-utils"
)

missing=()
for n in "${needs[@]}"; do
	what=${n% *} pkg=${n#* }
	if [[ $what == /* ]]; then [[ -e $what ]] && continue
	else command -v "$what" >/dev/null && continue; fi
	missing+=("$pkg")
done

apt_updated=
apt_update() {
	[[ -n $apt_updated ]] && return
	echo "setup: apt-get update"
	apt-get update -q >/dev/null
	apt_updated=1
}

if ((${#missing[@]})); then
	if ((EUID != 0)); then
		echo "setup: missing packages: ${missing[*]}" >&2
		echo "setup: run as root:  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
		exit 1
	fi
	apt_update
	echo "setup: apt-get install ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -s $xen_image ]]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	# apt-get download needs package lists; a fresh machine may have none.
	if ! apt-cache show "$xen_pkg" >/dev/null 2>&1; then
		if ((EUID != 0)); then
			echo "setup: no package lists; run as root:  apt-get update" >&2
			exit 1
		fi
		apt_update
	fi
	echo "setup: fetching $xen_pkg (extracted into $build/xen, not installed)"
	# As root, apt would drop to the _apt user, who cannot write to $tmp.
	sandbox=()
	((EUID == 0)) && sandbox=(-o APT::Sandbox::User=root)
	(cd "$tmp" && apt-get download -q "${sandbox[@]}" "$xen_pkg" >/dev/null)
	dpkg-deb -x "$tmp"/"$xen_pkg"_*.deb "$tmp/x"
	mkdir -p "$build/xen"
	gunzip -c "$tmp/x/boot/xen-4.17-amd64.gz" > "$xen_image.tmp"
	dpkg-deb -f "$tmp"/"$xen_pkg"_*.deb Version > "$build/xen/VERSION"
	mv "$xen_image.tmp" "$xen_image"
	echo "setup: Xen $(cat "$build/xen/VERSION") at $xen_image"
fi
