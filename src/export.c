/*
 * The history export read back (see export.h; export_write.c writes it):
 * every field checked, so that a file from another machine, a newer knead
 * or a hand edit is refused with its line or masked, never trusted.
 */
#include "export.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"
#include "dates.h"
#include "halt_why.h"
#include "history.h"
#include "i18n.h"
#include "json.h"
#include "textout.h"
#include "utf8.h"
#include "xmalloc.h"

/* Larger files are refused before they fill the memory. */
#define EXPORT_MAX_FILE	((size_t)512 * 1024 * 1024)
/* Text longer than this in one field is not a session's. */
#define EXPORT_MAX_TEXT	(64 * 1024)
/* Times: after 2001 and before 2286 (unix s), or 0 where none. */
#define EXPORT_T_MIN	1000000000LL
#define EXPORT_T_MAX	9999999999LL
/* Durations and rests: at most a year, in ms or s. */
#define EXPORT_MS_MAX	(366LL * 86400 * 1000)
#define EXPORT_S_MAX	(366LL * 86400)

/* Where the reader is, for its messages. */
struct rd {
	const char	*name;
	size_t		 line;
	const char	*where;		/* "steps[2]" or "" */
	size_t		 at;
	char		**cause;
	int		 failed;
};

static int printflike(2, 3)
bad(struct rd *r, const char *fmt, ...)
{
	va_list	ap;
	char	msg[256], where[64];

	if (r->failed++)
		return (-1);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	where[0] = '\0';
	if (r->where != NULL && r->where[0] != '\0')
		snprintf(where, sizeof where, "%s[%zu].", r->where, r->at);
	xasprintf(r->cause, "%s:%zu: %s%s", r->name, r->line, where, msg);
	return (-1);
}

/*
 * Mask what a terminal would obey (C0 and C1 controls but newline and
 * tab, DEL) as '?', in place: text from another machine is shown later.
 */
static void
mask(char *s)
{
	unsigned char	*p = (unsigned char *)s;
	uint32_t	 c;
	size_t		 n;

	while (*p != '\0') {
		n = utf8_next(p, (size_t)-1, &c, NULL);
		if (n == 0)
			n = 1;		/* json.c let no bad byte through */
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ||
		    (c >= 0x80 && c < 0xa0))
			memset(p, '?', n);
		p += n;
	}
}

/* An id: letters, digits, '-', '_', '.', 1 to max characters. */
static int
id_ok(const char *s, size_t max)
{
	size_t	n;

	for (n = 0; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' &&
		    s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9') ||
		    s[n] == '-' || s[n] == '_' || s[n] == '.'))
			return (0);
	return (n >= 1 && n <= max);
}

/* String flags. */
#define S_NULL		0x1	/* null allowed (*out NULL) */
#define S_ID		0x2	/* an id (id_ok) */
#define S_EMPTY		0x4	/* "" allowed */

/* A string field into *out (allocated; masked), per flags. */
static int
get_str(struct rd *r, const struct json *o, const char *key, int flags,
    char **out)
{
	const struct json	*v = json_get(o, key);

	*out = NULL;
	if (v == NULL || v->type == JV_NULL) {
		if (flags & S_NULL)
			return (0);
		return (bad(r, "%s is missing", key));
	}
	if (v->type != JV_STR)
		return (bad(r, "%s must be a string", key));
	if (strlen(v->s) > EXPORT_MAX_TEXT)
		return (bad(r, "%s is longer than %d bytes", key,
		    EXPORT_MAX_TEXT));
	if (v->s[0] == '\0' && !(flags & S_EMPTY))
		return (bad(r, "%s is empty", key));
	if ((flags & S_ID) && !id_ok(v->s, 128))
		return (bad(r, "%s must be letters, digits, '-', '_' or '.'",
		    key));
	*out = xstrdup(v->s);
	mask(*out);
	return (0);
}

