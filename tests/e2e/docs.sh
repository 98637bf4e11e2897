#!/bin/sh
# The manual page and the bash completion against the real binary: the page
# renders without warnings and names every command, every long option any
# `knead COMMAND --help` prints, and every exit code of `knead --help`, so
# the docs cannot drift from the program. The completion offers commands,
# options and routine ids.
. "$(dirname "$0")/../lib.sh"
page=$KNEAD_TOP/docs/knead.1
comp=$KNEAD_TOP/docs/knead.bash-completion

if ! command -v groff >/dev/null 2>&1; then
	fail "groff is not installed: cannot check docs/knead.1"
	exit 1
fi
if [ ! -f "$page" ]; then
	fail "docs/knead.1 is missing"; exit 1
fi
# -ww: every warning; -z: no output, only the diagnostics.
LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" >"$TMP/groff.err" 2>&1
if [ -s "$TMP/groff.err" ]; then
	fail "docs/knead.1 renders with warnings"; sed 's/^/    /' "$TMP/groff.err" | head
else
	pass "docs/knead.1 renders with groff -man without warnings"
fi
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man --warnings -l "$page" >"$TMP/man.txt" 2>"$TMP/man.err"
	if [ -s "$TMP/man.err" ] || [ ! -s "$TMP/man.txt" ]; then
		fail "man -l docs/knead.1 warns or prints nothing"; sed 's/^/    /' "$TMP/man.err" | head
	else
		pass "man -l docs/knead.1 renders without warnings"
	fi
fi
# The rendered text, plain ASCII without overstrikes, for the checks below.
groff -man -Tascii -P-cbou "$page" 2>/dev/null >"$TMP/page.txt"

# Commands: those `knead --help` lists, each described in COMMANDS.
"$KNEAD" --help >"$TMP/help" 2>&1
cmds=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' "$TMP/help")
[ -n "$cmds" ] || fail "could not read the commands from knead --help"
missing=""
for c in $cmds; do
	sed -n '/^COMMANDS/,/^OPTIONS/p' "$TMP/page.txt" | grep -q "^       $c\b" ||
	    missing="$missing $c"
done
if [ -z "$missing" ]; then pass "man page describes every command ($(echo $cmds | wc -w))"
else fail "man page lacks the commands:$missing"; fi

# Long options: every one that any --help prints.
: >"$TMP/opts"
for c in "" $cmds; do
	# shellcheck disable=SC2086
	"$KNEAD" $c --help 2>&1 | grep -o -- '--[a-z][a-z-]*' >>"$TMP/opts"
done
sort -u "$TMP/opts" -o "$TMP/opts"
nopts=$(wc -l <"$TMP/opts")
missing=""
while read -r o; do
	grep -q -E -- "$o([^a-z-]|\$)" "$TMP/page.txt" || missing="$missing $o"
done <"$TMP/opts"
if [ "$nopts" -lt 10 ]; then
	fail "only $nopts long options found in the --help outputs"
elif [ -z "$missing" ]; then
	pass "man page names all $nopts long options of every --help"
else
	fail "man page lacks the options:$missing"
fi

# Exit codes: each one `knead --help` names is in EXIT STATUS.
missing=""
for code in $(grep -A3 '^Exit codes' "$TMP/help" | grep -o '\b[0-9][0-9]*\b' | sort -u); do
	sed -n '/^EXIT STATUS/,/^ENVIRONMENT/p' "$TMP/page.txt" | grep -q "^       $code\b" ||
	    missing="$missing $code"
done
if [ -z "$missing" ]; then pass "man page lists every exit code of knead --help"
else fail "man page lacks the exit codes:$missing"; fi
# A run the screening stops before it begins ends with the status EXIT
# STATUS gives it (the paragraph of that code says "screen").
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
echo y | "$KNEAD" run --plain --no-sound --db "$TMP/scr.db" \
    "$TMP/screened.yaml" >"$TMP/scr.out" 2>&1
rc=$?
sed -n '/^EXIT STATUS/,/^ENVIRONMENT/p' "$TMP/page.txt" |
    awk -v c="$rc" '/^       [0-9]+( |$)/ { on = ($1 == c) } on' |
    grep -q -i "screen" &&
    pass "EXIT STATUS says a screened-out run's status ($rc)" ||
    fail "EXIT STATUS does not say a screened-out run's status ($rc)"
