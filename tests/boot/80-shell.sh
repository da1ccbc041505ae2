# SPDX-License-Identifier: MIT
# init=sh driven through a pipe (pvrun types a line whenever the console is
# quiet): every built-in but poweroff, a program with arguments, a bad
# command, backspace editing, Ctrl-C of a looping program, and Ctrl-D at the
# prompt, which ends the shell and so the boot.  docs/shell.md has the formats.
mkdir -p "$LOGDIR"
BOOT_INPUT=$LOGDIR/shell.in
printf '%s\n' help ps free stats ptdump 'vm 2' 'hello one two' 'no-such-cmd x' \
	$'hellx\bo' loop $'\003' 'vm 99' $'\004' >"$BOOT_INPUT"
boot shell shutdown --kargs "init=sh"
U='^\[ +[0-9]+\.[0-9]{6}\] sh\[2\]\| '
log_has 'console: input on VIRQ_CONSOLE, port [0-9]+$'
log_has "${U}sh\\$ help$" "the typed line is echoed after the prompt"
log_has "${U}  vm +PID +PID's regions" "help lists the built-ins"
log_has "${U}programs: .*\\bhello\\b.*\\bsh\\b" "help lists the programs"
log_has "${U}  PID  PPID S VCPU NAME +PGD +USER-PGD REGIONS$" "ps's header"
log_has "${U} +1 +0 W +0 init +0x[0-9a-f]+ +0x[0-9a-f]+ +[0-9]+$" "init waits for sh"
log_has "${U} +2 +1 R +0 sh +0x[0-9a-f]+ +0x[0-9a-f]+ +[0-9]+$" "sh runs ps"
log_has "${U}frames: [0-9]+ total, [0-9]+ free, [0-9]+ page tables, [0-9]+ pinned$"
log_has "${U}mmu: [0-9]+ hypercalls, [0-9]+ multicalls of [0-9]+ entries, [0-9]+ mmu_update requests, [0-9]+ mmuext ops, [0-9]+ pins, [0-9]+ unpins$"
log_has '^\[ +[0-9.]+\]   ffff880000000000-ffff88[0-9a-f]{10} +[0-9]+[KMG] RW NX  direct map$' "ptdump"
log_has '^\[ +[0-9.]+\] vm: pid 2 \(sh\): kernel pgd pfn 0x[0-9a-f]+, user pgd pfn 0x[0-9a-f]+, 4 regions$'
log_has '^\[ +[0-9.]+\] vm: mapped through the user pgd \(pfn 0x[0-9a-f]+\):$'
log_has '^\[ +[0-9.]+\]   0000000000400000-0000000000[0-9a-f]{6} +[0-9]+K ro x' "sh's code, mapped in its user pgd"
log_has '^\[ +[0-9]+\.[0-9]{6}\] hello\[[0-9]+\]\| hello from pid [0-9]+: hello one two$' "arguments reach the program"
log_has "${U}sh: hello: exit status 3$"
log_has "${U}sh: no-such-cmd: no such command or program \\(help lists them\\)$"
log_has '^\[ +[0-9]+\.[0-9]{6}\] hello\[[0-9]+\]\| hello from pid [0-9]+: hello$' "backspace turned hellx into hello"
log_has '^\[ +[0-9]+\.[0-9]{6}\] loop\[[0-9]+\]\| loop: pid [0-9]+ spins until killed'
log_has '^\[ +[0-9.]+\] proc: pid [0-9]+ \(loop\) killed by Ctrl-C; exit status 137$'
log_has "${U}sh: loop: exit status 137 \\(killed\\)$"
log_has "${U}sh: vm: no process 99$"
log_has "${U}sh: end of input$" "Ctrl-D at the prompt"
log_has '^\[ +[0-9]+\.[0-9]{6}\] init\[1\]\| init: sh exited with status 0$'
log_lacks 'sh: hellx' "the rubbed-out x never reached the shell"
unset BOOT_INPUT
