#undef NDEBUG
/*
 * Unit tests for halt_why.c: the keys of the question after a halt, the
 * stored words and their numbers, and when an answer adds DOMAIN 3.6's
 * "see a clinician" (nerve symptoms over the nerves to the arm).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "areas.h"
#include "halt_why.h"
#include "history.h"

/* p, n, s, o in either case; nothing else answers (Enter, Esc, q). */
static void
test_keys(void **state)
{
	(void)state;
	assert_string_equal(halt_why_of_key('p'), HALT_WHY_SHARP);
	assert_string_equal(halt_why_of_key('N'), HALT_WHY_NUMB);
	assert_string_equal(halt_why_of_key('s'), HALT_WHY_SHOOTING);
	assert_string_equal(halt_why_of_key('o'), HALT_WHY_OTHER);
	assert_null(halt_why_of_key('\n'));
	assert_null(halt_why_of_key('\r'));
	assert_null(halt_why_of_key(27));
	assert_null(halt_why_of_key('q'));
	assert_null(halt_why_of_key(' '));
	assert_null(halt_why_of_key('1'));
}

/* Each word has its words and its number, and back; NULL is none. */
static void
test_words(void **state)
{
	static const char *const w[] = { HALT_WHY_SHARP, HALT_WHY_NUMB,
	    HALT_WHY_SHOOTING, HALT_WHY_OTHER };
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof w / sizeof w[0]; i++) {
		assert_true(halt_why_known(w[i]));
		assert_int_equal(halt_why_code(w[i]), (int)i + 1);
		assert_string_equal(halt_why_of_code((int)i + 1), w[i]);
		assert_non_null(halt_why_words(w[i]));
	}
	assert_string_equal(halt_why_words(HALT_WHY_NUMB),
	    "numbness or tingling");
	assert_string_equal(halt_why_msgid(HALT_WHY_SHOOTING),
	    "shooting or electric pain");
	assert_false(halt_why_known(NULL));
	assert_false(halt_why_known("pain"));
	assert_null(halt_why_words(NULL));
	assert_null(halt_why_words("bogus"));
	assert_int_equal(halt_why_code(NULL), 0);
	assert_null(halt_why_of_code(0));
	assert_null(halt_why_of_code(5));
	assert_null(halt_why_of_code(-1));
}

/*
 * Numbness, tingling or shooting pain over the nerves to the arm: the
 * neck and shoulders, pec minor, the forearms. Not sharp pain, not
 * "something else", not a calf or the back, not with no area.
 */
static void
test_clinician(void **state)
{
	static const char *const arm[] = { "upper-trapezius",
	    "levator-scapulae", "suboccipitals", "infraspinatus",
	    "teres-major", "pec-minor", "forearm-extensors",
	    "forearm-flexors" };
	static const char *const not[] = { "calves", "rhomboids",
	    "pec-major", "quadratus-lumborum", "gluteus-medius" };
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof arm / sizeof arm[0]; i++) {
		assert_true(halt_why_see_clinician(HALT_WHY_NUMB,
		    area_find(arm[i])));
		assert_true(halt_why_see_clinician(HALT_WHY_SHOOTING,
		    area_find(arm[i])));
		assert_false(halt_why_see_clinician(HALT_WHY_SHARP,
		    area_find(arm[i])));
		assert_false(halt_why_see_clinician(HALT_WHY_OTHER,
		    area_find(arm[i])));
		assert_false(halt_why_see_clinician(NULL, area_find(arm[i])));
	}
	for (i = 0; i < sizeof not / sizeof not[0]; i++) {
		assert_non_null(area_find(not[i]));
		assert_false(halt_why_see_clinician(HALT_WHY_NUMB,
		    area_find(not[i])));
		assert_false(halt_why_see_clinician(HALT_WHY_SHOOTING,
		    area_find(not[i])));
	}
	assert_false(halt_why_see_clinician(HALT_WHY_NUMB, NULL));
}

/*
 * A resting entry held by a !: its answer's words, and whether an
 * override may pass it (not a nerve symptom over the arm's nerves).
 */
static void
test_rest_entry(void **state)
{
	struct resting	x;

	(void)state;
	memset(&x, 0, sizeof x);
	x.area = area_find("upper-trapezius");
	assert_non_null(x.area);
	x.rule = RULE_HALTED;
	x.count = -halt_why_code(HALT_WHY_NUMB);
	assert_string_equal(halt_why_rest_words(&x), "numbness or tingling");
	assert_int_equal(halt_why_no_override(&x), 1);
	x.count = -halt_why_code(HALT_WHY_SHARP);
	assert_string_equal(halt_why_rest_words(&x), "sharp pain");
	assert_int_equal(halt_why_no_override(&x), 0);
	/* Not answered, or a pain rating's hold: no words, overridable. */
	x.count = 0;
	assert_null(halt_why_rest_words(&x));
	assert_int_equal(halt_why_no_override(&x), 0);
	x.count = 8;
	assert_null(halt_why_rest_words(&x));
	assert_int_equal(halt_why_no_override(&x), 0);
	/* Numbness in a calf: words, but no clinician rule. */
	x.area = area_find("calves");
	x.count = -halt_why_code(HALT_WHY_NUMB);
	assert_int_equal(halt_why_no_override(&x), 0);
	/* Another rule's count is not an answer. */
	x.rule = RULE_SORE;
	x.count = -2;
	assert_null(halt_why_rest_words(&x));
	assert_int_equal(halt_why_no_override(&x), 0);
}

/* Which halt holds an entry: the test every place words it by. */
static void
test_hold(void **state)
{
	struct resting	x;

	(void)state;
	memset(&x, 0, sizeof x);
	x.area = area_find("calves");
	x.rule = RULE_HALTED;
	x.checked_at = 1000;
	x.free_at = 1001;
	x.count = 9;
	assert_int_equal(halt_why_hold(&x), HALT_HOLD_HURT);
	/* Its hold passed, held again as still there: whatever the why. */
	x.free_at = 1000;
	assert_int_equal(halt_why_hold(&x), HALT_HOLD_STILL);
	x.free_at = 1001;
	x.count = -halt_why_code(HALT_WHY_SHOOTING);
	assert_int_equal(halt_why_hold(&x), HALT_HOLD_ANSWERED);
	x.count = 0;
	assert_int_equal(halt_why_hold(&x), HALT_HOLD_PAIN);
	/* A code this knead does not know is no answer. */
	x.count = -99;
	assert_int_equal(halt_why_hold(&x), HALT_HOLD_PAIN);
	x.rule = RULE_SORE;
	x.count = 5;
	assert_int_equal(halt_why_hold(&x), HALT_HOLD_NONE);
	x.rule = RULE_BLOCKED;
	x.count = -2;
	assert_int_equal(halt_why_hold(&x), HALT_HOLD_NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_clinician),
		cmocka_unit_test(test_rest_entry),
		cmocka_unit_test(test_hold),
	};

	setenv("LC_ALL", "C.UTF-8", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
