/*
 * Reading sessions back: the one reader of stored sessions (hist_read: the
 * row and every part, as the export carries them), and from it what
 * `knead history` and `knead report` read (history_sessions: each session
 * with its areas, pain ratings, rest-limit decisions and screen answers).
 */
#include "history.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "export.h"
#include "history_int.h"
#include "xmalloc.h"

/* The parts of a session besides its row (see read_parts). */
#define NREAD_PARTS	7

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

/* The outcome of a stored word (see history.h). */
enum hist_outcome
hist_outcome_of(const char *word)
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

/* A nullable integer column; def when NULL. */
static int64_t
col_opt(sqlite3_stmt *st, int col, int64_t def)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return def;
	return sqlite3_column_int64(st, col);
}

/* A text column that is never NULL in the export ("" for NULL). */
static char *
col_text(sqlite3_stmt *st, int col)
{
	char	*s = hist_col_str(st, col);

	return s != NULL ? s : xstrdup("");
}

/*
 * The steps, areas, limits, answers, day-after ratings and when the
 * day-after question was asked of session id into s.
 */
static int
read_parts(sqlite3_stmt *const q[NREAD_PARTS], int64_t id,
    struct export_session *s)
{
	sqlite3_stmt	*st;
	size_t		 k;
	int		 rc;

	st = q[0];
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct export_step	*t;

		s->steps = xreallocarray(s->steps, s->nsteps + 1,
		    sizeof *s->steps);
		t = &s->steps[s->nsteps++];
		t->idx = sqlite3_column_int64(st, 0);
		t->kind = col_text(st, 1);
		t->area = hist_col_str(st, 2);
		t->side = col_text(st, 3);
		t->is_work = sqlite3_column_int(st, 4);
		t->planned_ms = sqlite3_column_int64(st, 5);
		t->done_ms = sqlite3_column_int64(st, 6);
		t->pressure = (int)col_opt(st, 7, -1);
		t->pain = (int)col_opt(st, 8, -1);
		t->ended_at = sqlite3_column_int64(st, 9);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rc;

	st = q[1];
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->areas = xreallocarray(s->areas, s->nareas + 1,
		    sizeof *s->areas);
		k = s->nareas++;
		s->areas[k].area = col_text(st, 0);
		s->areas[k].side = col_text(st, 1);
		s->areas[k].planned_ms = sqlite3_column_int64(st, 2);
		s->areas[k].done_ms = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rc;

	st = q[2];
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->limits = xreallocarray(s->limits, s->nlimits + 1,
		    sizeof *s->limits);
		k = s->nlimits++;
		s->limits[k].action = col_text(st, 0);
		s->limits[k].area = hist_col_str(st, 1);
		s->limits[k].side = col_text(st, 2);
		s->limits[k].free_at = sqlite3_column_int64(st, 3);
		s->limits[k].clock_behind = sqlite3_column_int(st, 4);
		s->limits[k].rule = hist_col_str(st, 5);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rc;

