/*
 * One history across two machines: the store's side of the export and the
 * import (see history.h; the file format is export.c's). Sessions are
 * matched by the unique id each one gets when it is recorded (schema 5),
 * never by the local row number, so a session keeps its identity however
 * often it travels between stores.
 */
#include "history.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "export.h"
#include "history_int.h"
#include "i18n.h"
#include "plan.h"
#include "xmalloc.h"

/* The parts of a session besides its row: steps, areas, limits, answers, */
/* day-after ratings and whether the day-after question was asked. */
#define NPARTS	7

int
history_sync_read(struct history *h, int64_t since, const char *routine,
    struct export_session **out, size_t *n, char **cause)
{
	struct hist_read	 want;
	struct hist_rowinfo	*info = NULL;

	memset(&want, 0, sizeof want);
	want.since = since;
	want.routine = routine;
	want.ended = 1;		/* a running session is exported once ended */
	want.what = "reading sessions to export";
	if (hist_read(h, &want, out, &info, n, cause) != 0)
		return -1;
	free(info);
	return 0;
}

/* The statements of a merge. */
struct mstmts {
	sqlite3_stmt	*find;
	sqlite3_stmt	*insert;
	sqlite3_stmt	*update;
	sqlite3_stmt	*clear[NPARTS];
	sqlite3_stmt	*step;
	sqlite3_stmt	*area;
	sqlite3_stmt	*limit;
	sqlite3_stmt	*answer;
	sqlite3_stmt	*after;
	sqlite3_stmt	*asked;
	sqlite3_stmt	*checkin;
};

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* A nullable integer (negative: NULL). */
static void
bind_opt(sqlite3_stmt *st, int i, int64_t v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

/* Run st once and reset it; returns the SQLite code (OK when done). */
static int
run_once(sqlite3_stmt *st)
{
	int	rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Bind the session's columns 1..19 (SESSION_COLS) and the uid at 20. */
static void
bind_session(sqlite3_stmt *st, const struct export_session *s)
{
	bind_text(st, 1, s->routine_id);
	bind_text(st, 2, s->title);
	bind_text(st, 3, s->file_hash);
	sqlite3_bind_int64(st, 4, s->started_at);
	sqlite3_bind_int64(st, 5, s->ended_at);
	bind_text(st, 6, s->outcome);
	sqlite3_bind_int64(st, 7, s->rest_s);
	sqlite3_bind_int64(st, 8, s->per_week);
	sqlite3_bind_int(st, 9, s->strict != 0);
	sqlite3_bind_int64(st, 10, s->planned_ms);
	bind_text(st, 11, s->override_reason);
	sqlite3_bind_int(st, 12, s->hw_present != 0);
	if (s->hw_present)
		bind_opt(st, 13, s->hw_per_week);
	else
		sqlite3_bind_null(st, 13);
	bind_text(st, 14, s->hw_from);
	bind_text(st, 15, s->hw_until);
	bind_text(st, 16, s->hw_by);
	bind_text(st, 17, s->hw_for);
	bind_text(st, 18, s->hw_note);
	bind_text(st, 19, s->halt_why);
	bind_text(st, 20, s->uid);
}

/* Write the steps, areas, limits and answers of session id. */
static int
write_parts(struct mstmts *m, int64_t id, const struct export_session *s)
{
	const struct export_step	*t;
	size_t				 k;
	int				 rc = SQLITE_OK;

	for (k = 0; k < s->nsteps && rc == SQLITE_OK; k++) {
		t = &s->steps[k];
		sqlite3_bind_int64(m->step, 1, id);
		sqlite3_bind_int64(m->step, 2, t->idx);
		bind_text(m->step, 3, t->kind);
		bind_text(m->step, 4, t->area);
		bind_text(m->step, 5, t->side != NULL ? t->side : "");
		sqlite3_bind_int(m->step, 6, t->is_work != 0);
		sqlite3_bind_int64(m->step, 7, t->planned_ms);
		sqlite3_bind_int64(m->step, 8, t->done_ms);
		bind_opt(m->step, 9, t->pressure);
		bind_opt(m->step, 10, t->pain);
		sqlite3_bind_int64(m->step, 11, t->ended_at);
		rc = run_once(m->step);
	}
	for (k = 0; k < s->nareas && rc == SQLITE_OK; k++) {
		sqlite3_bind_int64(m->area, 1, id);
		bind_text(m->area, 2, s->areas[k].area);
		bind_text(m->area, 3, s->areas[k].side != NULL ?
		    s->areas[k].side : "");
		sqlite3_bind_int64(m->area, 4, s->areas[k].planned_ms);
		sqlite3_bind_int64(m->area, 5, s->areas[k].done_ms);
		rc = run_once(m->area);
	}
	for (k = 0; k < s->nlimits && rc == SQLITE_OK; k++) {
		sqlite3_bind_int64(m->limit, 1, id);
		bind_text(m->limit, 2, s->limits[k].action);
		bind_text(m->limit, 3, s->limits[k].area);
		bind_text(m->limit, 4, s->limits[k].side != NULL ?
		    s->limits[k].side : "");
		sqlite3_bind_int64(m->limit, 5, s->limits[k].free_at);
		sqlite3_bind_int(m->limit, 6, s->limits[k].clock_behind != 0);
		bind_text(m->limit, 7, s->limits[k].rule);
		rc = run_once(m->limit);
	}
	for (k = 0; k < s->nanswers && rc == SQLITE_OK; k++) {
		sqlite3_bind_int64(m->answer, 1, id);
		sqlite3_bind_int64(m->answer, 2, s->answers[k].idx);
		bind_text(m->answer, 3, s->answers[k].question);
		bind_text(m->answer, 4, s->answers[k].answer);
		rc = run_once(m->answer);
	}
	for (k = 0; k < s->nafters && rc == SQLITE_OK; k++) {
		sqlite3_bind_int64(m->after, 1, id);
		bind_text(m->after, 2, s->afters[k].area);
		bind_text(m->after, 3, s->afters[k].side != NULL ?
		    s->afters[k].side : "");
		sqlite3_bind_int64(m->after, 4, s->afters[k].rating);
		sqlite3_bind_int64(m->after, 5, s->afters[k].rated_at);
		rc = run_once(m->after);
	}
	/* Ratings given elsewhere mean the question was asked there. */
	if (rc == SQLITE_OK && (s->after_asked_at > 0 || s->nafters > 0)) {
		sqlite3_bind_int64(m->asked, 1, id);
		sqlite3_bind_int64(m->asked, 2, s->after_asked_at > 0 ?
		    s->after_asked_at : s->afters[0].rated_at);
		rc = run_once(m->asked);
	}
	for (k = 0; k < s->ncheckins && rc == SQLITE_OK; k++) {
		sqlite3_bind_int64(m->checkin, 1, id);
		bind_text(m->checkin, 2, s->checkins[k].area);
		bind_text(m->checkin, 3, s->checkins[k].side != NULL ?
		    s->checkins[k].side : "");
		bind_opt(m->checkin, 4, s->checkins[k].rating);
		sqlite3_bind_int64(m->checkin, 5, s->checkins[k].asked_at);
		sqlite3_bind_int(m->checkin, 6, s->checkins[k].blocks);
		rc = run_once(m->checkin);
	}
	return rc;
}

/*
 * What a copy of a session records for safety, as bits: a halt (!), work
 * stopped for pain (a rating of PAIN_STOP_RATING or more), a screening
 * "yes" (a red flag), a day-after rating of SORE_RATING or more, a
 * still-sore check-in that blocked, what made a halt (answered after
 * it). Each holds areas or tells the therapist something; a copy without
 * one of them is the milder.
 */
#define SAFE_HALTED	0x01
#define SAFE_PAIN	0x02
#define SAFE_FLAG	0x04
#define SAFE_SORE	0x08
#define SAFE_BLOCKED	0x10
#define SAFE_WHY	0x20

static unsigned
safety_bits(const char *outcome, int64_t top_pain, int64_t yes,
    int64_t top_after, int64_t blocks, int why)
{
	return ((outcome != NULL && hist_outcome_of(outcome) == HIST_HALTED ?
	    SAFE_HALTED : 0) | (top_pain >= PAIN_STOP_RATING ? SAFE_PAIN : 0) |
	    (yes > 0 ? SAFE_FLAG : 0) | (top_after >= SORE_RATING ? SAFE_SORE :
	    0) | (blocks > 0 ? SAFE_BLOCKED : 0) | (why ? SAFE_WHY : 0));
}

/* The same of an imported copy. */
static unsigned
export_safety(const struct export_session *s)
{
	int64_t	top_pain = -1, yes = 0, top_after = -1, blocks = 0;
	size_t	k;

	for (k = 0; k < s->nsteps; k++)
		if (s->steps[k].pain > top_pain)
			top_pain = s->steps[k].pain;
	yes = export_first_yes(s) < s->nanswers;
	for (k = 0; k < s->nafters; k++)
		if (s->afters[k].rating > top_after)
			top_after = s->afters[k].rating;
	for (k = 0; k < s->ncheckins; k++)
		blocks += s->checkins[k].blocks != 0;
	return (safety_bits(s->outcome, top_pain, yes, top_after, blocks,
	    s->halt_why != NULL));
}

/*
 * Which of two copies of one session is kept: the imported one when it
 * records every safety event the store's records and more, or as many and
 * ended later; else the store's. So an edited copy that ended later can
 * never turn a halt, a pain stop or a red flag into a milder outcome, and
 * a copy with a safety event the store's lacks is taken even if it ended
 * earlier: the safer copy wins. *milder: the later copy was not taken for
 * that reason.
 */
static int
take_import(unsigned ours, int64_t ours_end, unsigned theirs,
    int64_t their_end, int *milder)
{
	*milder = 0;
	if ((theirs & ours) != ours) {
		*milder = their_end > ours_end;
		return (0);
	}
	return (theirs != ours || their_end > ours_end);
}

/*
 * Merge one session: add it, replace the store's copy (take_import), or
 * leave the store's as it is. *what: 0 same, 1 added, 2 updated, 3 kept
 * the store's safer copy over a later milder one.
 */
static int
merge_one(struct history *h, struct mstmts *m, const struct export_session *s,
    int *what)
{
	int64_t	id = 0;
	size_t	k;
	int	rc, found, running = 0, milder = 0;
	int64_t	ended = 0;
	unsigned ours = 0;

	*what = 0;
	bind_text(m->find, 1, s->uid);
	rc = sqlite3_step(m->find);
	found = rc == SQLITE_ROW;
	if (found) {
		id = sqlite3_column_int64(m->find, 0);
		running = sqlite3_column_type(m->find, 1) == SQLITE_NULL;
		ended = sqlite3_column_int64(m->find, 1);
		ours = safety_bits((const char *)sqlite3_column_text(m->find,
		    2), sqlite3_column_type(m->find, 3) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(m->find, 3),
		    sqlite3_column_int64(m->find, 4),
		    sqlite3_column_type(m->find, 5) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(m->find, 5),
		    sqlite3_column_int64(m->find, 6),
		    sqlite3_column_type(m->find, 7) != SQLITE_NULL);
	}
	sqlite3_reset(m->find);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	if (found && (running || !take_import(ours, ended, export_safety(s),
	    s->ended_at, &milder))) {
		*what = milder ? 3 : 0;
		return SQLITE_OK;	/* ours is as new, or safer */
	}
	if (!found) {
		bind_session(m->insert, s);
		if ((rc = run_once(m->insert)) != SQLITE_OK)
			return rc;
		id = sqlite3_last_insert_rowid(h->db);
		*what = 1;
	} else {
		bind_session(m->update, s);
		if ((rc = run_once(m->update)) != SQLITE_OK)
			return rc;
		for (k = 0; k < NPARTS; k++) {
			sqlite3_bind_int64(m->clear[k], 1, id);
			if ((rc = run_once(m->clear[k])) != SQLITE_OK)
				return rc;
		}
		*what = 2;
	}
	return write_parts(m, id, s);
}

/* Prepare the merge's statements; returns the SQLite code. */
static int
merge_prepare(struct history *h, struct mstmts *m)
{
	static const char *const clear[NPARTS] = {
		"DELETE FROM steps WHERE session_id = ?",
		"DELETE FROM session_areas WHERE session_id = ?",
		"DELETE FROM limit_events WHERE session_id = ?",
		"DELETE FROM screen_answers WHERE session_id = ?",
		"DELETE FROM aftercare_ratings WHERE session_id = ?",
		"DELETE FROM aftercare_asked WHERE session_id = ?",
		"DELETE FROM aftercare_checkins WHERE session_id = ?",
	};
	size_t	k;
	int	rc;

	memset(m, 0, sizeof *m);
	/* The columns of safety_bits: what the store's copy records. */
	if ((rc = hist_prep(h, "SELECT s.id, s.ended_at, s.outcome, (SELECT "
	    "MAX(pain) FROM steps WHERE session_id = s.id), (SELECT count(*) "
	    "FROM screen_answers WHERE session_id = s.id AND answer = 'yes'), "
	    "(SELECT MAX(rating) FROM aftercare_ratings WHERE session_id = "
	    "s.id), (SELECT count(*) FROM aftercare_checkins WHERE session_id "
	    "= s.id AND blocks), s.halt_why FROM sessions s WHERE s.uid = ?",
	    &m->find)) !=
	    SQLITE_OK ||
	    (rc = hist_prep(h, "INSERT INTO sessions (" SESSION_COLS ", uid) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	    "?14, ?15, ?16, ?17, ?18, ?19, ?20)", &m->insert)) != SQLITE_OK ||
	    /* An older copy (no halt_why) keeps the answer the store has. */
	    (rc = hist_prep(h, "UPDATE sessions SET (" SESSION_COLS ") = "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
	    "?15, ?16, ?17, ?18, COALESCE(?19, halt_why)) WHERE uid = ?20",
	    &m->update)) != SQLITE_OK ||
	    (rc = hist_prep(h, "INSERT INTO steps (session_id, idx, kind, "
	    "area, side, is_work, planned_ms, done_ms, pressure, pain, "
	    "ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &m->step)) !=
	    SQLITE_OK ||
	    (rc = hist_prep(h, "INSERT INTO session_areas (session_id, area, "
	    "side, planned_ms, done_ms) VALUES (?, ?, ?, ?, ?)", &m->area)) !=
	    SQLITE_OK ||
	    (rc = hist_prep(h, "INSERT INTO limit_events (session_id, action, "
	    "area, side, free_at, clock_behind, rule) VALUES (?, ?, ?, ?, ?, "
	    "?, ?)", &m->limit)) != SQLITE_OK ||
	    (rc = hist_prep(h, "INSERT INTO screen_answers (session_id, idx, "
	    "question, answer) VALUES (?, ?, ?, ?)", &m->answer)) != SQLITE_OK ||
	    (rc = hist_prep(h, "INSERT INTO aftercare_ratings (session_id, "
	    "area, side, rating, rated_at) VALUES (?, ?, ?, ?, ?)",
	    &m->after)) != SQLITE_OK ||
	    (rc = hist_prep(h, "INSERT OR REPLACE INTO aftercare_asked "
	    "(session_id, asked_at) VALUES (?, ?)", &m->asked)) != SQLITE_OK ||
	    (rc = hist_prep(h, "INSERT OR REPLACE INTO aftercare_checkins "
	    "(session_id, area, side, rating, asked_at, blocks) VALUES (?, ?, "
	    "?, ?, ?, ?)", &m->checkin)) != SQLITE_OK)
		return rc;
	for (k = 0; k < NPARTS; k++)
		if ((rc = hist_prep(h, clear[k], &m->clear[k])) != SQLITE_OK)
			return rc;
	return SQLITE_OK;
}

static void
merge_finalize(struct mstmts *m)
{
	size_t	k;

	sqlite3_finalize(m->find);
	sqlite3_finalize(m->insert);
	sqlite3_finalize(m->update);
	for (k = 0; k < NPARTS; k++)
		sqlite3_finalize(m->clear[k]);
	sqlite3_finalize(m->step);
	sqlite3_finalize(m->area);
	sqlite3_finalize(m->limit);
	sqlite3_finalize(m->answer);
	sqlite3_finalize(m->after);
	sqlite3_finalize(m->asked);
	sqlite3_finalize(m->checkin);
}

int
history_sync_merge(struct history *h, const struct export_session *v,
    size_t n, struct sync_stats *stats, char **cause)
{
	struct mstmts	m;
	size_t		i;
	int		rc, what, ret;
	char		what_s[160];

	memset(stats, 0, sizeof *stats);
	if ((rc = merge_prepare(h, &m)) != SQLITE_OK) {
		merge_finalize(&m);
		return hist_fail(h, rc, "preparing the import", cause);
	}
	if ((rc = sqlite3_exec(h->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) !=
	    SQLITE_OK) {
		merge_finalize(&m);
		return hist_fail(h, rc, "importing", cause);
	}
	for (i = 0; i < n; i++) {
		if ((rc = merge_one(h, &m, &v[i], &what)) != SQLITE_OK)
			break;
		if (what == 1)
			stats->added++;
		else if (what == 2)
			stats->updated++;
		else if (what == 3)
			stats->kept_safer++;
		else
			stats->same++;
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
	merge_finalize(&m);
	if (rc != SQLITE_OK) {
		snprintf(what_s, sizeof what_s, "importing session %.64s "
		    "(nothing was imported)", i < n ? v[i].uid : "");
		ret = hist_fail(h, rc, what_s, cause);
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		memset(stats, 0, sizeof *stats);
		/* Twice the same area or answer in one session: a bad file. */
		if ((rc & 0xff) == SQLITE_CONSTRAINT && i < n) {
			free(*cause);
			xasprintf(cause, _("session %.64s holds the same area "
			    "and side, or screening answer, twice: not as "
			    "knead writes it; nothing was imported"), v[i].uid);
			stats->bad_data = 1;
		}
		return ret;
	}
	return 0;
}
