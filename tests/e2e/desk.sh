#!/bin/sh
# The desk worker's loop: `knead status --line` (tmux's status-right) and
# `knead list` showing rest state, on real stores the binary created, with
# sessions written by sqlite3 at chosen times.
. "$(dirname "$0")/../lib.sh"

# A library of two desk routines: desk-a (rhomboids) is the shortest, desk-b
# (forearm extensors) the other; plus one untagged (feet).
LIB=$TMP/lib
mkdir -p "$LIB"
desk_routine() {	# ID AREA SECONDS TAGS
	cat >"$LIB/$1.yaml" <<YAML
knead: 1
id: $1
title: "Routine $1"
tags: [$4]
intensity: gentle
limits:
  rest: 2h
steps:
  - press:
      area: $2
      tool: tennis-ball
      side: left
      time: $3s
      pressure: 3
YAML
}
desk_routine desk-a rhomboids 30 "desk, back"
desk_routine desk-b forearm-extensors 60 "desk, forearms"
desk_routine feet plantar-fascia 30 "feet"
export KNEAD_ROUTINES=$LIB
"$KNEAD" validate "$LIB" >"$TMP/v" 2>&1 || { fail "test library is valid"; cat "$TMP/v"; }

DB=$TMP/desk.db
now=$(date +%s)
# worked ROUTINE AREA ENDED_AGO_S REST_S: a completed session that worked AREA.
sid=0
worked() {
	sid=$((sid + 1))
	sqlite3 "$DB" "INSERT INTO sessions (id, routine_id, title, started_at,
	    ended_at, outcome, rest_s, planned_ms) VALUES ($sid, '$1', 'T',
	    $now - $3 - 60, $now - $3, 'completed', $4, 60000);
	    INSERT INTO session_areas VALUES ($sid, '$2', 'left', 60000, 60000);"
}

# No store: a line, and no store made.
check_exit 0 "status --line with no store exits 0" env KNEAD_DB="$DB" "$KNEAD" status --line
check_grep "status --line with no store: the shortest desk routine is ready" \
    '^desk-a ready$' "$TMP/out"
[ ! -e "$DB" ] && pass "status --line never creates a store" ||
    fail "status --line created $DB"
[ -s "$TMP/err" ] && fail "status --line wrote to stderr" || pass "status --line is silent on stderr"
[ "$(wc -l <"$TMP/out")" -eq 1 ] && pass "status --line is one line" ||
    fail "status --line printed $(wc -l <"$TMP/out") lines"

mkstore "$DB"	# the binary makes the store
check_exit 0 "status --line on an empty store" "$KNEAD" status --line --db "$DB"
check_grep "empty store: desk-a ready" '^desk-a ready$' "$TMP/out"

worked desk-a rhomboids 600 7200
sum0=$(md5sum <"$DB")
check_exit 0 "status --line with desk-a's area resting" "$KNEAD" status --line --db "$DB"
check_grep "desk-a resting: the next desk routine (desk-b) is ready" '^desk-b ready$' "$TMP/out"
[ "$(md5sum <"$DB")" = "$sum0" ] && pass "status --line leaves the store unchanged" ||
    fail "status --line wrote to the store"

worked desk-b forearm-extensors 300 7200
# desk-a is free first: 7200 s after it ended 600 s ago.
free_hm=$(date -d "@$((now - 600 + 7200))" +%H:%M)
check_exit 0 "status --line with every desk routine resting" "$KNEAD" status --line --db "$DB"
check_grep "every desk routine resting: 'resting until' the soonest ($free_hm)" \
    "^resting until $free_hm\$" "$TMP/out"

# Reminders set: the last break 10 min ago, one every 50 min.
DB2=$TMP/desk2.db
mkstore "$DB2"
mkdir -p "$XDG_CONFIG_HOME/knead"
printf 'every 50m\nbetween 00:00-24:00\ndays daily\n' >"$XDG_CONFIG_HOME/knead/remind.conf"
DB_SAVE=$DB; DB=$DB2; sid=0
worked feet plantar-fascia 600 0
DB=$DB_SAVE
check_exit 0 "status --line with reminders set" "$KNEAD" status --line --db "$DB2"
check_grep "reminders every 50 min, last break 10 min ago: 'break in 40 min'" \
    '^break in 40 min$' "$TMP/out"
