#!/bin/sh
# knead render: decode the written file and check it against the plan.
# Every cue of the schedule must start within 3 ms of its plan offset with
# the pitch of its sound file, spoken lines must be there and never
# overlap, the length must be the plan's, bad requests get the right exit
# codes.
. "$(dirname "$0")/../lib.sh"
H=$KNEAD_HELPERS
ONSETS=$H/helper_onsets
R=desk-break

if [ ! -x "$ONSETS" ]; then
	fail "render: $ONSETS not built"; exit 1
fi

# Pitch of each cue's sound file (first onset), for comparison.
for f in "$KNEAD_TOP"/sounds/*.wav; do
	echo "$(basename "$f" .wav) $("$ONSETS" "$f" | head -n 1 | cut -d' ' -f2)"
done >"$TMP/pitch"

# The cue files are what sounds/gen.c makes (byte for byte: its noise is
# seeded), one per cue, and no two sound alike to a first listen: each
# pair differs in pitch (8 %), number of strokes, or length (x1.4).
if ${CC:-cc} -std=c11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -o "$TMP/gen" \
    "$KNEAD_TOP/sounds/gen.c" $(pkg-config --cflags --libs sndfile) -lm; then
	mkdir "$TMP/gen.out"
	"$TMP/gen" "$TMP/gen.out" >/dev/null
	nd=0; nf=0
	for f in "$KNEAD_TOP"/sounds/*.wav; do
		nf=$((nf + 1))
		cmp -s "$f" "$TMP/gen.out/$(basename "$f")" || nd=$((nd + 1))
	done
	[ "$nd" -eq 0 ] && [ "$nf" -eq "$(ls "$TMP/gen.out" | wc -l)" ] &&
	    pass "sounds: gen.c remakes all $nf cue files exactly" ||
	    fail "sounds: $nd of $nf cue files differ from what gen.c makes"
else
	fail "sounds: gen.c does not build"
fi
for f in "$KNEAD_TOP"/sounds/*.wav; do
	echo "$(basename "$f" .wav) $("$ONSETS" "$f" | awk 'NR == 1 { p = $2 } END { print p, NR }') $(soxi -D "$f")"
done >"$TMP/sig"
same=$(awk '{ n[NR] = $1; p[NR] = $2; k[NR] = $3; d[NR] = $4 }
    END { for (i = 1; i <= NR; i++) for (j = i + 1; j <= NR; j++) {
	dp = p[i] > p[j] ? p[i] / p[j] : p[j] / p[i]
	dd = d[i] > d[j] ? d[i] / d[j] : d[j] / d[i]
	if (dp < 1.08 && k[i] == k[j] && dd < 1.4) print n[i] "~" n[j] } }' "$TMP/sig")
[ "$(wc -l <"$TMP/sig")" -eq 19 ] && [ -z "$same" ] &&
    pass "sounds: the 19 cues are told apart by pitch, strokes or length" ||
    fail "sounds: cues alike: $same"

check_exit 0 "render: $R to WAV without voice" \
    "$KNEAD" render "$R" --no-voice -o "$TMP/nv.wav" --schedule "$TMP/nv.sched"
"$ONSETS" "$TMP/nv.wav" >"$TMP/nv.on"

# Match each scheduled cue with the first onset at or after it (-1 ms).
match() { # schedule onsets -> "name want got err pitch wantpitch" lines
	awk 'BEGIN { n = 0 }
	     FILENAME == ARGV[1] { p[$1] = $2; next }
	     FILENAME == ARGV[2] { t[n] = $1; f[n] = $2; n++; next }
	     $2 == "cue" { w = $1; g = -1
		for (i = 0; i < n; i++) if (t[i] >= w - 1) { g = t[i]; gf = f[i]; break }
		printf "%s %.2f %.2f %.2f %s %s\n", $3, w, g, g - w, gf, p[$3] }' \
	    "$TMP/pitch" "$2" "$1"
}
match "$TMP/nv.sched" "$TMP/nv.on" >"$TMP/nv.match"
n=$(wc -l <"$TMP/nv.match")
bad=$(awk '$4 < -1 || $4 > 3' "$TMP/nv.match")
if [ "$n" -gt 50 ] && [ -z "$bad" ]; then
	pass "render: all $n cues start within 3 ms of the plan"
else
	fail "render: cue onsets off the plan ($n cues)"; echo "$bad" | head
fi
# Pitch: the onset's strongest frequency is the cue file's (within 4 %).
bad=$(awk '{ d = $5 - $6; if (d < 0) d = -d; if (d > $6 * 0.04) print }' "$TMP/nv.match")
if [ -z "$bad" ]; then pass "render: every cue has the pitch of its sound"
else fail "render: cue pitch differs"; echo "$bad" | head; fi
# The schedule follows `knead show`: step starts at the plan's offsets.
"$KNEAD" show "$R" >"$TMP/show"
want=$(awk '$1 ~ /^[0-9]+$/ && $2 ~ /:/ { split($2, a, ":"); print (a[1] * 60 + a[2]) * 1000 }' "$TMP/show" | sort -n | uniq | wc -l)
got=$(awk '$2 == "cue" && $3 != "tick" && $3 != "pass" && $3 != "halfway" && $3 != "inhale" && $3 != "exhale" && $3 != "session-end" { print $1 }' "$TMP/nv.sched" | sort -n | uniq | wc -l)
if [ "$want" -eq "$got" ]; then pass "render: one start cue per plan step ($got)"
else fail "render: $got start cues for $want plan steps"; fi
# Length: the plan's total plus the closing bell and a second.
total=$(sed -n 's/.*, \([0-9:]*\) in all.*/\1/p' "$TMP/show")
dur=$(soxi -D "$TMP/nv.wav" 2>/dev/null)
if awk -v t="$total" -v d="$dur" 'BEGIN { split(t, a, ":"); s = a[1] * 60 + a[2]; exit !(d >= s + 1 && d <= s + 4) }'; then
	pass "render: length $dur s for a $total plan"
