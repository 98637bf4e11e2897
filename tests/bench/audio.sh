#!/bin/sh
# Audio figures (issue 4), on the real binary and a paced ALSA capture
# (TESTING.md):
#   1. cue onset error: `knead sound` plays all 19 cues through PortAudio
#      into ALSA's file plugin and the FIFO pacer; each onset found in the
#      capture minus its deadline (the pacer's pipe adds 21.3 ms that ALSA's
#      null device cannot report, shown apart);
#   2. render time of a 28.5-minute routine to WAV, FLAC, OGG and MP3;
#   3. idle cost with sound on during a 90 s hold (plain mode, voice on):
#      CPU ms a minute and wakeups a second of the whole process over
#      BENCH_HOLD_S seconds, and the same with --no-sound.
. "$(dirname "$0")/../lib.sh"
: "${BENCH_HOLD_S:=60}"
B=${B:-build}
H=$KNEAD_HELPERS
PACE=$H/helper_fifopace
ONSETS=$H/helper_onsets
PIPE_MS=21.3
pace=""
if [ ! -x "$PACE" ] || [ ! -x "$ONSETS" ]; then
	echo "audio bench: build $PACE and $ONSETS first (make test)" >&2
	exit 1
fi
trap '[ -n "$pace" ] && kill "$pace" 2>/dev/null; rm -rf "$TMP"' EXIT
# run.sh stops a benchmark that overruns with SIGTERM: dash runs the EXIT
# trap only when the script exits, so the signals exit through it.
trap 'exit 143' TERM
trap 'exit 130' INT

