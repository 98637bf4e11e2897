# knead: a terminal coach for self-massage.
#
#   make          build ./knead, its core and modules (build/rel/knead-*.so)
#   make run      install what is missing, build, start the coach
#   make test     install what is missing, build (the release, and ASan+UBSan
#                 with -Werror), run every test with the release build,
#                 then the unit and command tests again under ASan+UBSan
#   make bench    print the benchmark table
#   make fuzz     run the libFuzzer harness (FUZZ_SECONDS=600)
#   make install / uninstall   (PREFIX, DESTDIR)
#   make pot      extract the messages into po/knead.pot, merge po/*.po
#   make deb      build the Debian package (debian/) into build/deb/

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
LIBDIR	?= $(PREFIX)/lib
MODDIR	?= $(LIBDIR)/knead
DATADIR	?= $(PREFIX)/share/knead
MANDIR	?= $(PREFIX)/share/man/man1
COMPDIR	?= $(PREFIX)/share/bash-completion/completions
LOCALEDIR ?= $(PREFIX)/share/locale
B	?= build
DESTDIR	?=

CC		?= cc
PKG_CONFIG	?= pkg-config
# ./knead itself (src/main.c, "the front") links only the C library and
# loads the core, knead-core.so, the rest of the program, which links
# CORE_PKGS; the heavy libraries are in modules the core loads with dlopen
# when first needed (include/modules.h), SQLite and jansson too: the
# store's code is the core's (history*.c), the library it calls is in
# knead-store.so, opened after a session's first frame.
CORE_PKGS	= ncursesw yaml-0.1
STORE_PKGS	= sqlite3 jansson
AUDIO_PKGS	= portaudio-2.0 sndfile samplerate espeak-ng alsa
PDF_PKGS	= cairo pangocairo
NOTIFY_PKGS	= libnotify
PKGS		= $(CORE_PKGS) $(STORE_PKGS) $(AUDIO_PKGS) $(PDF_PKGS) $(NOTIFY_PKGS)
TEST_PKGS	= cmocka

VERSION		= 0.1.0

WARN	= -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	  -Wwrite-strings -Wpointer-arith -Wformat=2 -Wno-format-nonliteral
CFLAGS	?= -O2 -g
KDEFS	= -std=c11 -D_GNU_SOURCE -iquote include $(WARN) \
	  -DKNEAD_VERSION='"$(VERSION)"' -DKNEAD_DATADIR='"$(DATADIR)"' \
	  -DKNEAD_LOCALEDIR='"$(LOCALEDIR)"' -DKNEAD_LINGUAS='"$(LINGUAS)"'
KCFLAGS	= $(KDEFS) -DKNEAD_LIBDIR='"$(MODDIR)"' -DKNEAD_TREE_MODDIR='"$(B)/rel"' \
	  $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) $(STORE_PKGS) 2>/dev/null)
# Modules: position-independent, every symbol hidden but the table.
MCFLAGS	= $(KDEFS) -fPIC -fvisibility=hidden \
	  $(shell $(PKG_CONFIG) --cflags $(AUDIO_PKGS) $(PDF_PKGS) $(NOTIFY_PKGS) $(STORE_PKGS) 2>/dev/null)
LIBS	= $(shell $(PKG_CONFIG) --libs $(CORE_PKGS) 2>/dev/null) -ldl -lpthread
AUDIO_LIBS  = $(shell $(PKG_CONFIG) --libs $(AUDIO_PKGS) 2>/dev/null) -lm -ldl -lpthread
PDF_LIBS    = $(shell $(PKG_CONFIG) --libs $(PDF_PKGS) 2>/dev/null) -lm
NOTIFY_LIBS = $(shell $(PKG_CONFIG) --libs $(NOTIFY_PKGS) 2>/dev/null)
STORE_LIBS  = $(shell $(PKG_CONFIG) --libs $(STORE_PKGS) 2>/dev/null)
# Unit tests may write their inputs with the libraries themselves.
ALL_LIBS    = $(AUDIO_LIBS) $(PDF_LIBS) $(NOTIFY_LIBS) $(STORE_LIBS)
TLIBS	= $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

