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

# 2. A terminal curses cannot draw on (TERM unset, empty, dumb, unknown):
#    `knead run` says so and runs line by line, nothing recorded before it
#    (no phantom "interrupted" session); the home screen exits 64 and
#    creates no store. In a real terminal (tmux).
if command -v tmux >/dev/null 2>&1; then
	SOCK=knead-faults-$$
	T() { tmux -L "$SOCK" "$@"; }
	terms='unset empty dumb xyzzy-no-such'
	for tag in $terms; do	# the four sessions run side by side
		case $tag in
		unset) envset="env -u TERM" ;;
		empty) envset="env TERM=" ;;
		*) envset="env TERM=$tag" ;;
		esac
		T new-session -d -x 80 -y 24 -s "t$tag" "$envset $KNEAD run --no-sound \
		    --db $TMP/term-$tag.db --routines $R f-one \
		    2>$TMP/term-$tag.err; echo \$? >$TMP/term-$tag.rc; sleep 30"
	done
	for tag in $terms; do
		i=0
		while [ ! -s "$TMP/term-$tag.rc" ] && [ $i -lt 300 ]; do
			sleep 0.1; i=$((i + 1))
		done
		[ "$(cat "$TMP/term-$tag.rc" 2>/dev/null)" = 0 ] &&
		    pass "TERM $tag: the session runs to its end" ||
		    fail "TERM $tag: exit $(cat "$TMP/term-$tag.rc" 2>/dev/null)"
		check_grep "TERM $tag: says why it runs line by line" \
		    "running line by line (--plain)" "$TMP/term-$tag.err"
		o=$(sqlite3 "$TMP/term-$tag.db" "SELECT group_concat(outcome) FROM sessions" 2>&1)
		[ "$o" = completed ] && pass "TERM $tag: one completed session, no phantom" ||
		    fail "TERM $tag: sessions recorded: $o"
		T kill-session -t "t$tag" 2>/dev/null
	done
	T new-session -d -x 80 -y 24 -s home "env TERM=dumb $KNEAD --db $TMP/home.db \
	    2>$TMP/home.err; echo \$? >$TMP/home.rc; sleep 30"
	i=0
	while [ ! -s "$TMP/home.rc" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ "$(cat "$TMP/home.rc" 2>/dev/null)" = 64 ] && [ ! -e "$TMP/home.db" ] &&
	    pass "TERM=dumb: the home screen exits 64, no store created" ||
	    fail "TERM=dumb: home screen exit $(cat "$TMP/home.rc" 2>/dev/null)"
	check_grep "TERM=dumb: the home screen says what to use" \
	    "knead run --plain ROUTINE" "$TMP/home.err"
	T kill-server 2>/dev/null
else
	echo "SKIP: terminal checks (tmux missing)"
fi