else fail "render: length $dur s for a $total plan"; fi

# With voice: lines present, in order, never overlapping, audible.
check_exit 0 "render: $R to FLAC with voice" \
    "$KNEAD" render "$R" -o "$TMP/v.flac" --schedule "$TMP/v.sched"
nl=$(grep -c ' say ' "$TMP/v.sched")
if [ "$nl" -ge 20 ]; then pass "render: $nl spoken lines"
else fail "render: only $nl spoken lines"; fi
bad=$(awk '$2 == "say" { if (end != "" && $1 < end + 150) print; end = $1 + $3 }' "$TMP/v.sched")
if [ -z "$bad" ]; then pass "render: spoken lines never overlap"
else fail "render: overlapping lines"; echo "$bad" | head -n 3; fi
grep -q 'say .* Press\. Upper trapezius, left side' "$TMP/v.sched" &&
    pass "render: says the kind, area and side" ||
    fail "render: no 'Press. Upper trapezius, left side' line"
# Speech is heard: the second after each line's start is louder than
# -40 dBFS RMS, and cues still start on time under speech.
# (Measured on the FLAC decoded once: sox decodes a FLAC from its start for
# every trim, 1.3 s a line.)
"$ONSETS" "$TMP/v.flac" >"$TMP/v.on"
sox "$TMP/v.flac" "$TMP/v.wav" 2>/dev/null || fail "render: the FLAC does not decode"
quiet=0
for at in $(awk '$2 == "say" { print $1 / 1000 }' "$TMP/v.sched" | head -n 12); do
	rms=$(sox "$TMP/v.wav" -n trim "$at" 1 stat 2>&1 | awk '/RMS *amplitude/ { print $3 }')
	awk -v r="$rms" 'BEGIN { exit !(r > 0.01) }' || quiet=$((quiet + 1))
done
if [ "$quiet" -eq 0 ]; then pass "render: speech audible where the plan speaks"
else fail "render: $quiet spoken lines silent"; fi
# A cue under speech makes no clear onset. There the cue alone (from the
# --no-voice render, whose timeline starts without the screening lead) is
# projected on the mix: its gain is 1 when it is there on time
# (tests/helpers/cuecheck.py; speech does not correlate with it).
match "$TMP/v.sched" "$TMP/v.on" >"$TMP/v.match"
awk '$4 < -1 || $4 > 3 { print $2 }' "$TMP/v.match" >"$TMP/v.under"
nu=$(wc -l <"$TMP/v.under")
lead=$(awk '$2 == "step" && $3 == 1 { print $1; exit }' "$TMP/v.sched")
if [ "$nu" -eq 0 ]; then
	pass "render: no cue under speech to check"
elif python3 "$KNEAD_TOP/tests/helpers/cuecheck.py" "$TMP/v.wav" "$TMP/nv.wav" \
    "$lead" $(cat "$TMP/v.under") >"$TMP/v.gain"; then
	pass "render: cues under speech are mixed in on time ($nu, gains $(awk '{ print $2 }' "$TMP/v.gain" | sort -n | sed -n '1p;$p' | tr '\n' ' ')within 0.8..1.2)"
else fail "render: cues under speech missing or late:"; sed 's/^/    /' "$TMP/v.gain"; fi

# Formats, speed, errors.
check_exit 0 "render: OGG" "$KNEAD" render "$R" --no-voice -o "$TMP/nv.ogg"
soxi "$TMP/nv.ogg" 2>/dev/null | grep -q 'Vorbis' && pass "render: OGG is Vorbis" ||
    fail "render: OGG not Vorbis"
