# SPDX-License-Identifier: MIT
# init= is checked against the embedded programs before init starts: a name
# that is none ends the boot with a panic that lists the programs there are,
# and nothing runs (not even the names before it).
boot init-unknown panic --kargs "init=hello,no-such-program,hello"
log_has '^\[ +[0-9.]+\] Kernel panic - not syncing: init=: no program "no-such-program"; the programs are: .*\bhello\b.*\bsh\b'
log_has '^pvrun: outcome: panic: init=: no program "no-such-program"'
log_lacks 'hello from pid' "no program ran"
log_lacks 'proc: starting init'
