"""The commands a user runs: each module adds its flags to the command line and runs
one command (build and check, serve, new, init, import), printing what happened
and returning the exit code. The work itself is done by the stages' packages."""
