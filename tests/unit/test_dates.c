/* Unit tests for the date texts of src/dates.c (TZ=UTC, fixed times). */
#undef NDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "dates.h"

#define T0	1795420800	/* Mon 2026-11-23 08:00:00 UTC */
#define DAY	86400

static void
when_is(int64_t t, int64_t now, const char *want)
{
	char	buf[64];

	dates_when(t, now, buf, sizeof buf);
	assert_string_equal(buf, want);
}

/*
 * When a refusal clears: the weekday within 6 days, the date from 6 days,
 * and the year more than six months away (issue 13), in either direction.
 */
static void
test_when(void **state)
{
	(void)state;
	when_is(T0 + 3600, T0, "Mon 09:00");
	when_is(T0 + 5 * DAY, T0, "Sat 08:00");
	when_is(T0 + 6 * DAY, T0, "Sun 29 Nov 08:00");
	when_is(T0 + 30 * DAY, T0, "Wed 23 Dec 08:00");
	when_is(T0 + 183 * DAY, T0, "Tue 25 May 08:00");
	when_is(T0 + 183 * DAY + 1, T0, "Tue 25 May 2027 08:00");
	when_is(T0 + 400 * DAY, T0, "Tue 28 Dec 2027 08:00");
	/* The past (a clock set back): the date, and the year when far. */
	when_is(T0 - DAY, T0, "Sun 22 Nov 08:00");
	when_is(T0 - 200 * DAY, T0, "Thu 07 May 2026 08:00");
}

static void
when_in(const char *lang, int64_t t, int64_t now, const char *want)
{
	char	buf[64];

	dates_when_in(lang, t, now, buf, sizeof buf);
	assert_string_equal(buf, want);
}

/*
 * The names and the order are the language's catalogue's (issue 16:
 * "resting until Tue 14:05" under a French screen), with no locale of that
 * language needed (LC_ALL=C here); the numbers are the same everywhere.
 */
static void
test_when_in(void **state)
{
	char	buf[64];

	(void)state;
	when_in("fr", T0 + 3600 + DAY, T0, "mar. 09:00");
	when_in("fr", T0 + 30 * DAY, T0, "mer. 23 déc. 08:00");
	when_in("de", T0 + 3600 + DAY, T0, "Di 09:00");
	when_in("de", T0 + 30 * DAY, T0, "Mi 23. Dez 08:00");
	when_in("de", T0 + 400 * DAY, T0, "Di 28. Dez 2027 08:00");
	when_in("es", T0 + 6 * DAY, T0, "dom 29 nov 08:00");
	when_in("en", T0 + 6 * DAY, T0, "Sun 29 Nov 08:00");
	when_in("xx", T0 + 6 * DAY, T0, "Sun 29 Nov 08:00");
	/* Other formats: %% kept, the numbers strftime's. */
	dates_local_in("fr", T0, "%d %b %Y, 100%%", buf, sizeof buf);
	assert_string_equal(buf, "23 nov. 2026, 100%");
	/* The screen's (LC_ALL=C: English), and the status line's rule. */
	dates_local(T0, "%a %d %b", buf, sizeof buf);
	assert_string_equal(buf, "Mon 23 Nov");
	dates_clock(T0 + 3600, T0, buf, sizeof buf);
	assert_string_equal(buf, "09:00");
	dates_clock(T0 + 20 * 3600, T0, buf, sizeof buf);
	assert_string_equal(buf, "Tue 04:00");
	dates_clock(T0 - 60, T0, buf, sizeof buf);
	assert_string_equal(buf, "07:59");
	/* Past midnight: the day is named (not read as today's). */
	dates_clock(T0 + 16 * 3600, T0, buf, sizeof buf);
	assert_string_equal(buf, "Tue 00:00");
	dates_clock(T0 + 15 * 3600 + 59 * 60, T0, buf, sizeof buf);
	assert_string_equal(buf, "23:59");
}

static void
test_dur(void **state)
{
	char	buf[32];

	(void)state;
	dates_dur(65, buf, sizeof buf);
	assert_string_equal(buf, "1:05");
	dates_dur(3723, buf, sizeof buf);
	assert_string_equal(buf, "1:02:03");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_when),
		cmocka_unit_test(test_when_in),
		cmocka_unit_test(test_dur),
	};

	setenv("TZ", "UTC", 1);
	setenv("LC_ALL", "C", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
