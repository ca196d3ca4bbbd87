# bench/steps.sh - the steps of bench/run.sh besides the directory under
# load: import, duplicates, export, desk.  Sourced by run.sh (it sets ROOT, WORK,
# DB, SEED, STEPS, LIBS, TREE, say, die, has_step).  Each step writes its
# results to $WORK/<step>.env (and raw outputs next to it), which the report
# reads; a step left out keeps its last results.

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }
# "Maximum resident set size (kbytes): N" from /usr/bin/time -v
maxrss() { sed -n 's/.*Maximum resident set size (kbytes): *//p' "$1"; }
save_env() { # file var...
	f=$1
	shift
	: >"$f"
	for v in "$@"; do
		eval "val=\${$v}"
		printf "%s='%s'\n" "$v" "$(printf '%s' "$val" | sed "s/'/'\\\\''/g")" >>"$f"
	done
}
need_time() {
	[ -x /usr/bin/time ] && return 0
	say "installing GNU time (/usr/bin/time -v measures peak memory)"
	if [ "$(id -u)" = 0 ]; then apt-get install -y time >/dev/null; else sudo apt-get install -y time >/dev/null; fi ||
		die "/usr/bin/time is missing and could not be installed (apt-get install time)"
}

# --- import: passerelle import against the sqlite3 shell's .import -------
if has_step import; then
	need_time
	command -v sqlite3 >/dev/null 2>&1 || die "the sqlite3 shell is missing (apt-get install sqlite3)"
	IMPORT_ROWS=${BENCH_IMPORT_ROWS:-1000000}
	IDIR=$WORK/import
	rm -rf "$IDIR"
	mkdir -p "$IDIR"
	say "import: writing a CSV of $IMPORT_ROWS organisations"
	python3 bench/importcsv.py "$IMPORT_ROWS" "$IDIR/organizations.csv" "$SEED" || die "cannot write the CSV"
	IMPORT_CSV_BYTES=$(stat -c %s "$IDIR/organizations.csv")
	"$WORK/passerelle" init --db "$IDIR/import.db" >"$IDIR/init.log" 2>&1 || die "passerelle init failed: see $IDIR/init.log"
	IMPORT_DB_EMPTY_BYTES=$(stat -c %s "$IDIR/import.db")
	cat "$IDIR/organizations.csv" >/dev/null
	IMPORT_LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
	say "import: passerelle import (commit, --skip-invalid)"
	t0=$(now)
	/usr/bin/time -v -o "$IDIR/import.time" "$WORK/passerelle" import "$IDIR/organizations.csv" --kind organizations \
		--separator ';' --skip-invalid --db "$IDIR/import.db" >"$IDIR/import.log" 2>&1 ||
		die "passerelle import failed: see $IDIR/import.log"
	t1=$(now)
	IMPORT_SECONDS=$(elapsed "$t0" "$t1")
	IMPORT_MAXRSS_KB=$(maxrss "$IDIR/import.time")
	IMPORT_SUMMARY=$(grep ' rows, ' "$IDIR/import.log" | tail -n 1)
	IMPORT_CREATED=$(sqlite3 -readonly "$IDIR/import.db" "SELECT count(*) FROM organization")
	IMPORT_DB_BYTES=$(($(stat -c %s "$IDIR/import.db") + $(stat -c %s "$IDIR/import.db-wal" 2>/dev/null || echo 0)))
	# The bare import: the same file, a table without constraints or indexes.
	# (.import --csv would take ',' as the separator whatever .separator says:
	# .mode csv then .separator ';' reads the file as it is.)
	say "import: sqlite3 .import into a bare table"
	t0=$(now)
	sqlite3 "$IDIR/bare.db" ".mode csv" ".separator ;" \
		"CREATE TABLE organization(nom TEXT, type TEXT, territoire TEXT, courriel TEXT, siren TEXT, mots_cles TEXT)" \
		".import --skip 1 $IDIR/organizations.csv organization" >"$IDIR/bare.log" 2>&1 || die "sqlite3 .import failed: see $IDIR/bare.log"
	t1=$(now)
	BARE_SECONDS=$(elapsed "$t0" "$t1")
	BARE_ROWS=$(sqlite3 -readonly "$IDIR/bare.db" "SELECT count(*) FROM organization")
	BARE_DB_BYTES=$(stat -c %s "$IDIR/bare.db")
	IMPORT_LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
	say "import: $IMPORT_SECONDS s against $BARE_SECONDS s"
	[ "${BENCH_KEEP_IMPORT:-0}" = 1 ] || rm -f "$IDIR/bare.db"
	save_env "$WORK/import.env" IMPORT_ROWS IMPORT_CSV_BYTES IMPORT_DB_EMPTY_BYTES IMPORT_LOAD_BEFORE IMPORT_LOAD_AFTER \
		IMPORT_SECONDS IMPORT_MAXRSS_KB IMPORT_SUMMARY IMPORT_CREATED IMPORT_DB_BYTES BARE_SECONDS BARE_ROWS BARE_DB_BYTES