for v in NO_COLOR KNEAD_DB KNEAD_ROUTINES KNEAD_SOUNDS XDG_CONFIG_HOME XDG_DATA_HOME LANG; do
	grep -q "$v" "$TMP/page.txt" || fail "man page lacks the environment variable $v"
done
check_grep "man page documents the event log" "session-end" "$TMP/page.txt"
# The alternating-font macros (.RI, .BR, ...) join their arguments with no
# space, so words meant to be spaced must be quoted as one argument:
# '.RI \(lqhurt " N" /10 during a session\(rq)' rendered
# "hurt N/10duringasession". Two unquoted words in a row are that mistake
# (an escape such as \(dq before a word is not a word).
awk '/^\.(RI|IR|BR|RB|BI|IB)[ \t]/ {
	line = substr($0, 4)
	gsub(/"[^"]*"/, " \" ", line)
	n = split(line, w, /[ \t]+/)
	for (i = 1; i < n; i++)
		if (w[i] ~ /[A-Za-z0-9]$/ && w[i] !~ /\\\(..$/ &&
		    w[i + 1] ~ /^[A-Za-z0-9]/) {
			print FILENAME ":" NR ": " $0
			break
		}
}' "$page" >"$TMP/glued"
if [ -s "$TMP/glued" ]; then
	fail "man page glues words in an alternating-font macro"
	sed 's/^/    /' "$TMP/glued"
else pass "man page spaces the words of its alternating-font macros"; fi
# Joined into one line with single spaces: the fill may break or stretch it.
tr '\n' ' ' <"$TMP/page.txt" | tr -s ' ' >"$TMP/page.line"
check_grep "man page: the pain refusal's words are spaced" \
    "hurt N/10 during a session" "$TMP/page.line"

# Bash completion, run in bash against the real binary.
if ! command -v bash >/dev/null 2>&1; then
	fail "bash is missing: cannot test docs/knead.bash-completion"; exit 1
fi
# complete_words WORDS...: the candidates for the last word (may be empty).
complete_words() {
	bash -c '
	. "$1"; shift
	COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
	_knead; printf "%s\n" "${COMPREPLY[@]}"' sh "$comp" "$@" 2>"$TMP/comp.err"
}
if bash -n "$comp" 2>"$TMP/comp.err"; then pass "bash completion parses"
else fail "bash completion has a syntax error"; sed 's/^/    /' "$TMP/comp.err"; fi
complete_words "$KNEAD" "" >"$TMP/c1"
if grep -qx run "$TMP/c1" && grep -qx validate "$TMP/c1" && grep -qx report "$TMP/c1"; then
	pass "completion offers the commands"
else fail "completion offers the commands (got: $(tr '\n' ' ' <"$TMP/c1"))"; fi
complete_words "$KNEAD" run --no >"$TMP/c2"
if grep -qx -- --no-sound "$TMP/c2" && grep -qx -- --no-voice "$TMP/c2"; then
	pass "completion offers run's options"
else fail "completion offers run's options (got: $(tr '\n' ' ' <"$TMP/c2"))"; fi
complete_words "$KNEAD" show desk >"$TMP/c3"
if grep -qx desk-neck-shoulders "$TMP/c3"; then pass "completion offers routine ids"
else fail "completion offers routine ids (got: $(tr '\n' ' ' <"$TMP/c3"))"; fi
complete_words "$KNEAD" report --format "" >"$TMP/c4"
if [ "$(sort "$TMP/c4" | tr '\n' ' ')" = "csv json md pdf png svg " ]; then pass "completion offers report formats"
else fail "completion offers report formats (got: $(tr '\n' ' ' <"$TMP/c4"))"; fi

# The README's Layout names every source file, so a newcomer finds where a
# behaviour lives from it (and a new module cannot be left out).
layout=$(sed -n '/^## Layout/,/^## /p' "$KNEAD_TOP/README.md")
missing=""
for f in "$KNEAD_TOP"/src/*.c; do
	n=$(basename "$f")
	echo "$layout" | grep -q "\`$n\`" || missing="$missing $n"
done
[ -z "$missing" ] && pass "README Layout names every src/*.c file" ||
    fail "README Layout leaves out:$missing"
