/*
 * The history store's monthly rules and the halt protection (issue 12),
 * checked by history_begin with the rest limits and the per-week cap:
 *
 * - limits.per-month: at most N sessions of the routine (that did at least
 *   half of their work) in any rolling 30 days.
 * - Deep work per area and side across routines: at most DEEP_PER_MONTH deep
 *   sessions in any 30 days (seed 003: "limit deep trigger-point work to about
 *   two sessions a month"). Deep is DOMAIN's: pressure 6 or more, a press of
 *   60 s or more, or more than 2 min of pressure on the area. Gentle work on
 *   that area stays allowed.
 * - A session stopped with ! (halted for pain) protects the area of its last
 *   step on one (the run records the step ! stopped on the area ! marks,
 *   plan_halt_mark: a position step's is the next step's): no step on it
 *   (a stretch or a move too), gentle or deep, until HALT_REST_S (48 h,
 *   DOMAIN's extended deep rest) or its rest, whichever is longer, has
 *   passed. A pain rating of PAIN_STOP_RATING or more during
 *   a session (DOMAIN's stop trigger "pain-above-7") holds its area alike.
 * - An area rated SORE_RATING or more the day after a session (aftercare,
 *   history_after.c) rests HALT_REST_S from that session's end, or its rest
 *   when longer (DOMAIN: "extend to 48 h if next-day soreness >= 4/10").
 * - The follow-up check-ins hold and block areas (history_after.c,
 *   hist_after_holds): still sore past 72 h, or growing.
 * - Screening carry-over within the local day: a "no" is not asked again,
 *   a "yes" stands (history_screen_no_today, history_screen_yes_today).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "areas.h"
#include "clock.h"
#include "halt_why.h"
#include "history.h"
#include "history_int.h"
#include "plan.h"
#include "routine.h"
#include "validate.h"
#include "xmalloc.h"

#define MONTH_S		(30 * 86400)
/*
 * How far back a halt whose hold has passed is still asked about before
 * its area is worked again (history_halts_passed): a year. A spot not
 * worked since is asked about however long ago it was stopped, within
 * that; older ones are left, as the store's other rules leave them.
 */
#define PASSED_LOOK_S	(365 * 86400)

/* Work on a sided area with no side touches both sides. */
#define SIDE_MATCH(col) "(" col " = ?2 OR " col " = '' OR ?2 = '')"

/*
 * Deep sessions on area ?1, side ?2 that started after ?3, oldest first:
 * deep as planned or as done (+ and b can make work deep).
 */
#define DEEP_SQL \
	"SELECT s.started_at FROM sessions s CROSS JOIN session_areas a " \
	"ON a.session_id = s.id WHERE a.area = ?1 AND " SIDE_MATCH("a.side") \
	" AND s.started_at > ?3 AND +s.outcome IN " RAN_OUTCOMES \
	" AND " AREA_WORKED_SQL " AND " \
	"(a.planned_ms > 120000 OR a.done_ms > 120000 OR EXISTS (SELECT 1 " \
	"FROM steps t WHERE t.session_id = s.id AND t.area = a.area AND " \
	"t.side = a.side AND t.is_work AND (t.pressure >= 6 OR " \
	"(t.kind = 'press' AND (t.planned_ms >= 60000 OR " \
	"t.done_ms >= 60000))))) GROUP BY s.id ORDER BY s.started_at"

/*
 * What made the user halt, as a resting entry's count: 0 not answered,
 * else minus halt_why_code() (a pain rating's hold counts 1 to 10).
 */
#define HALT_WHY_COUNT \
	"-(CASE s.halt_why WHEN '" HALT_WHY_SHARP "' THEN 1 WHEN '" \
	HALT_WHY_NUMB "' THEN 2 WHEN '" HALT_WHY_SHOOTING "' THEN 3 WHEN '" \
	HALT_WHY_OTHER "' THEN 4 ELSE 0 END)"

/*
 * Halted sessions whose last step on an area was on area ?1, side ?2, ended
 * after ?3: when the area is free again, and what made the user halt the
 * latest (HALT_WHY_COUNT; SQLite takes it from the row of the MAX).
 */
