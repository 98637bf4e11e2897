/*
 * The status line's arguments (statusline.c), which the front (main.c)
 * and the command both read: --line anywhere asks for it; --db and
 * --routines in both spellings; KNEAD_DB, then the XDG store, when no
 * --db; and a key that names the store it was given.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "statusline.h"

/* argv from string literals (-Wwrite-strings): copies, freed with argv_free. */
static char **
argv_of(int n, const char *const *v)
{
	char	**a = calloc((size_t)n + 1, sizeof *a);
	int	  i;

	assert_non_null(a);
	for (i = 0; i < n; i++)
		assert_non_null(a[i] = strdup(v[i]));
	return a;
}

static void
argv_free(char **a)
{
	size_t	i;

	for (i = 0; a[i] != NULL; i++)
		free(a[i]);
	free(a);
}
#define ARGV(...)	argv_of((int)(sizeof (const char *[]){ __VA_ARGS__ } / \
			    sizeof (const char *)), (const char *[]){ __VA_ARGS__ })

static void
test_asked(void **state)
{
	char	**a = ARGV("status", "--db", "x.db", "--line");
	char	**b = ARGV("status", "--db", "--line.db");
	char	**c = ARGV("status");

	(void)state;
	assert_true(statusline_asked(4, a));
	assert_false(statusline_asked(3, b));
	assert_false(statusline_asked(1, c));
	argv_free(a);
	argv_free(b);
	argv_free(c);
}

/* The stores named below, made in a folder of the test's own. */
static char	dir[64];

static const char *
store(const char *name)
{
	static char	path[4][128];
	static int	k;
	FILE		*fp;

	snprintf(path[k % 4], sizeof path[0], "%s/%s", dir, name);
	assert_non_null(fp = fopen(path[k % 4], "w"));
	fclose(fp);
	return path[k++ % 4];
}

static void
test_args(void **state)
{
	struct statusline	 sl, sl2;
	const char		*da = store("a.db"), *db = store("b.db");
	char			 opt[160];
	char			**a = ARGV("status", "--line", "--db", da,
				    "--routines=/tmp/r");
	char			**b, **c = ARGV("status", "--line");

	(void)state;
	snprintf(opt, sizeof opt, "--db=%s", db);
	b = ARGV("status", "--line", opt);
	setenv("XDG_DATA_HOME", "/tmp/test_statusline-xdg", 1);
	setenv("XDG_CACHE_HOME", "/tmp/test_statusline-xdg", 1);
	unsetenv("KNEAD_DB");
	assert_int_equal(statusline_begin(&sl, 5, a), 0);
	assert_string_equal(sl.db, da);
	assert_int_equal(sl.lib.ndirs, 1);
	assert_true(sl.now > 1700000000);
	assert_int_equal(statusline_begin(&sl2, 3, b), 0);
	assert_string_equal(sl2.db, db);
	assert_int_equal(sl2.lib.ndirs, 0);
	/* Another store, another key: a line never answers for another. */
	assert_true(sl.key != sl2.key);
	statusline_end(&sl);
	statusline_end(&sl2);

	setenv("KNEAD_DB", store("env.db"), 1);
	assert_int_equal(statusline_begin(&sl, 2, c), 0);
	assert_string_equal(sl.db, getenv("KNEAD_DB"));
	statusline_end(&sl);
	unsetenv("KNEAD_DB");
	assert_int_equal(statusline_begin(&sl, 2, c), 0);
	assert_string_equal(sl.db,
	    "/tmp/test_statusline-xdg/knead/history.db");
	statusline_end(&sl);
	/* No cache kept for these stores: nothing to say from it. */
	assert_int_equal(statusline_begin(&sl, 2, c), 0);
	assert_int_equal(statusline_kept(&sl), -1);
	statusline_end(&sl);
	argv_free(a);
	argv_free(b);
	argv_free(c);
}

/*
 * Finding 9: a store named with --db or KNEAD_DB that is not there is an
 * error, nothing to say (not "ready" for ever from a typo in tmux.conf),
 * and no kept answer is looked at; the default store missing is a new
 * user's: the line is said.
 */
