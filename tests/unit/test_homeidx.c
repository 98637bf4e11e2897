/*
 * The home screen's kept index (homeidx.c) on real files in a temporary
 * folder: it round-trips (escaped texts too); another key, a flipped
 * byte, a cut file or a line it does not know is refused; the key follows
 * every routine file and folder and the store and its -wal; a change in
 * the last two seconds is racy; and every rest state is decided at draw
 * time from its deadline (a fake clock): an entry ends at its free_at, a
 * block holds, an index of another day is not used when its texts are
 * dated, nor one from the future (the clock set back).
 */
#include <sys/stat.h>
#include <sys/time.h>

#include <fcntl.h>

#include <inttypes.h>
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

#include "areas.h"
#include "clock.h"
#include "deskidx.h"
#include "history.h"
#include "homeidx.h"
#include "library.h"
#include "routine.h"
#include "xmalloc.h"

#define ROUTINE(id, area)						\
	"knead: 1\nid: " id "\ntitle: \"T " id "\"\n"			\
	"intensity: gentle\nsteps:\n  - press:\n"			\
	"      area: " area "\n      side: left\n      tool: tennis-ball\n" \
	"      time: 30s\n      pressure: 3\n"

#define T0	1796400000LL	/* a fixed "now" for the fake clock */

struct fx {
	char	dir[64];
	char	lib[96];
	char	db[96];
	char	idx[128];
};

/* Set path's times to ago seconds back. */
static void
age(const char *path, int ago)
{
	struct timeval	tv[2];

	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= ago;
	tv[1] = tv[0];
	assert_int_equal(utimes(path, tv), 0);
}

/* Write a file in the routine folder, its times an hour back if old. */
static void
put(const char *path, const char *text, int old)
{
	FILE	*fp;

	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	if (old)
		age(path, 3600);
}

