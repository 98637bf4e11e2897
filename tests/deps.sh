#!/bin/sh
# Install the Debian packages knead needs when something is missing.
# Usage: deps.sh run|test. As root: apt-get; otherwise sudo apt-get.
set -u
want=${1:-run}

# pkg-config name -> Debian package; commands -> package.
pkgs=""
need_pc() { pkg-config --exists "$1" 2>/dev/null || pkgs="$pkgs $2"; }
need_cmd() { command -v "$1" >/dev/null 2>&1 || pkgs="$pkgs $2"; }

need_cmd pkg-config pkg-config
need_cmd cc gcc
need_cmd make make
need_pc ncursesw libncurses-dev
need_pc yaml-0.1 libyaml-dev
need_pc portaudio-2.0 portaudio19-dev
need_pc sndfile libsndfile1-dev
need_pc samplerate libsamplerate0-dev
need_pc jansson libjansson-dev
need_pc sqlite3 libsqlite3-dev
need_pc espeak-ng libespeak-ng-dev
need_pc alsa libasound2-dev
need_pc cairo libcairo2-dev
need_pc pangocairo libpango1.0-dev
need_pc libnotify libnotify-dev
need_cmd msgfmt gettext		# po/*.po to .mo, xgettext for make pot
if [ "$want" = test ]; then
	need_pc cmocka libcmocka-dev
	need_cmd tmux tmux
	need_cmd sox sox
	need_cmd espeak-ng espeak-ng
	need_cmd valgrind valgrind
	need_cmd clang clang
	need_cmd sqlite3 sqlite3
	need_cmd ctags universal-ctags	# make check-size: function end lines
	need_cmd tty-clock tty-clock
	need_cmd faketime faketime	# a session running at a set time
	need_cmd python3 python3	# JSON checks in the command tests
	need_cmd groff groff-base	# the man page test renders knead.1
	need_cmd script bsdutils	# sessions on a pseudo-terminal
	need_cmd pdftotext poppler-utils	# the PDF report's pages and text
	need_cmd systemd-analyze systemd	# knead remind's unit files
	need_cmd dbus-run-session dbus-daemon	# a private bus for the
	need_cmd dbus-monitor dbus-bin		# reminder's notification
	need_cmd dpkg-buildpackage dpkg-dev	# make deb and its test
	need_cmd dh debhelper
	need_cmd lintian lintian
	need_cmd locale-gen locales	# the screens in French, German, Spanish
	[ -e /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a ] ||
	    ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a \
	    >/dev/null 2>&1 || pkgs="$pkgs libclang-rt-14-dev"
fi
pkgs=$(echo $pkgs | tr ' ' '\n' | sort -u | tr '\n' ' ')

# The translated screens are tested under real locales (glibc ignores
# LANGUAGE in the "C" locale): generate them when root can.
gen_locales() {
	[ "$want" = test ] && command -v localedef >/dev/null 2>&1 || return 0
	for l in fr_FR de_DE es_ES; do
		locale -a 2>/dev/null | grep -qix "$l.utf-\{0,1\}8" && continue
		if [ "$(id -u)" = 0 ]; then
			localedef -i "$l" -f UTF-8 "$l.UTF-8" ||
			    echo "knead: could not generate $l.UTF-8" >&2
		else
			echo "knead: locale $l.UTF-8 missing (as root: localedef -i $l -f UTF-8 $l.UTF-8)" >&2
		fi
	done
}
if [ -z "$(echo $pkgs | tr -d ' ')" ]; then
	gen_locales
	exit 0
fi

if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1; then
	sudo="sudo"
else
	echo "knead: missing Debian packages: $pkgs" >&2
	echo "knead: run as root: apt-get install $pkgs" >&2
	exit 1
fi
echo "knead: installing missing Debian packages:$pkgs"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null || { echo "knead: apt-get update failed" >&2; exit 1; }
$sudo apt-get install -y -qq --no-install-recommends $pkgs >/dev/null ||
	{ echo "knead: apt-get install failed:$pkgs" >&2; exit 1; }
echo "knead: packages installed."
gen_locales
