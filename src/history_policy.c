/*
 * The rest policy (history.h): whether a plan may run now (rest
 * intervals per area and side, the per-week cap, with history_limits.c's
 * monthly rules), the session's start with its decision recorded, what
 * rests now, homework progress. A refusal is data (struct begin_result,
 * struct resting); its words are refusal.c's.
 */
#include "history.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "areas.h"
#include "clock.h"
#include "dates.h"
#include "history_int.h"
#include "plan.h"
#include "routine.h"
#include "validate.h"
#include "xmalloc.h"

#define WEEK_S			(7 * 86400)

/*
 * The SQL for "when was this area last worked": only sessions that ran and
 * did at least half of their planned pressure time on it count.
 */
#define LAST_WORK_SQL \
	"SELECT MAX(s.ended_at), MAX(s.ended_at + s.rest_s) " \
	"FROM sessions s CROSS JOIN session_areas a ON a.session_id = s.id " \
	"WHERE s.ended_at >= ?3 AND a.area = ?1 AND a.side = ?2 AND " \
	"+s.outcome IN " RAN_OUTCOMES " AND " AREA_WORKED_SQL

#define RUNNING_SQL \
	"SELECT s.id, s.started_at + (s.planned_ms + 999) / 1000, s.rest_s " \
	"FROM sessions s CROSS JOIN session_areas a ON a.session_id = s.id " \
	"WHERE s.outcome = 'running' AND a.area = ?1 AND a.side = ?2"

/* Add or merge (keeping the later time) one resting entry. */
static void
rlist_add(struct rlist *l, const struct area *a, enum side side,
    int64_t free_at, int behind, int in_progress, int64_t now)
{
	struct resting	*r;
	size_t		 i;

	for (i = 0; i < l->n; i++) {
		r = &l->v[i];
		if (a != NULL && r->area == a && r->side == side) {
			if (free_at > r->free_at)
				r->free_at = free_at;
			r->clock_behind |= behind;
			r->in_progress |= in_progress;
			return;
		}
	}
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	r = &l->v[l->n++];
	memset(r, 0, sizeof *r);
	r->area = a;
	r->side = side;
	r->free_at = free_at;
	r->clock_behind = behind;
	r->in_progress = in_progress;
	r->checked_at = now;
}

/* Order: soonest free first, the per-week cap last. */
static int
resting_cmp(const void *a, const void *b)
{
	const struct resting	*x = a, *y = b;

	if ((x->area == NULL) != (y->area == NULL))
		return x->area == NULL ? 1 : -1;
	if (x->free_at != y->free_at)
		return x->free_at < y->free_at ? -1 : 1;
	if (x->area != NULL && x->area != y->area)
		return strcmp(x->area->id, y->area->id);
	return (int)x->side - (int)y->side;
}

/*
 * Sessions that ended before this can no longer make anything rest: the
 * longest rest ever recorded (or rest_s) before now. Limiting the search to
 * them keeps a check fast however long the history grows (indexes of v3;
 * the queries write +s.outcome so that SQLite walks sessions_ended rather
 * than sessions_outcome, which matches nearly every row).
 */
