#!/bin/sh
# The heavy libraries live in modules loaded with dlopen (issue 14,
# include/modules.h): the program maps only libc at exec, its core
# ncurses and libyaml; each build has its modules beside its binary; a module missing,
# broken or from another build leaves its feature off with one line, never
# a crash (without knead-store.so no store opens: exit 74, as for a store
# that cannot be opened); a session on the screen draws its first frame
# before the sound and the store are loaded.
. "$(dirname "$0")/../lib.sh"
cd "$KNEAD_TOP" || exit 1
bindir=$(dirname "$KNEAD")

# ---- what the program links: ./knead (the front, src/main.c) only the C
# library; its core, knead-core.so beside it, ncurses, libyaml and libc
# (SQLite and jansson are knead-store.so's).
readelf -d "$KNEAD" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' >"$TMP/needed"
bad=$(grep -v -E '^(libc|libasan|libubsan|libgcc_s)\.so' "$TMP/needed" | tr '\n' ' ')
check "knead itself links only libc ($(wc -l <"$TMP/needed") libraries${bad:+; also: $bad})" \
    test -z "$bad"
check "knead-core.so is built beside $(basename "$bindir")/knead" test -f "$bindir/knead-core.so"
readelf -d "$bindir/knead-core.so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' >"$TMP/needed"
bad=$(grep -v -E '^(libncursesw?|libtinfo|libyaml-0|libm|libc|libasan|libubsan|libdl|libpthread|libgcc_s)\.so' "$TMP/needed" | tr '\n' ' ')
check "knead-core.so links only ncurses, libyaml and libc, not SQLite or jansson ($(wc -l <"$TMP/needed") libraries${bad:+; also: $bad})" \
    test -z "$bad"
nm -D --defined-only "$bindir/knead-core.so" 2>/dev/null | awk '$2 != "A" { print $3 }' |
    grep -v '^_' >"$TMP/syms"
check "knead-core.so exports its entry and nothing else ($(head -c 200 "$TMP/syms" | tr '\n' ' '))" \
    test "$(cat "$TMP/syms")" = knead_core
for m in knead-audio.so knead-pdf.so knead-notify.so knead-store.so; do
	check "$m is built beside $(basename "$bindir")/knead" test -f "$bindir/$m"
	nm -D --defined-only "$bindir/$m" 2>/dev/null | awk '$2 != "A" { print $3 }' |
	    grep -v '^_' >"$TMP/syms"
	check "$m exports its table and nothing else" \
	    test "$(cat "$TMP/syms")" = knead_module
done
readelf -d "$bindir/knead-audio.so" >"$TMP/audio.dyn" 2>&1
check_grep "knead-audio.so brings PortAudio" "libportaudio" "$TMP/audio.dyn"
check_grep "knead-audio.so brings espeak-ng" "libespeak-ng" "$TMP/audio.dyn"
readelf -d "$bindir/knead-pdf.so" >"$TMP/pdf.dyn" 2>&1
check_grep "knead-pdf.so brings cairo" "libcairo" "$TMP/pdf.dyn"
# A command with no store maps neither SQLite nor jansson (the first frame
# of a session comes before its store is opened: cmd_session.c's run_go).
LD_DEBUG=files "$KNEAD" list >/dev/null 2>"$TMP/ld"
check "knead list maps neither SQLite nor jansson nor knead-store.so" \
    sh -c "! grep -q 'file=.*\(libsqlite3\|libjansson\|knead-store\)' '$TMP/ld'"
readelf -d "$bindir/knead-store.so" >"$TMP/store.dyn" 2>&1
check_grep "knead-store.so brings SQLite" "libsqlite3" "$TMP/store.dyn"
check_grep "knead-store.so brings jansson" "libjansson" "$TMP/store.dyn"

cat >"$TMP/short.yaml" <<'YAML'
knead: 1
id: modules-short
title: "Modules: a short one"
intensity: gentle
steps:
  - position: "Sit tall."
    time: 2s
YAML
cat >"$TMP/fr.yaml" <<'YAML'
knead: 1
id: modules-fr
title: "Modules: in French"
intensity: gentle
cues:
  lang: fr