/* An integer field in min..max; null or absent gives def when def >= 0 */
/* is allowed (nul_ok), else it is an error. */
static int
get_int(struct rd *r, const struct json *o, const char *key, int64_t min,
    int64_t max, int nul_ok, int64_t def, int64_t *out)
{
	const struct json	*v = json_get(o, key);

	*out = def;
	if (v == NULL || v->type == JV_NULL) {
		if (nul_ok)
			return (0);
		return (bad(r, "%s is missing", key));
	}
	if (v->type != JV_NUM || !v->is_int)
		return (bad(r, "%s must be a whole number", key));
	if (v->i < min || v->i > max)
		return (bad(r, "%s must be %lld to %lld (got %lld)", key,
		    (long long)min, (long long)max, (long long)v->i));
	*out = v->i;
	return (0);
}

static int
get_bool(struct rd *r, const struct json *o, const char *key, int *out)
{
	const struct json	*v = json_get(o, key);

	*out = 0;
	if (v == NULL || v->type == JV_NULL)
		return (0);
	if (v->type != JV_BOOL)
		return (bad(r, "%s must be true or false", key));
	*out = v->b;
	return (0);
}

/* One of words (NULL-terminated). */
static int
get_word(struct rd *r, const struct json *o, const char *key,
    const char *const *words, int flags, char **out)
{
	size_t	k;

	if (get_str(r, o, key, flags, out) != 0 || *out == NULL)
		return (r->failed ? -1 : 0);
	for (k = 0; words[k] != NULL; k++)
		if (strcmp(*out, words[k]) == 0)
			return (0);
	return (bad(r, "%s: '%s' is not a word this knead knows", key, *out));
}

static const char *const sides[] = { "left", "right", "", NULL };
/* What made the user halt (halt_why.h); absent or null in older files. */
static const char *const halt_whys[] = { HALT_WHY_SHARP, HALT_WHY_NUMB,
    HALT_WHY_SHOOTING, HALT_WHY_OTHER, NULL };

/*
 * How a session ended: a word the store writes (hist_outcome_of), but
 * "running": a session is exported once it has ended.
 */
static int
get_outcome(struct rd *r, const struct json *o, char **out)
{
	enum hist_outcome	oc;

	if (get_str(r, o, "outcome", 0, out) != 0 || *out == NULL)
		return (r->failed ? -1 : 0);
	oc = hist_outcome_of(*out);
	if (oc == HIST_RUNNING || oc == HIST_OUTCOME_UNKNOWN)
		return (bad(r, "%s: '%s' is not a word this knead knows",
		    "outcome", *out));
	return (0);
}

/* A limit's rule: a word the store writes (history_rule_of), or null. */
static int
get_rule(struct rd *r, const struct json *o, char **out)
{
	if (get_str(r, o, "rule", S_NULL, out) != 0 || *out == NULL)
		return (r->failed ? -1 : 0);
	if (history_rule_of(*out) < 0)
		return (bad(r, "%s: '%s' is not a word this knead knows",
		    "rule", *out));
	return (0);
}

/* The array of key (absent or null: none); *items its objects. */
static int
get_arr(struct rd *r, const struct json *o, const char *key,
    const struct json **arr)
{
	const struct json	*v = json_get(o, key);
	size_t			 k;

	*arr = NULL;
	if (v == NULL || v->type == JV_NULL)
		return (0);
	if (v->type != JV_ARR)
		return (bad(r, "%s must be a list", key));
	for (k = 0; k < v->n; k++)
		if (v->v[k].type != JV_OBJ)
			return (bad(r, "%s[%zu] must be an object", key, k));
	*arr = v;
	return (0);
}

