/*
 * Aftercare in the store (issue 12): the day-after question. The next time
 * knead starts, it asks once how each area worked feels compared with
 * before (0 as before or better ... 10 much worse), about the latest
 * session that worked that area (at least half its planned time there, as
 * the rest rules count work), 12 to 48 h after that session; the answers,
 * or a skip, are kept in aftercare_ratings and aftercare_asked (schema 6)
 * so it is never asked twice about one session. A later session that did
 * not work an area (a second or two on it, or another area) does not take
 * its question away.
 *
 * The window: DOMAIN.md section 2 gives no window for a soreness check-in;
 * it says soreness after deep work "starts hours later, peaks ~24 h,
 * usually gone by 48-72 h", so the question is asked from 12 h (the next
 * morning of an evening session) to 48 h (the day after next), around the
 * peak; later than that the answer says little about the session.
 *
 * The follow-up check-in (schema 7, aftercare_checkins): DOMAIN's defaults
 * say "Soreness check-in next session: if soreness > 72 h or increasing ->
 * block the area and advise clinician", and section 2 that soreness "should
 * fade, not grow". So an area whose last answer about a session was
 * SORE_RATING (4) or more is asked about again ("Is it still sore?", the
 * same scale) at a start from 48 h after the session, at most every 12 h.
 * An answer of 4 or more more than 72 h after the session, or higher than
 * the answer before it, blocks the area (RULE_BLOCKED: see a doctor or
 * physiotherapist before working it again) until a later check-in is
 * answered below 4; one that does not block holds the area until just past
 * 72 h, when the next answer can. The rule in full is in history.h.
 */
#include "history.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "areas.h"
#include "clock.h"
#include "history_int.h"
#include "plan.h"
#include "xmalloc.h"

/* Work on a sided area with no side touches both sides. */
#define SIDE_MATCH(a, b) (strcmp(a, b) == 0 || (a)[0] == '\0' || \
	(b)[0] == '\0')

/*
 * One area's check-ins about one session rated SORE_RATING or more the day
 * after: where they stand (see history.h).
 */
struct chain {
	int64_t		 session_id;
	int64_t		 ended_at;
	char		 area[64];
	char		 side[8];
	int		 last;		/* the last answer */
	int		 followed;	/* a check-in was answered */
	int64_t		 last_asked;	/* answered or skipped */
	int		 blocked;
	int		 superseded;	/* a newer session was rated there */
};

/* Copy s (may be NULL) into a fixed buffer. */
static void
copy_str(char *dst, size_t len, const unsigned char *s)
{
	snprintf(dst, len, "%s", s != NULL ? (const char *)s : "");
}

/* Should the question about a session that ended at ended_at be asked? */
int
after_should_ask(int64_t ended_at, int64_t now, int asked)
{
	if (asked || ended_at <= 0 || now < ended_at)
		return 0;
	return now - ended_at >= AFTER_FROM_S && now - ended_at <= AFTER_UNTIL_S;
}

/* Ask the follow-up check-in now? (see history.h) */
int
after_followup_due(int64_t ended_at, int64_t now, int64_t last_asked,
    int last, int blocked)
{
	if (!blocked && last < SORE_RATING)
		return 0;
	if (now - ended_at < AFTER_UNTIL_S)
		return 0;
	if (!blocked && now - ended_at > AFTER_ASK_MAX_S)
		return 0;
	if (now - last_asked >= AFTER_GAP_S)
		return 1;
	/* Past 72 h since the last answer: the one that can block, now. */
	return !blocked && last_asked - ended_at <= AFTER_BLOCK_S &&
	    now - ended_at > AFTER_BLOCK_S;
}

/* Does this check-in answer block the area? (see history.h) */
int
after_blocks(int64_t ended_at, int64_t at, int rating, int previous)
{
	if (rating < SORE_RATING)
		return 0;
	return at - ended_at > AFTER_BLOCK_S || rating > previous;
}

