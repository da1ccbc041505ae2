#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Brings in what pvmmu needs on a Debian 12 machine: QEMU, Debian's Xen 4.17
# hypervisor image and trixie's Xen 4.20 (both extracted into the build tree,
# never installed to /boot),
# libxen-dev for the Xen ABI headers, cmocka, elfutils' libdw (pvrun names
# backtrace lines with it), clang and gnuplot.  A second run
# finds everything present and does nothing.
set -euo pipefail

build=${1:-build}
xen_pkg=xen-hypervisor-4.17-amd64
xen_image=$build/xen/xen-4.17-amd64
# Live migration needs PV log-dirty, so shadow paging, which the default
# (bookworm-security) build lacks; bookworm main's 4.17.5 build has it.
xen_shadow_version=4.17.5+72-g01140da4e8-1
xen_shadow_image=$build/xen/xen-4.17-shadow-amd64
xen420_pkg=xen-hypervisor-4.20-amd64
xen420_image=$build/xen/xen-4.20-amd64

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

# fetch_xen PACKAGE[=VERSION] IMAGE [APT-OPTIONS...]: download PACKAGE, extract
# its gzipped hypervisor into IMAGE and its version into IMAGE.version.
fetch_xen() {
	local pkg=${1%%=*} want=$1 image=$2 tmp sandbox=()
	shift 2
	tmp=$(mktemp -d)
	echo "setup: fetching $pkg (extracted into $build/xen, not installed)"
	# As root, apt would drop to the _apt user, who cannot write to $tmp.
	((EUID == 0)) && sandbox=(-o APT::Sandbox::User=root)
	(cd "$tmp" && apt-get download -q "${sandbox[@]}" "$@" "$want" >/dev/null)
	dpkg-deb -x "$tmp"/"$pkg"_*.deb "$tmp/x"
	mkdir -p "$build/xen"
	gunzip -c "$tmp"/x/boot/xen-*-amd64.gz > "$image.tmp"
	dpkg-deb -f "$tmp"/"$pkg"_*.deb Version > "$image.version"
	mv "$image.tmp" "$image"
	rm -rf "$tmp"
	echo "setup: Xen $(cat "$image.version") at $image"
}

if [[ ! -s $xen_image ]]; then
	# apt-get download needs package lists; a fresh machine may have none.
	if ! apt-cache show "$xen_pkg" >/dev/null 2>&1; then
		if ((EUID != 0)); then
			echo "setup: no package lists; run as root:  apt-get update" >&2
			exit 1
		fi
		apt_update
	fi
	fetch_xen "$xen_pkg" "$xen_image"
	cp "$xen_image.version" "$build/xen/VERSION"
fi
# The exact version, from the machine's own bookworm lists (apt-get download only).
if [[ ! -s $xen_shadow_image ]]; then
	fetch_xen "$xen_pkg=$xen_shadow_version" "$xen_shadow_image"
fi
# A build tree set up before 4.20 came has only VERSION for 4.17.
[[ -s $xen_image.version ]] || cp "$build/xen/VERSION" "$xen_image.version"

# Xen 4.20 is trixie's: an apt configuration of pvmmu's own (its own source
# list, state and cache under $build/apt), so the machine's sources and lists
# are never touched.  The mirror is the one the machine uses for Debian.
if [[ ! -s $xen420_image ]]; then
	aptdir=$(realpath -m "$build/apt")
	mirror=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 2>/dev/null |
		awk '$2 !~ /-/ { print $1; exit }')
	if [[ -z $mirror ]]; then
		echo "setup: no Debian mirror in the machine's apt sources (apt-get indextargets); run: apt-get update" >&2
		exit 1
	fi
	mkdir -p "$aptdir/state/lists/partial" "$aptdir/cache/archives/partial"
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" \
		> "$aptdir/sources.list"
	own_apt=(-o Dir::Etc::sourcelist="$aptdir/sources.list" -o Dir::Etc::sourceparts=-
		-o Dir::State="$aptdir/state" -o Dir::Cache="$aptdir/cache"
		-o Dir::State::status=/var/lib/dpkg/status)
	((EUID == 0)) && own_apt+=(-o APT::Sandbox::User=root)
	echo "setup: apt-get update of pvmmu's own trixie list ($aptdir)"
	apt-get update -q "${own_apt[@]}" >/dev/null
	fetch_xen "$xen420_pkg" "$xen420_image" "${own_apt[@]}"
fi
