#!/bin/sh
# knead add / knead remove (issue 15): install a therapist's homework file
# into the user's routine folder, only when valid, whole or not at all;
# replace only with --replace after showing what changes; a bundled id is
# not shadowed silently; remove keeps the history.
. "$(dirname "$0")/../lib.sh"
U="$XDG_CONFIG_HOME/knead/routines"
# Its period is around today (the checks of a homework in its period must
# not expire): HW_FROM to HW_UNTIL, which the seds below replace.
HW_FROM=$(date -d '34 days ago' +%Y-%m-%d)
HW_UNTIL=$(date -d '12 days' +%Y-%m-%d)
hw() { # id title per-week
	printf 'knead: 1\nid: %s\ntitle: "%s"\nintensity: gentle\n' "$1" "$2"
	printf 'homework:\n  by: "A. Moreau, PT"\n  from: %s\n' "$HW_FROM"
	printf '  until: %s\n  per-week: %s\n' "$HW_UNTIL" "$3"
	printf 'steps:\n  - press:\n      area: calves\n      side: left\n'
	printf '      tool: tennis-ball\n      time: 10s\n'
}
hw hw-calf "Calf homework" 3 >"$TMP/hw.yaml"
hw hw-calf "Calf homework, week 2" 5 >"$TMP/hw2.yaml"
printf 'knead: 1\nid: hw-bad\nsteps: []\n' >"$TMP/bad.yaml"

check_exit 0 "add installs a valid routine" "$KNEAD" add "$TMP/hw.yaml"
check_grep "add says where" "installed hw-calf: $U/hw-calf.yaml" "$TMP/out"
[ -f "$U/hw-calf.yaml" ] && cmp -s "$U/hw-calf.yaml" "$TMP/hw.yaml" &&
    pass "the file is installed byte for byte" || fail "installed file differs"
"$KNEAD" list >"$TMP/list" 2>&1
check_grep "list shows the installed routine" "hw-calf" "$TMP/list"

# show: what the therapist hands over, as the reports will state it, and
# the questions asked first (it showed neither).
{ hw hw-shown "Shown homework" 4 | sed '/^steps:/,$d'
  printf '  for: "Mrs B"\n  note: "Stop if it tingles."\n'
  printf 'screen:\n  - ask: "Is one calf newly swollen, warm or red?"\n'
  printf '    if-yes: urgent\n'
  printf 'steps:\n  - press:\n      area: calves\n      side: left\n'
  printf '      tool: tennis-ball\n      time: 10s\n'; } >"$TMP/shown.yaml"
check_exit 0 "show a homework file" "$KNEAD" show "$TMP/shown.yaml"
check_grep "show states the homework" \
    "^Homework for Mrs B, $HW_FROM to $HW_UNTIL, 4 sessions a week, assigned by A. Moreau, PT.$" \
    "$TMP/out"
check_grep "show gives the homework's note" "^Note: Stop if it tingles.$" "$TMP/out"
check_grep "show lists the screening questions and what a yes leads to" \
    "^  1. Is one calf newly swollen, warm or red? (if yes: urgent)$" "$TMP/out"

check_exit 65 "an invalid file is refused" "$KNEAD" add "$TMP/bad.yaml" "$TMP/hw2.yaml"
[ ! -e "$U/hw-bad.yaml" ] && cmp -s "$U/hw-calf.yaml" "$TMP/hw.yaml" &&
    pass "nothing installed when one file is invalid" ||
    fail "an invalid batch installed something"
check_grep "the refusal gives the validator's diagnostics" "bad.yaml:" "$TMP/err"
# What is not a regular file is said so, as validate says it: a FIFO is
# not waited on (add hung on one), a folder is not "an empty file".
mkfifo "$TMP/fifo.yaml"
check_exit 65 "a FIFO is refused at once (65)" \
    timeout 10 "$KNEAD" add "$TMP/fifo.yaml"
