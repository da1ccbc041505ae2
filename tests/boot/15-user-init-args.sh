# SPDX-License-Identifier: MIT
# init runs each program named on the command line, in turn, passing the
# name as argv[0] (a name that is no program ends the boot: 82-init-unknown).
# User output is marked: each line starts "[ timestamp] NAME[PID]| ".
boot user-init-args shutdown --kargs "init=hello,hello"
log_has '^\[ +[0-9]+\.[0-9]{6}\] hello\[[0-9]+\]\| hello from pid [0-9]+: hello$'
log_has '^\[ +[0-9]+\.[0-9]{6}\] init\[1\]\| init: hello exited with status 1$'
log_has 'proc: all processes have exited'
