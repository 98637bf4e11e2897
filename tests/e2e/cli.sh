#!/bin/sh
# Command-level tests of the real binary: help, version, usage errors and
# their exit codes, validate / list / show as a user meets them.
. "$(dirname "$0")/../lib.sh"
R=$KNEAD_TOP/routines
good=$R/desk-neck-shoulders.yaml

now_ms() { echo $(($(date +%s%N) / 1000000)); }

check_exit 0 "--help exits 0" "$KNEAD" --help
check_grep "--help shows usage and every command" "usage: knead" "$TMP/out"
for c in run list show validate status history report render sound; do
	grep -q "^  $c " "$TMP/out" || fail "--help lists '$c'"
done
check_exit 0 "--version exits 0" "$KNEAD" --version
check_grep "--version prints 'knead X.Y.Z'" '^knead [0-9][0-9.]*$' "$TMP/out"
# A word after --version or --help is not dropped unsaid.
check_exit 64 "-V with another word exits 64" "$KNEAD" -V extra
check_grep "it says why" "knead: -V takes no other words" "$TMP/err"
check_exit 0 "--help COMMAND gives that command's help" "$KNEAD" --help run
check_grep "the help of run" "^usage: knead run " "$TMP/out"
check_exit 64 "--help with a word that is not a command exits 64" "$KNEAD" --help frobnicate
check_grep "it names the word" "knead: --help: 'frobnicate' is not a command" "$TMP/err"
check_exit 0 "knead help COMMAND is the same" "$KNEAD" help show
check_grep "the help of show" "^usage: knead show " "$TMP/out"
check_exit 64 "knead help with a word that is not a command exits 64" "$KNEAD" help frobnicate
check_exit 64 "unknown command exits 64" "$KNEAD" frobnicate
check_grep "unknown command is named" "frobnicate" "$TMP/err"
check_exit 64 "misspelled command exits 64" "$KNEAD" vaildate
check_grep "misspelled command gets a suggestion" "did you mean 'validate'" "$TMP/err"
"$KNEAD" --help >"$TMP/help" 2>&1
if awk 'length($0) > 79 { bad = 1 } END { exit bad }' "$TMP/help"; then
	pass "--help fits 80 columns"
else
	fail "--help has lines over 79 columns"; awk 'length($0) > 79' "$TMP/help"
fi
check_exit 64 "unknown global option exits 64" "$KNEAD" --frobnicate
for c in validate list show; do
	check_exit 64 "$c: unknown option exits 64" "$KNEAD" "$c" --frobnicate
	check_exit 0 "$c --help exits 0" "$KNEAD" "$c" --help
done
check_exit 64 "validate with no path exits 64" "$KNEAD" validate
check_exit 64 "show with no routine exits 64" "$KNEAD" show
check_exit 64 "list with a stray argument exits 64" "$KNEAD" list extra

# validate
check_exit 0 "validate of a good file exits 0" "$KNEAD" validate "$good"
check_grep "validate says one good file is valid" \
    "^knead: $good: valid, no errors or warnings$" "$TMP/err"
"$KNEAD" validate --quiet "$good" >"$TMP/out" 2>&1
check "validate --quiet prints nothing for a good file" test ! -s "$TMP/out"
check_exit 66 "validate of a missing path exits 66" "$KNEAD" validate "$TMP/nope.yaml"
check_grep "missing path is named" "nope.yaml" "$TMP/err"
cat >"$TMP/broken.yaml" <<'YAML'
knead: 1
id: broken-one
title: "Broken"
steps:
  - press:
      area: upper-trapezius
      tool: tennis-ball
      time: 45s
      pressure: 5
      colour: red
YAML
check_exit 65 "validate of a broken file exits 65" "$KNEAD" validate "$TMP/broken.yaml"
check_grep "broken file: GNU-style 'path:line:col: error:' line" \
    "^$TMP/broken.yaml:10:7: error: " "$TMP/err"