check_grep "... as not a regular file" "fifo.yaml: error: not a regular file" \
    "$TMP/err"
mkdir -p "$TMP/adddir"
check_exit 65 "a folder is refused (65)" "$KNEAD" add "$TMP/adddir"
check_grep "... as not a regular file" "adddir: error: not a regular file" \
    "$TMP/err"
check_exit 66 "a missing file: 66" "$KNEAD" add "$TMP/no-such.yaml"
rm -f "$TMP/fifo.yaml"

check_exit 64 "the same id again needs --replace" "$KNEAD" add "$TMP/hw2.yaml" </dev/null
check_grep "it shows what changes (title)" "Calf homework -> Calf homework, week 2" "$TMP/out"
check_grep "it shows what changes (limits)" "per week" "$TMP/out"
cmp -s "$U/hw-calf.yaml" "$TMP/hw.yaml" && pass "not replaced without --replace" ||
    fail "replaced without --replace"
check_exit 0 "--replace replaces it" "$KNEAD" add --replace "$TMP/hw2.yaml"
cmp -s "$U/hw-calf.yaml" "$TMP/hw2.yaml" && pass "the new file is installed" ||
    fail "the new file is not installed"
# Only what differs is listed: a longer hold with a pressure, then the
# same file again.
sed 's/      time: 10s/      time: 20s\n      pressure: 4/' "$TMP/hw2.yaml" \
    >"$TMP/hw3.yaml"
check_exit 64 "a new version of the hold needs --replace" "$KNEAD" add \
    "$TMP/hw3.yaml" </dev/null
check_grep "it shows the work that changes, with its pressure" \
    "work on calves (left): 0:10 -> 0:20, pressure 4" "$TMP/out"
if grep -q "title:\|per week:" "$TMP/out"; then
	fail "what did not change is not listed"; sed 's/^/    /' "$TMP/out"
else pass "what did not change is not listed"; fi
check_exit 64 "the same file again needs --replace" "$KNEAD" add \
    "$TMP/hw2.yaml" </dev/null
check_grep "the same file: it says nothing it shows differs" \
    "no change in its title, steps, length, limits" "$TMP/out"

sed 's/^id: hw-calf/id: desk-break/' "$TMP/hw.yaml" >"$TMP/shadow.yaml"
check_exit 64 "a bundled id is not shadowed silently" "$KNEAD" add "$TMP/shadow.yaml"
check_grep "it says it is bundled" "is a bundled routine" "$TMP/err"
[ ! -e "$U/desk-break.yaml" ] && pass "nothing installed over the bundled id" ||
    fail "a bundled id was shadowed"

# A read-only folder: 74, nothing half written.
if [ "$(id -u)" -ne 0 ]; then
	chmod 500 "$U"
	check_exit 74 "a read-only routine folder: 74" "$KNEAD" add --replace "$TMP/hw.yaml"
	chmod 700 "$U"
else
	# root writes anyway: a folder path that is a file instead.
	rm -rf "$TMP/ro"; mkdir -p "$TMP/ro/knead"; : >"$TMP/ro/knead/routines"
	check_exit 74 "a routine folder that cannot be made: 74" \
	    env XDG_CONFIG_HOME="$TMP/ro" "$KNEAD" add "$TMP/hw.yaml"
fi
check_grep "it says it cannot install" "cannot install" "$TMP/err"

# Remove: gone from the library, the history kept.
"$KNEAD" run --plain --no-sound --db "$TMP/h.db" hw-calf </dev/null >/dev/null 2>&1
check_exit 0 "remove takes it out" "$KNEAD" remove hw-calf
[ ! -e "$U/hw-calf.yaml" ] && pass "the file is gone" || fail "the file is still there"
check_grep "remove says the history stays" "stay in the history" "$TMP/out"
"$KNEAD" history --db "$TMP/h.db" --csv >"$TMP/h.csv" 2>&1
check_grep "its sessions stay in the history" "hw-calf" "$TMP/h.csv"
check_exit 66 "removing it again: 66" "$KNEAD" remove hw-calf
check_grep "... and says it is not installed, and where installed ones are" \
    "hw-calf is not installed ('knead add' puts routines in .*/knead/routines" "$TMP/err"
