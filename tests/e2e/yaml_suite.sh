#!/bin/sh
# Hostile and odd YAML through the sanitizer build of `knead validate`: every
# input of the YAML test suite (../shared/yaml-test-suite, beside the repo),
# then a "billion laughs" file and a 100,000-deep nesting made here.
# Each input must end with exit 0 or 65 within 10 s and no sanitizer report.
# One line per kind of failure, not one per input. The inputs go 40 to a
# process (the sanitizer's start and leak check at exit were two thirds of
# this suite's CPU, once per input): a batch must end with 0 or 65 within
# 10 s, with no report, each input rejected exactly when the output has an
# error line of it, and the count of files checked right; a batch that
# fails any of that is run again one input per process, to name them.
. "$(dirname "$0")/../lib.sh"

shared=$(dirname "$KNEAD_TOP")/shared
suite=$shared/yaml-test-suite
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# run_one FILE: validate FILE; sets rc and leaves stderr in $TMP/err.
run_one() {
	timeout 10 "$KNEAD_ASAN" validate "$1" >/dev/null 2>"$TMP/err"
	rc=$?
}

if [ ! -d "$suite" ]; then
	fail "YAML test suite not found at $suite (it must sit beside the repo, as ../shared)"
	exit 1
fi
find "$suite" -name in.yaml | sort >"$TMP/inputs"
total=$(wc -l <"$TMP/inputs")
if [ "$total" -lt 300 ]; then
	fail "YAML test suite at $suite has only $total inputs (expected 400 or so)"
fi

ok=0; rejected=0
: >"$TMP/badexit"; : >"$TMP/crash"; : >"$TMP/hang"; : >"$TMP/report"
# sanitized FILE: whether FILE holds a sanitizer report
sanitized() {
	grep -q -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' \
	    -e 'runtime error:' "$1"
}
# one_by_one LIST: each input of LIST alone, each failure named
one_by_one() {
	while read -r f; do
		run_one "$f"
		name=${f#"$suite"/}
		case $rc in
		0) ok=$((ok + 1)) ;;
		65) rejected=$((rejected + 1)) ;;
		124) echo "$name" >>"$TMP/hang" ;;
		*) if [ "$rc" -gt 128 ]; then echo "$name (signal $((rc - 128)))" >>"$TMP/crash"
		   else echo "$name (exit $rc)" >>"$TMP/badexit"; fi ;;
		esac
		if sanitized "$TMP/err"; then
			echo "$name: $(grep -m 1 -e ERROR: -e 'runtime error:' "$TMP/err")" >>"$TMP/report"
		fi
	done <"$1"
}
# batch LIST: the inputs of LIST in one process; 0 when all is as it must
# be (ok and rejected counted), else 1 and nothing counted
batch() {
	n=$(wc -l <"$1")
	# shellcheck disable=SC2046 # the suite's paths have no blanks
	timeout 10 "$KNEAD_ASAN" validate $(cat "$1") >/dev/null 2>"$TMP/err"
	rc=$?
	{ [ "$rc" -eq 0 ] || [ "$rc" -eq 65 ]; } && ! sanitized "$TMP/err" &&
	    grep -q "^knead: $n files checked: " "$TMP/err" || return 1
	bad=0
	while read -r f; do
		if grep -q -F -e "$f:" "$TMP/err" && grep -F -e "$f:" "$TMP/err" |
		    grep -q ': error: '; then bad=$((bad + 1)); fi
	done <"$1"
	# 65 exactly when an input was rejected
	{ [ "$bad" -gt 0 ] && [ "$rc" -eq 65 ]; } ||
	    { [ "$bad" -eq 0 ] && [ "$rc" -eq 0 ]; } || return 1
	ok=$((ok + n - bad)); rejected=$((rejected + bad))
	return 0
}
split -l 40 "$TMP/inputs" "$TMP/batch."
nb=0; reruns=0
t0=$(now_ms)
for b in "$TMP"/batch.*; do
	nb=$((nb + 1))
	batch "$b" && continue
	reruns=$((reruns + 1))
	brc=$rc; cp "$TMP/err" "$TMP/batch.err"
	nf=$(cat "$TMP/badexit" "$TMP/crash" "$TMP/hang" "$TMP/report" | wc -l)
	one_by_one "$b"
	# Failing together but each alone passing is a failure too.
	if [ "$(cat "$TMP/badexit" "$TMP/crash" "$TMP/hang" "$TMP/report" | wc -l)" -eq "$nf" ]; then
		echo "the batch from $(head -n 1 "$b" | sed "s|^$suite/||") (exit $brc:" \
		    "$(grep -m 1 -e ERROR: -e 'runtime error:' -e 'files checked' "$TMP/batch.err"))," \
		    "each input alone passing" >>"$TMP/badexit"
	fi
done
t1=$(now_ms)
echo "yaml-test-suite: $nb processes, $reruns batch(es) run again one input per process"

# report KIND FILE WHAT
report() {
	n=$(wc -l <"$2")
	if [ "$n" -eq 0 ]; then pass "yaml-test-suite: $3"
	else
		fail "yaml-test-suite: $3 ($n inputs):"
		sed 's/^/    /' "$2" | head -n 15
	fi
}
echo "yaml-test-suite: $total inputs in $((t1 - t0)) ms under ASan: $ok valid, $rejected rejected with 65"
report exit "$TMP/badexit" "every exit is 0 or 65"
report crash "$TMP/crash" "no crash"
report hang "$TMP/hang" "no hang (10 s each)"
report sanitizer "$TMP/report" "no AddressSanitizer, LeakSanitizer or UBSan report"
if [ $((ok + rejected)) -eq "$total" ] && [ "$total" -gt 0 ]; then
	pass "yaml-test-suite: all $total inputs accounted for"
else
	fail "yaml-test-suite: only $((ok + rejected)) of $total inputs ended with 0 or 65"
fi

# A "billion laughs": nine levels of nine aliases, 10^9 strings if expanded.
{
	echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
	prev=a
	for l in b c d e f g h i; do
		printf '%s: &%s [' "$l" "$l"
		for k in 1 2 3 4 5 6 7 8; do printf '*%s,' "$prev"; done
		printf '*%s]\n' "$prev"
		prev=$l
	done
} >"$TMP/laughs.yaml"
# 100,000 nested flow sequences (200 KB): quadratic in libyaml's scanner.
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; print "" }' \
    >"$TMP/deep.yaml"

# hostile NAME FILE PATTERN
hostile() {
	t0=$(now_ms); run_one "$2"; t1=$(now_ms)
	if [ "$rc" -eq 65 ] && grep -q -- "$3" "$TMP/err" &&
	    ! grep -q -e 'ERROR: AddressSanitizer' -e 'runtime error:' "$TMP/err"; then
		pass "$1 rejected with 65 and '$3' in $((t1 - t0)) ms (ASan build)"
	else
		fail "$1: exit $rc in $((t1 - t0)) ms, wanted 65 and '$3'"
		sed 's/^/    /' "$TMP/err" | head -n 10
	fi
}
hostile "billion laughs" "$TMP/laughs.yaml" "aliases expand to more than"
hostile "100,000-deep flow nesting" "$TMP/deep.yaml" "nesting deeper than"
