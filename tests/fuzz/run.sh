#!/bin/sh
# tests/fuzz/run.sh [SECONDS] - build every libFuzzer target tests/fuzz/fuzz_*.c
# with clang-14 (ASan + UBSan) and run each for SECONDS seconds (default 10).
#
# The library (src/*/*.c but src/cli/main.c, plus the embedded data) is
# compiled once with clang into build/fuzz/obj/ and linked into every target:
# the gcc-built libpasserelle.a does not mix with the sanitizers.  Each target
# NAME (fuzz_NAME.c) starts from the seeds in tests/fuzz/corpus/NAME/ and
# keeps what it finds in build/fuzz/corpus/NAME/; a crash is saved as
# build/fuzz/artifacts/NAME-crash-... and its log is build/fuzz/NAME.log.
# Reproduce one with: build/fuzz/fuzz_NAME build/fuzz/artifacts/NAME-crash-...
#
# Prints one line per target, then "fuzz: N passed, N failed" (a target
# passes when it builds and libFuzzer exits 0).  Exit status 0 when all pass.
# FUZZ_TARGETS="params html" runs only those.
set -u

seconds=${1:-10}
cd "$(dirname "$0")/../.." || exit 2
CC=${FUZZ_CC:-clang-14}
OUT=build/fuzz
# The same libraries as the Makefile's build.
PKGS=$(sed -n 's/^PKGS *= *//p' Makefile)
PKGS=${PKGS:-libmicrohttpd sqlite3 jansson icu-uc icu-i18n}
PKG_CFLAGS=$(pkg-config --cflags $PKGS) || exit 2
PKG_LIBS=$(pkg-config --libs $PKGS) || exit 2
PKG_LIBS="$PKG_LIBS $(sed -n 's/^EXTRA_LIBS *= *//p' Makefile)"
CFLAGS="-std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=undefined -Isrc -Ibuild/gen $PKG_CFLAGS"
SAN=address,undefined

mkdir -p "$OUT/obj" "$OUT/corpus" "$OUT/artifacts"
: >"$OUT/build.log"

# The generated files the library needs (version.h, embedded.c).
make -s build/gen/version.h build/release/embedded.c >"$OUT/make.log" 2>&1 || {
	cat "$OUT/make.log"
	echo "fuzz: 0 passed, 1 failed (cannot generate build/release/embedded.c)"
	exit 1
}

# The newest header: an object older than it is rebuilt.
newest_header=$(ls -t src/*/*.h build/gen/version.h | head -1)

# compile SRC OBJ EXTRA_FLAGS: (re)build OBJ when out of date.
compile() {
	if [ -f "$2" ] && [ ! "$1" -nt "$2" ] && [ ! "$newest_header" -nt "$2" ]; then
		return 0
	fi
	$CC $CFLAGS $3 -c "$1" -o "$2"
}

lib_ok=1
objs=""
for src in src/*/*.c; do
	[ "$src" = src/cli/main.c ] && continue
	obj="$OUT/obj/$(echo "${src#src/}" | tr / _ | sed 's/\.c$/.o/')"
	compile "$src" "$obj" "-fsanitize=fuzzer-no-link,$SAN" >>"$OUT/build.log" 2>&1 || {
		echo "build failed: $src (see $OUT/build.log)"
		lib_ok=0
	}
	objs="$objs $obj"
done
# The embedded data: megabytes of byte arrays, not worth instrumenting.
if [ ! -f "$OUT/obj/embedded.o" ] || [ build/release/embedded.c -nt "$OUT/obj/embedded.o" ]; then
	$CC -std=c11 -O0 -Isrc -c build/release/embedded.c -o "$OUT/obj/embedded.o" >>"$OUT/build.log" 2>&1 || lib_ok=0
fi
objs="$objs $OUT/obj/embedded.o"

# Extra seed directories some targets read besides tests/fuzz/corpus/NAME/.
extra_seeds() {
	case $1 in
	po) echo po ;;
	esac
}

pass=0
fail=0
for target in tests/fuzz/fuzz_*.c; do
	name=$(basename "$target" .c)
	name=${name#fuzz_}
	if [ -n "${FUZZ_TARGETS:-}" ]; then
		case " $FUZZ_TARGETS " in *" $name "*) ;; *) continue ;; esac
	fi
	bin="$OUT/fuzz_$name"
	log="$OUT/$name.log"
	if [ "$lib_ok" -ne 1 ]; then
		echo "FAIL $name: the library does not build (see $OUT/build.log)"
		fail=$((fail + 1))
		continue
	fi
	if ! $CC $CFLAGS -fsanitize=fuzzer,$SAN "$target" $objs $PKG_LIBS -lpthread -lm -o "$bin" >"$log" 2>&1; then
		echo "FAIL $name: does not build (see $log)"
		fail=$((fail + 1))
		continue
	fi
	mkdir -p "$OUT/corpus/$name"
	seeds=""
	[ -d "tests/fuzz/corpus/$name" ] && seeds="tests/fuzz/corpus/$name"
	extra=$(extra_seeds "$name")
	# The first directory receives new inputs; the seed directories are only read.
# A fixed random seed (FUZZ_SEED, 1 by default) makes `make test` repeatable:
# a longer or reseeded run is how new inputs are searched for.
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
		"$bin" -max_total_time="$seconds" -seed="${FUZZ_SEED:-1}" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$OUT/artifacts/$name-" "$OUT/corpus/$name" $seeds $extra >>"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -1)
	if [ "$rc" -eq 0 ]; then
		echo "ok   $name (${runs:-?} runs in ${seconds}s)"
		pass=$((pass + 1))
	else
		artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
		echo "FAIL $name (exit $rc after ${runs:-?} runs; ${artifact:-no artifact}; see $log)"
		fail=$((fail + 1))
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
