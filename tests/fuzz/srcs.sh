#!/bin/sh
# Print the src/*.c files a fuzz harness needs, found from the symbols
# rather than kept by hand (a hand-kept list broke the fuzz build when the
# loader began to use utf8.c and dates.c):
#   sh tests/fuzz/srcs.sh HARNESS.c OBJDIR
# OBJDIR holds one object per src/*.c (make test's build/test). The
# harness's undefined symbols are looked up among the objects' defined
# ones, and each object found adds its own undefined symbols, until none
# is new. main.o is never taken.
set -u
export LC_ALL=C
h=$1; objs=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
${CC:-cc} -std=c11 -D_GNU_SOURCE -Iinclude -c -o "$tmp/h.o" "$h" \
    $(pkg-config --cflags yaml-0.1 2>/dev/null) || exit 1
for o in "$objs"/*.o; do
	n=$(basename "$o" .o)
	[ "$n" = main ] && continue
	[ -f "src/$n.c" ] || continue
	nm --defined-only -g "$o" | awk -v n="$n" 'NF == 3 { print $3, n }'
done | sort -u >"$tmp/defs"
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
