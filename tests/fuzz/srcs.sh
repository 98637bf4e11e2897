#!/bin/sh
# Print the src/*.c files a fuzz harness needs, found from the symbols
# rather than kept by hand (a hand-kept list broke the fuzz build when the
# loader began to use utf8.c and dates.c):
#   sh tests/fuzz/srcs.sh HARNESS.c OBJDIR
# OBJDIR holds one object per source of the program (make test-objs:
# build/rel). The list of sources is the Makefile's (make list-srcs: no
# main.c, no module's source), never what is in OBJDIR, where an old build
# may have left objects of files since removed or moved into a module; an
# object missing or older than its source is an error, not a guess. The
# harness's undefined symbols are looked up among the objects' defined
# ones, and each object found adds its own undefined symbols, until none
# is new.
set -u
export LC_ALL=C
h=$1; objs=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
srcs=$(${MAKE:-make} --no-print-directory -s list-srcs) || exit 1
[ -n "$srcs" ] || { echo "srcs.sh: make list-srcs named no source" >&2; exit 1; }
${CC:-cc} -std=c11 -D_GNU_SOURCE -Iinclude -c -o "$tmp/h.o" "$h" \
    $(pkg-config --cflags yaml-0.1 2>/dev/null) || exit 1
for f in $srcs; do
	n=$(basename "$f" .c)
	o=$objs/$n.o
	if [ ! -f "$o" ] || [ "$f" -nt "$o" ]; then
		echo "srcs.sh: $o is missing or older than $f (make test-objs)" >&2
		exit 1
	fi
	nm --defined-only -g "$o" | awk -v n="$n" 'NF == 3 { print $3, n }'
done >"$tmp/defs.all"
sort -u "$tmp/defs.all" >"$tmp/defs" || exit 1
nm -u "$tmp/h.o" | awk '{ print $NF }' | sort -u >"$tmp/need"
: >"$tmp/have"
while :; do
	new=$(join "$tmp/need" "$tmp/defs" | awk '{ print $2 }' | sort -u |
	    comm -23 - "$tmp/have")
	[ -z "$new" ] && break
	echo "$new" | cat - "$tmp/have" | sort -u >"$tmp/have.new"
	mv "$tmp/have.new" "$tmp/have"
	for n in $new; do nm -u "$objs/$n.o" | awk '{ print $NF }'; done |
	    cat - "$tmp/need" | sort -u >"$tmp/need.new"
	mv "$tmp/need.new" "$tmp/need"
done
sed 's|.*|src/&.c|' "$tmp/have"
