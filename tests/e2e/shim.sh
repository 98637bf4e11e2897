#!/bin/sh
# The store and the output files through every error path a disk can
# take (issue 13), made on demand by the fault shim (tests/helpers/
# faultshim.c, preloaded): a write, a sync or a lock fails at a chosen call
# of a real --plain session on a real SQLite file, at its begin, at a
# step's save, at its end; then render -o and report --out. Each case:
# the exit code (74 where the store or the file failed), what the user is
# told, PRAGMA integrity_check, and what `knead history` shows once the
# disk works again: no finished step lost, no phantom session, no record
# of something that did not happen, no user's file cut or left partial.
. "$(dirname "$0")/../lib.sh"

SHIM=${KNEAD_SHIM:-$KNEAD_HELPERS/faultshim.so}
if [ ! -f "$SHIM" ]; then
	echo "SKIP: the fault shim is not built (make build/test/faultshim.so)"
	exit 0
fi
# Under ASan the sanitizer's runtime must be the first library loaded.
PRE=$SHIM
asan=$(ldd "$KNEAD" 2>/dev/null | awk '/libasan/ { print $3; exit }')
if [ -n "$asan" ]; then
	if [ ! -f "$asan" ]; then
		echo "SKIP: shim checks under ASan (libasan not found to preload first)"
		exit 0
	fi
	PRE="$asan $SHIM"
fi

R="$TMP/routines"
mkdir -p "$R"
cat >"$R/s-shim.yaml" <<'YAML'
knead: 1
id: s-shim
title: "Shim: a press"
intensity: gentle
steps:
  - press:
      area: calves
      side: left
      tool: tennis-ball
      time: 10s
  - position: "Sit."
    time: 2s
  - position: "Stand."
    time: 2s
YAML

# shim_run TAG FAULT [PATH]: one session in $TMP/TAG (store.db), the
# shim counting calls on files whose path holds PATH (the store's).
shim_run() {
	d="$TMP/$1"
	mkdir -p "$d"
	LD_PRELOAD="$PRE" KNEAD_FAULT="$2" KNEAD_FAULT_PATH="${3:-/store.db}" \
	    KNEAD_FAULT_LOG="$d/trace" "$KNEAD" run --plain --no-sound \
	    --db "$d/store.db" --routines "$R" --log "$d/ev.log" s-shim \
	    </dev/null >"$d/out" 2>"$d/err"
	echo $? >"$d/rc"
}

# 1. A run without a fault, traced: which call of each function belongs
#    to the begin, to step 1's save, to the end (the event log and the
#    trace share CLOCK_MONOTONIC).
shim_run trace ""
[ "$(cat "$TMP/trace/rc")" = 0 ] && pass "shim: a session runs with the shim preloaded" ||
    fail "shim: traced session exit $(cat "$TMP/trace/rc")"
ss=$(awk '$2 == "session-start" { print $1; exit }' "$TMP/trace/ev.log")
se0=$(awk '$2 == "step-end" && $3 == 0 { print $1; exit }' "$TMP/trace/ev.log")
send=$(awk '$2 == "session-end" { print $1; exit }' "$TMP/trace/ev.log")
set -- $(awk -v ss="${ss:-0}" -v se0="${se0:-0}" -v send="${send:-0}" '
    { ts[NR] = $1; fn[NR] = $2; k[NR] = $3; p[NR] = $4 }
    $2 == "fcntl" && $4 ~ /-live$/ && $1 < ss { live = NR }
    END {
	for (i = live + 1; live && i <= NR; i++) if (fn[i] == "pwrite") { B = k[i]; break }
	for (i = 1; i <= NR; i++) if (ts[i] > se0 && fn[i] == "pwrite") { S = k[i]; break }
	for (i = 1; i <= NR; i++) if (ts[i] > se0 && fn[i] == "fcntl") { L = k[i]; break }
	for (i = 1; i <= NR; i++) if (ts[i] > send && fn[i] == "pwrite") { Z = k[i]; break }
	for (i = NR; i >= 1; i--) if (fn[i] == "pwrite" && p[i] ~ /-wal$/) break
	for (; i >= 1 && fn[i] == "pwrite" && p[i] ~ /-wal$/; i--) E = k[i]
	for (i = NR; i >= 1; i--) if (fn[i] == "fdatasync") { F = k[i]; break }
	printf "%s %s %s %s %s %s\n", B ? B : "-", S ? S : "-", E ? E : "-",
	    F ? F : "-", L ? L : "-", Z ? Z : "-"
    }' "$TMP/trace/trace")
B=$1 S=$2 E=$3 F=$4 L=$5 Z=$6
case "$B$S$E$F$L$Z" in
*-*) fail "shim: the trace has no begin/step/end calls (B=$B S=$S E=$E F=$F L=$L Z=$Z)"
     exit 0 ;;
