# SPDX-License-Identifier: MIT
# init runs each program named on the command line, in turn, passing the
# name as argv[0]; an unknown program is reported and init carries on.
# User output is marked: each line starts "[ timestamp] NAME[PID]| ".
boot user-init-args shutdown --kargs "init=hello,no-such-program,hello"
log_has '^\[ +[0-9]+\.[0-9]{6}\] hello\[[0-9]+\]\| hello from pid [0-9]+: hello$'
log_has '^\[ +[0-9]+\.[0-9]{6}\] init\[1\]\| init: hello exited with status 1$'
log_has '^\[ +[0-9]+\.[0-9]{6}\] init\[[0-9]+\]\| run: cannot exec no-such-program$'
log_has '^\[ +[0-9]+\.[0-9]{6}\] init\[1\]\| init: no-such-program exited with status 127$'
log_has 'proc: all processes have exited'