# A long OGG (5:50, written by libsndfile's Vorbis encoder at 24 kHz)
# decodes whole, to the sample half as long as the 48 kHz WAV.
split_routine() {
	printf 'knead: 1\nid: render-split\ntitle: "Render: a long OGG"\n'
	printf 'intensity: gentle\ncues:\n  voice: true\nsteps:\n'
	printf '  - position: "Lie down with the roller under your calves."\n    time: 10s\n'
	printf '  - roll:\n      area: calves\n      side: both\n      tool: foam-roller\n'
	printf '      time: 60s\n      pass: 3s\n      say: "Roll slowly from the ankle to the knee."\n'
	printf '  - stretch:\n      area: hamstrings\n      time: 60s\n      say: "Keep the knee straight."\n'
	printf '  - breathe:\n      time: 60s\n'
	printf '  - press:\n      area: upper-trapezius\n      side: both\n      tool: tennis-ball\n'
	printf '      time: 45s\n      breathe: 6\n      say: "Lean into the ball until it aches a little."\n'
}
split_routine >"$TMP/split.yaml"
decoded() { sox "$1" -t s16 - 2>/dev/null | wc -c | awk '{ print $1 / 2 }'; }
for v in voice no-voice; do
	opt=""; [ "$v" = no-voice ] && opt=--no-voice
	"$KNEAD" render "$TMP/split.yaml" $opt -o "$TMP/split-$v.ogg" \
	    --schedule "$TMP/split-$v.sched" >/dev/null 2>&1
	"$KNEAD" render "$TMP/split.yaml" $opt -o "$TMP/split-$v.wav" >/dev/null 2>&1
	o=$(decoded "$TMP/split-$v.ogg"); w=$(soxi -s "$TMP/split-$v.wav" 2>/dev/null)
	if [ "$o" -gt 8000000 ] && [ $((o * 2)) -eq "$w" ] &&
	    [ "$(soxi -s "$TMP/split-$v.ogg")" -eq "$o" ]; then
		pass "render: a long OGG ($v) decodes whole, as long as the WAV ($o samples)"
	else fail "render: long OGG ($v) decodes to $o samples, WAV $w"; fi
done
# Onsets through libsndfile's decoder: every cue found is within 2 ms of
# its schedule line (Vorbis blurs a few soft onsets: 90 % must be found),
# the last one too. on_time ONSETS SCHEDULE -> "cues found last late".
on_time() {
	awk 'BEGIN { n = 0 }
	     FILENAME == ARGV[1] { t[n] = $1; n++; next }
	     $2 == "cue" { w = $1; g = -1
		for (i = 0; i < n; i++) if (t[i] >= w - 1) { g = t[i]; break }
		d = g - w; c++
		if (g >= 0 && d <= 2) { ok++; last = w }
		else if (g >= 0 && d <= 50) late = late " " w ":" d }
	     END { printf "%d %d %s%s\n", c, ok, last, late }' "$1" "$2"
}
endcue=$(awk '$2 == "cue" { w = $1 } END { print w }' "$TMP/split-no-voice.sched")
"$ONSETS" "$TMP/split-no-voice.ogg" >"$TMP/split.on"
read -r c ok last late <<EOF2
$(on_time "$TMP/split.on" "$TMP/split-no-voice.sched")
EOF2
if [ "$c" -gt 80 ] && [ $((ok * 10)) -ge $((c * 9)) ] && [ -z "$late" ] &&
    [ "$last" = "$endcue" ]; then
	pass "render: long OGG cues on time ($ok of $c found within 2 ms, the last one too)"
else fail "render: long OGG cues: $ok of $c, last $last of $endcue, late:$late"; fi
# MP3 through LAME inside libsndfile: an MPEG Layer III stream whose cues
# decode (libsndfile's mpg123) within 2 ms of the schedule.
check_exit 0 "render: MP3" "$KNEAD" render "$TMP/split.yaml" --no-voice \
    -o "$TMP/split.mp3"
magic=$(head -c 3 "$TMP/split.mp3" | od -An -tx1 | tr -d ' ')
case $magic in
494433*|fff[2-7a-f]*) pass "render: the .mp3 is an MPEG audio stream ($magic)" ;;
*) fail "render: the .mp3 starts with $magic" ;;
esac
"$ONSETS" "$TMP/split.mp3" >"$TMP/mp3.on"
read -r c ok last late <<EOF2
$(on_time "$TMP/mp3.on" "$TMP/split-no-voice.sched")
EOF2
if [ "$c" -gt 80 ] && [ $((ok * 10)) -ge $((c * 9)) ] && [ -z "$late" ] &&
    [ "$last" = "$endcue" ]; then
	pass "render: MP3 cues on time ($ok of $c found within 2 ms, the last one too)"
else fail "render: MP3 cues: $ok of $c, last $last of $endcue, late:$late"; fi
check_exit 64 "render: unknown extension is a usage error" \
    "$KNEAD" render "$R" -o "$TMP/x.aiff"
