/*
 * The desk worker's loop (see desk.h): the reminder settings in a small
 * "key value" file, the window they give, and the routine a break suggests,
 * decided by the run's own rest check (history_check).
 */
#include "desk.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "areas.h"
#include "history.h"
#include "library.h"
#include "plan.h"
#include "routine.h"

static const char *const day_names[] = {
	"sun", "mon", "tue", "wed", "thu", "fri", "sat"
};

const char *
desk_conf_path(void)
{
	static char	path[4096];

	snprintf(path, sizeof path, "%s/remind.conf", library_config_dir());
	return path;
}

int
desk_conf_read(const char *path, struct remind_conf *c)
{
	FILE	*fp;
	char	 line[256], key[32], val[200];
	int	 ok = 0;

	memset(c, 0, sizeof *c);
	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, fp) != NULL) {
		if (sscanf(line, "%31s %199s", key, val) != 2)
			continue;
		if (strcmp(key, "every") == 0)
			ok |= (c->every_s = desk_parse_every(val)) > 0;
		else if (strcmp(key, "between") == 0)
			desk_parse_between(val, &c->from_min, &c->to_min);
		else if (strcmp(key, "days") == 0)
			c->days = desk_parse_days(val);
		else if (strcmp(key, "routine") == 0)
			snprintf(c->routine, sizeof c->routine, "%s", val);
	}
	fclose(fp);
	if (c->days == 0)
		c->days = 0x7f;
	if (c->to_min == 0)
		c->to_min = 24 * 60;
	return ok ? 0 : -1;
}

int
desk_conf_write(const char *path, const struct remind_conf *c)
{
	FILE	*fp;
	char	 days[64];
	int	 bad;

	if ((fp = fopen(path, "w")) == NULL)
		return -1;
	desk_days_text(c->days, 0, days, sizeof days);
	fprintf(fp, "# written by knead remind; knead remind --off removes it\n"
	    "every %lldm\nbetween %02d:%02d-%02d:%02d\ndays %s\n",
	    (long long)(c->every_s / 60), c->from_min / 60, c->from_min % 60,
	    c->to_min / 60, c->to_min % 60, days);
	if (c->routine[0] != '\0')
		fprintf(fp, "routine %s\n", c->routine);
	bad = ferror(fp);
	if (fclose(fp) != 0 || bad)
		return -1;
	return 0;
}

int64_t
desk_parse_every(const char *s)
{
	int64_t	 total = 0, n;
	char	*end;

	static const struct { const char *w; int s; } units[] = {
		{ "h", 3600 }, { "hr", 3600 }, { "hrs", 3600 },
		{ "hour", 3600 }, { "hours", 3600 }, { "m", 60 },
		{ "min", 60 }, { "mins", 60 }, { "minute", 60 },
		{ "minutes", 60 }, { "", 60 }
	};
	size_t	 len, u;

	if (s == NULL || !isdigit((unsigned char)*s))
		return -1;
	while (*s != '\0') {
		if (!isdigit((unsigned char)*s))
			return -1;
		errno = 0;
		n = strtoll(s, &end, 10);
		if (errno != 0 || n > 24 * 60)
			return -1;
		/* The unit: 50m, 50min, 1h, 2hours; none is minutes. */
		for (len = 0; isalpha((unsigned char)end[len]); len++)
			;
		for (u = 0; u < sizeof units / sizeof units[0] &&
		    (strlen(units[u].w) != len ||
		    strncasecmp(end, units[u].w, len) != 0); u++)
			;
		if (u == sizeof units / sizeof units[0])
			return -1;
		total += n * units[u].s;
		s = end + len;
	}
	return total >= 60 && total <= 24 * 3600 ? total : -1;
}

static int
parse_hm(const char *s, int *out, const char **end)
{
	int	h, m, k = 0;

	/* 09:00 or 9:00. */
	if (!isdigit((unsigned char)s[0]))
		return -1;
	h = s[0] - '0';
	if (isdigit((unsigned char)s[1])) {
		h = h * 10 + s[1] - '0';
		k = 1;
	}
	s += k;
	if (s[1] != ':' || !isdigit((unsigned char)s[2]) ||
	    !isdigit((unsigned char)s[3]))
		return -1;
	m = (s[2] - '0') * 10 + s[3] - '0';
	if (h > 24 || m > 59 || (h == 24 && m != 0))
		return -1;
	*out = h * 60 + m;
	*end = s + 4;
	return 0;
}

int
desk_parse_between(const char *s, int *from, int *to)
{
	const char	*p;

	if (s == NULL || parse_hm(s, from, &p) != 0 || *p != '-' ||
	    parse_hm(p + 1, to, &p) != 0 || *p != '\0')
		return -1;
	return *to <= *from ? -2 : 0;
}

