/*
 * The desk index (deskidx.c), the cache behind `knead status --line`, on
 * real routine files in a temporary folder: the key follows every file's
 * identity, a file changed in the last two seconds keeps the index from
 * being written, a damaged or stale index is refused, an unwritable folder
 * is no error, and the pick through the index is desk_pick's, also when the
 * index lies about a file.
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

#include "desk.h"
#include "deskidx.h"
#include "library.h"
#include "routine.h"

#define ROUTINE(id, tags, area, secs)					\
	"knead: 1\nid: " id "\ntitle: \"T " id "\"\ntags: [" tags "]\n"	\
	"intensity: gentle\nlimits:\n  rest: 2h\nsteps:\n  - press:\n"	\
	"      area: " area "\n      side: left\n      tool: tennis-ball\n"	\
	"      time: " secs "s\n      pressure: 3\n"

struct fx {
	char	dir[64];
	char	lib[96];
	char	idx[128];
};

/* Write a routine file, its times an hour ago (not racy). */
static void
put(struct fx *f, const char *name, const char *text, int old)
{
	char		path[256];
	FILE		*fp;
	struct timeval	tv[2];

	snprintf(path, sizeof path, "%s/%s", f->lib, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	if (old) {
		gettimeofday(&tv[0], NULL);
		tv[0].tv_sec -= 3600;
		tv[1] = tv[0];
		assert_int_equal(utimes(path, tv), 0);
	}
}

static int
setup(void **state)
{
	struct fx	*f = calloc(1, sizeof *f);
	char		 p[160];

	snprintf(f->dir, sizeof f->dir, "/tmp/knead-ux.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->lib, sizeof f->lib, "%s/lib", f->dir);
	assert_int_equal(mkdir(f->lib, 0700), 0);
	snprintf(f->idx, sizeof f->idx, "%s/cache/knead/desk-index", f->dir);
	snprintf(p, sizeof p, "%s/config", f->dir);
	setenv("XDG_CONFIG_HOME", p, 1);
	setenv("KNEAD_ROUTINES", f->lib, 1);
	put(f, "a.yaml", ROUTINE("desk-long", "desk", "forearm-extensors",
	    "60"), 1);
	put(f, "b.yaml", ROUTINE("desk-short", "desk, back", "rhomboids",
	    "30"), 1);
	put(f, "c.yaml", ROUTINE("feet", "feet", "plantar-fascia", "20"), 1);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;
	char		 cmd[200];

	snprintf(cmd, sizeof cmd, "chmod -R u+w '%s'; rm -rf '%s'", f->dir,
	    f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cleanup of %s failed\n", f->dir);
	free(f);
	return 0;
}

/* The key of the library's files now. */
static uint64_t
key_now(int *racy)
{
	struct library	 lib;
	struct lib_file	*files;
	size_t		 n;
	uint64_t	 k;

	memset(&lib, 0, sizeof lib);
	n = library_files(&lib, &files);
	k = deskidx_key(files, n, (int64_t)time(NULL), racy);
	library_files_free(files, n);
	return k;
}

/* Pick through the index; the routine's id or "" when none. */
static const char *
pick(struct fx *f, const char *named)
{
	static char		 id[64];
	struct library		 lib;
	struct desk_pick	 pk;
	char			*cause = NULL;

	memset(&lib, 0, sizeof lib);
	assert_int_equal(deskidx_pick(f->idx, NULL, &lib, named, &pk,
	    &cause), 0);
	snprintf(id, sizeof id, "%s", pk.e != NULL ? pk.e->routine->id.s :
	    "");
	library_free(&lib);
	return id;
}

static void
test_round_trip(void **state)
{
	struct fx	*f = *state;
	struct library	 lib;
	struct deskidx	 idx, back;
	uint64_t	 key;
	int		 racy;

	key = key_now(&racy);
	assert_int_equal(racy, 0);
	memset(&lib, 0, sizeof lib);
	library_load(&lib, NULL);
	deskidx_build(&lib, key, &idx);
	assert_int_equal(idx.n, 3);
	/* desk_pick's order: desk ones, shortest first; then the rest. */
	assert_string_equal(idx.v[0].id, "desk-short");
	assert_string_equal(idx.v[1].id, "desk-long");
	assert_string_equal(idx.v[2].id, "feet");
	assert_int_equal(idx.v[2].desk, 0);
	assert_int_equal(idx.v[0].total_ms, 30000);
	assert_int_equal(deskidx_write(f->idx, &idx), 0);
	assert_int_equal(deskidx_read(f->idx, key, &back), 0);
	assert_int_equal(back.n, 3);
	assert_string_equal(back.v[1].id, "desk-long");
	assert_string_equal(back.v[1].path, idx.v[1].path);
	assert_string_equal(back.v[1].origin, "bundled");
	assert_int_equal(back.v[1].total_ms, idx.v[1].total_ms);
	deskidx_free(&back);
	/* Another key: stale. */
	assert_int_equal(deskidx_read(f->idx, key + 1, &back), -1);
	deskidx_free(&idx);
	/* An empty library has an index too. */
	idx.key = key;
	idx.n = 0;
	idx.v = NULL;
	assert_int_equal(deskidx_write(f->idx, &idx), 0);
	assert_int_equal(deskidx_read(f->idx, key, &back), 0);
	assert_int_equal(back.n, 0);
	deskidx_free(&back);
	library_free(&lib);
}

static void
test_key(void **state)
{
	struct fx	*f = *state;
	uint64_t	 k0, k1;
	char		 path[200];
	int		 racy;

	k0 = key_now(&racy);
	assert_int_equal(key_now(&racy), k0);
	/* The same size, another content and time: another key. */
	put(f, "c.yaml", ROUTINE("feet", "feet", "plantar-fascia", "40"), 1);
	k1 = key_now(&racy);
	assert_int_not_equal(k1, k0);
	assert_int_equal(racy, 0);
	/* Just written: racy (a change in the same tick would not show). */
	put(f, "c.yaml", ROUTINE("feet", "feet", "plantar-fascia", "20"), 0);
	assert_int_not_equal(key_now(&racy), k1);
	assert_int_equal(racy, 1);
	/* A file more, a file less. */
	put(f, "d.yaml", ROUTINE("more", "desk", "rhomboids", "10"), 1);
	k1 = key_now(&racy);
	snprintf(path, sizeof path, "%s/d.yaml", f->lib);
	assert_int_equal(unlink(path), 0);
	assert_int_not_equal(key_now(&racy), k1);
}

/* Damage the index file: each way is refused. */
static void
test_damaged(void **state)
{
	struct fx	*f = *state;
	struct deskidx	 back;
	uint64_t	 key;
	FILE		*fp;
	char		 text[8192];
	size_t		 len, i;
	int		 racy;

	key = key_now(&racy);
	assert_string_equal(pick(f, NULL), "desk-short");	/* writes it */
	assert_non_null(fp = fopen(f->idx, "r"));
	len = fread(text, 1, sizeof text, fp);
	fclose(fp);
	assert_true(len > 40 && len < sizeof text);
	assert_int_equal(deskidx_read(f->idx, key, &back), 0);
	deskidx_free(&back);
	/* Each byte flipped, the file cut at each length. */
	for (i = 0; i < len; i++) {
		text[i] ^= 0x01;
		assert_non_null(fp = fopen(f->idx, "w"));
		fwrite(text, 1, len, fp);
		fclose(fp);
		assert_int_equal(deskidx_read(f->idx, key, &back), -1);
		text[i] ^= 0x01;
		assert_non_null(fp = fopen(f->idx, "w"));
		fwrite(text, 1, i, fp);
		fclose(fp);
		assert_int_equal(deskidx_read(f->idx, key, &back), -1);
	}
	/* A damaged index: still the right answer, and a new index. */
	assert_string_equal(pick(f, NULL), "desk-short");
	assert_int_equal(deskidx_read(f->idx, key, &back), 0);
	deskidx_free(&back);
}

/* An index that lies (a file edited with its times put back): caught. */
static void
test_lying_index(void **state)
{
	struct fx	*f = *state;
	struct library	 lib;
	struct deskidx	 idx;
	uint64_t	 key;
	char		*tmp;
	int		 racy;

	key = key_now(&racy);
	memset(&lib, 0, sizeof lib);
	library_load(&lib, NULL);
	deskidx_build(&lib, key, &idx);
	/* desk-short's line names desk-long's file. */
	tmp = idx.v[0].path;
	idx.v[0].path = idx.v[1].path;
	idx.v[1].path = tmp;
	assert_int_equal(deskidx_write(f->idx, &idx), 0);
	assert_string_equal(pick(f, NULL), "desk-short");
	/* A file the index names is gone. */
	tmp = idx.v[0].path;
	idx.v[0].path = idx.v[1].path;
	idx.v[1].path = tmp;
	free(idx.v[0].path);
	idx.v[0].path = strdup("/nonexistent/b.yaml");
	assert_int_equal(deskidx_write(f->idx, &idx), 0);
	assert_string_equal(pick(f, NULL), "desk-short");
	assert_string_equal(pick(f, "feet"), "feet");
	deskidx_free(&idx);
	library_free(&lib);
}

/* A routine changed: the index is stale and the answer follows. */
static void
test_invalidation(void **state)
{
	struct fx	*f = *state;
	struct stat	 sb;

	assert_string_equal(pick(f, NULL), "desk-short");
	assert_int_equal(stat(f->idx, &sb), 0);
	/* desk-short now longer than desk-long (same file size). */
	put(f, "b.yaml", ROUTINE("desk-short", "desk, back", "rhomboids",
	    "90"), 1);
	assert_string_equal(pick(f, NULL), "desk-long");
	/* Just written (racy): right, and no index is left of it. */
	put(f, "b.yaml", ROUTINE("desk-short", "desk, back", "rhomboids",
	    "10"), 0);
	assert_string_equal(pick(f, NULL), "desk-short");
	put(f, "a.yaml", "knead: 1\nid: [broken\n", 1);
	assert_string_equal(pick(f, NULL), "desk-short");
	assert_string_equal(pick(f, "desk-long"), "desk-short");
	/* No desk routine at all. */
	put(f, "b.yaml", ROUTINE("desk-short", "back", "rhomboids", "10"), 1);
	assert_string_equal(pick(f, NULL), "");
	assert_string_equal(pick(f, "feet"), "feet");
}

/* The cache folder cannot be made or written: no error, same answer. */
static void
test_unwritable(void **state)
{
	struct fx	*f = *state;
	char		 file[100];
	FILE		*fp;

	snprintf(file, sizeof file, "%s/plain-file", f->dir);
	assert_non_null(fp = fopen(file, "w"));
	fclose(fp);
	snprintf(f->idx, sizeof f->idx, "%s/knead/desk-index", file);
	assert_string_equal(pick(f, NULL), "desk-short");
	assert_string_equal(pick(f, NULL), "desk-short");
	/* No index path at all (no home). */
	{
		struct library		 lib;
		struct desk_pick	 pk;
		char			*cause = NULL;

		memset(&lib, 0, sizeof lib);
		assert_int_equal(deskidx_pick(NULL, NULL, &lib, NULL, &pk,
		    &cause), 0);
		assert_string_equal(pk.e->routine->id.s, "desk-short");
		library_free(&lib);
	}
	unsetenv("XDG_CACHE_HOME");
	setenv("HOME", "relative", 1);
	assert_null(deskidx_path());
	setenv("XDG_CACHE_HOME", "/c", 1);
	assert_string_equal(deskidx_path(), "/c/knead/desk-index");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lying_index, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_invalidation, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_unwritable, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
