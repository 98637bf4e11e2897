/*
 * Unit tests for resolving a routine named on a command line (library.c):
 * what is missing or wrong comes back as data (a miss, a cause, the
 * diagnostics), never as an exit code or a line on stderr; the command
 * layer (cli.c) turns it into both.
 */
#undef NDEBUG
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

#include "diag.h"
#include "library.h"
#include "routine.h"

static char	dir[] = "/tmp/knead-test-lib.XXXXXX";
static char	path[256];

/* A library of the bundled routines and one folder of our own. */
static int
setup(void **state)
{
	FILE	*f;

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	setenv("KNEAD_ROUTINES", "routines", 1);	/* run from the top */
	setenv("XDG_CONFIG_HOME", dir, 1);
	snprintf(path, sizeof path, "%s/bad.yaml", dir);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fputs("knead: 1\nid: Bad Id\ntitle: Bad\nsteps:\n  - rest: 10s\n", f);
	fclose(f);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(path);
	rmdir(dir);
	return 0;
}

static void
test_resolve(void **state)
{
	struct diag_list	 dl;
	struct routine		*r;
	enum library_miss	 miss;
	char			*cause, missing[300];

	(void)state;
	/* An id of the bundled library. */
	diag_init(&dl);
	r = library_resolve("desk-break", NULL, &dl, &miss, &cause);
	assert_non_null(r);
	assert_null(cause);
	assert_int_equal(dl.errors, 0);
	assert_string_equal(r->id.s, "desk-break");
	routine_free(r);
	diag_clear(&dl);

	/* An id close to one: the cause names it. */
	r = library_resolve("desk-brake", NULL, &dl, &miss, &cause);
	assert_null(r);
	assert_int_equal(miss, LIBRARY_NO_ID);
	assert_string_equal(cause, "no routine 'desk-brake' in the library "
	    "(did you mean 'desk-break'?)");
	assert_int_equal(dl.n, 0);
	free(cause);

	/* A path to nothing: said once, not also as "cannot open". */
	snprintf(missing, sizeof missing, "%s/none.yaml", dir);
	r = library_resolve(missing, NULL, &dl, &miss, &cause);
	assert_null(r);
	assert_int_equal(miss, LIBRARY_NO_FILE);
	assert_non_null(strstr(cause, "none.yaml: no such routine file"));
	assert_int_equal(dl.n, 0);
	free(cause);

	/* An invalid file: its problems in dl, no cause. */
	r = library_resolve(path, NULL, &dl, &miss, &cause);
	assert_null(r);
	assert_int_equal(miss, LIBRARY_INVALID);
	assert_null(cause);
	assert_int_equal(dl.errors, 1);
	assert_non_null(strstr(dl.v[0].msg, "id 'Bad Id'"));
	diag_clear(&dl);
}

/* Copy the bundled routine id's file to path. */
static void
copy_bundled(const char *id, const char *to)
{
	char	 from[256], buf[65536];
	FILE	*in, *out;
	size_t	 n;

	snprintf(from, sizeof from, "routines/%s.yaml", id);
	assert_non_null(in = fopen(from, "r"));
	assert_non_null(out = fopen(to, "w"));
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

/*
 * A copy of a bundled routine in a folder of the user's: not loaded, and
 * the error says what to do (give it an id of its own); the files that
 * could not be loaded are counted, and where they are.
 */
static void
test_invalid(void **state)
{
	struct library	 lib;
	struct diag_list dl;
	char		 mine[256], copy[300], broken[300];
	size_t		 i, dup = 0;
	int		 from_dir = -1;
	FILE		*f;

	(void)state;
	snprintf(mine, sizeof mine, "%s/mine", dir);
	assert_int_equal(mkdir(mine, 0700), 0);
	snprintf(copy, sizeof copy, "%s/my-quads.yaml", mine);
	copy_bundled("quads", copy);
	snprintf(broken, sizeof broken, "%s/broken.yaml", mine);
	assert_non_null(f = fopen(broken, "w"));
	fputs("knead: 1\nid: mine-broken\ntitle: x\nsteps:\n"
	    "  - press: {area: calfs, tool: hand, time: 30s}\n", f);
	assert_int_equal(fclose(f), 0);

	/* The bundled library alone: every file loads. */
	memset(&lib, 0, sizeof lib);
	library_load(&lib, NULL);
	assert_int_equal(library_invalid(&lib, &from_dir), 0);
	assert_int_equal(from_dir, 0);
	library_free(&lib);

	memset(&lib, 0, sizeof lib);
	diag_init(&dl);
	library_add_dir(&lib, mine);
	library_load(&lib, &dl);
	for (i = 0; i < dl.n; i++) {
		if (strstr(dl.v[i].msg, "duplicate id 'quads'") == NULL)
			continue;
		dup++;
		assert_string_equal(dl.v[i].path, copy);
		assert_non_null(strstr(dl.v[i].msg, "routines/quads.yaml "
		    "already uses it (give this copy an id of its own)"));
	}
	assert_int_equal(dup, 1);
	assert_int_equal(library_invalid(&lib, &from_dir), 2);
	assert_int_equal(from_dir, 1);
	assert_int_equal(library_invalid(&lib, NULL), 2);
	diag_clear(&dl);
	library_free(&lib);
	unlink(copy);
	unlink(broken);
	rmdir(mine);
}

static void
test_check_dir(void **state)
{
	const char	*cause = NULL;

	(void)state;
	assert_int_equal(library_check_dir(dir, &cause), 0);
	assert_int_equal(library_check_dir(path, &cause), -1);
	assert_string_equal(cause, "not a folder");
	assert_int_equal(library_check_dir("/nonexistent-knead", &cause), -1);
	assert_string_equal(cause, "No such file or directory");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_check_dir),
		cmocka_unit_test(test_invalid),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