static int
search_from(struct history *h, int64_t now, int64_t rest_s, int64_t *from)
{
	sqlite3_stmt	*st;
	int64_t		 longest;
	int		 rc;

	if ((rc = hist_prep_kept(h, "SELECT MAX(rest_s) FROM sessions",
	    &st)) != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	longest = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	hist_done(h, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	if (rest_s > longest)
		longest = rest_s;
	*from = now - longest - 1;
	return SQLITE_OK;
}

/*
 * Check one stored area and side (qside) against the store: the last
 * session that worked it (its rest, and rest_s of the routine about to run,
 * whichever ends later) and any session running now that plans to work it.
 * What is found is listed under rside, the side the new session would work.
 */
static int
check_one(struct history *h, sqlite3_stmt *last, sqlite3_stmt *run,
    const struct area *a, const char *qside, enum side rside, int64_t rest_s,
    int64_t now, struct rlist *l)
{
	int64_t	end, free_at, stored, exp_end;
	int	rc;

	sqlite3_bind_text(last, 1, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(last, 2, qside, -1, SQLITE_STATIC);
	rc = sqlite3_step(last);
	if (rc == SQLITE_ROW && sqlite3_column_type(last, 0) != SQLITE_NULL) {
		end = sqlite3_column_int64(last, 0);
		stored = sqlite3_column_int64(last, 1);
		free_at = end + rest_s;
		if (stored > free_at)
			free_at = stored;
		if (end > now)
			rlist_add(l, a, rside, free_at, 1, 0, now);
		else if (free_at > now)
			rlist_add(l, a, rside, free_at, 0, 0, now);
	}
	sqlite3_reset(last);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;

	sqlite3_bind_text(run, 1, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(run, 2, qside, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(run)) == SQLITE_ROW) {
		if (!hist_session_live(h, sqlite3_column_int64(run, 0)))
			continue;
		exp_end = sqlite3_column_int64(run, 1);
		if (exp_end < now)
			exp_end = now;
		stored = sqlite3_column_int64(run, 2);
		rlist_add(l, a, rside, exp_end + (stored > rest_s ? stored :
		    rest_s), 0, 1, now);
	}
	sqlite3_reset(run);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * Check an area and side the plan works. On a sided area, work with no side
 * touches both sides: it conflicts with either side resting, and a side
 * conflicts with earlier work that had no side.
 */
static int
check_area(struct history *h, sqlite3_stmt *last, sqlite3_stmt *run,
    const struct area *a, enum side side, int64_t rest_s, int64_t now,
    struct rlist *l)
{
	int	rc;

	rc = check_one(h, last, run, a, side_str(side), side, rest_s, now, l);
	if (rc != SQLITE_OK || !a->sided)
		return rc;
	if (side != SIDE_NONE)
		return check_one(h, last, run, a, "", side, rest_s, now, l);
	if ((rc = check_one(h, last, run, a, "left", SIDE_LEFT, rest_s, now,
	    l)) != SQLITE_OK)
		return rc;
	return check_one(h, last, run, a, "right", SIDE_RIGHT, rest_s, now, l);
}

/*
 * The per-week cap: sessions of this routine that ran (at least half of
 * their planned work, or running now) in the 7 days before now. Sessions
 * dated in the future (clock set back) count too.
 */
static int
check_week(struct history *h, const struct routine *r, int64_t now,
    struct rlist *l)
{
	sqlite3_stmt	*st;
	int64_t		 per_week = validate_per_week(r), *starts = NULL;
	size_t		 n = 0;
	int		 rc, behind = 0;

	if (per_week <= 0)
		return SQLITE_OK;
	rc = hist_prep_kept(h, "SELECT s.id, s.started_at, s.outcome, "
	    HALF_DONE_SQL " FROM sessions s "
	    "WHERE s.routine_id = ?1 AND s.started_at > ?2 AND (s.outcome IN "
	    RAN_OUTCOMES " OR s.outcome = 'running') ORDER BY s.started_at",
	    &st);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, r->id.s, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now - WEEK_S);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *o = (const char *)sqlite3_column_text(st, 2);

		if (strcmp(o, "running") == 0) {
			if (!hist_session_live(h, sqlite3_column_int64(st, 0)))
				continue;
		} else if (!sqlite3_column_int(st, 3))
			continue;
		starts = xreallocarray(starts, n + 1, sizeof *starts);
		starts[n++] = sqlite3_column_int64(st, 1);
		if (starts[n - 1] > now)
			behind = 1;
	}
	hist_done(h, st);
	if (rc != SQLITE_DONE) {
		free(starts);
		return rc;
	}
	if ((int64_t)n >= per_week) {
		rlist_add(l, NULL, SIDE_NONE, starts[n - per_week] + WEEK_S,
		    behind, 0, now);
		l->v[l->n - 1].week_count = (int)n;
		l->v[l->n - 1].per_week = (int)per_week;
	}
	free(starts);
	return SQLITE_OK;
}

/*
 * Everything that keeps plan doses d from running now: each area and side
 * resting, and the per-week cap, soonest free first. The one check of
 * history_begin (which runs it in its write transaction) and history_check.
 */
static int
check_plan(struct history *h, const struct routine *r, const struct plan *p,
    const struct area_dose *d, size_t nd, int64_t now, struct rlist *l)
{
	sqlite3_stmt	*last = NULL, *run = NULL;
	int64_t		 rest_s = history_rest_s(r, p), from;
	size_t		 i;
	int		 rc;

	if ((rc = search_from(h, now, rest_s, &from)) != SQLITE_OK)
		return rc;
	if ((rc = hist_prep_kept(h, LAST_WORK_SQL, &last)) != SQLITE_OK ||
	    (rc = hist_prep_kept(h, RUNNING_SQL, &run)) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(last, 3, from);	/* kept across resets */
	for (i = 0; i < nd; i++) {
		if (d[i].area == NULL || d[i].work_ms == 0)
			continue;
		rc = check_area(h, last, run, d[i].area, d[i].side, rest_s, now,
		    l);
		if (rc != SQLITE_OK)
			goto out;
	}
	if ((rc = check_week(h, r, now, l)) != SQLITE_OK ||
	    (rc = hist_check_limits(h, r, p, d, nd, now, l)) != SQLITE_OK)
		goto out;
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, resting_cmp);
out:
	hist_done(h, last);
	hist_done(h, run);
	return rc;
}

/* What keeps plan p of routine r from running now (see history.h). */
int
history_check(struct history *h, const struct routine *r,
    const struct plan *p, struct resting **rest, size_t *nrest, char **cause)
{
	struct area_dose	*d = NULL;
	struct rlist		 l = { NULL, 0 };
	size_t			 nd;
	int			 rc;

	*rest = NULL;
	*nrest = 0;
	nd = plan_doses(p, &d);
	rc = check_plan(h, r, p, d, nd, clock_wall_s(h->clock), &l);
	free(d);
	if (rc != SQLITE_OK) {
		free(l.v);
		return hist_fail(h, rc, "reading resting areas", cause);
	}
	*rest = l.v;
	*nrest = l.n;
	return 0;
}

/* Many reads as one (see history.h). */
int
history_read_begin(struct history *h)
{
	if (h == NULL)
		return -1;
	if (h->reads++ > 0)
		return 0;
	if (hist_exec(h, "BEGIN") != SQLITE_OK) {
		h->reads = 0;
		return -1;
	}
	return 0;
}

void
history_read_end(struct history *h)
{
	if (h != NULL && h->reads > 0 && --h->reads == 0)
		(void)hist_exec(h, "COMMIT");
}

/* Whether routine r has reached its per-week cap now (see history.h). */
int
history_week_cap(struct history *h, const struct routine *r,
    struct resting *out, int *capped, char **cause)
{
	struct rlist	l = { NULL, 0 };
	int		rc;

	*capped = 0;
	memset(out, 0, sizeof *out);
	if (r->id.s == NULL)
		return 0;
	if ((rc = check_week(h, r, clock_wall_s(h->clock), &l)) != SQLITE_OK) {
		free(l.v);
		return hist_fail(h, rc, "reading the sessions of the week",
		    cause);
	}
	if (l.n > 0) {
		*out = l.v[0];
		*capped = 1;
	}
	free(l.v);
	return 0;
}

/* Record rest-limit decisions for session id. */
static int
record_limits(struct history *h, int64_t id, const char *action,
    const struct rlist *l)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	if ((rc = hist_prep(h, "INSERT INTO limit_events (session_id, action, "
	    "area, side, free_at, clock_behind, rule) VALUES (?, ?, ?, ?, ?, "
	    "?, ?)", &st)) != SQLITE_OK)
		return rc;
	for (i = 0; i < l->n; i++) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, action, -1, SQLITE_STATIC);
		if (l->v[i].area != NULL)
			sqlite3_bind_text(st, 3, l->v[i].area->id, -1,
			    SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 3);
		sqlite3_bind_text(st, 4, side_str(l->v[i].side), -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, l->v[i].free_at);
		sqlite3_bind_int(st, 6, l->v[i].clock_behind);
		sqlite3_bind_text(st, 7, history_rule_word(&l->v[i]), -1,
		    SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) != SQLITE_DONE)
			break;
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || l->n == 0 ? SQLITE_OK : rc;
}

