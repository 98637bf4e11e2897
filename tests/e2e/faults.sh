#!/bin/sh
# Faults a user's machine can throw (issue 13): stores with a broken
# version, terminals knead cannot draw on, output paths that are the store,
# a crash in the middle of the screen. The real binary, real SQLite files.
. "$(dirname "$0")/../lib.sh"
R="$TMP/routines"
mkdir -p "$R"
cat >"$R/f-one.yaml" <<'YAML'
knead: 1
id: f-one
title: "Faults: one press"
intensity: gentle
steps:
  - press:
      area: calves
      side: left
      tool: tennis-ball
      time: 10s
YAML

# 1. PRAGMA user_version outside the known range (negative ones used to
#    index the migrations with it: -1000000 crashed, -1 ran junk as SQL):
#    "newer or unknown knead", 74, the file byte for byte as it was.
"$KNEAD" status --db "$TMP/base.db" >/dev/null 2>&1
for v in -1 -2 -1000000 2147483647; do
	db="$TMP/v$v.db"
	cp "$TMP/base.db" "$db"
	sqlite3 "$db" "PRAGMA user_version = $v" >/dev/null
	cp "$db" "$db.copy"
	check_exit 74 "user_version $v: status exits 74" "$KNEAD" status --db "$db"
	check_grep "user_version $v: says it is from a newer or unknown knead" \
	    "newer or unknown knead" "$TMP/err"
	check_exit 74 "user_version $v: run exits 74" "$KNEAD" run --plain \
	    --no-sound --db "$db" --routines "$R" f-one </dev/null
	check "user_version $v: the store is untouched" cmp -s "$db" "$db.copy"
done
