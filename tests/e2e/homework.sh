#!/bin/sh
# knead add / knead remove (issue 15): install a therapist's homework file
# into the user's routine folder, only when valid, whole or not at all;
# replace only with --replace after showing what changes; a bundled id is
# not shadowed silently; remove keeps the history.
. "$(dirname "$0")/../lib.sh"
U="$XDG_CONFIG_HOME/knead/routines"
hw() { # id title per-week
	printf 'knead: 1\nid: %s\ntitle: "%s"\nintensity: gentle\n' "$1" "$2"
	printf 'homework:\n  by: "A. Moreau, PT"\n  from: 2026-11-02\n'
	printf '  until: 2026-12-18\n  per-week: %s\n' "$3"
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

check_exit 65 "an invalid file is refused" "$KNEAD" add "$TMP/bad.yaml" "$TMP/hw2.yaml"
[ ! -e "$U/hw-bad.yaml" ] && cmp -s "$U/hw-calf.yaml" "$TMP/hw.yaml" &&
    pass "nothing installed when one file is invalid" ||
    fail "an invalid batch installed something"
check_grep "the refusal gives the validator's diagnostics" "bad.yaml:" "$TMP/err"

check_exit 64 "the same id again needs --replace" "$KNEAD" add "$TMP/hw2.yaml" </dev/null
check_grep "it shows what changes (title)" "Calf homework -> Calf homework, week 2" "$TMP/out"
check_grep "it shows what changes (limits)" "per week" "$TMP/out"
cmp -s "$U/hw-calf.yaml" "$TMP/hw.yaml" && pass "not replaced without --replace" ||
    fail "replaced without --replace"
check_exit 0 "--replace replaces it" "$KNEAD" add --replace "$TMP/hw2.yaml"
cmp -s "$U/hw-calf.yaml" "$TMP/hw2.yaml" && pass "the new file is installed" ||
    fail "the new file is not installed"

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