printf 'every 50m\nbetween 00:00-24:00\ndays daily\nroutine desk-b\n' \
    >"$XDG_CONFIG_HOME/knead/remind.conf"
sqlite3 "$DB2" "UPDATE sessions SET ended_at = $now - 3600, started_at = $now - 3660"
check_exit 0 "status --line with a named routine" "$KNEAD" status --line --db "$DB2"
check_grep "the routine named in the reminders comes first" '^desk-b ready$' "$TMP/out"
rm -f "$XDG_CONFIG_HOME/knead/remind.conf"

# Errors: silent, exit 0.
printf 'not a database at all, just text\n' >"$TMP/junk.db"
check_exit 0 "status --line on a file that is not a store exits 0" \
    "$KNEAD" status --line --db "$TMP/junk.db"
[ -s "$TMP/out" ] || [ -s "$TMP/err" ] && fail "status --line on junk printed something" ||
    pass "status --line on junk is silent"
check_exit 0 "status --line on an unreadable path exits 0" \
    "$KNEAD" status --line --db "$TMP/no/such/dir/x.db"
[ -e "$TMP/no" ] && fail "status --line made a folder" || pass "status --line makes no folder"
check_exit 0 "status --line under ASan" "$KNEAD_ASAN" status --line --db "$DB"
check_exit 0 "status --help mentions --line" "$KNEAD" status --help
check_grep "status --help documents --line" '--line' "$TMP/out"

# knead list: the rest state its help promises; --json areas and tools as arrays.
check_exit 0 "list with resting areas exits 0" "$KNEAD" list --db "$DB"
free_a=$(date -d "@$((now - 600 + 7200))" '+%a %H:%M')
grep -A1 '^desk-a ' "$TMP/out" | grep -q "resting until $free_a\$" &&
    pass "list says until when desk-a rests ($free_a)" ||
    { fail "list says until when desk-a rests ($free_a)"; cat "$TMP/out"; }
grep -A1 '^feet ' "$TMP/out" | grep -q "resting" &&
    fail "list marks feet resting though its area is free" ||
    pass "list shows no rest for a routine whose areas are free"
check_exit 0 "list --json with resting areas exits 0" "$KNEAD" list --json --db "$DB"
if python3 - "$TMP/out" "$(date -u -d "@$((now - 600 + 7200))" +%Y-%m-%dT%H:%M:%SZ)" <<'PY'
import json, sys
d = {r["id"]: r for r in json.load(open(sys.argv[1]))}
assert d["desk-a"]["areas"] == ["rhomboids"], d["desk-a"]
assert d["desk-a"]["tools"] == ["tennis-ball"], d["desk-a"]
assert d["desk-a"]["resting_until"] == sys.argv[2], d["desk-a"]
assert d["feet"]["resting_until"] is None, d["feet"]
assert all(isinstance(r["areas"], list) and isinstance(r["tools"], list)
           for r in d.values())
PY
then pass "list --json: areas and tools are arrays, resting_until is UTC or null"
else fail "list --json: areas and tools are arrays, resting_until is UTC or null"; fi
rm -f "$TMP/nostore.db"
check_exit 0 "list with no store exits 0" "$KNEAD" list --db "$TMP/nostore.db"
[ ! -e "$TMP/nostore.db" ] && pass "list never creates a store" ||
    fail "list created a store"
export KNEAD_ROUTINES=$KNEAD_TOP/routines
check_exit 0 "list --json of the bundled library" "$KNEAD" list --json --db "$TMP/nostore.db"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d and all(isinstance(r["areas"], list) and isinstance(r["tools"], list) for r in d)' "$TMP/out" &&
    pass "list --json of the bundled library parses, areas as arrays" ||
    fail "list --json of the bundled library parses, areas as arrays"
