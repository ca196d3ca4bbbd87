#!/bin/sh
# The whole suite, as `make test` runs it: unit tests, HTTP tests against
# the real binary, the browser test in Chromium, translation files, then
# the unit and HTTP tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer, then a short run of every fuzz target.
# Ends with one line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
total_pass=0; total_fail=0
log=$(mktemp)
tally() { # name, command...: run, add its "N passed, N failed" or node's "# pass/# fail"
	name=$1; shift
	echo "== $name"
	"$@" >"$log" 2>&1; rc=$?
	cat "$log"
	p=$(sed -n 's/.*[^0-9]\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1/p; s/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)
	f=$(sed -n 's/.*[^0-9][0-9][0-9]* passed, \([0-9][0-9]*\) failed.*/\1/p; s/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
	p=${p:-0}; f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "!! $name exited with $rc"; fi
	total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
}
# Library-wide state LeakSanitizer would report (see the file).
LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
make -s passerelle || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
tally "unit tests" make -s test-unit
tally "translations" sh tests/check-po.sh
tally "HTTP tests" make -s test-http
tally "browser test" make -s test-browser
tally "crash test" sh tests/crash/run.sh
tally "unit tests (ASan+UBSan)" make -s SAN=1 test-unit
tally "HTTP tests (ASan+UBSan)" make -s SAN=1 test-http
tally "fuzz smoke" sh tests/fuzz/run.sh "${FUZZ_SECONDS:-10}"
rm -f "$log"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
