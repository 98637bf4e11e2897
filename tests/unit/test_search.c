/*
 * Unit tests for the home screen's filter rule (src/search.c): every word
 * must match, time limits, the words together as typed ranking before the
 * same words apart, and the order of the bundled routines for the words
 * people type (search_rank).
 */
#undef NDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "library.h"
#include "plan.h"
#include "routine.h"
#include "search.h"

/* Search texts as ui_home.c builds them (lower case), shortened. */
static const char low_back[] = "low-back-glutes low back and glutes "
    "quadratus lumborum ql lower back low back back pain side";
static const char pre_run[] = "pre-workout before a workout calves "
    "hamstrings calf lower leg back of the thigh";
static const char neck[] = "micro-neck micro break: neck and shoulders "
    "suboccipitals neck base of the skull headache";

static void
test_minutes(void **state)
{
	(void)state;
	assert_int_equal(search_minutes("<10"), 10);
	assert_int_equal(search_minutes("10m"), 10);
	assert_int_equal(search_minutes("10min"), 10);
	assert_int_equal(search_minutes("<5"), 5);
	assert_int_equal(search_minutes("10"), -1);	/* a word: "10" */
	assert_int_equal(search_minutes("10x"), -1);
	assert_int_equal(search_minutes("neck"), -1);
	assert_int_equal(search_minutes("<"), -1);
}

static void
test_every_word(void **state)
{
	(void)state;
	assert_int_equal(search_match(neck, "neck", 180000), SEARCH_TOGETHER);
	assert_int_equal(search_match(neck, "NECK", 180000), SEARCH_TOGETHER);
	assert_int_equal(search_match(neck, "neck calf", 180000), SEARCH_NONE);
	assert_int_equal(search_match(low_back, "QL", 720000), SEARCH_TOGETHER);
	assert_int_equal(search_match(low_back, "", 720000), SEARCH_TOGETHER);
	assert_int_equal(search_match(low_back, "  ", 720000), SEARCH_TOGETHER);
}

/* "lower back": the low back routine together, the pre-run one apart. */
static void
test_together_first(void **state)
{
	(void)state;
	assert_int_equal(search_match(low_back, "lower back", 720000),
	    SEARCH_TOGETHER);
	assert_int_equal(search_match(pre_run, "lower back", 420000),
	    SEARCH_APART);
	/* Extra spaces and a time limit between do not part the words. */
	assert_int_equal(search_match(low_back, " lower  <20 back ", 720000),
	    SEARCH_TOGETHER);
	assert_int_equal(search_match(pre_run, "back lower", 420000),
	    SEARCH_APART);
}

static void
test_time_limit(void **state)
{
	(void)state;
	/* 3 min fits <3; 3 min 1 s rounds up to 4. */
	assert_int_equal(search_match(neck, "<3", 180000), SEARCH_TOGETHER);
	assert_int_equal(search_match(neck, "<3", 181000), SEARCH_NONE);
	assert_int_equal(search_match(neck, "neck 10m", 600000),
	    SEARCH_TOGETHER);
	assert_int_equal(search_match(low_back, "back <10", 720000),
	    SEARCH_NONE);
}

/* A '-' is a space either way; a line parts the words. */
static void
test_hyphen(void **state)
{
	(void)state;
	assert_int_equal(search_match("sciatica\nleg-pain", "leg pain", 0),
	    SEARCH_TOGETHER);
	assert_int_equal(search_match("low back and glutes", "low-back", 0),
	    SEARCH_TOGETHER);
	assert_int_equal(search_match("e2e-sh", "e2e-sh", 0), SEARCH_TOGETHER);
	assert_int_equal(search_match("e2e-sh", "e2e-shx", 0), SEARCH_NONE);
	assert_int_equal(search_match("upper\nback", "upper back", 0),
	    SEARCH_APART);
}

/* The bundled routines (run from the top), as the home screen reads them. */
static struct library	 lib;
static struct search_doc *docs;
static size_t		 ndocs;
static char		 cfg[] = "/tmp/knead-test-search-XXXXXX";

static int
setup(void **state)
{
	struct plan	p;
	size_t		i;

	(void)state;
	if (mkdtemp(cfg) == NULL)
		return (-1);
	setenv("KNEAD_ROUTINES", "routines", 1);
	setenv("XDG_CONFIG_HOME", cfg, 1);	/* no routines of the user */
	memset(&lib, 0, sizeof lib);
	if (library_load(&lib, NULL) < 20)
		return (-1);
	docs = calloc(lib.n, sizeof *docs);
	for (i = 0; i < lib.n; i++) {
		if (!lib.v[i].valid || plan_build(lib.v[i].routine, &p) != 0)
			continue;
		search_doc_make(&docs[ndocs++], lib.v[i].routine, &p);
		plan_free(&p);
	}
	return (0);
}