/* The check-ins of chain c so far: its last answer, asked, blocked. */
static int
chain_read(sqlite3_stmt *st, struct chain *c)
{
	int	rc, rating;

	sqlite3_bind_int64(st, 1, c->session_id);
	sqlite3_bind_text(st, 2, c->area, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->side, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int64(st, 1) > c->last_asked)
			c->last_asked = sqlite3_column_int64(st, 1);
		if (sqlite3_column_type(st, 0) == SQLITE_NULL)
			continue;	/* skipped */
		rating = sqlite3_column_int(st, 0);
		if (sqlite3_column_int(st, 2))
			c->blocked = 1;
		else if (rating < SORE_RATING)
			c->blocked = 0;
		c->last = rating;
		c->followed = 1;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * The open chains (blocked, or last answer SORE_RATING or more and not
 * superseded by a newer session's day-after rating), oldest first.
 */
static int
chains_open(struct history *h, int64_t now, struct chain **out, size_t *n)
{
	sqlite3_stmt	*st = NULL, *ci = NULL;
	struct chain	 c, *v = NULL;
	int		 rc;

	*out = NULL;
	*n = 0;
	rc = hist_prep_kept(h, "SELECT r.session_id, s.ended_at, r.area, r.side, "
	    "r.rating, r.rated_at, EXISTS (SELECT 1 FROM aftercare_ratings q "
	    "JOIN sessions t ON t.id = q.session_id WHERE q.area = r.area AND "
	    "q.side = r.side AND t.ended_at > s.ended_at) FROM "
	    "aftercare_ratings r JOIN sessions s ON s.id = r.session_id WHERE "
	    "r.rating >= ?1 AND s.ended_at IS NOT NULL AND s.ended_at <= ?2 "
	    "ORDER BY s.ended_at, r.rowid", &st);
	if (rc == SQLITE_OK)
		rc = hist_prep_kept(h, "SELECT rating, asked_at, blocks FROM "
		    "aftercare_checkins WHERE session_id = ?1 AND area = ?2 AND "
		    "side = ?3 ORDER BY asked_at", &ci);
	if (rc != SQLITE_OK)
		goto out;
	sqlite3_bind_int(st, 1, SORE_RATING);
	sqlite3_bind_int64(st, 2, now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&c, 0, sizeof c);
		c.session_id = sqlite3_column_int64(st, 0);
		c.ended_at = sqlite3_column_int64(st, 1);
		copy_str(c.area, sizeof c.area, sqlite3_column_text(st, 2));
		copy_str(c.side, sizeof c.side, sqlite3_column_text(st, 3));
		c.last = sqlite3_column_int(st, 4);
		c.last_asked = sqlite3_column_int64(st, 5);
		c.superseded = sqlite3_column_int(st, 6);
		if ((rc = chain_read(ci, &c)) != SQLITE_OK)
			break;
		if (!c.blocked && (c.superseded || c.last < SORE_RATING))
			continue;
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = c;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
out:
	hist_done(h, st);
	hist_done(h, ci);
	if (rc != SQLITE_OK) {
		free(v);
		*n = 0;
		return rc;
	}
	*out = v;
	return SQLITE_OK;
}

/* Is chain c on area a and side (a side matches no side)? */
static int
chain_at(const struct chain *c, const struct area *a, enum side side)
{
	const char *s = a->sided ? side_str(side) : "";

	return strcmp(a->id, c->area) == 0 && SIDE_MATCH(s, c->side);
}

/* Does dose d (NULL: any) work the area of chain c? */
static int
chain_in(const struct chain *c, const struct area_dose *d, size_t nd)
{
	size_t	i;

	if (d == NULL)
		return 1;
	for (i = 0; i < nd; i++) {
		if (d[i].area != NULL && d[i].work_ms > 0 &&
		    chain_at(c, d[i].area, d[i].side))
			return 1;
	}
	return 0;
}

/* Does a step of the plan (t NULL: any) touch the area of chain c? */
static int
chain_touched(const struct chain *c, const struct area_side *t, size_t nt)
{
	size_t	i;

	if (t == NULL)
		return 1;
	for (i = 0; i < nt; i++) {
		if (t[i].area != NULL && chain_at(c, t[i].area, t[i].side))
			return 1;
	}
	return 0;
}

/*
 * The areas the check-ins hold now (see history_int.h): a block holds
 * every step on its area, a soreness hold its work.
 */
int
hist_after_holds(struct history *h, int64_t now, const struct area_dose *d,
    size_t nd, const struct area_side *t, size_t nt, struct rlist *l)
{
	const struct area	*a;
	struct chain		*c;
	size_t			 i, n;
	int64_t			 next;
	int			 rc;

	if ((rc = chains_open(h, now, &c, &n)) != SQLITE_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((a = area_find(c[i].area)) == NULL)
			continue;
		if (c[i].blocked && chain_touched(&c[i], t, nt)) {
			/* "Until" is when the next check-in is asked. */
			next = c[i].last_asked + AFTER_GAP_S;
			if (next < c[i].ended_at + AFTER_UNTIL_S)
				next = c[i].ended_at + AFTER_UNTIL_S;
			hist_rlist_add(l, a, hist_side_parse(c[i].side), next > now ?
			    next : now, RULE_BLOCKED, c[i].last, SORE_RATING,
			    now);
		} else if (!c[i].blocked && c[i].followed &&
		    now <= c[i].ended_at + AFTER_BLOCK_S &&
		    chain_in(&c[i], d, nd))
			hist_rlist_add(l, a, hist_side_parse(c[i].side),
			    c[i].ended_at + AFTER_BLOCK_S + 1, RULE_SORE,
			    c[i].last, AFTER_BLOCK_S / 3600, now);
	}
	free(c);
	return SQLITE_OK;
}

/*
 * Is area and side asked about the day after in d? Then an older session's
 * check-in there waits: that answer will end it (or, skipped, it is asked
 * next time), so the area is asked once.
 */
static int
day_after_has(const struct after_due *d, const char *area, const char *side)
{
	size_t	i;

	for (i = 0; i < d->n; i++) {
		if (!d->v[i].followup && strcmp(d->v[i].area, area) == 0 &&
		    SIDE_MATCH(d->v[i].side, side))
			return 1;
	}
	return 0;
}

/* The follow-up check-ins due now, after the day-after areas in d. */
static int
followups_due(struct history *h, int64_t now, struct after_due *d)
{
	struct chain	*c;
	struct after_area *x;
	size_t		 i, n;
	int		 rc;

	if ((rc = chains_open(h, now, &c, &n)) != SQLITE_OK)
		return rc;
	for (i = 0; i < n && d->n < AFTER_MAX; i++) {
		if (!after_followup_due(c[i].ended_at, now, c[i].last_asked,
		    c[i].last, c[i].blocked) || (!c[i].blocked &&
		    day_after_has(d, c[i].area, c[i].side)))
			continue;
		x = &d->v[d->n++];
		memset(x, 0, sizeof *x);
		snprintf(x->area, sizeof x->area, "%s", c[i].area);
		snprintf(x->side, sizeof x->side, "%s", c[i].side);
		x->followup = 1;
		x->session_id = c[i].session_id;
		x->ended_at = c[i].ended_at;
		x->previous = c[i].last;
		x->blocked = c[i].blocked;
	}
	free(c);
	return SQLITE_OK;
}

/*
 * The day-after areas due now: each area and side worked (AREA_WORKED_AS,
 * the rest rules' work) by a session that ran, about the latest session
 * that worked it (a newer session that worked it on the same side, or on
 * no side, takes it over: one question an area), when that session is in
 * its window and was not asked about yet. Oldest session first.
 */
#define DAY_AFTER_SQL \
	"SELECT s.id, s.ended_at, s.routine_id, a.area, a.side, EXISTS " \
	"(SELECT 1 FROM aftercare_asked k WHERE k.session_id = s.id) FROM " \
	"sessions s JOIN session_areas a ON a.session_id = s.id WHERE " \
	"s.ended_at IS NOT NULL AND s.ended_at <= ?1 AND s.ended_at >= ?2 " \
	"AND s.outcome IN " RAN_OUTCOMES " AND " AREA_WORKED_AS("a") \
	" AND NOT EXISTS (SELECT 1 FROM sessions t JOIN session_areas b ON " \
	"b.session_id = t.id WHERE t.ended_at IS NOT NULL AND t.ended_at " \
	"<= ?1 AND (t.ended_at > s.ended_at OR (t.ended_at = s.ended_at AND " \
	"t.id > s.id)) AND t.outcome IN " RAN_OUTCOMES " AND b.area = " \
	"a.area AND (b.side = a.side OR b.side = '') AND " \
	AREA_WORKED_AS("b") ") ORDER BY s.ended_at, s.id, a.rowid"

/* The day-after areas due now into d (see DAY_AFTER_SQL). */
static int
day_after_due(struct history *h, int64_t now, struct after_due *d)
{
	sqlite3_stmt	*st = NULL;
	struct after_area *x;
	int		 rc;

	if ((rc = hist_prep(h, DAY_AFTER_SQL, &st)) != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, now - AFTER_UNTIL_S);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && d->n < AFTER_MAX) {
		if (!after_should_ask(sqlite3_column_int64(st, 1), now,
		    sqlite3_column_int(st, 5)))
			continue;
		x = &d->v[d->n++];
		x->session_id = sqlite3_column_int64(st, 0);
		x->ended_at = sqlite3_column_int64(st, 1);
		copy_str(x->area, sizeof x->area, sqlite3_column_text(st, 3));
		copy_str(x->side, sizeof x->side, sqlite3_column_text(st, 4));
		/* The header names the newest session asked about. */
		d->session_id = x->session_id;
		d->ended_at = x->ended_at;
		copy_str(d->routine_id, sizeof d->routine_id,
		    sqlite3_column_text(st, 2));
	}
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	return rc;
}

/* What to ask now: the day-after areas, then the check-ins (history.h). */
int
history_after_due(struct history *h, struct after_due *d, char **cause)
{
	int64_t		 now = clock_wall_s(h->clock);
	int		 rc;

	memset(d, 0, sizeof *d);
	if ((rc = sqlite3_exec(h->db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
		return hist_fail(h, rc, "reading the last session", cause);
	rc = day_after_due(h, now, d);
	if (rc == SQLITE_OK)
		rc = followups_due(h, now, d);
	sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		memset(d, 0, sizeof *d);
		return hist_fail(h, rc, "reading the last session", cause);
	}
	return 0;
}

/* Keep the check-in answers (follow-ups) of d, setting their blocks. */
static int
save_checkins(struct history *h, struct after_due *d, const int *ratings,
    int64_t now)
{
	sqlite3_stmt	*st = NULL;
	struct after_area *x;
	size_t		 i;
	int		 rc, r;

	rc = hist_prep(h, "INSERT OR REPLACE INTO aftercare_checkins "
	    "(session_id, area, side, rating, asked_at, blocks) VALUES (?, ?, "
	    "?, ?, ?, ?)", &st);
	for (i = 0; rc == SQLITE_OK && i < d->n; i++) {
		x = &d->v[i];
		if (!x->followup)
			continue;
		r = ratings != NULL ? ratings[i] : -1;
		x->blocks = r >= 0 && r <= 10 &&
		    after_blocks(x->ended_at, now, r, x->previous);
		sqlite3_bind_int64(st, 1, x->session_id);
		sqlite3_bind_text(st, 2, x->area, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, x->side, -1, SQLITE_STATIC);
		if (r >= 0 && r <= 10)
			sqlite3_bind_int(st, 4, r);
		else
			sqlite3_bind_null(st, 4);
		sqlite3_bind_int64(st, 5, now);
		sqlite3_bind_int(st, 6, x->blocks);
		if ((rc = sqlite3_step(st)) == SQLITE_DONE)
			rc = SQLITE_OK;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * Keep the day-after answers of d, each about its own session, and that
 * each session asked about was asked.
 */
static int
save_day_after(struct history *h, const struct after_due *d,
    const int *ratings, int64_t now)
{
	sqlite3_stmt	*st = NULL, *ra = NULL;
	size_t		 i;
	int		 rc;

	if (d->session_id == 0)
		return SQLITE_OK;
	rc = hist_prep(h, "INSERT OR IGNORE INTO aftercare_asked (session_id, "
	    "asked_at) VALUES (?, ?)", &st);
	if (rc == SQLITE_OK)
		rc = hist_prep(h, "INSERT OR REPLACE INTO aftercare_ratings "
		    "(session_id, area, side, rating, rated_at) VALUES (?, ?, "
		    "?, ?, ?)", &ra);
	for (i = 0; rc == SQLITE_OK && i < d->n; i++) {
		if (d->v[i].followup)
			continue;
		sqlite3_bind_int64(st, 1, d->v[i].session_id);
		sqlite3_bind_int64(st, 2, now);
		if ((rc = sqlite3_step(st)) == SQLITE_DONE)
			rc = SQLITE_OK;
		sqlite3_reset(st);
		if (rc != SQLITE_OK || ratings == NULL || ratings[i] < 0 ||
		    ratings[i] > 10)
			continue;
		sqlite3_bind_int64(ra, 1, d->v[i].session_id);
		sqlite3_bind_text(ra, 2, d->v[i].area, -1, SQLITE_STATIC);
		sqlite3_bind_text(ra, 3, d->v[i].side, -1, SQLITE_STATIC);
		sqlite3_bind_int(ra, 4, ratings[i]);
		sqlite3_bind_int64(ra, 5, now);
		if ((rc = sqlite3_step(ra)) == SQLITE_DONE)
			rc = SQLITE_OK;
		sqlite3_reset(ra);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(ra);
	return rc;
}

/*
 * Keep the answers (ratings[i] for d->v[i], -1 skipped) and that the
 * questions were asked, in one transaction (see history.h).
 */
int
history_after_save(struct history *h, struct after_due *d,
    const int *ratings, char **cause)
{
	int64_t	now = clock_wall_s(h->clock);
	int	rc;

	if (d->n == 0)
		return 0;
	if ((rc = sqlite3_exec(h->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) !=
	    SQLITE_OK)
		return hist_fail(h, rc, "saving the day-after rating", cause);
	if ((rc = save_day_after(h, d, ratings, now)) != SQLITE_OK ||
	    (rc = save_checkins(h, d, ratings, now)) != SQLITE_OK ||
	    (rc = sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL)) !=
	    SQLITE_OK) {
		hist_fail(h, rc, "saving the day-after rating", cause);
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}