printf 'steps: [unclosed\n' >"$TMP/syntax.yaml"
check_exit 65 "validate of a YAML syntax error exits 65" "$KNEAD" validate "$TMP/syntax.yaml"
check_grep "syntax error: GNU-style line" "^$TMP/syntax.yaml:[0-9]*:[0-9]*: error: " "$TMP/err"
check_exit 0 "validate of the whole library exits 0" "$KNEAD" validate "$R"
# Issue 12: the bundled library validates with no warning at all (the body
# rules, the screening each area needs, every line fitting its step).
check_grep "the whole library validates with no warning" \
    "files checked: 0 errors, 0 warnings" "$TMP/err"
if grep -q ": warning: " "$TMP/err"; then fail "the library has warnings"
else pass "no warning line for the library"; fi
# Issue 12: eyes-free wording, and the forearm on the desk the right way up
# (palm up puts the extensors on the ball, palm down the flexors).
if grep -il "press a key\|any key" "$R"/*.yaml >/dev/null; then
	fail "a bundled routine says 'press a key'"
else pass "no bundled routine says 'press a key'"; fi
bad=""
for f in "$R"/desk-break.yaml "$R"/forearms-keyboard.yaml; do
	awk '/area: forearm-(extensors|flexors)/ { a = $2 } /^  - / { k = $2 }
	    k == "roll:" && /say:/ && a == "forearm-extensors" && !/Palm up/ { print FILENAME }
	    k == "roll:" && /say:/ && a == "forearm-flexors" && !/palm down/ { print FILENAME }' "$f"
done >"$TMP/palms"
if [ -s "$TMP/palms" ]; then fail "forearm rolls with the palm the wrong way: $(cat "$TMP/palms")"
else pass "forearm rolls: palm up for the extensors, palm down for the flexors"; fi
# The spoken lines are measured (espeak-ng, in knead-audio.so) for a
# routine with no error; a file the loader refused is not measured and
# does not load the audio module (the YAML suite's 400 inputs did).
cat >"$TMP/longsay.yaml" <<'YAML'
knead: 1
id: long-say
title: "A long instruction"
intensity: gentle
steps:
  - position: "Sit tall at the front of the chair with both feet flat on the floor, the knees over the ankles, the shoulders easy, the eyes level, and the hands resting on the thighs, palms down, fingers relaxed, breathing slowly."
    time: 5s
YAML
"$KNEAD" validate "$TMP/longsay.yaml" >"$TMP/out" 2>&1
check_grep "validate measures a long instruction against its step" \
    "warning: the instruction takes .* to say" "$TMP/out"
# A press too short for its say text, which names the neck and a sign to
# stop: the voice would say only "Press. Upper trapezius, left side.", so
# the routine is refused, not warned about (knead run shows no warning).
cat >"$TMP/safetysay.yaml" <<'YAML'
knead: 1
id: safety-say
title: "Too short to say the neck warning"
intensity: moderate
tools: [tennis-ball]
screen:
  - ask: "Right now or in the last days, a sudden severe headache, dizziness, double vision, slurred speech or a drooping face?"
    if-yes: emergency
  - ask: "A stiff neck with a fever?"
    if-yes: urgent
  - "Numbness, tingling or weakness in an arm or hand?"
steps:
  - press:
      area: upper-trapezius
      side: left
      tool: tennis-ball
      time: 10s
      pressure: 4
      say: "Lean back into the ball. Keep the ball off the side and the front of the neck. Tingling in the arm means move off at once."
YAML
check_exit 65 "validate refuses a safety instruction too long for its step" \
    "$KNEAD" validate "$TMP/safetysay.yaml"
check_grep "... at its say: line, naming the word and how to mend it" \
    "safetysay.yaml:19:12: error: the instruction names 'neck' but its first press step is too short to say it: it takes .* s to say with the step's name, the step lasts 10.0 s (9.7 s to speak in), so only the step's name is said, not the instruction; lengthen the step or shorten the text" \
    "$TMP/err"
sed 's/      time: 10s/      time: 15s/' "$TMP/safetysay.yaml" >"$TMP/safetysay-ok.yaml"
check_exit 0 "... and accepts it once the step is long enough to say it" \
    "$KNEAD" validate "$TMP/safetysay-ok.yaml"
if [ "$(grep -cv ': valid, no errors or warnings$' "$TMP/err")" -ne 0 ]; then
	fail "... with nothing to say but that it is valid"; sed 's/^/    /' "$TMP/err"
else pass "... with nothing to say but that it is valid"; fi
sed 's/^title: .*/title: [a, b]/' "$TMP/longsay.yaml" >"$TMP/longsay-bad.yaml"
LD_DEBUG=files "$KNEAD" validate "$TMP/longsay-bad.yaml" >"$TMP/out" 2>"$TMP/ld"
check_grep "... a file with a loader error says that error" "'title' must be text" "$TMP/ld"
grep -q 'file=.*knead-audio' "$TMP/ld" &&
    fail "... and loads knead-audio.so to measure what will not be spoken" ||
    pass "... and is not measured (knead-audio.so not loaded)"