static int
read_steps(struct rd *r, const struct json *o, struct export_session *s)
{
	const struct json	*a, *e;
	struct export_step	*t;
	int64_t			 v;
	size_t			 k;

	if (get_arr(r, o, "steps", &a) != 0 || a == NULL)
		return (r->failed ? -1 : 0);
	s->steps = xcalloc(a->n + 1, sizeof *s->steps);
	r->where = "steps";
	for (k = 0; k < a->n && !r->failed; k++) {
		e = &a->v[k];
		t = &s->steps[s->nsteps++];
		r->at = k;
		t->pressure = t->pain = -1;
		get_int(r, e, "idx", 0, 100000, 0, 0, &t->idx);
		get_str(r, e, "kind", 0, &t->kind);
		get_str(r, e, "area", S_NULL | S_ID, &t->area);
		get_word(r, e, "side", sides, S_NULL | S_EMPTY, &t->side);
		get_bool(r, e, "work", &t->is_work);
		get_int(r, e, "planned_ms", 0, EXPORT_MS_MAX, 0, 0,
		    &t->planned_ms);
		get_int(r, e, "done_ms", 0, EXPORT_MS_MAX, 0, 0, &t->done_ms);
		get_int(r, e, "pressure", 0, 10, 1, -1, &v);
		t->pressure = (int)v;
		get_int(r, e, "pain", 0, 10, 1, -1, &v);
		t->pain = (int)v;
		get_int(r, e, "ended_at", EXPORT_T_MIN, EXPORT_T_MAX, 0, 0,
		    &t->ended_at);
	}
	r->where = "";
	return (r->failed ? -1 : 0);
}

static int
read_parts(struct rd *r, const struct json *o, struct export_session *s)
{
	static const char *const actions[] = { "refused", "overridden",
	    "skipped", NULL };
	const struct json	*a, *e;
	size_t			 k;

	if (get_arr(r, o, "areas", &a) == 0 && a != NULL) {
		s->areas = xcalloc(a->n + 1, sizeof *s->areas);
		r->where = "areas";
		for (k = 0; k < a->n && !r->failed; k++) {
			e = &a->v[k];
			r->at = k;
			s->nareas++;
			get_str(r, e, "area", S_ID, &s->areas[k].area);
			get_word(r, e, "side", sides, S_EMPTY,
			    &s->areas[k].side);
			get_int(r, e, "planned_ms", 0, EXPORT_MS_MAX, 0, 0,
			    &s->areas[k].planned_ms);
			get_int(r, e, "done_ms", 0, EXPORT_MS_MAX, 0, 0,
			    &s->areas[k].done_ms);
		}
	}
	if (!r->failed && get_arr(r, o, "limits", &a) == 0 && a != NULL) {
		s->limits = xcalloc(a->n + 1, sizeof *s->limits);
		r->where = "limits";
		for (k = 0; k < a->n && !r->failed; k++) {
			e = &a->v[k];
			r->at = k;
			s->nlimits++;
			get_word(r, e, "action", actions, 0,
			    &s->limits[k].action);
			get_str(r, e, "area", S_NULL | S_ID,
			    &s->limits[k].area);
			get_word(r, e, "side", sides, S_NULL | S_EMPTY,
			    &s->limits[k].side);
			get_int(r, e, "free_at", 0, EXPORT_T_MAX, 0, 0,
			    &s->limits[k].free_at);
			get_bool(r, e, "clock_behind",
			    &s->limits[k].clock_behind);
			get_rule(r, e, &s->limits[k].rule);
		}
	}
	if (!r->failed && get_arr(r, o, "answers", &a) == 0 && a != NULL) {
		s->answers = xcalloc(a->n + 1, sizeof *s->answers);
		r->where = "answers";
		for (k = 0; k < a->n && !r->failed; k++) {
			e = &a->v[k];
			r->at = k;
			s->nanswers++;
			get_int(r, e, "idx", 0, 1000, 0, 0,
			    &s->answers[k].idx);
			get_str(r, e, "question", 0, &s->answers[k].question);
			get_str(r, e, "answer", 0, &s->answers[k].answer);
		}
	}
	if (!r->failed && get_arr(r, o, "day_after", &a) == 0 && a != NULL) {
		s->afters = xcalloc(a->n + 1, sizeof *s->afters);
		r->where = "day_after";
		for (k = 0; k < a->n && !r->failed; k++) {
			e = &a->v[k];
			r->at = k;
			s->nafters++;
			get_str(r, e, "area", S_ID, &s->afters[k].area);
			get_word(r, e, "side", sides, S_EMPTY,
			    &s->afters[k].side);
			get_int(r, e, "rating", 0, 10, 0, 0,
			    &s->afters[k].rating);
			get_int(r, e, "rated_at", 0, EXPORT_T_MAX, 0, 0,
			    &s->afters[k].rated_at);
		}
	}
	if (!r->failed && get_arr(r, o, "checkins", &a) == 0 && a != NULL) {
		s->checkins = xcalloc(a->n + 1, sizeof *s->checkins);
		r->where = "checkins";
		for (k = 0; k < a->n && !r->failed; k++) {
			e = &a->v[k];
			r->at = k;
			s->ncheckins++;
			get_str(r, e, "area", S_ID, &s->checkins[k].area);
			get_word(r, e, "side", sides, S_EMPTY,
			    &s->checkins[k].side);
			get_int(r, e, "rating", 0, 10, 1, -1,
			    &s->checkins[k].rating);
			get_int(r, e, "asked_at", 0, EXPORT_T_MAX, 0, 0,
			    &s->checkins[k].asked_at);
			get_bool(r, e, "blocks", &s->checkins[k].blocks);
		}
	}
	r->where = "";
	return (r->failed ? -1 : 0);
}