#define HALTED_SQL \
	"SELECT MAX(s.ended_at + MAX(s.rest_s, ?4)), " HALT_WHY_COUNT \
	" FROM sessions s " \
	"WHERE s.outcome = 'halted' AND s.ended_at >= ?3 AND EXISTS (SELECT 1 " \
	"FROM steps t WHERE t.id = (SELECT MAX(u.id) FROM steps u WHERE " \
	"u.session_id = s.id AND u.area IS NOT NULL) AND t.area = ?1 AND " \
	SIDE_MATCH("t.side") ")"

/*
 * Sessions ended after ?3 rated ?5 or more the day after on area ?1, side
 * ?2: when the area is free again, and the highest rating.
 */
#define SORE_SQL \
	"SELECT MAX(s.ended_at + MAX(s.rest_s, ?4)), MAX(r.rating) FROM " \
	"sessions s JOIN aftercare_ratings r ON r.session_id = s.id WHERE " \
	"r.rating >= ?5 AND r.area = ?1 AND " SIDE_MATCH("r.side") " AND " \
	"s.ended_at >= ?3"

/*
 * Every area and side held at ?1 by a halt for pain (the area of the
 * session's last step on an area), with the least rest ?2: area, side,
 * when it is free, and what made the user halt (HALT_WHY_COUNT).
 */
#define HELD_HALTED_SQL \
	"SELECT t.area, t.side, s.ended_at + MAX(s.rest_s, ?2), " \
	HALT_WHY_COUNT " FROM " \
	"sessions s JOIN steps t ON t.id = (SELECT MAX(u.id) FROM steps u " \
	"WHERE u.session_id = s.id AND u.area IS NOT NULL) WHERE " \
	"s.outcome = 'halted' AND s.ended_at + MAX(s.rest_s, ?2) > ?1"

/*
 * Steps on area ?1, side ?2 of sessions ended after ?3 rated ?5 or more
 * for pain (PAIN_STOP_RATING: the area's work stopped): when the area is
 * free again, and the highest rating.
 */
#define PAIN_SQL \
	"SELECT MAX(s.ended_at + MAX(s.rest_s, ?4)), MAX(t.pain) FROM " \
	"sessions s JOIN steps t ON t.session_id = s.id WHERE t.pain >= ?5 " \
	"AND t.area = ?1 AND " SIDE_MATCH("t.side") " AND s.ended_at >= ?3"

/*
 * A session that worked area ?1, side ?2 after session s ended, as the
 * rest rules count work (AREA_WORKED_AS: half its planned pressure time
 * there; a second on it, or a stretch, is not).
 */
#define WORKED_SINCE_SQL \
	"EXISTS (SELECT 1 FROM sessions w JOIN session_areas v ON " \
	"v.session_id = w.id WHERE w.ended_at > s.ended_at AND v.area = ?1 " \
	"AND " SIDE_MATCH("v.side") " AND " AREA_WORKED_AS("v") ")"

/*
 * HALTED_SQL's halts whose hold has passed by ?6 with no session working
 * the area and side since: when the hold passed, and the answer.
 */
#define PASSED_HALT_SQL \
	"SELECT MAX(s.ended_at + MAX(s.rest_s, ?4)), " HALT_WHY_COUNT \
	" FROM sessions s " \
	"WHERE s.outcome = 'halted' AND s.ended_at >= ?3 AND s.ended_at + " \
	"MAX(s.rest_s, ?4) <= ?6 AND EXISTS (SELECT 1 FROM steps t WHERE " \
	"t.id = (SELECT MAX(u.id) FROM steps u WHERE u.session_id = s.id AND " \
	"u.area IS NOT NULL) AND t.area = ?1 AND " SIDE_MATCH("t.side") ") " \
	"AND NOT " WORKED_SINCE_SQL

