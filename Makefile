# knead: a terminal coach for self-massage.
#
#   make          build ./knead
#   make run      install what is missing, build, start the coach
#   make test     install what is missing, build (-Werror), run every test,
#                 then the unit and command tests again under ASan+UBSan
#   make bench    print the benchmark table
#   make fuzz     run the libFuzzer harness (FUZZ_SECONDS=600)
#   make install / uninstall   (PREFIX, DESTDIR)
#   make pot      extract the messages into po/knead.pot, merge po/*.po
#   make deb      build the Debian package (debian/) into build/deb/

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
DATADIR	?= $(PREFIX)/share/knead
MANDIR	?= $(PREFIX)/share/man/man1
COMPDIR	?= $(PREFIX)/share/bash-completion/completions
LOCALEDIR ?= $(PREFIX)/share/locale
B	?= build
DESTDIR	?=

CC		?= cc
PKG_CONFIG	?= pkg-config
PKGS		= ncursesw yaml-0.1 portaudio-2.0 sndfile samplerate sqlite3 espeak-ng alsa \
		  cairo pangocairo libnotify jansson
TEST_PKGS	= cmocka

VERSION		= 0.1.0

WARN	= -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	  -Wwrite-strings -Wpointer-arith -Wformat=2 -Wno-format-nonliteral
CFLAGS	?= -O2 -g
KCFLAGS	= -std=c11 -D_GNU_SOURCE -iquote include $(WARN) \
	  -DKNEAD_VERSION='"$(VERSION)"' -DKNEAD_DATADIR='"$(DATADIR)"' \
	  -DKNEAD_LOCALEDIR='"$(LOCALEDIR)"' -DKNEAD_LINGUAS='"$(LINGUAS)"' \
	  $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
LIBS	= $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lm -ldl -lpthread
TLIBS	= $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