# Each module: its own sources (only there; the first holds its table
# where it has no kmod_*.c), and copies of the small program files they
# use (built into the module, hidden).
AUDIO_SRCS	= src/audio_pa.c src/speech.c src/voices.c src/sndio.c src/kmod_audio.c
AUDIO_COPY	= src/mixer.c src/words.c src/i18n.c src/xmalloc.c
PDF_SRCS	= src/report_pdf.c src/report_pdf_chart.c
PDF_COPY	= src/areas.c src/dates.c src/halt_why.c src/i18n.c src/report.c src/report_text.c src/textout.c src/utf8.c src/xmalloc.c
NOTIFY_SRCS	= src/notify.c
NOTIFY_COPY	=
STORE_SRCS	= src/kmod_store.c src/json.c
STORE_COPY	= src/xmalloc.c
MOD_SRCS	= $(AUDIO_SRCS) $(PDF_SRCS) $(NOTIFY_SRCS) $(STORE_SRCS)
MODULES		= knead-audio.so knead-pdf.so knead-notify.so knead-store.so
# The front (src/main.c): the status line's kept answer and the core's
# loading. Built from these files with every function in its own section,
# linked with --gc-sections: only what main() reaches is kept, so the
# store's and the loader's library calls in the same files are dropped
# (check-boundaries: ./knead needs only libc).
FRONT_SRCS	= src/main.c src/statusline.c src/moddirs.c src/deskline.c \
		  src/deskidx.c src/desk.c src/library.c src/history.c \
		  src/routine.c src/i18n.c src/clock.c src/dates.c src/xmalloc.c \
		  src/outfile.c src/shword.c
FRONT_CFLAGS	= -ffunction-sections -fdata-sections

