# Shared helpers for the shell tests in tests/e2e. Source it:  . tests/lib.sh
# Each check prints "PASS: what" or "FAIL: what"; tests/run-tests.sh counts them.
# $KNEAD is the binary under test (the release build), $KNEAD_ASAN the
# sanitizer build; both default to ./knead when run by hand.
# $KNEAD_HELPERS is where the tests' own programs are (helper_*,
# faultshim.so: build/test, or $B/test for make B=..., B a path from the
# top of the tree or an absolute one).
: "${KNEAD_TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${KNEAD:=$KNEAD_TOP/knead}"
: "${KNEAD_ASAN:=$KNEAD}"
case ${B:-build} in
/*)	: "${KNEAD_HELPERS:=$B/test}" ;;
*)	: "${KNEAD_HELPERS:=$KNEAD_TOP/${B:-build}/test}" ;;
esac
# The sanitizer build's known library leaks (tests/lsan.supp) are suppressed
# when a suite is run by hand too: without it, the PDF report's fontconfig
# configuration (288 bytes, library-internal) failed aftercare.sh under ASan.
: "${LSAN_OPTIONS:=suppressions=$KNEAD_TOP/tests/lsan.supp:print_suppressions=0}"
export LSAN_OPTIONS
export KNEAD_ROUTINES="$KNEAD_TOP/routines"
export KNEAD_SOUNDS="$KNEAD_TOP/sounds"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# The no-break space (U+00A0) the French catalogue puts before : ; ? ! and
# inside guillemets, so that no line breaks there: "usage${NB}: knead".
NB=$(printf '\302\240')

# Tests never touch the user's own files.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/knead-test.XXXXXX")
export XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" HOME="$TMP/home"
export XDG_CACHE_HOME="$TMP/cache"
# Nor each other's sessions: a running session's FIFO (inbox.h) is in
# $XDG_RUNTIME_DIR/knead, else /tmp/knead-UID, where every remind --notify
# of the user writes. Shared, a reminder from one suite's lane printed in
# another's session (CI run 119: audio_capture's lost a status line).
export XDG_RUNTIME_DIR="$TMP/run"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$HOME"
mkdir -m 700 "$XDG_RUNTIME_DIR"
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"' EXIT

# in_part NAME: whether part NAME of a suite runs. A suite whose checks
# time sessions against the clock has two parts, "timed" and "rest", that
# make test runs in different phases (tests/run-tests.sh sets KNEAD_PART);
# run by hand, with KNEAD_PART unset, a suite runs whole.
in_part() { [ -z "${KNEAD_PART:-}" ] || [ "$KNEAD_PART" = "$1" ]; }

# stall_watch_start / stall_watch_stop: one helper_stallwatch on each CPU
# (taskset), beside timed sessions, at SCHED_FIFO where that is permitted
# (root, as in CI); after the stop, $TMP/stalls lists when the machine
# stopped running programs ("START_NS LENGTH_NS", CLOCK_MONOTONIC). One a
# CPU: a stall can stop one CPU only (measured 2026-12-05: two audio
# pacers stopped 79 ms at one moment, the third, on the other CPU, ran
# on, while a cue of a session on the stopped CPU was heard 89 ms late).
# Without SCHED_FIFO the list is left empty: at normal priority the
# session could be what held a watcher up.
stall_watch_start() {
	: >"$TMP/stalls"
	STALL_PIDS=
	_sw=$KNEAD_HELPERS/helper_stallwatch
	[ -x "$_sw" ] && chrt -f 10 true 2>/dev/null || return 0
	_ncpu=$(nproc 2>/dev/null || echo 1)
	_cpu=0
	while [ "$_cpu" -lt "$_ncpu" ]; do
		taskset -c "$_cpu" chrt -f 10 "$_sw" "$TMP/stalls.cpu$_cpu" &
		STALL_PIDS="$STALL_PIDS $!"
		_cpu=$((_cpu + 1))
	done
}
stall_watch_stop() {
	[ -n "${STALL_PIDS:-}" ] || return 0
	# shellcheck disable=SC2086
	kill $STALL_PIDS 2>/dev/null; wait $STALL_PIDS
	STALL_PIDS=
	cat "$TMP"/stalls.cpu* >"$TMP/stalls" 2>/dev/null
}
# STALL_AWK: awk functions for a timed check, with $TMP/stalls (after
# stall_watch_stop) given as the first file, read_stall on its lines.
# stalled(from, seen, late, bound): 1 when the machine stalled at some
# time between from and seen (ns), for at least late - bound ms: that
# lateness is the machine's, not knead's. stall_i is then the stall.
# from is a step's deadline; for a cue, 300 ms before it (a stall then
# shifts all the sound buffered after it).
STALL_AWK='
function read_stall() { if ($1 !~ /^#/) { ss[ns + 0] = $1; sl[ns + 0] = $2; ns++ } }
function stalled(from, seen, late, bound,   i) {
	for (i = 0; i < ns; i++)
		if (ss[i] <= seen && ss[i] + sl[i] >= from &&
		    late <= bound + sl[i] / 1e6) {
			stall_i = i
			return 1
		}
	return 0
}'

# check_step_starts LOG BOUND_MS MIN MAX WHAT: the event log's step starts
# (MIN to MAX of them), each within BOUND_MS of its own deadline (due=),
# and the first two, before any key or prompt could move the plan, within
# BOUND_MS of their plan offsets (at=) too. A step start later than that
# which the machine held up (stalled, for the larger of the two; $TMP/stalls
# from stall_watch_stop) is listed, not judged.
check_step_starts() {
	awk -v bound="$2" -v lo="$3" -v hi="$4" -v what="$5" "$STALL_AWK"'
	FILENAME == ARGV[1] { read_stall(); next }
	$2 == "session-start" { t0 = $1 }
	$2 == "step-start" {
		split($(NF - 1), a, "="); split($NF, d, "=")
		late = ($1 - d[2]) / 1e6
		off = $3 <= 1 ? ($1 - t0) / 1e6 - a[2] : late
		most = off > late ? off : late
		n++
		if (late > bound && stalled(d[2], $1, most, bound)) {
			void = void sprintf(" step %s %.3f ms late;", $3, most)
			next
		}
		if (late < 0 || late > bound || off < 0 || off > bound)
			bad = bad sprintf(" step %s %.3f ms late (plan offset %.3f);", $3, late, off)
		if (most > worst) worst = most
	}
	END {
		if (n < lo || n > hi || bad != "") {
			printf "FAIL: %s: step starts within %s ms of their deadlines (%d starts;%s)\n", what, bound, n, bad
			exit 1
		}
		printf "PASS: %s: step starts within %s ms of their deadlines, the first two on the plan (%d starts, worst %.3f ms)%s\n",
		    what, bound, n, worst, void != "" ? "; not judged, the machine stalled:" void : ""
	}' "$TMP/stalls" "$1"
}

pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; }

# check "what" command...: passes when the command exits 0.
check() {
	what=$1; shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

# check_exit CODE "what" command...: passes when the command exits CODE.
check_exit() {
	want=$1; what=$2; shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"; got=$?
	if [ "$got" -eq "$want" ]; then pass "$what"
	else fail "$what (exit $got, wanted $want)"; sed 's/^/    /' "$TMP/err" | head -n 20; fi
}

# check_grep "what" PATTERN FILE: passes when FILE has a line matching PATTERN.
check_grep() {
	if grep -q -- "$2" "$3"; then pass "$1"
	else fail "$1 (no '$2' in $3)"; sed 's/^/    /' "$3" | head -n 20; fi
}

# mkstore DB: make an empty history store at DB with the real binary.
# Reading commands (status, history, report) never create one, so a run is
# begun and quit at its screening question: the store is made, nothing is
# recorded in it.
mkstore() {
	cat >"$TMP/.mkstore.yaml" <<'YAML'
knead: 1
id: mkstore
title: "Make a store"
intensity: gentle
screen:
  - "Quit now?"
steps:
  - position: "Sit."
    time: 3s
YAML
	echo q | "$KNEAD" run --plain --no-sound --db "$1" "$TMP/.mkstore.yaml" \
	    >/dev/null 2>&1
	[ -f "$1" ] || echo "mkstore: no store made at $1" >&2
}
