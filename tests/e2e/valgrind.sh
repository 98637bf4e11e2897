#!/bin/sh
# valgrind memcheck on the commands a user runs most: validate of the
# library, show, list --json and a short --plain session. Any invalid access,
# use of uninitialised memory or definite/indirect leak fails the check
# (valgrind exits 99); the first lines of its report are shown.
. "$(dirname "$0")/../lib.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	fail "valgrind is not installed (sh tests/deps.sh test installs it)"
	exit 1
fi

# vg WHAT command...: memcheck the command; passes on exit 0 and no errors.
vg() {
	what=$1; shift
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect \
	    --show-leak-kinds=definite,indirect --track-origins=yes \
	    --log-file="$TMP/vg.log" "$@" >"$TMP/out" 2>"$TMP/err" <"${VG_STDIN:-/dev/null}"
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$TMP/vg.log" ]; then
		pass "valgrind: $what"
	else
		fail "valgrind: $what (exit $rc)"
		sed 's/^/    /' "$TMP/vg.log" | head -n 40
		sed 's/^/    /' "$TMP/err" | head -n 10
	fi
}

# validate of the whole library walks the folder and checks all 22 files;
# measuring their spoken lines is espeak-ng synthesis, most of the 42 s
# memcheck took (a library valgrind need not check, and the ASan runs of
# cli.sh measure the whole library). So the walk without the speech, then
# the speech of three routines whose steps hold every kind (the same three
# render.sh renders under ASan): 9 s, the same code of knead's.
vg "validate --no-speech routines/" "$KNEAD" validate --no-speech "$KNEAD_TOP/routines"
vg "validate, spoken lines measured: three routines with every step kind" \
    "$KNEAD" validate "$KNEAD_TOP/routines/desk-neck-shoulders.yaml" \
    "$KNEAD_TOP/routines/hamstrings.yaml" "$KNEAD_TOP/routines/phone-neck.yaml"
vg "show desk-neck-shoulders" "$KNEAD" show desk-neck-shoulders
vg "list --json" "$KNEAD" list --json
printf 'knead: 1\nsteps: [\n' >"$TMP/broken.yaml"
# A rejected file takes the error paths: they must free as well.
valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --log-file="$TMP/vg.log" \
    "$KNEAD" validate "$TMP/broken.yaml" >/dev/null 2>&1
rc=$?
if [ "$rc" -eq 65 ] && [ ! -s "$TMP/vg.log" ]; then
	pass "valgrind: validate of a broken file (exit 65, clean)"
else
	fail "valgrind: validate of a broken file (exit $rc, wanted 65)"
	sed 's/^/    /' "$TMP/vg.log" | head -n 40
fi

# A short session with no sound, line by line: a 2 s position and two
# 10 s presses (memcheck is about the code paths, not their length).
cat >"$TMP/tiny.yaml" <<'YAML'
knead: 1
id: valgrind-tiny
title: "Valgrind check: three short steps"
tools: [tennis-ball]
intensity: gentle
steps:
  - position: "Stand with your back to a wall."
    time: 2s
  - press:
      area: upper-trapezius
      side: left
      tool: tennis-ball
      time: 10s
      pressure: 3
      say: "Lean gently into the ball."
  - press:
      area: upper-trapezius
      side: right
      tool: tennis-ball
      time: 10s
      pressure: 3
      say: "Now the other side."
YAML
vg "run --plain --no-sound of a 22 s routine" \
    "$KNEAD" run --plain --no-sound --db "$TMP/h.db" --log "$TMP/events.log" \
    "$TMP/tiny.yaml"
check_grep "the valgrind session ran to the end" "^Session completed" "$TMP/out"
check_grep "its event log ends with session-end completed" \
    " session-end [0-9]* completed" "$TMP/events.log"