check_exit 66 "a bundled routine cannot be removed" "$KNEAD" remove desk-break
check_grep "it says it is bundled" "bundled routine" "$TMP/err"
check_exit 64 "remove of a path is a usage error" "$KNEAD" remove ../x

# The client sees the summary and the prescriber's note before the session
# (--plain).
{ hw hw-note "Note homework" 3 | sed 's/^title: .*/&\nsummary: "Slow pressure on the calf."/'
} | sed 's/^  per-week: 3$/  per-week: 3\n  note: "Stop if the pain goes above 5."/' >"$TMP/note.yaml"
check_exit 0 "a homework with a note installs" "$KNEAD" add "$TMP/note.yaml"
"$KNEAD" run --plain --no-sound --db "$TMP/n.db" hw-note </dev/null >"$TMP/note.out" 2>&1
check_grep "the summary is shown before the session" "^Slow pressure on the calf.$" "$TMP/note.out"
check_grep "the note is shown with its prescriber" "^Note from A. Moreau, PT: Stop if the pain goes above 5.$" "$TMP/note.out"

# The validator's warnings are for the routine's author: a run shows one
# line that they are there and how to see them, not path:line:col
# diagnostics the client cannot act on; what the client must know for
# safety (lying on the back with no pregnancy question) is said to them.
{ hw hw-warn "Warned homework" 3 | sed 's/time: 10s/time: 10s\n      say: "Lie on your back, ball under the calf."/'
} >"$TMP/warn.yaml"
"$KNEAD" add "$TMP/warn.yaml" >/dev/null 2>&1
"$KNEAD" validate "$U/hw-warn.yaml" >/dev/null 2>"$TMP/val.err"
check_grep "validate shows the author the warning" "hw-warn.yaml:[0-9]*:[0-9]*: warning: this instruction puts the user on their back" "$TMP/val.err"
"$KNEAD" run --plain --no-sound --db "$TMP/w.db" hw-warn </dev/null >"$TMP/warn.out" 2>"$TMP/warn.err"
if grep -q ": warning: " "$TMP/warn.err"; then fail "a run shows the author's warnings"
else pass "a run does not show the author's warnings"; fi
check_grep "a run says there are notes for the author and how to see them" "this routine has 1 note for its author (it does not change the session); to see it: knead validate $U/hw-warn.yaml" "$TMP/warn.err"
# ... with the routine's summary and note, before step 1 (on standard
# error before the screen started, the full screen hid it).
check_grep "a run tells the user what they must know for safety" "^Note: This routine has you lie on your back. If you are more than three months pregnant" "$TMP/warn.out"
if awk '/^Note: This routine has you lie on your back/ { ok = !step } /^\[1\// { step = 1 } END { exit !ok }' "$TMP/warn.out"; then
	pass "... before step 1"
else fail "... before step 1"; sed 's/^/    /' "$TMP/warn.out"; fi

# Expired homework is shown as ended, not dropped (status).
ago() { date -d "$1 days ago" +%Y-%m-%d; }
hw hw-old "Old homework" 3 | sed "s/$HW_FROM/$(ago 30)/; s/$HW_UNTIL/$(ago 2)/" >"$TMP/old.yaml"
check_exit 0 "an expired homework installs" "$KNEAD" add "$TMP/old.yaml"
"$KNEAD" status --db "$TMP/n.db" >"$TMP/st.out" 2>&1
check_grep "status shows an expired homework as ended" "hw-old (from A. Moreau, PT): ended $(ago 2) ($(ago 30) to $(ago 2))" "$TMP/st.out"