check_exit 65 "validate of good and broken files together exits 65" \
    "$KNEAD" validate "$good" "$TMP/broken.yaml"

# Duplicate ids across two files: an error naming both.
mkdir -p "$TMP/dup"
cp "$good" "$TMP/dup/first.yaml"; cp "$good" "$TMP/dup/second.yaml"
check_exit 65 "duplicate ids across two files exit 65" "$KNEAD" validate "$TMP/dup"
if grep "duplicate id" "$TMP/err" | grep "first.yaml" | grep -q "second.yaml"; then
	pass "duplicate id error names both files"
else
	fail "duplicate id error names both files"; sed 's/^/    /' "$TMP/err"
fi

# A folder with a symbolic link back to itself is walked once, and the loop
# is named; the same file named twice is checked once (no duplicate id
# against itself).
mkdir -p "$TMP/loop/sub"
cp "$good" "$TMP/loop/sub/one.yaml"
ln -s .. "$TMP/loop/sub/up"
check_exit 0 "a folder with a link loop validates once and exits 0" \
    "$KNEAD" validate "$TMP/loop"
check_grep "the link loop is named" "sub/up.*already checked" "$TMP/err"
if [ "$(grep -c 'one.yaml:[0-9]*:[0-9]*: ' "$TMP/err")" -eq 0 ]; then
	pass "the file under the loop is not reported against itself"
else
	fail "the file under the loop is reported twice"; sed 's/^/    /' "$TMP/err"
fi
check_exit 0 "the same file named twice is checked once" \
    "$KNEAD" validate "$good" "$good"
# Folders nested past the walk's depth are named and the exit says so.
d="$TMP/deep"; i=0
while [ $i -lt 10 ]; do d="$d/$i"; i=$((i + 1)); done
mkdir -p "$d"; cp "$good" "$d/x.yaml"
check_exit 66 "a folder nested too deep exits 66" "$KNEAD" validate "$TMP/deep"
check_grep "the too-deep folder is named" "nested more than" "$TMP/err"

# list
check_exit 0 "list exits 0" "$KNEAD" list
check_grep "list shows a bundled routine" "desk-neck-shoulders" "$TMP/out"
check_grep "list says a routine with no tools has none" \
    "suboccipitals,upper-trapezius  \[none\]" "$TMP/out"
n=$(ls "$R"/*.yaml | wc -l)
check_exit 0 "list --json exits 0" "$KNEAD" list --json
if python3 -m json.tool "$TMP/out" >/dev/null 2>"$TMP/jerr"; then
	pass "list --json is valid JSON"
else
	fail "list --json is valid JSON"; sed 's/^/    /' "$TMP/jerr"
fi
got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d), all(e["id"] and e["minutes"] > 0 for e in d))' "$TMP/out" 2>/dev/null)
if [ "$got" = "$n True" ]; then pass "list --json has the $n bundled routines, each with id and minutes"
else fail "list --json has $n routines with id and minutes (got '$got')"; fi
# A file name that is not UTF-8 (Latin-1 "é") still gives valid JSON.
mkdir -p "$TMP/latin"
sed 's/^id: .*/id: latin-name/' "$R/desk-neck-shoulders.yaml" \
    >"$TMP/latin/$(printf 'caf\351').yaml"
"$KNEAD" list --json --routines "$TMP/latin" >"$TMP/latin.json" 2>/dev/null
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1], encoding="utf-8")); assert any(e["path"].endswith("caf\ufffd.yaml") for e in d)' \
    "$TMP/latin.json" 2>/dev/null; then
	pass "list --json: a non-UTF-8 file name is valid JSON (U+FFFD)"