/* Bind text, or leave NULL when there is none. */
static void
bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s != NULL)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* Insert the session row: "running", or ended now ("refused"...). */
static int
insert_session(struct history *h, const struct routine *r,
    const struct plan *p, enum hist_outcome outcome, const char *reason,
    int64_t now, int64_t *id)
{
	sqlite3_stmt	*st;
	char		 hash[17];
	int		 rc;

	rc = hist_prep(h, "INSERT INTO sessions (routine_id, title, file_hash, "
	    "started_at, ended_at, outcome, rest_s, per_week, strict, "
	    "planned_ms, override_reason, hw_present, hw_per_week, hw_from, "
	    "hw_until, hw_by, hw_for, hw_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &st);
	if (rc != SQLITE_OK)
		return rc;
	snprintf(hash, sizeof hash, "%016llx",
	    (unsigned long long)r->file_hash);
	sqlite3_bind_text(st, 1, r->id.s != NULL ? r->id.s : "?", -1,
	    SQLITE_STATIC);
	if (r->title.s != NULL)
		sqlite3_bind_text(st, 2, r->title.s, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, now);
	if (outcome != HIST_RUNNING)
		sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_text(st, 6, hist_outcome_name(outcome), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, history_rest_s(r, p));
	sqlite3_bind_int64(st, 8, validate_per_week(r));
	sqlite3_bind_int(st, 9, routine_strict(r));
	sqlite3_bind_int64(st, 10, (sqlite3_int64)p->total_ms);
	if (reason != NULL)
		sqlite3_bind_text(st, 11, reason, -1, SQLITE_STATIC);
	if (r->homework.present) {
		sqlite3_bind_int(st, 12, 1);
		if (r->homework.per_week.set)
			sqlite3_bind_int64(st, 13, r->homework.per_week.v);
		bind_opt(st, 14, r->homework.from.s);
		bind_opt(st, 15, r->homework.until.s);
		bind_opt(st, 16, r->homework.by.s);
		bind_opt(st, 17, r->homework.for_whom.s);
		bind_opt(st, 18, r->homework.note.s);
	} else
		sqlite3_bind_int(st, 12, 0);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rc;
	*id = sqlite3_last_insert_rowid(h->db);
	return SQLITE_OK;
}

/* Is this area and side in the list (skipped)? No side means both. */
static int
rlist_has(const struct rlist *l, const struct area *a, enum side side)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].area == a && sides_meet(l->v[i].side, side))
			return 1;
	}
	return 0;
}

