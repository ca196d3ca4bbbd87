#!/bin/sh
# bench/run.sh - `make bench`: generate a synthetic directory (1,000,000
# organisations, 300,000 people by default), start the server on it, load
# it with wrk, and write BENCHMARKS.md.
#
# Settings (environment):
#   BENCH_ORGS=1000000 BENCH_PEOPLE=300000 BENCH_SEED=20250101
#   BENCH_REGEN=1          generate again even when bench/work/bench.db fits
#   BENCH_DURATION=10      seconds per measurement
#   BENCH_CONNECTIONS="1 32"
#   BENCH_SCENARIOS="search orgsearch filter detail deep"
#   BENCH_OUTPUT=BENCHMARKS.md
#   BENCH_TREE=DIR         build and measure another source tree (e.g. a
#                          `git archive` of a commit), not this one
# Everything else it makes stays in bench/work/ (raw wrk outputs, the
# server's log, gen.log, the request paths).  Exit status 0 when the run
# completed, whether the targets are met or not: BENCHMARKS.md says.
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$ROOT/bench/work
DB=$WORK/bench.db
ORGS=${BENCH_ORGS:-1000000}
PEOPLE=${BENCH_PEOPLE:-300000}
SEED=${BENCH_SEED:-20250101}
DURATION=${BENCH_DURATION:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-1 32}
SCENARIOS=${BENCH_SCENARIOS:-search orgsearch filter detail deep}
OUTPUT=${BENCH_OUTPUT:-$ROOT/BENCHMARKS.md}
PKGS="libmicrohttpd sqlite3 jansson icu-uc icu-i18n"

TREE=$(cd "${BENCH_TREE:-$ROOT}" && pwd)

mkdir -p "$WORK"
say() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# --- build -------------------------------------------------------------
# The release binary and library, incrementally (make bench has built
# ./passerelle already; this also works when run.sh is called alone).
${MAKE:-make} -s -C "$TREE" build/release/passerelle >/dev/null || die "the build failed"
# A private copy: other work may rebuild ./passerelle during the run.
cp "$TREE/build/release/passerelle" "$WORK/passerelle.new" && mv "$WORK/passerelle.new" "$WORK/passerelle"
# shellcheck disable=SC2086
gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wformat=2 -Wshadow -Werror -O2 -g -I"$TREE/src" -I"$TREE/build/gen" \
	bench/gen.c "$TREE/build/release/libpasserelle.a" $(pkg-config --libs $PKGS) -lpthread -lm -o "$WORK/gen" ||
	die "cannot build bench/gen.c"

if ! command -v wrk >/dev/null 2>&1; then
	say "installing wrk"
	if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi ||
		die "wrk is missing and could not be installed (apt-get install wrk)"
fi

# --- data --------------------------------------------------------------
GEN_OPTS="--orgs $ORGS --people $PEOPLE --seed $SEED"
# shellcheck disable=SC2086
if [ "${BENCH_REGEN:-0}" = 1 ] || ! "$WORK/gen" --check $GEN_OPTS "$DB"; then
	rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.meta"
	say "generating $ORGS organisations and $PEOPLE people (this takes a while)"
	# shellcheck disable=SC2086
	{ "$WORK/gen" $GEN_OPTS "$DB" 2>&1; echo "gen: exit status $?"; } | tee "$WORK/gen.log"
	tail -n 1 "$WORK/gen.log" | grep -q 'exit status 0$' || die "the generation failed: see bench/work/gen.log"
	GENERATED_NOW=1
else
	say "reusing $DB (BENCH_REGEN=1 to generate again)"
	GENERATED_NOW=0
fi
meta() { sed -n "s/^$1=//p" "$DB.meta"; }
POSITIONS=$(meta positions)
GEN_SECONDS=$(meta seconds)
GEN_DATE=$(meta generated)
rm -rf "$WORK/paths"
mkdir -p "$WORK/paths"
# shellcheck disable=SC2086
"$WORK/gen" --paths "$WORK/paths" $GEN_OPTS "$DB" || die "cannot write the request paths"
DB_BYTES=$(stat -c %s "$DB")

