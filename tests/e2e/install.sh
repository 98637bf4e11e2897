#!/bin/sh
# make install / uninstall with PREFIX and DESTDIR: the binary, the routine
# library, the sounds, the man page; the installed binary finds its library.
. "$(dirname "$0")/../lib.sh"
cd "$KNEAD_TOP" || exit 1
stage="$TMP/stage"
make -s install DESTDIR="$stage" PREFIX=/usr >"$TMP/install.log" 2>&1
check "make install succeeds" test $? -eq 0
check "binary installed" test -x "$stage/usr/bin/knead"
for m in knead-audio.so knead-pdf.so knead-notify.so; do
	check "module $m installed in PREFIX/lib/knead" test -f "$stage/usr/lib/knead/$m"
done
check "routines installed" test -f "$stage/usr/share/knead/routines/desk-neck-shoulders.yaml"
n=$(ls "$stage/usr/share/knead/routines" | wc -l)
check "whole library installed ($n files)" test "$n" -eq "$(ls routines/*.yaml | wc -l)"
if ls sounds/*.wav >/dev/null 2>&1; then
	check "sounds installed" test -n "$(ls "$stage/usr/share/knead/sounds/" 2>/dev/null)"
fi
if [ -f docs/knead.1 ]; then
	check "man page installed" test -f "$stage/usr/share/man/man1/knead.1"
fi
# The staged binary finds the staged library without any environment help.
env -u KNEAD_ROUTINES -u KNEAD_SOUNDS "$stage/usr/bin/knead" list >"$TMP/list" 2>&1
check_grep "installed binary lists its bundled routines" desk-neck-shoulders "$TMP/list"
make -s uninstall DESTDIR="$stage" PREFIX=/usr >/dev/null 2>&1
check "uninstall removes the binary" test ! -e "$stage/usr/bin/knead"
check "uninstall removes the data" test ! -e "$stage/usr/share/knead"
check "uninstall removes the modules" test ! -e "$stage/usr/lib/knead"