/* The homework block (null: none). */
static int
read_homework(struct rd *r, const struct json *o, struct export_session *s)
{
	const struct json	*h = json_get(o, "homework");
	int64_t			 day, from = 0;

	s->hw_per_week = -1;
	if (h == NULL || h->type == JV_NULL)
		return (0);
	if (h->type != JV_OBJ)
		return (bad(r, "homework must be an object or null"));
	s->hw_present = 1;
	if (get_str(r, h, "by", S_NULL, &s->hw_by) != 0 ||
	    get_str(r, h, "for", S_NULL, &s->hw_for) != 0 ||
	    get_str(r, h, "from", S_NULL, &s->hw_from) != 0 ||
	    get_str(r, h, "until", S_NULL, &s->hw_until) != 0 ||
	    get_str(r, h, "note", S_NULL | S_EMPTY, &s->hw_note) != 0 ||
	    get_int(r, h, "per_week", 0, 100, 1, -1, &s->hw_per_week) != 0)
		return (-1);
	if (s->hw_from != NULL && dates_parse_day(s->hw_from, &from) != 0)
		return (bad(r, "homework.from must be a date like 2026-11-02"));
	if (s->hw_until != NULL && dates_parse_day(s->hw_until, &day) != 0)
		return (bad(r, "homework.until must be a date like "
		    "2026-11-02"));
	/* As the validator says of a routine's homework. */
	if (s->hw_from != NULL && s->hw_until != NULL && day < from)
		return (bad(r, "homework.until %s is before homework.from %s",
		    s->hw_until, s->hw_from));
	return (0);
}

size_t
export_first_yes(const struct export_session *s)
{
	size_t	k;

	for (k = 0; k < s->nanswers; k++)
		if (s->answers[k].answer != NULL &&
		    strcmp(s->answers[k].answer, "yes") == 0)
			break;
	return (k);
}

/*
 * A format 1 file wrote a session a screening "yes" stopped before it
 * began as "stopped" (no step, a "yes"): it is read as "screened-out",
 * the word the store keeps for it from schema 6.
 */
static void
screened_word(struct export_session *s)
{
	if (strcmp(s->outcome, "stopped") != 0 || s->nsteps != 0 ||
	    export_first_yes(s) == s->nanswers)
		return;
	free(s->outcome);
	s->outcome = xstrdup("screened-out");
}

/*
 * A screening "yes" ends the session before it begins (session.c): a
 * session that answered one and then ran (completed, halted...) was
 * edited, and would hide a red flag behind work that never was.
 */