check_exit 64 "render: -o is required" "$KNEAD" render "$R"
check_exit 66 "render: unknown routine" "$KNEAD" render no-such-routine -o "$TMP/x.wav"
check_exit 74 "render: unwritable file" "$KNEAD" render "$R" -o "$TMP/no/dir/x.wav"
[ ! -e "$TMP/no/dir/x.wav" ] && pass "render: nothing left behind on failure" ||
    fail "render: partial file left"
# An existing file is replaced whole or not at all: through a symbolic
# link the link stays and its target gets the new sound; on a full disk
# (a 300 KB tmpfs) the old file stays as it was, with no temporary left.
printf 'old' >"$TMP/target.wav"; ln -s target.wav "$TMP/link.wav"
check_exit 0 "render: through a symbolic link" "$KNEAD" render "$R" \
    --no-voice -o "$TMP/link.wav"
[ -L "$TMP/link.wav" ] && [ "$(soxi -s "$TMP/target.wav" 2>/dev/null)" -gt 0 ] &&
    pass "render: the link stays and its target is the new file" ||
    fail "render: link or target wrong after rendering through a link"
mkdir "$TMP/full"
if mount -t tmpfs -o size=300k tmpfs "$TMP/full" 2>/dev/null; then
	printf 'old' >"$TMP/full/keep.wav"
	check_exit 74 "render: a full disk is an I/O error" "$KNEAD" render \
	    "$R" --no-voice -o "$TMP/full/keep.wav"
	[ "$(cat "$TMP/full/keep.wav")" = old ] &&
	    [ "$(ls "$TMP/full")" = keep.wav ] &&
	    pass "render: on a full disk the old file stays, no temporary left" ||
	    fail "render: after a full disk: $(ls "$TMP/full" | tr '\n' ' ')"
	grep -q 'No space left' "$TMP/err" &&
	    pass "render: says the disk is full" ||
	    { fail "render: full-disk message"; cat "$TMP/err"; }
	umount "$TMP/full"
else echo "SKIP: render on a full disk (mounting a tmpfs is not permitted)"; fi
check_exit 0 "render: --help" "$KNEAD" render --help
grep -q 'Exit codes' "$TMP/out" && pass "render: help lists exit codes" ||
    fail "render: help lacks exit codes"
# Volume 0 renders silence, at the same length.
check_exit 0 "render: volume 0" "$KNEAD" render "$R" --no-voice --volume 0 -o "$TMP/v0.wav"
max=$(sox "$TMP/v0.wav" -n stat 2>&1 | awk '/Maximum amplitude/ { print $3 }')
awk -v m="$max" 'BEGIN { exit !(m == 0) }' && pass "render: volume 0 is silent" ||
    fail "render: volume 0 max $max"
# A user's own sound replaces a cue (any format libsndfile reads).
mkdir -p "$XDG_CONFIG_HOME/knead/sounds"
sox -n -r 44100 -c 1 "$XDG_CONFIG_HOME/knead/sounds/tick.flac" synth 0.1 sine 3000 2>/dev/null
"$KNEAD" render "$R" --no-voice -o "$TMP/user.wav" --schedule "$TMP/user.sched" >/dev/null 2>&1
"$ONSETS" "$TMP/user.wav" >"$TMP/user.on"
echo "tick 3000" >>"$TMP/pitch"
f=$(match "$TMP/user.sched" "$TMP/user.on" | awk '$1 == "tick" { print $5; exit }')
if [ "$f" -ge 2900 ] 2>/dev/null && [ "$f" -le 3100 ]; then
	pass "render: user sound file replaces the tick ($f Hz)"
else fail "render: user tick not used ($f Hz)"; fi
rm -rf "$XDG_CONFIG_HOME/knead/sounds"
# Broken files among the user's sounds: a FIFO (opening it used to block
# for ever), a folder, a device, an empty file, garbage and a sound too
# long. Each is skipped with a warning naming it, the bundled cue is used,
# and nothing hangs.
U=$XDG_CONFIG_HOME/knead/sounds
mkdir -p "$U"
sed -i '/^tick 3000$/d' "$TMP/pitch"	# the bundled tick again
mkfifo "$U/switch.wav"
mkdir "$U/rest.wav"
ln -s /dev/zero "$U/halfway.wav"
: >"$U/press.wav"
head -c 50000 /dev/urandom >"$U/tick.wav"
sox -n -r 8000 -c 1 "$U/roll.flac" synth 70 sine 500 2>/dev/null
check_exit 0 "render: broken user sounds do not stop it" \
    timeout 20 "$KNEAD" render "$R" --no-voice -o "$TMP/broken.wav" \
    --schedule "$TMP/broken.sched"
nw=0
for f in switch.wav rest.wav halfway.wav press.wav tick.wav roll.flac; do
	grep -q "warning: $U/$f: .*(skipped)" "$TMP/err" && nw=$((nw + 1))
