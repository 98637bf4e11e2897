#!/bin/sh
# The routine loader under libFuzzer for 60 s (make fuzz runs it longer), the
# history import for 20 s, and
# every saved crash input (tests/fuzz/regress) once, as a regression check.
. "$(dirname "$0")/../lib.sh"
cd "$KNEAD_TOP" || exit 1

if sh tests/fuzz/run.sh --regress >"$TMP/regress.log" 2>&1; then
	pass "fuzz regression files: $(tail -n 1 "$TMP/regress.log")"
else
	fail "fuzz regression files crash the harness"
	sed 's/^/    /' "$TMP/regress.log" | head -n 30
fi

if sh tests/fuzz/run.sh 60 >"$TMP/fuzz.log" 2>&1; then
	pass "libFuzzer on loader+validator+plan for 60 s, no crash, leak or hang"
else
	fail "libFuzzer found a problem in the loader, validator or plan"
fi
sed 's/^/    /' "$TMP/fuzz.log" | tail -n 30

# The history import (issue 15): crafted exports never crash, leak or hang.
if sh tests/fuzz/run.sh 20 export >"$TMP/fuzz_export.log" 2>&1; then
	pass "libFuzzer on the history import for 20 s, no crash, leak or hang"
else
	fail "libFuzzer found a problem in the history import"
fi
sed 's/^/    /' "$TMP/fuzz_export.log" | tail -n 10