fi

# --- duplicates: bench/duplicates.c -------------------------------------
if has_step duplicates; then
	DUP_ORGS=${BENCH_DUP_ORGS:-100000}
	# shellcheck disable=SC2086
	gcc -std=c11 -D_GNU_SOURCE -O2 -I"$TREE/src" -I"$TREE/build/gen" bench/duplicates.c "$TREE/build/release/libpasserelle.a" \
		$LIBS -o "$WORK/duplicates" || die "cannot build bench/duplicates.c"
	DUP_LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
	say "duplicates: $DUP_ORGS organisations"
	DUP_STATUS=0
	"$WORK/duplicates" --orgs "$DUP_ORGS" --seed "$SEED" >"$WORK/duplicates.txt" 2>&1 || DUP_STATUS=$?
	DUP_LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
	grep -q '^duplicates: recall' "$WORK/duplicates.txt" || die "bench/duplicates.c failed: see $WORK/duplicates.txt"
	DUP_SECONDS=$(sed -n 's/^duplicates: search over [0-9]* organisations: \([0-9.]*\) s.*/\1/p' "$WORK/duplicates.txt")
	DUP_AGAIN=$(sed -n 's/.*the first page again: \([0-9.]*\) s.*/\1/p' "$WORK/duplicates.txt")
	DUP_PAIRS=$(sed -n 's/^duplicates: search over .* s, \([0-9]*\) pairs.*/\1/p' "$WORK/duplicates.txt")
	DUP_RECALL=$(sed -n 's/^duplicates: recall \([0-9.]*\) %.*/\1/p' "$WORK/duplicates.txt")
	DUP_WRITE=$(sed -n 's/^duplicates: [0-9]* organisations written in \([0-9.]*\) s.*/\1/p' "$WORK/duplicates.txt")
	save_env "$WORK/duplicates.env" DUP_ORGS DUP_LOAD_BEFORE DUP_LOAD_AFTER DUP_STATUS DUP_SECONDS DUP_AGAIN DUP_PAIRS \
		DUP_RECALL DUP_WRITE
fi

