#!/bin/sh
# knead remind: the settings, the systemd user units (systemd-analyze
# verify), the crontab line when no user manager answers, --status, --off,
# and --notify: the notification sent on a private session bus
# (dbus-run-session) to a stand-in service the test runs (helper_notifyd),
# the Notify call also captured with dbus-monitor, and the routine chosen
# on a store with resting areas.
. "$(dirname "$0")/../lib.sh"
H=$KNEAD_HELPERS
NOTIFYD=$H/helper_notifyd
export XDG_STATE_HOME="$TMP/state"
UNITS=$XDG_CONFIG_HOME/systemd/user
unset DBUS_SESSION_BUS_ADDRESS XDG_RUNTIME_DIR

# A library of two desk routines (desk-a the shortest) and one other.
LIB=$TMP/lib
mkdir -p "$LIB"
routine() {	# ID AREA SECONDS TAGS
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
routine desk-a rhomboids 30 "desk, back"
routine desk-b forearm-extensors 60 "desk, forearms"
routine feet plantar-fascia 30 "feet"
export KNEAD_ROUTINES=$LIB
DB=$TMP/remind.db
mkstore "$DB"	# the binary makes the store
now=$(date +%s)
sid=0
worked() {	# ROUTINE AREA ENDED_AGO_S REST_S
	sid=$((sid + 1))
	sqlite3 "$DB" "INSERT INTO sessions (id, routine_id, title, started_at,
	    ended_at, outcome, rest_s, planned_ms) VALUES ($sid, '$1', 'T',
	    $now - $3 - 60, $now - $3, 'completed', $4, 60000);
	    INSERT INTO session_areas VALUES ($sid, '$2', 'left', 60000, 60000);"
}

# ---- usage
check_exit 0 "remind --help exits 0" "$KNEAD" remind --help
check_grep "remind --help names --every" "every SPAN" "$TMP/out"
check_exit 64 "remind with nothing to do exits 64" "$KNEAD" remind
check_exit 64 "remind --every 0 exits 64" "$KNEAD" remind --every 0
check_exit 64 "remind --every 50x exits 64" "$KNEAD" remind --every 50x
check_exit 64 "remind --between 18:00-09:00 exits 64" \
    "$KNEAD" remind --every 50m --between 18:00-09:00
check_grep "remind --between 18:00-09:00 says it does not end after it starts" \
    "'18:00-09:00' does not end after it starts (a window over midnight" "$TMP/err"
check_exit 64 "remind --between 09:00-09:00 is refused" "$KNEAD" remind --every 50m \
    --between 09:00-09:00
check_grep "an empty window is said as it is, not as ending before it starts" \
    "'09:00-09:00' does not end after it starts" "$TMP/err"
check_exit 64 "remind --off --every 5m exits 64 (--off goes alone)" \
    "$KNEAD" remind --off --every 5m
check_exit 66 "remind --routine with an id the library lacks exits 66" \
    "$KNEAD" remind --every 50m --routine desk-c
check_grep "remind --routine desk-c names the closest id" \
    "no routine 'desk-c' in the library (did you mean 'desk-a'?)" "$TMP/err"
[ ! -e "$XDG_CONFIG_HOME/knead/remind.conf" ] &&
    pass "remind --routine desk-c sets nothing" ||
    fail "remind --routine desk-c wrote remind.conf"
check_exit 64 "remind --routine with a path exits 64 (it wants an id)" \
    "$KNEAD" remind --every 50m --routine "$LIB/desk-a.yaml"
check_exit 64 "remind --days funday exits 64" "$KNEAD" remind --every 50m --days funday
check_exit 64 "remind --off --status exits 64" "$KNEAD" remind --off --status
check_exit 0 "remind --status with nothing set" "$KNEAD" remind --status
check_grep "remind --status says nothing is set" "No break reminders" "$TMP/out"

# ---- install: no user manager answers here (a fake systemctl on PATH
# that fails), so the crontab line is printed; then one that answers.
mkdir -p "$TMP/bin"
cat >"$TMP/bin/systemctl" <<SH
#!/bin/sh
echo "\$*" >>"$TMP/systemctl.log"
[ -e "$TMP/manager" ] || exit 1
case "\$*" in
*" show knead-remind.timer -p NextElapseUSecRealtime --value")
	cat "$TMP/next" 2>/dev/null || echo "n/a" ;;
