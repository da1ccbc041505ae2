#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tools/bench/linux-init.sh DIR: the Linux peer's user-process benchmark.
# Builds user/bench.c with Debian's own gcc and libc (gcc -static
# -DBENCH_LINUX, tools/bench/bench_linux.h as its OS layer) into
# DIR/bench-init, and DIR/initramfs-bench.gz, a newc cpio whose /init it is
# (with /dev/console, so its output reaches hvc0).  The program's loops
# and counts are pvmmu's init=bench's; it reboots when done, which ends
# QEMU.  Cheap (one compile), so make bench runs it every time.
set -euo pipefail
cd "$(dirname "$0")/../.."

dir=${1:?usage: linux-init.sh DIR}
# shellcheck source=tools/debian.sh
source tools/debian.sh

mkdir -p "$dir"
gcc -std=gnu11 -O2 -static -Wall -Wextra -Werror -DBENCH_LINUX -Itools/bench \
	-o "$dir/bench-init.tmp" user/bench.c
mv "$dir/bench-init.tmp" "$dir/bench-init"
{
	cpio_member dev $((040755))
	cpio_member dev/console $((020600)) "" 5 1
	cpio_member init $((0100755)) "$dir/bench-init"
	cpio_member 'TRAILER!!!' 0
} | gzip -9n >"$dir/initramfs-bench.gz.tmp"
mv "$dir/initramfs-bench.gz.tmp" "$dir/initramfs-bench.gz"