steps:
  - position: "Asseyez-vous."
    time: 2s
YAML
mkstore "$TMP/h.db"

# ---- with the modules: they load
"$KNEAD" report --db "$TMP/h.db" --format pdf --out "$TMP/ok.pdf" >"$TMP/out" 2>&1
check "report --format pdf works with knead-pdf.so" test -s "$TMP/ok.pdf"

# ---- the program without its core: one line, exit 70, never a crash;
# and a core from another build is refused (never called).
rm -rf "$TMP/alone" && mkdir -p "$TMP/alone" && cp "$KNEAD" "$TMP/alone/knead"
"$TMP/alone/knead" list >"$TMP/nocore.out" 2>&1
rc=$?
check "knead without knead-core.so exits 70 (exit $rc)" test $rc -eq 70
check_grep "... saying where it looked" \
    "^knead: knead-core.so not found next to knead or in /" "$TMP/nocore.out"
check "... in one line" test "$(wc -l <"$TMP/nocore.out")" -eq 1
cat >"$TMP/fakecore.c" <<'C'
#include "core.h"
static int never(int c, char **v) { (void)c; (void)v; return 99; }
__attribute__((visibility("default")))
const struct knead_core knead_core = { "0.0.0-other", never };
C
if ${CC:-cc} -shared -fPIC -std=c11 -Iinclude -o "$TMP/alone/knead-core.so" \
    "$TMP/fakecore.c" 2>"$TMP/cc.err"; then
	"$TMP/alone/knead" list >"$TMP/other.out" 2>&1
	rc=$?
	check "a core from another build is refused, not run (exit $rc)" test $rc -eq 70
	check_grep "... naming both builds" \
	    "knead-core.so is from another build of knead (0.0.0-other, this is " "$TMP/other.out"
else
	fail "the stand-in core builds"; sed 's/^/    /' "$TMP/cc.err"
fi

# ---- without them: a copy of the binary and its core alone in a folder
run_without() { # NAME BINARY: the checks, for one build
	name=$1; bin=$2
	rm -rf "$TMP/alone" && mkdir -p "$TMP/alone" && cp "$bin" "$TMP/alone/knead" &&
	    cp "$(dirname "$bin")/knead-core.so" "$(dirname "$bin")/knead-store.so" \
	    "$TMP/alone/"
	k=$TMP/alone/knead
	"$k" sound --list >"$TMP/sound.out" 2>&1
	check "$name: sound --list without knead-audio.so exits 0" test $? -eq 0
	check_grep "$name: it says the module is missing" \
	    "(none: knead-audio.so not found next to knead" "$TMP/sound.out"
	"$k" run --plain --db "$TMP/h.db" "$TMP/short.yaml" </dev/null \
	    >"$TMP/run.out" 2>&1
	check "$name: a session with sound on but no knead-audio.so completes" \
	    test $? -eq 0
	check_grep "$name: the session says why it is silent, once" \
	    "sound unavailable (knead-audio.so not found next to knead or in .*): running silently" \
	    "$TMP/run.out"
	check "$name: ... in one line" \
	    test "$(grep -c knead-audio "$TMP/run.out")" -eq 1
	"$k" report --db "$TMP/h.db" --format pdf --out "$TMP/no.pdf" \
	    >"$TMP/pdf.out" 2>&1
	rc=$?
	check "$name: report --format pdf without knead-pdf.so fails (exit $rc)" \
	    test $rc -ne 0 -a $rc -lt 128
	check_grep "$name: ... naming the module and the formats that work" \
	    "knead-pdf.so not found .*; --format md, csv and json work without it" \
	    "$TMP/pdf.out"
	check "$name: ... in one line, no file left" \
	    test "$(wc -l <"$TMP/pdf.out")" -eq 1 -a ! -e "$TMP/no.pdf"
	"$k" report --db "$TMP/h.db" --format md --out "$TMP/ok.md" >/dev/null 2>&1
	check "$name: report --format md needs no module" test -s "$TMP/ok.md"
	"$k" render --no-voice -o "$TMP/x.wav" "$TMP/short.yaml" >"$TMP/render.out" 2>&1
	rc=$?
	check "$name: render without knead-audio.so fails cleanly (exit $rc)" \
	    test $rc -ne 0 -a $rc -lt 128
	check_grep "$name: ... saying why" "knead-audio.so" "$TMP/render.out"
	"$k" validate "$TMP/fr.yaml" >"$TMP/val.out" 2>&1
	check "$name: validate of a routine in French works without the voices (exit $?)" \
	    grep -q "knead-audio.so" "$TMP/val.out"
	# A broken module: reported, not loaded, not passed over.
	echo "not a shared object" >"$TMP/alone/knead-audio.so"
	"$k" run --plain --db "$TMP/h.db" "$TMP/short.yaml" </dev/null \
	    >"$TMP/run2.out" 2>&1
	check "$name: a broken knead-audio.so: the session completes" test $? -eq 0
	check_grep "$name: ... and says it cannot be loaded" \
	    "sound unavailable (knead-audio.so cannot be loaded: " "$TMP/run2.out"
}
run_without "release build" "$KNEAD"
if [ "$KNEAD_ASAN" != "$KNEAD" ]; then
	run_without "ASan build" "$KNEAD_ASAN"