# --- export: time and peak memory, a subset and the whole list ----------
if has_step export; then
	need_time
	EXPORT_DB=${BENCH_EXPORT_DB:-$DB}
	EXPORT_FILTER=${BENCH_EXPORT_FILTER:-territory=MQ}
	EDIR=$WORK/export
	rm -rf "$EDIR"
	mkdir -p "$EDIR"
	EXPORT_LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
	: >"$WORK/export.txt"
	for fmt in csv xlsx; do
		for subset in filter all; do
			out=$EDIR/organizations-$subset.$fmt
			set -- --kind organizations --format "$fmt" --output "$out" --db "$EXPORT_DB"
			[ "$subset" = filter ] && set -- "$@" --filter "$EXPORT_FILTER"
			say "export: $fmt, $subset"
			t0=$(now)
			/usr/bin/time -v -o "$EDIR/$subset-$fmt.time" "$WORK/passerelle" export "$@" >"$EDIR/$subset-$fmt.log" 2>&1 ||
				die "passerelle export failed: see $EDIR/$subset-$fmt.log"
			t1=$(now)
			rows=
			[ "$fmt" = csv ] && rows=$(python3 -c 'import csv,sys; r=csv.reader(open(sys.argv[1],encoding="utf-8-sig",newline=""),delimiter=";"); print(sum(1 for _ in r)-1)' "$out")
			echo "$fmt $subset seconds=$(elapsed "$t0" "$t1") maxrss_kb=$(maxrss "$EDIR/$subset-$fmt.time") bytes=$(stat -c %s "$out") rows=${rows:-}" >>"$WORK/export.txt"
		done
	done
	# xlsx holds the rows of the csv of the same subset
	EXPORT_LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
	[ "${BENCH_KEEP_EXPORT:-0}" = 1 ] || rm -f "$EDIR"/organizations-*
	save_env "$WORK/export.env" EXPORT_DB EXPORT_FILTER EXPORT_LOAD_BEFORE EXPORT_LOAD_AFTER
fi

# --- desk: bench/desk.c, the working desk of a busy regional office -----
if has_step desk; then
	DESK_SCALE=${BENCH_DESK_SCALE:-1}
	# shellcheck disable=SC2086
	gcc -std=c11 -D_GNU_SOURCE -O2 -I"$TREE/src" -I"$TREE/build/gen" bench/desk.c "$TREE/build/release/libpasserelle.a" \
		$LIBS -o "$WORK/desk" || die "cannot build bench/desk.c"
	set -- --scale "$DESK_SCALE" --seed "$SEED" --runs "${BENCH_DESK_RUNS:-100}" --env "$WORK/desk.env.new"
	if [ "${BENCH_DESK_KEEP:-0}" = 1 ]; then
		rm -f "$WORK/desk.db" "$WORK/desk.db-wal" "$WORK/desk.db-shm"
		set -- "$@" --db "$WORK/desk.db"
	fi
	rm -f "$WORK/desk.env.new"
	BENCH_DESK_LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
	say "desk: generating the desk at scale $DESK_SCALE, then timing (about 5 minutes at scale 1)"
	BENCH_DESK_STATUS=0
	"$WORK/desk" "$@" >"$WORK/desk.txt" 2>&1 || BENCH_DESK_STATUS=$?
	BENCH_DESK_LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
	[ -f "$WORK/desk.env.new" ] || die "bench/desk.c failed: see $WORK/desk.txt"
	# The section may come from another run than the directory's: it says
	# on what and when it was measured.
	BENCH_DESK_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
	BENCH_DESK_MACHINE="$(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores (\`nproc\`),\
 $(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr), SQLite $(pkg-config --modversion sqlite3)"
	if [ "$TREE" != "$ROOT" ]; then
		BENCH_DESK_COMMIT="\`${BENCH_COMMIT:-unknown}\` (built from a copy of the sources in \`$TREE\`)"
	else
		BENCH_DESK_COMMIT="\`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`"
		git diff-index --quiet HEAD -- src 2>/dev/null && [ -z "$(git ls-files --others --exclude-standard src 2>/dev/null)" ] ||
			BENCH_DESK_COMMIT="$BENCH_DESK_COMMIT with uncommitted changes in src/"
	fi
	save_env "$WORK/desk.env.run" BENCH_DESK_LOAD_BEFORE BENCH_DESK_LOAD_AFTER BENCH_DESK_STATUS BENCH_DESK_DATE \
		BENCH_DESK_MACHINE BENCH_DESK_COMMIT
	cat "$WORK/desk.env.new" "$WORK/desk.env.run" >"$WORK/desk.env"
	rm -f "$WORK/desk.env.new" "$WORK/desk.env.run"
	say "desk: $(grep -c '| yes |' "$WORK/desk.txt") targets met, $(grep -c '| \*\*no\*\* |' "$WORK/desk.txt") missed (see $WORK/desk.txt)"
fi
