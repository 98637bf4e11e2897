/*
 * Day numbers (days since 1970-01-01) and the date texts of status,
 * history and report.
 */
#include "dates.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int64_t
dates_from_civil(int64_t y, int64_t m, int64_t d)
{
	int64_t	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
dates_civil(int64_t z, char *buf, size_t len)
{
	int64_t	era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	snprintf(buf, len, "%04lld-%02lld-%02lld", (long long)(y + (m <= 2)),
	    (long long)m, (long long)d);
}

int
dates_parse_day(const char *s, int64_t *day)
{
	int	y, m, d;
	char	back[16];

	if (s == NULL || strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return -1;
	*day = dates_from_civil(y, m, d);
	dates_civil(*day, back, sizeof back);
	return strcmp(back, s) == 0 ? 0 : -1;	/* not 2026-02-31 */
}

int64_t
dates_day_of(int64_t t)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (localtime_r(&tt, &tm) == NULL)
		return t / 86400;
	return dates_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int64_t
dates_monday(int64_t day)
{
	/* Day 0, 1970-01-01, was a Thursday. */
	return day - ((day + 3) % 7 + 7) % 7;
}

void
dates_local(int64_t t, const char *f, char *buf, size_t len)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (localtime_r(&tt, &tm) == NULL || strftime(buf, len, f, &tm) == 0)
		snprintf(buf, len, "?");
}

void
dates_when(int64_t t, int64_t now, char *buf, size_t len)
{
	const char	*f = "%a %H:%M";

	if (t - now > DATES_YEAR_S || now - t > DATES_YEAR_S)
		f = "%a %d %b %Y %H:%M";
	else if (t - now >= 6 * 86400 || t < now)
		f = "%a %d %b %H:%M";
	dates_local(t, f, buf, len);
}

void
dates_utc(int64_t t, char *buf, size_t len)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL)
		snprintf(buf, len, "?");
	else
		strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
dates_dur(int64_t s, char *buf, size_t len)
{
	if (s < 0)
		s = 0;
	if (s >= 3600)
		snprintf(buf, len, "%lld:%02lld:%02lld", (long long)(s / 3600),
		    (long long)(s / 60 % 60), (long long)(s % 60));
	else
		snprintf(buf, len, "%lld:%02lld", (long long)(s / 60),
		    (long long)(s % 60));
}