done
[ "$nw" -eq 6 ] && pass "render: each broken user sound is named" ||
    { fail "render: $nw of 6 broken sounds named"; cat "$TMP/err"; }
"$ONSETS" "$TMP/broken.wav" >"$TMP/broken.on"
bad=$(match "$TMP/broken.sched" "$TMP/broken.on" |
    awk '{ d = $5 - $6; if (d < 0) d = -d; if ($4 < -1 || $4 > 3 || d > $6 * 0.04) print }')
[ -z "$bad" ] && pass "render: the bundled cues stand in for them" ||
    { fail "render: cues wrong with broken user sounds"; echo "$bad" | head -n 5; }
rm -rf "$U"

# Routine cue settings: countdown, halfway and voice are honoured, and a
# language espeak-ng has no voice for is spoken in English with a warning.
cues_routine() { # countdown halfway voice lang
	cat <<YAML
knead: 1
id: render-cues
title: "Render: cue settings"
intensity: gentle
cues:
  countdown: $1
  halfway: $2
  voice: $3
  lang: $4
steps:
  - press:
      area: calves
      side: left
      tool: tennis-ball
      time: 40s
  - stretch:
      area: hamstrings
      time: 30s
YAML
}
cues_routine 5 false true xx >"$TMP/c1.yaml"
check_exit 0 "render: lang xx renders" "$KNEAD" render "$TMP/c1.yaml" \
    -o "$TMP/c1.wav" --schedule "$TMP/c1.sched"
grep -q "no voice for language 'xx': speaking en" "$TMP/err" &&
    pass "render: an unknown lang is said to fall back to English" ||
    fail "render: no warning for lang xx"
[ "$(grep -c ' say ' "$TMP/c1.sched")" -ge 3 ] &&
    pass "render: lang xx still speaks" || fail "render: lang xx silent"
[ "$(grep -c ' cue tick' "$TMP/c1.sched")" -eq 10 ] &&
    pass "render: countdown 5 gives 5 ticks a step" ||
    fail "render: $(grep -c ' cue tick' "$TMP/c1.sched") ticks for countdown 5"
! grep -q ' cue halfway' "$TMP/c1.sched" &&
    pass "render: halfway false has no chime" || fail "render: halfway chime played"
cues_routine 0 true false fr >"$TMP/c2.yaml"
check_exit 0 "render: countdown 0, voice false" "$KNEAD" render \
    "$TMP/c2.yaml" -o "$TMP/c2.ogg" --schedule "$TMP/c2.sched"
! grep -q ' cue tick' "$TMP/c2.sched" && pass "render: countdown 0 has no ticks" ||
    fail "render: ticks with countdown 0"
[ "$(grep -c ' cue halfway' "$TMP/c2.sched")" -eq 2 ] &&
    pass "render: halfway true chimes in both holds" ||
    fail "render: $(grep -c ' cue halfway' "$TMP/c2.sched") halfway chimes"
! grep -q ' say ' "$TMP/c2.sched" && pass "render: voice false speaks nothing" ||
    fail "render: spoke with voice false"
d=$(soxi -D "$TMP/c2.ogg" 2>/dev/null)
awk -v d="$d" 'BEGIN { exit !(d >= 71 && d <= 74) }' &&
    pass "render: OGG length $d s for a 70 s plan" ||
    fail "render: OGG length $d s for a 70 s plan"
# A short one: the same whole-file check.
"$KNEAD" render "$TMP/c2.yaml" -o "$TMP/c2.wav" >/dev/null 2>&1
o=$(sox "$TMP/c2.ogg" -t s16 - 2>/dev/null | wc -c | awk '{ print $1 / 2 }')
w=$(soxi -s "$TMP/c2.wav" 2>/dev/null)
[ "$o" -gt 0 ] && [ $((o * 2)) -eq "$w" ] &&
    pass "render: a short OGG decodes whole, as long as the WAV ($o samples)" ||
    fail "render: short OGG decodes to $o samples, WAV $w"
# knead's own words in the routine's language (cues.lang fr): the whole
# line is French, said by the French voice, and sounds where it is planned,
# about as long as its words (10 words at 155 a minute: 3 to 8 s).
cat >"$TMP/fr.yaml" <<'YAML'
knead: 1
id: render-fr
title: "Render: French words"
intensity: gentle
cues:
  lang: fr
steps:
  - press:
      area: upper-trapezius
      side: left
      tool: tennis-ball
      time: 40s
      say: "Penchez-vous sur la balle."
  - stretch:
      area: hamstrings
      time: 30s
YAML
check_exit 0 "render: a French routine renders" "$KNEAD" render \
    "$TMP/fr.yaml" -o "$TMP/fr.wav" --schedule "$TMP/fr.sched"
check_grep "render: French kind, area and side" \
    'say [0-9.]* [a-z]* Appuyez\. Trapèze supérieur, côté gauche\. Penchez-vous sur la balle\.$' \
    "$TMP/fr.sched"
