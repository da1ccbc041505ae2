# SPDX-License-Identifier: MIT
# Garbled command lines: 12 boots with random ones, generated from a fixed
# seed so that a failure can be replayed (each line is kept, shell-quoted,
# in build/log/boot/cmdline-fuzz-N.args).  Every line gives every known key
# a bad value for its type and adds junk: control and high bytes, tokens
# longer than the parser's 255, '=' storms, unknown keys, commas (pvrun
# doubles them for QEMU), quotes.  Each boot must warn and power off
# cleanly: the parser never fails hard, so neither a panic, nor a crash by
# Xen, nor a timeout is acceptable.  A first boot with `help` gives the
# known keys and their types, so new parameters are fuzzed too.
export LC_ALL=C
RANDOM=4217	# the seed: change it only on purpose
BOOTS=12

boot cmdline-help shutdown --kargs "help"
log_lacks 'cmdline: warning'
mapfile -t params < <(sed -nE 's/^\[ +[0-9.]+\]   ([a-z0-9_]+) +(bool|string|enum) +default .*/\1 \2/p' "$case_log")
((${#params[@]} >= 5)) || case_problems+=("help listed only ${#params[@]} parameters")
sweep_result

# The generators leave their result in REPLY: a $(...) subshell would
# reseed RANDOM and the lines would no longer follow from the seed.
letters=abcdefghijklmnopqrstuvwxyz

# rand_word MAX: 1..MAX random lowercase letters.
rand_word() {
	local n=$((RANDOM % $1 + 1))
	REPLY=
	while ((n--)); do REPLY+=${letters:RANDOM % 26:1}; done
}

# rand_bytes N BLANKS: N bytes from 0x01-0x1f, 0x7f and 0x80-0xff; with
# BLANKS=no, never a blank (tab, LF, CR), which would split the token.
rand_bytes() {
	local n=$1 b hex s=
	while ((n--)); do
		b=$((RANDOM % 2 ? RANDOM % 31 + 1 : RANDOM % 2 ? 127 : RANDOM % 128 + 128))
		[[ $2 == no && ($b == 9 || $b == 10 || $b == 13) ]] && b=1
		printf -v hex %02x "$b"
		printf -v b "\\x$hex"
		s+=$b
	done
	REPLY=$s
}

# long_text N: N printable characters.
long_text() {
	local c=${letters:RANDOM % 26:1}
	printf -v REPLY '%*s' "$1" ''
	REPLY=${REPLY// /$c}
}

# bad_value TYPE: a value the parser must refuse for TYPE.  Printable text
# is never given to a string: it would be taken (test=xyz runs test xyz).
bad_value() {
	local bools=(maybe 2 -1 yesno 0n ON1 t '')
	local a b
	case $1 in
	bool) REPLY=${bools[RANDOM % ${#bools[@]}]} ;;
	enum) rand_word 8; REPLY+=$((RANDOM % 10)) ;;
	string)
		if ((RANDOM % 2)); then
			rand_word 6; a=$REPLY
			rand_bytes 1 no; b=$REPLY
			rand_word 6; REPLY=$a$b$REPLY
		else
			long_text $((256 + RANDOM % 40))
		fi ;;
	esac
}

# unknown_key: a key no parameter has.
unknown_key() {
	local p
	while :; do
		rand_word 12
		for p in "${params[@]}"; do [[ $REPLY == "${p% *}" ]] && continue 2; done
		return
	done
}

junk_token() {
	local k v
	case $((RANDOM % 7)) in
	0) rand_bytes $((RANDOM % 6 + 1)) yes ;;
	1) unknown_key; k=$REPLY; long_text $((256 + RANDOM % 64)); REPLY=$k=$REPLY ;;
	2) unknown_key; k=$REPLY; rand_word 5; v=$REPLY
	   local storms=('=' '==' '=====' "=$v" "$k==x" "$k=a=b=c")
	   REPLY=${storms[RANDOM % ${#storms[@]}]} ;;
	3) unknown_key; k=$REPLY; rand_word 8; REPLY=$k=$REPLY ;;
	4) unknown_key; k=$REPLY
	   local odd=('a,b' ',,,' "$k,=," "'\"\\" '\x41' "$k=\"quoted\"")
	   REPLY=${odd[RANDOM % ${#odd[@]}]} ;;
	5) unknown_key; k=$REPLY; rand_bytes 2 no; k+=$REPLY; rand_bytes 3 no; REPLY=$k=$REPLY ;;
	6) k=${params[RANDOM % ${#params[@]}]}
	   REPLY=${k% *} ;;	# bare: a bool turns on, any other key wants a value
	esac
}

for ((n = 1; n <= BOOTS; n++)); do
	line=
	for p in "${params[@]}"; do
		bad_value "${p#* }"
		line+="${p% *}=$REPLY "
	done
	# fail= has its own syntax: printable, but still wrong.
	fails=('nosuch:1:EINVAL' 'alloc_pt:0:EINVAL' 'alloc_pt:1:EWHAT' ':::' 'alloc_pt' 'set_pte:1x:ENOMEM')
	line+="fail=${fails[RANDOM % ${#fails[@]}]} "
	for ((t = RANDOM % 10 + 4; t > 0; t--)); do
		junk_token
		((${#line} + ${#REPLY} < 1000)) && line+="$REPLY "
	done
	mkdir -p "$LOGDIR"
	printf '%q\n' "$line" >"$LOGDIR/cmdline-fuzz-$n.args"
	boot "cmdline-fuzz-$n" shutdown --kargs "$line"
	warnings=$(sed -nE 's/.*cmdline: ([0-9]+) warnings?; .*/\1/p' "$case_log")
	((${warnings:-0} > ${#params[@]})) ||
		case_problems+=("${warnings:-no} warnings for ${#params[@]}+ bad values (line: $LOGDIR/cmdline-fuzz-$n.args)")
	log_has 'pvmmu: power off$'
	sweep_result
done
sweep_finish cmdline-fuzz