# A homework run by its path (not installed) counts for its progress like an
# installed one, and status shows it.
printf 'knead: 1\nid: hw-path\ntitle: "Path homework"\nsummary: "Sit and breathe."\nintensity: gentle\n' >"$TMP/path.yaml"
printf 'homework:\n  by: "A. Moreau, PT"\n  per-week: 3\n  note: "Twice a day."\n' >>"$TMP/path.yaml"
printf 'steps:\n  - position: "Sit."\n    time: 3s\n' >>"$TMP/path.yaml"
"$KNEAD" run --plain --no-sound --db "$TMP/p.db" "$TMP/path.yaml" </dev/null >/dev/null 2>&1
"$KNEAD" status --db "$TMP/p.db" >"$TMP/st.out" 2>&1
check_grep "status counts a homework run by its path" "hw-path (from A. Moreau, PT; run from its file, not installed): 1 of 3 sessions in the last 7 days" "$TMP/st.out"
# One a week: a target of one reads "0 of 1 session", not "sessions".
hw hw-one "One a week" 1 | sed "s/$HW_FROM/$(ago 1)/; s/$HW_UNTIL/$(date -d '20 days' +%Y-%m-%d)/" >"$TMP/one.yaml"
"$KNEAD" add "$TMP/one.yaml" >/dev/null 2>&1
"$KNEAD" status --db "$TMP/p.db" >"$TMP/st.out" 2>&1
check_grep "status: a target of one a week is '0 of 1 session'" "hw-one (from A. Moreau, PT): 0 of 1 session in the last 7 days" "$TMP/st.out"

