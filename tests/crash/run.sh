#!/bin/sh
# tests/crash/run.sh - the crash test (see writer.mjs): write through the
# API while the server is killed with SIGKILL at random moments, restart it
# on the same database, and check that every acknowledged write is there,
# whole, that the database is sound and the history intact.
#
#   sh tests/crash/run.sh            (from anywhere; builds nothing)
#
# Uses $PASSERELLE_BIN, else ./passerelle at the top of the repository;
# needs node and the sqlite3 command-line shell.  CRASH_SEED replays the
# random delays of a run (printed at its start).  Ends with the line
# "crash: N passed, N failed"; exits 1 when a check failed.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${PASSERELLE_BIN:-$root/passerelle}
missing=
[ -x "$bin" ] || missing="the binary $bin (make passerelle)"
command -v node >/dev/null 2>&1 || missing="${missing:+$missing, }node"
command -v sqlite3 >/dev/null 2>&1 || missing="${missing:+$missing, }sqlite3"
if [ -n "$missing" ]; then
	echo "crash: missing $missing"
	echo "crash: 0 passed, 1 failed"
	exit 1
fi
# writer.mjs stops itself after 55 s; timeout is the last resort (SIGTERM
# lets it kill its servers and remove its folder).
PASSERELLE_BIN=$bin timeout -k 5 80 node "$root/tests/crash/writer.mjs"
rc=$?
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
	echo "crash: timed out"
	echo "crash: 0 passed, 1 failed"
fi
exit "$rc"