# --- server ------------------------------------------------------------
SERVER_PID=
SAMPLER_PID=
cleanup() {
	[ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

"$WORK/passerelle" serve --db "$DB" --listen 127.0.0.1:0 >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
PORT=
for _ in $(seq 1 100); do
	PORT=$(sed -n 's|.*on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$WORK/server.log" | head -n 1)
	[ -n "$PORT" ] && break
	kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; die "the server did not start"; }
	sleep 0.1
done
[ -n "$PORT" ] || die "the server did not say its port"
BASE=http://127.0.0.1:$PORT
say "server $SERVER_PID on $BASE"

status_line() { grep "^$1:" "/proc/$SERVER_PID/status" | awk '{print $2}'; }
RSS_START_KB=$(status_line VmRSS)

# Peak anonymous and file-backed resident memory, sampled every 200 ms
# (the kernel keeps only the peak of their sum, VmHWM).
: >"$WORK/memory.samples"
(
	while kill -0 "$SERVER_PID" 2>/dev/null; do
		awk '/^RssAnon:|^RssFile:/ {printf "%s %s ", $1, $2} END {print ""}' "/proc/$SERVER_PID/status" \
			>>"$WORK/memory.samples" 2>/dev/null || true
		sleep 0.2
	done
) &
SAMPLER_PID=$!

# --- sanity: every scenario answers 200, and the deep cursors are the ones
# the server itself hands out. ------------------------------------------
for s in $SCENARIOS; do
	path=$(head -n 1 "$WORK/paths/$s.txt")
	code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
	[ "$code" = 200 ] || die "$s: $path answered $code"
done
server_cursor=$(curl -s "$BASE/organizations" | grep -o 'after=[^"&]*' | head -n 1 | sed 's/%7[Ee]/~/g')
gen_cursor=$(head -n 1 "$WORK/paths/deep.txt" | grep -o 'after=.*')
if [ "$server_cursor" != "$gen_cursor" ]; then
	die "the cursor of page 2 from the server ($server_cursor) is not the generated one ($gen_cursor)"
fi

# --- warm up -----------------------------------------------------------
say "warming up (database file into the page cache, then 3 s per scenario)"
cat "$DB" >/dev/null
for s in $SCENARIOS; do
	BENCH_PATHS=$WORK/paths/$s.txt wrk -t2 -c8 -d3s --timeout 30s -s bench/paths.lua "$BASE" >/dev/null
done

# --- measure -----------------------------------------------------------
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$WORK/results.txt"
for s in $SCENARIOS; do
	for c in $CONNECTIONS; do
		t=2
		[ "$c" -lt 2 ] && t=1
		out=$WORK/wrk-$s-c$c.txt
		say "$s, $c connection(s), ${DURATION} s"
		BENCH_PATHS=$WORK/paths/$s.txt wrk -t$t -c"$c" -d"${DURATION}s" --timeout 30s --latency \
			-s bench/paths.lua "$BASE" >"$out" 2>&1 || die "wrk failed: see $out"
		line=$(grep '^BENCH ' "$out") || die "no result in $out"
		echo "$s $c ${line#BENCH }" >>"$WORK/results.txt"
	done
done

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
HWM_KB=$(status_line VmHWM)
RSS_END_KB=$(status_line VmRSS)
kill "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=
ANON_PEAK_KB=$(awk '{for (i = 1; i < NF; i += 2) if ($i == "RssAnon:" && $(i + 1) > m) m = $(i + 1)} END {print m + 0}' "$WORK/memory.samples")
FILE_PEAK_KB=$(awk '{for (i = 1; i < NF; i += 2) if ($i == "RssFile:" && $(i + 1) > m) m = $(i + 1)} END {print m + 0}' "$WORK/memory.samples")
kill "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=

# --- BENCHMARKS.md -----------------------------------------------------
CPU=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)
CORES=$(nproc)
MEM=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
KERNEL=$(uname -sr)
SQLITE=$(pkg-config --modversion sqlite3)
MHD=$(pkg-config --modversion libmicrohttpd)
GCC=$(gcc -dumpfullversion)
WRK=$(wrk -v 2>&1 | head -n 1 | awk '{print $2}')
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=
if [ "$TREE" != "$ROOT" ]; then
	DIRTY=" is this repository's HEAD; the server measured was built from \`$TREE\` (BENCH_TREE)"
elif ! git diff-index --quiet HEAD -- src 2>/dev/null; then
	DIRTY=" (with uncommitted changes in src/)"
fi
NOW=$(date -u '+%Y-%m-%d %H:%M UTC')
mb() { awk -v k="$1" 'BEGIN {printf "%.1f MB", k / 1024}'; }

# label, target in ms (p99 at one connection) for each scenario
label() {
	case $1 in
	search) echo "(a) type-ahead API \`/api/v1/search?q=…&limit=10\`" ;;
	orgsearch) echo "(b) directory search page \`/organizations?q=…\`" ;;
	filter) echo "(c) filtered list \`/organizations?territory=…&kind=…\`" ;;
	detail) echo "(d) detail page \`/organizations/:id\`" ;;
	deep) echo "(e) deep page \`/organizations?after=<cursor>\`" ;;
	*) echo "$1" ;;
	esac
}
target_ms() { if [ "$1" = search ]; then echo 5; else echo 10; fi; }
field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
ms() { awk -v u="$1" 'BEGIN {printf "%.2f", u / 1000}'; }

