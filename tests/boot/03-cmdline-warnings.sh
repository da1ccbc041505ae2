# SPDX-License-Identifier: MIT
# A malformed command line boots with a warning for each bad word and keeps
# the defaults.
boot cmdline-warnings shutdown --kargs "frobnicate=1 help=maybe test= =x"
log_has "cmdline: warning: unknown parameter 'frobnicate'"
log_has "cmdline: warning: bad value 'maybe' for 'help'"
log_has 'cmdline: [0-9]+ warnings?; `make run KARGS=help` lists the parameters'
log_has 'pvmmu: power off$' "the boot went on to the end"
log_lacks 'Kernel panic'