/* Record the planned work per area (minus skipped ones) and the answers. */
static int
insert_plan(struct history *h, int64_t id, const struct routine *r,
    const struct area_dose *d, size_t nd, const struct rlist *skip,
    const struct begin_opts *o)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc = SQLITE_OK;

	if ((rc = hist_prep(h, "INSERT INTO session_areas (session_id, area, "
	    "side, planned_ms) VALUES (?, ?, ?, ?)", &st)) != SQLITE_OK)
		return rc;
	for (i = 0; i < nd; i++) {
		if (d[i].area == NULL || d[i].work_ms == 0)
			continue;
		if (skip != NULL && rlist_has(skip, d[i].area, d[i].side))
			continue;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, d[i].area->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, side_str(d[i].side), -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)d[i].work_ms);
		if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return rc;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);

	if (o == NULL || o->screen_answers == NULL || r->nscreen == 0)
		return SQLITE_OK;
	if ((rc = hist_prep(h, "INSERT INTO screen_answers (session_id, idx, "
	    "question, answer) VALUES (?, ?, ?, ?)", &st)) != SQLITE_OK)
		return rc;
	for (i = 0; i < r->nscreen && o->screen_answers[i] != NULL; i++) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		sqlite3_bind_text(st, 3, r->screen[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, o->screen_answers[i], -1,
		    SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) != SQLITE_DONE)
			break;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_OK ? SQLITE_OK : rc;
}

