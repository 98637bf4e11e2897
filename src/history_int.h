/*
 * Private to src/history*.c: the store handle and the small SQLite helpers
 * they share. Nothing outside history*.c includes this file.
 */
#ifndef KNEAD_HISTORY_INT_H
#define KNEAD_HISTORY_INT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "compat.h"
#include "history.h"

struct clock;

/* Outcomes that mean the session ran (a refused attempt did not). */
#define RAN_OUTCOMES \
	"('completed', 'stopped', 'halted', 'interrupted')"

/*
 * Before schema 6, a session of table alias s that a "yes" to a screening
 * question stopped before it began: stored "stopped" with no step recorded
 * (the migration to 6 gives it its own word, "screened-out").
 */
#define SCREENED_OUT_V5_SQL \
	"(s.outcome = 'stopped' AND NOT EXISTS (SELECT 1 FROM steps WHERE " \
	"session_id = s.id) AND EXISTS (SELECT 1 FROM screen_answers WHERE " \
	"session_id = s.id AND answer = 'yes'))"

/*
 * Did session s work area row x (session_areas, x a quoted alias): at least
 * half of its planned pressure time there was done. The same rule in C:
 * history_area_worked (history.h). AREA_WORKED_SQL: for the row named a.
 */
#define AREA_WORKED_AS(x) \
	x ".planned_ms > 0 AND 2 * " x ".done_ms >= " x ".planned_ms"
#define AREA_WORKED_SQL	AREA_WORKED_AS("a")

/*
 * Did session s leave out every area it works (--skip-resting with all of
 * them resting): no area planned, an area skipped? What it ran (stretches,
 * positions) is then no prescribed work. report_no_work says the same of
 * a session read back (report.h).
 */
#define NO_WORK_SQL \
	"(NOT EXISTS (SELECT 1 FROM session_areas WHERE session_id = s.id " \
	"AND planned_ms > 0) AND EXISTS (SELECT 1 FROM limit_events WHERE " \
	"session_id = s.id AND action = 'skipped'))"

/*
 * Did session s do at least half of its planned work: the pressure time on
 * its areas, or for a routine that works no area (stretches, breathing) the
 * time of its whole plan; never a session of no prescribed work
 * (NO_WORK_SQL)? The rule of the per-week cap, of homework and of the
 * report's adherence.
 */
#define HALF_DONE_SQL \
	"(NOT " NO_WORK_SQL " AND " \
	"(CASE WHEN EXISTS (SELECT 1 FROM session_areas WHERE session_id = " \
	"s.id) THEN (SELECT 2 * SUM(done_ms) >= SUM(planned_ms) FROM " \
	"session_areas WHERE session_id = s.id) ELSE (SELECT 2 * " \
	"COALESCE(SUM(done_ms), 0) FROM steps WHERE session_id = s.id) >= " \
	"s.planned_ms END))"

#define HIST_KEPT_MAX	16

/* DOMAIN's deep work, as the store judges it (planned or done). */
#define DEEP_PRESSURE	6		/* pressure >= 6 */
#define DEEP_HOLD_MS	60000		/* ...or any hold >= 60 s */
#define DEEP_AREA_MS	120000		/* ...or > 2 min on one point */

struct history {
	sqlite3		*db;
	const struct clock *clock;
	char		*path;
	int		 live_fd;	/* PATH-live: a lock per live session */
	int		 live_fresh;	/* PATH-live made at open: no lock */
					/* held before it can be trusted */
	int64_t		*held;		/* sessions this handle runs */
	size_t		 nheld;
	int		 ninterrupted;	/* closed at open */
	int		 reserve_spent;	/* PATH-reserve deleted for room */
	char		 err[512];	/* last step/end error */
	int		 reads;		/* history_read_begin depth */
	struct hist_kept {		/* hist_prep_kept's statements */
		const char	*sql;	/* by address: a literal */
		sqlite3_stmt	*st;
		int		 busy;	/* handed out, not yet done */
	}		 kept[HIST_KEPT_MAX];
	size_t		 nkept;
};

/* A growing list of resting areas (history_begin's findings). */
struct rlist {
	struct resting	*v;
	size_t		 n;
};

struct area_dose;
struct plan;
struct routine;

/*
 * history_limits.c: the monthly rules (limits.per-month, the deep-work cap
 * per area and side) and the halt protection, added to l for the plan's
 * areas d. Returns the SQLite code.
 */
int	hist_check_limits(struct history *, const struct routine *,
	    const struct plan *, const struct area_dose *, size_t nd,
	    int64_t now, struct rlist *l);
/*
 * history_limits.c: every area and side the halt protection or the
 * deep-work cap holds now, added to l (status, the home screen).
 */
int	hist_held_areas(struct history *, int64_t now, struct rlist *l);
/*
 * history_after.c: the areas the follow-up check-ins hold now, added to l
 * (RULE_BLOCKED, or RULE_SORE while an answer of SORE_RATING or more came
 * before AFTER_BLOCK_S): a block on every area a step of the plan touches
 * (t), a soreness hold on those it works (d); all when d and t are NULL.
 */