/* PAIN_SQL's holds passed by ?6 alike: when, and the highest rating. */
#define PASSED_PAIN_SQL \
	"SELECT MAX(s.ended_at + MAX(s.rest_s, ?4)), MAX(t.pain) FROM " \
	"sessions s JOIN steps t ON t.session_id = s.id WHERE t.pain >= ?5 " \
	"AND t.area = ?1 AND " SIDE_MATCH("t.side") " AND s.ended_at >= ?3 " \
	"AND s.ended_at + MAX(s.rest_s, ?4) <= ?6 AND NOT " WORKED_SINCE_SQL

/*
 * Every area and side held at ?1 by a pain rating of ?3 or more in a
 * session, with the least rest ?2: area, side, when it is free, the rating.
 */
#define HELD_PAIN_SQL \
	"SELECT t.area, t.side, MAX(s.ended_at + MAX(s.rest_s, ?2)), " \
	"MAX(t.pain) FROM sessions s JOIN steps t ON t.session_id = s.id " \
	"WHERE t.pain >= ?3 AND t.area IS NOT NULL AND s.ended_at + " \
	"MAX(s.rest_s, ?2) > ?1 GROUP BY t.area, t.side"

/*
 * Every area and side held at ?1 by a day-after rating of ?3 or more,
 * with the least rest ?2: area, side, when it is free, the rating.
 */
#define HELD_SORE_SQL \
	"SELECT r.area, r.side, MAX(s.ended_at + MAX(s.rest_s, ?2)), " \
	"MAX(r.rating) FROM sessions s JOIN aftercare_ratings r ON " \
	"r.session_id = s.id WHERE r.rating >= ?3 AND s.ended_at + " \
	"MAX(s.rest_s, ?2) > ?1 GROUP BY r.area, r.side"

/*
 * The rules that hold an area HALT_REST_S (or its rest, when longer) after
 * a session: a halt for pain (!), a pain rating of PAIN_STOP_RATING or more
 * during it (DOMAIN's in-session stop trigger "pain-above-7": held as a
 * halt, RULE_HALTED with the rating in count), and a day-after rating of
 * SORE_RATING or more. Each is asked two ways, with the same columns: for
 * one area and side when a session begins (check), and for every area now
 * (held).
 */
struct hold_rule {
	int		 rule;		/* RULE_HALTED, RULE_SORE */
	const char	*check_sql;
	const char	*held_sql;
	int		 rating;	/* the least rating, 0: none asked */
	int		 passed;	/* check_sql finds holds passed */
};
static const struct hold_rule hold_halted = {
	RULE_HALTED, HALTED_SQL, HELD_HALTED_SQL, 0, 0
};
static const struct hold_rule hold_pain = {
	RULE_HALTED, PAIN_SQL, HELD_PAIN_SQL, PAIN_STOP_RATING, 0
};
static const struct hold_rule hold_sore = {
	RULE_SORE, SORE_SQL, HELD_SORE_SQL, SORE_RATING, 0
};
/* The same two halts once their hold has passed (history_halts_passed). */
static const struct hold_rule passed_halted = {
	RULE_HALTED, PASSED_HALT_SQL, NULL, 0, 1
};
static const struct hold_rule passed_pain = {
	RULE_HALTED, PASSED_PAIN_SQL, NULL, PAIN_STOP_RATING, 1
};

/* The stored word of r's rule (see history.h). */
const char *
history_rule_word(const struct resting *r)
{
	switch (r->rule) {
	case RULE_MONTH:
		return "per-month";
	case RULE_DEEP:
		return "deep-cap";
	case RULE_HALTED:
		return "halted";
	case RULE_SORE:
		return "sore";
	case RULE_BLOCKED:
		return "still-sore";
	}
	return r->area == NULL ? "per-week" : "rest";
}

/* The rule of a stored word (see history.h). */
int
history_rule_of(const char *word)
{
	if (word == NULL)
		return -1;
	if (strcmp(word, "rest") == 0 || strcmp(word, "per-week") == 0)
		return RULE_REST;
	if (strcmp(word, "per-month") == 0)
		return RULE_MONTH;
	if (strcmp(word, "deep-cap") == 0)
		return RULE_DEEP;
	if (strcmp(word, "halted") == 0)
		return RULE_HALTED;
	if (strcmp(word, "sore") == 0)
		return RULE_SORE;
	if (strcmp(word, "still-sore") == 0)
		return RULE_BLOCKED;
	return -1;
}