static int
day_index(const char *s, size_t len)
{
	int	i;

	for (i = 0; i < 7; i++) {
		if (len == 3 && strncasecmp(s, day_names[i], 3) == 0)
			return i;
	}
	return -1;
}

unsigned
desk_parse_days(const char *s)
{
	unsigned	 days = 0;
	const char	*p, *dash;
	size_t		 len;
	int		 a, b;

	if (s == NULL)
		return 0;
	if (strcasecmp(s, "daily") == 0 || strcasecmp(s, "all") == 0)
		return 0x7f;
	while (*s != '\0') {
		len = strcspn(s, ",");
		dash = memchr(s, '-', len);
		if (dash != NULL) {
			a = day_index(s, (size_t)(dash - s));
			b = day_index(dash + 1, len - (size_t)(dash - s) - 1);
		} else
			a = b = day_index(s, len);
		if (a < 0 || b < 0)
			return 0;
		for (;;) {	/* sat-mon wraps round the week */
			days |= 1u << a;
			if (a == b)
				break;
			a = (a + 1) % 7;
		}
		p = s + len;
		s = *p == ',' ? p + 1 : p;
	}
	return days;
}

void
desk_days_text(unsigned days, int cron, char *buf, size_t len)
{
	size_t	off = 0;
	int	i, d;

	buf[0] = '\0';
	for (i = 1; i <= 7 && off < len; i++) {	/* Monday first */
		d = i % 7;
		if ((days & (1u << d)) == 0)
			continue;
		if (cron)
			off += (size_t)snprintf(buf + off, len - off, "%s%d",
			    off ? "," : "", d);
		else
			off += (size_t)snprintf(buf + off, len - off, "%s%s",
			    off ? "," : "", day_names[d]);
	}
}

int
desk_in_window(const struct remind_conf *c, int64_t t)
{
	struct tm	tm;
	time_t		tt = (time_t)t;
	int		min;

	if (localtime_r(&tt, &tm) == NULL)
		return 0;
	min = tm.tm_hour * 60 + tm.tm_min;
	return (c->days & (1u << tm.tm_wday)) != 0 && min >= c->from_min &&
	    min < c->to_min;
}

int
desk_check_step(const struct remind_conf *c)
{
	return c->every_s % 300 == 0 ? 5 : 1;
}

/* Is t (a whole minute) one of the timer's checks? */
static int
is_check(const struct remind_conf *c, int64_t t)
{
	struct tm	tm;
	time_t		tt = (time_t)t;

	if (localtime_r(&tt, &tm) == NULL)
		return 0;
	return (c->days & (1u << tm.tm_wday)) != 0 &&
	    tm.tm_hour >= c->from_min / 60 &&
	    tm.tm_hour <= (c->to_min - 1) / 60 &&
	    tm.tm_min % desk_check_step(c) == 0;
}

int64_t
desk_next_check(const struct remind_conf *c, int64_t t)
{
	int64_t	m;

	if (c->days == 0 || c->to_min <= c->from_min)
		return 0;
	m = t % 60 == 0 ? t : t - ((t % 60 + 60) % 60) + 60;
	for (; m <= t + 8 * 86400; m += 60) {
		if (is_check(c, m))
			return m;
	}
	return 0;
}

int64_t
desk_next_break(const struct remind_conf *c, int64_t due, int64_t check)
{
	int	i;

	if (check == 0 || check < due)
		check = desk_next_check(c, due);
	/* The window may open after the timer's first hour (09:30). */
	for (i = 0; check != 0 && !desk_in_window(c, check) && i < 8 * 288;
	    i++)
		check = desk_next_check(c, check + 1);
	return check != 0 && desk_in_window(c, check) ? check : 0;
}

int64_t
desk_systemd_time(const char *s)
{
	unsigned long long	 v;
	char			*end;
	int			 usec = 1;

	if (s == NULL)
		return 0;
	if (*s == '@') {	/* --timestamp=unix: seconds */
		s++;
		usec = 0;
	}
	if (*s < '0' || *s > '9')
		return 0;	/* "n/a", "", another format */
	errno = 0;
	v = strtoull(s, &end, 10);
	while (*end == '\n' || *end == ' ')
		end++;
	if (errno != 0 || *end != '\0' || v == 0)
		return 0;
	if (usec)
		v /= 1000000;
	return v > (unsigned long long)INT64_MAX / 2 ? 0 : (int64_t)v;
}

int
desk_tagged(const struct routine *r)
{
	size_t	i;

	for (i = 0; i < r->ntags; i++) {
		if (strcasecmp(r->tags[i], "desk") == 0)
			return 1;
	}
	return 0;
}

