#!/bin/sh
# Golden diagnostics (STYLE.md, "Testing"): every tests/bad/NAME.yaml must be
# rejected by `knead validate` with exit 65 and exactly the stderr kept in
# tests/bad/NAME.expected, compared byte for byte. A file that is valid but
# warned about says its exit status (0) in tests/bad/NAME.exit. Files that would bloat the
# repository (over 1 MiB, very deep nesting) are generated here instead.
. "$(dirname "$0")/../lib.sh"
cd "$KNEAD_TOP" || exit 1

# expect NAME FILE EXPECTED [EXIT]: validate FILE, compare stderr, check the
# exit status (65 unless told).
expect() {
	name=$1 file=$2 want=$3 code=${4:-65}
	"$KNEAD" validate "$file" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if cmp -s "$want" "$TMP/err"; then
		pass "$name: diagnostics"
	else
		fail "$name: diagnostics differ (-expected +got)"
		diff "$want" "$TMP/err" | sed 's/^/    /' | head -n 20
	fi
	if [ "$rc" -eq "$code" ]; then pass "$name: exit $code"
	else fail "$name: exit $rc, wanted $code"; fi
	if [ -s "$TMP/out" ]; then fail "$name: wrote to stdout"; fi
	# Hostile input must not trip the sanitizers either.
	if [ "$KNEAD_ASAN" != "$KNEAD" ]; then
		"$KNEAD_ASAN" validate "$file" >/dev/null 2>"$TMP/asan"
		rc=$?
		if [ "$rc" -eq "$code" ] && cmp -s "$want" "$TMP/asan"; then
			pass "$name: same under ASan+UBSan"
		else
			fail "$name: ASan+UBSan run (exit $rc)"
			head -n 20 "$TMP/asan" | sed 's/^/    /'
		fi
	fi
}

n=0
for y in tests/bad/*.yaml; do
	base=${y%.yaml}
	name=bad/$(basename "$base")
	n=$((n + 1))
	if [ ! -f "$base.expected" ]; then
		fail "$name: missing $base.expected"
		continue
	fi
	code=65
	if [ -f "$base.exit" ]; then code=$(cat "$base.exit"); fi
	expect "$name" "$y" "$base.expected" "$code"
done
if [ "$n" -ge 30 ]; then pass "corpus has $n files"
else fail "corpus has only $n files"; fi

# A file over 1 MiB is refused before parsing.
big=$TMP/huge.yaml
{
	printf 'knead: 1\nid: huge\ntitle: Huge\nsteps:\n  - rest: 10s\n'
	head -c 1048576 /dev/zero | tr '\0' '#'
} >"$big"
size=$(wc -c <"$big" | tr -d ' ')
printf '%s: error: file is %s bytes; %s\n' "$big" "$size" \
    'routines are limited to 1048576 bytes (1 MiB)' >"$TMP/huge.expected"
expect "generated/huge" "$big" "$TMP/huge.expected"

# 100000 nested brackets: quadratic in libyaml's scanner unless the depth
# guard stops it at once (TESTING.md measured 32 s without it).
deep=$TMP/deep.yaml
{
	printf 'steps: '
	head -c 100000 /dev/zero | tr '\0' '['
	printf '\n'
} >"$deep"
printf '%s:1:39: error: nesting deeper than 32 levels\n' "$deep" \
    >"$TMP/deep.expected"
start=$(date +%s)
expect "generated/deep" "$deep" "$TMP/deep.expected"
took=$(($(date +%s) - start))
if [ "$took" -le 5 ]; then pass "generated/deep: rejected in ${took}s"
else fail "generated/deep: took ${took}s"; fi

# A key out of line after 400000 comment lines: the YAML hints read each
# line once (they counted every line from the file's start: minutes), and
# name the keys of the block around it, not libyaml's root (line 1).
long=$TMP/long.yaml
{
	printf 'knead: 1\nlimits:\n  rest: 24h\n'
	yes '#' | head -n 400000
	printf ' per-week: 3\n'
} >"$long"
printf '%s:400004:2: error: did not find expected key while parsing a block mapping (started at line 1, column 1); this line starts at column 2, the keys of its block (line 3) at column 3: line them up\n' \
    "$long" >"$TMP/long.expected"
start=$(date +%s)
expect "generated/long-hint" "$long" "$TMP/long.expected"
took=$(($(date +%s) - start))
if [ "$took" -le 5 ]; then pass "generated/long-hint: said in ${took}s"
else fail "generated/long-hint: took ${took}s"; fi

# Encodings (issue 13): a UTF-16 file, with its byte order mark (which
# libyaml would read without a word) or without, is refused by name; a
# UTF-8 byte order mark (Windows editors write one) is skipped.
ok=routines/desk-break.yaml
u16=$TMP/utf16.yaml
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$ok"; } >"$u16"
printf '%s: error: the file is UTF-16LE text; routines are UTF-8: save it as UTF-8 and try again\n' \
    "$u16" >"$TMP/utf16.expected"
expect "generated/utf16-bom" "$u16" "$TMP/utf16.expected"
iconv -f UTF-8 -t UTF-16BE "$ok" >"$u16"
printf '%s: error: the file is UTF-16BE text; routines are UTF-8: save it as UTF-8 and try again\n' \
    "$u16" >"$TMP/utf16.expected"
expect "generated/utf16be" "$u16" "$TMP/utf16.expected"
bom=$TMP/bom.yaml
{ printf '\357\273\277'; sed 's/^id: desk-break$/id: desk-break-bom/' "$ok"; } >"$bom"
printf 'knead: %s: valid, no errors or warnings\n' "$bom" >"$TMP/bom.expected"
expect "generated/utf8-bom" "$bom" "$TMP/bom.expected" 0
# ...and its positions are the editor's (the mark is not a column).
sed 's/^title: /titel: /' "$bom" >"$TMP/bom2.yaml"
"$KNEAD" validate "$TMP/bom2.yaml" 2>"$TMP/err"
line=$(grep -n '^titel: ' "$TMP/bom2.yaml" | cut -d: -f1)
check_grep "generated/utf8-bom: positions as without the mark" \
    "bom2.yaml:$line:1: error: unknown key 'titel'" "$TMP/err"

# A line separator never reaches the terminal: run and show refuse the
# file as validate does, and say where it is without echoing it.
sep=tests/bad/line-separator.yaml
for cmd in "run --plain" show; do
	# shellcheck disable=SC2086
	"$KNEAD" $cmd "$sep" </dev/null >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ "$rc" -eq 65 ]; then pass "$cmd line-separator.yaml: exit 65"
	else fail "$cmd line-separator.yaml: exit $rc, wanted 65"; fi
	if cat "$TMP/out" "$TMP/err" | LC_ALL=C grep -q "$(printf '\342\200\250')"; then
		fail "$cmd line-separator.yaml: U+2028 written raw"
	else
		pass "$cmd line-separator.yaml: no U+2028 written"
	fi
	check_grep "$cmd line-separator.yaml: says where" \
	    "line-separator.yaml:5:24: error: line separator U+2028" "$TMP/err"
done