esac
pass "shim: the trace finds the calls (begin pwrite $B, step pwrite $S, last step pwrite $Z, end pwrite $E, last fdatasync $F, step lock $L)"

# 2. The faults, side by side (each session 14 s).
#    tag      fault                       what fails
set -- \
    open      "pwrite:1+:ENOSPC"          "every write from the store's creation" \
    begin     "pwrite:$B+:ENOSPC"         "the begin's commit and all after" \
    step      "pwrite:$S:ENOSPC"          "step 1's save, the disk full once" \
    stepio    "pwrite:$S:EIO"             "step 1's save, once" \
    steps     "pwrite:$S+:ENOSPC"         "step 1's save and all after" \
    last      "pwrite:$Z:ENOSPC"          "the last step's save, the disk full once" \
    lastio    "pwrite:$Z:EIO"             "the last step's save, once" \
    end       "pwrite:$E:ENOSPC"          "the end's commit, once" \
    ends      "pwrite:$E+:ENOSPC"         "the end's commit and all after" \
    sync      "fdatasync:$F+:EIO"         "the sync of the checkpoint at close" \
    lock      "fcntl:$L:EIO"              "a lock at step 1's save, once" \
    locks     "fcntl:$L+:EIO"             "every lock from step 1's save"
cases=""
while [ $# -ge 3 ]; do
	shim_run "$1" "$2" &
	cases="$cases $1"
	eval "what_$1=\"\$3 (\$2)\""
	shift 3
done
shim_run live "fcntl:1+:ENOLCK" "/store.db-live" &
what_live="the session's lock in store.db-live (fcntl:1+:ENOLCK)"
wait

# check_case TAG RC: exit code, the fault fired, integrity_check ok.
check_case() {
	d="$TMP/$1"
	eval "w=\$what_$1"
	rc=$(cat "$d/rc")
	[ "$rc" = "$2" ] && pass "$1: $w: exit $rc" ||
	    { fail "$1: $w: exit $rc, wanted $2"; sed 's/^/    /' "$d/err" | head -5; }
	grep -q ' failed ' "$d/trace" 2>/dev/null && pass "$1: the fault was injected" ||
	    fail "$1: the fault never fired"
	if [ -s "$d/store.db" ]; then
		ic=$(sqlite3 "$d/store.db" "PRAGMA integrity_check" 2>&1)
		[ "$ic" = ok ] && pass "$1: integrity_check ok" ||
		    fail "$1: integrity_check: $ic"
	else
		pass "$1: no store content written (integrity not in question)"
	fi
	"$KNEAD" history --db "$d/store.db" >"$d/hist" 2>&1
	sqlite3 "$d/store.db" "SELECT count(*) FROM steps" >"$d/nsteps" 2>/dev/null ||
	    echo 0 >"$d/nsteps"
}
# no_session TAG: nothing recorded (no phantom "interrupted" row).
no_session() {
	n=$(sqlite3 "$TMP/$1/store.db" "SELECT count(*) FROM sessions" 2>/dev/null)
	[ "${n:-0}" = 0 ] && pass "$1: no session recorded (no phantom)" ||
	    { fail "$1: $n sessions recorded"; sed 's/^/    /' "$TMP/$1/hist"; }
}
# kept TAG OUTCOME NSTEPS: history lists the session so, with its area.
kept() {
	check_grep "$1: history shows the session $2" "s-shim  *$2 .*calves L" "$TMP/$1/hist"
	[ "$(cat "$TMP/$1/nsteps")" = "$3" ] && pass "$1: $3 steps recorded" ||
	    fail "$1: $(cat "$TMP/$1/nsteps") steps recorded, wanted $3"
}

check_case open 74
check_grep "open: says the disk is full" "the disk is full" "$TMP/open/err"
no_session open
check_case begin 74
check_grep "begin: says the disk is full while starting" \
    "the disk is full (while starting the session)" "$TMP/begin/err"
no_session begin
# A full disk spends the reserve (store.db-reserve) and the save is
# tried again at once: nothing unsaved, the reserve's use said at once.
[ -e "$TMP/trace/store.db-reserve" ] && pass "trace: the session keeps a reserve" ||
    fail "trace: no store.db-reserve beside the store"
check_case step 0
check_grep "step: the reserve's use said at once" \
    "^(the disk is full: the space knead keeps in reserve was used" "$TMP/step/out"
grep -q "history cannot be written" "$TMP/step/out" &&
    fail "step: said the history cannot be written" ||
    pass "step: nothing said unsaved (the reserve took it)"
[ -e "$TMP/step/store.db-reserve" ] && fail "step: the reserve is still there" ||
    pass "step: the reserve was spent"
kept step completed 3
check_case stepio 0
check_grep "stepio: said at once" "history cannot be written" "$TMP/stepio/out"
check_grep "stepio: said when written again" "nothing was lost" "$TMP/stepio/out"
[ -e "$TMP/stepio/store.db-reserve" ] && pass "stepio: an I/O error spends no reserve" ||
    fail "stepio: the reserve was spent for an I/O error"
kept stepio completed 3
check_case steps 74
check_grep "steps: says the session could not be saved" "could not be saved" "$TMP/steps/out"
check_grep "steps: says the areas are not resting" "not marked as resting" "$TMP/steps/out"
n=$(sqlite3 "$TMP/steps/store.db" "SELECT count(*) FROM sessions WHERE outcome = 'completed'")
[ "$n" = 0 ] && pass "steps: nothing recorded as completed" ||
    fail "steps: $n sessions recorded completed"
check_case last 0
check_grep "last: the reserve's use said after the session" \
    "the space kept in reserve (.*store.db-reserve) was used" "$TMP/last/out"
kept last completed 3
check_case lastio 0
# Its failure and its retry at the end come in one batch: the line left
# on the screen must say what happened by itself.
check_grep "lastio: says the history failed a moment, why, and that nothing was lost" \
    "could not be written for a moment (.*disk I/O error.*nothing was lost" "$TMP/lastio/out"
kept lastio completed 3
check_case end 0
kept end completed 3
check_case ends 74
check_grep "ends: says the end could not be saved, the steps were" \
    "the end of this session could not be saved .*its steps were saved" "$TMP/ends/out"
kept ends interrupted 3
# Closed by the next start: history says its end was never written.
for t in steps ends; do
	check_grep "$t: history says what was not recorded" \
	    "not recorded after [0-9:]*: knead stopped without saving the end" "$TMP/$t/hist"
done
"$KNEAD" history --db "$TMP/steps/store.db" --json >"$TMP/steps/hj" 2>&1
check_grep "steps: history --json says the end was not recorded" \
    '"end_recorded": false' "$TMP/steps/hj"
"$KNEAD" history --db "$TMP/step/store.db" --json >"$TMP/step/hj" 2>&1
check_grep "step: history --json says the end was recorded" \
    '"end_recorded": true' "$TMP/step/hj"
grep -q "not recorded after" "$TMP/step/hist" &&
    fail "step: history says something was not recorded" ||
    pass "step: history has the whole session"
check_case sync 0
kept sync completed 3
check_case lock 0
kept lock completed 3
check_case locks 74
check_grep "locks: says the session could not be saved" "could not be saved" "$TMP/locks/out"
check_case live 74
check_grep "live: says the lock cannot be taken" "store.db-live cannot be locked" "$TMP/live/err"
no_session live

# 3. render -o and report --out: a write or the sync fails half way; the
#    target stays as it was (a link stays a link, hard links one file),
#    nothing partial is left beside it. In place (hard links), a write
#    failing after the target changed keeps the complete file and names it.
O="$TMP/files"
mkdir -p "$O"
good="$TMP/good.wav"
"$KNEAD" render --routines "$R" s-shim --no-voice -o "$good" >/dev/null 2>&1
LD_PRELOAD="$PRE" KNEAD_FAULT_PATH=/files/ KNEAD_FAULT_LOG="$TMP/render.trace" \
    "$KNEAD" render --routines "$R" s-shim --no-voice -o "$O/t.wav" >/dev/null 2>&1
nw=$(grep -c ' write ' "$TMP/render.trace")
rm -f "$O/t.wav"
# out_case TAG FAULT CMD...: run CMD with the fault on files under $O.
out_case() {
	tag=$1 f=$2
	shift 2
	LD_PRELOAD="$PRE" KNEAD_FAULT="$f" KNEAD_FAULT_PATH=/files/ \
	    "$@" >"$TMP/$tag.out" 2>"$TMP/$tag.err"
	echo $? >"$TMP/$tag.rc"
}
# untouched TAG FILE CONTENT: exit 74, FILE holds CONTENT, nothing beside.
untouched() {
	[ "$(cat "$TMP/$1.rc")" = 74 ] && pass "$1: exit 74" ||
	    fail "$1: exit $(cat "$TMP/$1.rc")"
	[ "$(cat "$2" 2>/dev/null)" = "$3" ] && pass "$1: the target is untouched" ||
	    fail "$1: the target is now $(head -c 40 "$2" | od -c | head -n 1)"
	left=$(find "$O" -name '*.??????' | wc -l)
	[ "$left" = 0 ] && pass "$1: no partial file left" ||
	    { fail "$1: $left files left"; ls -l "$O" | sed 's/^/    /'; }
}
render_to() { "$KNEAD" render --routines "$R" s-shim --no-voice -o "$1"; }

out_case r-new "write:$((nw / 2)):ENOSPC" render_to "$O/new.wav"
[ "$(cat "$TMP/r-new.rc")" = 74 ] && [ ! -e "$O/new.wav" ] &&
    [ -z "$(ls -A "$O")" ] && pass "render -o a new file, disk full half way: 74, no file left" ||
    fail "render -o a new file: exit $(cat "$TMP/r-new.rc"), $(ls -A "$O")"
echo old >"$O/t.wav"
out_case r-write "write:$((nw / 2)):ENOSPC" render_to "$O/t.wav"
untouched r-write "$O/t.wav" old
out_case r-sync "fsync:1:EIO" render_to "$O/t.wav"
untouched r-sync "$O/t.wav" old
ln -s t.wav "$O/link.wav"
out_case r-link "write:$((nw / 2)):ENOSPC" render_to "$O/link.wav"
untouched r-link "$O/t.wav" old
[ -L "$O/link.wav" ] && pass "r-link: the link stays a link" || fail "r-link: the link was replaced"
rm -f "$O/link.wav"
ln "$O/t.wav" "$O/hard.wav"
# In place: the copy's first write is call nw + 1.
out_case r-hard "write:$((nw + 1)):ENOSPC" render_to "$O/t.wav"
untouched r-hard "$O/t.wav" old
[ "$(cat "$O/hard.wav")" = old ] && [ "$(stat -c %h "$O/t.wav")" = 2 ] &&
    pass "r-hard: the hard links stay one file" || fail "r-hard: hard links broken"
out_case r-hard2 "write:$((nw + 2)):EIO" render_to "$O/t.wav"
[ "$(cat "$TMP/r-hard2.rc")" = 74 ] && pass "r-hard2: a write failing half way in place: exit 74" ||
    fail "r-hard2: exit $(cat "$TMP/r-hard2.rc")"
kept=$(sed -n 's/.*the complete file was kept as \(.*\)$/\1/p' "$TMP/r-hard2.err")
[ -n "$kept" ] && cmp -s "$kept" "$good" &&
    pass "r-hard2: the complete file is kept and named" ||
    { fail "r-hard2: no complete copy named"; sed 's/^/    /' "$TMP/r-hard2.err"; }
rm -f "$kept" "$O/t.wav" "$O/hard.wav"

RDB="$TMP/step/store.db"
echo old >"$O/r.md"
out_case p-sync "fsync:1:ENOSPC" "$KNEAD" report --db "$RDB" --out "$O/r.md"
untouched p-sync "$O/r.md" old
ln "$O/r.md" "$O/r2.md"
out_case p-hard "write:1:ENOSPC" "$KNEAD" report --db "$RDB" --out "$O/r.md"
untouched p-hard "$O/r.md" old
[ "$(cat "$O/r2.md")" = old ] && pass "p-hard: the hard links stay one file" ||
    fail "p-hard: the other link changed"
# The sizes: a report shorter than the old file leaves none of its tail.
head -c 200000 /dev/zero | tr '\0' x >"$O/r.md"
check_exit 0 "report --out over a longer hard-linked file: exit 0" \
    "$KNEAD" report --db "$RDB" --out "$O/r.md"
grep -q xxx "$O/r2.md" && fail "report in place: the old file's tail is left" ||
    pass "report in place: the old file's tail is cut"