fi

# ---- without knead-store.so (SQLite, jansson): no store opens, as for a
# store that cannot be opened (exit 74, one line naming the module), the
# file left as it was; what needs no store still works.
run_without_store() { # NAME BINARY
	name=$1; bin=$2
	rm -rf "$TMP/alone" && mkdir -p "$TMP/alone" && cp "$bin" "$TMP/alone/knead" &&
	    cp "$(dirname "$bin")/knead-core.so" "$TMP/alone/"
	k=$TMP/alone/knead
	cp "$TMP/h.db" "$TMP/ns.db"
	"$k" run --plain --no-sound --db "$TMP/ns.db" "$TMP/short.yaml" </dev/null \
	    >"$TMP/ns.out" 2>&1
	rc=$?
	check "$name: run without knead-store.so exits 74, as for a store it cannot open (exit $rc)" \
	    test $rc -eq 74
	check_grep "$name: ... naming the store and the module" \
	    "^knead: history store: $TMP/ns.db cannot be opened: knead-store.so not found next to knead or in /" \
	    "$TMP/ns.out"
	check "$name: ... in one line" test "$(wc -l <"$TMP/ns.out")" -eq 1
	check "$name: ... and the store is left as it was" cmp -s "$TMP/h.db" "$TMP/ns.db"
	"$k" run --plain --no-sound --db "$TMP/nsnew.db" "$TMP/short.yaml" \
	    </dev/null >/dev/null 2>&1
	check "$name: ... and no store is made (exit $?)" test ! -e "$TMP/nsnew.db"
	# On the screen: the first frame, then the store fails; the screen
	# is left and the reason said (cmd_session.c's run_go).
	if command -v script >/dev/null 2>&1; then
		TERM=xterm-256color script -qec "$k run --no-sound --db $TMP/ns.db \
		    $TMP/short.yaml" /dev/null </dev/null >"$TMP/ns.scr" 2>&1
		rc=$?
		check "$name: on the screen, run without knead-store.so exits 74 (exit $rc)" \
		    test $rc -eq 74
		tr -d '\r' <"$TMP/ns.scr" | sed 's/.*\x1b\[?1049l[^k]*//' >"$TMP/ns.out"
		check_grep "$name: ... after leaving the screen, saying why" \
		    "^knead: history store: .*knead-store.so not found" "$TMP/ns.out"
	fi
	"$k" history --db "$TMP/h.db" >"$TMP/ns.out" 2>&1
	rc=$?
	check "$name: history without knead-store.so exits 74 (exit $rc)" test $rc -eq 74
	check_grep "$name: ... saying why" "knead-store.so not found" "$TMP/ns.out"
	"$k" status --line --db "$TMP/h.db" >"$TMP/ns.out" 2>&1
	rc=$?
	check "$name: status --line without knead-store.so prints nothing, exit 0 (exit $rc)" \
	    test $rc -eq 0 -a ! -s "$TMP/ns.out"
	printf '{"kind":"knead-history","format":3,"sessions":0}\n' >"$TMP/ns.jsonl"
	"$k" import --db "$TMP/ns.db" "$TMP/ns.jsonl" >"$TMP/ns.out" 2>&1
	rc=$?
	check "$name: import without knead-store.so exits 74 (exit $rc)" test $rc -eq 74
	check_grep "$name: ... naming the module, not calling the file bad" \
	    "^knead import: $TMP/ns.jsonl: knead-store.so not found" "$TMP/ns.out"
	"$k" list >/dev/null 2>&1
	check "$name: list needs no store (exit $?)" test $? -eq 0
	echo "not a shared object" >"$TMP/alone/knead-store.so"
	"$k" run --plain --no-sound --db "$TMP/ns.db" "$TMP/short.yaml" </dev/null \
	    >"$TMP/ns.out" 2>&1
	rc=$?
	check "$name: a broken knead-store.so: exit 74 (exit $rc)" test $rc -eq 74
	check_grep "$name: ... saying it cannot be loaded" \
	    "cannot be opened: knead-store.so cannot be loaded: " "$TMP/ns.out"
}
run_without_store "release build" "$KNEAD"
if [ "$KNEAD_ASAN" != "$KNEAD" ]; then
	run_without_store "ASan build" "$KNEAD_ASAN"
