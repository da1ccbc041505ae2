# SPDX-License-Identifier: MIT
#
# tools/debian.sh: sourced by the scripts that take files out of Debian
# packages (tools/bench/linux-peer.sh, tools/domu/host.sh).  Packages come
# from Debian's archive with `apt-get download` and are unpacked with
# dpkg-deb: nothing is installed on the machine.  The caller defines say()
# and die().

deb_kernel_meta=linux-image-amd64

# apt-get download needs package lists; a fresh machine may have none.
need_lists() {
	apt-cache show "$deb_kernel_meta" >/dev/null 2>&1 && return
	((EUID == 0)) || die "no package lists; run as root:  apt-get update"
	say "apt-get update"
	apt-get update -q >/dev/null
}

# The metapackage names the current 6.1 ABI package (linux-image-6.1.0-N-amd64);
# its own version is the Debian kernel release (e.g. 6.1.192-2).
kernel_package() {
	local pkg
	pkg=$(apt-cache depends "$deb_kernel_meta" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-6\.1\.0-[0-9]*-amd64\)$/\1/p' | head -n 1)
	[[ -n $pkg ]] || die "apt-cache depends $deb_kernel_meta names no linux-image-6.1.0-*-amd64 package"
	echo "$pkg"
}

# Candidate versions of the packages named, one a line, in their order.
candidates() { apt-cache policy "$@" | sed -n "s/^ *Candidate: //p"; }

download() { # download DESTDIR PACKAGE[=VERSION]...
	local sandbox=()
	# As root, apt would drop to the _apt user, who cannot write there.
	((EUID == 0)) && sandbox=(-o APT::Sandbox::User=root)
	(cd "$1" && shift && apt-get download -q "${sandbox[@]}" "$@" >/dev/null)
}

# Stale package lists name files the archive no longer has: refresh them
# once and download again (a second failure is a real one, e.g. no network).
download_or_update() { # download_or_update DESTDIR PACKAGE[=VERSION]...
	download "$@" && return
	((EUID == 0)) || die "apt-get download failed; as root run:  apt-get update"
	say "apt-get download failed; apt-get update, then once more"
	apt-get update -q >/dev/null
	download "$@" || die "apt-get download ${*:2} failed"
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
# few lines rather than adding the cpio package to the setup.  A symlink's
# data is its target (LINK given instead of FILE).
cpio_ino=0
cpio_member() { # cpio_member NAME MODE [FILE [RDEVMAJOR RDEVMINOR]] | NAME MODE "" 0 0 LINK
	local name=$1 mode=$2 file=${3:-} link=${6:-} size=0 nsize
	[[ -n $file ]] && size=$(stat -c %s "$file")
	[[ -n $link ]] && size=${#link}
	nsize=$((${#name} + 1))
	cpio_ino=$((cpio_ino + 1))
	printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
		"$cpio_ino" "$mode" 0 0 1 0 "$size" 0 0 "${4:-0}" "${5:-0}" "$nsize" 0
	printf '%s\0' "$name"
	head -c $(((4 - (110 + nsize) % 4) % 4)) /dev/zero
	if [[ -n $file ]]; then
		cat "$file"
	elif [[ -n $link ]]; then
		printf '%s' "$link"
	fi
	head -c $(((4 - size % 4) % 4)) /dev/zero
}

# Every directory, file and symlink under DIR as cpio members (no trailer).
cpio_tree() { # cpio_tree DIR
	local type mode path link
	while IFS=$'\t' read -r type mode path link; do
		case $type in
		d) cpio_member "$path" $((040000 | 8#$mode)) ;;
		f) cpio_member "$path" $((0100000 | 8#$mode)) "$1/$path" ;;
		l) cpio_member "$path" $((0120777)) "" 0 0 "$link" ;;
		esac
	done < <(cd "$1" && find . -mindepth 1 \( -type d -o -type f -o -type l \) \
		-printf '%y\t%m\t%P\t%l\n' | sort -t$'\t' -k3,3)
}
