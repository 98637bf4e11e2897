#!/bin/sh
# --plain through a pipe (issue 3): a line per step, countdown lines, prompts
# answered on stdin, the same event log as the full screen; usage errors and
# the refusal to start the full screen without a terminal.
# Three parts (tests/run-tests.sh runs them in different lanes): "timed", the
# first session, whose step starts are timed against the plan, with
# nothing else running; "rest" and "rest2", the others (messages, exits,
# the store), beside the other suites. Run by hand, all.
. "$(dirname "$0")/../lib.sh"

cat >"$TMP/short.yaml" <<'YAML'
knead: 1
id: e2e-short
title: "Test: épaule → court"
intensity: gentle
steps:
  - position: "Stand with your back to a wall."
    time: 3s
  - press:
      area: upper-trapezius
      side: both
      tool: tennis-ball
      time: 10s
      pressure: 3
      say: "Lean into the ball."
      check: pain
  - rest: 2s
YAML
cat >"$TMP/screened.yaml" <<'YAML'
knead: 1
id: e2e-screened
title: "Screened"
intensity: gentle
screen:
  - "Any numbness or tingling in your arm right now?"
steps:
  - position: "Sit down."
    time: 2s
YAML

wait_out() { # PATTERN FILE: until FILE has PATTERN (30 s at most)
	i=0
	while ! grep -q -- "$1" "$2" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.1; i=$((i + 1))
	done
}

