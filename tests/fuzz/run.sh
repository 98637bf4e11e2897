#!/bin/sh
# Build the libFuzzer harness for the routine loader and validator and run it.
#   sh tests/fuzz/run.sh SECONDS        fuzz for SECONDS (make fuzz: 600)
#   sh tests/fuzz/run.sh --regress      run each tests/fuzz/regress file once
# The harness is built with clang (-fsanitize=fuzzer,address,undefined) from
# the loader's own sources into $B/fuzz (B defaults to build). The corpus
# ($B/fuzz/corpus) is seeded each time from the bundled routines, the bad
# corpus (tests/bad), the YAML test suite (../shared/yaml-test-suite) and the
# crash regression files (tests/fuzz/regress). A crash, leak, hang or
# out-of-memory makes this exit 1, and the input that caused it is copied
# into tests/fuzz/regress/ so that it is checked on every later run.
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$(pwd)
B=${B:-build}
out=$top/$B/fuzz
secs=${1:-60}
shared=$(dirname "$top")/shared
regress=$top/tests/fuzz/regress

CLANG=${CLANG:-clang}
if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "fuzz: $CLANG not found (sh tests/deps.sh test installs it)" >&2
	exit 1
fi
mkdir -p "$out/corpus" "$out/artifacts" || exit 1

# The modules the harness needs, found from the -Werror build's objects
# (tests/fuzz/srcs.sh): nothing that opens a device is among them.
make --no-print-directory B="$B" test-objs >/dev/null 2>&1
objs=$(sh tests/fuzz/srcs.sh tests/fuzz/fuzz_routine.c "$top/$B/test") ||
    { echo "fuzz: cannot tell the harness's sources" >&2; exit 1; }
# Rebuild only when a source or header changed since the last build.
if [ ! -x "$out/fuzz_routine" ] || [ -n "$(find src include tests/fuzz \
    -name '*.[ch]' -newer "$out/fuzz_routine" 2>/dev/null)" ]; then
	echo "fuzz: building $B/fuzz/fuzz_routine"
	# shellcheck disable=SC2086
	"$CLANG" -std=c11 -D_GNU_SOURCE -Iinclude -g -O1 \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -fno-omit-frame-pointer -DKNEAD_VERSION='"fuzz"' \
	    -DKNEAD_DATADIR='"/nonexistent"' \
	    $(pkg-config --cflags yaml-0.1 espeak-ng) \
	    -o "$out/fuzz_routine.tmp" tests/fuzz/fuzz_routine.c $objs \
	    $(pkg-config --libs yaml-0.1 espeak-ng) >"$out/build.log" 2>&1 || {
		echo "fuzz: build failed:" >&2
		sed 's/^/    /' "$out/build.log" | head -n 30 >&2
		exit 1
	}
	mv "$out/fuzz_routine.tmp" "$out/fuzz_routine" || exit 1
fi

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

regress_files() {
	for f in "$regress"/*; do
		[ -f "$f" ] || continue
		case $(basename "$f") in README*) continue ;; esac
		echo "$f"
	done
}

if [ "$secs" = --regress ]; then
	files=$(regress_files)
	if [ -z "$files" ]; then
		echo "fuzz: no regression files yet"
		exit 0
	fi
	n=$(echo "$files" | wc -l)
	# shellcheck disable=SC2086
	if "$out/fuzz_routine" -timeout=10 -rss_limit_mb=2048 $files \
	    >"$out/regress.log" 2>&1; then
		echo "fuzz: $n regression files run once, no crash"
		exit 0
	fi
	echo "fuzz: a regression file crashes the harness:" >&2
	grep -E 'ERROR|runtime error|Running:|SUMMARY' "$out/regress.log" |
	    head -n 20 >&2
	exit 1
fi

case $secs in ''|*[!0-9]*) echo "usage: run.sh SECONDS|--regress" >&2; exit 64 ;; esac

# Seeds. Names keep their origin so a crash on a seed is easy to trace.
seeds=$out/seeds
rm -rf "$seeds"; mkdir -p "$seeds"
nseed=0
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
for f in $(regress_files); do
	cp "$f" "$seeds/regress_$(basename "$f")" && nseed=$((nseed + 1))
done

# A dictionary of the format's keys and words, taken from the library so it
# follows the format as it grows.
dict=$out/routine.dict
{
	sed -n 's/^[ -]*\([a-z_-]*\):.*/\1/p' routines/*.yaml 2>/dev/null |
	    sort -u | sed 's/.*/"&:"/'
	sed -n 's/^ *\(area\|tool\|side\|intensity\|until\|tools\): *\([a-z-]*\).*/\2/p' \
	    routines/*.yaml 2>/dev/null | sort -u | grep . | sed 's/.*/"&"/'
	printf '%s\n' '"&a "' '"*a"' '"<<: "' '"!!str "' '"[["' '"{{"' \
	    '"--- "' '"..."' '"? "' '"\"\\u001b["' '"|-"' '">+"' '"1m30s"' '"2d"'
} >"$dict"

echo "fuzz: $nseed seeds, running for $secs s"
rm -f "$out"/artifacts/*
"$out/fuzz_routine" "$out/corpus" "$seeds" \
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
	    echo "fuzz: FOUND $(basename "$f"); copied to tests/fuzz/regress/$(basename "$f") (commit it with the fix)"
done
if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
	echo "fuzz: the harness failed (exit $rc); log: $B/fuzz/fuzz.log" >&2
	grep -E 'ERROR|runtime error|SUMMARY|^    #[0-9]' "$out/fuzz.log" |
	    head -n 30 >&2
	exit 1
fi
echo "fuzz: no crash in $secs s"
exit 0