/* Does rule hold every step on its area (see history.h)? */
int
history_rule_whole(int rule)
{
	return rule == RULE_HALTED || rule == RULE_BLOCKED;
}

/* The areas --skip-resting leaves out for entries v (see history.h). */
void
history_skip_of(const struct resting *v, size_t n, struct area_side *out)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		out[i].area = v[i].area;
		out[i].side = v[i].side;
		out[i].whole = history_rule_whole(v[i].rule);
	}
}

/* Does l hold an area halted for pain (see history_int.h)? */
int
hist_any_halted(const struct rlist *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (history_rule_whole(l->v[i].rule))
			return 1;
	return 0;
}

/*
 * Add (or raise, taking its rule) an entry for area a and side (see
 * history_int.h). A block (RULE_BLOCKED) wins over every other rule
 * whatever their times: it clears only with an answer.
 */
void
hist_rlist_add(struct rlist *l, const struct area *a, enum side side,
    int64_t free_at, int rule, int count, int limit, int64_t now)
{
	struct resting	*x;
	size_t		 i;

	for (i = 0; i < l->n; i++) {
		x = &l->v[i];
		if (x->area != a || x->side != side ||
		    (a == NULL && x->rule != rule))
			continue;
		if (x->rule == RULE_BLOCKED && rule != RULE_BLOCKED)
			return;
		if (rule == RULE_BLOCKED) {
			if (x->free_at > free_at)
				free_at = x->free_at;
			break;
		}
		/* The later wins; a halt for pain is named on a tie. */
		if (free_at < x->free_at || (free_at == x->free_at &&
		    rule != RULE_HALTED))
			return;
		break;
	}
	if (i == l->n) {
		l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
		x = &l->v[l->n++];
		memset(x, 0, sizeof *x);
		x->area = a;
		x->side = side;
	}
	x->free_at = free_at;
	x->checked_at = now;
	x->rule = rule;
	x->count = count;
	x->limit = limit;
}

/* limits.per-month: sessions of r in the 30 days before now. */
static int
check_month(struct history *h, const struct routine *r, int64_t now,
    struct rlist *l)
{
	sqlite3_stmt	*st;
	int64_t		 per_month = routine_per_month(r), *starts = NULL;
	size_t		 n = 0;
	int		 rc;

	if (per_month <= 0 || r->id.s == NULL)
		return SQLITE_OK;
	rc = hist_prep_kept(h, "SELECT s.started_at FROM sessions s WHERE "
	    "s.routine_id = ?1 AND s.started_at > ?2 AND s.outcome IN "
	    RAN_OUTCOMES " AND " HALF_DONE_SQL " ORDER BY s.started_at", &st);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, r->id.s, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now - MONTH_S);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		starts = xreallocarray(starts, n + 1, sizeof *starts);
		starts[n++] = sqlite3_column_int64(st, 0);
	}
	hist_done(h, st);
	if (rc == SQLITE_DONE && (int64_t)n >= per_month)
		hist_rlist_add(l, NULL, SIDE_NONE, starts[n - per_month] +
		    MONTH_S, RULE_MONTH, (int)n, (int)per_month, now);
	free(starts);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Is the plan's work on area a and side deep (DOMAIN's definition)? */
static int
plan_deep(const struct plan *p, const struct area_dose *d)
{
	const struct pstep	*q;
	uint64_t		 ms[2] = { 0, 0 };
	size_t			 i;

	if (d->max_pressure >= DEEP_PRESSURE || d->work_ms > DEEP_AREA_MS)
		return 1;
	for (i = 0; i < p->n; i++) {
		q = &p->v[i];
		if (q->area != d->area || !q->is_work ||
		    !sides_meet(q->side, d->side))
			continue;
		if (q->pressure >= DEEP_PRESSURE || (q->kind == PLAN_PRESS &&
		    q->duration_ms >= DEEP_HOLD_MS))
			return 1;
		/* Work with no side reaches each side (as the validator). */
		if (q->side != SIDE_RIGHT)
			ms[0] += q->duration_ms;
		if (q->side != SIDE_LEFT)
			ms[1] += q->duration_ms;
	}
	return ms[0] > DEEP_AREA_MS || ms[1] > DEEP_AREA_MS;
}

