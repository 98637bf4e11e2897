#!/bin/sh
# Session cost and timing (issue 3), measured on the real binary in tmux:
#   CPU ms per minute and wakeups a second during a plain 90 s hold
#   (from /proc/PID/schedstat, or stat, and the context switches in
#   /proc/PID/status), the first frame's time after exec, and the error of
#   every step boundary (event log time minus its deadline).
# Targets: < 15 ms CPU a minute, <= ~2 wakeups/s, first frame < 30 ms,
# boundary error < 5 ms.
. "$(dirname "$0")/../lib.sh"
: "${BENCH_HOLD_S:=60}"		# the measured window inside the 90 s hold
SOCK=knead-bench$$
T() { tmux -L "$SOCK" "$@"; }
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT

cat >"$TMP/hold.yaml" <<'YAML'
knead: 1
id: bench-hold
title: "Bench: one 90 s hold"
intensity: gentle
cues:
  countdown: 3
  halfway: true
steps:
  - press:
      area: calves
      side: left
      tool: tennis-ball
      time: 90s
  - rest: 3s
  - rest: 3s
  - rest: 3s
YAML

LOG=$TMP/bench.log
# The launcher notes CLOCK_MONOTONIC just before exec, for the first frame.
cat >"$TMP/launch.py" <<'PY'
import os, sys, time
open(sys.argv[1], "w").write(str(time.clock_gettime_ns(time.CLOCK_MONOTONIC)))
os.execv(sys.argv[2], sys.argv[2:])
PY
if command -v python3 >/dev/null 2>&1; then
	launch="python3 $TMP/launch.py $TMP/t0 $KNEAD"
else
	launch="$KNEAD"
fi
T new-session -d -s b -x 80 -y 24 -e LANG=C.UTF-8 \
    "exec $launch run --no-sound --db $TMP/h.db --log $LOG $TMP/hold.yaml"
i=0
while ! grep -q first-frame "$LOG" 2>/dev/null && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1))
done
pid=$(T display -p -t b '#{pane_pid}')

# cpu_ns: time on the CPU so far, in ns
cpu_ns() {
	if [ -r "/proc/$pid/schedstat" ]; then
		cut -d' ' -f1 "/proc/$pid/schedstat"
	else
		awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1e9 / hz }' \
		    "/proc/$pid/stat"
	fi
}
# wakeups: voluntary context switches (the process slept, then woke);
# involuntary ones (preempted, e.g. by tmux reading the pty) are apart.
switches() {
	awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$pid/status"
}
preempted() {
	awk '/^nonvoluntary_ctxt_switches/ { print $2 }' "/proc/$pid/status"
}
sleep 3			# past the start, inside the hold
c0=$(cpu_ns); w0=$(switches); p0=$(preempted)
sleep "$BENCH_HOLD_S"
c1=$(cpu_ns); w1=$(switches); p1=$(preempted)
# Let the hold end and the three short steps run.
while ! grep -q " session-end" "$LOG" 2>/dev/null && [ $i -lt 600 ]; do
	sleep 0.2; i=$((i + 1))
done

cpu_min=$(awk -v a="$c0" -v b="$c1" -v s="$BENCH_HOLD_S" \
    'BEGIN { printf "%.2f", (b - a) / 1e6 * 60 / s }')
wake_s=$(awk -v a="$w0" -v b="$w1" -v s="$BENCH_HOLD_S" \
    'BEGIN { printf "%.2f", (b - a) / s }')
pre_s=$(awk -v a="$p0" -v b="$p1" -v s="$BENCH_HOLD_S" \
    'BEGIN { printf "%.2f", (b - a) / s }')
if [ -f "$TMP/t0" ]; then
	ff=$(awk -v t0="$(cat "$TMP/t0")" '$2 == "first-frame" { printf "%.2f", ($1 - t0) / 1e6 }' "$LOG")
else
	ff=n/a
fi
bound=$(awk '$2 == "step-start" && $3 > 0 {
	split($NF, d, "="); e = ($1 - d[2]) / 1e6; if (e > m) m = e; s += e; n++ }
	END { printf "%.3f %.3f %d", m, n ? s / n : 0, n }' "$LOG")
set -- $bound

printf '%-34s %10s %10s\n' "session (90 s hold, in tmux)" measured target
printf '%-34s %10s %10s\n' "CPU ms per minute" "$cpu_min" "< 15"
printf '%-34s %10s %10s\n' "wakeups per second" "$wake_s" "<= ~2"
printf '%-34s %10s %10s\n' "  (preemptions per second)" "$pre_s" ""
printf '%-34s %10s %10s\n' "first frame after exec (ms)" "$ff" "< 30"
printf '%-34s %10s %10s\n' "step boundary error, max (ms)" "$1" "< 5"
printf '%-34s %10s %10s\n' "step boundary error, mean (ms)" "$2" "($3 steps)"