static int
setup(void **state)
{
	struct fx	*f = calloc(1, sizeof *f);
	char		 p[200];

	snprintf(f->dir, sizeof f->dir, "/tmp/knead-uh.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->lib, sizeof f->lib, "%s/lib", f->dir);
	assert_int_equal(mkdir(f->lib, 0700), 0);
	snprintf(f->db, sizeof f->db, "%s/h.db", f->dir);
	snprintf(f->idx, sizeof f->idx, "%s/cache/knead/home-index", f->dir);
	snprintf(p, sizeof p, "%s/config", f->dir);
	setenv("XDG_CONFIG_HOME", p, 1);
	setenv("KNEAD_ROUTINES", f->lib, 1);
	snprintf(p, sizeof p, "%s/a.yaml", f->lib);
	put(p, ROUTINE("a", "calves"), 1);
	put(f->db, "store", 1);
	age(f->lib, 3600);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;
	char		 cmd[200];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cleanup of %s failed\n", f->dir);
	free(f);
	return 0;
}

/* A hold on area id (NULL: a weekly cap) until free_at. */
static struct resting
hold(const char *id, int side, int64_t free_at, int rule)
{
	struct resting	x;

	memset(&x, 0, sizeof x);
	x.area = id != NULL ? area_find(id) : NULL;
	x.side = (enum side)side;
	x.free_at = free_at;
	x.rule = rule;
	x.count = 2;
	x.limit = 3;
	x.week_count = id == NULL ? 4 : 0;
	x.per_week = id == NULL ? 4 : 0;
	return x;
}

/* An index of two rows, texts with escapes, rests and checks. */
static void
sample(struct homeidx *idx, uint64_t key)
{
	struct homeidx_row	*r;

	memset(idx, 0, sizeof *idx);
	idx->key = key;
	idx->at = T0;
	idx->nbad = 2;
	idx->badhow = xstrdup("knead list --routines '/tmp/my \\ folder'");
	idx->nrest = 2;
	idx->rest = xcalloc(2, sizeof *idx->rest);
	idx->rest[0] = hold("calves", SIDE_LEFT, T0 + 600, RULE_REST);
	idx->rest[1] = hold(NULL, SIDE_NONE, T0 + 86400, RULE_REST);
	idx->n = 2;
	idx->v = xcalloc(2, sizeof *idx->v);
	r = &idx->v[0];
	r->title = xstrdup("Calves \\ feet: «café»");
	r->areas = xstrdup("calves");
	r->tools = xstrdup("tennis ball");
	r->summary = xstrdup("Line one\nline\ttwo\\");
	r->homework = xstrdup("homework from A. Moreau, PT: 0 of 3");
	r->total_ms = 190000;
	r->mark = 1;
	r->intensity = INTENSITY_MODERATE;
	r->strict = 1;
	r->nplace = 2;
	r->place = xcalloc(2, sizeof *r->place);
	r->place[0].area = area_find("calves");
	r->place[0].side = SIDE_LEFT;
	r->place[0].work = 1;
	r->place[1].area = area_find("plantar-fascia");
	r->place[1].side = SIDE_NONE;
	r->nchk = 1;
	r->chk = xcalloc(1, sizeof *r->chk);
	r->chk[0] = hold("calves", SIDE_LEFT, T0 + 600, RULE_SORE);
	r = &idx->v[1];
	r->title = xstrdup("Empty");
	r->areas = xstrdup("");
	r->tools = xstrdup("");
	r->total_ms = 60000;
}

static void
test_round_trip(void **state)
{
	struct fx	*f = *state;
	struct homeidx	 a, b;
	size_t		 i;

	sample(&a, 0x1234);
	assert_int_equal(homeidx_write(f->idx, &a), 0);
	assert_int_equal(homeidx_read(f->idx, 0x1234, T0 + 5, &b), 0);
	assert_int_equal(b.at, T0);
	/* The files that could not be loaded, and how to see why. */
	assert_int_equal(b.nbad, 2);
	assert_string_equal(b.badhow, a.badhow);
	assert_int_equal(b.n, 2);
	assert_int_equal(b.nrest, 2);
	for (i = 0; i < 2; i++) {
		assert_ptr_equal(b.rest[i].area, a.rest[i].area);
		assert_int_equal(b.rest[i].free_at, a.rest[i].free_at);
		assert_int_equal(b.rest[i].week_count, a.rest[i].week_count);
		assert_int_equal(b.rest[i].count, a.rest[i].count);
	}
	assert_string_equal(b.v[0].title, a.v[0].title);
	assert_string_equal(b.v[0].summary, a.v[0].summary);
	assert_string_equal(b.v[0].homework, a.v[0].homework);
	assert_int_equal(b.v[0].total_ms, 190000);
	assert_int_equal(b.v[0].mark, 1);
	assert_int_equal(b.v[0].intensity, INTENSITY_MODERATE);
	assert_int_equal(b.v[0].strict, 1);
	assert_int_equal(b.v[0].nplace, 2);
	assert_ptr_equal(b.v[0].place[1].area, area_find("plantar-fascia"));
	assert_int_equal(b.v[0].place[0].work, 1);
	assert_int_equal(b.v[0].nchk, 1);
	assert_int_equal(b.v[0].chk[0].rule, RULE_SORE);
	assert_null(b.v[1].summary);
	assert_null(b.v[1].homework);
	assert_string_equal(b.v[1].areas, "");
	homeidx_free(&b);
	/* None: none read back. */
	a.nbad = 0;
	assert_int_equal(homeidx_write(f->idx, &a), 0);
	assert_int_equal(homeidx_read(f->idx, 0x1234, T0 + 5, &b), 0);
	assert_int_equal(b.nbad, 0);
	assert_null(b.badhow);
	homeidx_free(&b);
	a.nbad = 2;
	assert_int_equal(homeidx_write(f->idx, &a), 0);
	/* Another key: stale. */
	assert_int_equal(homeidx_read(f->idx, 0x1235, T0 + 5, &b), -1);
	assert_int_equal(homeidx_read(f->idx, 0, T0 + 5, &b), -1);
	homeidx_free(&a);
}

/* The file as text, and back. */
static char *
slurp(const char *path, size_t *n)
{
	FILE	*fp;
	char	*buf = xmalloc(65536);

	assert_non_null(fp = fopen(path, "r"));
	*n = fread(buf, 1, 65535, fp);
	fclose(fp);
	buf[*n] = '\0';
	return buf;
}

static void
spit(const char *path, const char *buf, size_t n)
{
	FILE	*fp;

	assert_non_null(fp = fopen(path, "w"));
	assert_int_equal(fwrite(buf, 1, n, fp), n);
	fclose(fp);
}

/* The sum line of buf made again for what is before it; the new length. */
static size_t
resum(char *buf)
{
	char	*sum = strstr(buf, "\nsum ");

	assert_non_null(sum);
	sprintf(sum + 1, "sum %016" PRIx64 "\n", deskidx_hash(DESKIDX_HASH0,
	    buf, (size_t)(sum + 1 - buf)));
	return strlen(buf);
}

static void
test_damaged(void **state)
{
	struct fx	*f = *state;
	struct homeidx	 a, b;
	char		*buf, *p;
	size_t		 n, i;

	sample(&a, 7);
	assert_int_equal(homeidx_write(f->idx, &a), 0);
	homeidx_free(&a);
	buf = slurp(f->idx, &n);
	/* Every byte flipped in turn, one at a time: refused. */
	for (i = 0; i < n; i += 7) {
		buf[i] ^= 0x20;
		spit(f->idx, buf, n);
		assert_int_equal(homeidx_read(f->idx, 7, T0, &b), -1);
		buf[i] ^= 0x20;
	}
	/* Cut short anywhere: refused. */
	for (i = 0; i < n; i += 13) {
		spit(f->idx, buf, i);
		assert_int_equal(homeidx_read(f->idx, 7, T0, &b), -1);
	}
	spit(f->idx, buf, n);
	assert_int_equal(homeidx_read(f->idx, 7, T0, &b), 0);
	homeidx_free(&b);
	/* An unknown area behind a good checksum is still refused. */
	assert_non_null(p = strstr(buf, "p calves"));
	memcpy(p, "p calvez", 8);
	n = resum(buf);
	spit(f->idx, buf, n);
	assert_int_equal(homeidx_read(f->idx, 7, T0, &b), -1);
	/* So is a side out of range; put right, it reads. */
	memcpy(p, "p calves", 8);
	assert_non_null(p = strstr(buf, "p calves 1 1"));
	p[9] = '7';
	n = resum(buf);
	spit(f->idx, buf, n);
	assert_int_equal(homeidx_read(f->idx, 7, T0, &b), -1);
	p[9] = '1';
	n = resum(buf);
	spit(f->idx, buf, n);
	assert_int_equal(homeidx_read(f->idx, 7, T0, &b), 0);
	homeidx_free(&b);
	/* A link to a whole index: not ours to trust. */
	{
		char	link[160];

		snprintf(link, sizeof link, "%s/link", f->dir);
		assert_int_equal(symlink(f->idx, link), 0);
		assert_int_equal(homeidx_read(link, 7, T0, &b), -1);
	}
	free(buf);
	/* Missing: refused, no error. */
	unlink(f->idx);
	assert_int_equal(homeidx_read(f->idx, 7, T0, &b), -1);
	assert_int_equal(homeidx_read(NULL, 7, T0, &b), -1);
}

/* The rest states at draw time, from their deadlines (a fake clock). */
static void
test_holds_at(void **state)
{
	struct resting	 in[3], *out;
	size_t		 n;

	(void)state;
	in[0] = hold("calves", SIDE_LEFT, T0 + 600, RULE_REST);
	in[1] = hold("rhomboids", SIDE_NONE, T0 + 60, RULE_SORE);
	in[2] = hold("upper-trapezius", SIDE_RIGHT, T0 + 10, RULE_BLOCKED);
	n = homeidx_holds_at(in, 3, T0, &out);
	assert_int_equal(n, 3);
	assert_int_equal(out[2].free_at, T0 + 10);
	free(out);
	/* The sore one became ready; the block holds, "until" now. */
	n = homeidx_holds_at(in, 3, T0 + 60, &out);
	assert_int_equal(n, 2);
	assert_ptr_equal(out[0].area, area_find("calves"));
	assert_int_equal(out[1].rule, RULE_BLOCKED);
	assert_int_equal(out[1].free_at, T0 + 60);
	free(out);
	n = homeidx_holds_at(in, 3, T0 + 599, &out);
	assert_int_equal(n, 2);
	free(out);
	/* At free_at it is ready, as history's "free_at > now". */
	n = homeidx_holds_at(in, 3, T0 + 600, &out);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].rule, RULE_BLOCKED);
	free(out);
	n = homeidx_holds_at(NULL, 0, T0, &out);
	assert_int_equal(n, 0);
	free(out);
}

