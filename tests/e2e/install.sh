#!/bin/sh
# make install / uninstall with PREFIX and DESTDIR: the binary, the routine
# library, the sounds, the man page; the installed binary finds its library.
. "$(dirname "$0")/../lib.sh"
cd "$KNEAD_TOP" || exit 1
stage="$TMP/stage"
make -s install DESTDIR="$stage" PREFIX=/usr >"$TMP/install.log" 2>&1
check "make install succeeds" test $? -eq 0
check "binary installed" test -x "$stage/usr/bin/knead"
for m in knead-core.so knead-audio.so knead-pdf.so knead-notify.so knead-store.so; do
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
for l in $(ls po/*.po 2>/dev/null | sed 's,po/\(.*\)\.po,\1,'); do
	check "$l catalogue installed" \
	    test -f "$stage/usr/share/locale/$l/LC_MESSAGES/knead.mo"
done
# The staged catalogues work (the binary itself looks in /usr/share/locale).
env -u LC_ALL LANG=C.UTF-8 LANGUAGE= KNEAD_LOCALEDIR="$stage/usr/share/locale" \
    LC_MESSAGES=de_DE.UTF-8 "$stage/usr/bin/knead" --help >"$TMP/de" 2>&1
if locale -a 2>/dev/null | grep -qix 'de_DE.utf-\{0,1\}8'; then
	check_grep "the installed German catalogue is read" "^Aufruf:" "$TMP/de"
fi
# The staged binary finds the staged library without any environment help.
env -u KNEAD_ROUTINES -u KNEAD_SOUNDS "$stage/usr/bin/knead" list >"$TMP/list" 2>&1
check_grep "installed binary lists its bundled routines" desk-neck-shoulders "$TMP/list"
make -s uninstall DESTDIR="$stage" PREFIX=/usr >/dev/null 2>&1
check "uninstall removes the binary" test ! -e "$stage/usr/bin/knead"
check "uninstall removes the data" test ! -e "$stage/usr/share/knead"
check "uninstall removes the modules" test ! -e "$stage/usr/lib/knead"
check "uninstall removes the catalogues" \
    test -z "$(find "$stage/usr/share/locale" -name knead.mo 2>/dev/null)"