/* Would plan p still do something without the areas v rest (history.h)? */
int
history_skip_leaves(const struct plan *p, const struct resting *v, size_t n)
{
	struct area_side *skip;
	struct plan	  left;
	size_t		  i;
	int		  any = 0;

	for (i = 0; i < n; i++)
		if (v[i].area == NULL)
			return 0;	/* a cap is not skipped */
	skip = xcalloc(n + 1, sizeof *skip);
	history_skip_of(v, n, skip);
	plan_drop(p, skip, n, &left);
	for (i = 0; i < left.n && !any; i++) {
		any = left.v[i].is_work || left.v[i].kind == PLAN_STRETCH ||
		    left.v[i].kind == PLAN_BREATHE ||
		    left.v[i].kind == PLAN_MOVE;
	}
	plan_free(&left);
	free(skip);
	return any;
}

int
history_reason_ok(const char *reason)
{
	for (; reason != NULL && *reason != '\0'; reason++) {
		if (*reason != ' ' && *reason != '\t')
			return 1;
	}
	return 0;
}

/*
 * The rest policy's answer for a plan whose resting areas and caps are in
 * l (empty: it runs): run, run without the resting areas ("skipped"), run
 * despite them ("overridden", with the reason), or refuse and why. Pure:
 * no store, no words.
 */
static enum begin_verdict
decide(const struct routine *r, const struct plan *p,
    const struct begin_opts *o, struct rlist *l, const char **action)
{
	size_t	i;
	int	capped = 0, skip, over;

	*action = NULL;
	if (l->n == 0)
		return BEGIN_RUNS;
	for (i = 0; i < l->n; i++)
		capped |= l->v[i].area == NULL;
	skip = o != NULL && o->skip_resting;
	over = o != NULL && history_reason_ok(o->override_reason);
	/* Said with any refusal: --skip-resting is then no choice. */
	if (!capped && !history_skip_leaves(p, l->v, l->n)) {
		for (i = 0; i < l->n; i++)
			l->v[i].nothing_left = 1;
		if (skip)
			return BEGIN_NOTHING_LEFT;
	} else if (skip && !capped) {
		*action = "skipped";
		return BEGIN_RUNS;
	}
	if (over && routine_strict(r))
		return BEGIN_STRICT;
	if (over) {
		*action = "overridden";
		return BEGIN_RUNS;
	}
	return skip ? BEGIN_CAPPED : BEGIN_RESTING;
}

/*
 * The n spots the user says still hurt (begin_opts' still) held in l as
 * halts, in the order resting_cmp keeps.
 */
static void
add_still(struct rlist *l, const struct resting *x, size_t n, int64_t now)
{
	size_t	i;

	for (i = 0; i < n; i++)
		hist_rlist_add(l, x[i].area, x[i].side, x[i].free_at,
		    RULE_HALTED, x[i].count, x[i].limit, now);
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, resting_cmp);
}

/* Enforce the rest limits and start the session (see history.h). */
int
history_begin(struct history *h, const struct routine *r,
    const struct plan *p, const struct begin_opts *o,
    struct begin_result *res, char **cause)
{
	struct area_dose	*d = NULL;
	struct rlist		 l = { NULL, 0 };
	const char		*action;
	size_t			 nd;
	int64_t			 now, id = 0;
	int			 rc, ret, nclosed, held = 0;

