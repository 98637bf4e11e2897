/*
 * Unit tests for the home screen's filter rule (src/search.c): every word
 * must match, time limits, and the words together as typed ranking before
 * the same words apart.
 */
#undef NDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minutes),
		cmocka_unit_test(test_every_word),
		cmocka_unit_test(test_together_first),
		cmocka_unit_test(test_time_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