row() { printf '| %s | %s | %s |\n' "$1" "$2" "$3"; }
cat >"$TMP/asound.conf" <<CONF
pcm.null { type null }
pcm.!default { type file; slave.pcm "null"; file "$TMP/fifo"; format "raw" }
CONF
start_pacer() {
	rm -f "$TMP/fifo" "$TMP/t0"; mkfifo "$TMP/fifo"
	"$PACE" "$TMP/fifo" "$TMP/cap.raw" 4 48000 "$TMP/t0" &
	pace=$!
	i=0
	while [ ! -s "$TMP/t0" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
}
stop_pacer() { kill "$pace"; wait "$pace" 2>/dev/null; pace=""; }

echo "## knead audio ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores)"
echo
row "measure" "value" "note"
row "---" "---:" "---"

# 1. Onset error.
start_pacer
ALSA_CONFIG_PATH="$TMP/asound.conf" "$KNEAD" sound --no-voice \
    --log "$TMP/sound.log" >/dev/null 2>&1
sleep 0.3; stop_pacer
"$ONSETS" "$TMP/cap.raw" 48000 2 s16 >"$TMP/on"
awk -v t0="$(cat "$TMP/t0")" 'BEGIN { n = 0 }
    FILENAME == ARGV[1] { t[n++] = $1; next }
    { w = ($1 - t0) / 1e6; for (i = 0; i < n; i++) if (t[i] >= w - 5) { print t[i] - w; break } }' \
    "$TMP/on" "$TMP/sound.log" | sort -n >"$TMP/err"
stats=$(awk -v p=$PIPE_MS '{ v[NR] = $1; s += $1 } END {
    printf "%.1f / %.1f / %.1f|%.1f / %.1f / %.1f|%d", v[1], v[int((NR + 1) / 2)], v[NR],
        v[1] - p, v[int((NR + 1) / 2)] - p, v[NR] - p, NR }' "$TMP/err")
row "cue onset after deadline, min / median / max (ms)" "$(echo "$stats" | cut -d'|' -f1)" \
    "$(echo "$stats" | cut -d'|' -f3) cues, stream stopped and restarted for each"
row "same without the test pipe's 21.3 ms (ms)" "$(echo "$stats" | cut -d'|' -f2)" \
    "what knead itself adds; target within 20 ms"

# 2. Render of a long routine.
{
	printf 'knead: 1\nid: bench-thirty\ntitle: "Render benchmark"\n'
	printf 'intensity: gentle\ncues:\n  voice: true\nsteps:\n'
	printf '  - position: "Lie down with the roller under your calves."\n    time: 10s\n'
	# A different spot each round: the validator refuses more than 3
	# holds or 180 s of pressure on one spot in a session.
	for round in calves:upper-trapezius quadriceps:infraspinatus \
	    adductors:rhomboids calves:gluteus-medius quadriceps:levator-scapulae; do
		roll=${round%%:*} spot=${round#*:}
		printf '  - roll:\n      area: %s\n      side: both\n      tool: foam-roller\n' "$roll"
		printf '      time: 60s\n      pass: 3s\n      say: "Roll slowly from the ankle to the knee."\n'
		printf '  - stretch:\n      area: hamstrings\n      time: 60s\n      say: "Keep the knee straight."\n'
		printf '  - breathe:\n      time: 60s\n'
		printf '  - press:\n      area: %s\n      side: both\n      tool: tennis-ball\n' "$spot"
		printf '      time: 45s\n      breathe: 6\n      say: "Lean into the ball until it aches a little."\n'
	done
} >"$TMP/long.yaml"
for ext in wav flac ogg mp3; do
	s=$("$KNEAD" render "$TMP/long.yaml" -o "$TMP/long.$ext" 2>/dev/null |
	    sed -n 's/.*(rendered in \([0-9.]*\) s).*/\1/p')
	len=$("$KNEAD" show "$TMP/long.yaml" 2>/dev/null | sed -n 's/.*, \([0-9:]*\) in all.*/\1/p')
	row "render a $len routine to .$ext (s)" "$s" \
	    "voice and cues, $(du -h "$TMP/long.$ext" | cut -f1)"
done

# 3. Idle cost in a long hold.
cat >"$TMP/hold.yaml" <<'YAML'
knead: 1
id: bench-audio-hold
title: "Bench: one 90 s hold"
intensity: gentle
cues:
  voice: true
  countdown: 3
  halfway: true
steps:
  - press:
      area: hamstrings
      side: left
      tool: tennis-ball
      time: 90s
      say: "Let the calf sink onto the ball."
YAML
cpuns() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ n += $1 } END { print n + 0 }'; }
sw() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { n += $2 } END { print n + 0 }'; }
hold() { # label knead-options...
	label=$1; shift
	# stdin: a FIFO the shell holds open, so plain mode waits on it.
	rm -f "$TMP/in"; mkfifo "$TMP/in"; exec 7<>"$TMP/in"
	# A fresh store each time: the same area again would be refused.
	rm -f "$TMP/h.db"
	ALSA_CONFIG_PATH="$TMP/asound.conf" "$KNEAD" run --plain "$@" \
	    --db "$TMP/h.db" "$TMP/hold.yaml" <"$TMP/in" >/dev/null 2>&1 &
	kp=$!
	sleep 8
	c0=$(cpuns "$kp"); w0=$(sw "$kp")
	sleep "$BENCH_HOLD_S"
	c1=$(cpuns "$kp"); w1=$(sw "$kp")
	if [ ! -d "/proc/$kp" ]; then
		row "$label: hold" "n/a" "knead ended before the window did"
		return
	fi
	kill "$kp" 2>/dev/null; wait "$kp" 2>/dev/null; exec 7>&-
	row "$label: CPU in a hold (ms/min)" \
	    "$(awk -v a="$c0" -v b="$c1" -v s="$BENCH_HOLD_S" 'BEGIN { printf "%.2f", (b - a) / 1e6 * 60 / s }')" \
	    "whole process, ${BENCH_HOLD_S} s window with the halfway chime; target < 15"
	row "$label: wakeups in a hold (/s)" \
	    "$(awk -v a="$w0" -v b="$w1" -v s="$BENCH_HOLD_S" 'BEGIN { printf "%.2f", (b - a) / s }')" \
	    "context switches of all threads; target about 2"
}
start_pacer
hold "sound on" 
stop_pacer
hold "--no-sound" --no-sound
