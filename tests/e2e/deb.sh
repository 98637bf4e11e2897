#!/bin/sh
# make deb (issue 16): the Debian package is built from the tree with
# dpkg-buildpackage and debhelper, lintian finds no error, and it installs
# with apt into this machine: knead list, knead show desk-break and
# man -w knead work from the installed paths; then it is removed again.
. "$(dirname "$0")/../lib.sh"
cd "$KNEAD_TOP" || exit 1

for c in dpkg-buildpackage dh apt-get; do
	if ! command -v $c >/dev/null 2>&1; then
		echo "SKIP: $c is missing (apt-get install dpkg-dev debhelper lintian)"
		exit 0
	fi
done
if [ "$(id -u)" != 0 ]; then
	echo "SKIP: installing the package needs root"; exit 0
fi
if dpkg-query -W -f '${Status}' knead 2>/dev/null | grep -q "ok installed"; then
	echo "SKIP: a knead package is installed on this machine already"
	exit 0
fi

ver=$(sed -n 's/^VERSION[[:space:]]*=[[:space:]]*//p' Makefile)
arch=$(dpkg --print-architecture)
# The package is built in the test's folder: the tree's build/ is untouched.
s0=$(date +%s)
top_knead=$(stat -c %Y knead 2>/dev/null)
make -s deb B="$TMP/b" >"$TMP/deb.log" 2>&1
rc=$?
check "make deb succeeds (lintian: no error)" test $rc -eq 0
[ $rc -eq 0 ] || sed 's/^/    /' "$TMP/deb.log" | tail -n 30
deb="$TMP/b/deb/knead_${ver}_${arch}.deb"
check "make deb gives knead_VERSION_ARCH.deb ($(basename "$deb"), $(($(date +%s) - s0)) s)" \
    test -f "$deb"
[ -f "$deb" ] || exit 0
check "the tree's own ./knead is left as it was" \
    test "$(stat -c %Y knead 2>/dev/null)" = "$top_knead"

dpkg-deb -c "$deb" | awk '{ print $6 }' >"$TMP/contents"
for f in ./usr/bin/knead ./usr/lib/knead/knead-audio.so ./usr/lib/knead/knead-pdf.so \
    ./usr/lib/knead/knead-notify.so ./usr/lib/knead/knead-store.so \
    ./usr/lib/knead/knead-core.so ./usr/share/knead/routines/desk-break.yaml \
    ./usr/share/knead/sounds/position.wav ./usr/share/man/man1/knead.1.gz \
    ./usr/share/bash-completion/completions/knead ./usr/share/doc/knead/copyright \
    ./usr/share/locale/fr/LC_MESSAGES/knead.mo ./usr/share/locale/de/LC_MESSAGES/knead.mo \
    ./usr/share/locale/es/LC_MESSAGES/knead.mo; do
	check_grep "the package holds ${f#.}" "^$f\$" "$TMP/contents"
done
n=$(grep -c '^./usr/share/knead/routines/.*\.yaml$' "$TMP/contents")
check "every bundled routine is in the package ($n)" \
    test "$n" -eq "$(ls routines/*.yaml | wc -l)"
dpkg-deb -f "$deb" Depends >"$TMP/depends"
check_grep "Depends computed from the libraries (shlibs)" "libsqlite3-0" "$TMP/depends"
check_grep "Depends names the notification library" "libnotify4" "$TMP/depends"
if [ -f LICENSE ] || [ -f COPYING ]; then
	dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ./usr/share/doc/knead/copyright \
	    >"$TMP/copyright"
	check "debian/copyright names the licence of LICENSE" \
	    sh -c "! grep -q 'not chosen' '$TMP/copyright'"
fi

# Install it with apt, as a user would; remove it whatever happens.
trap 'apt-get remove -y -qq knead >/dev/null 2>&1; [ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"' EXIT
apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=120 \
    "$deb" >"$TMP/apt.log" 2>&1
rc=$?
check "apt installs the package" test $rc -eq 0
[ $rc -eq 0 ] || { sed 's/^/    /' "$TMP/apt.log" | tail -n 20; exit 0; }
# From the installed paths only: no source-tree variables, a clean PATH.
inst() { env -u KNEAD_ROUTINES -u KNEAD_SOUNDS -u KNEAD_DB \
    PATH=/usr/bin:/bin "$@"; }
inst sh -c 'command -v knead' >"$TMP/which"
check_grep "knead is /usr/bin/knead" "^/usr/bin/knead$" "$TMP/which"
inst knead list >"$TMP/list" 2>&1
check "installed knead list exits 0" test $? -eq 0
check_grep "installed knead list shows the bundled library" "desk-break" "$TMP/list"
inst knead show desk-break >"$TMP/show" 2>&1
check "installed knead show desk-break exits 0" test $? -eq 0
check_grep "installed knead show desk-break shows it" "Desk break" "$TMP/show"
inst knead list --json >"$TMP/list.json" 2>&1
check_grep "the installed routines are read from /usr/share/knead" \
    '"path": "/usr/\(bin/\.\./\)\{0,1\}share/knead/routines/desk-break.yaml"' \
    "$TMP/list.json"
inst man -aw knead >"$TMP/man" 2>&1
check_grep "man -w knead finds the installed page" \
    "^/usr/share/man/man1/knead.1.gz$" "$TMP/man"
check "the installed sounds are there" \
    test -f /usr/share/knead/sounds/position.wav
# The installed program finds its modules in /usr/lib/knead.
readelf -d /usr/bin/knead | grep -c NEEDED >"$TMP/needed" 2>/dev/null
check "the installed knead links only libc ($(cat "$TMP/needed"))" \
    test "$(cat "$TMP/needed")" -eq 1
check "its core is installed in /usr/lib/knead" test -f /usr/lib/knead/knead-core.so
inst knead sound --list >"$TMP/sound" 2>&1
check "the installed knead loads knead-audio.so from /usr/lib/knead" \
    sh -c "! grep -q 'knead-audio.so' '$TMP/sound'"
mkstore "$TMP/deb.db"
inst knead report --db "$TMP/deb.db" --format pdf --out "$TMP/deb.pdf" >"$TMP/pdf" 2>&1
check "the installed knead writes a PDF with knead-pdf.so" test -s "$TMP/deb.pdf"
inst knead history --db "$TMP/deb.db" >"$TMP/hist" 2>&1
rc=$?
check "the installed knead reads its store with knead-store.so (exit $rc)" \
    sh -c "[ $rc -eq 0 ] && ! grep -q 'knead-store.so' '$TMP/hist'"
if locale -a 2>/dev/null | grep -qix 'de_DE.utf-\{0,1\}8'; then
	inst env -u LC_ALL -u LANGUAGE LANG=de_DE.UTF-8 knead --help >"$TMP/de" 2>&1
	check_grep "installed knead speaks German from /usr/share/locale" \
	    "^Aufruf: knead" "$TMP/de"
fi

apt-get remove -y -qq -o DPkg::Lock::Timeout=120 knead >"$TMP/remove.log" 2>&1
check "apt removes the package" test $? -eq 0
check "removed: no /usr/bin/knead" test ! -e /usr/bin/knead
check "removed: no /usr/share/knead" test ! -e /usr/share/knead
check "removed: no /usr/lib/knead" test ! -e /usr/lib/knead
