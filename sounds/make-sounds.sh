#!/bin/sh
# Build sounds/gen.c and run it to (re)make the cue files sounds/*.wav.
# `make sounds` calls this; the generated files are committed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/knead-sounds.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
${CC:-cc} -std=c11 -O2 -Wall -Wextra -D_GNU_SOURCE -o "$tmp/gen" "$here/gen.c" \
    $(${PKG_CONFIG:-pkg-config} --cflags --libs sndfile) -lm
"$tmp/gen" "$here"