else fail "list --json: a non-UTF-8 file name breaks the JSON"; fi
# A folder given with --routines: a copy of a bundled routine (same id) and
# a broken file are not listed, and stderr says why (the first error).
mkdir -p "$TMP/mine"
cp "$R/quads.yaml" "$TMP/mine/my-quads.yaml"
printf 'knead: 1\nid: mine-broken\ntitle: x\nsteps:\n  - press: {area: calfs, tool: hand, time: 30s}\n' \
    >"$TMP/mine/broken.yaml"
check_exit 0 "list --routines with bad files still exits 0" \
    "$KNEAD" list --routines "$TMP/mine"
check_grep "list says a copied id is a duplicate, naming the bundled file" \
    "my-quads.yaml:.*duplicate id 'quads': .*routines/quads.yaml" "$TMP/err"
check_grep "list says to give the copy an id of its own" \
    "my-quads.yaml:.*already uses it (give this copy an id of its own)" "$TMP/err"
check_grep "list gives a broken file's own error" \
    "broken.yaml:5:.*unknown area 'calfs'" "$TMP/err"
check_grep "list says the broken file is not listed" \
    "broken.yaml is not listed (1 error" "$TMP/err"
# The command it suggests works when pasted: a name with a space and a
# quote is one shell word (it was printed inside '...' as it was).
mkdir -p "$TMP/sp ace"
cp "$TMP/mine/broken.yaml" "$TMP/sp ace/it's broken.yaml"
"$KNEAD" list --routines "$TMP/sp ace" >/dev/null 2>"$TMP/err"
sed -n 's/.*(1 error; \(knead validate .*\) shows it)$/\1/p' "$TMP/err" \
    >"$TMP/cmd"
check "list's suggested command is one line" test "$(wc -l <"$TMP/cmd")" -eq 1
(eval "$(sed 's|^knead|"$KNEAD"|' "$TMP/cmd")") >"$TMP/out" 2>&1
check_grep "list's suggested command, pasted, validates that file" \
    "it's broken.yaml:5:.*unknown area 'calfs'" "$TMP/out"
# --db "" fell back to the default store without a word: refused.
for c in run history status list report import remind; do
	check_exit 64 "$c --db '' is a usage error" "$KNEAD" $c --db "" </dev/null
	check_grep "$c --db '': it says why" "--db needs a file name" "$TMP/err"
done
# A folder with no routine file is not a silent pass.
mkdir -p "$TMP/empty-dir"
check_exit 66 "validate of a folder with no routine file: 66" \
    "$KNEAD" validate "$TMP/empty-dir"
check_grep "it says the folder holds no routine file" \
    "empty-dir: no routine files (.yaml, .yml) in this folder" "$TMP/err"

# A store that is there but is not one: the rest state cannot be known, so
# list says why as status does and exits 74 (it showed every routine as
# ready and exited 0); a missing store stays silent.
echo garbage >"$TMP/bad.db"
check_exit 74 "list --db a damaged store exits 74" "$KNEAD" list --db "$TMP/bad.db"
check_grep "list names the damaged store and why" \
    "bad.db is damaged or is not a knead history file" "$TMP/err"
check_grep "list still lists the routines" "desk-neck-shoulders" "$TMP/out"
if grep -q "resting until" "$TMP/out"; then
	fail "list with a damaged store shows a rest state"
else pass "list with a damaged store shows no rest state"; fi
check_exit 74 "list --json --db a damaged store exits 74" \
    "$KNEAD" list --json --db "$TMP/bad.db"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d and all(r["resting_until"] is None for r in d)' "$TMP/out"; then
	pass "list --json with a damaged store is valid JSON with no rest state"
else fail "list --json with a damaged store is valid JSON with no rest state"; fi
check_exit 0 "list --db a missing store exits 0" "$KNEAD" list --db "$TMP/nostore.db"
if [ -s "$TMP/err" ]; then fail "list --db a missing store says something"
else pass "list --db a missing store is silent"; fi
rm -f "$TMP/bad.db"

