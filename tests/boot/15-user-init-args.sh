# SPDX-License-Identifier: MIT
# init runs each program named on the command line, in turn, passing the
# name as argv[0]; an unknown program is reported and init carries on.
boot user-init-args shutdown --kargs "init=hello,no-such-program,hello"
log_has '^hello from pid [0-9]+: hello$'
log_has '^init: hello exited with status 1$'
log_has '^run: cannot exec no-such-program$'
log_has '^init: no-such-program exited with status 127$'
log_has 'proc: all processes have exited'
