/*
 * Reading sessions back for `knead history` and `knead report`: each session
 * with its areas, pain ratings, rest-limit decisions and screen answers.
 */
#include "history.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "history_int.h"
#include "xmalloc.h"

/* The per-session statements, prepared once for the whole listing. */
struct qstmts {
	sqlite3_stmt	*steps;
	sqlite3_stmt	*pains;
	sqlite3_stmt	*areas;
	sqlite3_stmt	*limits;
	sqlite3_stmt	*answers;
	sqlite3_stmt	*afters;
	sqlite3_stmt	*last;
};

static const char *const outcome_names[] = {
	[HIST_RUNNING] = "running",
	[HIST_COMPLETED] = "completed",
	[HIST_STOPPED] = "stopped",
	[HIST_HALTED] = "halted",
	[HIST_INTERRUPTED] = "interrupted",
	[HIST_REFUSED] = "refused",
	[HIST_SCREENED_OUT] = "screened-out",
	[HIST_OUTCOME_UNKNOWN] = "unknown"
};

const char *
hist_outcome_name(enum hist_outcome o)
{
	if ((unsigned)o > HIST_OUTCOME_UNKNOWN)
		o = HIST_OUTCOME_UNKNOWN;
	return outcome_names[o];
}

/* The outcome of a stored word. */
static enum hist_outcome
outcome_of(const char *word)
{
	size_t	i;

	for (i = 0; word != NULL && i < HIST_OUTCOME_UNKNOWN; i++) {
		if (strcmp(word, outcome_names[i]) == 0)
			return (enum hist_outcome)i;
	}
	return HIST_OUTCOME_UNKNOWN;
}

