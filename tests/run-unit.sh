#!/bin/sh
# Run every cmocka unit test binary in $1; print one summary line.
dir=$1
pass=0; fail=0
export PASSERELLE_SRCDIR=$(pwd)
for t in "$dir"/test_*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>&1); rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	p=${p:-0}; f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	pass=$((pass + p)); fail=$((fail + f))
	if [ "$f" -ne 0 ]; then printf '%s\n' "$out"; echo "FAIL $(basename "$t")"; else echo "ok   $(basename "$t") ($p)"; fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
