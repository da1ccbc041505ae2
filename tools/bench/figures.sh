# SPDX-License-Identifier: MIT
# tools/bench/figures.sh: sourced by user.sh and smp.sh, the one parser of
# user/bench.c's figure lines.

# The figure lines of one boot's log: "name,id,ops,ns,own_hypercalls" (pvmmu's
# carry the kernel's user-output marker, Linux's /init writes them bare).
figure_rows() {
	tr -d '\r' <"$1" | sed -nE 's/^(\[ *[0-9.]+\] bench\[[0-9]+\]\| )?bench: name=([a-z0-9_]+) id=([0-9]+) ops=([0-9]+) ns=([0-9]+)( hypercalls=([0-9]+))?$/\2,\3,\4,\5,\7/p'
}