static int
check_screened(struct rd *r, const struct export_session *s)
{
	size_t	k = export_first_yes(s);

	r->where = NULL;
	if (strcmp(s->outcome, "screened-out") == 0 || k == s->nanswers)
		return (0);
	return (bad(r, "answers[%zu] is \"yes\" but the outcome is '%s': a "
	    "screening \"yes\" stops a session before it begins "
	    "(screened-out)", k, s->outcome));
}

/*
 * Start and end are wall-clock seconds, the time worked is measured on the
 * monotonic clock: a clock set back during a session can shorten the one
 * against the other. An hour's room for that; past it the file was edited.
 */
#define EXPORT_CLOCK_ROOM_S	3600

/*
 * A session recorded more than this after the reading machine's clock is
 * refused: a day covers a clock left on local time (UTC-12 to UTC+14) and
 * drift. Past it the recording machine's date was wrong, and the session
 * would hold its areas (and a strict homework) until that date.
 */
#define EXPORT_FUTURE_ROOM_S	(24 * 3600)

/* Time t of key (unix s) is not after the clock's now and its room. */
static int
check_when(struct rd *r, const char *key, int64_t t, int64_t now)
{
	char	when[32], clock[32];

	if (now <= 0 || t <= now + EXPORT_FUTURE_ROOM_S)
		return (0);
	dates_utc(t, when, sizeof when);
	dates_utc(now, clock, sizeof clock);
	return (bad(r, "%s %s is more than a day after this machine's clock "
	    "(%s): the machine that recorded it had a wrong date; such a "
	    "session would hold its areas until then", key, when, clock));
}

/* Every time a session records as having happened (check_when). */
static int
check_times(struct rd *r, const struct export_session *s, int64_t now)
{
	size_t	k;

	if (check_when(r, "started_at", s->started_at, now) != 0 ||
	    check_when(r, "ended_at", s->ended_at, now) != 0 ||
	    check_when(r, "day_after_asked", s->after_asked_at, now) != 0)
		return (-1);
	r->where = "steps";
	for (k = 0; k < s->nsteps && !r->failed; k++) {
		r->at = k;
		check_when(r, "ended_at", s->steps[k].ended_at, now);
	}
	r->where = "day_after";
	for (k = 0; k < s->nafters && !r->failed; k++) {
		r->at = k;
		check_when(r, "rated_at", s->afters[k].rated_at, now);
	}
	r->where = "checkins";
	for (k = 0; k < s->ncheckins && !r->failed; k++) {
		r->at = k;
		check_when(r, "asked_at", s->checkins[k].asked_at, now);
	}
	r->where = "";
	return (r->failed ? -1 : 0);
}

/*
 * The work of one step or area (what[k]), added to *sum: no part can
 * have been worked longer than the session lasted (start to end, the
 * clock's room and a second for rounding), nor can all of them together
 * (steps run one after another, and each area's work is its steps'); no
 * part can plan more than the whole session planned. Past that the file
 * was edited, and would count as work in the rest rules and reports.
 */
static int
check_work(struct rd *r, const struct export_session *s, const char *what,
    size_t k, int64_t planned, int64_t done, int64_t *sum)
{
	int64_t	 span = s->ended_at - s->started_at;
	int64_t	 most = (span + EXPORT_CLOCK_ROOM_S + 1) * 1000;

	*sum += done;
	if (done > most)
		return (bad(r, "%s[%zu].done_ms %lld is longer than the session "
		    "(%lld s)", what, k, (long long)done, (long long)span));
	if (*sum > most)
		return (bad(r, "%s[0] to %s[%zu] record %lld s of work, longer "
		    "than the session (%lld s)", what, what, k,
		    (long long)(*sum / 1000), (long long)span));
	if (s->planned_ms > 0 && planned > s->planned_ms)
		return (bad(r, "%s[%zu].planned_ms %lld is more than the "
		    "whole session planned (planned_ms %lld)", what, k,
		    (long long)planned, (long long)s->planned_ms));
	return (0);
}