check_grep "render: French ten seconds" 'say .* Encore dix secondes\.$' "$TMP/fr.sched"
check_grep "render: French area name" 'say .* Étirez\. Ischio-jambiers\.$' "$TMP/fr.sched"
! grep -E -q 'say .*(Press\.|left side|Ten seconds|Stretch|Hamstrings)' "$TMP/fr.sched" &&
    pass "render: no English words in the French lines" ||
    fail "render: English words in the French lines: $(grep ' say ' "$TMP/fr.sched")"
[ "$(grep -c ' say ' "$TMP/fr.sched")" -eq 4 ] && pass "render: four French lines" ||
    fail "render: $(grep -c ' say ' "$TMP/fr.sched") French lines, wanted 4"
quiet=0
for at in $(awk '$2 == "say" { print $1 / 1000 }' "$TMP/fr.sched"); do
	rms=$(sox "$TMP/fr.wav" -n trim "$at" 1 stat 2>&1 | awk '/RMS *amplitude/ { print $3 }')
	awk -v r="$rms" 'BEGIN { exit !(r > 0.01) }' || quiet=$((quiet + 1))
done
[ "$quiet" -eq 0 ] && pass "render: French speech audible where the plan speaks" ||
    fail "render: $quiet French lines silent"
len=$(awk '$2 == "say" { print $3; exit }' "$TMP/fr.sched")
awk -v l="$len" 'BEGIN { exit !(l >= 3000 && l <= 8000) }' &&
    pass "render: the first French line lasts $len ms" ||
    fail "render: the first French line lasts $len ms, wanted 3 to 8 s"

