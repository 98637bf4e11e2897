#!/bin/sh
# Build the libFuzzer harnesses and run them.
#   sh tests/fuzz/run.sh SECONDS [routine|export]
#                                       fuzz one harness for SECONDS (make
#                                       fuzz: 600); routine by default
#   sh tests/fuzz/run.sh --regress      run each regression file once
#   sh tests/fuzz/run.sh --build        build both harnesses, run nothing
#                                       (make test, before its timed checks)
# routine (fuzz_routine.c): the routine loader, validator and plan;
# export (fuzz_export.c): the history import (export.c, history_sync.c).
# The harnesses are built with clang (-fsanitize=fuzzer,address,undefined)
# from their modules' own sources into $B/fuzz (B defaults to build). The
# routine corpus ($B/fuzz/corpus) is seeded each time from the bundled
# routines, the bad corpus (tests/bad), the YAML test suite
# (../shared/yaml-test-suite) and the crash regression files
# (tests/fuzz/regress); the export corpus ($B/fuzz/corpus_export) from
# tests/fuzz/regress_export. A crash, leak, hang or out-of-memory makes
# this exit 1, and the input that caused it is copied into the harness's
# regression folder so that it is checked on every later run.
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$(pwd)
B=${B:-build}
# The build folder as a path (make B=/elsewhere: absolute already).
case $B in /*) bd=$B ;; *) bd=$top/$B ;; esac
out=$bd/fuzz
secs=${1:-60}
harness=${2:-routine}
shared=$(dirname "$top")/shared
case $harness in
routine) regress=$top/tests/fuzz/regress; corpus=$out/corpus ;;
export) regress=$top/tests/fuzz/regress_export; corpus=$out/corpus_export ;;
*) echo "usage: run.sh SECONDS|--regress|--build [routine|export]" >&2; exit 64 ;;
esac

CLANG=${CLANG:-clang}
if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "fuzz: $CLANG not found (sh tests/deps.sh test installs it)" >&2
	exit 1
fi
mkdir -p "$out/corpus" "$out/corpus_export" "$out/artifacts" || exit 1

# build NAME: the harness fuzz_NAME with the modules it needs, found from
# the release build's objects (tests/fuzz/srcs.sh): nothing that opens a
# device is among them. Rebuilt only when a source or header changed.
make --no-print-directory B="$B" test-objs >/dev/null 2>&1
build() {
	h=fuzz_$1
	if [ -x "$out/$h" ] && [ -z "$(find src include tests/fuzz \
	    -name '*.[ch]' -newer "$out/$h" 2>/dev/null)" ]; then
		return 0
	fi
	objs=$(sh tests/fuzz/srcs.sh "tests/fuzz/$h.c" "$bd/rel") || {
		echo "fuzz: cannot tell the sources of $h" >&2
		return 1
	}
	echo "fuzz: building $B/fuzz/$h"
	# shellcheck disable=SC2086
	"$CLANG" -std=c11 -D_GNU_SOURCE -Iinclude -g -O1 \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -fno-omit-frame-pointer -DKNEAD_VERSION='"fuzz"' \
	    -DKNEAD_DATADIR='"/nonexistent"' \
	    $(pkg-config --cflags yaml-0.1 sqlite3) \
	    -o "$out/$h.tmp" "tests/fuzz/$h.c" $objs \
	    $(pkg-config --libs yaml-0.1) -lm -ldl \
	    >"$out/build-$h.log" 2>&1 || {
		echo "fuzz: build of $h failed:" >&2
		sed 's/^/    /' "$out/build-$h.log" | head -n 30 >&2
		return 1
	}
	mv "$out/$h.tmp" "$out/$h"
}

# The store's libraries, SQLite and jansson with json.c, are reached through
# knead-store.so (include/modules.h), looked for beside the harness: built
# here with the same instrumentation, so that json.c is fuzzed as before.
build_store() {
	set -- $(make --no-print-directory -s list-store-srcs) || return 1
	ver=$1; shift
	if [ -f "$out/knead-store.so" ] && [ -z "$(find src include \
	    -name '*.[ch]' -newer "$out/knead-store.so" 2>/dev/null)" ]; then
		return 0
	fi
	# shellcheck disable=SC2046
	"$CLANG" -std=c11 -D_GNU_SOURCE -iquote include -g -O1 -fPIC -shared \
	    -fvisibility=hidden -fsanitize=fuzzer-no-link,address,undefined \
	    -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
	    -DKNEAD_VERSION="\"$ver\"" $(pkg-config --cflags sqlite3 jansson) \
	    -o "$out/knead-store.so.tmp" "$@" \
	    $(pkg-config --libs sqlite3 jansson) >"$out/build-store.log" 2>&1 || {
		echo "fuzz: build of knead-store.so failed:" >&2
		sed 's/^/    /' "$out/build-store.log" | head -n 30 >&2
		return 1
	}
	mv "$out/knead-store.so.tmp" "$out/knead-store.so"
}
# --build: the three at once (make test's build step, beside its other
# builds: one after the other they took 33 s).
if [ "$secs" = --build ]; then
	build_store & p1=$!
	build routine & p2=$!
	build export & p3=$!
	rc=0
	for p in $p1 $p2 $p3; do wait $p || rc=1; done
	exit $rc
fi
build_store || exit 1

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# regress_files DIR: the regression inputs kept in DIR.
regress_files() {
	for f in "$1"/*; do
		[ -f "$f" ] || continue
		case $(basename "$f") in README*) continue ;; esac
		echo "$f"
	done
}

if [ "$secs" = --regress ]; then
	total=0
	for hn in routine export; do
		build "$hn" || exit 1
		d=$top/tests/fuzz/regress
		[ "$hn" = export ] && d=$top/tests/fuzz/regress_export
		files=$(regress_files "$d")
		[ -n "$files" ] || continue
		total=$((total + $(echo "$files" | wc -l)))
		# shellcheck disable=SC2086
		if ! "$out/fuzz_$hn" -timeout=10 -rss_limit_mb=2048 $files \
		    >"$out/regress.log" 2>&1; then
			echo "fuzz: a regression file crashes fuzz_$hn:" >&2
			grep -E 'ERROR|runtime error|Running:|SUMMARY' \
			    "$out/regress.log" | head -n 20 >&2
			exit 1
		fi
	done
	echo "fuzz: $total regression files run once, no crash"
	exit 0
fi

case $secs in ''|*[!0-9]*) echo "usage: run.sh SECONDS|--regress|--build [routine|export]" >&2; exit 64 ;; esac
build "$harness" || exit 1

# Seeds. Names keep their origin so a crash on a seed is easy to trace.
seeds=$out/seeds
rm -rf "$seeds"; mkdir -p "$seeds"
nseed=0
dict=$out/$harness.dict
if [ "$harness" = routine ]; then
	for f in routines/*.yaml tests/bad/*.yaml; do
		[ -f "$f" ] || continue
		cp "$f" "$seeds/$(echo "$f" | tr / _)" && nseed=$((nseed + 1))
	done
	if [ -d "$shared/yaml-test-suite" ]; then
		for f in "$shared"/yaml-test-suite/*/in.yaml; do
			[ -f "$f" ] || continue
			cp "$f" "$seeds/yts_$(basename "$(dirname "$f")").yaml" &&
			    nseed=$((nseed + 1))
		done
	else
		echo "fuzz: warning: $shared/yaml-test-suite is missing; fewer seeds" >&2
	fi
	# A dictionary of the format's keys and words, taken from the library
	# so it follows the format as it grows.
	{
		sed -n 's/^[ -]*\([a-z_-]*\):.*/\1/p' routines/*.yaml 2>/dev/null |
		    sort -u | sed 's/.*/"&:"/'
		sed -n 's/^ *\(area\|tool\|side\|intensity\|until\|tools\): *\([a-z-]*\).*/\2/p' \
		    routines/*.yaml 2>/dev/null | sort -u | grep . | sed 's/.*/"&"/'
		printf '%s\n' '"&a "' '"*a"' '"<<: "' '"!!str "' '"[["' '"{{"' \
		    '"--- "' '"..."' '"? "' '"\"\\u001b["' '"|-"' '">+"' '"1m30s"' '"2d"'
	} >"$dict"