esac
exit 0
SH
chmod +x "$TMP/bin/systemctl"
PATH=$TMP/bin:$PATH
# An interval as long as the window: said in hours, and that it fits once.
check_exit 0 "remind --every 3h --between 9:00-10:00 (one-digit hour)" \
    "$KNEAD" remind --every 3h --between 9:00-10:00 --db "$DB"
check_grep "3 h is said as 3 h" "^A break every 3 h, 09:00-10:00 on " "$TMP/out"
check_grep "... and that it fits once a day" \
    "fits once in 09:00-10:00: at most one reminder a day" "$TMP/out"
check_exit 0 "remind --every 50min (the unit spelt out)" \
    "$KNEAD" remind --every 50min --db "$DB"
check_grep "50min is 50 min, no note" "^A break every 50 min, 09:00-18:00" "$TMP/out"
if grep -q "at most one reminder" "$TMP/out"; then
	fail "50 min in 09:00-18:00 is not once a day"
else pass "50 min in 09:00-18:00: no once-a-day note"; fi
check_exit 0 "remind --every 50m --between 09:00-18:00 --days mon-fri --routine desk-b" \
    "$KNEAD" remind --every 50m --between 09:00-18:00 --days mon-fri --routine desk-b --db "$DB"
check_grep "no user manager: the crontab line is printed" \
    "^\*/5 9-17 \* \* 1,2,3,4,5 .*knead remind --notify --db $DB\$" "$TMP/out"
[ -f "$UNITS/knead-remind.timer" ] && [ -f "$UNITS/knead-remind.service" ] &&
    pass "the unit files are written to \$XDG_CONFIG_HOME/systemd/user" ||
    fail "the unit files are written to \$XDG_CONFIG_HOME/systemd/user"
check_grep "the timer fires on weekdays 09-17 every 5 min" \
    '^OnCalendar=Mon,Tue,Wed,Thu,Fri \*-\*-\* 09..17:00/5:00$' "$UNITS/knead-remind.timer"
check_grep "the service runs this knead's remind --notify" \
    "^ExecStart=/.*knead remind --notify --db $DB\$" "$UNITS/knead-remind.service"
if command -v systemd-analyze >/dev/null 2>&1; then
	(cd "$UNITS" && systemd-analyze verify --man=no knead-remind.timer \
	    knead-remind.service) >"$TMP/verify" 2>&1 &&
	    pass "systemd-analyze verify accepts the unit files" ||
	    { fail "systemd-analyze verify accepts the unit files"; sed 's/^/    /' "$TMP/verify"; }
	systemd-analyze calendar "$(sed -n 's/^OnCalendar=//p' "$UNITS/knead-remind.timer")" \
	    >/dev/null 2>&1 && pass "systemd-analyze calendar parses OnCalendar" ||
	    fail "systemd-analyze calendar parses OnCalendar"
else
	echo "SKIP: systemd-analyze is missing (apt-get install systemd)"
fi
# A store path with a space, %, ' and $, and a routine folder: the crontab
# line gives sh the same words after cron's % (escaped), ExecStart quotes
# and doubles % and $, and both name the folder (remind --notify looks for
# --routine there).
ODD="$TMP/odd dir%x/a b%c'd\$e.db"
mkdir -p "$TMP/odd dir%x" "$TMP/rr"
sed 's/^id: .*/id: e2e-rr/' "$KNEAD_TOP/routines/micro-neck.yaml" >"$TMP/rr/rr.yaml"
check_exit 0 "remind with an odd --db and --routines" \
    "$KNEAD" remind --every 50m --between 09:00-18:00 --days mon-fri \
    --routine e2e-rr --routines "$TMP/rr" --db "$ODD"
line=$(grep '^\*/5 ' "$TMP/out" | cut -d' ' -f6- | sed 's/\\%/%/g')
# shellcheck disable=SC2086
words=$(sh -c "set -- $line; printf '%s|' \"\$@\"")
want="$(sed -n 's/^ExecStart=\([^ ]*\) .*/\1/p' "$UNITS/knead-remind.service")|remind|--notify|--db|$ODD|--routines|$TMP/rr|"
[ "$words" = "$want" ] && pass "the crontab line's words are the command's" ||
    fail "the crontab line's words: '$words', wanted '$want'"