static int
teardown(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < ndocs; i++)
		search_doc_clear(&docs[i]);
	free(docs);
	library_free(&lib);
	rmdir(cfg);
	return (0);
}

static const char	*rank_filter;

/* Score first, then as the list: the quickest, then by id. */
static int
rank_cmp(const void *a, const void *b)
{
	const struct search_doc	*x = *(const struct search_doc *const *)a;
	const struct search_doc	*y = *(const struct search_doc *const *)b;
	long			 sx = search_rank(x, rank_filter);
	long			 sy = search_rank(y, rank_filter);

	if (sx != sy)
		return (sx > sy ? -1 : 1);
	if (x->total_ms != y->total_ms)
		return (x->total_ms < y->total_ms ? -1 : 1);
	return (strcmp(x->name, y->name));
}

/*
 * The ids the home screen lists for filter, best first, one space apart
 * ("low-back-glutes upper-back ..."), into buf.
 */
static const char *
ranked(const char *filter, char *buf, size_t len)
{
	const struct search_doc	**v = calloc(ndocs + 1, sizeof *v);
	size_t			  i, n = 0, k = 0;

	for (i = 0; i < ndocs; i++)
		if (search_rank(&docs[i], filter) != SEARCH_NONE)
			v[n++] = &docs[i];
	rank_filter = filter;
	qsort(v, n, sizeof *v, rank_cmp);
	buf[0] = '\0';
	for (i = 0; i < n && k < len; i++)
		/* The id: the name up to its first line. */
		k += (size_t)snprintf(buf + k, len - k, "%s%.*s",
		    i > 0 ? " " : "", (int)strcspn(v[i]->name, "\n"),
		    v[i]->name);
	free(v);
	print_message("%-12s %s\n", filter, buf);
	return (buf);
}

/* The first ids of filter's list are first (in any order). */
static void
assert_first(const char *filter, const char *const *ids, size_t n)
{
	char	buf[2048], *w, *save = NULL;
	size_t	i, k;

	ranked(filter, buf, sizeof buf);
	for (w = strtok_r(buf, " ", &save), k = 0; w != NULL && k < n;
	    w = strtok_r(NULL, " ", &save), k++) {
		for (i = 0; i < n && strcmp(ids[i], w) != 0; i++)
			;
		if (i == n)
			fail_msg("'%s': %s is among the first %zu", filter, w,
			    n);
	}
	assert_int_equal(k, n);
}
#define FIRST(f, ...) do {						\
	static const char *const ids_[] = { __VA_ARGS__ };		\
	assert_first((f), ids_, sizeof ids_ / sizeof ids_[0]);		\
} while (0)

/* "back pain" is the low back's: first, the upper back's after. */
static void
test_back_pain(void **state)
{
	(void)state;
	FIRST("back pain", "low-back-glutes");
	FIRST("Back Pain", "low-back-glutes");
	FIRST("back pain <15", "low-back-glutes");
	FIRST("lower back", "low-back-glutes");
	FIRST("low back", "low-back-glutes");
	FIRST("QL", "low-back-glutes");
}

/* The routines named for what was typed before those touching it. */
static void
test_named_first(void **state)
{
	(void)state;
	FIRST("neck", "micro-neck", "phone-neck", "desk-neck-shoulders",
	    "tension-headache");
	FIRST("upper back", "upper-back", "thoracic-extension",
	    "micro-upper-back");
	FIRST("shoulder", "micro-neck", "shoulder-infraspinatus",
	    "desk-neck-shoulders", "tension-headache", "upper-back",
	    "desk-break", "pec-minor-wall");
	FIRST("headache", "tension-headache", "desk-neck-shoulders");
	FIRST("leg pain", "sciatica-buttock");
	FIRST("sciatica", "sciatica-buttock");
	FIRST("forearm", "micro-forearms", "forearms-keyboard",
	    "desk-break");
	/* Named in the id or title before a tag only (a desk tester found
	 * the two "Desk break" routines 7th and 8th). */
	FIRST("desk", "desk-break", "desk-neck-shoulders", "phone-neck");
}

/* Then the routine that spends its time there ("calf": the calves'). */
static void
test_share(void **state)
{
	(void)state;
	FIRST("calf", "calves-feet");
	FIRST("heel", "heel-homework");
	FIRST("quads", "quads");
	FIRST("hamstrings", "hamstrings");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minutes),
		cmocka_unit_test(test_every_word),
		cmocka_unit_test(test_together_first),
		cmocka_unit_test(test_time_limit),
		cmocka_unit_test(test_hyphen),
		cmocka_unit_test(test_back_pain),
		cmocka_unit_test(test_named_first),
		cmocka_unit_test(test_share),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
