# SPDX-License-Identifier: MIT
# tools/bench/stats.awk: the order statistics every bench table uses, loaded
# with -f before the table's own script (summary.awk, user.awk, smp.sh's).

function isort(v, k,    i, j, x) {
	for (i = 2; i <= k; i++) {
		x = v[i]
		for (j = i - 1; j >= 1 && v[j] > x; j--)
			v[j + 1] = v[j]
		v[j + 1] = x
	}
}

# Sets the globals med, lo and hi from v[1..k] (sorted in place).
function mstats(v, k) {
	isort(v, k)
	med = k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
	lo = v[1]
	hi = v[k]
}

# mstats over the cnt[key] values vals[key, 1..]: the run count, 0 (and
# med/lo/hi untouched) if there are none.  The tables keep their runs so.
function keystats(cnt, vals, key,    k, i, v) {
	k = cnt[key] + 0
	if (!k)
		return 0
	for (i = 1; i <= k; i++)
		v[i] = vals[key, i]
	mstats(v, k)
	return k
}