static void
test_usable(void **state)
{
	struct fx	*f = *state;
	struct homeidx	 a, b;

	sample(&a, 9);
	assert_true(homeidx_usable(&a, T0));
	assert_true(homeidx_usable(&a, T0 + 7 * 86400));
	/* The clock set back: not used. */
	assert_false(homeidx_usable(&a, T0 - 1));
	/* Dated texts (homework days left): that day only. */
	a.dated = 1;
	assert_true(homeidx_usable(&a, T0 + 1));
	assert_false(homeidx_usable(&a, T0 + 2 * 86400));
	assert_int_equal(homeidx_write(f->idx, &a), 0);
	assert_int_equal(homeidx_read(f->idx, 9, T0 + 2 * 86400, &b), -1);
	assert_int_equal(homeidx_read(f->idx, 9, T0 - 5, &b), -1);
	assert_int_equal(homeidx_read(f->idx, 9, T0 + 1, &b), 0);
	assert_int_equal(b.dated, 1);
	homeidx_free(&b);
	homeidx_free(&a);
}

/* The key now of the library (f->lib) and the store f->db. */
static uint64_t
key_now(struct fx *f, int *racy)
{
	struct library	lib;
	uint64_t	k;

	memset(&lib, 0, sizeof lib);
	k = homeidx_key(&lib, f->db, (int64_t)time(NULL), racy);
	library_free(&lib);
	return k;
}