# The voice says the summary and the note before the session's clock starts
# (captured through ALSA's file plugin, paced like a sound card).
PACE=$KNEAD_HELPERS/helper_fifopace
if [ -x "$PACE" ]; then
	printf 'pcm.null { type null }\npcm.!default { type file; slave.pcm "null"; file "%s"; format "raw" }\n' \
	    "$TMP/fifo" >"$TMP/asound.conf"
	mkfifo "$TMP/fifo"
	"$PACE" "$TMP/fifo" "$TMP/pre.raw" 4 48000 "$TMP/pre.t0" & pace=$!
	i=0; while [ ! -s "$TMP/pre.t0" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	ALSA_CONFIG_PATH="$TMP/asound.conf" "$KNEAD" run --plain --db "$TMP/v.db" \
	    --log "$TMP/pre.log" "$TMP/path.yaml" </dev/null >"$TMP/pre.out" 2>&1
	kill "$pace" 2>/dev/null; wait "$pace" 2>/dev/null
	if awk '$2 == "preamble" { p = $1; ms = $4 }
	    $2 == "session-start" { s = $1 }
	    END { exit !(p && ms > 500 && s >= p + ms * 1000000) }' "$TMP/pre.log"; then
		pass "the preamble is said before the session's clock starts"
	else
		fail "the preamble is not said before the session starts"; sed 's/^/    /' "$TMP/pre.log" | head -n 5
	fi
else
	fail "homework: $PACE not built"
fi

# The screen shows the summary and the note before the session; Enter starts.
if command -v tmux >/dev/null 2>&1; then
	T() { tmux -L "knead-hw$$" "$@"; }
	# Kept until kill-server: a new-session racing the exit of a server
	# whose last session was killed fails ("server exited unexpectedly").
	# Named so that no -t target below is a prefix of it: tmux takes
	# a prefix for the session when none has the name itself, and
	# 'kill-session -t k', k gone, killed 'keep' (server gone: CI flake).
	T new-session -d -s _keep "sleep 600"
	T new-session -d -x 80 -y 24 -s pre \
	    "exec $KNEAD run --no-sound --db $TMP/s.db --log $TMP/scr.log $TMP/path.yaml"
	i=0; until T capture-pane -p -t pre | grep -q "BEFORE WE START" || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
	T capture-pane -p -t pre >"$TMP/pre.screen"
	check_grep "the screen shows the summary before the session" "^Sit and breathe.$" "$TMP/pre.screen"
	check_grep "the screen shows the prescriber's note" "^Note from A. Moreau, PT: Twice a day.$" "$TMP/pre.screen"
	grep -q session-start "$TMP/scr.log" 2>/dev/null &&
	    fail "the session began before Enter" || pass "the session waits for Enter"
	T send-keys -t pre Enter
	i=0; until grep -q session-start "$TMP/scr.log" 2>/dev/null || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
	check_grep "Enter starts the session" "session-start" "$TMP/scr.log"
	T kill-session -t pre 2>/dev/null
	# The safety note is on that page too (standard error hid it).
	T new-session -d -x 80 -y 24 -s warn \
	    "exec $KNEAD run --no-sound --db $TMP/s.db hw-warn"
	i=0; until T capture-pane -p -t warn | grep -q "BEFORE WE START" || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
	T capture-pane -p -t warn >"$TMP/warn.screen"
	check_grep "the screen shows the safety note before the session" \
	    "^Note: This routine has you lie on your back" "$TMP/warn.screen"
	T kill-session -t warn 2>/dev/null
	# The home screen shows an ended homework as ended.
	T new-session -d -x 100 -y 30 -s home "exec $KNEAD --no-sound --db $TMP/s.db"
	i=0; until T capture-pane -p -t home | grep -q "pick a routine" || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
	T capture-pane -p -t home >"$TMP/home0.screen"
	# The star and the top of the list are for homework in its period:
	# an ended one is listed as any routine.
	check_grep "a homework in its period has its star" '^ *\* Note homework' "$TMP/home0.screen"
	check "an ended homework is listed without a star, after the current ones" \
	    awk '/Old homework/ { old = NR; star = $0 ~ /\* Old/ } /\* Note homework/ { note = NR }
	    END { exit !(old && note && !star && old > note) }' "$TMP/home0.screen"
	T send-keys -t home "hw-old"
	i=0; until T capture-pane -p -t home | grep -q "homework ended" || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
	T capture-pane -p -t home >"$TMP/home.screen"
	check_grep "the home screen shows an ended homework as ended" "homework ended $(ago 2)" "$TMP/home.screen"
	T kill-server 2>/dev/null
fi

# One history across two machines: export from one store, import into
# another twice, and the rest limit holds on the second (issue 15).
A="$TMP/n.db"; B="$TMP/b.db"
check_exit 0 "history --export writes the sessions" "$KNEAD" history --db "$A" --export "$TMP/a.jsonl"
check_grep "it says how many" "exported 1 session to $TMP/a.jsonl" "$TMP/out"
check_grep "the export has a format version" '^{"kind":"knead-history","format":3,' "$TMP/a.jsonl"
check_grep "each step has a stable id" '"steps":\[{"id":"[0-9a-f]*-1",' "$TMP/a.jsonl"
check_exit 0 "import into another store" "$KNEAD" import --db "$B" "$TMP/a.jsonl"
check_grep "import says what it added" "1 new, 0 updated, 0 already here" "$TMP/out"
check_exit 0 "importing twice" "$KNEAD" import --db "$B" "$TMP/a.jsonl"
check_grep "the second import changes nothing" "0 new, 0 updated, 1 already here" "$TMP/out"
"$KNEAD" history --db "$A" --csv | cut -d, -f2- >"$TMP/a.csv"
"$KNEAD" history --db "$B" --csv | cut -d, -f2- >"$TMP/b.csv"
cmp -s "$TMP/a.csv" "$TMP/b.csv" && pass "both stores list the same session" ||
    fail "the imported session differs"
check_exit 75 "the rest limit refuses on the second store" \
    "$KNEAD" run --plain --no-sound --db "$B" hw-note </dev/null
check_grep "it names the resting area" "calves (left) rests until" "$TMP/err"
check_exit 64 "an export over the store is refused" "$KNEAD" history --db "$B" --export "$B"
"$KNEAD" history --db "$A" --export - --routine desk-neck-shoulders \
    >"$TMP/none.jsonl" 2>/dev/null
[ "$(wc -l <"$TMP/none.jsonl")" -eq 1 ] && pass "--routine filters the export" ||
    fail "--routine did not filter the export"
# A --routine that names nothing is said, as report says it, and nothing
# is written (an empty export looked like a real one).
check_exit 66 "--export --routine of no routine and no session: 66" \
    "$KNEAD" history --db "$A" --export "$TMP/typo.jsonl" --routine no-such
check_grep "it says why" \
    "^knead history: --routine no-such: no such routine in the library and no session of it in the history$" \
    "$TMP/err"
[ ! -e "$TMP/typo.jsonl" ] && pass "--routine of nothing: no file written" ||
    fail "--routine of nothing: no file written"
"$KNEAD" history --db "$A" --export - --since 1h 2>/dev/null | grep -c '"id"' >"$TMP/n" || true
[ "$(cat "$TMP/n")" -eq 1 ] && pass "--since keeps the recent session" ||
    fail "--since dropped the recent session"

# An export with past dates (three weeks ago, another id) counts in the
# history and the report; the rest limit is not moved by it.
awk -v d=$((21 * 86400)) 'NR == 1 { print; next } {
	s = $0; sub(/"id":"[0-9a-f]*"/, "\"id\":\"past0000000000000000000000000001\"", s)
	gsub(/"id":"[0-9a-f]*-/, "\"id\":\"past0000000000000000000000000001-", s)
	while (match(s, /"(started|ended)_at":[0-9]+/)) {
		k = substr(s, RSTART, RLENGTH); split(k, kv, ":")
		out = out substr(s, 1, RSTART - 1) kv[1] ":" (kv[2] - d); s = substr(s, RSTART + RLENGTH)
	}
	print out s; out = "" }' "$TMP/a.jsonl" >"$TMP/past.jsonl"