else
	# The export's keys and words, from the seeds themselves.
	grep -oh '"[a-z_]*":' "$regress"/*.jsonl 2>/dev/null | sort -u |
	    sed 's/"/\\"/g; s/.*/"&"/' >"$dict"
	printf '%s\n' '"\\u001b"' '"\\ud83d\\ude00"' '"null"' '"true"' \
	    '"-1"' '"1795420800"' '"\"format\":2"' >>"$dict"
fi
for f in $(regress_files "$regress"); do
	cp "$f" "$seeds/regress_$(basename "$f")" && nseed=$((nseed + 1))
done

echo "fuzz: $nseed seeds, running for $secs s"
rm -f "$out"/artifacts/*
"$out/fuzz_$harness" "$corpus" "$seeds" \
    -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -dict="$dict" -artifact_prefix="$out/artifacts/" -print_final_stats=1 \
    >"$out/fuzz.log" 2>&1
rc=$?
grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|stat::new_units_added)|^#[0-9]+ *DONE' \
    "$out/fuzz.log" | sed 's/^/fuzz: /'
found=0
for f in "$out"/artifacts/*; do
	[ -f "$f" ] || continue
	found=1
	cp "$f" "$regress/" &&
	    echo "fuzz: FOUND $(basename "$f"); copied to ${regress#"$top"/}/$(basename "$f") (commit it with the fix)"
done
if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
	echo "fuzz: the harness failed (exit $rc); log: $B/fuzz/fuzz.log" >&2
	grep -E 'ERROR|runtime error|SUMMARY|^    #[0-9]' "$out/fuzz.log" |
	    head -n 30 >&2
	exit 1
fi
echo "fuzz: no crash in $secs s"
exit 0
