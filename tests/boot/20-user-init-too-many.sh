# SPDX-License-Identifier: MIT
# init runs at most 15 programs: more on init= are refused by name, not
# silently dropped, and the first 15 still run.
boot user-init-too-many shutdown \
	--kargs "init=hello,hello,hello,hello,hello,hello,hello,hello,hello,hello,hello,hello,hello,hello,hello,no-such-program,hello"
log_has '^\[ *[0-9.]+\] proc: init= names more than 15 programs: dropped no-such-program,hello$'
log_has '^\[ +[0-9]+\.[0-9]{6}\] init\[1\]\| init: hello exited with status 1$'
log_lacks 'no-such-program exited' 'the dropped names must not run'
log_has 'proc: all processes have exited'