fi

# A module from another build is refused by its table's version.
cat >"$TMP/fake.c" <<'C'
#include "modules.h"
KMOD_EXPORT const struct kmod_pdf knead_module = {
	{ KMOD_ABI, sizeof (struct kmod_pdf), "0.0.0-other" }, 0
};
C
rm -rf "$TMP/alone" && mkdir -p "$TMP/alone" && cp "$KNEAD" "$TMP/alone/knead" &&
    cp "$bindir/knead-core.so" "$bindir/knead-store.so" "$TMP/alone/"
if ${CC:-cc} -shared -fPIC -std=c11 -D_GNU_SOURCE -Iinclude -o \
    "$TMP/alone/knead-pdf.so" "$TMP/fake.c" 2>"$TMP/cc.err"; then
	"$TMP/alone/knead" report --db "$TMP/h.db" --format pdf \
	    --out "$TMP/other.pdf" >"$TMP/other.out" 2>&1
	check_grep "a module from another build is refused (never called)" \
	    "knead-pdf.so is from another build of knead (0.0.0-other" "$TMP/other.out"
else
	fail "the stand-in module builds"; sed 's/^/    /' "$TMP/cc.err"
fi

# ---- the first frame comes before the sound is loaded
if command -v tmux >/dev/null 2>&1; then
	cat >"$TMP/asound.conf" <<'ALSA'
pcm.!default { type null }
ALSA
	SOCK=knead-modules$$
	tmux -L "$SOCK" new-session -d -s m -x 80 -y 24 -e LANG=C.UTF-8 \
	    -e ALSA_CONFIG_PATH="$TMP/asound.conf" -e KNEAD_ROUTINES="$KNEAD_ROUTINES" \
	    -e KNEAD_SOUNDS="$KNEAD_SOUNDS" -e HOME="$HOME" \
	    -e XDG_CONFIG_HOME="$XDG_CONFIG_HOME" -e XDG_DATA_HOME="$XDG_DATA_HOME" \
	    "$KNEAD run --db $TMP/h.db --log $TMP/ev.log $TMP/short.yaml; sleep 30"
	i=0
	while ! grep -q 'session-end' "$TMP/ev.log" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	tmux -L "$SOCK" kill-server 2>/dev/null
	awk '$2 == "first-frame" && !f { f = NR } $2 == "session-start" && !s { s = NR }
	    END { exit !(f && s && f < s) }' "$TMP/ev.log"
	check "on the screen, the first frame is drawn before the sound is loaded (first-frame before session-start)" \
	    test $? -eq 0
	check_grep "... and the session still plays its cues" " cue 0 session-start" "$TMP/ev.log"
else
	echo "SKIP: tmux is missing"
fi