# Every bundled routine, with espeak-ng's voice (the issue of queued
# speech): the file is as long as the plan (after the screening questions,
# with the end bell and 1 s after it), within 50 ms; no spoken line runs
# past the next step boundary; every step starts with a cue on its
# boundary; and the plan is the one `knead show` prints.
# With the sanitizer build (make test sets KNEAD_SANITIZED), three whose
# steps hold every kind (position, press, roll, stretch, breathe, move,
# contract-relax, reps, both sides, a hold until release): those are the
# paths of knead's own code ASan watches, while the time of the other
# nineteen goes to espeak-ng's synthesis, a library it does not instrument.
# The unsanitized run renders all 22.
lib_routines() {
	if [ -n "${KNEAD_SANITIZED:-}" ]; then
		echo desk-neck-shoulders hamstrings phone-neck
	else
		for f in "$KNEAD_TOP"/routines/*.yaml; do basename "$f" .yaml; done
	fi
}
bell=$(soxi -D "$KNEAD_TOP/sounds/session-end.wav")
for id in $(lib_routines); do
	if ! "$KNEAD" render "$id" -o "$TMP/lib-$id.wav" \
	    --schedule "$TMP/lib-$id.sched" >"$TMP/lib-$id.out" 2>"$TMP/lib-$id.err"; then
		fail "render: $id does not render: $(head -n 3 "$TMP/lib-$id.err")"
		continue
	fi
	res=$(python3 "$KNEAD_TOP/tests/helpers/schedcheck.py" "$TMP/lib-$id.sched")
	case "$res" in
	*" crossing=0 startcue_off=0") pass "render: $id: every line inside its step, every step on its cue ($res)" ;;
	*) fail "render: $id: $res"; grep -v ' cue ' "$TMP/lib-$id.sched" | head -n 40 ;;
	esac
	first=$(awk '$2 == "step" { print $1; exit }' "$TMP/lib-$id.sched")
	end=$(awk '$2 == "end" { print $1 }' "$TMP/lib-$id.sched")
	len=$(soxi -D "$TMP/lib-$id.wav")
	awk -v l="$len" -v e="$end" -v b="$bell" \
	    'BEGIN { d = l - (e / 1000 + b + 1); exit !(d > -0.05 && d < 0.05) }' &&
	    pass "render: $id lasts its plan (${len} s: $first ms of questions, then $end ms)" ||
	    fail "render: $id lasts ${len} s, the plan ends at $end ms (+ bell $bell s + 1 s)"
	# The summary line states the file's whole length, as a player shows
	# it (whole seconds), and the session's length apart from the questions.
	whole=$(awk -v l="$len" 'BEGIN { s = int(l); printf "%d:%02d", s / 60, s % 60 }')
	grep -q ": $whole in all: " "$TMP/lib-$id.out" &&
	    pass "render: $id says the file lasts $whole in all" ||
	    fail "render: $id lasts $whole, it says: $(cat "$TMP/lib-$id.out")"
	show=$("$KNEAD" show "$id" 2>/dev/null | sed -n 's/.*steps, \([0-9:]*\) in all.*/\1/p')
	plan=$(awk -v a="$first" -v e="$end" 'BEGIN { s = int((e - a) / 1000 + 0.5); printf "%d:%02d", s / 60, s % 60 }')
	[ "$show" = "$plan" ] && pass "render: $id plan $plan as knead show says" ||
	    fail "render: $id renders a plan of $plan, knead show says $show"
	grep -q " $show session of " "$TMP/lib-$id.out" &&
	    pass "render: $id names the session's $show beside the whole file" ||
	    fail "render: $id's summary does not name its $show session: $(cat "$TMP/lib-$id.out")"
done
# --schedule - writes the timeline to stdout, the summary to stderr.
"$KNEAD" render hamstrings -o "$TMP/h.wav" --schedule - >"$TMP/h.out" 2>"$TMP/h.err"
# (hamstrings asks its screening questions first since it has them.)
grep -q '^[0-9.]* step 1 position$' "$TMP/h.out" && grep -q ' end$' "$TMP/h.out" &&
    grep -q 'spoken lines' "$TMP/h.err" && ! grep -q 'spoken lines' "$TMP/h.out" &&
    pass "render: --schedule - writes the timeline to stdout" ||
    fail "render: --schedule - wrote: $(head -n 2 "$TMP/h.out")"
# A recording says what a session says before its clock starts: the
# summary and the therapist's note (heel-homework's: stop if the pain is
# sharp), then the safety questions (the note was never heard).
"$KNEAD" render heel-homework -o "$TMP/hh.wav" --schedule - >"$TMP/hh.out" 2>"$TMP/hh.err"
head -n 1 "$TMP/hh.out" | grep -q '^0.000 say [0-9.]* preamble An example of therapist homework.* Note from Example Physio, PT: .*sharp' &&
    pass "render: the homework's summary and note are said first" ||
    fail "render: the first line is not the preamble: $(head -n 1 "$TMP/hh.out")"
[ "$(grep -c ' preamble ' "$TMP/hh.out")" = 1 ] && sed -n 2p "$TMP/hh.out" |
    grep -q ' screen Before you start' &&
    pass "render: then the safety questions" ||
    fail "render: no safety questions after the preamble: $(sed -n 2p "$TMP/hh.out")"
check_grep "render: the summary line names what is said before the session" \
    "said before the session (summary, notes, safety questions), then a 10:09 session" "$TMP/hh.err"

# The user's safety notes a run tells (a routine that lies them on their
# back with no pregnancy question, a danger site named unguarded) are said
# too, after the summary, in the routine's language: a listener has no
# first page to read them on.
cat >"$TMP/supine.yaml" <<'EOF2'
knead: 1
id: supine-notes
title: Supine notes
summary: Calves on the ball.
cues: {lang: de}
screen:
  - {ask: "Ist eine Wade neu geschwollen, warm, gerötet oder schwer, ohne Stoß oder Lauf als Erklärung?", if-yes: urgent}
  - {ask: "Nehmen Sie Blutverdünner, oder bekommen Sie leicht blaue Flecken?", if-yes: clinician}
steps:
  - position: "Legen Sie sich auf den Rücken."
  - press: {area: calves, side: left, tool: tennis-ball, time: 30s, say: "Bis behind the knee."}
EOF2
"$KNEAD" render "$TMP/supine.yaml" -o "$TMP/sup.wav" --schedule - >"$TMP/sup.out" 2>"$TMP/sup.err"
pre=$(grep ' preamble ' "$TMP/sup.out")
case $pre in
*"Calves on the ball. Hinweis"*"Rücken"*"Kniekehle"*) pass "render: the safety notes are said after the summary, in the routine's language" ;;
*) fail "render: the preamble lacks the safety notes in German: $pre $(cat "$TMP/sup.err")" ;;
esac

# Between the sides of a step whose set-up moves (a strap or towel to the
# other foot, the other forearm on the door frame), the listener is told
# how before the right side starts: "Switch sides." alone leaves them with
# the strap on the wrong foot. told ID LEFT WANT: the spoken line just
# before the first right side after the line matching LEFT matches WANT.
told() {
	"$KNEAD" render "$1" -o "$TMP/told.wav" --schedule - 2>/dev/null |
	    awk -v l="$2" '$2 != "say" { next }
		{ t = $0; sub(/^[0-9.]* say [0-9.]* [a-z]* /, "", t) }
		!seen && t ~ l { seen = 1 }
		seen && t ~ /[Rr]ight side/ { print prev; exit }
		{ prev = t }' >"$TMP/told"
	grep -q "$3" "$TMP/told" &&
	    pass "render: $1 says how to switch sides: $(cut -c1-60 "$TMP/told")..." ||
	    fail "render: $1: before the right side only: $(cat "$TMP/told")"
}
told hamstrings "^Contract\\. Hamstrings, left side" "strap.*right foot"
told heel-homework "^Stretch\\. Calves, left side" "towel.*right foot"
told pec-minor-wall "^Contract\\. Pectoralis major, left side" "right forearm"

