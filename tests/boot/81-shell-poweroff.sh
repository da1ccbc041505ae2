# SPDX-License-Identifier: MIT
# The shell's poweroff ends the boot at once (reboot(2)'s power-off), with
# the shell still running; a line typed after it is never read.
mkdir -p "$LOGDIR"
BOOT_INPUT=$LOGDIR/shell-poweroff.in
printf '%s\n' poweroff ps >"$BOOT_INPUT"
boot shell-poweroff shutdown --kargs "init=sh"
log_has '^\[ +[0-9.]+\] proc: pid 2 \(sh\) powers the machine off$'
log_has '^\[ +[0-9.]+\] pvmmu: power off$'
log_lacks 'PID  PPID' "ps after poweroff never ran"
log_lacks 'proc: all processes have exited' "nobody exited"
unset BOOT_INPUT