{
	echo "# Benchmarks"
	echo
	echo "Written by \`make bench\` (bench/run.sh) on $NOW; the next run rewrites this file."
	echo
	echo "## Machine and build"
	echo
	echo "| | |"
	echo "|---|---|"
	echo "| CPU | $CPU, $CORES cores (\`nproc\`) |"
	echo "| memory | $MEM |"
	echo "| system | $KERNEL |"
	echo "| commit | \`$COMMIT\`$DIRTY |"
	echo "| build | gcc $GCC, \`-O2 -g\` (release build), SQLite $SQLITE, libmicrohttpd $MHD, wrk $WRK |"
	echo "| server | \`passerelle serve\` on 127.0.0.1, its default thread pool (2 × cores); wrk runs on the same machine |"
	echo "| load average | $LOAD_BEFORE before the measurements, $LOAD_AFTER after (1, 5, 15 min; anything well above 0 means other work shared the cores) |"
	echo
	echo "## Data set"
	echo
	echo "| | |"
	echo "|---|---|"
	echo "| organisations | $ORGS |"
	echo "| people | $PEOPLE |"
	echo "| positions | $POSITIONS |"
	echo "| database size | $(mb $((DB_BYTES / 1024))) (\`bench/work/bench.db\`) |"
	if [ "$GENERATED_NOW" = 1 ]; then
		echo "| generation time | $GEN_SECONDS s in this run, through \`store_create\` in batches of 10,000 |"
	else
		echo "| generation time | $GEN_SECONDS s, when generated on $GEN_DATE (reused in this run) |"
	fi
	echo "| seed | $SEED |"
	echo
	echo "## Results"
	echo
	echo "Warm page cache; each line is ${DURATION} s of wrk with random paths from \`bench/work/paths/\`."
	echo "Latencies in milliseconds, as wrk measures them (from sending the request to the end of the response)."
	echo
	echo "| scenario | connections | requests/s | p50 | p90 | p99 | max | KB/response | errors |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
	while read -r s c rest; do
		errors=$(($(field errors "$rest") + $(field non2xx "$rest")))
		echo "| $(label "$s") | $c | $(field rps "$rest") | $(ms "$(field p50_us "$rest")") | $(ms "$(field p90_us "$rest")") |" \
			"$(ms "$(field p99_us "$rest")") | $(ms "$(field max_us "$rest")") |" \
			"$(awk -v b="$(field bytes_per_request "$rest")" 'BEGIN {printf "%.1f", b / 1024}') | $errors |"
	done <"$WORK/results.txt"
	echo
	echo "Server memory: peak resident (VmHWM) $(mb "$HWM_KB"), resident at the end (VmRSS) $(mb "$RSS_END_KB"),"
	echo "at start $(mb "$RSS_START_KB"). Of the resident memory, the peak anonymous part (heap, SQLite page caches,"
	echo "thread stacks; RssAnon sampled every 200 ms) was $(mb "$ANON_PEAK_KB"), the peak file-backed part (the binary,"
	echo "ICU data and other mapped libraries; RssFile) $(mb "$FILE_PEAK_KB"). The database is read through the"
	echo "kernel's page cache, which is not part of the process's resident memory."
	echo
	echo "## Targets"
	echo
	echo "The issue's targets, at one connection: search p99 < 5 ms (the type-ahead API, (a)); every directory page"
	echo "p99 < 10 ms ((b) to (e)); resident memory < 64 MB beyond the page cache (judged on the peak anonymous"
	echo "memory, VmHWM given for comparison)."
	echo
	echo "| target | measured | met |"
	echo "|---|---:|:---:|"
	while read -r s c rest; do
		[ "$c" = 1 ] || continue
		p99=$(field p99_us "$rest")
		tgt=$(target_ms "$s")
		met=$(awk -v p="$p99" -v t="$tgt" 'BEGIN {print (p < t * 1000) ? "yes" : "**no**"}')
		echo "| $(label "$s"): p99 < $tgt ms | $(ms "$p99") ms | $met |"
	done <"$WORK/results.txt"
	met=$(awk -v k="$ANON_PEAK_KB" 'BEGIN {print (k < 64 * 1024) ? "yes" : "**no**"}')
	echo "| resident memory beyond the page cache < 64 MB | $(mb "$ANON_PEAK_KB") anonymous (VmHWM $(mb "$HWM_KB")) | $met |"
	echo
	echo "## How to reproduce"
	echo
	echo '```sh'
	echo "make bench                                   # 1,000,000 organisations, 300,000 people"
	echo "BENCH_ORGS=100000 BENCH_PEOPLE=30000 make bench   # a smaller directory"
	echo "BENCH_REGEN=1 make bench                     # generate the database again"
	echo "BENCH_DURATION=30 BENCH_CONNECTIONS=\"1 8 32\" BENCH_SCENARIOS=\"search detail\" sh bench/run.sh"
	echo '```'
	echo
	echo "\`bench/gen.c\` writes the directory through the storage layer (\`store_create\`, so the same validation,"
	echo "sort keys and search index as real writes; deterministic for a seed) into \`bench/work/bench.db\`, kept"
	echo "between runs while its counts match. \`gen --paths\` writes the requests each scenario draws from:"
	echo "queries are one to three words of names that exist, the last often cut after two or more letters as"
	echo "the type-ahead sends them, half with their accents and capitals, half folded; 10% are acronyms and 20%"
	echo "people's names. Filters draw territory and kind with the generator's weights; one detail page in ten"
	echo "is one of the 1,000 organisations that hold a fifth of the positions; deep pages start at cursors"
	echo "spread over the whole alphabetical list (checked against the cursor the server gives for page 2)."
	echo "Raw wrk outputs, the server log and the generation log are in \`bench/work/\`."
	if [ -f bench/NOTES.md ]; then
		echo
		cat bench/NOTES.md
	fi
} >"$OUTPUT"

say "results written to $OUTPUT"
cat "$WORK/results.txt"
