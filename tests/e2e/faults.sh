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
# Where a check needs a completed session, not work on an area: 2 s.
cat >"$R/f-short.yaml" <<'YAML'
knead: 1
id: f-short
title: "Faults: a short position"
intensity: gentle
steps:
  - position: "Sit."
    time: 2s
YAML

# 1. PRAGMA user_version outside the known range (negative ones used to
#    index the migrations with it: -1000000 crashed, -1 ran junk as SQL):
#    "newer or unknown knead", 74, the file byte for byte as it was.
mkstore "$TMP/base.db"
for v in -1 -2 -1000000 9 2147483647; do
	db="$TMP/v$v.db"
	cp "$TMP/base.db" "$db"
	sqlite3 "$db" "PRAGMA user_version = $v" >/dev/null
	cp "$db" "$db.copy"
	check_exit 74 "user_version $v: status exits 74" "$KNEAD" status --db "$db"
	check_grep "user_version $v: says it is from a newer or unknown knead" \
	    "newer or unknown knead" "$TMP/err"
	check_grep "user_version $v: names the versions this knead reads" \
	    "reads 0 to 8" "$TMP/err"
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
	# One session lives until kill-server: when the last session goes the
	# server exits, and a new-session racing that exit failed with "server
	# exited unexpectedly" (CI, loaded machine).
	# Named so that no -t target below is a prefix of it: tmux takes
	# a prefix for the session when none has the name itself, and
	# 'kill-session -t k', k gone, killed 'keep' (server gone: CI flake).
	T new-session -d -s _keep "sleep 600"
	# nocup: a terminfo entry of our own that cannot move the cursor
	# (curses reads it when it starts: the run goes on line by line).
	mkdir -p "$TMP/ti"
	printf 'nocup|a terminal that cannot address the cursor,\n\tcols#80, lines#24, bel=^G, cr=\\r,\n' |
	    tic -o "$TMP/ti" - 2>/dev/null
	terms='unset empty dumb xyzzy-no-such nocup'
	for tag in $terms; do	# the five sessions run side by side
		case $tag in
		unset) envset="env -u TERM" ;;
		empty) envset="env TERM=" ;;
		*) envset="env TERMINFO=$TMP/ti TERM=$tag" ;;
		esac
		T new-session -d -x 80 -y 24 -s "t$tag" "$envset $KNEAD run --no-sound \
		    --db $TMP/term-$tag.db --routines $R f-short \
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
	for tag in dumb xyzzy-no-such nocup; do
		T new-session -d -x 80 -y 24 -s "home$tag" "env TERMINFO=$TMP/ti \
		    TERM=$tag $KNEAD --db $TMP/home$tag.db 2>$TMP/home$tag.err; \
		    echo \$? >$TMP/home$tag.rc; sleep 30"
		i=0
		while [ ! -s "$TMP/home$tag.rc" ] && [ $i -lt 100 ]; do
			sleep 0.1; i=$((i + 1))
		done
		[ "$(cat "$TMP/home$tag.rc" 2>/dev/null)" = 64 ] &&
		    [ ! -e "$TMP/home$tag.db" ] &&
		    pass "TERM=$tag: the home screen exits 64, no store created" ||
		    fail "TERM=$tag: home screen exit $(cat "$TMP/home$tag.rc" 2>/dev/null)"
		check_grep "TERM=$tag: the home screen says why and what to use" \
		    "cannot be drawn here: .*; try 'knead list' and 'knead run --plain ROUTINE'" \
		    "$TMP/home$tag.err"
		T kill-session -t "home$tag" 2>/dev/null
	done
	check_grep "TERM unknown: the home screen says so" \
	    "the terminal type in TERM is not known" "$TMP/homexyzzy-no-such.err"
	check_grep "TERM without cursor addressing: the home screen says so" \
	    "cannot move the cursor" "$TMP/homenocup.err"
	check_grep "TERM without cursor addressing: the run says so" \
	    "cannot move the cursor" "$TMP/term-nocup.err"

	# 3. A crash with the screen up (SIGSEGV, SIGABRT) gives the terminal
	#    back: the alternate screen is left and the signal still kills.
	#    (The sanitizer build reports the signal instead: not here.)
	sigs="SEGV ABRT"
	case $KNEAD in */asan/*) sigs=""; echo "SKIP: crash checks under ASan" ;; esac
	for sig in $sigs; do
		T new-session -d -x 80 -y 24 -s "c$sig" -e TERM=screen-256color \
		    "$KNEAD run --no-sound --db $TMP/crash-$sig.db --routines $R f-one; \
		    echo \$? >$TMP/crash-$sig.rc; sleep 30"
		i=0
		while [ "$(T display -p -t "c$sig" '#{alternate_on}')" != 1 ] &&
		    [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
		pid=$(pgrep -P "$(T display -p -t "c$sig" '#{pane_pid}')" | head -n 1)
		kill -"$sig" "$pid" 2>/dev/null
		i=0
		while [ ! -s "$TMP/crash-$sig.rc" ] && [ $i -lt 100 ]; do
			sleep 0.1; i=$((i + 1))
		done
		alt=$(T display -p -t "c$sig" '#{alternate_on}')
		rc=$(cat "$TMP/crash-$sig.rc" 2>/dev/null)
		[ "$alt" = 0 ] && [ -n "$rc" ] && [ "$rc" -gt 128 ] &&
		    pass "SIG$sig with the screen up: terminal given back, still fatal (exit $rc)" ||
		    fail "SIG$sig with the screen up: alternate screen $alt, exit $rc"
		T kill-session -t "c$sig" 2>/dev/null
	done
	T kill-server 2>/dev/null
else
	echo "SKIP: terminal checks (tmux missing)"
fi

# 4. An ALSA setup whose only device is a plugin makes PortAudio 19.6
#    abort inside Pa_Initialize (PortAudio issue 294). knead tries it in a
#    child first: the session runs silently with its one-line note, the
#    sound check lists no device, neither dies of SIGABRT.
printf 'pcm.null { type null }\n' >"$TMP/only-null.conf"
ALSA_CONFIG_PATH="$TMP/only-null.conf" "$KNEAD" run --plain --db "$TMP/pa.db" \
    --routines "$R" f-short </dev/null >"$TMP/pa.out" 2>&1
rc=$?
[ "$rc" -eq 0 ] && pass "PortAudio abort: the session runs (exit 0)" ||
    fail "PortAudio abort: session exit $rc"
check_grep "PortAudio abort: says it runs silently" "running silently" "$TMP/pa.out"
o=$(sqlite3 "$TMP/pa.db" "SELECT group_concat(outcome) FROM sessions" 2>&1)
[ "$o" = completed ] && pass "PortAudio abort: recorded as completed" ||
    fail "PortAudio abort: sessions recorded: $o"
ALSA_CONFIG_PATH="$TMP/only-null.conf" "$KNEAD" sound --no-voice --gap 0 \
    >"$TMP/pas.out" 2>&1
rc=$?
[ "$rc" -eq 0 ] && pass "PortAudio abort: knead sound exits 0" ||
    fail "PortAudio abort: knead sound exit $rc"
check_grep "PortAudio abort: knead sound says why there is no device" \
    "failed a test start" "$TMP/pas.out"

# 5. Output paths that are the store or one of its files are refused
#    (64), the store intact; --log over an existing log is not truncated by
#    a run that the rest limits refuse.
SDB="$TMP/store.db"
"$KNEAD" run --plain --no-sound --db "$SDB" --routines "$R" f-one </dev/null >/dev/null 2>&1
sqlite3 "$SDB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
cp "$SDB" "$SDB.copy"
[ -e "$SDB-reserve" ] && pass "a session keeps a reserve beside the store" ||
    fail "no $SDB-reserve after a session"
cp "$SDB-reserve" "$TMP/reserve.copy"
for p in "$SDB" "$SDB-wal" "$SDB-shm" "$SDB-live" "$SDB-reserve"; do
	check_exit 64 "--log $(basename "$p") refused" "$KNEAD" run --plain \
	    --no-sound --db "$SDB" --routines "$R" --log "$p" f-one </dev/null
	check_exit 64 "report --out $(basename "$p") refused" "$KNEAD" report \
	    --db "$SDB" --out "$p"
done
check_grep "says it is the store" "is the history store or one of its files" "$TMP/err"
n=$(sqlite3 "$SDB" "SELECT count(*) FROM sessions WHERE outcome = 'completed'")
[ "$n" = 1 ] && pass "the store keeps its session after the refusals" ||
    fail "the store has $n completed sessions"
cmp -s "$SDB-reserve" "$TMP/reserve.copy" &&
    pass "the reserve is untouched by the refusals" ||
    fail "the reserve was written over"
printf 'an old log\n' >"$TMP/old.log"
check_exit 75 "a resting area refuses the run" "$KNEAD" run --plain \
    --no-sound --db "$SDB" --routines "$R" --log "$TMP/old.log" f-one </dev/null
# Its outcome is in the log as any run's (PRODUCT.md lists refused among
# the outcomes "in history, reports and the log"), the file written anew.
grep -q " session-end 0 refused$" "$TMP/old.log" &&
    ! grep -q "an old log" "$TMP/old.log" &&
    pass "a refused run writes its log, ending refused" ||
    fail "a refused run's log: $(head -c 80 "$TMP/old.log")"

# 6. End of input at a screening question is no answer: the session does
#    not start, is recorded as screened out with "no answer", and nothing
#    is recorded as a "yes" (the report would list it as a red flag).
cat >"$R/f-screen.yaml" <<'YAML'
knead: 1
id: f-screen
title: "Faults: screened"
intensity: gentle
screen:
  - "Any numbness in the leg right now?"
steps:
  - press:
      area: calves
      side: left
      tool: tennis-ball
      time: 10s
YAML
check_exit 0 "EOF at a screening question exits 0" "$KNEAD" run --plain \
    --no-sound --db "$TMP/eof.db" --routines "$R" f-screen </dev/null
check_grep "EOF at screening: says nobody answered" "No answer: not starting" "$TMP/out"
# Recorded as screened out with "no answer" (issue 13), never as a yes.
"$KNEAD" history --db "$TMP/eof.db" >"$TMP/eof.hist" 2>&1
check_grep "EOF at screening: recorded as screened out" "f-screen  *screened out" "$TMP/eof.hist"
check_grep "EOF at screening: history says no answer" \
    'not started: "Any numbness in the leg right now?" (no answer)' "$TMP/eof.hist"
"$KNEAD" report --db "$TMP/eof.db" >"$TMP/eof.md" 2>&1
if grep -A2 'answered "yes"' "$TMP/eof.md" | grep -q '^None\.'; then
	pass "EOF at screening: no red flag in the report"
else
	fail "EOF at screening: the report lists a red flag"; sed 's/^/    /' "$TMP/eof.md" | head -20
fi

# 7. The disk fills in the middle of a session (a small tmpfs holds the
#    store). With room for the reserve (PATH-reserve, 1 MiB, made when
#    the session begins), the full disk spends it and every step and the
#    end are recorded at once, and the user is told so at once; the
#    reserve is made again at a later start once there is room. Without
#    room for it (a 1 MB disk), the start says so; the steps are kept in
#    memory and saved when space returns; when it never does, the exit
#    code is 74 and the message says the session was not saved.
cat >"$R/f-two.yaml" <<'YAML'
knead: 1
id: f-two
title: "Faults: both calves"
intensity: gentle
steps:
  - press:
      area: calves
      side: both
      tool: tennis-ball
      time: 10s
YAML
full_run() { # tag free(1|0) size: a session whose disk fills during step 1
	d="$TMP/full-$1"
	mkdir -p "$d"
	mount -t tmpfs -o size=$3 tmpfs "$d" 2>/dev/null || return 1
	: >"$TMP/$1.log"
	# Its input a FIFO held open until it ends, like a terminal (a pipe
	# from 'sleep 40' kept the wait below 15 s past the session's end).
	mkfifo "$TMP/$1.in"
	"$KNEAD" run --plain --no-sound --db "$d/h.db" --routines "$R" \
	    --log "$TMP/$1.log" f-two <"$TMP/$1.in" >"$TMP/$1.out" 2>&1 &
	pid=$!
	exec 7>"$TMP/$1.in"
	i=0
	while ! grep -q " step-start 0" "$TMP/$1.log" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	dd if=/dev/zero of="$d/fill" bs=4k 2>/dev/null
	i=0
	while ! grep -q " step-start 2" "$TMP/$1.log" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ "$2" = 1 ] && rm -f "$d/fill"
	wait "$pid"
	echo $? >"$TMP/$1.rc"
	exec 7>&-
	[ -e "$d/h.db-reserve" ] && echo kept >"$TMP/$1.reserve" ||
	    echo spent >"$TMP/$1.reserve"
	# What the next command finds while the disk is still full.
	"$KNEAD" history --db "$d/h.db" >"$TMP/$1.hist" 2>&1
	rm -f "$d/fill"
	"$KNEAD" history --db "$d/h.db" --csv >"$TMP/$1.csv" 2>&1
	"$KNEAD" history --db "$d/h.db" >"$TMP/$1.hist2" 2>&1
	sqlite3 "$d/h.db" "SELECT count(*) FROM steps" >"$TMP/$1.steps" 2>&1
	# Room again: the next session's start makes the reserve again.
	"$KNEAD" run --plain --no-sound --db "$d/h.db" --routines "$R" \
	    f-short </dev/null >/dev/null 2>&1
	[ -e "$d/h.db-reserve" ] && echo remade >"$TMP/$1.remade" ||
	    echo none >"$TMP/$1.remade"
	sqlite3 "$d/h.db" "PRAGMA integrity_check" >"$TMP/$1.ic" 2>&1
	umount "$d"
	return 0
}
mkdir -p "$TMP/mnt-probe"
if mount -t tmpfs -o size=64k tmpfs "$TMP/mnt-probe" 2>/dev/null; then
	umount "$TMP/mnt-probe"
	# The sessions run side by side (25 s each).
	full_run back 1 3m &
	full_run never 0 3m &
	full_run bare 0 1m &
	wait
	for t in back never; do
		check_grep "disk full ($t): said at once that the reserve was used" \
		    "^(the disk is full: the space knead keeps in reserve was used" \
		    "$TMP/$t.out"
		check_grep "disk full ($t): said after the session, with the file" \
		    "knead: history: the disk of .*h.db is full; the space kept in reserve (.*h.db-reserve) was used" \
		    "$TMP/$t.out"
		grep -q "history cannot be written" "$TMP/$t.out" &&
		    fail "disk full ($t): said the history cannot be written" ||
		    pass "disk full ($t): nothing said unsaved (the reserve took it)"
		[ "$(cat "$TMP/$t.rc")" = 0 ] && pass "disk full ($t): exit 0 (all recorded)" ||
		    fail "disk full ($t): exit $(cat "$TMP/$t.rc")"
		check_grep "disk full ($t): the session is completed, calves worked" \
		    ",completed,.*calves" "$TMP/$t.csv"
		[ "$(cat "$TMP/$t.steps")" = 3 ] &&
		    pass "disk full ($t): its 3 steps saved" ||
		    fail "disk full ($t): $(cat "$TMP/$t.steps") steps saved"
		[ "$(cat "$TMP/$t.remade")" = remade ] &&
		    pass "disk full ($t): the reserve is made again once there is room" ||
		    fail "disk full ($t): no reserve after space returned"
		check_grep "disk full ($t): integrity_check ok" "^ok$" "$TMP/$t.ic"
	done
	[ "$(cat "$TMP/never.reserve")" = spent ] &&
	    pass "disk full to the end: the reserve was spent" ||
	    fail "disk full to the end: the reserve is still there"
	check_grep "disk full to the end: history reads it on the full disk" \
	    "f-two  *completed .*calves" "$TMP/never.hist"
	# No room for the reserve: the old way, said at the start.
	check_grep "no room for the reserve: said at the start" \
	    "The disk of the history is nearly full" "$TMP/bare.out"
	check_grep "no room, disk full: said at once" "history cannot be written" "$TMP/bare.out"
	[ "$(cat "$TMP/bare.rc")" = 74 ] && pass "no room, disk full to the end: exit 74" ||
	    fail "no room, disk full to the end: exit $(cat "$TMP/bare.rc")"
	check_grep "no room, disk full to the end: says the session was not saved" \
	    "could not be saved" "$TMP/bare.out"
	check_grep "no room, disk full: integrity_check ok" "^ok$" "$TMP/bare.ic"
	# Its row, closed by the next start, does not claim 0:00 of work.
	check_grep "no room, disk full: history says the duration is not known" \
	    "f-two  *interrupted  *0:00+" "$TMP/bare.hist2"
	check_grep "no room, disk full: history says what was not recorded" \
	    "not recorded after [0-9:]*: knead stopped without saving the end" \
	    "$TMP/bare.hist2"
	grep -q "not recorded after" "$TMP/never.hist2" &&
	    fail "disk full to the end (reserve): history says something was not recorded" ||
	    pass "disk full to the end (reserve): history has the whole session"
else
	echo "SKIP: disk-full checks (mounting a tmpfs is not permitted)"
fi

# 8. Reading commands never create a store and read one they cannot
#    write: a typo in --db is 66 naming the path, with no file made; a
#    store on a read-only file system or a full disk is shown as it is
#    with a note (they failed with 74); a damaged store names the damage
#    (it said "not an error").
for c in status history report; do
	check_exit 66 "$c --db typo: exits 66" "$KNEAD" $c --db "$TMP/typo.db"
	check_grep "$c --db typo: names the path" "no history store at $TMP/typo.db" "$TMP/err"
	[ ! -e "$TMP/typo.db" ] && pass "$c --db typo: no store created" ||
	    fail "$c --db typo: created $TMP/typo.db"
done
# An empty file (touched, or a store about to be made) holds no session:
# read as such, never made into a store (it was, at mode 0644).
for c in status report list history; do
	: >"$TMP/empty.db"
	check_exit 0 "$c --db an empty file: exit 0" "$KNEAD" $c --db "$TMP/empty.db"
	[ ! -s "$TMP/empty.db" ] && pass "$c --db an empty file: left empty" ||
	    fail "$c --db an empty file: wrote $(wc -c <"$TMP/empty.db") bytes"
done
check_grep "history of an empty file: no sessions" "No sessions" "$TMP/out"
mkdir -p "$TMP/home-empty"
HOME="$TMP/home-empty" XDG_DATA_HOME= KNEAD_DB= "$KNEAD" status >"$TMP/out" 2>&1
rc=$?
[ "$rc" = 0 ] && [ -z "$(ls -A "$TMP/home-empty")" ] &&
    pass "status with no history yet: exit 0, nothing created" ||
    fail "status with no history yet: exit $rc, $(ls -A "$TMP/home-empty")"
RO="$TMP/ro"
mkdir -p "$RO"
if mount -t tmpfs -o size=1m tmpfs "$RO" 2>/dev/null; then
	"$KNEAD" run --plain --no-sound --db "$RO/h.db" --routines "$R" f-short \
	    </dev/null >/dev/null 2>&1
	mount -o remount,ro "$RO"
	for c in status history report; do
		check_exit 0 "read-only file system: $c reads the store" \
		    "$KNEAD" $c --db "$RO/h.db"
		check_grep "read-only file system: $c says it was not updated" \
		    "could not be updated" "$TMP/err"
	done
	check_grep "read-only file system: history shows the session" \
	    "completed" "$TMP/out"
	mount -o remount,rw "$RO"
	dd if=/dev/zero of="$RO/fill" bs=4k 2>/dev/null
	check_exit 0 "full disk: history reads the store" "$KNEAD" history \
	    --db "$RO/h.db"
	check_grep "full disk: history shows the session" "completed" "$TMP/out"
	# The note names the cause: SQLite's "disk I/O error" it used to say.
	for c in status history report; do
		check_exit 0 "full disk: $c reads the store" "$KNEAD" $c --db "$RO/h.db"
		check_grep "full disk: $c's note says the disk is full" \
		    "could not be updated.*the disk is full" "$TMP/err"
	done
	umount "$RO"
else
	echo "SKIP: read-only and full-disk reading checks (mounting a tmpfs is not permitted)"
fi
DMG="$TMP/damaged.db"
"$KNEAD" run --plain --no-sound --db "$DMG" --routines "$R" f-short </dev/null >/dev/null 2>&1
sqlite3 "$DMG" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
printf '\177\177' | dd of="$DMG" bs=1 seek=$((4096 * 2 + 3)) conv=notrunc 2>/dev/null
cp "$DMG" "$DMG.copy"
check_exit 74 "damaged store: history exits 74" "$KNEAD" history --db "$DMG"
check_grep "damaged store: names the damage" "malformed" "$TMP/err"
grep -q "not an error" "$TMP/err" && fail "damaged store: says 'not an error'" ||
    pass "damaged store: no stale 'not an error'"
check "damaged store: left untouched" cmp -s "$DMG" "$DMG.copy"

# 9. A live session is never closed as interrupted: its lock file deleted
#    while it runs, a second knead on the same area is refused (it used to
#    close the first as "interrupted 0:00" and run), and the first ends
#    recorded as completed.
LDB="$TMP/live.db"
: >"$TMP/live.log"
"$KNEAD" run --plain --no-sound --db "$LDB" --routines "$R" \
    --log "$TMP/live.log" f-one </dev/null >"$TMP/live1.out" 2>&1 &
lpid=$!
i=0
while ! grep -q " step-start 0" "$TMP/live.log" 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
rm -f "$LDB-live"
check_exit 75 "lock file deleted: a second session on the same area is refused" \
    "$KNEAD" run --plain --no-sound --db "$LDB" --routines "$R" f-one </dev/null
wait "$lpid"
rc=$?
o=$(sqlite3 "$LDB" "SELECT group_concat(outcome) FROM sessions ORDER BY id" 2>&1)
[ "$rc" = 0 ] && [ "$o" = "completed,refused" ] &&
    pass "lock file deleted: the first session is recorded completed" ||
    fail "lock file deleted: exit $rc, sessions $o"

# 10. Ctrl-Z pauses the session: the time stopped does not count (a step
#     could "finish" while the user was away). --plain with no more input
#     resumes at SIGCONT. Timed from the log, not from kill: under load the
#     process can take a while to run its handler and stop, and the time
#     before it stops is rightly session time (this flaked with a fixed
#     13.5 s span). So: wait until the kernel shows it stopped (state T),
#     keep it stopped 4 s, then the pause must cover all of it and the
#     step must have run its 10 s and not the 4 s stopped on top.
: >"$TMP/tstp.log"
"$KNEAD" run --plain --no-sound --db "$TMP/tstp.db" --routines "$R" \
    --log "$TMP/tstp.log" f-one </dev/null >"$TMP/tstp.out" 2>&1 &
zpid=$!
i=0
while ! grep -q " step-start 0" "$TMP/tstp.log" 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
sleep 1
kill -TSTP "$zpid"
state() { awk '{ print $3 }' "/proc/$zpid/stat" 2>/dev/null; }
i=0
while [ "$(state)" != T ] && [ $i -lt 200 ]; do
	sleep 0.05; i=$((i + 1))
done
stopped=$(state)
sleep 4
kill -CONT "$zpid"
wait "$zpid"
rc=$?
# span: step-start to step-end; paused: pause to resume; ran: the rest.
set -- $(awk '$2 == "step-start" { s = $1 } $2 == "step-end" { e = $1 }
    $2 == "pause" { p = $1 } $2 == "resume" { r = $1 }
    END { printf "%d %d", (e - s) / 1000000, (p && r) ? (r - p) / 1000000 : -1 }' \
    "$TMP/tstp.log")
span=$1 paused=$2 ran=$(( $1 - $2 ))
if [ "$stopped" != T ]; then
	# Job control signals are discarded in an orphaned process group.
	echo "SKIP: Ctrl-Z: the process never stopped here (state '$stopped')"
elif [ "$rc" = 0 ] && [ "$paused" -ge 4000 ] && [ "$ran" -ge 9900 ] &&
    [ "$ran" -lt 12000 ]; then
	pass "Ctrl-Z pauses the session (stopped 4 s: paused $paused ms, the step ran $ran ms of its 10 s)"
else
	fail "Ctrl-Z: exit $rc, step span $span ms, paused $paused ms (at least 4000), ran $ran ms (10000)"
	grep -v ' cue ' "$TMP/tstp.log" | sed 's/^/    /'
fi

# 11. Answers piped to --plain: the lines read with the screening answer
#     are not lost; the pain rating after it is recorded (it was read into
#     the screening's buffer and never seen again).
cat >"$R/f-rated.yaml" <<'YAML'
knead: 1
id: f-rated
title: "Faults: rated"
intensity: gentle
screen:
  - "Any numbness in the leg right now?"
steps:
  - press:
      area: calves
      side: left
      tool: tennis-ball
      time: 10s
      check: pain
YAML
printf 'n\n6\n' | "$KNEAD" run --plain --no-sound --db "$TMP/rated.db" \
    --routines "$R" f-rated >"$TMP/rated.out" 2>&1
rc=$?
p=$(sqlite3 "$TMP/rated.db" "SELECT pain FROM steps" 2>&1)
[ "$rc" = 0 ] && [ "$p" = 6 ] &&
    pass "piped answers: the rating after the screening answer is recorded" ||
    fail "piped answers: exit $rc, pain recorded '$p'"
check_grep "piped answers: the summary shows the rating" "pain 6" "$TMP/rated.out"

# 12. Output that cannot be written is an error: 74 and a message (they
#     exited 0 into /dev/full).
if [ -w /dev/full ]; then
	for c in list "status --db $SDB" "history --db $SDB" "show f-one --routines $R" --help; do
		# shellcheck disable=SC2086
		"$KNEAD" $c >/dev/full 2>"$TMP/err"
		rc=$?
		[ "$rc" = 74 ] && grep -q "cannot write the output" "$TMP/err" &&
		    pass "knead $c >/dev/full: exit 74 with a message" ||
		    fail "knead $c >/dev/full: exit $rc: $(head -c 200 "$TMP/err")"
	done
else
	echo "SKIP: output errors (no /dev/full)"
fi

# 13. A bad option: one message in one style for every command (getopt's
#     own line came first for list, show, validate, render and sound; the
#     home screen said "knead :" and "knead  --help").
for c in "" list show validate render sound status history report add; do
	# shellcheck disable=SC2086
	"$KNEAD" $c --bogus-opt >/dev/null 2>"$TMP/err"
	rc=$?
	n=$(wc -l <"$TMP/err")
	name="knead${c:+ $c}"
	[ "$rc" = 64 ] && [ "$n" = 2 ] &&
	    grep -q "^$name: unknown option '--bogus-opt'$" "$TMP/err" &&
	    grep -q "^Try '$name --help'\.$" "$TMP/err" &&
	    pass "$name --bogus-opt: one message, exit 64" ||
	    fail "$name --bogus-opt: exit $rc: $(tr '\n' '|' <"$TMP/err")"
done

# 14. report --out honours what is there: a read-only file is not
#     replaced (74), a dangling link is written through (the link stays),
#     a file with another hard link is rewritten in place (the links stay
#     one file); no temporary file is left beside them.
O="$TMP/out-files"
mkdir -p "$O"
echo old >"$O/ro.md"
chmod 0444 "$O/ro.md"
check_exit 74 "report --out a read-only file: exit 74" "$KNEAD" report \
    --db "$SDB" --out "$O/ro.md"
[ "$(cat "$O/ro.md")" = old ] && pass "report --out a read-only file: left as it was" ||
    fail "report --out a read-only file: replaced"
ln -s target.md "$O/dangling.md"
check_exit 0 "report --out a dangling link: exit 0" "$KNEAD" report \
    --db "$SDB" --out "$O/dangling.md"
[ -L "$O/dangling.md" ] && grep -q "report" "$O/target.md" &&
    pass "report --out a dangling link: written through, the link stays" ||
    fail "report --out a dangling link: $(ls -l "$O" | tr '\n' '|')"
echo old >"$O/a.md"
ln "$O/a.md" "$O/b.md"
check_exit 0 "report --out a hard-linked file: exit 0" "$KNEAD" report \
    --db "$SDB" --out "$O/a.md"
[ "$(stat -c %i "$O/a.md")" = "$(stat -c %i "$O/b.md")" ] &&
    [ "$(stat -c %h "$O/a.md")" = 2 ] && grep -q "report" "$O/b.md" &&
    pass "report --out a hard-linked file: the links stay one file" ||
    fail "report --out a hard-linked file: links broken"
left=$(find "$O" -name '*.md.*' | wc -l)
[ "$left" = 0 ] && pass "report --out: no temporary file left" ||
    fail "report --out: $left temporary files left"

# 9. Knead processes creating a new store at the same moment: neither may
#    see the other's store half made ("not a knead history"), and none may
#    be refused by SQLite's deadlock answer while switching the new file to
#    WAL mode (two starts that both asked for its exclusive lock: one got
#    SQLITE_BUSY at once; CI saw 2 of 20 pairs fail, about 1 in 900 here).
#    Four at once, 20 tries, under the sanitizer too.
cat >"$TMP/race.yaml" <<'YAML'
knead: 1
id: f-race
title: "Faults: race"
intensity: gentle
screen:
  - "Quit now?"
steps:
  - position: "Sit."
    time: 3s
YAML
bad=0; tries=20
for i in $(seq 1 "$tries"); do
	rm -f "$TMP/race.db"*
	for j in 1 2 3 4; do
		( echo q | "$KNEAD" run --plain --no-sound --db "$TMP/race.db" \
		    "$TMP/race.yaml" >"$TMP/race$j.out" 2>&1
		  echo $? >"$TMP/race$j.rc" ) &
	done
	wait
	rcs=$(cat "$TMP"/race[1-4].rc | tr -d '\n')
	if [ "$rcs" != 0000 ]; then
		bad=$((bad + 1))
		echo "    try $i: exits $rcs"
		grep -h "knead" "$TMP"/race[1-4].out | sed 's/^/    /'
	fi
done
[ "$bad" -eq 0 ] && pass "four first starts at once: all open the new store ($tries of $tries)" ||
    fail "four first starts at once: $bad of $tries failed"

# Refusal dates more than six months away carry the year (a clock set back
# a year leaves the last session 300 days ahead): "Thu 30 Sep 2027 10:17",
# not a weekday and month read as this year's.
mkstore "$TMP/year.db"
"$KNEAD" run --plain --no-sound --db "$TMP/year.db" --routines "$R" f-one \
    </dev/null >/dev/null 2>&1
sqlite3 "$TMP/year.db" "UPDATE sessions SET started_at = started_at +
    300 * 86400, ended_at = ended_at + 300 * 86400"
year=$(date -d "@$(( $(date +%s) + 300 * 86400 ))" +%Y)
check_exit 75 "a session 300 days ahead: refused" "$KNEAD" run --plain \
    --no-sound --db "$TMP/year.db" --routines "$R" f-one
check_grep "the refusal's date carries the year" \
    "rests until [A-Z][a-z][a-z] [0-9][0-9] [A-Z][a-z][a-z] $year [0-9:]*" "$TMP/err"
"$KNEAD" status --db "$TMP/year.db" >"$TMP/year.out" 2>&1
check_grep "status's date carries the year" \
    "until [A-Z][a-z][a-z] [0-9][0-9] [A-Z][a-z][a-z] $year " "$TMP/year.out"

# 15. The line and paragraph separators (U+2028, U+2029) in a file name or
#     in imported text are shown escaped like every other control (the
#     loader refuses them in routines; the messages and the writers let
#     them through raw): '?' on a terminal, \u2028 in JSON. One rule,
#     utf8_is_control.
LS=$(printf '\342\200\250') PS=$(printf '\342\200\251')
for c in "validate" "run --plain" "import --db $TMP/sep-none.db" "add"; do
	# shellcheck disable=SC2086
	"$KNEAD" $c "$TMP/a${LS}b${PS}c.yaml" </dev/null >"$TMP/out" 2>"$TMP/err"
	n="knead ${c%% --db*}"
	if grep -q "$LS\|$PS" "$TMP/out" "$TMP/err"; then
		fail "$n: a separator in a file name printed raw"
	elif grep -q "a?b?c.yaml" "$TMP/err"; then
		pass "$n: a separator in a file name shown as '?'"
	else
		fail "$n: $(head -c 200 "$TMP/err")"
	fi
done
"$KNEAD" history --db "$SDB" --export "$TMP/sep.json" >/dev/null 2>&1
sed "s/\"title\":\"Faults: one press\"/\"title\":\"Faults:${LS}one\\\\u2029press\"/" \
    "$TMP/sep.json" >"$TMP/sep2.json"
check_grep "the export carries the separators" "$LS" "$TMP/sep2.json"
check_exit 0 "an export with separators in its title imports" "$KNEAD" import \
    --db "$TMP/sep.db" "$TMP/sep2.json"
"$KNEAD" report --db "$TMP/sep.db" >"$TMP/sep.md" 2>&1
"$KNEAD" history --db "$TMP/sep.db" --json >"$TMP/sep.hj" 2>&1
"$KNEAD" history --db "$TMP/sep.db" --csv >"$TMP/sep.csv" 2>&1
if grep -q "$LS\|$PS" "$TMP/sep.md" "$TMP/sep.hj" "$TMP/sep.csv"; then
	fail "imported separators written raw: $(grep -l "$LS\|$PS" "$TMP/sep.md" "$TMP/sep.hj" "$TMP/sep.csv" | tr '\n' ' ')"
else
	pass "imported separators never written raw (report, history --json, --csv)"
fi
check_grep "report: the imported title with its separators shown as '?'" \
    "Faults:?one?press" "$TMP/sep.md"
check_grep "history --json: the separators escaped" 'Faults:\\u2028one\\u2029press' "$TMP/sep.hj"
