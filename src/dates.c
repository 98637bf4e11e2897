/*
 * Day numbers (days since 1970-01-01) and the date texts of status,
 * history and report.
 */
#include "dates.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "i18n.h"

/*
 * Day and month names come from the catalogues, in the language asked
 * (the screen's, or a report's), whatever LC_TIME says or whether that
 * language's locale is installed: the same rule as every other word.
 */
static const char *const wday_names[7] = {
	NC_("weekday", "Sun"), NC_("weekday", "Mon"), NC_("weekday", "Tue"),
	NC_("weekday", "Wed"), NC_("weekday", "Thu"), NC_("weekday", "Fri"),
	NC_("weekday", "Sat")
};
static const char *const month_names[12] = {
	NC_("month", "Jan"), NC_("month", "Feb"), NC_("month", "Mar"),
	NC_("month", "Apr"), NC_("month", "May"), NC_("month", "Jun"),
	NC_("month", "Jul"), NC_("month", "Aug"), NC_("month", "Sep"),
	NC_("month", "Oct"), NC_("month", "Nov"), NC_("month", "Dec")
};

/* The formats of the report (dates.h), each language's order. */
const char *const dates_fmt[] = {
	NC_("date", "%a %d %b %Y %H:%M"), NC_("date", "%a %d %b %Y"),
	NC_("date", "%d %b %Y"), NC_("date", "%d %b")
};

/* One name in lang (NULL: the screen's). */
static const char *
date_name(const char *lang, const char *ctx, const char *msgid)
{
	char	key[64];

	if (lang != NULL)
		return i18n_in(lang, ctx, msgid);
	snprintf(key, sizeof key, "%s\004%s", ctx, msgid);
	return i18n_pgettext(key, msgid);
}

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
dates_local_in(const char *lang, int64_t t, const char *f, char *buf,
    size_t len)
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;
	char		 fmt[256];
	const char	*name;
	size_t		 o = 0;

	if (localtime_r(&tt, &tm) == NULL) {
		snprintf(buf, len, "?");
		return;
	}
	/* The language's order ("%d. %b" in German), when it has one. */
	f = date_name(lang, "date", f);
	/* %a and %b said here, %% kept: strftime does the numbers. */
	for (; *f != '\0' && o + 2 < sizeof fmt; f++) {
		name = NULL;
		if (f[0] == '%' && f[1] == 'a' && tm.tm_wday >= 0 &&
		    tm.tm_wday < 7)
			name = date_name(lang, "weekday",
			    wday_names[tm.tm_wday]);
		else if (f[0] == '%' && f[1] == 'b' && tm.tm_mon >= 0 &&
		    tm.tm_mon < 12)
			name = date_name(lang, "month", month_names[tm.tm_mon]);
		else if (f[0] == '%' && f[1] != '\0') {
			fmt[o++] = *f++;
			fmt[o++] = *f;
			continue;
		}
		if (name == NULL) {
			fmt[o++] = *f;
			continue;
		}
		for (; *name != '\0' && o + 3 < sizeof fmt; name++) {
			if (*name == '%')
				fmt[o++] = '%';
			fmt[o++] = *name;
		}
		f++;
	}
	fmt[o] = '\0';
	if (strftime(buf, len, fmt, &tm) == 0)
		snprintf(buf, len, "?");
}

void
dates_in(const char *lang, int64_t t, int fmt, char *buf, size_t len)
{
	dates_local_in(lang, t, dates_fmt[fmt], buf, len);
}

void
dates_local(int64_t t, const char *f, char *buf, size_t len)
{
	dates_local_in(NULL, t, f, buf, len);
}

void
dates_when_in(const char *lang, int64_t t, int64_t now, char *buf,
    size_t len)
{
	const char	*f;

	/* The order and the words around them are the language's too. */
	if (t - now > DATES_YEAR_S || now - t > DATES_YEAR_S)
		f = NC_("date", "%a %d %b %Y %H:%M");
	else if (t - now >= 6 * 86400 || t < now)
		f = NC_("date", "%a %d %b %H:%M");
	else
		f = NC_("date", "%a %H:%M");
	dates_local_in(lang, t, f, buf, len);
}

void
dates_when(int64_t t, int64_t now, char *buf, size_t len)
{
	dates_when_in(NULL, t, now, buf, len);
}

void
dates_clock(int64_t t, int64_t now, char *buf, size_t len)
{
	/*
	 * The time alone on the same local day (a status bar is narrow);
	 * another day names it: "09:00" late on Sunday read as today.
	 */
	if (t - now >= 20 * 3600 || dates_day_of(t) != dates_day_of(now))
		dates_when(t, now, buf, len);
	else
		dates_local(t, "%H:%M", buf, len);
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