check_exit 0 "an export with past dates imports" "$KNEAD" import --db "$B" "$TMP/past.jsonl"
check_grep "it adds the past session" "1 new, 0 updated, 0 already here" "$TMP/out"
"$KNEAD" history --db "$B" >"$TMP/hist.out" 2>&1
check_grep "the history lists the past session" "^$(date -d '21 days ago' +%Y-%m-%d) .*hw-note .*completed" "$TMP/hist.out"

# A conflicting edit of one session: the copy that ended later wins.
awk 'NR == 2 { match($0, /"ended_at":[0-9]+/); v = substr($0, RSTART + 11, RLENGTH - 11)
	sub(/"ended_at":[0-9]+,"outcome":"completed"/, "\"ended_at\":" (v + 60) ",\"outcome\":\"halted\"") } { print }' \
    "$TMP/a.jsonl" >"$TMP/later.jsonl"
check_exit 0 "a later copy of a session imports" "$KNEAD" import --db "$B" "$TMP/later.jsonl"
check_grep "it replaces the earlier one" "0 new, 1 updated, 0 already here" "$TMP/out"
check_exit 0 "the earlier copy again" "$KNEAD" import --db "$B" "$TMP/a.jsonl"
check_grep "the earlier copy changes nothing" "0 new, 0 updated, 1 already here" "$TMP/out"
"$KNEAD" history --db "$B" --csv >"$TMP/b.csv" 2>&1
check_grep "the later end time won" "hw-note.*,halted," "$TMP/b.csv"
# ...but an edited copy that ended later never turns the halt (a safety
# outcome) into a milder one: the store keeps the safer copy, and says so.
sed '2s/"outcome":"halted"/"outcome":"completed"/' "$TMP/later.jsonl" |
    awk 'NR == 2 { match($0, /"ended_at":[0-9]+/); v = substr($0, RSTART + 11, RLENGTH - 11)
	sub(/"ended_at":[0-9]+/, "\"ended_at\":" (v + 60)) } { print }' >"$TMP/milder.jsonl"