SRCS	= $(wildcard src/*.c)
LIBSRCS	= $(filter-out src/main.c $(MOD_SRCS),$(SRCS))
UNITS	= $(wildcard tests/unit/test_*.c)
HELPERS	= $(filter-out tests/helpers/faultshim.c tests/helpers/pacepcm.c,$(wildcard tests/helpers/*.c))

# The catalogues (gettext): po/LL.po, built to build/locale/LL/LC_MESSAGES/
# knead.mo, where the binary finds them when it runs from the tree.
LINGUAS	= $(sort $(patsubst po/%.po,%,$(wildcard po/*.po)))
MOS	= $(LINGUAS:%=$(B)/locale/%/LC_MESSAGES/knead.mo)
XGETTEXT_FLAGS = --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
	  -k_ -kN_ -kR_ -kC_:1c,2 -kNC_:1c,2 --package-name=knead \
	  --package-version=$(VERSION) --msgid-bugs-address=knead@localhost \
	  --no-wrap --sort-by-file

# Two builds side by side: release (./knead, and build/rel/knead beside
# its core for the tests) and asan, -Werror (the warnings of every file of
# the program are errors there). The tests' own programs (build/test: the
# unit tests, helpers, the fault shim) are built with -Werror too; the
# unit tests link the release objects, the sanitizer's unit tests the
# asan ones. (A third build of the program, -O1 -Werror, was 26 of make
# test's 177 build CPU-seconds and checked nothing the asan build does not.)
# The program's objects are position-independent (they make knead-core.so;
# the unit tests link them too), every symbol hidden but the core's entry.
REL_OBJ	= $(LIBSRCS:src/%.c=$(B)/rel/%.o)
ASN_OBJ	= $(LIBSRCS:src/%.c=$(B)/asan/%.o)
TST_FLAGS = -O1 -g -Werror
ASN_FLAGS = -O1 -g -Werror -fsanitize=address,undefined \
	    -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# Quiet by default; `make V=1` shows the full commands.
ifeq ($(V),1)
Q =
else
Q = @
endif

comma	:= ,

.PHONY: FORCE all modules run test check unit-test asan-test deps test-deps bench fuzz deb \
	install uninstall clean sounds check-boundaries check-size test-objs fuzz-harnesses list-srcs list-store-srcs mo pot check-po

# A plain `make` on a fresh machine installs what is missing first (as
# `make run` does), rather than stopping at a missing header.
all: deps
	@$(MAKE) -s --no-print-directory knead modules mo

mo: $(MOS)

# i18n.c is built with the list of catalogues (KNEAD_LINGUAS).
$(B)/rel/i18n.o $(B)/asan/i18n.o $(B)/rel/mod/i18n.o \
    $(B)/asan/mod/i18n.o: $(wildcard po/*.po)

# --check: a translation's %d, %s and %1$s must match its message's.
$(B)/locale/%/LC_MESSAGES/knead.mo: po/%.po
	@[ "$(V)" = 1 ] || echo "  MSGFMT  $@"
	@mkdir -p $(@D)
	$(Q)msgfmt --check -o $@ $<

# `make pot`: every _(), N_(), C_() and ngettext() of src/ into
# po/knead.pot, then each catalogue brought up to it (new messages appear
# untranslated, changed ones fuzzy: `make check-po` says which).
pot:
	xgettext $(XGETTEXT_FLAGS) -o po/knead.pot $(sort $(wildcard src/*.c))
	for l in $(LINGUAS); do msgmerge --quiet --update --backup=none \
	    --no-wrap po/$$l.po po/knead.pot || exit 1; done

# Every catalogue complete: formats checked, nothing untranslated or fuzzy.
check-po:
	@for l in $(LINGUAS); do \
	    out=$$(LC_ALL=C msgfmt --check --statistics -o /dev/null po/$$l.po 2>&1) || \
		{ echo "po/$$l.po: $$out"; exit 1; }; \
	    case $$out in *untranslated*|*fuzzy*) \
		echo "po/$$l.po: $$out"; exit 1;; esac; \
	done
	@# French spacing: a no-break space (U+00A0) before : ; ? ! and inside
	@# guillemets, or a line can break there (the PDF report did); a
	@# message that begins with one follows text, so it begins with one.
	@if grep -n '^msgstr[^"]*"\([:;?!]\|.*\([^ ] [:;?!]\|« \| »\)\)' po/fr.po; then \
	    echo "po/fr.po: a plain space (or none) before : ; ? ! or inside" \
	    "« » (write U+00A0)"; exit 1; fi

HDRS	= $(wildcard include/*.h src/*.h)

# The catalogues come with every binary: order-only, no relink for a .po;
# and the modules: without the store's no session is recorded, and one
# left from before a change of their tables (KMOD_ABI) is refused, so the
# sound would stay off until a full `make`.
# ./knead loads the modules of the build folder it was linked from
# (moddirs.c): .knead-b names it, and a make with another B relinks it
# (its objects there can be older than ./knead).
KNEAD_RELINK := $(if $(filter $(B),$(shell cat .knead-b 2>/dev/null)),,FORCE)
knead: $(patsubst src/%.c,$(B)/rel/front/%.o,$(FRONT_SRCS)) $(KNEAD_RELINK) | $(B)/rel/knead-core.so $(MODULES:%=$(B)/rel/%) $(MOS)
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) $(LDFLAGS) -Wl,--gc-sections -o $@ $(filter %.o,$^)
	$(Q)echo '$(B)' >.knead-b
FORCE:

$(B)/rel/%.o: src/%.c $(HDRS) | $(B)/rel
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) $(KCFLAGS) $(CFLAGS) -fPIC -fvisibility=hidden -c -o $@ $<
$(B)/asan/%.o: src/%.c $(HDRS) | $(B)/asan
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) $(KCFLAGS) $(ASN_FLAGS) -fPIC -fvisibility=hidden -c -o $@ $<

$(B)/rel $(B)/test $(B)/asan $(B)/rel/mod $(B)/asan/mod \
    $(B)/rel/front $(B)/asan/front:
	@mkdir -p $@

# The front's objects and the core of each build, beside its binary.
# $(call core_rules,BUILD,CFLAGS,LDFLAGS)
define core_rules
$(B)/$(1)/front/%.o: src/%.c $(HDRS) | $(B)/$(1)/front
	@[ "$(V)" = 1 ] || echo "  CC      $$@"
	$(Q)$(CC) $(KCFLAGS) $(2) $(FRONT_CFLAGS) -c -o $$@ $$<
$(B)/$(1)/knead-core.so: $(LIBSRCS:src/%.c=$(B)/$(1)/%.o)
	@[ "$(V)" = 1 ] || echo "  LD      $$@"
	$(Q)$(CC) -shared $(3) -o $$@ $$^ $(LIBS)
endef
$(eval $(call core_rules,rel,$(CFLAGS),$(LDFLAGS) -Wl$(comma)-z$(comma)defs))
$(eval $(call core_rules,asan,$(ASN_FLAGS),-fsanitize=address$(comma)undefined))

# The modules of each build, beside its binary: build/rel for ./knead,
# build/asan for its binary (and the unit tests there); the unit tests in
# build/test find the release ones through links.
# $(call module_rules,BUILD,CFLAGS,LDFLAGS)
define module_rules
$(B)/$(1)/mod/%.o: src/%.c $(HDRS) | $(B)/$(1)/mod
	@[ "$(V)" = 1 ] || echo "  CC      $$@"
	$(Q)$(CC) $(MCFLAGS) $(2) -fPIC -c -o $$@ $$<
$(B)/$(1)/knead-audio.so: $(patsubst src/%.c,$(B)/$(1)/mod/%.o,$(AUDIO_SRCS) $(AUDIO_COPY))
	@[ "$(V)" = 1 ] || echo "  LD      $$@"
	$(Q)$(CC) -shared $(3) -o $$@ $$^ $(AUDIO_LIBS)
$(B)/$(1)/knead-pdf.so: $(patsubst src/%.c,$(B)/$(1)/mod/%.o,$(PDF_SRCS) $(PDF_COPY))
	@[ "$(V)" = 1 ] || echo "  LD      $$@"
	$(Q)$(CC) -shared $(3) -o $$@ $$^ $(PDF_LIBS)
$(B)/$(1)/knead-notify.so: $(patsubst src/%.c,$(B)/$(1)/mod/%.o,$(NOTIFY_SRCS) $(NOTIFY_COPY))
	@[ "$(V)" = 1 ] || echo "  LD      $$@"
	$(Q)$(CC) -shared $(3) -o $$@ $$^ $(NOTIFY_LIBS)
$(B)/$(1)/knead-store.so: $(patsubst src/%.c,$(B)/$(1)/mod/%.o,$(STORE_SRCS) $(STORE_COPY))
	@[ "$(V)" = 1 ] || echo "  LD      $$@"
	$(Q)$(CC) -shared $(3) -o $$@ $$^ $(STORE_LIBS)
endef
$(eval $(call module_rules,rel,$(CFLAGS),$(LDFLAGS) -Wl$(comma)-z$(comma)defs))
$(eval $(call module_rules,asan,$(ASN_FLAGS),-fsanitize=address$(comma)undefined))
REL_MODS = $(MODULES:%=$(B)/rel/%)
TST_MODS = $(MODULES:%=$(B)/test/%)
$(TST_MODS): $(B)/test/%: $(B)/rel/% | $(B)/test
	$(Q)ln -sf ../rel/$* $@
ASN_MODS = $(MODULES:%=$(B)/asan/%)
modules: $(REL_MODS) $(B)/rel/knead-core.so

# The release program again beside its core and modules, for the tests
# (a module found beside the binary first, as in an installed tree).
$(B)/rel/knead: $(patsubst src/%.c,$(B)/rel/front/%.o,$(FRONT_SRCS)) | $(B)/rel/knead-core.so $(REL_MODS) $(MOS)
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) $(LDFLAGS) -Wl,--gc-sections -o $@ $^
$(B)/asan/knead: $(patsubst src/%.c,$(B)/asan/front/%.o,$(FRONT_SRCS)) | $(B)/asan/knead-core.so $(ASN_MODS) $(MOS)
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) -fsanitize=address,undefined -Wl,--gc-sections -o $@ $^

# The unit tests link the program's objects from an archive: each takes
# only the objects it reaches (an ASan link of all of them took 0.54 s
# for each of the 31 programs, 0.32 s from the archive).
$(B)/rel/libknead.a: $(REL_OBJ)
	@[ "$(V)" = 1 ] || echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^
$(B)/asan/libknead.a: $(ASN_OBJ)
	@[ "$(V)" = 1 ] || echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^
$(B)/test/test_%: tests/unit/test_%.c $(B)/rel/libknead.a | $(TST_MODS) $(MOS)
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) $(KCFLAGS) $(TST_FLAGS) -o $@ $^ $(LIBS) $(ALL_LIBS) $(TLIBS)
$(B)/asan/test_%: tests/unit/test_%.c $(B)/asan/libknead.a | $(ASN_MODS) $(MOS)
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) $(KCFLAGS) $(ASN_FLAGS) -o $@ $^ $(LIBS) $(ALL_LIBS) $(TLIBS)

# Small programs the tests use (the audio capture pacer, ...).
$(B)/test/helper_%: tests/helpers/%.c tests/helpers/helper.h | $(B)/test
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) $(MCFLAGS) $(TST_FLAGS) -o $@ $< $(LIBS) $(ALL_LIBS)

# The fault-injection shim the tests preload (tests/helpers/faultshim.c).
$(B)/test/faultshim.so: tests/helpers/faultshim.c | $(B)/test
	@[ "$(V)" = 1 ] || echo "  LD      $@"
	$(Q)$(CC) $(KDEFS) $(TST_FLAGS) -fPIC -shared -o $@ $< -ldl

# The paced test sound card, an ALSA plugin (tests/helpers/pacepcm.c).
PACEPCM = $(B)/test/libasound_module_pcm_kneadpace.so
$(PACEPCM): tests/helpers/pacepcm.c | $(B)/test
	@[ "$(V)" = 1 ] || echo "  LD      $@"
	$(Q)$(CC) $(KDEFS) $(TST_FLAGS) -DPIC -fPIC -shared -o $@ $< -lasound

TST_UNITS = $(UNITS:tests/unit/%.c=$(B)/test/%)
ASN_UNITS = $(UNITS:tests/unit/%.c=$(B)/asan/%)
TST_HELPERS = $(HELPERS:tests/helpers/%.c=$(B)/test/helper_%)

# Missing Debian packages are installed here, before anything is built.
deps:
	@sh tests/deps.sh run
test-deps:
	@sh tests/deps.sh test

# deps first, then the build: with -j a prerequisite list would compile
# beside the package install and miss its headers on a fresh machine.
run: deps
	@$(MAKE) -s --no-print-directory knead modules mo
	./knead

# `make test`: every suite, one summary line at the end (tests/run-tests.sh).
test: test-deps
	@$(MAKE) --no-print-directory -j$$(nproc 2>/dev/null || echo 2) knead modules $(B)/rel/knead $(B)/asan/knead \
	    $(TST_UNITS) $(ASN_UNITS) $(TST_HELPERS) $(B)/test/faultshim.so $(PACEPCM) $(MOS) \
	    fuzz-harnesses
	@$(MAKE) --no-print-directory check-boundaries
	@$(MAKE) --no-print-directory check-size
	@$(MAKE) --no-print-directory check-po
	@B=$(B) sh tests/run-tests.sh

check: test

# The release build's objects (tests/fuzz/srcs.sh reads their symbols).
test-objs: $(REL_OBJ)

# The libFuzzer harnesses, built with the rest before make test's timed
# checks: their clang build (CPU and many short processes) ran beside
# those checks when the project's CI heard a cue 68 ms late (stop 25).
fuzz-harnesses: $(REL_OBJ)
	@[ "$(V)" = 1 ] || echo "  CLANG   $(B)/fuzz (libFuzzer harnesses)"
	$(Q)env -u MAKEFLAGS -u MFLAGS B=$(B) sh tests/fuzz/run.sh --build >/dev/null

# The program's sources those objects are built from (no main.c, no
# module's): tests/fuzz/srcs.sh takes its list from here, not from what
# an old build left in the folder.
list-srcs:
	@echo $(LIBSRCS)
# knead-store.so's sources and the version its table carries: the fuzz
# harnesses reach SQLite and the JSON reader through it (tests/fuzz/run.sh
# builds it instrumented beside them).
list-store-srcs:
	@echo $(VERSION) $(STORE_SRCS) $(STORE_COPY)

# Only the named modules may include these headers (STYLE.md, "Headers"),
# and the program itself none of the libraries its dlopen'd modules bring
# (include/modules.h): neither in its sources nor in ./knead's NEEDED list.
HEAVY_INC = portaudio.h|alsa/|espeak-ng/|sndfile.h|samplerate.h|cairo|pango|fontconfig|libnotify/|glib|gio/|jansson.h
CORE_NEEDED = lib(ncursesw|tinfo|yaml-0|c|dl|pthread|gcc_s)\.so
check-boundaries:
	@bad=$$(grep -l '#include <ncurses\|#include <curses' src/*.c | grep -v 'src/ui_'); \
	bad="$$bad $$(grep -l '#include <yaml.h>' src/*.c | grep -v 'src/yaml_tree.c')"; \
	bad="$$bad $$(grep -l '#include <portaudio.h>' src/*.c | grep -v 'src/audio_pa.c')"; \
	bad="$$bad $$(grep -l '#include <sqlite3.h>' src/*.c | grep -v 'src/history\|src/storelib.c\|src/kmod_store.c')"; \
	bad="$$bad $$(grep -l '#include <vorbis/\|#include <ogg/' src/*.c)"; \
	bad="$$bad $$(grep -l '#include <cairo\|#include <pango\|#include <fontconfig' src/*.c | grep -v 'src/report_pdf.c\|src/report_pdf_chart.c')"; \
	bad="$$bad $$(grep -l '#include <espeak-ng/' src/*.c | grep -v 'src/speech.c\|src/voices.c')"; \
	bad="$$bad $$(grep -l '#include <sndfile.h>' src/*.c | grep -v 'src/sndio.c')"; \
	bad="$$bad $$(grep -l '#include <samplerate.h>' src/*.c | grep -v 'src/sndio.c')"; \
	bad="$$bad $$(grep -l '#include <alsa/' src/*.c | grep -v 'src/audio_pa.c')"; \
	bad="$$bad $$(grep -l '#include <jansson.h>' src/*.c | grep -v 'src/json.c')"; \
	bad="$$bad $$(grep -l '#include <libnotify/\|#include <glib' src/*.c | grep -v 'src/notify.c')"; \
	bad="$$bad $$(grep -l '#include "audio_int.h"' src/*.c | grep -v 'src/audio.c\|src/audio_fill.c\|src/audio_probe.c')"; \
	if [ -n "$$(echo $$bad | tr -d ' ')" ]; then \
		echo "module boundary broken: $$bad"; exit 1; fi
	@bad=$$(grep -l -E '#include <($(HEAVY_INC))' src/main.c $(LIBSRCS)); \
	if [ -n "$$bad" ]; then echo "module boundary broken: the program (not a module) includes a module's library: $$bad"; exit 1; fi
	@bad=$$(grep -L 'KMOD_EXPORT' $(firstword $(PDF_SRCS)) $(firstword $(NOTIFY_SRCS)) src/kmod_audio.c src/kmod_store.c); \
	if [ -n "$$bad" ]; then echo "module boundary broken: a module without its table: $$bad"; exit 1; fi
	@if [ -f knead ]; then \
		extra=$$(readelf -d knead | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | grep -v -E '^libc\.so'); \
		if [ -n "$$extra" ]; then echo "module boundary broken: ./knead links" $$extra "(the front maps only libc: src/main.c)"; exit 1; fi; \
	fi
	@if [ -f $(B)/rel/knead-core.so ]; then \
		extra=$$(readelf -d $(B)/rel/knead-core.so | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | grep -v -E '^$(CORE_NEEDED)'); \
		if [ -n "$$extra" ]; then echo "module boundary broken: knead-core.so links" $$extra "(load it from a module: include/modules.h)"; exit 1; fi; \
	fi

# STYLE.md's sizes: no src/*.c over 1,000 lines, no function over 120
# (universal-ctags' end lines; tests/check-size.sh names each one over).
check-size:
	@sh tests/check-size.sh $(SRCS)

# `make deb`: knead_VERSION_ARCH.deb in $(B)/deb/, built with dpkg-buildpackage
# and debhelper (debian/) from a copy of the tree, so the tree's own ./knead
# and build/ (made for PREFIX=/usr/local) stay as they are; lintian must
# find no error.
deb:
	@command -v dpkg-buildpackage >/dev/null 2>&1 && command -v dh >/dev/null 2>&1 || \
	    { echo "make deb: needs dpkg-dev and debhelper (apt-get install dpkg-dev debhelper lintian)"; exit 1; }
	@v=$$(dpkg-parsechangelog -l debian/changelog -S Version); [ "$$v" = "$(VERSION)" ] || \
	    { echo "make deb: debian/changelog is at $$v, the Makefile at $(VERSION)"; exit 1; }
	@rm -rf $(B)/deb && mkdir -p $(B)/deb/knead-$(VERSION)
	@tar -cf - --exclude=./build --exclude=./knead --exclude=./.knead-b --exclude=./.git \
	    --exclude=./debian/knead --exclude=./debian/.debhelper --exclude=./debian/tmp . | \
	    tar -xf - -C $(B)/deb/knead-$(VERSION)
	@cd $(B)/deb/knead-$(VERSION) && dpkg-buildpackage -us -uc -b -j2 >../build.log 2>&1 || \
	    { tail -30 ../build.log; echo "make deb: dpkg-buildpackage failed ($(B)/deb/build.log)"; exit 1; }
	@if command -v lintian >/dev/null 2>&1; then \
	    lintian --fail-on error $(B)/deb/knead_$(VERSION)_*.deb || exit 1; \
	else echo "make deb: lintian is not installed: not checked"; fi
	@ls $(B)/deb/knead_$(VERSION)_*.deb

bench: test-deps
	@$(MAKE) -s --no-print-directory knead modules mo
	@sh tests/bench/run.sh

fuzz: test-deps
	@sh tests/fuzz/run.sh $${FUZZ_SECONDS:-600}

sounds:
	@sh sounds/make-sounds.sh

install: knead modules $(MOS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/routines \
	    $(DESTDIR)$(DATADIR)/sounds $(DESTDIR)$(MANDIR) $(DESTDIR)$(COMPDIR) \
	    $(DESTDIR)$(MODDIR)
	for l in $(LINGUAS); do \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    install -m 644 $(B)/locale/$$l/LC_MESSAGES/knead.mo \
		$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/knead.mo || exit 1; done
	install -m 755 knead $(DESTDIR)$(BINDIR)/knead
	install -m 644 $(REL_MODS) $(B)/rel/knead-core.so $(DESTDIR)$(MODDIR)/
	install -m 644 routines/*.yaml $(DESTDIR)$(DATADIR)/routines/
	if ls sounds/*.wav >/dev/null 2>&1; then \
	    install -m 644 sounds/*.wav $(DESTDIR)$(DATADIR)/sounds/; fi
	if [ -f docs/knead.1 ]; then \
	    install -m 644 docs/knead.1 $(DESTDIR)$(MANDIR)/knead.1; fi
	if [ -f docs/knead.bash-completion ]; then install -m 644 \
	    docs/knead.bash-completion $(DESTDIR)$(COMPDIR)/knead; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/knead $(DESTDIR)$(MANDIR)/knead.1 \
	    $(DESTDIR)$(COMPDIR)/knead
	for l in $(LINGUAS); do \
	    rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/knead.mo; done
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(MODDIR)

clean:
	rm -rf build knead .knead-b