/* Compare nullable strings for equality. */
static int
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Fill the details of one session; returns the SQLite code. */
static int
fill_session(struct qstmts *q, struct hist_session *s)
{
	struct hist_area	*a;
	struct hist_pain	*p;
	sqlite3_stmt		*st;
	size_t			 i, j;
	int			 rc;

	st = q->steps;
	sqlite3_bind_int64(st, 1, s->id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->nsteps = (size_t)sqlite3_column_int64(st, 0);
		s->done_ms = (uint64_t)sqlite3_column_int64(st, 1);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rc;

	st = q->pains;
	sqlite3_bind_int64(st, 1, s->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->pains = xreallocarray(s->pains, s->npains + 1,
		    sizeof *s->pains);
		p = &s->pains[s->npains++];
		p->area = hist_col_str(st, 0);
		p->side = hist_col_str(st, 1);
		p->pain = sqlite3_column_int(st, 2);
		p->at = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rc;

	st = q->areas;
	sqlite3_bind_int64(st, 1, s->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->areas = xreallocarray(s->areas, s->nareas + 1,
		    sizeof *s->areas);
		a = &s->areas[s->nareas++];
		a->area = hist_col_str(st, 0);
		a->side = hist_col_str(st, 1);
		a->planned_ms = (uint64_t)sqlite3_column_int64(st, 2);
		a->done_ms = (uint64_t)sqlite3_column_int64(st, 3);
		a->pain_first = a->pain_last = -1;
		for (j = 0; j < s->npains; j++) {
			if (!same(s->pains[j].area, a->area) ||
			    !same(s->pains[j].side, a->side))
				continue;
			if (a->pain_first == -1)
				a->pain_first = s->pains[j].pain;
			a->pain_last = s->pains[j].pain;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rc;

	st = q->limits;
	sqlite3_bind_int64(st, 1, s->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->limits = xreallocarray(s->limits, s->nlimits + 1,
		    sizeof *s->limits);
		i = s->nlimits++;
		s->limits[i].action = hist_col_str(st, 0);
		s->limits[i].area = hist_col_str(st, 1);
		s->limits[i].side = hist_col_str(st, 2);
		s->limits[i].free_at = sqlite3_column_int64(st, 3);
		s->limits[i].clock_behind = sqlite3_column_int(st, 4);
		s->limits[i].rule = hist_col_str(st, 5);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rc;

	st = q->answers;
	sqlite3_bind_int64(st, 1, s->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->answers = xreallocarray(s->answers, s->nanswers + 1,
		    sizeof *s->answers);
		i = s->nanswers++;
		s->answers[i].question = hist_col_str(st, 0);
		s->answers[i].answer = hist_col_str(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rc;

	st = q->afters;
	sqlite3_bind_int64(st, 1, s->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->afters = xreallocarray(s->afters, s->nafters + 1,
		    sizeof *s->afters);
		i = s->nafters++;
		s->afters[i].area = hist_col_str(st, 0);
		s->afters[i].side = hist_col_str(st, 1);
		s->afters[i].rating = sqlite3_column_int(st, 2);
		s->afters[i].rated_at = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rc;

	st = q->last;
	sqlite3_bind_int64(st, 1, s->id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->last_kind = hist_col_str(st, 0);
		s->last_area = hist_col_str(st, 1);
		s->last_side = hist_col_str(st, 2);
		s->last_done_ms = (uint64_t)sqlite3_column_int64(st, 3);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rc;

	s->pain_before = s->npains > 0 ? s->pains[0].pain : -1;
	s->pain_after = s->npains > 0 ? s->pains[s->npains - 1].pain : -1;
	return SQLITE_OK;
}

/* Read the sessions since a time, with their details, in one snapshot. */
int
history_sessions(struct history *h, int64_t since, struct hist_session **out,
    size_t *n, char **cause)
{
	struct qstmts		 q;
	struct hist_session	*v = NULL, *s;
	sqlite3_stmt		*st = NULL;
	size_t			 nv = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	memset(&q, 0, sizeof q);
	if ((rc = hist_prep(h, "SELECT count(*), COALESCE(SUM(done_ms), 0) "
	    "FROM steps WHERE session_id = ?", &q.steps)) != SQLITE_OK ||
	    (rc = hist_prep(h, "SELECT area, side, pain, ended_at FROM steps "
	    "WHERE session_id = ? AND pain IS NOT NULL ORDER BY id",
	    &q.pains)) != SQLITE_OK ||
	    (rc = hist_prep(h, "SELECT area, side, planned_ms, done_ms FROM "
	    "session_areas WHERE session_id = ? ORDER BY rowid", &q.areas)) !=
	    SQLITE_OK ||
	    (rc = hist_prep(h, "SELECT action, area, side, free_at, "
	    "clock_behind, rule FROM limit_events WHERE session_id = ? ORDER "
	    "BY rowid", &q.limits)) != SQLITE_OK ||
	    (rc = hist_prep(h, "SELECT question, answer FROM screen_answers "
	    "WHERE session_id = ? ORDER BY idx", &q.answers)) != SQLITE_OK ||
	    (rc = hist_prep(h, "SELECT area, side, rating, rated_at FROM "
	    "aftercare_ratings WHERE session_id = ? ORDER BY rowid",
	    &q.afters)) != SQLITE_OK ||
	    (rc = hist_prep(h, "SELECT kind, area, side, done_ms FROM steps "
	    "WHERE session_id = ? ORDER BY id DESC LIMIT 1", &q.last)) !=
	    SQLITE_OK ||
	    (rc = hist_prep(h, "SELECT id, routine_id, title, file_hash, "
	    "started_at, ended_at, outcome, rest_s, per_week, strict, "
	    "override_reason, planned_ms, hw_present, hw_per_week, hw_from, "
	    "hw_until, hw_by, hw_for, hw_note, "
	    "s.outcome IN " RAN_OUTCOMES ", " HALF_DONE_SQL
	    " FROM sessions s WHERE "
	    "started_at >= ? ORDER BY started_at, id", &st)) != SQLITE_OK)
		goto done;

	/* One read transaction: a consistent picture of the store. */
	if ((rc = sqlite3_exec(h->db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
		goto done;
	sqlite3_bind_int64(st, 1, since);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, nv + 1, sizeof *v);
		s = &v[nv++];
		memset(s, 0, sizeof *s);
		s->id = sqlite3_column_int64(st, 0);
		s->routine_id = hist_col_str(st, 1);
		s->title = hist_col_str(st, 2);
		s->file_hash = hist_col_str(st, 3);
		s->started_at = sqlite3_column_int64(st, 4);
		s->ended_at = sqlite3_column_int64(st, 5);
		s->outcome = outcome_of((const char *)
		    sqlite3_column_text(st, 6));
		s->rest_s = sqlite3_column_int64(st, 7);
		s->per_week = sqlite3_column_int64(st, 8);
		s->strict = sqlite3_column_int(st, 9);
		s->override_reason = hist_col_str(st, 10);
		s->planned_ms = (uint64_t)sqlite3_column_int64(st, 11);
		s->hw_present = sqlite3_column_int(st, 12);
		s->hw_per_week = sqlite3_column_int64(st, 13);
		s->hw_from = hist_col_str(st, 14);
		s->hw_until = hist_col_str(st, 15);
		s->hw_by = hist_col_str(st, 16);
		s->hw_for = hist_col_str(st, 17);
		s->hw_note = hist_col_str(st, 18);
		s->ran = sqlite3_column_int(st, 19);
		s->half_done = sqlite3_column_int(st, 20);
		if ((rc = fill_session(&q, s)) != SQLITE_OK)
			break;
	}
	sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;

done:
	sqlite3_finalize(st);
	sqlite3_finalize(q.steps);
	sqlite3_finalize(q.pains);
	sqlite3_finalize(q.areas);
	sqlite3_finalize(q.limits);
	sqlite3_finalize(q.answers);
	sqlite3_finalize(q.afters);
	sqlite3_finalize(q.last);
	if (rc != SQLITE_OK) {
		history_sessions_free(v, nv);
		return hist_fail(h, rc, "reading sessions", cause);
	}
	*out = v;
	*n = nv;
	return 0;
}

/* Free what history_sessions returned. */
void
history_sessions_free(struct hist_session *v, size_t n)
{
	size_t	i, j;

	for (i = 0; i < n; i++) {
		free(v[i].routine_id);
		free(v[i].title);
		free(v[i].file_hash);
		free(v[i].override_reason);
		for (j = 0; j < v[i].nareas; j++) {
			free(v[i].areas[j].area);
			free(v[i].areas[j].side);
		}
		free(v[i].areas);
		for (j = 0; j < v[i].nlimits; j++) {
			free(v[i].limits[j].action);
			free(v[i].limits[j].area);
			free(v[i].limits[j].side);
			free(v[i].limits[j].rule);
		}
		free(v[i].limits);
		for (j = 0; j < v[i].npains; j++) {
			free(v[i].pains[j].area);
			free(v[i].pains[j].side);
		}
		free(v[i].pains);
		for (j = 0; j < v[i].nanswers; j++) {
			free(v[i].answers[j].question);
			free(v[i].answers[j].answer);
		}
		free(v[i].answers);
		for (j = 0; j < v[i].nafters; j++) {
			free(v[i].afters[j].area);
			free(v[i].afters[j].side);
		}
		free(v[i].afters);
		free(v[i].hw_from);
		free(v[i].hw_until);
		free(v[i].hw_by);
		free(v[i].hw_for);
		free(v[i].hw_note);
		free(v[i].last_kind);
		free(v[i].last_area);
		free(v[i].last_side);
	}
	free(v);
}