check_exit 0 "a later copy that drops the halt imports" "$KNEAD" import --db "$B" "$TMP/milder.jsonl"
check_grep "it does not replace the halted copy" "0 new, 0 updated, 1 already here" "$TMP/out"
check_grep "it says the safer copy was kept" "kept 1 session as this store has it: the imported copy ends later but drops a safety event (a halt, a pain stop, a red flag or soreness)" "$TMP/out"
"$KNEAD" history --db "$B" --csv >"$TMP/b.csv" 2>&1
check_grep "the halt stays" "hw-note.*,halted," "$TMP/b.csv"

# Sessions dated ahead of this machine's clock (a synced machine with a
# wrong date): refused with the file, line and date, nothing imported; a
# session longer than a year likewise. Within a day (a clock on local
# time) it imports.
shift_by() { # FILE SECONDS NEWID: every time moved by SECONDS, a new id
	awk -v d="$2" -v id="$3" 'NR == 1 { print; next } {
	s = $0; sub(/"id":"[0-9a-f]*"/, "\"id\":\"" id "\"", s)
	gsub(/"id":"[0-9a-f]*-/, "\"id\":\"" id "-", s)
	while (match(s, /"(started|ended)_at":[0-9]+/)) {
		k = substr(s, RSTART, RLENGTH); split(k, kv, ":")
		out = out substr(s, 1, RSTART - 1) kv[1] ":" (kv[2] + d); s = substr(s, RSTART + RLENGTH)
	}
	print out s; out = "" }' "$1"
}
F="$TMP/f.db"
"$KNEAD" import --db "$F" "$TMP/a.jsonl" >/dev/null 2>&1
cp "$F" "$TMP/f.before"
shift_by "$TMP/a.jsonl" $((1461 * 86400)) future00000000000000000000000001 >"$TMP/future.jsonl"
check_exit 65 "a session four years ahead is refused" "$KNEAD" import --db "$F" "$TMP/future.jsonl"
check_grep "it names the line, the date and the clock" "future.jsonl:2: started_at $(date -u -d '1461 days' +%Y-%m-%d)T[0-9:]*Z is more than a day after this machine's clock ($(date -u +%Y-%m-%d)T" "$TMP/err"
check_grep "it says nothing was imported" "nothing was imported" "$TMP/err"
check_exit 65 "report --from-export refuses it too" "$KNEAD" report --from-export "$TMP/future.jsonl"
awk 'NR == 2 { match($0, /"started_at":[0-9]+/); v = substr($0, RSTART + 13, RLENGTH - 13)
	sub(/"started_at":[0-9]+/, "\"started_at\":" (v - 400 * 86400)); sub(/"id":"[0-9a-f]*"/, "\"id\":\"long0000000000000001\"") } { print }' \
    "$TMP/a.jsonl" >"$TMP/long.jsonl"
check_exit 65 "a session longer than a year is refused" "$KNEAD" import --db "$F" "$TMP/long.jsonl"
check_grep "it says how long" "long.jsonl:2: the session lasts 400 days" "$TMP/err"
# Two steps each shorter than the session, together far longer (a 20 s
# session recording 6000 s of step work, shown in reports).
sed '2s/"steps":\[\({[^}]*}\)\]/"steps":[\1,\1]/; 2s/"done_ms":[0-9]*/"done_ms":3000000/g; 2s/"id":"[0-9a-f]*"/"id":"work0000000000000001"/' \
    "$TMP/a.jsonl" >"$TMP/work.jsonl"
check_exit 65 "steps recording more work than the session are refused" "$KNEAD" import --db "$F" "$TMP/work.jsonl"
check_grep "it names the steps" "work.jsonl:2: steps\[0\] to steps\[1\] record 6000 s of work, longer than the session" "$TMP/err"
cmp -s "$F" "$TMP/f.before" && pass "the refused imports left the store as it was" ||
    fail "a refused import changed the store"
