/*
 * Step recording (history.h): each step committed as it ends (crash
 * safety), its pain rating when it comes, the session's end.
 */
#include "history.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "areas.h"
#include "clock.h"
#include "halt_why.h"
#include "history_int.h"
#include "plan.h"
#include "xmalloc.h"

/*
 * An until-release step released before its max was done as planned: its
 * planned time on the area becomes the time held, so that the half-done
 * rule counts it (a 20 s hold released at once is a whole dose, and the
 * area must rest). Runs inside the step's transaction.
 */
static int
released_early(struct history *h, int64_t session_id, const char *area,
    const char *side, uint64_t short_ms)
{
	sqlite3_stmt	*st;
	int		 rc;

	rc = hist_prep(h, "UPDATE session_areas SET planned_ms = MAX(0, "
	    "planned_ms - ?4) WHERE session_id = ?1 AND area = ?2 AND "
	    "side = ?3", &st);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_text(st, 2, area, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, side, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)short_ms);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc;
}

/*
 * Work done deeper than planned (+ took a hold to a minute, + or b took an
 * area and side past 2 min): the session rests as deep work, DEEP_REST_S
 * at least (DOMAIN: min_gap_deep_h = 24), as a plan of deep work does
 * (history_rest_s). A step with no side counts with each side. Runs
 * inside the step's transaction.
 */
static int
deep_done(struct history *h, int64_t session_id, const struct pstep *s,
    const char *area, const char *side, uint64_t done_ms)
{
	sqlite3_stmt	*st;
	int		 rc;

	rc = hist_prep(h, "UPDATE sessions SET rest_s = ?2 WHERE id = ?1 AND "
	    "rest_s < ?2 AND (?3 OR (SELECT SUM(done_ms) FROM session_areas "
	    "WHERE session_id = ?1 AND area = ?4 AND (side = ?5 OR side = '' "
	    "OR ?5 = '')) > ?6)", &st);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_int64(st, 2, DEEP_REST_S);
	sqlite3_bind_int(st, 3, s->kind == PLAN_PRESS &&
	    done_ms >= DEEP_HOLD_MS);
	sqlite3_bind_text(st, 4, area, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, side, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, DEEP_AREA_MS);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc;
}

/*
 * A write failed (rc): its reason into h->err, then roll back. Returns rc;
 * *sys_errno is the system's error under it, read before the rollback.
 */
static int
write_failed(struct history *h, int rc, const char *what, int *sys_errno)
{
	char	*cause = NULL;

	*sys_errno = sqlite3_system_errno(h->db);
	hist_fail(h, rc, what, &cause);
	snprintf(h->err, sizeof h->err, "%s", cause);
	free(cause);
	hist_rollback(h);
	return rc;
}

/* One try at committing a step; the SQLite code. */
static int
step_write(struct history *h, int64_t session_id, size_t index,
    const struct pstep *s, uint64_t done_ms, int pain, int finished,
    int *sys_errno)
{
	sqlite3_stmt	*st = NULL;
	int		 rc;
	const char	*area = s->area != NULL ? s->area->id : NULL;
	const char	*side = side_str(s->side);

	h->err[0] = '\0';
	if ((rc = hist_exec(h, "BEGIN IMMEDIATE")) != SQLITE_OK ||
	    (rc = hist_session_reclaim(h, session_id)) != SQLITE_OK)
		goto fail;
	rc = hist_prep(h, "INSERT INTO steps (session_id, idx, kind, area, "
	    "side, is_work, planned_ms, done_ms, pressure, pain, ended_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &st);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)index);
	sqlite3_bind_text(st, 3, plan_kind_name(s->kind), -1, SQLITE_STATIC);
	if (area != NULL)
		sqlite3_bind_text(st, 4, area, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, side, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, s->is_work && area != NULL);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)s->duration_ms);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)done_ms);
	if (s->pressure >= 0)
		sqlite3_bind_int(st, 9, s->pressure);
	if (pain >= 0)
		sqlite3_bind_int(st, 10, pain);
	sqlite3_bind_int64(st, 11, clock_wall_s(h->clock));
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE)
		goto fail;

	if (s->is_work && area != NULL) {
		rc = hist_prep(h, "INSERT INTO session_areas (session_id, "
		    "area, side, planned_ms, done_ms) VALUES (?1, ?2, ?3, 0, "
		    "?4) "
		    "ON CONFLICT (session_id, area, side) DO UPDATE SET "
		    "done_ms = done_ms + ?4", &st);
		if (rc != SQLITE_OK)
			goto fail;
		sqlite3_bind_int64(st, 1, session_id);
		sqlite3_bind_text(st, 2, area, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, side, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)done_ms);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		st = NULL;
		if (rc != SQLITE_DONE)
			goto fail;
		if (finished && s->until_release && done_ms < s->duration_ms &&
		    (rc = released_early(h, session_id, area, side,
		    s->duration_ms - done_ms)) != SQLITE_DONE)
			goto fail;
		if ((rc = deep_done(h, session_id, s, area, side, done_ms)) !=
		    SQLITE_DONE)
			goto fail;
	}
	if ((rc = hist_exec(h, "COMMIT")) != SQLITE_OK)
		goto fail;
	return SQLITE_OK;

fail:
	sqlite3_finalize(st);
	return write_failed(h, rc, "recording a step", sys_errno);
}

