#!/bin/sh
# make check-size: STYLE.md's sizes, measured rather than remembered.
# Fails naming every file over MAX_FILE lines and every function over
# MAX_FUNC lines (from the line of its name to its closing brace, by
# universal-ctags' end lines: ctags --fields=+ne).
#   sh tests/check-size.sh FILE.c...
set -u
export LC_ALL=C
MAX_FILE=${MAX_FILE:-1000}
MAX_FUNC=${MAX_FUNC:-120}
if ! ctags --version 2>/dev/null | grep -q 'Universal Ctags'; then
	echo "check-size: needs universal-ctags (sh tests/deps.sh test installs it)" >&2
	exit 1
fi
bad=0
for f in "$@"; do
	n=$(wc -l <"$f")
	if [ "$n" -gt "$MAX_FILE" ]; then
		echo "check-size: $f has $n lines (at most $MAX_FILE: split it along a seam)"
		bad=1
	fi
done
over=$(ctags --fields=+ne --kinds-C=f -f - "$@" | awk -F '\t' -v max="$MAX_FUNC" '
{
	line = 0; end = 0
	for (i = 4; i <= NF; i++) {
		if ($i ~ /^line:/) line = substr($i, 6) + 0
		else if ($i ~ /^end:/) end = substr($i, 5) + 0
	}
	if (line > 0 && end >= line && end - line + 1 > max)
		printf "check-size: %s:%d: %s() has %d lines (at most %d)\n",
		    $2, line, $1, end - line + 1, max
}')
if [ -n "$over" ]; then
	echo "$over"
	bad=1
fi
exit $bad