shift_by "$TMP/a.jsonl" 7200 soon0000000000000001 >"$TMP/soon.jsonl"
check_exit 0 "a session two hours ahead (a clock on local time) imports" "$KNEAD" import --db "$F" "$TMP/soon.jsonl"
check_grep "it is added" "1 new, 0 updated, 0 already here" "$TMP/out"

# Crafted exports: refused with their line, the store untouched, or masked.
cp "$B" "$TMP/b.before"
printf '{"kind":"knead-history","format":4}\n' >"$TMP/newer.jsonl"
check_exit 65 "a newer format is refused" "$KNEAD" import --db "$B" "$TMP/newer.jsonl"
check_grep "it says to update knead" "newer.jsonl:1: written by a newer knead (format 4" "$TMP/err"
{ head -n 1 "$TMP/a.jsonl"; echo '{"id": oops}'; } >"$TMP/bad.jsonl"
check_exit 65 "a line that is not JSON is refused" "$KNEAD" import --db "$B" "$TMP/a.jsonl" "$TMP/bad.jsonl"
check_grep "it names the file and line" "bad.jsonl:2: not JSON" "$TMP/err"
{ head -n 1 "$TMP/a.jsonl"; head -c 3000000 /dev/zero | tr '\0' ' '; echo; } >"$TMP/huge.jsonl"
check_exit 65 "a huge line is refused" "$KNEAD" import --db "$B" "$TMP/huge.jsonl"
check_grep "it says the line is too long" "huge.jsonl:2: the line is longer than" "$TMP/err"
head -n 1 "$TMP/a.jsonl" >"$TMP/cut.jsonl"
check_exit 65 "an export cut short is refused" "$KNEAD" import --db "$B" "$TMP/cut.jsonl"
check_grep "it says it was cut short" "cut short" "$TMP/err"
cmp -s "$B" "$TMP/b.before" && pass "refused imports leave the store as it was" ||
    fail "a refused import changed the store"
sed '2s/"title":"[^"]*"/"title":"Evil \\u001b[2J\\u001b]0;pwned\\u0007 title"/; 2s/"id":"[0-9a-f]*"/"id":"evil000000000000"/' \
    "$TMP/a.jsonl" >"$TMP/esc.jsonl"
check_exit 0 "an export with escape sequences in text imports" "$KNEAD" import --db "$TMP/e.db" "$TMP/esc.jsonl"
"$KNEAD" history --db "$TMP/e.db" --csv >"$TMP/esc.out" 2>&1
"$KNEAD" report --db "$TMP/e.db" >>"$TMP/esc.out" 2>&1
if LC_ALL=C grep -q "$(printf '\033')" "$TMP/esc.out"; then
	fail "an escape sequence from an import reached the terminal"
else pass "escape sequences from an import are masked"; fi
check_grep "the rest of the text stays" "Evil ?\[2J?\]0;pwned? title" "$TMP/esc.out"

# The therapist's side: a report from the client's export, with no history
# of their own touched or made.
rm -rf "$XDG_DATA_HOME/knead"
check_exit 0 "report --from-export reads a client's export" \
    "$KNEAD" report --from-export "$TMP/a.jsonl" --routine hw-note --format csv
check_grep "the report holds the client's session" "hw-note" "$TMP/out"
[ ! -e "$XDG_DATA_HOME/knead/history.db" ] && pass "report --from-export makes no history store" ||
    fail "report --from-export made a history store"
check_exit 0 "report --from-export as a PDF" \
    "$KNEAD" report --from-export "$TMP/a.jsonl" --format pdf --out "$TMP/r.pdf"
check_exit 65 "report --from-export of a bad file: 65" "$KNEAD" report --from-export "$TMP/bad.jsonl"
check_exit 64 "report --from-export with --db is a usage error" \
    "$KNEAD" report --from-export "$TMP/a.jsonl" --db "$B"