/* Areas of plan p by name, in plan order, once each. */
static void
plan_area_names(const struct plan *p, char *buf, size_t len)
{
	struct area_dose *d;
	size_t		  nd, i, j, off = 0;
	int		  seen;

	buf[0] = '\0';
	nd = plan_doses(p, &d);
	for (i = 0; i < nd && off < len; i++) {
		if (d[i].area == NULL || d[i].work_ms == 0)
			continue;
		seen = 0;
		for (j = 0; j < i; j++)
			seen |= d[j].area == d[i].area && d[j].work_ms != 0;
		if (!seen)
			off += (size_t)snprintf(buf + off, len - off, "%s%s",
			    off ? ", " : "", d[i].area->name);
	}
	free(d);
}

/*
 * Can entry e run now? 1 yes, 0 no (*ready_at: when it can), -1 on a
 * store error.
 */
static int
can_run(struct history *h, const struct lib_entry *e, struct plan *p,
    int64_t *ready_at, int *moving, char **cause)
{
	struct resting	*rest;
	size_t		 n, i;

	*ready_at = 0;
	if (h == NULL)		/* no store yet: nothing rests */
		return 1;
	if (history_check(h, e->routine, p, &rest, &n, cause) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (rest[i].free_at > *ready_at)
			*ready_at = rest[i].free_at;
		/*
		 * Not a fixed time: a block lasts until a check-in, a
		 * running session until it ends, a clock set back until
		 * it catches up (see desk.h, moving).
		 */
		if (rest[i].rule == RULE_BLOCKED || rest[i].in_progress ||
		    rest[i].clock_behind || rest[i].free_at <=
		    rest[i].checked_at)
			*moving = 1;
	}
	free(rest);
	return n == 0;
}

/* Consider entry e (see desk.h). */
int
desk_consider(struct history *h, const struct lib_entry *e,
    struct desk_pick *out, char **cause)
{
	struct plan	p;
	int64_t		ready_at;
	int		ok;

	if (e == NULL || !e->valid || plan_build(e->routine, &p) != 0)
		return 0;
	if ((ok = can_run(h, e, &p, &ready_at, &out->moving, cause)) < 0) {
		plan_free(&p);
		return -1;
	}
	if (ok) {
		out->e = e;
		out->total_ms = p.total_ms;
		plan_area_names(&p, out->areas, sizeof out->areas);
	} else if (out->ready_at == 0 || ready_at < out->ready_at)
		out->ready_at = ready_at;
	plan_free(&p);
	return ok;
}

static int
by_length(const void *a, const void *b)
{
	const struct lib_entry *const *x = a, *const *y = b;
	struct plan	px, py;
	uint64_t	tx = UINT64_MAX, ty = UINT64_MAX;

	if (plan_build((*x)->routine, &px) == 0) {
		tx = px.total_ms;
		plan_free(&px);
	}
	if (plan_build((*y)->routine, &py) == 0) {
		ty = py.total_ms;
		plan_free(&py);
	}
	if (tx != ty)
		return tx < ty ? -1 : 1;
	return strcmp((*x)->routine->id.s, (*y)->routine->id.s);
}

int
desk_pick(struct history *h, struct library *lib, const char *named,
    struct desk_pick *out, char **cause)
{
	const struct lib_entry **desk;
	size_t		 i, n = 0;
	int		 rc = 0;

	memset(out, 0, sizeof *out);
	if (named != NULL && named[0] != '\0' &&
	    (rc = desk_consider(h, library_find(lib, named), out, cause)) != 0)
		return rc < 0 ? -1 : 0;
	desk = calloc(lib->n + 1, sizeof *desk);
	if (desk == NULL)
		return -1;
	for (i = 0; i < lib->n; i++) {
		if (lib->v[i].valid && desk_tagged(lib->v[i].routine))
			desk[n++] = &lib->v[i];
	}
	qsort(desk, n, sizeof *desk, by_length);
	for (i = 0; i < n; i++) {
		if (named != NULL && strcmp(desk[i]->routine->id.s, named) == 0)
			continue;
		if ((rc = desk_consider(h, desk[i], out, cause)) != 0)
			break;
	}
	free(desk);
	return rc < 0 ? -1 : 0;
}

int64_t
desk_last_break(struct history *h, int64_t since)
{
	char	*cause = NULL;
	int64_t	 at;

	if (h == NULL)		/* no store yet: nothing recorded */
		return 0;
	if (history_last_break(h, since, &at, &cause) != 0) {
		free(cause);
		return -1;
	}
	return at;
}

int64_t
desk_break_due(const struct remind_conf *c, int64_t last, int64_t now)
{
	if (last == INT64_MAX)		/* a break is on now */
		return INT64_MAX;
	if (last <= 0 || last > INT64_MAX - c->every_s ||
	    last + c->every_s <= now)
		return now;
	return last + c->every_s;
}
