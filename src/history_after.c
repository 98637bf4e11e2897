/*
 * Aftercare in the store (issue 12): the day-after question. The next time
 * knead starts, 12 to 48 h after the last session that did work, it asks
 * once how each area worked then feels compared with before (0 as before
 * or better ... 10 much worse); the answers, or a skip, are kept in
 * aftercare_ratings and aftercare_asked (schema 6) so it is never asked
 * twice about one session.
 *
 * The window: DOMAIN.md section 2 gives no window for a soreness check-in;
 * it says soreness after deep work "starts hours later, peaks ~24 h,
 * usually gone by 48-72 h", so the question is asked from 12 h (the next
 * morning of an evening session) to 48 h (the day after next), around the
 * peak; later than that the answer says little about the session.
 */
#include "history.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "clock.h"
#include "history_int.h"
#include "xmalloc.h"

/* Should the question about a session that ended at ended_at be asked? */
int
after_should_ask(int64_t ended_at, int64_t now, int asked)
{
	if (asked || ended_at <= 0 || now < ended_at)
		return 0;
	return now - ended_at >= AFTER_FROM_S && now - ended_at <= AFTER_UNTIL_S;
}

/* Copy s (may be NULL) into a fixed buffer. */
static void
copy_str(char *dst, size_t len, const unsigned char *s)
{
	snprintf(dst, len, "%s", s != NULL ? (const char *)s : "");
}

/*
 * The last session that did work (ran, some pressure time on an area),
 * whether it was asked about, and its areas worked, into *d.
 */
int
history_after_due(struct history *h, struct after_due *d, char **cause)
{
	sqlite3_stmt	*st = NULL;
	int64_t		 now = clock_wall_s(h->clock);
	int		 rc, asked;

	memset(d, 0, sizeof *d);
	if ((rc = sqlite3_exec(h->db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
		return hist_fail(h, rc, "reading the last session", cause);
	rc = hist_prep(h, "SELECT s.id, s.ended_at, s.routine_id, EXISTS "
	    "(SELECT 1 FROM aftercare_asked k WHERE k.session_id = s.id) "
	    "FROM sessions s WHERE s.ended_at IS NOT NULL AND s.ended_at <= ?1 "
	    "AND s.outcome IN " RAN_OUTCOMES " AND EXISTS (SELECT 1 FROM "
	    "session_areas a WHERE a.session_id = s.id AND a.done_ms > 0) "
	    "ORDER BY s.ended_at DESC, s.id DESC LIMIT 1", &st);
	if (rc != SQLITE_OK)
		goto done;
	sqlite3_bind_int64(st, 1, now);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		goto done;
	}
	d->session_id = sqlite3_column_int64(st, 0);
	d->ended_at = sqlite3_column_int64(st, 1);
	copy_str(d->routine_id, sizeof d->routine_id,
	    sqlite3_column_text(st, 2));
	asked = sqlite3_column_int(st, 3);
	sqlite3_finalize(st);
	st = NULL;
	if (!after_should_ask(d->ended_at, now, asked)) {
		rc = SQLITE_OK;
		goto done;
	}
	rc = hist_prep(h, "SELECT area, side FROM session_areas WHERE "
	    "session_id = ? AND done_ms > 0 ORDER BY rowid", &st);
	if (rc != SQLITE_OK)
		goto done;
	sqlite3_bind_int64(st, 1, d->session_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && d->n < AFTER_MAX) {
		copy_str(d->v[d->n].area, sizeof d->v[d->n].area,
		    sqlite3_column_text(st, 0));
		copy_str(d->v[d->n].side, sizeof d->v[d->n].side,
		    sqlite3_column_text(st, 1));
		d->n++;
	}
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = SQLITE_OK;
done:
	sqlite3_finalize(st);
	sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		memset(d, 0, sizeof *d);
		return hist_fail(h, rc, "reading the last session", cause);
	}
	return 0;
}

/*
 * Keep the answers (ratings[i] for d->v[i], -1 skipped) and that the
 * question was asked, in one transaction (see history.h).
 */
int
history_after_save(struct history *h, const struct after_due *d,
    const int *ratings, char **cause)
{
	sqlite3_stmt	*st = NULL;
	int64_t		 now = clock_wall_s(h->clock);
	size_t		 i;
	int		 rc;

	if (d->session_id == 0)
		return 0;
	if ((rc = sqlite3_exec(h->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) !=
	    SQLITE_OK)
		return hist_fail(h, rc, "saving the day-after rating", cause);
	rc = hist_prep(h, "INSERT OR IGNORE INTO aftercare_asked (session_id, "
	    "asked_at) VALUES (?, ?)", &st);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, d->session_id);
	sqlite3_bind_int64(st, 2, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE)
		goto fail;
	rc = hist_prep(h, "INSERT OR REPLACE INTO aftercare_ratings "
	    "(session_id, area, side, rating, rated_at) VALUES (?, ?, ?, ?, ?)",
	    &st);
	if (rc != SQLITE_OK)
		goto fail;
	for (i = 0; ratings != NULL && i < d->n; i++) {
		if (ratings[i] < 0 || ratings[i] > 10)
			continue;
		sqlite3_bind_int64(st, 1, d->session_id);
		sqlite3_bind_text(st, 2, d->v[i].area, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, d->v[i].side, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, ratings[i]);
		sqlite3_bind_int64(st, 5, now);
		if ((rc = sqlite3_step(st)) != SQLITE_DONE)
			goto fail;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	st = NULL;
	if ((rc = sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL)) !=
	    SQLITE_OK)
		goto fail;
	return 0;
fail:
	sqlite3_finalize(st);
	hist_fail(h, rc, "saving the day-after rating", cause);
	sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}