/* The steps' and the areas' work against the session (check_work). */
static int
check_done(struct rd *r, const struct export_session *s)
{
	int64_t	 sum = 0;
	size_t	 k;

	for (k = 0; k < s->nsteps; k++)
		if (check_work(r, s, "steps", k, s->steps[k].planned_ms,
		    s->steps[k].done_ms, &sum) != 0)
			return (-1);
	sum = 0;
	for (k = 0; k < s->nareas; k++)
		if (check_work(r, s, "areas", k, s->areas[k].planned_ms,
		    s->areas[k].done_ms, &sum) != 0)
			return (-1);
	return (0);
}

/* One session line. */
static int
read_session(struct rd *r, const struct json *o, struct export_session *s,
    int64_t now)
{

	if (o->type != JV_OBJ)
		return (bad(r, "a session must be a JSON object"));
	if (get_str(r, o, "id", S_ID, &s->uid) != 0 ||
	    get_str(r, o, "routine", S_ID, &s->routine_id) != 0 ||
	    get_str(r, o, "title", S_NULL | S_EMPTY, &s->title) != 0 ||
	    get_str(r, o, "file_hash", S_NULL | S_ID, &s->file_hash) != 0 ||
	    get_int(r, o, "started_at", EXPORT_T_MIN, EXPORT_T_MAX, 0, 0,
	    &s->started_at) != 0 ||
	    get_int(r, o, "ended_at", EXPORT_T_MIN, EXPORT_T_MAX, 0, 0,
	    &s->ended_at) != 0 ||
	    get_outcome(r, o, &s->outcome) != 0 ||
	    get_int(r, o, "rest_s", 0, EXPORT_S_MAX, 1, 0, &s->rest_s) != 0 ||
	    get_int(r, o, "per_week", 0, 1000, 1, 0, &s->per_week) != 0 ||
	    get_bool(r, o, "strict", &s->strict) != 0 ||
	    get_int(r, o, "planned_ms", 0, EXPORT_MS_MAX, 1, 0,
	    &s->planned_ms) != 0 ||
	    get_str(r, o, "override_reason", S_NULL, &s->override_reason) !=
	    0 || get_word(r, o, "halt_why", halt_whys, S_NULL,
	    &s->halt_why) != 0 || read_homework(r, o, s) != 0 ||
	    get_int(r, o, "day_after_asked", 0, EXPORT_T_MAX, 1, 0,
	    &s->after_asked_at) != 0)
		return (-1);
	if (strlen(s->uid) < 8)
		return (bad(r, "id '%s' is too short to be unique", s->uid));
	if (s->ended_at < s->started_at - EXPORT_CLOCK_ROOM_S)
		return (bad(r, "ended_at is %lld s before started_at: the "
		    "session ends before it starts",
		    (long long)(s->started_at - s->ended_at)));
	/* Durations are at most a year (EXPORT_S_MAX): so is a session. */
	if (s->ended_at - s->started_at > EXPORT_S_MAX)
		return (bad(r, "the session lasts %lld days (started_at to "
		    "ended_at): longer than a year",
		    (long long)((s->ended_at - s->started_at) / 86400)));
	if (read_steps(r, o, s) != 0 || read_parts(r, o, s) != 0 ||
	    check_times(r, s, now) != 0 || check_done(r, s) != 0)
		return (-1);
	screened_word(s);
	return (check_screened(r, s));
}