static void
test_named_store_missing(void **state)
{
	struct statusline	 sl;
	char			 missing[128], opt[160];
	char			**a, **b, **c = ARGV("status", "--line");

	(void)state;
	snprintf(missing, sizeof missing, "%s/nope.db", dir);
	snprintf(opt, sizeof opt, "--db=%s", missing);
	a = ARGV("status", "--line", "--db", missing);
	b = ARGV("status", "--line", opt);
	setenv("XDG_DATA_HOME", "/tmp/test_statusline-xdg", 1);
	setenv("XDG_CACHE_HOME", "/tmp/test_statusline-xdg", 1);
	unsetenv("KNEAD_DB");
	assert_int_equal(statusline_begin(&sl, 4, a), -1);
	statusline_end(&sl);
	assert_int_equal(statusline_begin(&sl, 3, b), -1);
	statusline_end(&sl);
	setenv("KNEAD_DB", missing, 1);
	assert_int_equal(statusline_begin(&sl, 2, c), -1);
	statusline_end(&sl);
	/* KNEAD_DB empty: the default store, missing: a new user. */
	setenv("KNEAD_DB", "", 1);
	assert_int_equal(statusline_begin(&sl, 2, c), 0);
	assert_non_null(sl.def);
	statusline_end(&sl);
	unsetenv("KNEAD_DB");
	assert_int_equal(statusline_begin(&sl, 2, c), 0);
	statusline_end(&sl);
	argv_free(a);
	argv_free(b);
	argv_free(c);
}

/* What statusline_print says of sl, in buf. */
static void
said(const struct statusline *sl, char *buf, size_t len)
{
	FILE	*fp;
	int	 keep, fd;
	size_t	 n;

	assert_non_null(fp = tmpfile());
	fflush(stdout);
	keep = dup(1);
	fd = fileno(fp);
	assert_true(dup2(fd, 1) == 1);
	statusline_print(sl);
	fflush(stdout);
	assert_true(dup2(keep, 1) == 1);
	close(keep);
	rewind(fp);
	n = fread(buf, 1, len - 1, fp);
	buf[n] = '\0';
	fclose(fp);
}

/*
 * The line's words from the facts, with the reminders' break clock
 * (desk_break_due): "break in" counts from the last break's end; a session
 * running is "break on now" whatever routine could run (finding 4), with
 * or without reminders set, never "ready".
 */
static void
test_words(void **state)
{
	struct statusline	sl;
	char			buf[128];
	int64_t			now = 1795420800 + 12 * 3600;

	(void)state;
	memset(&sl, 0, sizeof sl);
	sl.now = now;
	snprintf(sl.dl.pick, sizeof sl.dl.pick, "micro-neck");
	said(&sl, buf, sizeof buf);
	assert_string_equal(buf, "micro-neck ready\n");
	sl.dl.last = INT64_MAX;			/* a session running */
	said(&sl, buf, sizeof buf);
	assert_string_equal(buf, "break on now\n");
	sl.have_conf = 1;
	sl.conf.every_s = 15 * 60;
	sl.conf.to_min = 24 * 60;
	sl.conf.days = 0x7f;
	said(&sl, buf, sizeof buf);
	assert_string_equal(buf, "break on now\n");
	sl.dl.pick[0] = '\0';			/* everything resting too */
	sl.dl.ready_at = now + 3600;
	said(&sl, buf, sizeof buf);
	assert_string_equal(buf, "break on now\n");
	/* A break ended 47 s ago: the next one in 15 min, not "ready". */
	snprintf(sl.dl.pick, sizeof sl.dl.pick, "micro-neck");
	sl.dl.ready_at = 0;
	sl.dl.last = now - 47;
	said(&sl, buf, sizeof buf);
	assert_string_equal(buf, "break in 15 min\n");
	/* Due: the interval since its end has passed. */
	sl.now = now - 47 + 15 * 60;
	said(&sl, buf, sizeof buf);
	assert_string_equal(buf, "micro-neck ready\n");
	sl.now = now - 47 + 15 * 60 - 1;
	said(&sl, buf, sizeof buf);
	assert_string_equal(buf, "break in 1 min\n");
	/*
	 * Before the reminders' hours (09:00-18:00, every 50 min), at 08:16
	 * with the last break at 08:15: the first break of the window, as
	 * remind --status says, not "ready" (a desk-worker tester).
	 */
	sl.conf.every_s = 50 * 60;
	sl.conf.from_min = 9 * 60;
	sl.conf.to_min = 18 * 60;
	sl.now = 1795392000 + 8 * 3600 + 16 * 60;	/* 08:16 UTC */
	sl.dl.last = sl.now - 60;
	said(&sl, buf, sizeof buf);
	assert_string_equal(buf, "break at 09:05\n");
	/* In the window and due: ready. */
	sl.now = 1795392000 + 10 * 3600;
	sl.dl.last = sl.now - 3600;
	said(&sl, buf, sizeof buf);
	assert_string_equal(buf, "micro-neck ready\n");
}

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/test_statusline.XXXXXX");
	assert_non_null(mkdtemp(dir));
	setenv("LANGUAGE", "C", 1);
	setenv("TZ", "UTC", 1);
	return 0;
}

static int
teardown(void **state)
{
	char	cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_asked),
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_named_store_missing),
		cmocka_unit_test(test_words),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
