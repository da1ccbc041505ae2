# SPDX-License-Identifier: MIT
#
# tools/bench/part-args.sh: sourced, with its arguments, by the parts of
# make bench that bench.sh runs (user.sh, smp.sh): the options they share,
# their defaults, and the paths that follow (pvrun, Xen, OUT and its log/,
# the kernel), at the parts' one dom0 size.  The part sets part_usage, its
# usage line, and part_peer=1 if it takes --peer too.
build=build xen='' kernel='' runs=5 peer=linux xenargs=smap=0 out=''
part_usage_error() {
	echo "usage: $part_usage" >&2
	exit 64
}
while (($#)); do
	case $1 in
	--build) build=$2; shift ;;
	--xen) xen=$2; shift ;;
	--kernel) kernel=$2; shift ;;
	--runs) runs=$2; shift ;;
	--peer) ((${part_peer:-0})) || part_usage_error; peer=$2; shift ;;
	--xenargs) xenargs=$2; shift ;;
	--out) out=$2; shift ;;
	*) part_usage_error ;;
	esac
	shift
done
pvrun=$build/tools/pvrun
xen=${xen:-$build/xen/xen-4.17-amd64}
out=${out:-$build/bench}
kernel=${kernel:-$out/pvmmu}
logs=$out/log
mem=512
mkdir -p "$logs"
failures=()
