/*
 * The status line's cache (deskline.c): facts hold only from the time
 * they were computed to before their deadline (and an hour at most), the
 * file round-trips and refuses a damaged copy or another key, and the key
 * follows every write to the store, its -wal and the settings but not a
 * chown (SQLite's read-only open chowns the -wal to its owner).
 */
#include <sys/stat.h>
#include <sys/time.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "deskline.h"

struct fx {
	char	dir[64];
	char	db[96];
	char	conf[96];
	char	file[128];
};

static int
setup(void **state)
{
	struct fx	*f = calloc(1, sizeof *f);

	assert_non_null(f);
	snprintf(f->dir, sizeof f->dir, "/tmp/test_deskline.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db, sizeof f->db, "%s/h.db", f->dir);
	snprintf(f->conf, sizeof f->conf, "%s/remind.conf", f->dir);
	snprintf(f->file, sizeof f->file, "%s/cache/knead/status-line",
	    f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;
	char		 cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

/* Write text to path, its mtime ago seconds back (0: now). */
static void
put(const char *path, const char *text, int ago)
{
	FILE		*fp;
	struct timeval	 tv[2];

	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	if (ago) {
		gettimeofday(&tv[0], NULL);
		tv[0].tv_sec -= ago;
		tv[1] = tv[0];
		assert_int_equal(utimes(path, tv), 0);
	}
}

static void
test_valid(void **state)
{
	struct deskline	dl;

	(void)state;
	memset(&dl, 0, sizeof dl);
	dl.at = 1000;
	dl.until = 1100;
	assert_true(deskline_valid(&dl, 1000));
	assert_true(deskline_valid(&dl, 1099));
	assert_false(deskline_valid(&dl, 1100));	/* the deadline */
	assert_false(deskline_valid(&dl, 999));		/* clock set back */
	dl.until = 1000 + 10 * DESKLINE_MAX_S;
	assert_true(deskline_valid(&dl, 1000 + DESKLINE_MAX_S - 1));
	assert_false(deskline_valid(&dl, 1000 + DESKLINE_MAX_S));
}

static void
test_round_trip(void **state)
{
	struct fx	*f = *state;
	struct deskline	 dl, back;
	char		 cmd[256];

	memset(&dl, 0, sizeof dl);
	dl.at = 5000;
	dl.until = 6000;
	dl.last = 4000;
	snprintf(dl.pick, sizeof dl.pick, "desk-break");
	assert_int_equal(deskline_write(f->file, 42, &dl), 0);
	assert_int_equal(deskline_read(f->file, 42, 5500, &back), 0);
	assert_string_equal(back.pick, "desk-break");
	assert_int_equal(back.at, 5000);
	assert_int_equal(back.until, 6000);
	assert_int_equal(back.last, 4000);
	assert_int_equal(back.ready_at, 0);
	assert_int_equal(deskline_read(f->file, 43, 5500, &back), -1);
	assert_int_equal(deskline_read(f->file, 42, 6000, &back), -1);
	assert_int_equal(deskline_read(f->file, 42, 4999, &back), -1);
	/* Nothing ready: "-", and when one can run. */
	dl.pick[0] = '\0';
	dl.ready_at = 5900;
	assert_int_equal(deskline_write(f->file, 42, &dl), 0);
	assert_int_equal(deskline_read(f->file, 42, 5000, &back), 0);
	assert_string_equal(back.pick, "");
	assert_int_equal(back.ready_at, 5900);
	/* One byte changed: refused. */
	snprintf(cmd, sizeof cmd, "sed -i 's/5900/5901/' '%s'", f->file);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(deskline_read(f->file, 42, 5000, &back), -1);
	/* An id it cannot say is not written. */
	snprintf(dl.pick, sizeof dl.pick, "a b");
	assert_int_equal(deskline_write(f->file, 42, &dl), -1);
	assert_int_equal(deskline_read(NULL, 42, 5000, &back), -1);
}

static void
test_key(void **state)
{
	struct fx	*f = *state;
	char		 wal[128];
	int64_t		 now = (int64_t)time(NULL);
	uint64_t	 k0, k;
	int		 racy;

	snprintf(wal, sizeof wal, "%s-wal", f->db);
	put(f->db, "store", 60);
	k0 = deskline_key(1, f->db, f->conf, now, &racy);
	assert_false(racy);
	assert_int_equal(deskline_key(1, f->db, f->conf, now, &racy), k0);
	assert_true(deskline_key(2, f->db, f->conf, now, &racy) != k0);
	/* A chown (ctime only) is not a change. */
	assert_int_equal(chown(f->db, getuid(), getgid()), 0);
	assert_int_equal(deskline_key(1, f->db, f->conf, now, &racy), k0);
	/* The -wal appears, just written: another key, racy. */
	put(wal, "frames", 0);
	k = deskline_key(1, f->db, f->conf, now, &racy);
	assert_true(k != k0);
	assert_true(racy);
	/* Same size, older mtime: still another key. */
	put(wal, "framez", 30);
	assert_true(deskline_key(1, f->db, f->conf, now, &racy) != k);
	assert_false(racy);
	/* The settings written. */
	k = deskline_key(1, f->db, f->conf, now, &racy);
	put(f->conf, "every 50m\n", 30);
	assert_true(deskline_key(1, f->db, f->conf, now, &racy) != k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test_setup_teardown(test_round_trip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_key, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