/* Whether plan p does deep work on any area and side (plan_deep). */
static int
plan_any_deep(const struct plan *p)
{
	struct area_dose	*d = NULL;
	size_t			 nd, i;
	int			 deep = 0;

	nd = plan_doses(p, &d);
	for (i = 0; i < nd && !deep; i++)
		deep = plan_deep(p, &d[i]);
	free(d);
	return deep;
}

/*
 * The rest a session of plan p of routine r demands (see history.h): its
 * rest (validate_rest_s), the daily homework's grace, and at least
 * DEEP_REST_S after deep work whatever these say (DOMAIN: "min_gap_deep_h
 * = 24 before the next deep session on that area"; the safer rule wins
 * over the grace).
 */
int64_t
history_rest_s(const struct routine *r, const struct plan *p)
{
	int64_t	rest_s = validate_homework_rest_s(r);

	if (rest_s < DEEP_REST_S && p != NULL && plan_any_deep(p))
		rest_s = DEEP_REST_S;
	return rest_s;
}

/* The deep-work cap on one area and side. */
static int
check_deep(sqlite3_stmt *st, const struct area_dose *d, int64_t now,
    struct rlist *l)
{
	int64_t	starts[DEEP_PER_MONTH];
	int	rc, n = 0;

	sqlite3_bind_text(st, 1, d->area->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, d->area->sided ? side_str(d->side) : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now - MONTH_S);
	/* Keep the last DEEP_PER_MONTH starts: the oldest of them frees it. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n >= DEEP_PER_MONTH)
			memmove(starts, starts + 1,
			    (DEEP_PER_MONTH - 1) * sizeof *starts);
		starts[n < DEEP_PER_MONTH ? n : DEEP_PER_MONTH - 1] =
		    sqlite3_column_int64(st, 0);
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rc;
	if (n >= DEEP_PER_MONTH)
		hist_rlist_add(l, d->area, d->side, starts[0] + MONTH_S,
		    RULE_DEEP, n, DEEP_PER_MONTH, now);
	return SQLITE_OK;
}

/*
 * Rule hr (halt or soreness) on area a and side, with st prepared from
 * its check_sql: an entry in l while it holds the area (or, hr->passed,
 * once its hold has passed: free_at then no later than now).
 */
static int
check_hold(sqlite3_stmt *st, const struct hold_rule *hr,
    const struct area *a, enum side side, int64_t rest_s, int64_t now,
    struct rlist *l)
{
	int64_t	free_at, min_s = rest_s > HALT_REST_S ? rest_s : HALT_REST_S;
	int	rc;

	sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, a->sided ? side_str(side) : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now - (hr->passed ? PASSED_LOOK_S :
	    MONTH_S) - 1);
	sqlite3_bind_int64(st, 4, min_s);
	if (hr->rating > 0)
		sqlite3_bind_int(st, 5, hr->rating);
	if (hr->passed)
		sqlite3_bind_int64(st, 6, now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		free_at = sqlite3_column_int64(st, 0);
		if ((free_at > now) != hr->passed)
			hist_rlist_add(l, a, side, free_at, hr->rule,
			    sqlite3_column_int(st, 1), hr->rating, now);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * The halt and pain holds on the area and side of t, into l. A step on no
 * side of a sided area touches each side: each is asked for itself, so
 * that a hold on one side names it and leaves the other side's steps
 * alone; both held alike (a halt on a step on no side) is one entry.
 */
static int
check_halts_by(sqlite3_stmt *halted, const struct hold_rule *rh,
    sqlite3_stmt *pain, const struct hold_rule *rp,
    const struct area_side *t, int64_t rest_s, int64_t now, struct rlist *l)
{
	struct rlist	 both = { NULL, 0 };
	struct resting	*x;
	size_t		 k;
	int		 rc;

	if (!t->area->sided || t->side != SIDE_NONE) {
		if ((rc = check_hold(halted, rh, t->area,
		    t->area->sided ? t->side : SIDE_NONE, rest_s, now, l)) !=
		    SQLITE_OK)
			return rc;
		return check_hold(pain, rp, t->area, t->area->sided ?
		    t->side : SIDE_NONE, rest_s, now, l);
	}
	if ((rc = check_hold(halted, rh, t->area, SIDE_LEFT, rest_s,
	    now, &both)) != SQLITE_OK ||
	    (rc = check_hold(pain, rp, t->area, SIDE_LEFT, rest_s, now,
	    &both)) != SQLITE_OK ||
	    (rc = check_hold(halted, rh, t->area, SIDE_RIGHT, rest_s,
	    now, &both)) != SQLITE_OK ||
	    (rc = check_hold(pain, rp, t->area, SIDE_RIGHT, rest_s, now,
	    &both)) != SQLITE_OK) {
		free(both.v);
		return rc;
	}
	x = both.v;
	if (both.n == 2 && x[0].free_at == x[1].free_at &&
	    x[0].count == x[1].count)
		hist_rlist_add(l, t->area, SIDE_NONE, x[0].free_at, x[0].rule,
		    x[0].count, x[0].limit, now);
	else
		for (k = 0; k < both.n; k++)
			hist_rlist_add(l, x[k].area, x[k].side, x[k].free_at,
			    x[k].rule, x[k].count, x[k].limit, now);
	free(both.v);
	return SQLITE_OK;
}

/* The holds of a halt and of a pain rating on t while they hold. */
static int
check_halts(sqlite3_stmt *halted, sqlite3_stmt *pain,
    const struct area_side *t, int64_t rest_s, int64_t now, struct rlist *l)
{
	return check_halts_by(halted, &hold_halted, pain, &hold_pain, t,
	    rest_s, now, l);
}

/* The monthly rules and the halt protection (see history_int.h). */
int
hist_check_limits(struct history *h, const struct routine *r,
    const struct plan *p, const struct area_dose *d, size_t nd, int64_t now,
    struct rlist *l)
{
	sqlite3_stmt	 *deep = NULL, *halted = NULL, *pain = NULL;
	sqlite3_stmt	 *sore = NULL;
	struct area_side *t = NULL;
	size_t		  i, nt;
	int64_t		  rest_s = history_rest_s(r, p);
	int		  rc;

	nt = plan_areas(p, &t);
	if ((rc = check_month(h, r, now, l)) != SQLITE_OK)
		goto out;
	if ((rc = hist_prep_kept(h, DEEP_SQL, &deep)) != SQLITE_OK ||
	    (rc = hist_prep_kept(h, hold_halted.check_sql, &halted)) !=
	    SQLITE_OK ||
	    (rc = hist_prep_kept(h, hold_pain.check_sql, &pain)) != SQLITE_OK ||
	    (rc = hist_prep_kept(h, hold_sore.check_sql, &sore)) != SQLITE_OK)
		goto out;
	if ((rc = hist_after_holds(h, now, d, nd, t, nt, l)) != SQLITE_OK)
		goto out;
	/* A halt holds every step on its area: stretches and moves too. */
	for (i = 0; i < nt; i++) {
		if ((rc = check_halts(halted, pain, &t[i], rest_s, now,
		    l)) != SQLITE_OK)
			goto out;
	}
	for (i = 0; i < nd; i++) {
		if (d[i].area == NULL || d[i].work_ms == 0)
			continue;
		if ((rc = check_hold(sore, &hold_sore, d[i].area, d[i].side,
		    rest_s, now, l)) != SQLITE_OK)
			break;
		if (plan_deep(p, &d[i]) &&
		    (rc = check_deep(deep, &d[i], now, l)) != SQLITE_OK)
			break;
	}
out:
	hist_done(h, deep);
	hist_done(h, halted);
	hist_done(h, pain);
	hist_done(h, sore);
	free(t);
	return rc;
}

/* Halts on plan p whose hold has passed, not worked since (history.h). */
int
history_halts_passed(struct history *h, const struct routine *r,
    const struct plan *p, struct resting **out, size_t *n, char **cause)
{
	sqlite3_stmt	 *halted = NULL, *pain = NULL;
	struct area_side *t = NULL;
	struct rlist	  l = { NULL, 0 };
	size_t		  i, nt;
	int64_t		  rest_s = history_rest_s(r, p), now;
	int		  rc;

	*out = NULL;
	*n = 0;
	now = clock_wall_s(h->clock);
	nt = plan_areas(p, &t);
	if ((rc = hist_prep_kept(h, passed_halted.check_sql, &halted)) !=
	    SQLITE_OK ||
	    (rc = hist_prep_kept(h, passed_pain.check_sql, &pain)) !=
	    SQLITE_OK)
		goto out;
	for (i = 0; i < nt; i++)
		if ((rc = check_halts_by(halted, &passed_halted, pain,
		    &passed_pain, &t[i], rest_s, now, &l)) != SQLITE_OK)
			break;
out:
	hist_done(h, halted);
	hist_done(h, pain);
	free(t);
	if (rc != SQLITE_OK) {
		free(l.v);
		return hist_fail(h, rc, "reading areas halted for pain", cause);
	}
	*out = l.v;
	*n = l.n;
	return 0;
}

/* Every area and side rule hr (halt, pain or soreness) holds now, into l. */
static int
held_by(struct history *h, const struct hold_rule *hr, int64_t now,
    struct rlist *l)
{
	const struct area	*a;
	sqlite3_stmt		*st = NULL;
	int			 rc;

	if ((rc = hist_prep(h, hr->held_sql, &st)) != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, HALT_REST_S);
	if (hr->rating > 0)
		sqlite3_bind_int(st, 3, hr->rating);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((a = area_find((const char *)sqlite3_column_text(st, 0))) ==
		    NULL)
			continue;
		hist_rlist_add(l, a, hist_side_parse((const char *)
		    sqlite3_column_text(st, 1)),
		    sqlite3_column_int64(st, 2), hr->rule,
		    sqlite3_column_int(st, 3), hr->rating, now);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * Every area and side held now by the halt protection or the deep-work cap
 * (see history_int.h): a halt merges with the area's rest entry (it always
 * ends as late or later); the cap is an entry of its own, since gentle work
 * on the area is allowed before it clears.
 */
int
hist_held_areas(struct history *h, int64_t now, struct rlist *l)
{
	struct rlist		 deep = { NULL, 0 };
	struct area_dose	 d;
	sqlite3_stmt		*st = NULL, *dq = NULL;
	const struct area	*a;
	size_t			 i, j;
	int			 rc;

	if ((rc = held_by(h, &hold_halted, now, l)) != SQLITE_OK ||
	    (rc = held_by(h, &hold_pain, now, l)) != SQLITE_OK ||
	    (rc = held_by(h, &hold_sore, now, l)) != SQLITE_OK ||
	    (rc = hist_after_holds(h, now, NULL, 0, NULL, 0, l)) != SQLITE_OK)
		return rc;

	/* Areas and sides with work in 30 days: each checked for the cap. */
	if ((rc = hist_prep(h, "SELECT DISTINCT a.area, a.side FROM sessions s "
	    "JOIN session_areas a ON a.session_id = s.id WHERE s.started_at > "
	    "?1 AND s.outcome IN " RAN_OUTCOMES " AND a.done_ms > 0", &st)) !=
	    SQLITE_OK || (rc = hist_prep(h, DEEP_SQL, &dq)) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, now - MONTH_S);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((a = area_find((const char *)sqlite3_column_text(st, 0))) ==
		    NULL)
			continue;
		memset(&d, 0, sizeof d);
		d.area = a;
		d.side = hist_side_parse((const char *)sqlite3_column_text(st, 1));
		if ((rc = check_deep(dq, &d, now, &deep)) != SQLITE_OK)
			goto out;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	/* A cap already listed for the area and side is not listed twice. */
	for (i = 0; i < deep.n && rc == SQLITE_OK; i++) {
		for (j = 0; j < l->n; j++)
			if (l->v[j].rule == RULE_DEEP &&
			    l->v[j].area == deep.v[i].area &&
			    l->v[j].side == deep.v[i].side)
				break;
		if (j < l->n || deep.v[i].free_at <= now)
			continue;
		l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
		l->v[l->n++] = deep.v[i];
	}
out:
	free(deep.v);
	sqlite3_finalize(st);
	sqlite3_finalize(dq);
	return rc;
}

/* Unix time of the local midnight that starts the day of t. */
static int64_t
midnight_of(int64_t t)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	tzset();
	if (localtime_r(&tt, &tm) == NULL)
		return t;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	if ((tt = mktime(&tm)) == (time_t)-1)
		return t;
	return (int64_t)tt;
}

/* A "no" to question earlier today (see history.h). */
int
history_screen_no_today(struct history *h, const char *question)
{
	sqlite3_stmt	*st;
	int64_t		 now = clock_wall_s(h->clock);
	int		 no = 0;

	if (question == NULL || hist_prep(h, "SELECT a.answer FROM "
	    "screen_answers a JOIN sessions s ON s.id = a.session_id WHERE "
	    "a.question = ?1 AND s.started_at >= ?2 AND s.started_at <= ?3 "
	    "AND NOT EXISTS (SELECT 1 FROM sessions x WHERE x.started_at >= "
	    "s.started_at AND (x.outcome = 'halted' OR EXISTS (SELECT 1 FROM "
	    "steps t WHERE t.session_id = x.id AND t.pain >= ?4))) "
	    "ORDER BY s.started_at DESC, s.id DESC LIMIT 1", &st) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, question, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, midnight_of(now));
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int(st, 4, PAIN_STOP_RATING);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		no = strcmp((const char *)sqlite3_column_text(st, 0), "no") == 0;
	sqlite3_finalize(st);
	return no;
}

/*
 * Whether screening questions a and b are the same question: equal once
 * leading and trailing white space is dropped, each run of it inside is
 * one space, and ASCII letters are compared without case (a routine that
 * copies a question with another line break or capital asks the same).
 */
static int
screen_same(const char *a, const char *b)
{
	for (;;) {
		while (isspace((unsigned char)*a))
			a++;
		while (isspace((unsigned char)*b))
			b++;
		/* Both at a word: compare it, up to the space after it. */
		while (*a != '\0' && !isspace((unsigned char)*a) &&
		    tolower((unsigned char)*a) == tolower((unsigned char)*b)) {
			a++;
			b++;
		}
		if (*a == '\0' || *b == '\0' ||
		    !isspace((unsigned char)*a) || !isspace((unsigned char)*b))
			break;
	}
	while (isspace((unsigned char)*a))
		a++;
	while (isspace((unsigned char)*b))
		b++;
	return *a == '\0' && *b == '\0';
}

/* A "yes" to question earlier today, and when (see history.h). */
int
history_screen_yes_today(struct history *h, const char *question,
    int64_t *at)
{
	sqlite3_stmt	*st;
	int64_t		 now = clock_wall_s(h->clock);
	int		 rc, yes = 0;

	if (question == NULL || hist_prep(h, "SELECT a.question, "
	    "s.started_at FROM screen_answers a JOIN sessions s ON s.id = "
	    "a.session_id WHERE a.answer = 'yes' AND s.started_at >= ?1 AND "
	    "s.started_at <= ?2 ORDER BY s.started_at, s.id", &st) !=
	    SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, midnight_of(now));
	sqlite3_bind_int64(st, 2, now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (sqlite3_column_text(st, 0) != NULL && screen_same(question,
		    (const char *)sqlite3_column_text(st, 0))) {
			yes = 1;
			if (at != NULL)
				*at = sqlite3_column_int64(st, 1);
			break;
		}
	sqlite3_finalize(st);
	return yes;
}
