/*
 * Day numbers and the date and duration texts of the history commands and
 * the report: local dates for people, UTC ISO 8601 for files.
 */
#ifndef KNEAD_DATES_H
#define KNEAD_DATES_H

#include <stddef.h>
#include <stdint.h>

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
int64_t	dates_from_civil(int64_t y, int64_t m, int64_t d);
/* The civil date of a day number as "2026-11-23". */
void	dates_civil(int64_t day, char *buf, size_t len);
/* A stored "YYYY-MM-DD" as a day number; -1 when it is not one. */
int	dates_parse_day(const char *s, int64_t *day);
/* The local day number of unix time t. */
int64_t	dates_day_of(int64_t t);
/* The day number of the Monday of the week holding day. */
int64_t	dates_monday(int64_t day);
/*
 * Local time with a strftime format ("?" when it cannot be shown), its
 * day and month names (%a, %b) in the screen's language.
 */
void	dates_local(int64_t t, const char *fmt, char *buf, size_t len);
/*
 * When something clears, for people, seen from now: "Tue 08:14" within 6
 * days, "Tue 24 Nov 08:14" from 6 days on (or in the past), and with the
 * year, "Tue 24 Nov 2027 08:14", more than six months (183 days) away
 * either way, where the weekday and month alone would be read as this year.
 */
void	dates_when(int64_t t, int64_t now, char *buf, size_t len);
/*
 * "14:05" on the same local day as now, else dates_when's ("Mon 09:00"):
 * the status line's and the reminders' (a status bar is narrow).
 */
void	dates_clock(int64_t t, int64_t now, char *buf, size_t len);
/*
 * dates_local and dates_when in language lang ("fr", ...; NULL: the
 * screen's): the day and month names (%a, %b) and the order of the parts
 * (a format the catalogue has under msgctxt "date") are the catalogue's,
 * not LC_TIME's, so they follow the language whether or not its locale
 * is installed; the numbers are the same in every language.
 */
/* Formats with a name: "Wed 02 Dec 2026 08:14", "Wed 02 Dec 2026",
 * "02 Dec 2026", "02 Dec". */
enum { DATES_STAMP, DATES_DAY, DATES_DATE, DATES_DM };
extern const char *const dates_fmt[];
/* dates_local_in with one of them. */
void	dates_in(const char *lang, int64_t t, int fmt, char *buf, size_t len);
void	dates_local_in(const char *lang, int64_t t, const char *fmt,
	    char *buf, size_t len);
void	dates_when_in(const char *lang, int64_t t, int64_t now, char *buf,
	    size_t len);
#define DATES_YEAR_S	(183 * 86400)
/* UTC "2026-11-23T08:14:00Z" ("?" for 0). */
void	dates_utc(int64_t t, char *buf, size_t len);
/* "8:05" or "1:02:03" from seconds. */
void	dates_dur(int64_t s, char *buf, size_t len);

#endif