/* The header line: a knead export of a format this knead reads. */
static int
read_header(struct rd *r, const struct json *o, int *newer, int64_t *count)
{
	const struct json	*k = json_get(o, "kind");
	const struct json	*f = json_get(o, "format");
	const struct json	*c = json_get(o, "sessions");

	if (o->type != JV_OBJ || k == NULL || k->type != JV_STR ||
	    strcmp(k->s, EXPORT_KIND) != 0)
		return (bad(r, "not a knead history export (its first line "
		    "must say \"kind\":\"%s\")", EXPORT_KIND));
	if (f == NULL || f->type != JV_NUM || !f->is_int || f->i < 1)
		return (bad(r, "the export's format is not a number"));
	if (f->i > EXPORT_FORMAT) {
		*newer = 1;
		return (bad(r, "written by a newer knead (format %lld; this "
		    "knead reads format %d): update knead to import it",
		    (long long)f->i, EXPORT_FORMAT));
	}
	*count = -1;
	if (c != NULL && c->type == JV_NUM && c->is_int && c->i >= 0)
		*count = c->i;
	return (0);
}

/* A session's id and its line, to find one written twice. */
struct uid_line {
	const char	*uid;
	size_t		 line;
};

static int
uid_line_cmp(const void *a, const void *b)
{
	const struct uid_line	*x = a, *y = b;
	int			 c = strcmp(x->uid, y->uid);

	if (c != 0)
		return (c);
	return (x->line < y->line ? -1 : x->line > y->line);
}

/*
 * One session on two lines is a duplicate row: refused at the later
 * line (an export never writes one twice; "already here" would be
 * wrong of a new store).
 */
static void
check_unique(struct rd *r, const struct export_session *v, const size_t *line,
    size_t nv)
{
	struct uid_line	*u;
	size_t		 k;

	if (nv < 2)
		return;
	u = xcalloc(nv, sizeof *u);
	for (k = 0; k < nv; k++) {
		u[k].uid = v[k].uid;
		u[k].line = line[k];
	}
	qsort(u, nv, sizeof *u, uid_line_cmp);
	for (k = 1; k < nv; k++) {
		if (strcmp(u[k - 1].uid, u[k].uid) == 0) {
			r->line = u[k].line;
			bad(r, "session %s is also on line %zu: a duplicate row",
			    u[k].uid, u[k - 1].line);
			break;
		}
	}
	free(u);
}

int
export_read_mem(const char *buf, size_t len, const char *name,
    int64_t now, struct export_session **out, size_t *n, int *newer,
    char **cause)
{
	struct export_session	*v = NULL;
	struct json		*j;
	struct rd		 r;
	const char		*p, *end, *nl;
	char			 err[128];
	size_t			 cap = 0, nv = 0, ll, k, *line = NULL;
	int64_t			 count = -1;
	int			 header = 0;

	*out = NULL;
	*n = 0;
	*newer = 0;
	*cause = NULL;
	memset(&r, 0, sizeof r);
	r.name = name;
	r.cause = cause;
	r.where = "";
	for (p = buf, end = buf + len; p < end && !r.failed; p = nl + 1) {
		r.line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		ll = (size_t)(nl - p);
		if (ll > 0 && p[ll - 1] == '\r')
			ll--;
		if (ll > EXPORT_MAX_LINE) {
			bad(&r, "the line is longer than %d bytes",
			    EXPORT_MAX_LINE);
			break;
		}
		for (k = 0; k < ll && (p[k] == ' ' || p[k] == '\t'); k++)
			continue;
		if (k == ll)
			continue;	/* blank lines are allowed */
		if (json_parse(p, ll, &j, err, sizeof err) != 0) {
			bad(&r, "not JSON: %s", err);
			break;
		}
		if (!header) {
			header = 1;
			read_header(&r, j, newer, &count);
		} else {
			if (nv == cap) {
				cap = cap ? cap * 2 : 64;
				v = xreallocarray(v, cap, sizeof *v);
				line = xreallocarray(line, cap, sizeof *line);
			}
			memset(&v[nv], 0, sizeof v[nv]);
			line[nv] = r.line;
			nv++;
			read_session(&r, j, &v[nv - 1], now);
		}
		json_free(j);
	}
	if (!r.failed && !header) {
		r.line = 1;
		bad(&r, "empty: not a knead history export");
	}
	/* A copy cut short at a line's end (a USB stick pulled out). */
	if (!r.failed && count >= 0 && (size_t)count != nv) {
		r.line = 1;
		bad(&r, "the header says %lld sessions but the file holds %zu: "
		    "it was cut short or edited; export it again",
		    (long long)count, nv);
	}
	if (!r.failed)
		check_unique(&r, v, line, nv);
	free(line);
	if (r.failed) {
		export_free(v, nv);
		return (-1);
	}
	*out = v;
	*n = nv;
	return (0);
}