# --routines naming a folder that is not there, or a file, is 66 with the
# reason for every command that takes it (never a silent empty library).
for c in list "show quads" "run --plain --db $TMP/r.db quads" \
    "render quads -o $TMP/r.wav" "status --db $TMP/r.db" \
    "report --db $TMP/r.db"; do
	# shellcheck disable=SC2086
	check_exit 66 "$c --routines missing-folder exits 66" \
	    "$KNEAD" $c --routines "$TMP/no-such-folder"
	check_grep "$c names the missing folder" \
	    "routines .*no-such-folder: No such file" "$TMP/err"
done
check_exit 66 "list --routines FILE exits 66" "$KNEAD" list --routines "$good"
check_grep "list --routines FILE says it is not a folder" "not a folder" "$TMP/err"

# Names and values as typed reach the terminal cleaned, the way diagnostics
# show them ('?' for a control byte): no escape sequence from the command
# line or a file name can clear the screen or set its title.
ESC=$(printf '\033')
EVIL="a${ESC}[2Jb"
no_esc() {
	if LC_ALL=C grep -q "$ESC" "$2"; then
		fail "$1: a raw escape byte reached the terminal"
		LC_ALL=C sed 's/^/    /' "$2" | cat -v | head -n 5
	else pass "$1: no raw escape byte"; fi
}
check_exit 64 "an unknown command with an escape exits 64" "$KNEAD" "$EVIL"
no_esc "unknown command" "$TMP/err"
check_grep "the unknown command is shown cleaned" "unknown command 'a?\[2Jb'" \
    "$TMP/err"
"$KNEAD" sound --device "$EVIL" --no-voice --gap 0 >"$TMP/out" 2>&1
no_esc "sound --device" "$TMP/out"
check_grep "sound names the missing device cleaned" \
    'no sound device "a?\[2Jb"' "$TMP/out"
for g in abc -1 60001 99999999999999999999; do
	check_exit 64 "sound --gap $g is refused (64)" \
	    "$KNEAD" sound --list --gap "$g"
done
check_grep "sound says what --gap takes" "gap must be 0..60000 ms" "$TMP/err"
# render's --volume is read as run's and sound's (one reader, cli_num):
# an empty value was volume 0.
for v in "" abc -1 101 1e2; do
	check_exit 64 "render --volume '$v' is refused (64)" \
	    "$KNEAD" render "$R/quads.yaml" --volume "$v" -o "$TMP/v.wav"
done
check_grep "render says what --volume takes" "volume must be 0..100" "$TMP/err"
check_exit 0 "render -o with an escape in the name exits 0" \
    "$KNEAD" render -o "$TMP/$EVIL.wav" micro-neck
cat "$TMP/out" "$TMP/err" >"$TMP/both"
no_esc "render -o" "$TMP/both"
check_grep "render's summary names the file cleaned" "a?\[2Jb.wav: " "$TMP/both"
rm -f "$TMP/$EVIL.wav"
# render -o through a link to the store would write the store over.
echo "the store" >"$TMP/owned.db"
ln -sf "$TMP/owned.db" "$TMP/owned-link.wav"
KNEAD_DB=$TMP/owned.db; export KNEAD_DB
check_exit 64 "render -o a link to the store is refused (64)" \
    "$KNEAD" render -o "$TMP/owned-link.wav" micro-neck
check_grep "render says the file is the store" \
    "owned-link.wav is the history store or one of its files" "$TMP/err"
check_exit 64 "render --schedule to the store is refused (64)" \
    "$KNEAD" render -o "$TMP/owned-ok.wav" --schedule "$TMP/owned.db" \
    micro-neck
unset KNEAD_DB
[ "$(cat "$TMP/owned.db")" = "the store" ] &&
    pass "the store is left as it was" || fail "render wrote over the store"
rm -f "$TMP/owned.db" "$TMP/owned-link.wav" "$TMP/owned-ok.wav"
echo garbage >"$TMP/$EVIL.db"
check_exit 74 "run --db a damaged store with an escape exits 74" \
    "$KNEAD" run --plain --no-sound --db "$TMP/$EVIL.db" micro-neck
