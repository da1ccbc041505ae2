# SPDX-License-Identifier: MIT
# When pvrun's piped input ends it sends one Ctrl-D: the shell reads end of
# input after the last line and exits, so the boot ends by itself.
mkdir -p "$LOGDIR"
BOOT_INPUT=$LOGDIR/shell-eof.in
printf 'hello eof\n' >"$BOOT_INPUT"
boot shell-eof shutdown --kargs "init=sh"
log_has '^\[ +[0-9]+\.[0-9]{6}\] hello\[[0-9]+\]\| hello from pid [0-9]+: hello eof$'
log_has '^\[ +[0-9]+\.[0-9]{6}\] sh\[2\]\| sh: end of input$'
log_has '^\[ +[0-9]+\.[0-9]{6}\] init\[1\]\| init: sh exited with status 0$'
unset BOOT_INPUT