SRCS	= $(wildcard src/*.c)
LIBSRCS	= $(filter-out src/main.c,$(SRCS))
UNITS	= $(wildcard tests/unit/test_*.c)
HELPERS	= $(wildcard tests/helpers/*.c)

# The catalogues (gettext): po/LL.po, built to build/locale/LL/LC_MESSAGES/
# knead.mo, where the binary finds them when it runs from the tree.
LINGUAS	= $(sort $(patsubst po/%.po,%,$(wildcard po/*.po)))
MOS	= $(LINGUAS:%=$(B)/locale/%/LC_MESSAGES/knead.mo)
XGETTEXT_FLAGS = --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
	  -k_ -kN_ -kC_:1c,2 -kNC_:1c,2 --package-name=knead \
	  --package-version=$(VERSION) --msgid-bugs-address=knead@localhost \
	  --no-wrap --sort-by-file

# Three builds side by side: release (./knead), test (-Werror) and asan.
REL_OBJ	= $(LIBSRCS:src/%.c=$(B)/rel/%.o)
TST_OBJ	= $(LIBSRCS:src/%.c=$(B)/test/%.o)
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

.PHONY: all run test check unit-test asan-test deps test-deps bench fuzz deb \
	install uninstall clean sounds check-boundaries test-objs mo pot check-po

all: knead mo

mo: $(MOS)

# i18n.c is built with the list of catalogues (KNEAD_LINGUAS).
$(B)/rel/i18n.o $(B)/test/i18n.o $(B)/asan/i18n.o: $(wildcard po/*.po)

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

# The catalogues come with every binary: order-only, no relink for a .po.
knead: $(B)/rel/main.o $(REL_OBJ) | $(MOS)
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/rel/%.o: src/%.c $(wildcard include/*.h) | $(B)/rel
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) $(KCFLAGS) $(CFLAGS) -c -o $@ $<
$(B)/test/%.o: src/%.c $(wildcard include/*.h) | $(B)/test
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) $(KCFLAGS) $(TST_FLAGS) -c -o $@ $<
$(B)/asan/%.o: src/%.c $(wildcard include/*.h) | $(B)/asan
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) $(KCFLAGS) $(ASN_FLAGS) -c -o $@ $<

$(B)/rel $(B)/test $(B)/asan:
	@mkdir -p $@

$(B)/test/knead: $(B)/test/main.o $(TST_OBJ) | $(MOS)
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) -o $@ $^ $(LIBS)
$(B)/asan/knead: $(B)/asan/main.o $(ASN_OBJ) | $(MOS)
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) -fsanitize=address,undefined -o $@ $^ $(LIBS)

$(B)/test/test_%: tests/unit/test_%.c $(TST_OBJ) | $(MOS)
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) $(KCFLAGS) $(TST_FLAGS) -o $@ $^ $(LIBS) $(TLIBS)
$(B)/asan/test_%: tests/unit/test_%.c $(ASN_OBJ) | $(MOS)
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) $(KCFLAGS) $(ASN_FLAGS) -o $@ $^ $(LIBS) $(TLIBS)

# Small programs the tests use (the audio capture pacer, ...).
$(B)/test/helper_%: tests/helpers/%.c | $(B)/test
	@[ "$(V)" = 1 ] || echo "  CC      $@"
	$(Q)$(CC) $(KCFLAGS) $(TST_FLAGS) -o $@ $< $(LIBS)

TST_UNITS = $(UNITS:tests/unit/%.c=$(B)/test/%)
ASN_UNITS = $(UNITS:tests/unit/%.c=$(B)/asan/%)
TST_HELPERS = $(HELPERS:tests/helpers/%.c=$(B)/test/helper_%)

# Missing Debian packages are installed here, before anything is built.
deps:
	@sh tests/deps.sh run
test-deps:
	@sh tests/deps.sh test

run: deps knead
	./knead

# `make test`: every suite, one summary line at the end (tests/run-tests.sh).
test: test-deps
	@$(MAKE) --no-print-directory -j$$(nproc 2>/dev/null || echo 2) knead $(B)/test/knead $(B)/asan/knead \
	    $(TST_UNITS) $(ASN_UNITS) $(TST_HELPERS) $(MOS)
	@$(MAKE) --no-print-directory check-boundaries
	@$(MAKE) --no-print-directory check-po
	@B=$(B) sh tests/run-tests.sh

check: test

# The -Werror build's objects (tests/fuzz/srcs.sh reads their symbols).
test-objs: $(TST_OBJ)

# Only the named modules may include these headers (STYLE.md, "Headers").
check-boundaries:
	@bad=$$(grep -l '#include <ncurses\|#include <curses' src/*.c | grep -v 'src/ui_'); \
	bad="$$bad $$(grep -l '#include <yaml.h>' src/*.c | grep -v 'src/routine_yaml.c')"; \
	bad="$$bad $$(grep -l '#include <portaudio.h>' src/*.c | grep -v 'src/audio_pa.c')"; \
	bad="$$bad $$(grep -l '#include <sqlite3.h>' src/*.c | grep -v 'src/history')"; \
	bad="$$bad $$(grep -l '#include <vorbis/\|#include <ogg/' src/*.c)"; \
	bad="$$bad $$(grep -l '#include <cairo\|#include <pango\|#include <fontconfig' src/*.c | grep -v 'src/report_pdf.c')"; \
	bad="$$bad $$(grep -l '#include <espeak-ng/' src/*.c | grep -v 'src/speech.c\|src/voices.c')"; \
	bad="$$bad $$(grep -l '#include <sndfile.h>' src/*.c | grep -v 'src/mixer.c\|src/render.c')"; \
	bad="$$bad $$(grep -l '#include <samplerate.h>' src/*.c | grep -v 'src/mixer.c')"; \
	bad="$$bad $$(grep -l '#include <alsa/' src/*.c | grep -v 'src/audio_pa.c')"; \
	bad="$$bad $$(grep -l '#include <jansson.h>' src/*.c | grep -v 'src/json.c')"; \
	bad="$$bad $$(grep -l '#include <libnotify/\|#include <glib' src/*.c | grep -v 'src/notify.c')"; \
	if [ -n "$$(echo $$bad | tr -d ' ')" ]; then \
		echo "module boundary broken: $$bad"; exit 1; fi

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
	@tar -cf - --exclude=./build --exclude=./knead --exclude=./.git \
	    --exclude=./debian/knead --exclude=./debian/.debhelper --exclude=./debian/tmp . | \
	    tar -xf - -C $(B)/deb/knead-$(VERSION)
	@cd $(B)/deb/knead-$(VERSION) && dpkg-buildpackage -us -uc -b -j2 >../build.log 2>&1 || \
	    { tail -30 ../build.log; echo "make deb: dpkg-buildpackage failed ($(B)/deb/build.log)"; exit 1; }
	@if command -v lintian >/dev/null 2>&1; then \
	    lintian --fail-on error $(B)/deb/knead_$(VERSION)_*.deb || exit 1; \
	else echo "make deb: lintian is not installed: not checked"; fi
	@ls $(B)/deb/knead_$(VERSION)_*.deb

bench: test-deps knead
	@sh tests/bench/run.sh

fuzz: test-deps
	@sh tests/fuzz/run.sh $${FUZZ_SECONDS:-600}

sounds:
	@sh sounds/make-sounds.sh

install: knead $(MOS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/routines \
	    $(DESTDIR)$(DATADIR)/sounds $(DESTDIR)$(MANDIR) $(DESTDIR)$(COMPDIR)
	for l in $(LINGUAS); do \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    install -m 644 $(B)/locale/$$l/LC_MESSAGES/knead.mo \
		$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/knead.mo || exit 1; done
	install -m 755 knead $(DESTDIR)$(BINDIR)/knead
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
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build knead
