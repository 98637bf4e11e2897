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

static void
test_args(void **state)
{
	struct statusline	 sl, sl2;
	char			**a = ARGV("status", "--line", "--db",
				    "/tmp/a.db", "--routines=/tmp/r");
	char			**b = ARGV("status", "--line",
				    "--db=/tmp/b.db");
	char			**c = ARGV("status", "--line");

	(void)state;
	setenv("XDG_DATA_HOME", "/tmp/test_statusline-xdg", 1);
	setenv("XDG_CACHE_HOME", "/tmp/test_statusline-xdg", 1);
	unsetenv("KNEAD_DB");
	assert_int_equal(statusline_begin(&sl, 5, a), 0);
	assert_string_equal(sl.db, "/tmp/a.db");
	assert_int_equal(sl.lib.ndirs, 1);
	assert_true(sl.now > 1700000000);
	assert_int_equal(statusline_begin(&sl2, 3, b), 0);
	assert_string_equal(sl2.db, "/tmp/b.db");
	assert_int_equal(sl2.lib.ndirs, 0);
	/* Another store, another key: a line never answers for another. */
	assert_true(sl.key != sl2.key);
	statusline_end(&sl);
	statusline_end(&sl2);

	setenv("KNEAD_DB", "/tmp/env.db", 1);
	assert_int_equal(statusline_begin(&sl, 2, c), 0);
	assert_string_equal(sl.db, "/tmp/env.db");
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_asked),
		cmocka_unit_test(test_args),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