/*
 * Commit one step that ended, finished or cut short (see history.h). A
 * full disk spends the reserve and tries again at once.
 */
int
history_step_ended(struct history *h, int64_t session_id, size_t index,
    const struct pstep *s, uint64_t done_ms, int pain, int finished)
{
	int	rc, err;

	do
		rc = step_write(h, session_id, index, s, done_ms, pain,
		    finished, &err);
	while (rc != SQLITE_OK && hist_reserve_spend(h, rc, err));
	return rc == SQLITE_OK ? 0 : -1;
}

/* One try at rating a committed step; the SQLite code. */
static int
pain_write(struct history *h, int64_t session_id, size_t index, int pain,
    int *sys_errno)
{
	sqlite3_stmt	*st;
	int		 rc;

	h->err[0] = '\0';
	*sys_errno = 0;
	rc = hist_prep(h, "UPDATE steps SET pain = ?1 WHERE id = (SELECT "
	    "MAX(id) FROM steps WHERE session_id = ?2 AND idx = ?3)", &st);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int(st, 1, pain);
		sqlite3_bind_int64(st, 2, session_id);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)index);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (rc == SQLITE_DONE && sqlite3_changes(h->db) == 1)
		return SQLITE_OK;
	if (rc == SQLITE_DONE) {
		snprintf(h->err, sizeof h->err, "no step %zu recorded for the "
		    "pain rating", index + 1);
		return SQLITE_NOTFOUND;
	}
	return write_failed(h, rc, "recording a pain rating", sys_errno);
}

/* Add the pain rating to the step already committed (see history.h). */
int
history_step_pain(struct history *h, int64_t session_id, size_t index,
    int pain)
{
	int	rc, err;

	do
		rc = pain_write(h, session_id, index, pain, &err);
	while (rc != SQLITE_OK && hist_reserve_spend(h, rc, err));
	return rc == SQLITE_OK ? 0 : -1;
}

/* One try at writing the end; the SQLite code. */
static int
end_write(struct history *h, int64_t session_id, enum hist_outcome outcome,
    int *sys_errno)
{
	sqlite3_stmt	*st;
	int		 rc;

	h->err[0] = '\0';
	/*
	 * A sweep that took this live session for dead does not count.
	 * The sweep ends a dead session at its last step's second, and
	 * that is how an unwritten end is told apart (history_end_unknown):
	 * an interrupted end written here (SIGTERM, SIGHUP in a step, whose
	 * part is saved the same second) is put one second past it.
	 */
	rc = hist_prep(h, "UPDATE sessions SET outcome = ?1, ended_at = "
	    "CASE WHEN ?1 = 'interrupted' THEN MAX(?2, COALESCE((SELECT "
	    "MAX(t.ended_at) FROM steps t WHERE t.session_id = ?3), "
	    "started_at) + 1) ELSE ?2 END WHERE id = ?3 AND (outcome = "
	    "'running' OR (outcome = 'interrupted' AND ?4))", &st);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, hist_outcome_name(outcome), -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, clock_wall_s(h->clock));
		sqlite3_bind_int64(st, 3, session_id);
		sqlite3_bind_int(st, 4, hist_session_held(h, session_id));
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (rc == SQLITE_DONE)
		return SQLITE_OK;
	return write_failed(h, rc, "ending the session", sys_errno);
}

/*
 * Close a running session with its outcome and release its lock. A full
 * disk spends the reserve and tries again at once.
 */
int
history_end(struct history *h, int64_t session_id, enum hist_outcome outcome)
{
	int	rc, err;

	h->err[0] = '\0';
	if (outcome != HIST_COMPLETED && outcome != HIST_STOPPED &&
	    outcome != HIST_HALTED && outcome != HIST_INTERRUPTED &&
	    outcome != HIST_SCREENED_OUT) {
		snprintf(h->err, sizeof h->err, "a session does not end as "
		    "'%s'", hist_outcome_name(outcome));
		return -1;
	}
	do
		rc = end_write(h, session_id, outcome, &err);
	while (rc != SQLITE_OK && hist_reserve_spend(h, rc, err));
	/* Held until the end is written: a retry must find it live. */
	if (rc != SQLITE_OK)
		return -1;
	hist_session_release(h, session_id);
	return 0;
}

/*
 * What made the user halt, once asked after the halt: only on a session
 * ended halted; why NULL (not answered) writes nothing.
 */
int
history_halt_why(struct history *h, int64_t session_id, const char *why)
{
	sqlite3_stmt	*st;
	int		 rc, err;

	h->err[0] = '\0';
	if (why == NULL)
		return 0;
	if (!halt_why_known(why)) {
		snprintf(h->err, sizeof h->err, "'%s' is not a reason for a "
		    "halt", why);
		return -1;
	}
	do {
		rc = hist_prep(h, "UPDATE sessions SET halt_why = ?1 WHERE "
		    "id = ?2 AND outcome = 'halted'", &st);
		if (rc == SQLITE_OK) {
			sqlite3_bind_text(st, 1, why, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, session_id);
			rc = sqlite3_step(st);
			sqlite3_finalize(st);
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
		}
		if (rc != SQLITE_OK)
			rc = write_failed(h, rc, "keeping why the session was "
			    "halted", &err);
	} while (rc != SQLITE_OK && hist_reserve_spend(h, rc, err));
	return rc == SQLITE_OK ? 0 : -1;
}