int	hist_after_holds(struct history *, int64_t now,
	    const struct area_dose *d, size_t nd, const struct area_side *t,
	    size_t nt, struct rlist *l);
/* history_limits.c: add (or raise) an entry of l, taking its rule. */
void	hist_rlist_add(struct rlist *l, const struct area *a, enum side side,
	    int64_t free_at, int rule, int count, int limit, int64_t now);
/* Does l hold an area halted for pain (RULE_HALTED)? */
int	hist_any_halted(const struct rlist *);

/* The side as stored: "left", "right" or "". */
const char *side_str(enum side);

/* Map a SQLite failure to a message in *cause; returns -1. */
int	hist_fail(struct history *, int rc, const char *what, char **cause);
/* Prepare sql; returns the SQLite code. */
int	hist_prep(struct history *, const char *sql, sqlite3_stmt **);
/*
 * The same for a query asked again and again (the rest checks, once per
 * routine on the home screen and in knead list): sql, a string literal,
 * is prepared once per handle and kept; hist_done hands it back (reset,
 * its bindings cleared). hist_done finalizes any other statement.
 */
int	hist_prep_kept(struct history *, const char *sql, sqlite3_stmt **);
void	hist_done(struct history *, sqlite3_stmt *);
/* A column as a newly allocated string, or NULL when NULL. */
char	*hist_col_str(sqlite3_stmt *, int);

/*
 * history.c: the store's small helpers. hist_set_cause formats *cause
 * (when cause is not NULL); hist_exec runs SQL, hist_query_int reads one
 * integer, hist_rollback ends a failed transaction. All but the first
 * return the SQLite code.
 */
void	hist_set_cause(char **cause, const char *fmt, ...) printflike(2, 3);
int	hist_exec(struct history *, const char *sql);
int	hist_query_int(struct history *, const char *sql, int64_t *out);
void	hist_rollback(struct history *);
/* "left", "right" or "" back to the side. */
enum side hist_side_parse(const char *);

/* The columns of a session, in the order the reader and the merge use. */
#define SESSION_COLS \
	"routine_id, title, file_hash, started_at, ended_at, outcome, " \
	"rest_s, per_week, strict, planned_ms, override_reason, hw_present, " \
	"hw_per_week, hw_from, hw_until, hw_by, hw_for, hw_note, halt_why"

/*
 * history_query.c: the one reader of stored sessions, for the export
 * (history_sync_read) and for history and report (history_sessions).
 * Reads the sessions started at or after since (of routine, NULL: every
 * one; with ended, only those ended and given a unique id), oldest first,
 * each with all its parts, in one read transaction, into *out (free with
 * export_free) and, per session, its row id and the store's rules in
 * *info (free). Returns 0, or -1 with *cause (what names the reading).
 */
struct export_session;
struct hist_read {
	int64_t		 since;
	const char	*routine;
	int		 ended;
	const char	*what;
};
struct hist_rowinfo {
	int64_t		 id;
	int		 ran;		/* outcome in RAN_OUTCOMES */
	int		 half_done;	/* HALF_DONE_SQL */
};
int	hist_read(struct history *, const struct hist_read *,
	    struct export_session **out, struct hist_rowinfo **info,
	    size_t *n, char **cause);

/*
 * history_schema.c: bring a store read at version up to the current
 * schema (or, tests only, an empty one up to an older target), then
 * enforce foreign keys. Returns 0 or -1 with *cause.
 */
int	hist_bring_up(struct history *, int64_t version, int target,
	    char **cause);

/*
 * history_live.c: the live sessions. hist_session_hold takes the lock
 * of a session this handle runs (0, or -1 with errno when the kernel
 * refused it), hist_session_release gives it back,
 * hist_session_held says whether this handle holds it, hist_session_live
 * whether any process does (or it is too recent to tell), and
 * hist_session_reclaim takes back a session whose lock was lost (a
 * restarted store). hist_close_dead closes the dead ones as interrupted
 * (inside the caller's transaction; SQLite code) and hist_sweep_dead does
 * it at open, in its own (0 or -1 with *cause).
 */
int	hist_session_hold(struct history *, int64_t id);
void	hist_session_release(struct history *, int64_t id);
int	hist_session_held(const struct history *, int64_t id);
int	hist_session_live(struct history *, int64_t id);
int	hist_session_reclaim(struct history *, int64_t id);
int	hist_close_dead(struct history *, int *nclosed);

/*
 * history_reserve.c: a write failed with rc (sys_errno under it). When
 * the disk is full and PATH-reserve is there, delete it; 1 when room was
 * freed and the write is to be tried again.
 */
int	hist_reserve_spend(struct history *, int rc, int sys_errno);
int	hist_sweep_dead(struct history *, char **cause);
/*
 * history_live.c: the process that holds the store at path locked for
 * writing (SQLite's locks, from /proc/locks): 0 with its id and name
 * ("" when gone meanwhile), -1 when no lock names one (an open file's
 * lock, another computer's, no /proc).
 */
int	hist_lock_holder(const char *path, long *pid, char *name, size_t len);

#endif