check_grep "ExecStart quotes the store and doubles % and \$" \
    "^ExecStart=/.* --db \"$TMP/odd dir%%x/a b%%c'd\\\$\\\$e.db\" --routines $TMP/rr\$" \
    "$UNITS/knead-remind.service"
if command -v systemd-analyze >/dev/null 2>&1; then
	(cd "$UNITS" && systemd-analyze verify --man=no knead-remind.timer \
	    knead-remind.service) >"$TMP/verify" 2>&1 &&
	    pass "systemd-analyze verify accepts the quoted ExecStart" ||
	    { fail "systemd-analyze verify accepts the quoted ExecStart"; sed 's/^/    /' "$TMP/verify"; }
fi
"$KNEAD" remind --every 50m --between 09:00-18:00 --days mon-fri \
    --routine desk-b --db "$DB" >/dev/null 2>&1
check_grep "the settings are kept in remind.conf" '^every 50m$' "$XDG_CONFIG_HOME/knead/remind.conf"
check_exit 0 "remind --status after --every" "$KNEAD" remind --status --db "$DB"
check_grep "remind --status gives the interval and window" \
    "every 50 min, 09:00-18:00 on mon,tue,wed,thu,fri, suggesting desk-b" "$TMP/out"
check_grep "remind --status says when the next break is" "^Next break: " "$TMP/out"
check_grep "no user manager: the next check is knead's own reckoning" \
    "^Next check by the timer: .* (reckoned by knead: no systemd user manager answers)\$" "$TMP/out"

: >"$TMP/manager"; : >"$TMP/systemctl.log"
# The whole day, so systemd's next check (half an hour from now) is inside
# the window whatever time the test runs (a 09:00-18:00 window made it fail
# after 17:30: the next break is then 09:00, rightly).
check_exit 0 "remind --every with a user manager" "$KNEAD" remind --every 1h --days daily \
    --between 00:00-24:00 --db "$DB"
check_grep "with a user manager the timer is enabled" "--user enable --now knead-remind.timer" "$TMP/systemctl.log"
check_grep "with a user manager units are reloaded first" "--user daemon-reload" "$TMP/systemctl.log"
check_grep "remind says the timer is enabled" "knead-remind.timer is enabled" "$TMP/out"
# --status asks the user manager when the timer next fires.
nx=$(( $(date +%s) + 1800 )); nx=$((nx - nx % 300))
echo "@$nx" >"$TMP/next"
# Half an hour on crosses midnight after 23:30: a time on another day than
# knead's own carries the day's name ("Mon 00:20"). The day is read before
# and after knead runs; only the forms those two moments allow are taken.
d0=$(date +%F)
check_exit 0 "remind --status with a user manager" "$KNEAD" remind --status --db "$DB"
d1=$(date +%F); dn=$(date -d "@$nx" +%F)
at=$(date -d "@$nx" +%H:%M)
if [ "$dn" = "$d0" ] && [ "$dn" = "$d1" ]; then at_re=$at
elif [ "$dn" != "$d0" ] && [ "$dn" != "$d1" ]; then at_re="$(date -d "@$nx" +%a) $at"
else at_re="\\($(date -d "@$nx" +%a) \\)\\{0,1\\}$at"; fi
check_grep "remind --status asks systemd for the timer's next run" \
    "--user --timestamp=unix show knead-remind.timer -p NextElapseUSecRealtime --value" \
    "$TMP/systemctl.log"
check_grep "remind --status gives systemd's next check and says so" \
    "^Next check by the timer: $at_re (as systemd says)\$" "$TMP/out"
# A break due now: the first check it knows of, systemd's.
check_grep "the next break is at systemd's next check" \
    "^Next break: $at_re\$" "$TMP/out"
echo "n/a" >"$TMP/next"
check_exit 0 "remind --status, systemd gives no time" "$KNEAD" remind --status --db "$DB"
check_grep "systemd gives no time: knead's own reckoning, said" \
    "(reckoned by knead: systemd gives no time)\$" "$TMP/out"
