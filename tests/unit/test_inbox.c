/*
 * Lines to a running knead (inbox.c) on real FIFOs in a private
 * $XDG_RUNTIME_DIR, and the module loader (modules.c) on this build's own
 * modules, beside the test binary.
 */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "audio.h"
#include "audio_backend.h"
#include "inbox.h"
#include "modules.h"
#include "waiter.h"

static char	rt[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(rt, sizeof rt, "/tmp/knead-inbox.XXXXXX");
	if (mkdtemp(rt) == NULL)
		return -1;
	setenv("XDG_RUNTIME_DIR", rt, 1);
	return 0;
}

static int
teardown(void **state)
{
	char	cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", rt);
	return system(cmd) == 0 ? 0 : -1;
}

/* A line sent reaches the open inbox; only the last of several is kept. */
static void
test_send_and_read(void **state)
{
	struct inbox	*ib;
	char		 buf[256], path[128];

	(void)state;
	ib = inbox_open();
	assert_non_null(ib);
	assert_true(inbox_fd(ib) >= 0);
	snprintf(path, sizeof path, "%s/knead/%ld.fifo", rt, (long)getpid());
	assert_int_equal(access(path, F_OK), 0);
	assert_int_equal(inbox_read(ib, buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	assert_int_equal(inbox_send("first"), 1);
	assert_int_equal(inbox_send("Time for a break: Desk break"), 1);
	assert_int_equal(inbox_read(ib, buf, sizeof buf),
	    strlen("Time for a break: Desk break"));
	assert_string_equal(buf, "Time for a break: Desk break");
	assert_int_equal(inbox_read(ib, buf, sizeof buf), 0);
	inbox_close(ib);
	assert_int_equal(access(path, F_OK), -1);
	/* Nobody running: nobody took it. */
	assert_int_equal(inbox_send("nobody"), 0);
	inbox_close(NULL);
	assert_int_equal(inbox_read(NULL, buf, sizeof buf), 0);
}

/* Escapes and broken UTF-8 never reach the status line; long lines cut. */
static void
test_cleaned(void **state)
{
	struct inbox	*ib;
	char		 buf[256], big[1000];

	(void)state;
	ib = inbox_open();
	assert_non_null(ib);
	assert_int_equal(inbox_send("a\x1b[2Jb\tc \xff d\xc3\xa9   "), 1);
	inbox_read(ib, buf, sizeof buf);
	assert_string_equal(buf, "a [2Jb c ? dé");
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(inbox_send(big), 1);
	assert_int_equal(inbox_read(ib, buf, sizeof buf), 200);
	/* A small buffer takes what fits, whole characters only. */
	assert_int_equal(inbox_send("\xc3\xa9\xc3\xa9\xc3\xa9"), 1);
	assert_int_equal(inbox_read(ib, buf, 6), 4);
	assert_string_equal(buf, "éé");
	inbox_close(ib);
}

/* A dead session's FIFO is skipped and removed; the live one gets it. */
static void
test_stale(void **state)
{
	struct inbox	*ib;
	char		 buf[64], path[128];

	(void)state;
	ib = inbox_open();
	assert_non_null(ib);
	snprintf(path, sizeof path, "%s/knead/999999.fifo", rt);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(inbox_send("hello"), 1);
	assert_int_equal(access(path, F_OK), -1);
	inbox_read(ib, buf, sizeof buf);
	assert_string_equal(buf, "hello");
	inbox_close(ib);
}

/* A folder others can write to is not used, for sending or receiving. */
static void
test_unsafe_dir(void **state)
{
	char	dir[128];

	(void)state;
	snprintf(dir, sizeof dir, "%s/knead", rt);
	mkdir(dir, 0700);
	assert_int_equal(chmod(dir, 0777), 0);
	assert_null(inbox_open());
	assert_int_equal(inbox_send("x"), 0);
	assert_int_equal(chmod(dir, 0700), 0);
}

/* The sleep wakes for a line sent while it waits (WAITER_OTHER). */
static void
test_waiter_wakes(void **state)
{
	struct waiter	 w;
	struct inbox	*ib;
	int		 hup;
	char		 buf[64];

	(void)state;
	ib = inbox_open();
	assert_non_null(ib);
	assert_int_equal(waiter_start(&w, 0), 0);
	waiter_watch(&w, inbox_fd(ib));
	assert_int_equal(inbox_send("wake"), 1);
	assert_int_equal(waiter_wait(&w, -1, WAITER_FOREVER, &hup),
	    WAITER_OTHER);
	inbox_read(ib, buf, sizeof buf);
	assert_string_equal(buf, "wake");
	waiter_stop(&w);
	inbox_close(ib);
}

/* This build's modules load from beside the test binary, once. */
static void
test_modules_load(void **state)
{
	const struct kmod_audio	*m;

	(void)state;
	assert_false(kmod_loaded(KMOD_AUDIO));
	assert_null(kmod_why(KMOD_AUDIO));	/* nothing tried yet */
	m = kmod_audio();
	assert_non_null(m);
	assert_true(kmod_loaded(KMOD_AUDIO));
	assert_null(kmod_why(KMOD_AUDIO));
	assert_ptr_equal(kmod_audio(), m);
	assert_string_equal(m->head.version, KNEAD_VERSION);
	assert_string_equal(m->portaudio->name, "portaudio");
	assert_non_null(kmod_get(KMOD_PDF));
	assert_non_null(kmod_get(KMOD_NOTIFY));
	assert_string_equal(kmod_file(KMOD_PDF), "knead-pdf.so");
}

/* --no-sound never loads the audio module: the null backend does. */
static void
test_no_sound_null(void **state)
{
	struct audio_opts	 o;
	struct audio		*a;

	(void)state;
	memset(&o, 0, sizeof o);
	o.no_sound = 1;
	o.volume = -1;
	a = audio_open(&o);
	assert_non_null(a);
	assert_false(audio_live(a));
	assert_null(audio_status(a));
	assert_int_equal(audio_say_ms(a, "Press."), 0);
	audio_cue_at(a, CUE_PRESS, 0);
	assert_false(audio_busy(a));
	audio_close(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_sound_null),
		cmocka_unit_test_setup_teardown(test_send_and_read, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cleaned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unsafe_dir, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_waiter_wakes, setup,
		    teardown),
		cmocka_unit_test(test_modules_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