timed_part() {
LOG=$TMP/plain.log
OUT=$TMP/plain.out
stall_watch_start
printf '3\nx\n' | $KNEAD run --plain --no-sound --db "$TMP/h.db" \
    --log "$LOG" "$TMP/short.yaml" >"$OUT" 2>"$TMP/plain.err" | cat
rc=$?
stall_watch_stop
check "plain run through a pipe exits 0" [ "$rc" -eq 0 ]
check_grep "a line when a step starts (kind, area, side, tool, time, text)" \
    "^\[2/5\] PRESS upper trapezius, left side with tennis ball at pressure 3/10, 0:10: Lean into the ball." "$OUT"
check_grep "UTF-8 text passes through" "Test: épaule → court" "$OUT"
check_grep "side switch announced" "^\[3/5\] SWITCH SIDES to the right side" "$OUT"
check_grep "3-2-1 countdown lines" "^  1$" "$OUT"
check_grep "pain prompt answered from stdin" "to 10: 3$" "$OUT"
check_grep "pain x (10, as --help says) skips the rest of that area and says why" \
    "Pain 8 or more" "$OUT"
check_grep "completed" "^Session completed: " "$OUT"
check_grep "summary with time per area and pain" "upper trapezius, left side .*0:10, pain 3" "$OUT"
check_grep "event log: cue lines" " cue 1 press due=[0-9]*$" "$LOG"
check_grep "event log: pain" " pain 3 10$" "$LOG"
if grep -q "soreness where you worked is normal" "$OUT"; then
	fail "after pain 8 or more, no 'some soreness is normal'"
else pass "after pain 8 or more, no 'some soreness is normal'"; fi
check_grep "after pain 8 or more, the bruise and doctor lines stay" \
    "See a doctor if it is still getting worse" "$OUT"
check_grep "... after their own first line, which does not reassure" \
    "^Aftercare: watch every area you worked over the next days.$" "$OUT"
check_grep "event log: session-end completed" " session-end 4 completed$" "$LOG"
if grep -q "$(printf '\033')" "$OUT"; then fail "no escape sequences in --plain output"
else pass "no escape sequences in --plain output"; fi

# Every step starts within 10 ms of its deadline, and the two before the
# first pain prompt on their plan offsets too. A prompt shifts the steps
# after it by the time it took, even with the rating typed ahead: the
# step is committed to the store first (a crash at the prompt keeps the
# work), and that fsync took 14 ms in a CI run under ASan (1.3-1.6 ms on
# a quiet disk), so later steps are held to their own deadlines. make
# test runs this part with only the other timed ones beside it (a CI run
# beside CPU-bound suites saw 6.3 ms once); the boundary error itself is
# measured by make bench (docs/benchmarks.md). A step start the machine
# itself held up is listed, not judged (check_step_starts, tests/lib.sh).
check_step_starts "$LOG" 10 5 5 "plain"
n=$(grep -c ' cue [0-9]* session-end due=[0-9]*$' "$LOG")
check "a normal end has the session-end cue once (got $n)" [ "$n" -eq 1 ]
}
# Run in the timed part's lane, which ends well before the others: 16 s
# of a hold's waiting that no other check there needs to wait for.
reps_part() {
	# A screen reader reads what the screen shows and the voice rings: the
	# halfway chime is a line, and reps of one stretch are told apart.
	cat >"$TMP/reps.yaml" <<'YAML'
knead: 1
id: e2e-reps
title: "Reps"
intensity: gentle
steps:
  - press: {area: calves, side: left, tool: tennis-ball, time: 30s, pressure: 3}
  - stretch: {area: calves, side: left, time: 10s, reps: 2}
YAML
	rm -f "$TMP/reps.log"
	(i=0; while ! grep -q ' step-start ' "$TMP/reps.log" 2>/dev/null &&
	    [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	    sleep 16; for k in 1 2 3; do echo n; sleep 0.5; done
	    printf 'q\ny\n') | $KNEAD run --plain --no-sound --db "$TMP/hr.db" \
	    --log "$TMP/reps.log" "$TMP/reps.yaml" >"$TMP/reps.out" 2>&1
	check_grep "--plain: the halfway chime is a line" "^  halfway$" "$TMP/reps.out"
	check_grep "--plain: a stretch's first rep says so" \
	    "STRETCH calves, left side (rep 1/2), 0:10" "$TMP/reps.out"
	check_grep "--plain: and its second" \
	    "STRETCH calves, left side (rep 2/2), 0:10" "$TMP/reps.out"
}
in_part timed && timed_part
in_part timed && reps_part
# The rest in two parts, "rest" and "rest2", each about a minute of
# sessions that mostly wait: make test runs them in two lanes.
if in_part rest; then

# ! stops at once: outcome halted and the safety note.
printf '!\n' | $KNEAD run --plain --no-sound --db "$TMP/h2.db" \
    --log "$TMP/halt.log" "$TMP/short.yaml" >"$TMP/halt.out" 2>&1
check "! exits 0" [ $? -eq 0 ]
check_grep "! ends the session halted" "^Session halted: " "$TMP/halt.out"
check_grep "! shows the safety note" "numbness or tingling" "$TMP/halt.out"
check_grep "event log: session-end halted" " session-end 0 halted$" "$TMP/halt.log"
# Pressed at once, in the position step before any work: it marks the area
# that step leads into (the user lies on the ball for it), with its side;
# it held nothing. The summary says so, status and history agree.
check_grep "! in a position step: the summary names the area it marks" \
    "^Stopped during the position step; marked to rest: upper trapezius, left side (recorded in your history).$" \
    "$TMP/halt.out"
$KNEAD status --db "$TMP/h2.db" >"$TMP/halt.st" 2>&1
check_grep "! in a position step: status holds that area, halted for pain" \
    "upper trapezius (left) .*halted for pain (!)" "$TMP/halt.st"
$KNEAD history --db "$TMP/h2.db" >"$TMP/halt.hist" 2>&1
check_grep "! in a position step: history names that area" \
    "halted for pain (!) on upper trapezius (left)" "$TMP/halt.hist"
# An override over that halt asks first whether it is gone: "yes" (still
# there) refuses the run, exit 75, and says why and what is left to do.
printf 'y\n' | $KNEAD run --plain --no-sound --db "$TMP/h2.db" \
    "$TMP/short.yaml" --override "tight after a meeting" >"$TMP/ov.out" \
    2>"$TMP/ov.err"
check "an override over a halt, pain still there: exit 75" [ $? -eq 75 ]
check_grep "the override's first question: is it still there" \
    "upper trapezius (left) was stopped for pain, numbness or tingling. Is any of it still there?" \
    "$TMP/ov.out"
check_grep "still there: the override is not taken, and why" \
    "and it is not gone (or was not answered): the override is not taken" \
    "$TMP/ov.err"

# b restarts a hold while the spot stays within 3 holds a session; a
# fourth is refused, says why, and the hold goes on (DOMAIN.md:
# holds_per_point_max = 3).
cat >"$TMP/back.yaml" <<'YAML'
knead: 1
id: e2e-back
title: "Back key"
intensity: gentle
steps:
  - press: {area: calves, side: left, tool: tennis-ball, time: 40s, pressure: 3}
YAML
# Timed from the step's start in the event log (an ASan build on a loaded
# machine takes seconds to start), each run past b's 3 s grace.
rm -f "$TMP/back.log"
(i=0; while ! grep -q ' step-start ' "$TMP/back.log" 2>/dev/null &&
    [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
    sleep 4.5; echo b; sleep 4.5; echo b; sleep 4.5; echo b; sleep 0.5
    printf 'q\ny\n') | $KNEAD run --plain --no-sound --db "$TMP/hb.db" \
    --log "$TMP/back.log" "$TMP/back.yaml" >"$TMP/back.out" 2>&1
check_grep "b: a fourth hold on the spot is refused, and why" \
    "b does not go back: 3 holds on one spot are the most for a session" \
    "$TMP/back.out"
# (One test command: a second one after && would not be checked.)
check "b: two restarts, then the refusal, and which limit (event log)" \
    test "$(grep -c ' back 0$' "$TMP/back.log")" -eq 2 -a \
    "$(grep -c ' back 0 refused holds$' "$TMP/back.log")" -eq 1

# q asks, y confirms: stopped.
printf 'q\ny\n' | $KNEAD_ASAN run --plain --no-sound --db "$TMP/h3.db" \
    --log "$TMP/quit.log" "$TMP/short.yaml" >"$TMP/quit.out" 2>&1
check "q then y exits 0 (ASan build)" [ $? -eq 0 ]
check_grep "q y: outcome stopped" " session-end 0 stopped$" "$TMP/quit.log"
# Quit in the position step: no area listed at 0:00 as if worked; the
# areas not reached are named on one line.
if grep -q "^  .* 0:00" "$TMP/quit.out"; then
	fail "quit early: no area listed at 0:00"
	sed 's/^/    /' "$TMP/quit.out"
else pass "quit early: no area listed at 0:00"; fi
check_grep "quit early: the areas not reached, on one line" \
    "^Not reached: upper trapezius, left side; upper trapezius, right side.$" \
    "$TMP/quit.out"

# Screening: yes ends before the start with a note; no answer does too.
echo y | $KNEAD run --plain --no-sound --db "$TMP/h4.db" \
    --log "$TMP/scr.log" "$TMP/screened.yaml" >"$TMP/scr.out" 2>&1
check "screening yes exits 0" [ $? -eq 0 ]
check_grep "screening yes: see a clinician" \
    "doctor or physiotherapist before working this area" "$TMP/scr.out"
check_grep "screening yes: session-end screened-out" " session-end 0 screened-out$" "$TMP/scr.log"
if grep -q "step-start" "$TMP/scr.log"; then fail "screening yes: no step starts"
else pass "screening yes: no step starts"; fi
# (A store of its own: the yes above stands for the day.)
$KNEAD run --plain --no-sound --db "$TMP/h4n.db" "$TMP/screened.yaml" \
    </dev/null >"$TMP/scr2.out" 2>&1
check_grep "screening with no answer does not start" "No answer: not starting" "$TMP/scr2.out"
echo n | $KNEAD run --plain --no-sound --db "$TMP/h5.db" \
    "$TMP/screened.yaml" >"$TMP/scr3.out" 2>&1
check_grep "screening no: the session runs" "^Session completed: " "$TMP/scr3.out"
# Issue 12: a yes says what to do by the question's urgency.
cat >"$TMP/urgent.yaml" <<'YAML'
knead: 1
id: e2e-urgent
title: "Urgency"
intensity: gentle
screen:
  - {ask: "Numbness between your legs?", if-yes: emergency}
  - {ask: "A hot swollen calf?", if-yes: urgent}
steps:
  - position: "Sit down."
    time: 2s
YAML
echo y | $KNEAD run --plain --no-sound --db "$TMP/h6.db" "$TMP/urgent.yaml" \
    >"$TMP/urg1.out" 2>&1
check_grep "emergency yes: go to an emergency department now" \
    "go to an emergency department now" "$TMP/urg1.out"
# (A store of its own: the yes above stands for the day.)
printf 'n\ny\n' | $KNEAD run --plain --no-sound --db "$TMP/h6u.db" \
    "$TMP/urgent.yaml" >"$TMP/urg2.out" 2>&1
check_grep "urgent yes: see a doctor today" "see a doctor today" "$TMP/urg2.out"
if grep -q "emergency department" "$TMP/urg2.out"; then
	fail "urgent yes: not the emergency text"
else pass "urgent yes: not the emergency text"; fi

# Usage errors and the full screen without a terminal.
check_exit 64 "run without a terminal refuses the full screen" \
    $KNEAD run --no-sound --db "$TMP/h6.db" "$TMP/short.yaml"
check_grep "and suggests --plain" "\-\-plain" "$TMP/err"
# A broken routine is reported as such (65) before the missing terminal.
printf 'knead: 1\nid: e2e-broken\nsteps: [\n' >"$TMP/broken.yaml"
check_exit 65 "run without a terminal: a broken routine is said first" \
    $KNEAD run --no-sound --db "$TMP/h6.db" "$TMP/broken.yaml"
check_grep "and names the file and line" "broken.yaml:[0-9]*:[0-9]*: error" "$TMP/err"
check_exit 64 "--volume must be a number" \
    $KNEAD run --plain --volume loud "$TMP/short.yaml"
check_exit 64 "unknown option" $KNEAD run --plain --bogus "$TMP/short.yaml"
check_exit 64 "a routine is required" $KNEAD run --plain
check_exit 66 "missing routine file" $KNEAD run --plain "$TMP/none.yaml"
check_exit 0 "run --help" $KNEAD run --help
check_grep "help lists the keys" "STOP NOW: pain, numbness" "$TMP/out"


# Rest limits: the same areas again at once are refused (75) with the
# reason; --skip-resting runs without them; --override runs with a reason.
# One 10 s press is enough for each (the two-sided routine takes 28 s).
cat >"$TMP/rest.yaml" <<'YAML'
knead: 1
id: e2e-rest
title: "Rest: one press"
intensity: gentle
steps:
  - press:
      area: upper-trapezius
      side: left
      tool: tennis-ball
      time: 10s
      pressure: 3
YAML
printf '1\n1\n' | $KNEAD run --plain --no-sound --db "$TMP/rest.db" \
    "$TMP/rest.yaml" >"$TMP/rest1.out" 2>&1
check "first session in a fresh store exits 0" [ $? -eq 0 ]
check_exit 75 "the same areas again at once are refused" \
    $KNEAD run --plain --no-sound --db "$TMP/rest.db" "$TMP/rest.yaml"
check_grep "the refusal says which area rests" "upper trapezius" "$TMP/err"
check_exit 75 "--skip-resting with every area resting is refused" \
    $KNEAD run --plain --no-sound --skip-resting --db "$TMP/rest.db" \
    "$TMP/rest.yaml"
cat >"$TMP/two.yaml" <<'YAML'
knead: 1
id: e2e-two
title: "Two areas"
intensity: gentle
steps:
  - press:
      area: upper-trapezius
      side: left
      tool: tennis-ball
      time: 10s
  - press:
      area: calves
      side: left
      tool: tennis-ball
      time: 10s
YAML
$KNEAD run --plain --no-sound --skip-resting --db "$TMP/rest.db" \
    --log "$TMP/skip.log" "$TMP/two.yaml" </dev/null >"$TMP/skip.out" 2>&1
check "--skip-resting exits 0" [ $? -eq 0 ]
if grep -q "PRESS upper trapezius" "$TMP/skip.out"; then fail "--skip-resting leaves the resting areas out"
else pass "--skip-resting leaves the resting areas out"; fi
check_grep "--skip-resting still runs the rest" "PRESS calves" "$TMP/skip.out"
check_grep "--skip-resting names the areas it left out" \
    "^(Now 1 step, 0:10; left out, resting: upper trapezius (left).)" \
    "$TMP/skip.out"
check_grep "--skip-resting: the header counts the steps that run" \
    "^Two areas (1 step, 0:10)" "$TMP/skip.out"
check_grep "--skip-resting: completed" "^Session completed: " "$TMP/skip.out"
check_grep "a session without pain ends reassuring: some soreness is normal" \
    "soreness where you worked is normal" "$TMP/skip.out"
printf '1\n1\n' | $KNEAD run --plain --no-sound --override "physio said so" \
    --db "$TMP/rest.db" "$TMP/rest.yaml" >"$TMP/over.out" 2>&1
check "--override runs despite the rest limit" [ $? -eq 0 ]
check_grep "--override: the presses run" "PRESS upper trapezius" "$TMP/over.out"
check_grep "--override: the resting spot's step says it is an override" \
    "^(Override: upper trapezius (left) should still be resting; this work is recorded as an override.)" \
    "$TMP/over.out"
check_exit 64 "--override and --skip-resting exclude each other" \
    $KNEAD run --plain --override x --skip-resting "$TMP/short.yaml"
check_exit 74 "an unusable history store exits 74" \
    $KNEAD run --plain --no-sound --db /proc/version "$TMP/short.yaml"

# Answers read from a pipe are shown after their prompts, so the output
# reads like a dialogue and not one long line.
(echo n; sleep 3.5; echo 2) | $KNEAD run --plain --no-sound --db "$TMP/h7.db" \
    "$TMP/screened.yaml" >"$TMP/echo.out" 2>&1
check_grep "screening answer from a pipe shown after the question" \
    "right now? \[y/n\] n$" "$TMP/echo.out"
check_grep "the first step starts on its own line" "^\[1/1\] POSITION" "$TMP/echo.out"
# (Quit once the next step is out: the rest of the session adds nothing.)
rm -f "$TMP/echo2.out"
(sleep 1; echo n; sleep 10.6; echo 9
 wait_out '^\[4/5\]\|^\[5/5\]' "$TMP/echo2.out"; echo q; sleep 0.3; echo y) |
    $KNEAD run --plain --no-sound --db "$TMP/h8.db" "$TMP/short.yaml" \
    >"$TMP/echo2.out" 2>&1
check_grep "pain answer from a pipe shown after the prompt" "to 10: 9$" "$TMP/echo2.out"
# Pain 8 or more is said before the next step starts, not after it.
awk '/nothing more on/ { said = NR } /^\[4\/5\]|^\[5\/5\]/ && !first { first = NR }
     END { exit !(said && first && said < first) }' "$TMP/echo2.out"
check "the area stop is said before the next step line" [ $? -eq 0 ]

# A line of blanks pauses and resumes (the space key); ! at the quit
# question and at the pain prompt stops at once (halted).
(sleep 0.5; echo ' '; sleep 1; echo ' '; sleep 0.3; echo q; sleep 0.3; echo '!') |
    $KNEAD run --plain --no-sound --db "$TMP/h9.db" --log "$TMP/blank.log" \
    "$TMP/short.yaml" >"$TMP/blank.out" 2>&1
check_grep "a blank line pauses" " pause 0$" "$TMP/blank.log"
check_grep "a second blank line resumes" " resume 0$" "$TMP/blank.log"
check_grep "! at the quit question halts" " session-end 0 halted$" "$TMP/blank.log"
# An empty line (Enter alone) is the space key too: it pauses and resumes
# outside an until-release hold (it did nothing there).
(sleep 0.5; echo; sleep 1; echo; sleep 0.3; echo q; sleep 0.3; echo y) |
    $KNEAD run --plain --no-sound --db "$TMP/h9b.db" --log "$TMP/empty.log" \
    "$TMP/short.yaml" >"$TMP/empty.out" 2>&1
check_grep "an empty line pauses" " pause 0$" "$TMP/empty.log"
check_grep "a second empty line resumes" " resume 0$" "$TMP/empty.log"
check_grep "the pause is said" "^Paused. Enter p to resume." "$TMP/empty.out"
# ? prints the keys and, as on the screen, stops the clock while they are
# read (a screen reader reads the line, and the voice waits): Enter goes on.
(sleep 0.5; echo '?'; sleep 1; echo; sleep 0.3; echo q; sleep 0.3; echo y) |
    $KNEAD run --plain --no-sound --db "$TMP/h9c.db" --log "$TMP/help.log" \
    "$TMP/short.yaml" >"$TMP/help.out" 2>&1
check_grep "? prints the keys" "^Keys: " "$TMP/help.out"
# (the pause at the ?, 0.5 s in, not at the Enter a second later)
awk '$2 == "session-start" { t = $1 } $2 == "pause" && !p { p = $1 }
    END { exit !(t && p && p - t < 1.2e9) }' "$TMP/help.log"
check "? stops the clock while they are read" [ $? -eq 0 ]
check_grep "Enter after ? goes on" " resume 0$" "$TMP/help.log"
(sleep 1; echo n; sleep 10.6; echo '!') | $KNEAD run --plain --no-sound \
    --db "$TMP/h10.db" --log "$TMP/painstop.log" "$TMP/short.yaml" \
    >"$TMP/painstop.out" 2>&1
check_grep "! at the pain prompt halts" " session-end 1 halted$" "$TMP/painstop.log"
check_grep "the halt names the area being worked" \
    "Stopped during the press of the upper trapezius, left side" "$TMP/painstop.out"

fi
in_part rest2 || exit 0

# The reader of the pipe going away (head) ends the session as stopped,
# with exit 0, instead of killing knead by SIGPIPE with a session left
# running in the store.
( $KNEAD run --plain --no-sound --db "$TMP/h11.db" --log "$TMP/pipe.log" \
    "$TMP/short.yaml" </dev/null 2>/dev/null; echo $? >"$TMP/pipe.rc" ) |
    head -n 2 >/dev/null
i=0
while [ ! -s "$TMP/pipe.rc" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check "a closed pipe: exit 0" [ "$(cat "$TMP/pipe.rc")" = 0 ]
check_grep "a closed pipe: the session ends stopped" " session-end 0 stopped$" \
    "$TMP/pipe.log"

# Input closed at the pain prompt: no answer at once, not after the
# question's three reminders (they come 30 s apart for a listener).
s=$(date +%s)
$KNEAD run --plain --no-sound --db "$TMP/h14.db" --log "$TMP/eofpain.log" \
    "$TMP/short.yaml" </dev/null >/dev/null 2>&1
d=$(($(date +%s) - s))
check "input closed at the pain prompt: no answer at once (the run took $d s of a 30 s plan)" \
    [ "$d" -lt 50 ]
check_grep "input closed at the pain prompt: the session completes" \
    " session-end 4 completed$" "$TMP/eofpain.log"

# A routine whose last step is a hold until release, released early: the
# session still ends with its end cue (the early end cancelled the one
# planned for the hold's max), and a normal end has it exactly once.
cat >"$TMP/lastrel.yaml" <<'YAML'
knead: 1
id: e2e-last-release
title: "Last step held until release"
intensity: gentle
steps:
  - position: "Hold the ball."
    time: 2s
  - press: {area: calves, side: left, tool: tennis-ball, until: release, max: 30s}
YAML
(sleep 3.5; echo; sleep 1) | $KNEAD run --plain --no-sound --db "$TMP/h12.db" \
    --log "$TMP/lastrel.log" "$TMP/lastrel.yaml" >/dev/null 2>&1
check_grep "last hold released: completed" " session-end 1 completed$" \
    "$TMP/lastrel.log"
n=$(grep -c ' cue 1 session-end due=[0-9]*$' "$TMP/lastrel.log")
check "last hold released early: the session-end cue sounds once (got $n)" \
    [ "$n" -eq 1 ]

# SIGTERM (a shutdown) ends a --plain session interrupted and saved, and
# then the process by that signal (143 from a shell), not 0: whoever sent
# it sees it worked and that the session did not run its course.
# Its input a FIFO held open here, like a terminal (a pipe from a sleep
# kept the check waiting for the sleep).
mkfifo "$TMP/term.in"
$KNEAD run --plain --no-sound --db "$TMP/h13.db" --log "$TMP/term.log" \
    "$TMP/short.yaml" <"$TMP/term.in" >"$TMP/term.out" 2>&1 &
tp=$!
exec 6>"$TMP/term.in"
wait_out " step-start 0" "$TMP/term.log"
kill -TERM "$tp" 2>/dev/null
wait "$tp"
rc=$?
exec 6>&-
check "--plain, SIGTERM: exit status 143 (got $rc)" [ "$rc" -eq 143 ]
check_grep "--plain, SIGTERM: session-end interrupted" " session-end 0 interrupted$" \
    "$TMP/term.log"
check "--plain, SIGTERM: the history says interrupted" \
    [ "$(sqlite3 "$TMP/h13.db" "SELECT outcome FROM sessions" 2>&1)" = interrupted ]
check_grep "--plain, SIGTERM: the summary is printed first" "Session interrupted" \
    "$TMP/term.out"

# At the end of input a pain question is not left hanging, read aloud:
# it says there was no answer, as the screening questions do.
cat >"$TMP/pain1.yaml" <<'YAML'
knead: 1
id: e2e-pain-eof
title: "One press asking for pain"
intensity: gentle
steps:
  - press: {area: calves, side: left, tool: tennis-ball, time: 10s, pressure: 3, check: pain}
YAML
$KNEAD run --plain --no-sound --db "$TMP/h14.db" "$TMP/pain1.yaml" \
    </dev/null >"$TMP/paineof.out" 2>&1
check_grep "end of input at a pain question: says no answer" \
    "to 10: (no answer)$" "$TMP/paineof.out"

# m and v with no sound (--no-sound here, no device alike): nothing is
# muted or spoken either way, and the status says so instead of "(sound
# muted)" after "no sound device: running silently".
(sleep 1; echo m; sleep 0.3; echo v; sleep 0.3; echo m; sleep 0.3; echo q
 sleep 0.3; echo y) |
    $KNEAD run --plain --no-sound --db "$TMP/h15.db" "$TMP/short.yaml" \
    >"$TMP/mute.out" 2>&1
if grep -q "sound muted\|sound on\|voice o[nf]" "$TMP/mute.out"; then
	fail "m and v with no sound: no '(sound muted)' nor '(voice off)'"
	sed 's/^/    /' "$TMP/mute.out"
else pass "m and v with no sound: no '(sound muted)' nor '(voice off)'"; fi
check_grep "m with no sound: says it runs silently" \
    "^(no sound: running silently)$" "$TMP/mute.out"
# Each key is answered, the same answer again too (it was printed once:
# a status line was printed only when it changed).
n=$(grep -c "^(no sound: running silently)$" "$TMP/mute.out")
check "m, v, m with no sound: each answered (got $n of 3)" [ "$n" -eq 3 ]

# Typed at a terminal with the output piped (knead run --plain | tee
# FILE): the terminal echoed the answer, not into the output, so the
# prompt's line is ended before what follows (it ran on: "[y/n] Session
# stopped"). script(1) gives knead a terminal for stdin only; each answer
# is typed once its prompt is out.
if command -v script >/dev/null 2>&1; then
	rm -f "$TMP/ttyin.out"
	(wait_out 'to 10: ' "$TMP/ttyin.out"; echo 3
	 wait_out '^\[4/5\]' "$TMP/ttyin.out"; echo q
	 wait_out '\[y/n\] ' "$TMP/ttyin.out"; echo y; sleep 1) |
	    script -qec "$KNEAD run --plain --no-sound --db '$TMP/h16.db' \
	    '$TMP/short.yaml' >'$TMP/ttyin.out' 2>&1" /dev/null >/dev/null
	check_grep "stdin a terminal, output piped: the pain prompt's line ends" \
	    "to 10: $" "$TMP/ttyin.out"
	check_grep "... and the quit question's" "\[y/n\] $" "$TMP/ttyin.out"
	check_grep "... and the summary starts a line" "^Session stopped: " \
	    "$TMP/ttyin.out"
	if grep -q "to 10: .\|\[y/n\] ." "$TMP/ttyin.out"; then
		fail "stdin a terminal, output piped: nothing runs on after a prompt"
		sed 's/^/    /' "$TMP/ttyin.out"
	else pass "stdin a terminal, output piped: nothing runs on after a prompt"; fi
else
	echo "SKIP: script(1) is not installed (prompts with stdin a terminal)"
fi

# A line printed while a question waits (here a reminder sent to the
# session's inbox, as remind --notify does) ends the question's line and
# asks it again after: it ran on, "to 10: (Time for a break)", and the
# answer then followed the reminder's line, the question gone.
rm -f "$TMP/cut.out"
(wait_out 'to 10: ' "$TMP/cut.out"
 for f in "$XDG_RUNTIME_DIR"/knead/*.fifo; do printf 'Time for a break\n' >"$f"; done
 wait_out '^(Time for a break)$' "$TMP/cut.out"; echo 3; sleep 1) |
    $KNEAD run --plain --no-sound --db "$TMP/h17.db" "$TMP/pain1.yaml" \
    >"$TMP/cut.out" 2>&1
check_grep "a line printed at a question: the question's line ends first" \
    "^Pain on that spot, 0 (none) to 10: $" "$TMP/cut.out"
check_grep "... the line stands alone" "^(Time for a break)$" "$TMP/cut.out"
if grep -A1 -x '(Time for a break)' "$TMP/cut.out" | grep -q -x 'Pain on that spot, 0 (none) to 10: 3'; then
	pass "... and the question is asked again, answered there"
else
	fail "... and the question is asked again, answered there"
	sed 's/^/    /' "$TMP/cut.out"
fi

# Ctrl-C at a question: the summary starts its own line.
rm -f "$TMP/cutint.out"
mkfifo "$TMP/cutint.in"
$KNEAD run --plain --no-sound --db "$TMP/h18.db" "$TMP/pain1.yaml" \
    <"$TMP/cutint.in" >"$TMP/cutint.out" 2>&1 &
kp=$!
exec 6>"$TMP/cutint.in"
wait_out 'to 10: ' "$TMP/cutint.out"
kill -INT $kp
wait $kp
exec 6>&-
check_grep "Ctrl-C at a question: the question's line ends before the summary" \
    "^Pain on that spot, 0 (none) to 10: $" "$TMP/cutint.out"
check_grep "... and the summary starts a line" "^Session " "$TMP/cutint.out"
