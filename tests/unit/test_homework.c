/*
 * Unit tests for a homework's terms in words (src/homework.c), the one
 * formatter knead show and knead status call: the parts asked for that
 * the homework has, "?" for a period's end not given, cut to the buffer,
 * and in the screen's language the words show and status said before
 * (", du 2026-11-30 au 2026-12-27, 4 séances par semaine").
 */
#undef NDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "homework.h"
#include "i18n.h"
#include "routine.h"

/* A homework block with the given parts (NULL or per_week 0: not given). */
static struct homework
hw_of(const char *from, const char *until, long long per_week)
{
	struct homework	hw;

	memset(&hw, 0, sizeof hw);
	hw.present = 1;
	hw.from.s = (char *)from;
	hw.until.s = (char *)until;
	hw.per_week.v = per_week;
	hw.per_week.set = per_week > 0;
	return hw;
}

/* The terms of hw for parts, into a buffer of len bytes (<= 256). */
static const char *
terms(struct homework hw, int parts, size_t len)
{
	static char	buf[256];

	memset(buf, 'x', sizeof buf);
	return homework_terms(&hw, parts, buf, len);
}

static void
test_terms(void **state)
{
	(void)state;
	assert_string_equal(terms(hw_of("2026-11-30", "2026-12-27", 4),
	    HOMEWORK_TERMS, 256), "2026-11-30 to 2026-12-27, 4 sessions a week");
	assert_string_equal(terms(hw_of("2026-11-30", "2026-12-27", 1),
	    HOMEWORK_TERMS, 256), "2026-11-30 to 2026-12-27, 1 session a week");
	/* A target alone starts the terms: no comma before it. */
	assert_string_equal(terms(hw_of(NULL, NULL, 21), HOMEWORK_TERMS, 256),
	    "21 sessions a week");
	/* A period names both ends. */
	assert_string_equal(terms(hw_of("2026-11-30", NULL, 0),
	    HOMEWORK_TERMS, 256), "2026-11-30 to ?");
	assert_string_equal(terms(hw_of(NULL, "2026-12-27", 2),
	    HOMEWORK_TERMS, 256), "? to 2026-12-27, 2 sessions a week");
	assert_string_equal(terms(hw_of(NULL, NULL, 0), HOMEWORK_TERMS, 256),
	    "");
}

/* Only the parts asked for (status says the period alone). */
static void
test_parts(void **state)
{
	(void)state;
	assert_string_equal(terms(hw_of("2026-11-30", "2026-12-27", 4),
	    HOMEWORK_PERIOD, 256), "2026-11-30 to 2026-12-27");
	assert_string_equal(terms(hw_of("2026-11-30", "2026-12-27", 4),
	    HOMEWORK_TARGET, 256), "4 sessions a week");
	assert_string_equal(terms(hw_of(NULL, NULL, 4), HOMEWORK_PERIOD, 256),
	    "");
	assert_string_equal(terms(hw_of("2026-11-30", "2026-12-27", 4), 0,
	    256), "");
}

/* Cut at the buffer, always ended; a buffer of 0 bytes is not written. */
static void
test_cut(void **state)
{
	char	buf[4] = "abc";

	(void)state;
	assert_string_equal(terms(hw_of("2026-11-30", "2026-12-27", 4),
	    HOMEWORK_TERMS, 11), "2026-11-30");
	assert_string_equal(terms(hw_of("2026-11-30", "2026-12-27", 4),
	    HOMEWORK_TERMS, 25), "2026-11-30 to 2026-12-27");
	assert_string_equal(terms(hw_of("2026-11-30", "2026-12-27", 4),
	    HOMEWORK_TERMS, 27), "2026-11-30 to 2026-12-27, ");
	assert_string_equal(terms(hw_of(NULL, NULL, 4), HOMEWORK_TERMS, 1), "");
	homework_terms(&(struct homework){ .present = 1 }, HOMEWORK_TERMS,
	    buf, 0);
	assert_string_equal(buf, "abc");
}

/*
 * In the screen's language, what show and status said before this one
 * formatter: show ", du 2026-11-30 au 2026-12-27, 4 séances par
 * semaine", status " (du 2026-11-30 au 2026-12-27)".
 */
static void
test_languages(void **state)
{
	(void)state;
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "C.UTF-8", 1);
	setenv("LANGUAGE", "fr", 1);
	i18n_init();
	assert_string_equal(terms(hw_of("2026-11-30", "2026-12-27", 4),
	    HOMEWORK_TERMS, 256),
	    "du 2026-11-30 au 2026-12-27, 4 séances par semaine");
	/* French counts one for 0 and 1 (the block's target is >= 1). */
	assert_string_equal(terms(hw_of(NULL, NULL, 1), HOMEWORK_TERMS, 256),
	    "1 séance par semaine");
	assert_string_equal(terms(hw_of(NULL, "2026-12-27", 0),
	    HOMEWORK_PERIOD, 256), "du ? au 2026-12-27");
	setenv("LANGUAGE", "de", 1);
	i18n_init();	/* gettext keeps what it found for a language */
	assert_string_equal(terms(hw_of("2026-11-30", "2026-12-27", 1),
	    HOMEWORK_TERMS, 256),
	    "2026-11-30 bis 2026-12-27, 1 Einheit pro Woche");
	setenv("LANGUAGE", "es", 1);
	i18n_init();
	assert_string_equal(terms(hw_of("2026-11-30", "2026-12-27", 3),
	    HOMEWORK_TERMS, 256),
	    "del 2026-11-30 al 2026-12-27, 3 sesiones a la semana");
	unsetenv("LANGUAGE");
}

/*
 * The homework's end, one rule for status and the home screen: ended from
 * the day after its until day, its last day that day; without an until
 * neither.
 */
static void
test_end(void **state)
{
	struct homework	hw = hw_of("2026-11-30", "2026-12-27", 3);

	(void)state;
	hw.until_day.v = 20814;
	hw.until_day.set = 1;
	assert_false(homework_ended(&hw, 20813));
	assert_false(homework_ended(&hw, 20814));
	assert_true(homework_ended(&hw, 20815));
	assert_false(homework_last_day(&hw, 20813));
	assert_true(homework_last_day(&hw, 20814));
	assert_false(homework_last_day(&hw, 20815));
	hw.until_day.set = 0;
	assert_false(homework_ended(&hw, 20815));
	assert_false(homework_last_day(&hw, 20814));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_parts),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_end),
		cmocka_unit_test(test_languages),
	};

	/* English first: the catalogues are bound by test_languages. */
	unsetenv("LANGUAGE");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