static void
test_key(void **state)
{
	struct fx	*f = *state;
	char		 p[200], wal[128];
	uint64_t	 k0, k;
	int		 racy;

	k0 = key_now(f, &racy);
	assert_int_equal(racy, 0);
	assert_int_not_equal(k0, 0);
	assert_int_equal(key_now(f, &racy), k0);
	/* No store path: no key. */
	{
		struct library lib;

		memset(&lib, 0, sizeof lib);
		assert_int_equal(homeidx_key(&lib, NULL, T0, &racy), 0);
	}
	/* The store written (its size), then its -wal appearing. */
	put(f->db, "store!", 1);
	assert_int_not_equal(k = key_now(f, &racy), k0);
	assert_int_equal(racy, 0);
	snprintf(wal, sizeof wal, "%s-wal", f->db);
	put(wal, "w", 1);
	assert_int_not_equal(key_now(f, &racy), k);
	k = key_now(f, &racy);
	/* Another language: its texts are of another. */
	setenv("LANGUAGE", "fr", 1);
	assert_int_not_equal(key_now(f, &racy), k);
	unsetenv("LANGUAGE");
	assert_int_equal(key_now(f, &racy), k);
	/* A routine rewritten, same size, an hour back: another key. */
	snprintf(p, sizeof p, "%s/a.yaml", f->lib);
	put(p, ROUTINE("b", "calves"), 1);
	assert_int_not_equal(key_now(f, &racy), k);
	k = key_now(f, &racy);
	assert_int_equal(racy, 0);
	/* A file added (not a routine name: only the folder shows it). */
	snprintf(p, sizeof p, "%s/notes.txt", f->lib);
	put(p, "x", 1);
	age(f->lib, 1800);
	assert_int_not_equal(key_now(f, &racy), k);
	/* Changed just now: racy. */
	snprintf(p, sizeof p, "%s/a.yaml", f->lib);
	put(p, ROUTINE("a", "calves"), 0);
	key_now(f, &racy);
	assert_int_equal(racy, 1);
	age(p, 3600);
	put(f->db, "store?", 0);
	key_now(f, &racy);
	assert_int_equal(racy, 1);
}