	st = q[3];
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->answers = xreallocarray(s->answers, s->nanswers + 1,
		    sizeof *s->answers);
		k = s->nanswers++;
		s->answers[k].idx = sqlite3_column_int64(st, 0);
		s->answers[k].question = col_text(st, 1);
		s->answers[k].answer = col_text(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rc;

	st = q[4];
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->afters = xreallocarray(s->afters, s->nafters + 1,
		    sizeof *s->afters);
		k = s->nafters++;
		s->afters[k].area = col_text(st, 0);
		s->afters[k].side = col_text(st, 1);
		s->afters[k].rating = sqlite3_column_int64(st, 2);
		s->afters[k].rated_at = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rc;

	st = q[5];
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->after_asked_at = sqlite3_column_int64(st, 0);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rc;

	/* The follow-up check-ins (schema 7): a skip is -1. */
	st = q[6];
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->checkins = xreallocarray(s->checkins, s->ncheckins + 1,
		    sizeof *s->checkins);
		k = s->ncheckins++;
		s->checkins[k].area = col_text(st, 0);
		s->checkins[k].side = col_text(st, 1);
		s->checkins[k].rating = col_opt(st, 2, -1);
		s->checkins[k].asked_at = sqlite3_column_int64(st, 3);
		s->checkins[k].blocks = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* One session row (SELECT uid, id, SESSION_COLS) into s. */
static void
read_row(sqlite3_stmt *st, struct export_session *s)
{
	memset(s, 0, sizeof *s);
	s->uid = col_text(st, 0);
	s->routine_id = col_text(st, 2);
	s->title = hist_col_str(st, 3);
	s->file_hash = hist_col_str(st, 4);
	s->started_at = sqlite3_column_int64(st, 5);
	s->ended_at = sqlite3_column_int64(st, 6);
	s->outcome = col_text(st, 7);
	s->rest_s = sqlite3_column_int64(st, 8);
	s->per_week = sqlite3_column_int64(st, 9);
	s->strict = sqlite3_column_int(st, 10);
	s->planned_ms = sqlite3_column_int64(st, 11);
	s->override_reason = hist_col_str(st, 12);
	s->hw_present = sqlite3_column_int(st, 13);
	s->hw_per_week = col_opt(st, 14, -1);
	s->hw_from = hist_col_str(st, 15);
	s->hw_until = hist_col_str(st, 16);
	s->hw_by = hist_col_str(st, 17);
	s->hw_for = hist_col_str(st, 18);
	s->hw_note = hist_col_str(st, 19);
	s->halt_why = hist_col_str(st, 20);
}

/* The one reader of stored sessions (see history_int.h). */
int
hist_read(struct history *h, const struct hist_read *want,
    struct export_session **out, struct hist_rowinfo **info, size_t *n,
    char **cause)
{
	static const char *const parts[NREAD_PARTS] = {
		"SELECT idx, kind, area, side, is_work, planned_ms, done_ms, "
		"pressure, pain, ended_at FROM steps WHERE session_id = ? "
		"ORDER BY id",
		"SELECT area, side, planned_ms, done_ms FROM session_areas "
		"WHERE session_id = ? ORDER BY rowid",
		"SELECT action, area, side, free_at, clock_behind, rule FROM "
		"limit_events WHERE session_id = ? ORDER BY rowid",
		"SELECT idx, question, answer FROM screen_answers WHERE "
		"session_id = ? ORDER BY idx",
		"SELECT area, side, rating, rated_at FROM aftercare_ratings "
		"WHERE session_id = ? ORDER BY rowid",
		"SELECT asked_at FROM aftercare_asked WHERE session_id = ?",
		"SELECT area, side, rating, asked_at, blocks FROM "
		"aftercare_checkins WHERE session_id = ? ORDER BY asked_at, "
		"rowid",
	};
	struct export_session	*v = NULL;
	struct hist_rowinfo	*iv = NULL;
	sqlite3_stmt		*q[NREAD_PARTS] = { NULL }, *st = NULL;
	size_t			 nv = 0, cap = 0, k;
	int			 rc;

	*out = NULL;
	*info = NULL;
	*n = 0;
	for (k = 0; k < NREAD_PARTS; k++)
		if ((rc = hist_prep(h, parts[k], &q[k])) != SQLITE_OK)
			goto done;
	if ((rc = hist_prep(h, "SELECT uid, id, " SESSION_COLS ", s.outcome "
	    "IN " RAN_OUTCOMES ", " HALF_DONE_SQL " FROM sessions s WHERE "
	    "started_at >= ?1 AND (?2 IS NULL OR routine_id = ?2) AND (?3 = 0 "
	    "OR (ended_at IS NOT NULL AND uid IS NOT NULL)) ORDER BY "
	    "started_at, id", &st)) != SQLITE_OK)
		goto done;
	/* One read transaction: a consistent picture of the store. */
	if ((rc = sqlite3_exec(h->db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
		goto done;
	sqlite3_bind_int64(st, 1, want->since);
	if (want->routine != NULL)
		sqlite3_bind_text(st, 2, want->routine, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, want->ended != 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* Doubling: a row at a time copied 20,000 sessions 20,000
		   times over (76 s under ASan). */
		if (nv == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
			iv = xreallocarray(iv, cap, sizeof *iv);
		}
		read_row(st, &v[nv]);
		iv[nv].id = sqlite3_column_int64(st, 1);
		iv[nv].ran = sqlite3_column_int(st, 21);
		iv[nv].half_done = sqlite3_column_int(st, 22);
		nv++;
		if ((rc = read_parts(q, iv[nv - 1].id, &v[nv - 1])) !=
		    SQLITE_OK)
			break;
	}
	sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
done:
	sqlite3_finalize(st);
	for (k = 0; k < NREAD_PARTS; k++)
		sqlite3_finalize(q[k]);
	if (rc != SQLITE_OK) {
		export_free(v, nv);
		free(iv);
		return hist_fail(h, rc, want->what, cause);
	}
	*out = v;
	*info = iv;
	*n = nv;
	return 0;
}

/* *p, which the caller now owns (NULL left in its place). */
static char *
take(char **p)
{
	char	*s = *p;

	*p = NULL;
	return s;
}

/* The parts history_sessions gives besides the row, from record e. */
static void
to_parts(struct export_session *e, struct hist_session *s)
{
	struct export_step	*t;
	struct hist_area	*a;
	struct hist_pain	*p;
	size_t			 i, j;

	s->nsteps = e->nsteps;
	for (i = 0; i < e->nsteps; i++) {
		t = &e->steps[i];
		s->done_ms += (uint64_t)t->done_ms;
		if (t->pain < 0)
			continue;
		s->pains = xreallocarray(s->pains, s->npains + 1,
		    sizeof *s->pains);
		p = &s->pains[s->npains++];
		p->area = t->area != NULL ? xstrdup(t->area) : NULL;
		p->side = xstrdup(t->side);
		p->pain = t->pain;
		p->at = t->ended_at;
	}
	if (e->nsteps > 0) {
		t = &e->steps[e->nsteps - 1];
		s->last_kind = take(&t->kind);
		s->last_area = take(&t->area);
		s->last_side = take(&t->side);
		s->last_done_ms = (uint64_t)t->done_ms;
	}
	s->areas = xcalloc(e->nareas + 1, sizeof *s->areas);
	for (i = 0; i < e->nareas; i++) {
		a = &s->areas[s->nareas++];
		a->area = take(&e->areas[i].area);
		a->side = take(&e->areas[i].side);
		a->planned_ms = (uint64_t)e->areas[i].planned_ms;
		a->done_ms = (uint64_t)e->areas[i].done_ms;
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
	s->limits = xcalloc(e->nlimits + 1, sizeof *s->limits);
	for (i = 0; i < e->nlimits; i++, s->nlimits++) {
		s->limits[i].action = take(&e->limits[i].action);
		s->limits[i].area = take(&e->limits[i].area);
		s->limits[i].side = take(&e->limits[i].side);
		s->limits[i].free_at = e->limits[i].free_at;
		s->limits[i].clock_behind = e->limits[i].clock_behind;
		s->limits[i].rule = take(&e->limits[i].rule);
	}
	s->answers = xcalloc(e->nanswers + 1, sizeof *s->answers);
	for (i = 0; i < e->nanswers; i++, s->nanswers++) {
		s->answers[i].question = take(&e->answers[i].question);
		s->answers[i].answer = take(&e->answers[i].answer);
	}
	s->afters = xcalloc(e->nafters + 1, sizeof *s->afters);
	for (i = 0; i < e->nafters; i++, s->nafters++) {
		s->afters[i].area = take(&e->afters[i].area);
		s->afters[i].side = take(&e->afters[i].side);
		s->afters[i].rating = (int)e->afters[i].rating;
		s->afters[i].rated_at = e->afters[i].rated_at;
	}
	s->checkins = xcalloc(e->ncheckins + 1, sizeof *s->checkins);
	for (i = 0; i < e->ncheckins; i++, s->ncheckins++) {
		s->checkins[i].area = take(&e->checkins[i].area);
		s->checkins[i].side = take(&e->checkins[i].side);
		s->checkins[i].rating = e->checkins[i].rating < 0 ? -1 :
		    (int)e->checkins[i].rating;
		s->checkins[i].asked_at = e->checkins[i].asked_at;
		s->checkins[i].blocks = e->checkins[i].blocks;
	}
	s->pain_max = -1;
	for (i = 0; i < s->npains; i++)
		if (s->pains[i].pain > s->pain_max)
			s->pain_max = s->pains[i].pain;
}

/* Session record e, as read (info), as history_sessions gives it. */
static void
to_session(struct export_session *e, const struct hist_rowinfo *info,
    struct hist_session *s)
{
	int64_t	last = 0;
	size_t	i;

	memset(s, 0, sizeof *s);
	s->id = info->id;
	s->ran = info->ran;
	s->half_done = info->half_done;
	s->routine_id = take(&e->routine_id);
	s->title = take(&e->title);
	s->file_hash = take(&e->file_hash);
	s->started_at = e->started_at;
	s->ended_at = e->ended_at;
	s->outcome = hist_outcome_of(e->outcome);
	s->rest_s = e->rest_s;
	s->per_week = e->per_week;
	s->strict = e->strict;
	s->override_reason = take(&e->override_reason);
	s->planned_ms = (uint64_t)e->planned_ms;
	s->hw_present = e->hw_present;
	s->hw_per_week = e->hw_per_week < 0 ? 0 : e->hw_per_week;
	s->hw_from = take(&e->hw_from);
	s->hw_until = take(&e->hw_until);
	s->hw_by = take(&e->hw_by);
	s->hw_for = take(&e->hw_for);
	s->hw_note = take(&e->hw_note);
	s->halt_why = take(&e->halt_why);
	for (i = 0; i < e->nsteps; i++)
		if (e->steps[i].ended_at > last)
			last = e->steps[i].ended_at;
	s->end_unknown = history_end_unknown(e->outcome, e->started_at,
	    e->ended_at, last);
	to_parts(e, s);
}

/* Was the session's end never written (see history.h)? */
int
history_end_unknown(const char *outcome, int64_t started_at,
    int64_t ended_at, int64_t last_step_at)
{
	/* As the sweep closes it (hist_close_dead). */
	return outcome != NULL && strcmp(outcome, "interrupted") == 0 &&
	    ended_at == (last_step_at > 0 ? last_step_at : started_at);
}

/* Read the sessions since a time, with their details, in one snapshot. */
int
history_sessions(struct history *h, int64_t since, struct hist_session **out,
    size_t *n, char **cause)
{
	struct hist_read	 want;
	struct export_session	*v;
	struct hist_rowinfo	*info;
	size_t			 nv, i;

	*out = NULL;
	*n = 0;
	memset(&want, 0, sizeof want);
	want.since = since;
	want.what = "reading sessions";
	if (hist_read(h, &want, &v, &info, &nv, cause) != 0)
		return -1;
	*out = xcalloc(nv + 1, sizeof **out);
	for (i = 0; i < nv; i++)
		to_session(&v[i], &info[i], &(*out)[i]);
	*n = nv;
	export_free(v, nv);
	free(info);
	return 0;
}

/* Whether any session is stored as running (see history.h). */
int
history_any_running(struct history *h)
{
	int64_t	v = 1;

	if (hist_query_int(h, "SELECT EXISTS (SELECT 1 FROM sessions WHERE "
	    "outcome = 'running')", &v) != SQLITE_OK)
		return 1;
	return v != 0;
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
		free(v[i].halt_why);
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
		for (j = 0; j < v[i].ncheckins; j++) {
			free(v[i].checkins[j].area);
			free(v[i].checkins[j].side);
		}
		free(v[i].checkins);
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