	memset(res, 0, sizeof *res);
	/* A blank reason is a mistake on the command line, not a refusal. */
	if (o != NULL && o->override_reason != NULL &&
	    !history_reason_ok(o->override_reason)) {
		hist_set_cause(cause, "an override needs a reason");
		return -1;
	}
	now = clock_wall_s(h->clock);
	nd = plan_doses(p, &d);

	if ((rc = hist_exec(h, "BEGIN IMMEDIATE")) != SQLITE_OK) {
		free(d);
		return hist_fail(h, rc, "starting the session", cause);
	}
	if ((rc = hist_close_dead(h, &nclosed)) != SQLITE_OK ||
	    (rc = check_plan(h, r, p, d, nd, now, &l)) != SQLITE_OK)
		goto sqlfail;
	if (o != NULL && o->nstill > 0)
		add_still(&l, o->still, o->nstill, now);
	res->verdict = decide(r, p, o, &l, &action);
	/* The caller refused it (a halted spot): recorded, never begun. */
	if (res->verdict == BEGIN_RUNS && o != NULL && o->halt_refused)
		res->verdict = BEGIN_HALT_STILL;
	if (res->verdict == BEGIN_RUNS && o != NULL && o->refusal_only) {
		hist_rollback(h);	/* the dead sweep runs again then */
		free(d);
		/* An override of a halt for pain: the caller asks first. */
		if (action != NULL && strcmp(action, "overridden") == 0 &&
		    hist_any_halted(&l)) {
			res->rest = l.v;
			res->nrest = l.n;
		} else
			free(l.v);
		return 0;
	}

	if (res->verdict != BEGIN_RUNS) {
		/*
		 * An override a strict routine refused, or one refused over
		 * a spot halted for pain, keeps its reason with the refusal:
		 * the attempt is what a therapist wants to see.
		 */
		if ((rc = insert_session(h, r, p, HIST_REFUSED,
		    res->verdict == BEGIN_STRICT ||
		    res->verdict == BEGIN_HALT_STILL ? o->override_reason :
		    NULL,
		    now, &id)) != SQLITE_OK ||
		    (rc = record_limits(h, id, "refused", &l)) !=
		    SQLITE_OK)
			goto sqlfail;
	} else {
		if ((rc = insert_session(h, r, p, HIST_RUNNING, action != NULL &&
		    strcmp(action, "overridden") == 0 ? o->override_reason :
		    NULL, now, &id)) != SQLITE_OK)
			goto sqlfail;
		/*
		 * Locked before the row is visible: no sweep can close it.
		 * Without the lock another knead would close it as dead and
		 * run the same areas beside it: not started.
		 */
		held = 1;
		if (hist_session_hold(h, id) != 0) {
			ret = errno;
			hist_rollback(h);
			hist_session_release(h, id);
			hist_set_cause(cause, "%s-live cannot be locked (%s while "
			    "starting the session); without the lock another "
			    "knead would take this session for ended",
			    h->path, strerror(ret));
			free(l.v);
			free(d);
			return -1;
		}
		if (action != NULL &&
		    (rc = record_limits(h, id, action, &l)) != SQLITE_OK)
			goto sqlfail;
		rc = insert_plan(h, id, r, d, nd, action != NULL &&
		    strcmp(action, "skipped") == 0 ? &l : NULL, o);
		if (rc != SQLITE_OK)
			goto sqlfail;
	}
	if ((rc = hist_exec(h, "COMMIT")) != SQLITE_OK)
		goto sqlfail;
	free(d);

	if (res->verdict == BEGIN_RUNS) {
		res->session_id = id;
		/*
		 * Skipped areas, or the areas an override runs over (the
		 * run names each as it is worked).
		 */
		if (action == NULL) {
			free(l.v);
			return 0;
		}
	}
	res->rest = l.v;
	res->nrest = l.n;
	return 0;

sqlfail:
	ret = hist_fail(h, rc, "starting the session", cause);
	hist_rollback(h);
	if (held)
		hist_session_release(h, id);
	free(l.v);
	free(d);
	return ret;
}