no_esc "run --db" "$TMP/err"
rm -f "$TMP/$EVIL.db"
check_exit 74 "run --log in a missing folder with an escape exits 74" \
    "$KNEAD" run --plain --no-sound --db "$TMP/evil-log.db" \
    --log "$TMP/$EVIL/f.log" micro-neck
no_esc "run --log" "$TMP/err"
check_grep "the event log's path is shown cleaned" "a?\[2Jb/f.log" "$TMP/err"
# add: a file named with an escape, invalid, then a valid one twice.
printf 'knead: 2\n' >"$TMP/$EVIL.yaml"
check_exit 65 "add of an invalid file named with an escape exits 65" \
    "$KNEAD" add "$TMP/$EVIL.yaml"
no_esc "add, invalid" "$TMP/err"
check_grep "add names the invalid file cleaned" \
    "a?\[2Jb.yaml is not a valid routine" "$TMP/err"
sed 's/^id: .*/id: e2e-evil-name/' "$R/quads.yaml" >"$TMP/$EVIL.yaml"
check_exit 0 "add of a file named with an escape exits 0" \
    "$KNEAD" add "$TMP/$EVIL.yaml"
"$KNEAD" add --replace "$TMP/$EVIL.yaml" >"$TMP/out" 2>&1 </dev/null
no_esc "add --replace" "$TMP/out"
check_grep "add --replace names the file cleaned" \
    "a?\[2Jb.yaml replaces the installed" "$TMP/out"
"$KNEAD" remove e2e-evil-name >/dev/null 2>&1
rm -f "$TMP/$EVIL.yaml"
# A routine file in the user's folder named with an escape: listed as not
# listed for its true reason (a copy: the id is taken), not "cannot be
# read", and named cleaned.
mkdir -p "$XDG_CONFIG_HOME/knead/routines"
cp "$R/quads.yaml" "$XDG_CONFIG_HOME/knead/routines/e${ESC}[31mvil.yaml"
check_exit 0 "list with an escape in a file name exits 0" "$KNEAD" list
no_esc "list" "$TMP/err"
check_grep "list gives that file's own error" \
    "e?\[31mvil.yaml:.*duplicate id 'quads'" "$TMP/err"
check_grep "list says it is not listed, not that it cannot be read" \
    "e?\[31mvil.yaml is not listed (1 error" "$TMP/err"
rm -f "$XDG_CONFIG_HOME/knead/routines/e${ESC}[31mvil.yaml"

# show
check_exit 0 "show desk-neck-shoulders exits 0" "$KNEAD" show desk-neck-shoulders
check_grep "show prints the total time" '[0-9]* steps, [0-9:]* in all' "$TMP/out"
check_grep "show prints pressure time per area and side" \
    '^  upper trapezius (left)  *[0-9:]*' "$TMP/out"
check_grep "show prints the right side too" '^  upper trapezius (right) ' "$TMP/out"
check_grep "show prints start offsets, steps numbered from 1 as on the screen" '^ *1  *0:00 ' "$TMP/out"
check_exit 0 "show of a path exits 0" "$KNEAD" show "$good"
check_exit 66 "show of an unknown id exits 66" "$KNEAD" show desk-neck-shoulder
check_grep "show of a near-miss id suggests the right one" \
    "did you mean 'desk-neck-shoulders'" "$TMP/err"
# Each command's errors carry its name, as its usage errors do.
check_grep "show's unknown id is said as show's" "^knead show: no routine 'desk-neck-shoulder'" "$TMP/err"
check_exit 66 "run of an unknown id exits 66" "$KNEAD" run --plain --db "$TMP/prefix.db" desk-nek-shoulders
check_grep "run's unknown id is said as run's" "^knead run: no routine 'desk-nek-shoulders'" "$TMP/err"
check_exit 66 "render of a missing file exits 66" "$KNEAD" render "$TMP/no-such.yaml" -o "$TMP/x.wav"
check_grep "render's missing file is said as render's" "^knead render: .*no-such.yaml: no such routine file" "$TMP/err"
check_exit 65 "show of a broken file exits 65" "$KNEAD" show "$TMP/broken.yaml"
# A move step and the format's other v1 additions, as show prints them.
cat >"$TMP/additions.yaml" <<'YAML'
knead: 1
id: additions
title: "Additions"
intensity: gentle
switch: 12s
limits: {per-month: 2}
steps:
  - move: {area: suboccipitals, reps: 8, tempo: 4s, say: "Chin tucks."}
  - stretch: {area: calves, side: both, time: 30s}