# An until-release hold in a recording: no key can end it, so nothing said
# asks for one, in any language (the live session's words say Enter); the
# listener hears what to do when it softens and how long the hold lasts.
for id in $(grep -l 'until: release' "$KNEAD_TOP"/routines/*.yaml); do
	id=$(basename "$id" .yaml)
	"$KNEAD" render "$id" -o "$TMP/ur.wav" --schedule - 2>/dev/null |
	    grep ' say ' >"$TMP/ur.say"
	grep 'Enter' "$TMP/ur.say" >"$TMP/ur.bad"
	[ ! -s "$TMP/ur.bad" ] && grep -q 'Hold until it softens, then ease off: the next step starts in [0-9]* seconds\.' "$TMP/ur.say" &&
	    pass "render: $id: an until-release hold is said for a listener, no key named" ||
	    fail "render: $id: $(cut -c1-160 "$TMP/ur.bad" "$TMP/ur.say" | grep -m 1 'Enter\|soften')"
done
for l in de es fr; do
	case $l in
	de) want='der nächste Schritt beginnt in 45 Sekunden' ;;
	es) want='el siguiente paso empieza en 45 segundos' ;;
	fr) want="l'étape suivante commence dans 45 secondes" ;;
	esac
	"$KNEAD" render desk-neck-shoulders --lang $l -o "$TMP/ur.wav" --schedule - 2>/dev/null |
	    grep ' say ' >"$TMP/ur.say"
	! grep -qi 'enter\|eingabe\|entrée\|intro' "$TMP/ur.say" &&
	    grep -q "$want" "$TMP/ur.say" &&
	    pass "render --lang $l: the until-release hold names no key" ||
	    fail "render --lang $l: $(grep -i -m 1 'enter\|eingabe\|entrée\|intro' "$TMP/ur.say" | cut -c1-200)"
done

# Voice over cues is limited, never clipped.
clip=$(sox "$TMP/lib-desk-neck-shoulders.wav" -n stats 2>&1 | awk '/Pk lev dB/ { print $4 }')
awk -v p="$clip" 'BEGIN { exit !(p < 0) }' &&
    pass "render: desk-neck-shoulders peaks at $clip dBFS, below full scale" ||
    fail "render: desk-neck-shoulders peaks at $clip dBFS (clipped)"

# A long render stopped by a signal leaves no temporary file beside the
# target (a 3 h FLAC takes about 4 s); a WAV past its 4 GiB sizes is
# refused before a byte is written.
long_routine() { # hours id
	printf 'knead: 1\nid: %s\ntitle: "Long"\nintensity: gentle\nsteps:\n' "$2"
	i=0; while [ $i -lt $(($1 * 6)) ]; do echo "  - rest: 10m"; i=$((i + 1)); done
	printf '  - stretch:\n      area: calves\n      side: left\n      time: 10s\n'
}
mkdir -p "$TMP/sigdir"
long_routine 3 e2e-three >"$TMP/three.yaml"
for sig in INT TERM HUP; do
	# (A script's background job starts with INT ignored.)
	env --default-signal=INT "$KNEAD" render "$TMP/three.yaml" \
	    --no-voice -o "$TMP/sigdir/t.flac" >/dev/null 2>&1 &
	pid=$!
	sleep 1
	kill -$sig $pid 2>/dev/null
	wait $pid
	rc=$?
	left=$(ls -A "$TMP/sigdir")
	[ -z "$left" ] && [ $rc -gt 128 ] &&
	    pass "render: SIG$sig mid-file leaves nothing behind (exit $rc)" ||
	    fail "render: SIG$sig mid-file: exit $rc, left: $left"
	rm -f "$TMP/sigdir/"*
done
# Under nohup (HUP ignored) it goes on to the end.
nohup "$KNEAD" render "$TMP/three.yaml" --no-voice -o "$TMP/sigdir/n.flac" \
    >/dev/null 2>&1 &
pid=$!
sleep 1
kill -HUP $pid 2>/dev/null
wait $pid
rc=$?
[ $rc -eq 0 ] && [ "$(ls -A "$TMP/sigdir")" = n.flac ] &&
    pass "render: under nohup a HUP is ignored, the file is written" ||
    fail "render: under nohup, HUP: exit $rc, $(ls -A "$TMP/sigdir")"
rm -f "$TMP/sigdir/"*
long_routine 13 e2e-thirteen >"$TMP/thirteen.yaml"
check_exit 74 "render: 13 h into a WAV is refused (74)" \
    "$KNEAD" render "$TMP/thirteen.yaml" --no-voice -o "$TMP/sigdir/l.wav"
check_grep "render: it says why and what to use" \
    "a WAV file holds at most 12.4 hours of this; use .flac, .ogg or .mp3" \
    "$TMP/err"
[ -z "$(ls -A "$TMP/sigdir")" ] && pass "render: nothing written for it" ||
    fail "render: the refused WAV left $(ls -A "$TMP/sigdir")"
exit 0