rm -f "$TMP/next"
check_exit 0 "remind --off" "$KNEAD" remind --off
check_grep "remind --off disables the timer" "--user disable --now knead-remind.timer" "$TMP/systemctl.log"
[ ! -e "$UNITS/knead-remind.timer" ] && [ ! -e "$XDG_CONFIG_HOME/knead/remind.conf" ] &&
    pass "remind --off removes the units and the settings" ||
    fail "remind --off removes the units and the settings"
rm -f "$TMP/manager"
check_exit 0 "remind --off again" "$KNEAD" remind --off
check_grep "remind --off with nothing set says so" "No break reminders were set" "$TMP/out"

# ---- --notify with no notification service: a line on a running knead
# (issue 16). The session's FIFO is in $XDG_RUNTIME_DIR/knead (inbox.h);
# the bus address leads nowhere, so libnotify finds no service.
RT=$TMP/run
mkdir -p "$RT" && chmod 700 "$RT"
# Until a session started in the background has its FIFO (10 s at most).
wait_fifo() {
	_i=0
	while ! ls "$RT"/knead/*.fifo >/dev/null 2>&1 && [ $_i -lt 100 ]; do
		sleep 0.1; _i=$((_i + 1))
	done
}
nobus="unix:path=$TMP/no-bus"
sleep 30 | XDG_RUNTIME_DIR=$RT "$KNEAD" run --plain --no-sound \
    --db "$TMP/live.db" feet >"$TMP/live.out" 2>&1 &
kp=$!
wait_fifo
check "a running session has its FIFO in \$XDG_RUNTIME_DIR/knead" \
    test -p "$RT/knead/$kp.fifo"
check_exit 0 "remind --notify with no service but a running knead exits 0" \
    env XDG_RUNTIME_DIR="$RT" DBUS_SESSION_BUS_ADDRESS="$nobus" \
    "$KNEAD" remind --notify --db "$DB"
[ -s "$TMP/out" ] || [ -s "$TMP/err" ] && fail "... and says nothing itself" ||
    pass "... and says nothing itself"
i=0
while ! grep -q 'Time for a break' "$TMP/live.out" && [ $i -lt 30 ]; do
	sleep 0.1; i=$((i + 1))
done
check_grep "the running --plain session prints the line, once" \
    "^(Time for a break: Routine desk-a (1 min): knead run desk-a)$" "$TMP/live.out"
kill "$kp" 2>/dev/null
wait "$kp" 2>/dev/null
check "the session removes its FIFO when it ends" test ! -e "$RT/knead/$kp.fifo"
# A FIFO nobody reads (a knead killed with -9): skipped and removed.
mkfifo "$RT/knead/999999.fifo"
check_exit 0 "remind --notify with only a dead session's FIFO exits 0" \
    env XDG_RUNTIME_DIR="$RT" DBUS_SESSION_BUS_ADDRESS="$nobus" \
    "$KNEAD" remind --notify --db "$DB"
check "... and removes that FIFO" test ! -e "$RT/knead/999999.fifo"
[ -s "$TMP/out" ] || [ -s "$TMP/err" ] && fail "... silently" || pass "... silently"
# The same on the screen: the status line shows it.
if command -v tmux >/dev/null 2>&1; then
	SOCK=knead-remind$$
	# Kept until kill-server (a new-session racing a server's exit fails).
	# Named so that no -t target below is a prefix of it: tmux takes
	# a prefix for the session when none has the name itself, and
	# 'kill-session -t k', k gone, killed 'keep' (server gone: CI flake).
	tmux -L "$SOCK" new-session -d -s _keep "sleep 600"
	tmux -L "$SOCK" new-session -d -s r -x 80 -y 24 -e LANG=C.UTF-8 \
	    -e XDG_RUNTIME_DIR="$RT" -e KNEAD_ROUTINES="$LIB" -e HOME="$HOME" \
	    -e XDG_CONFIG_HOME="$XDG_CONFIG_HOME" -e XDG_DATA_HOME="$XDG_DATA_HOME" \
	    "$KNEAD run --no-sound --db $TMP/live2.db feet; sleep 30"
	wait_fifo
	env XDG_RUNTIME_DIR="$RT" DBUS_SESSION_BUS_ADDRESS="$nobus" \
	    "$KNEAD" remind --notify --db "$DB" >/dev/null 2>&1
	i=0
	while [ $i -lt 30 ]; do
		tmux -L "$SOCK" capture-pane -p -t r >"$TMP/screen" 2>/dev/null
		grep -q 'Time for a break' "$TMP/screen" && break
		sleep 0.1; i=$((i + 1))
	done
	tmux -L "$SOCK" kill-session -t r 2>/dev/null
	rm -f "$RT"/knead/*.fifo
	check_grep "the running session on the screen shows the line on its status line" \
	    "Time for a break: Routine desk-a" "$TMP/screen"
	# The home screen is a running knead too.
	tmux -L "$SOCK" new-session -d -s h -x 100 -y 30 -e LANG=C.UTF-8 \
	    -e XDG_RUNTIME_DIR="$RT" -e KNEAD_ROUTINES="$LIB" -e HOME="$HOME" \
	    -e XDG_CONFIG_HOME="$XDG_CONFIG_HOME" -e XDG_DATA_HOME="$XDG_DATA_HOME" \
	    "$KNEAD --no-sound --db $TMP/live3.db; sleep 30"
	wait_fifo
	env XDG_RUNTIME_DIR="$RT" DBUS_SESSION_BUS_ADDRESS="$nobus" \
	    "$KNEAD" remind --notify --db "$DB" >/dev/null 2>&1
	i=0
	while [ $i -lt 30 ]; do
		tmux -L "$SOCK" capture-pane -p -t h >"$TMP/home.screen" 2>/dev/null
		grep -q 'Time for a break' "$TMP/home.screen" && break
		sleep 0.1; i=$((i + 1))
	done
	tmux -L "$SOCK" kill-server 2>/dev/null
	check_grep "the home screen shows the line on its status line" \
	    "Time for a break: Routine desk-a" "$TMP/home.screen"
fi

# ---- the break clock (desk.h): one rule for --notify, --status and
# status --line. A break counts from when it ended, however long it ran
# (the interval shorter than the session); a session running now is a
# break, however long ago it began; a session that did less than half its
# work is none.
mkdir -p "$XDG_CONFIG_HOME/knead"
printf 'every 15m\nbetween 00:00-24:00\ndays daily\n' >"$XDG_CONFIG_HOME/knead/remind.conf"
rm -f "$XDG_STATE_HOME/knead/remind-last"
sqlite3 "$DB" "DELETE FROM session_areas; DELETE FROM sessions"
# A 14.5-minute break (rhomboids and forearms) that ended 47 s ago.
end=$(($(date +%s) - 47))
sqlite3 "$DB" "INSERT INTO sessions (id, routine_id, title, started_at,
    ended_at, outcome, rest_s, planned_ms) VALUES (1, 'desk-break', 'T',
    $end - 870, $end, 'completed', 0, 870000);
    INSERT INTO session_areas VALUES (1, 'rhomboids', 'left', 870000, 870000);"
# Due 15 min after its end, at the timer's first check (every 5 min) then.
nb=$(( (end + 900 + 299) / 300 * 300 ))
check_exit 0 "remind --status just after a break longer than the interval" \
    "$KNEAD" remind --status --db "$DB"
check_grep "... the next break is 15 min after the break's end, not now" \
    "^Next break: .*$(date -d "@$nb" +%H:%M)\$" "$TMP/out"
# A session running now, begun 2 min before the reminder asks (faketime):
# no reminder goes to it, --status and the line say a session runs.
if command -v faketime >/dev/null 2>&1; then
	printf 'every 1m\nbetween 00:00-24:00\ndays daily\n' >"$XDG_CONFIG_HOME/knead/remind.conf"
	sqlite3 "$DB" "DELETE FROM session_areas; DELETE FROM sessions"
	rm -f "$RT"/knead/*.fifo
	sleep 30 | XDG_RUNTIME_DIR=$RT "$KNEAD" run --plain --no-sound \
	    --db "$DB" feet >"$TMP/live4.out" 2>&1 &
	kp=$!
	wait_fifo
	[ "$(sqlite3 "$DB" "SELECT COUNT(*) FROM sessions WHERE outcome = 'running'")" = 1 ] &&
	    pass "a session runs on the store" || fail "a session runs on the store"
	check_exit 0 "remind --notify while a session runs, begun 2 min ago" \
	    env DBUS_SESSION_BUS_ADDRESS="unix:path=$TMP/no-bus" XDG_RUNTIME_DIR="$RT" \
	    faketime -f +2m "$KNEAD" remind --notify --db "$DB"
	check_exit 0 "remind --status while a session runs" \
	    faketime -f +2m "$KNEAD" remind --status --db "$DB"
	check_grep "... says a session is running" "^A session is running now.\$" "$TMP/out"
	check_exit 0 "status --line while a session runs" \
	    faketime -f +2m "$KNEAD" status --line --db "$DB"
	check_grep "... says a break is on, not a routine ready" "^break on now\$" "$TMP/out"
	sleep 1
	kill "$kp" 2>/dev/null
	wait "$kp" 2>/dev/null
	grep -q 'Time for a break' "$TMP/live4.out" &&
	    fail "no reminder reached the running session ($(grep 'Time for a break' "$TMP/live4.out"))" ||
	    pass "no reminder reached the running session"
	[ -e "$XDG_STATE_HOME/knead/remind-last" ] &&
	    fail "... nor was any sent" || pass "... nor was any sent"
else
	echo "SKIP: a session running at a reminder (faketime is missing)"
fi
rm -f "$XDG_CONFIG_HOME/knead/remind.conf" "$XDG_STATE_HOME/knead/remind-last"
sqlite3 "$DB" "DELETE FROM session_areas; DELETE FROM sessions"

# ---- --notify on a private bus
if [ ! -x "$NOTIFYD" ] || ! command -v dbus-run-session >/dev/null 2>&1; then
	echo "SKIP: --notify needs $NOTIFYD (make $NOTIFYD) and dbus-run-session"
	exit 0
fi
# notify_run NAME [remind args...]: knead remind --notify inside a private
# session bus with the stand-in service; its line in $TMP/NAME.got, the
# dbus-monitor capture in $TMP/NAME.mon.
notify_run() {
	name=$1; shift
	cat >"$TMP/bus.sh" <<SH
"$NOTIFYD" 5 >"$TMP/$name.got" &
d=\$!
dbus-monitor --session "interface='org.freedesktop.Notifications',member='Notify'" >"$TMP/$name.mon" 2>/dev/null &
m=\$!
i=0; while ! grep -q ready "$TMP/$name.got" && [ \$i -lt 50 ]; do sleep 0.1; i=\$((i + 1)); done
# dbus-monitor drops its name (NameLost) once it is a monitor: from then on
# it sees the call (CI once saw only those two lines, the call before them).
i=0; while ! grep -q NameLost "$TMP/$name.mon" && [ \$i -lt 50 ]; do sleep 0.1; i=\$((i + 1)); done
"$KNEAD" remind --notify --db "$DB" "\$@"; echo "rc=\$?" >"$TMP/$name.rc"
wait \$d 2>/dev/null
kill \$m 2>/dev/null
SH
	timeout 30 dbus-run-session -- sh "$TMP/bus.sh" "$@" >/dev/null 2>&1
	sed -i '/^ready$/d' "$TMP/$name.got"
}

notify_run fresh
grep -q 'rc=0' "$TMP/fresh.rc" && pass "remind --notify exits 0" || fail "remind --notify exits 0"
check_grep "fresh store: the shortest desk routine is suggested (title)" \
    "^knead	Time for a break: Routine desk-a	" "$TMP/fresh.got"
check_grep "the notification gives minutes, areas and the command" \
    '	1 min, rhomboids\\nStart it: knead run desk-a$' "$TMP/fresh.got"
check_grep "dbus-monitor captured the Notify call with the title" \
    'string "Time for a break: Routine desk-a"' "$TMP/fresh.mon"
check_grep "dbus-monitor captured the command in the body" \
    'Start it: knead run desk-a' "$TMP/fresh.mon"

worked desk-a rhomboids 600 7200
notify_run rested
check_grep "desk-a's area resting: desk-b is suggested" \
    "Time for a break: Routine desk-b	1 min, forearm extensors" "$TMP/rested.got"
sqlite3 "$DB" "UPDATE sessions SET ended_at = $now - 7300, started_at = $now - 7360"
worked feet plantar-fascia 7300 0
notify_run named --routine feet
check_grep "the named routine comes first when it can run" \
    "Time for a break: Routine feet	" "$TMP/named.got"
worked desk-b forearm-extensors 300 7200
worked desk-a rhomboids 300 7200
notify_run none
grep -q 'rc=0' "$TMP/none.rc" && pass "everything resting: exit 0" || fail "everything resting: exit 0"
[ -s "$TMP/none.got" ] && fail "everything resting: no notification (got $(cat "$TMP/none.got"))" ||
    pass "everything resting: no notification"

# Settings present: a break inside the interval means no notification.
mkdir -p "$XDG_CONFIG_HOME/knead"
printf 'every 50m\nbetween 00:00-24:00\ndays daily\n' >"$XDG_CONFIG_HOME/knead/remind.conf"
sqlite3 "$DB" "DELETE FROM session_areas; DELETE FROM sessions"
worked feet plantar-fascia 600 0
notify_run recent
[ -s "$TMP/recent.got" ] && fail "a break 10 min ago (every 50m): no notification" ||
    pass "a break 10 min ago (every 50m): no notification"
sqlite3 "$DB" "UPDATE sessions SET ended_at = $now - 3600, started_at = $now - 3660"
rm -f "$XDG_STATE_HOME/knead/remind-last"	# the runs above notified just now
notify_run due
check_grep "a break due (last one 60 min ago): notified" "Time for a break" "$TMP/due.got"
notify_run again
[ -s "$TMP/again.got" ] && fail "just notified: not again within the interval" ||
    pass "just notified: not again within the interval"

# Just after a break longer than the interval: not due (it counts from
# the break's end, as --status says).
printf 'every 15m\nbetween 00:00-24:00\ndays daily\n' >"$XDG_CONFIG_HOME/knead/remind.conf"
sqlite3 "$DB" "DELETE FROM session_areas; DELETE FROM sessions"
rm -f "$XDG_STATE_HOME/knead/remind-last"
end=$(($(date +%s) - 47))
sqlite3 "$DB" "INSERT INTO sessions (id, routine_id, title, started_at,
    ended_at, outcome, rest_s, planned_ms) VALUES (1, 'desk-break', 'T',
    $end - 870, $end, 'completed', 0, 870000);
    INSERT INTO session_areas VALUES (1, 'rhomboids', 'left', 870000, 870000);"
notify_run after15
[ -s "$TMP/after15.got" ] && fail "47 s after a 14.5 min break (every 15m): no notification" ||
    pass "47 s after a 14.5 min break (every 15m): no notification"
# A session stopped after 5 s with nothing done (every area resting) is
# no break: the reminder still goes; one that did half its work is.
sqlite3 "$DB" "DELETE FROM session_areas; DELETE FROM sessions"
rm -f "$XDG_STATE_HOME/knead/remind-last"
sqlite3 "$DB" "INSERT INTO sessions (id, routine_id, title, started_at,
    ended_at, outcome, rest_s, planned_ms) VALUES (1, 'feet', 'T',
    $(date +%s) - 15, $(date +%s) - 10, 'stopped', 0, 60000);
    INSERT INTO session_areas VALUES (1, 'plantar-fascia', 'left', 60000, 0);"
notify_run nowork
check_grep "a 5 s stop that did nothing is no break: notified" "Time for a break" "$TMP/nowork.got"
rm -f "$XDG_STATE_HOME/knead/remind-last"
sqlite3 "$DB" "UPDATE session_areas SET done_ms = 30000"
notify_run halfwork
[ -s "$TMP/halfwork.got" ] && fail "a session that did half its work is a break: no notification" ||
    pass "a session that did half its work is a break: no notification"

# No session bus at all: silent, exit 0.
check_exit 0 "remind --notify with no session bus exits 0" "$KNEAD" remind --notify --db "$DB"
[ -s "$TMP/out" ] || [ -s "$TMP/err" ] && fail "remind --notify with no bus is silent" ||
    pass "remind --notify with no bus is silent"
check_exit 0 "remind --notify under ASan" "$KNEAD_ASAN" remind --notify --db "$DB"