YAML
check_exit 0 "show of move, switch and per-month exits 0" "$KNEAD" show \
    "$TMP/additions.yaml"
check_grep "show: a move lasts reps x tempo" '^ *1  *0:00  *0:32  move suboccipitals' "$TMP/out"
check_grep "show: the routine's switch time" '0:12  switch sides to the right' "$TMP/out"
check_grep "show: the monthly limit" 'at most 2 in any 30 days' "$TMP/out"
# A count of one is singular, here and in render's summary.
cat >"$TMP/one.yaml" <<'YAML'
knead: 1
id: one-step
title: "One step"
intensity: gentle
limits:
  per-week: 1
steps:
  - position: "Sit."
    time: 5s
YAML
check_exit 0 "show of a one-step routine exits 0" "$KNEAD" show "$TMP/one.yaml"
check_grep "show says 1 step, not 1 steps" '^1 step, 0:05 in all$' "$TMP/out"
check_grep "show says at most 1 session in any 7 days" \
    'at most 1 session in any 7 days' "$TMP/out"
check_exit 0 "render of a one-step routine exits 0" "$KNEAD" render \
    "$TMP/one.yaml" -o "$TMP/one.wav"
check_grep "render's summary says 1 step and 1 spoken line" \
    'a 0:05 session of 1 step; [0-9]* cues, 1 spoken line (' "$TMP/out"

# 1,000 routine files (copies of a bundled one with distinct ids).
mkdir -p "$TMP/many"
awk -v dir="$TMP/many" '{ line[NR] = $0 } END {
	for (i = 0; i < 1000; i++) {
		f = sprintf("%s/r%04d.yaml", dir, i)
		for (j = 1; j <= NR; j++) {
			if (line[j] ~ /^id: /) print "id: gen-" i > f
			else print line[j] > f
		}
		close(f)
	}
}' "$good"
t0=$(now_ms)
check_exit 0 "validate of 1,000 routine files exits 0" "$KNEAD" validate "$TMP/many"
t1=$(now_ms)
echo "validate of 1,000 routine files: $((t1 - t0)) ms"
check_grep "validate counts the 1,000 files" "1000 files checked: 0 errors" "$TMP/err"

# add (the homework handover) prints the validator's warnings as validate
# does (tester 24, A2): a roll sent behind the knee and lying on the back
# with no pregnancy question; installed all the same (exit 0).
cat >"$TMP/aw.yaml" <<'YAML'
knead: 1
id: e2e-add-warn
title: "E2E add warnings"
intensity: gentle
steps:
  - position: "Lie on your back, knees bent."
    time: 5s
  - roll:
      area: calves
      side: left
      tool: foam-roller
      time: 30s
      say: "Roll slowly from the ankle up into the hollow behind the knee."
YAML
"$KNEAD" validate --no-speech "$TMP/aw.yaml" 2>"$TMP/aw.val"
check_exit 0 "add with warnings only installs (exit 0)" "$KNEAD" add "$TMP/aw.yaml"
check_grep "add says where it installed" "^installed e2e-add-warn: " "$TMP/out"
check_grep "add prints the warning for a roll behind the knee" \
    "aw.yaml:13:12: warning: the roll instruction names 'behind the knee'" \
    "$TMP/err"
check_grep "add prints the warning for lying on the back" \
    "aw.yaml:6:15: warning: this instruction puts the user on their back" \
    "$TMP/err"
check "add prints validate's warnings, the same lines in the same order" \
    [ "$(grep ': warning: ' "$TMP/aw.val")" = \
    "$(grep ': warning: ' "$TMP/err")" ]
check "validate gives warnings to compare with" \
    [ "$(grep -c ': warning: ' "$TMP/aw.val")" -eq 2 ]