/* Record a session a screening "yes" stopped before it began. */
int
history_screened(struct history *h, const struct routine *r,
    const struct plan *p, const char *const *answers, char **cause)
{
	struct area_dose	*d = NULL;
	struct begin_opts	 o;
	size_t			 nd;
	int64_t			 id;
	int			 rc;

	memset(&o, 0, sizeof o);
	o.screen_answers = answers;
	nd = plan_doses(p, &d);
	if ((rc = hist_exec(h, "BEGIN IMMEDIATE")) != SQLITE_OK ||
	    (rc = insert_session(h, r, p, HIST_SCREENED_OUT, NULL,
	    clock_wall_s(h->clock), &id)) != SQLITE_OK ||
	    (rc = insert_plan(h, id, r, d, nd, NULL, &o)) != SQLITE_OK ||
	    (rc = hist_exec(h, "COMMIT")) != SQLITE_OK) {
		free(d);
		rc = hist_fail(h, rc, "recording the screening answers",
		    cause);
		hist_rollback(h);
		return rc;
	}
	free(d);
	return 0;
}

/*
 * Drop the plain rest of one side of a sided area when an entry for the
 * whole area (both sides held alike: a halt on a step on no side, as a
 * switch of sides) holds it as long or longer: "calves (left) 3 h" above
 * "calves 48 h; halted" said the left side was free in 3 h (a clinical
 * tester's F7). A longer side, a session running now or a clock behind
 * keeps its own entry.
 */
static void
rlist_covered(struct rlist *l)
{
	size_t	i, j, k = 0;

	for (i = 0; i < l->n; i++) {
		for (j = 0; j < l->n; j++)
			if (l->v[i].area != NULL && l->v[i].area->sided &&
			    l->v[i].side != SIDE_NONE &&
			    l->v[i].rule == RULE_REST &&
			    !l->v[i].in_progress && !l->v[i].clock_behind &&
			    l->v[j].area == l->v[i].area &&
			    l->v[j].side == SIDE_NONE &&
			    l->v[j].free_at >= l->v[i].free_at)
				break;
		if (j == l->n)
			l->v[k++] = l->v[i];
	}
	l->n = k;
}

/* Every area and side resting now, soonest free first. */
int
history_resting(struct history *h, struct resting **out, size_t *n,
    char **cause)
{
	struct rlist		 l = { NULL, 0 };
	sqlite3_stmt		*st;
	const struct area	*a;
	int64_t			 now, end, free_at, exp_end, from;
	int			 rc;

	*out = NULL;
	*n = 0;
	now = clock_wall_s(h->clock);
	if ((rc = search_from(h, now, 0, &from)) != SQLITE_OK)
		return hist_fail(h, rc, "reading resting areas", cause);
	rc = hist_prep(h, "SELECT a.area, a.side, MAX(s.ended_at), "
	    "MAX(s.ended_at + s.rest_s) FROM sessions s CROSS JOIN "
	    "session_areas a ON a.session_id = s.id WHERE s.ended_at >= ?1 AND "
	    "+s.outcome IN " RAN_OUTCOMES " AND " AREA_WORKED_SQL
	    " GROUP BY a.area, a.side", &st);
	if (rc != SQLITE_OK)
		return hist_fail(h, rc, "reading resting areas", cause);
	sqlite3_bind_int64(st, 1, from);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a = area_find((const char *)sqlite3_column_text(st, 0));
		if (a == NULL)
			continue;	/* an area this knead no longer has */
		end = sqlite3_column_int64(st, 2);
		free_at = sqlite3_column_int64(st, 3);
		if (end > now || free_at > now)
			rlist_add(&l, a, hist_side_parse((const char *)
			    sqlite3_column_text(st, 1)), free_at, end > now, 0,
			    now);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;

	rc = hist_prep(h, "SELECT a.area, a.side, s.id, s.started_at + "
	    "(s.planned_ms + 999) / 1000, s.rest_s FROM sessions s CROSS JOIN "
	    "session_areas a ON a.session_id = s.id WHERE s.outcome = "
	    "'running'", &st);
	if (rc != SQLITE_OK)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a = area_find((const char *)sqlite3_column_text(st, 0));
		if (a == NULL || !hist_session_live(h, sqlite3_column_int64(st, 2)))
			continue;
		exp_end = sqlite3_column_int64(st, 3);
		if (exp_end < now)
			exp_end = now;
		rlist_add(&l, a, hist_side_parse((const char *)
		    sqlite3_column_text(st, 1)), exp_end +
		    sqlite3_column_int64(st, 4), 0, 1, now);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;
	/* Halted and deep-capped areas too, with their rule (issue 12). */
	if ((rc = hist_held_areas(h, now, &l)) != SQLITE_OK)
		goto fail;
	rlist_covered(&l);
	if (l.n > 1)
		qsort(l.v, l.n, sizeof *l.v, resting_cmp);
	*out = l.v;
	*n = l.n;
	return 0;

fail:
	free(l.v);
	return hist_fail(h, rc, "reading resting areas", cause);
}