int
export_read(FILE *fp, const char *name, int64_t now,
    struct export_session **out, size_t *n, int *newer, char **cause)
{
	char	*buf = NULL, *nl;
	size_t	 len = 0, cap = 0, got, line_start = 0;
	int	 rc;

	*out = NULL;
	*n = 0;
	*newer = 0;
	/*
	 * Read in pieces, refusing a line longer than the limit as soon as
	 * it is seen: a file of one huge line must not fill the memory.
	 */
	for (;;) {
		if (cap - len < 65536) {
			if (cap >= EXPORT_MAX_FILE) {
				free(buf);
				xasprintf(cause, _("%s: larger than %zu MiB: not "
				    "a knead history export"), name,
				    EXPORT_MAX_FILE >> 20);
				return (-1);
			}
			cap = cap ? cap * 2 : 262144;
			buf = xreallocarray(buf, cap, 1);
		}
		got = fread(buf + len, 1, cap - len, fp);
		while ((nl = memchr(buf + line_start, '\n', len + got -
		    line_start)) != NULL)
			line_start = (size_t)(nl - buf) + 1;
		len += got;
		if (len - line_start > EXPORT_MAX_LINE + 1) {
			/* Count the lines to say which. */
			size_t	k, lines = 1;

			for (k = 0; k < line_start; k++)
				lines += buf[k] == '\n';
			free(buf);
			xasprintf(cause, _("%s:%zu: the line is longer than %d "
			    "bytes"), name, lines, EXPORT_MAX_LINE);
			return (-1);
		}
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		free(buf);
		xasprintf(cause, "%s: %s", name, strerror(errno));
		return (-1);
	}
	rc = export_read_mem(buf != NULL ? buf : "", len, name, now, out, n,
	    newer, cause);
	free(buf);
	return (rc);
}

void
export_free(struct export_session *v, size_t n)
{
	size_t	i, k;

	for (i = 0; i < n; i++) {
		free(v[i].uid);
		free(v[i].routine_id);
		free(v[i].title);
		free(v[i].file_hash);
		free(v[i].outcome);
		free(v[i].override_reason);
		free(v[i].hw_from);
		free(v[i].hw_until);
		free(v[i].hw_by);
		free(v[i].hw_for);
		free(v[i].hw_note);
		free(v[i].halt_why);
		for (k = 0; k < v[i].nsteps; k++) {
			free(v[i].steps[k].kind);
			free(v[i].steps[k].area);
			free(v[i].steps[k].side);
		}
		free(v[i].steps);
		for (k = 0; k < v[i].nareas; k++) {
			free(v[i].areas[k].area);
			free(v[i].areas[k].side);
		}
		free(v[i].areas);
		for (k = 0; k < v[i].nlimits; k++) {
			free(v[i].limits[k].action);
			free(v[i].limits[k].area);
			free(v[i].limits[k].side);
			free(v[i].limits[k].rule);
		}
		free(v[i].limits);
		for (k = 0; k < v[i].nanswers; k++) {
			free(v[i].answers[k].question);
			free(v[i].answers[k].answer);
		}
		free(v[i].answers);
		for (k = 0; k < v[i].nafters; k++) {
			free(v[i].afters[k].area);
			free(v[i].afters[k].side);
		}
		free(v[i].afters);
		for (k = 0; k < v[i].ncheckins; k++) {
			free(v[i].checkins[k].area);
			free(v[i].checkins[k].side);
		}
		free(v[i].checkins);
	}
	free(v);
}