/* Set path's mtime to s seconds and ns nanoseconds. */
static void
stamp(const char *path, int64_t s, long ns)
{
	struct timespec	ts[2];

	ts[0].tv_sec = ts[1].tv_sec = (time_t)s;
	ts[0].tv_nsec = ts[1].tv_nsec = ns;
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/*
 * The key at exit (homeidx_key_settled), on a fake clock: a store written
 * within the last two seconds is not racy once the change is
 * HOMEIDX_SETTLE_NS old on a file system with sub-second times; it is
 * when its time has whole seconds only, when it is younger than that
 * (the clock does not move while it sleeps), and when a routine changed.
 */
static void
test_key_settled(void **state)
{
	struct fx		*f = *state;
	struct fake_clock	 fc;
	struct library		 lib;
	char			 p[200];
	uint64_t		 k, k2;
	int			 racy;
	int64_t			 now = (int64_t)time(NULL);

	memset(&lib, 0, sizeof lib);
	fake_clock_init(&fc, 0, now);
	/* 0.5 s old, nanoseconds kept: racy by the 2 s rule, settled here. */
	stamp(f->db, now - 1, 500000000);
	k = homeidx_key(&lib, f->db, now, &racy);
	assert_int_equal(racy, 1);
	racy = 7;
	k2 = homeidx_key_settled(&lib, f->db, &fc.clock, &racy);
	assert_int_equal(racy, 0);
	assert_int_equal(k2, k);
	/* Settled exactly HOMEIDX_SETTLE_NS ago: not racy. */
	stamp(f->db, now - 1, 1000000000 - HOMEIDX_SETTLE_NS);
	(void)homeidx_key_settled(&lib, f->db, &fc.clock, &racy);
	assert_int_equal(racy, 0);
	/* Whole seconds only: a coarse file system, the 2 s rule holds. */
	stamp(f->db, now - 1, 0);
	(void)homeidx_key_settled(&lib, f->db, &fc.clock, &racy);
	assert_int_equal(racy, 1);
	/* 10 ms old: younger than the settling time. */
	stamp(f->db, now - 1, 990000000);
	(void)homeidx_key_settled(&lib, f->db, &fc.clock, &racy);
	assert_int_equal(racy, 1);
	/* Its -wal settled, the store a minute old: not racy. */
	stamp(f->db, now - 60, 0);
	snprintf(p, sizeof p, "%s-wal", f->db);
	put(p, "w", 0);
	stamp(p, now - 1, 250000000);
	(void)homeidx_key_settled(&lib, f->db, &fc.clock, &racy);
	assert_int_equal(racy, 0);
	/* A routine changed just now: racy whatever the store. */
	snprintf(p, sizeof p, "%s/a.yaml", f->lib);
	put(p, ROUTINE("a", "calves"), 0);
	(void)homeidx_key_settled(&lib, f->db, &fc.clock, &racy);
	assert_int_equal(racy, 1);
	/* No store path: no key, nothing to keep. */
	assert_int_equal(homeidx_key_settled(&lib, NULL, &fc.clock, &racy), 0);
	library_free(&lib);
}

static void
test_path(void **state)
{
	(void)state;
	setenv("XDG_CACHE_HOME", "/c", 1);
	assert_string_equal(homeidx_path(), "/c/knead/home-index");
	unsetenv("XDG_CACHE_HOME");
	setenv("HOME", "relative", 1);
	assert_null(homeidx_path());
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_damaged, setup, teardown),
		cmocka_unit_test(test_holds_at),
		cmocka_unit_test_setup_teardown(test_usable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_settled, setup,
		    teardown),
		cmocka_unit_test(test_path),
	};

	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