/* The latest hold of a check the resting list does not show (history.h). */
const struct resting *
history_later(const struct resting *v, size_t n, const struct resting *rest,
    size_t nr)
{
	const struct resting	*late = NULL;
	int64_t			 shown;
	size_t			 i, k;

	for (i = 0; i < n; i++) {
		if (v[i].area == NULL)
			continue;
		shown = 0;
		for (k = 0; k < nr; k++)
			/* A deep cap holds only deep work (gentle runs). */
			if (rest[k].area == v[i].area &&
			    sides_meet(rest[k].side, v[i].side) &&
			    rest[k].free_at > shown &&
			    (rest[k].rule != RULE_DEEP ||
			    v[i].rule == RULE_DEEP))
				shown = rest[k].free_at;
		if (v[i].free_at > shown && (late == NULL ||
		    v[i].free_at > late->free_at))
			late = &v[i];
	}
	return late;
}

/* Unix time of the local midnight that starts day (days since 1970). */
static int64_t
local_midnight(int64_t day)
{
	struct tm	tm;
	time_t		t;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = 70;
	tm.tm_mday = 1 + (int)day;	/* mktime normalises the date */
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1)
		return day * 86400;
	return (int64_t)t;
}

/* Sessions in the last 7 days against the homework target. */
int
history_homework(struct history *h, const struct routine *r,
    struct homework_progress *hp, char **cause)
{
	const struct homework	*hw = &r->homework;
	sqlite3_stmt		*st;
	int64_t			 now, today, from, start;
	int			 rc;

	memset(hp, 0, sizeof *hp);
	if (!hw->present || r->id.s == NULL)
		return 0;
	now = clock_wall_s(h->clock);
	today = dates_day_of(now);
	hp->per_week = hw->per_week.set ? (int)hw->per_week.v : 0;
	if (hw->until_day.set) {
		hp->days_left = (int)(hw->until_day.v - today);
		if (hp->days_left < 0)
			hp->days_left = 0;
	}
	hp->active = (!hw->from_day.set || today >= hw->from_day.v) &&
	    (!hw->until_day.set || today <= hw->until_day.v);

	/* Sessions before the homework began were not homework. */
	from = now - WEEK_S;
	if (hw->from_day.set && (start = local_midnight(hw->from_day.v)) >
	    from)
		from = start - 1;
	rc = hist_prep(h, "SELECT count(*) FROM sessions s WHERE "
	    "s.routine_id = ?1 AND s.started_at > ?2 AND s.started_at <= ?3 "
	    "AND s.outcome IN " RAN_OUTCOMES " AND " HALF_DONE_SQL, &st);
	if (rc != SQLITE_OK)
		return hist_fail(h, rc, "reading homework progress", cause);
	sqlite3_bind_text(st, 1, r->id.s, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		hp->done_this_week = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return hist_fail(h, rc, "reading homework progress", cause);
	return 0;
}
