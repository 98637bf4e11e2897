/*
 * The history store (SQLite; only src/history*.c include sqlite3.h):
 * sessions, their steps as they finish, and the rest-limit decisions.
 *
 * Functions return 0 on success or -1 when the store cannot be used
 * (locked, read-only, corrupt, from a newer version), with a message in
 * *cause (caller frees). What a command makes of that (an exit code, words)
 * is the command's choice: a rest-limit refusal is an answer, not a
 * failure.
 */
#ifndef KNEAD_HISTORY_H
#define KNEAD_HISTORY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "routine.h"

struct area;
struct clock;
struct plan;
struct area_side;
struct pstep;

struct history;

/* An area and side that is resting, and when it is free again. */
struct resting {
	const struct area *area;
	enum side	 side;
	int64_t		 free_at;	/* unix seconds, UTC */
	int		 clock_behind;	/* clock behind the last session */
	/* Added fields (history owner): */
	int64_t		 checked_at;	/* wall clock when this was computed */
	int		 in_progress;	/* a session running now works it */
	int		 week_count;	/* area NULL: per-week cap reached, */
	int		 per_week;	/* with this many of this many */
	int		 nothing_left;	/* skipping every resting area would */
					/* leave nothing to run (refused) */
	/* Added (issue 12): which rule holds it (history_limits.c). */
	int		 rule;		/* enum rest_rule */
	int		 count;		/* RULE_MONTH, RULE_DEEP: sessions; */
					/* RULE_SORE, RULE_BLOCKED: the */
					/* last rating; RULE_HALTED: the */
					/* rating (1-10), or after ! 0 or */
					/* -halt_why_code() of the answer */
	int		 limit;		/* ...in 30 days, at most this many; */
					/* RULE_SORE: the hours it rests */
					/* after the session (48; 72 after */
					/* a check-in still sore) */
};

/* The rule behind a struct resting (0, the rest interval, by default). */
enum rest_rule {
	RULE_REST = 0,		/* limits.rest (or the per-week cap, area NULL) */
	RULE_MONTH,		/* limits.per-month (area NULL) */
	RULE_DEEP,		/* deep work on one area and side in 30 days */
	RULE_HALTED,		/* ! stopped a session on this area for pain */
	RULE_SORE,		/* rated SORE_RATING+ the day after: 48 h rest */
	RULE_BLOCKED		/* still sore past 72 h, or growing: blocked */
				/* until a check-in rates it below */
				/* SORE_RATING (history_after.c) */
};
/*
 * The word limit_events and exports store for the rule behind r: "rest",
 * "per-week", "per-month", "deep-cap", "halted", "sore" or "still-sore"
 * (history_limits.c; from schema 7: version 6 stored RULE_SORE as "rest").
 */
const char *history_rule_word(const struct resting *r);
/* The rule of a stored word (RULE_REST for "per-week" too); -1 unknown. */
int	history_rule_of(const char *word);
/*
 * Does rule hold every step on its area, its stretches and moves too (a
 * halt for pain, a block), not only the work on it (the other rules)?
 */
int	history_rule_whole(int rule);
/*
 * What --skip-resting leaves out for the n entries v, for plan_drop: out[i]
 * is v[i]'s area and side, whole when its rule holds every step.
 */
void	history_skip_of(const struct resting *v, size_t n,
	    struct area_side *out);
/*
 * Would plan p still do something if --skip-resting left out the areas of
 * the n entries v (as the run drops them): work on an area that is not
 * resting, or a stretch, a move or paced breathing not held with its area?
 * Positions, rests and transitions alone are not a session; a weekly or
 * monthly cap (an entry with no area) is never skipped: 0.
 */
int	history_skip_leaves(const struct plan *p, const struct resting *v,
	    size_t n);

/* Deep sessions allowed on one area and side in any 30 days (seed 003). */
#define DEEP_PER_MONTH		2
/* An area a session was halted on (!) rests at least this long. */
#define HALT_REST_S		(48 * 3600)
/*
 * DOMAIN (rest per area): "extend to 48 h if next-day soreness >= 4/10":
 * an area rated SORE_RATING or more the day after rests HALT_REST_S from
 * the end of the session that worked it (or its rest, when longer).
 */
#define SORE_RATING		4
/*
 * The rest a session of plan p of routine r stores and is checked with:
 * its rest (limits.rest or its tier's), the daily homework's grace, then
 * at least DEEP_REST_S when the plan does deep work (the safer rule wins).
 * knead show states it.
 */
int64_t	history_rest_s(const struct routine *, const struct plan *);

struct begin_opts {
	const char	*override_reason;	/* --override; NULL none */
	int		 skip_resting;		/* --skip-resting */
	const char *const *screen_answers;	/* "yes"/"no" per question */
	/*
	 * Only a refusal: recorded as always, but a run that would begin
	 * is not (verdict BEGIN_RUNS, no session): the screening questions
	 * come after a rest limit, not before it.
	 */
	int		 refusal_only;
	/*
	 * The caller refuses the override itself (a spot halted for pain
	 * still hurts, was not answered about, or no override passes it):
	 * recorded as a refused attempt with the override's reason, verdict
	 * BEGIN_HALT_STILL, when the limits would have let it run.
	 */
	int		 halt_refused;
	/*
	 * Spots of history_halts_passed the user says still hurt (or did
	 * not answer about): held like a halt, until they are gone. Each
	 * keeps its free_at (passed), which the refusal's words tell apart.
	 */
	const struct resting *still;
	size_t		 nstill;
};

/* Open (creating when missing) path, or the default when path is NULL. */
int	history_open(const char *path, const struct clock *,
	    struct history **out, char **cause);
void	history_close(struct history *);
/*
 * Open the store for a reading command (status, history, report): never
 * creates it (0 with *out NULL and *cause naming the path when the path
 * given, not the default, names none; an empty store in memory when the
 * default has none yet).
 * A store that cannot be written (read-only file or folder, full disk) is
 * read as it is, and *note (caller frees) says why it was not updated.
 */
int	history_open_read(const char *path, const struct clock *,
	    struct history **out, char **note, char **cause);

/* The rest policy's answer when a session is to begin. */
enum begin_verdict {
	BEGIN_RUNS,		/* begun (maybe skipping or overriding) */
	BEGIN_RESTING,		/* refused: areas or the routine's caps rest */
	BEGIN_NOTHING_LEFT,	/* refused: without the resting areas nothing
				   is left to run */
	BEGIN_STRICT,		/* refused: a strict routine's limits cannot
				   be overridden */
	BEGIN_CAPPED,		/* refused: skipping areas does not lift the
				   routine's per-week or per-month cap */
	BEGIN_HALT_STILL	/* refused by the caller: an override over a
				   spot halted for pain (halt_refused) */
};
struct begin_result {
	enum begin_verdict verdict;
	int64_t		 session_id;	/* the new session; 0 when refused */
	struct resting	*rest;		/* caller frees; see history_begin */
	size_t		 nrest;
};

/*
 * Check rest limits and the per-week cap for this plan and, if allowed,
 * write the session row, in one BEGIN IMMEDIATE transaction; a refusal is
 * recorded too (a strict routine's refusal of an override with the
 * reason given, as the session's override_reason). The answer is data,
 * in *res: the verdict, the new session, and in rest what refused it (the
 * words are refusal.c's). With skip_resting the resting areas are
 * returned in rest and the caller drops their steps (plan_drop). An
 * override returns the areas it passes too (a halt for pain as
 * RULE_HALTED), so the caller says so as each is worked.
 * Returns -1 with *cause only when the store fails, or for an override
 * reason with no visible text (nothing stored): check it first with
 * history_reason_ok.
 */
int	history_begin(struct history *, const struct routine *,
	    const struct plan *, const struct begin_opts *,
	    struct begin_result *res, char **cause);
/* Is reason a usable override reason (some visible text)? */
int	history_reason_ok(const char *reason);
/*
 * Commit one step at once (crash safety), saying whether it ended as
 * planned (finished: its time ran out, or the user released an
 * until-release step) or was cut short (next, quit, !): done_ms cannot
 * tell a release from a cut, and an until-release step released early
 * counts as its whole planned dose. pain: -1 none.
 */
int	history_step_ended(struct history *, int64_t session_id, size_t index,
	    const struct pstep *, uint64_t done_ms, int pain, int finished);
/*
 * The pain rating of a step committed without one (the step is recorded
 * when it ends, before the rating is asked, so a crash at the rating prompt
 * keeps the work). Rates the latest run of step index.
 */
int	history_step_pain(struct history *, int64_t session_id, size_t index,
	    int pain);
/*
 * Record a session that a "yes" to a screening question stopped before it
 * began (outcome "screened-out", with the answers and the planned areas,
 * none of them worked: not work, not resting). No rest check: nothing runs.
 */
int	history_screened(struct history *, const struct routine *,
	    const struct plan *, const char *const *answers, char **cause);
/*
 * Has routine r reached its per-week cap now? *capped is then 1 and *out
 * (area NULL) says how many sessions and when the next one is allowed.
 */
int	history_week_cap(struct history *, const struct routine *,
	    struct resting *out, int *capped, char **cause);
/*
 * What keeps plan p of routine r from running now, with the very check
 * history_begin makes (areas resting, the per-week cap), writing nothing:
 * *rest (caller frees) is empty when it can run.
 */
int	history_check(struct history *, const struct routine *,
	    const struct plan *, struct resting **rest, size_t *nrest,
	    char **cause);
/*
 * The areas and sides of plan p of routine r that a halt for pain (!, or
 * a rating of PAIN_STOP_RATING or more) held, whose hold has passed with
 * no session working them since (within a year): the hold lasts "and
 * only when the symptoms are gone", so the run asks about each before it
 * works them again. Entries as history_check's RULE_HALTED ones, with
 * free_at (when the hold passed) no later than checked_at; *out (caller
 * frees) is empty when there are none. -1 with *cause when the store
 * fails.
 */
int	history_halts_passed(struct history *, const struct routine *,
	    const struct plan *, struct resting **out, size_t *n,
	    char **cause);
/*
 * Many reads as one (the home screen's and knead list's check of every
 * routine): one read transaction, so that they see one state of the store
 * and take its lock once rather than per query. Nested calls count; a
 * write (history_begin and the like) must not come between. NULL: nothing.
 */
int	history_read_begin(struct history *);
void	history_read_end(struct history *);
/* Every area and side resting now (status, home screen); caller frees. */
int	history_resting(struct history *, struct resting **out, size_t *n,
	    char **cause);
/*
 * The latest hold of a routine's check v (history_check's, n entries) that
 * the resting list (history_resting's, nr entries) does not show: an area
 * free later for this routine than every entry on it in the list says (a
 * rest longer than the session's that worked it: the longer one wins).
 * NULL: the list says it all.
 */
const struct resting *history_later(const struct resting *v, size_t n,
	    const struct resting *rest, size_t nr);

struct homework_progress {
	int		active;		/* the routine has homework running */
	int		done_this_week;	/* sessions in the last 7 days */
	int		per_week;	/* target */
	int		days_left;	/* until the homework's end date */
};
int	history_homework(struct history *, const struct routine *,
	    struct homework_progress *, char **cause);

/*
 * Did the user answer "no" to this screening question (the same text)
 * earlier the same local day, with no "yes" to it since? 1 yes, 0 no (also
 * on error): a "no" carries over within the day, never across days, and a
 * "yes" is never carried as a "no". Nor does a "no" given before a halt
 * for pain (!, or a rating of PAIN_STOP_RATING or more, in that session or
 * a later one): something changed, so the questions are asked again.
 */
int	history_screen_no_today(struct history *, const char *question);
/*
 * Did the user answer "yes" to this screening question earlier the same
 * local day (the day history_screen_no_today uses)? The same question is
 * the same text with white space trimmed and collapsed and ASCII letters
 * in any case. 1 with *at (when not NULL) the time of the first such
 * "yes" today, 0 no (also on error). A "yes" stands until midnight: the
 * run does not ask the question again that day, and does not start.
 */
int	history_screen_yes_today(struct history *, const char *question,
	    int64_t *at);

/*
 * Aftercare (history_after.c): the day-after question. A start asks once
 * how each area and side worked feels compared with before (0 as before or
 * better ... 10 much worse), about the latest session that worked it
 * (history_area_worked), when that session ended 12 to 48 h before. A
 * session that did not work an area leaves its question to the one that
 * did. session_id, ended_at, routine_id: the newest session asked about
 * (0: only check-ins); each area names its own session.
 */
#define AFTER_FROM_S		(12 * 3600)
#define AFTER_UNTIL_S		(48 * 3600)
#define AFTER_MAX		12	/* areas asked about, at most */
#define AFTER_WORSE		7	/* from this: a gentler routine or */
					/* a longer rest is suggested */
/*
 * The follow-up check-in ("Is it still sore?", same scale), DOMAIN's
 * "soreness > 72 h or increasing -> block the area and advise clinician":
 * an area whose last answer about a session was SORE_RATING or more (the
 * day-after rating first) is asked about again at a start from
 * AFTER_UNTIL_S after that session, at most every AFTER_GAP_S (but at once
 * when the last answer came before AFTER_BLOCK_S and now is past it).
 * An answer of SORE_RATING or more given more than AFTER_BLOCK_S after
 * the session, or higher than the answer before it, blocks the area
 * (RULE_BLOCKED) until a later check-in is answered below SORE_RATING;
 * one that does not block holds it (RULE_SORE) until just past
 * AFTER_BLOCK_S, when the next answer can. A skipped check-in changes
 * nothing; without an answer, an area not blocked is not asked about
 * after AFTER_ASK_MAX_S. A newer session's day-after rating of the area
 * ends an older session's check-ins unless they blocked it; while it is
 * asked, an older check-in there that did not block is not.
 */
#define AFTER_BLOCK_S		(72 * 3600)
#define AFTER_GAP_S		(12 * 3600)
#define AFTER_ASK_MAX_S		(14 * 86400)
struct after_due {
	int64_t		 session_id;	/* the day-after question: 0 none */
					/* (the newest session asked about) */
	int64_t		 ended_at;
	char		 routine_id[128];
	struct after_area {
		char	 area[64];	/* area id */
		char	 side[8];	/* "left", "right" or "" */
		int	 followup;	/* a check-in, not the day after: */
		int64_t	 session_id;	/* about this session, */
		int64_t	 ended_at;	/* ended then, */
		int	 previous;	/* last answered this */
		int	 blocked;	/* and blocked by an answer now */
		int	 blocks;	/* set by history_after_save: this */
					/* answer blocks the area */
	}		 v[AFTER_MAX];
	size_t		 n;		/* 0: nothing to ask */
};
/* The decision: ask about a session ended at ended_at, now? (pure) */
int	after_should_ask(int64_t ended_at, int64_t now, int asked);
/*
 * The follow-up's decisions (pure): ask it now, the last answer (day after
 * or check-in) being last, the last time asked (answered or skipped)
 * last_asked? Does rating, answered at "at", block the area, the answer
 * before it being previous?
 */
int	after_followup_due(int64_t ended_at, int64_t now, int64_t last_asked,
	    int last, int blocked);
int	after_blocks(int64_t ended_at, int64_t at, int rating, int previous);
/* What to ask now, if anything (d->n 0: nothing). */
int	history_after_due(struct history *, struct after_due *d,
	    char **cause);
/*
 * Keep the answers (ratings[i] for d->v[i], 0..10; -1 skipped; ratings
 * NULL: all skipped) and that the question was asked: the day-after
 * question never again, a check-in not before AFTER_GAP_S. Sets
 * d->v[i].blocks for check-ins whose answer blocks the area.
 */
int	history_after_save(struct history *, struct after_due *d,
	    const int *ratings, char **cause);


/*
 * Additions (history owner). Everything below is optional for callers.
 *
 * A struct resting with area == NULL is the per-week cap of the routine
 * (week_count sessions in the last 7 days, per_week allowed); it cannot be
 * skipped, only overridden (unless strict). history_step_ended,
 * history_step_pain and history_end return -1 on failure; history_error
 * then gives the reason (the run tells the user with it).
 * Only live sessions are closed as interrupted: a running knead holds a lock
 * on its session in the file PATH-live, which the kernel drops on any exit.
 */
#define HISTORY_SCHEMA_VERSION	8

/* The path of the store (default, KNEAD_DB or given). */
const char *history_path(const struct history *);
/*
 * Whether path is the store or one of its files (-wal, -shm, -live,
 * -journal, -reserve), existing or not: an output written there would
 * destroy it.
 */
int	history_owns_path(const struct history *, const char *path);
/*
 * The same before the store is opened: db as history_open takes it (NULL:
 * KNEAD_DB or the default path). 0 when there is no store path at all.
 */
int	history_path_owns(const char *db, const char *path);
/* The last error of the step and end functions, or "". */
const char *history_error(const struct history *);

/*
 * The reserve (history_reserve.c): PATH-reserve, HISTORY_RESERVE_BYTES of
 * allocated zeros beside the store, made when a session begins. When a
 * step, a rating or the end finds the disk full (or the quota used up),
 * history_step_ended, history_step_pain and history_end delete it and try
 * again at once, so that a session in progress is recorded whole.
 * A step commits about 3 WAL frames of 4 KiB (measured: a press 3, a
 * position 2, the end 1); HISTORY_RESERVE_STEP each with room to spare.
 * 1 MiB holds some 80 steps and the end; a longer plan keeps more.
 */
#define HISTORY_RESERVE_BYTES	(1024 * 1024)
#define HISTORY_RESERVE_STEP	(16 * 1024)
/* The reserve for a plan of nsteps steps (pure): at least 1 MiB. */
size_t	history_reserve_size(size_t nsteps);
/*
 * Make PATH-reserve of history_reserve_size(nsteps) if it is missing or
 * smaller: 0 when it is there, -1 (errno) when it could not be made (the
 * disk has less room than that: a session that fills it may not be
 * recorded).
 */
int	history_reserve_keep(struct history *, size_t nsteps);
/* Did a full disk spend the reserve through this handle? */
int	history_reserve_spent(const struct history *);
/* The decision: is SQLite's failure rc (with errno sys_errno) a full disk? */
int	history_full_fault(int rc, int sys_errno);
/*
 * The default store path ($XDG_DATA_HOME/knead/history.db, else under the
 * home folder); caller frees. NULL when there is no home folder.
 */
char	*history_default_path(void);
/*
 * The store a command means: path when given (not ""), else KNEAD_DB when
 * set (not ""), else the default (*def set to it; caller frees *def).
 * NULL only when the default is meant and there is no home folder.
 */
const char *history_store_path(const char *path, char **def);
/*
 * Open an existing store at the current schema for reading only: nothing
 * is created, upgraded or closed (a status line). 0 with *out NULL (and
 * *cause naming the path) when there is no store.
 */
int	history_open_readonly(const char *path, const struct clock *,
	    struct history **out, char **cause);
/*
 * An empty store in memory at the current schema, named name in messages:
 * a report read from an export (knead report --from-export) is computed by
 * the store's own rules without touching the user's history.
 */
int	history_open_memory(const char *name, const struct clock *,
	    struct history **out, char **cause);
/* Tests: create a new store at an older schema version (1..current). */
int	history_create_version(const char *path, int version, char **cause);

/*
 * How a session ended, as `knead history` and `knead report` read it back.
 * A session a screening "yes" stopped before it began is stored as
 * "screened-out" (from schema 6; older ones are given the word when the
 * store is upgraded): it did no work and rests nothing.
 */
enum hist_outcome {
	HIST_RUNNING,
	HIST_COMPLETED,
	HIST_STOPPED,
	HIST_HALTED,
	HIST_INTERRUPTED,
	HIST_REFUSED,
	HIST_SCREENED_OUT,
	HIST_OUTCOME_UNKNOWN	/* a word this knead does not know */
};
/* "completed", "screened-out", ...: the word files and tables use. */
const char *hist_outcome_name(enum hist_outcome);
/* The outcome of such a word; HIST_OUTCOME_UNKNOWN for any other. */
enum hist_outcome hist_outcome_of(const char *word);
/*
 * Close the session with how it ended: HIST_COMPLETED, HIST_STOPPED,
 * HIST_HALTED, HIST_INTERRUPTED or HIST_SCREENED_OUT (any other fails).
 */
int	history_end(struct history *, int64_t session_id, enum hist_outcome);
/*
 * Keep what made the user halt a session ended halted (halt_why.h's word;
 * NULL, not answered, writes nothing). -1 on failure (history_error).
 */
int	history_halt_why(struct history *, int64_t session_id, const char *why);

/* One session as stored, for `knead history` and `knead report`. */
struct hist_area {
	char		*area;		/* area id */
	char		*side;		/* "left", "right" or "" */
	uint64_t	 planned_ms;	/* planned pressure time */
	uint64_t	 done_ms;
	int		 pain_first;	/* first and last rating, -1 none */
	int		 pain_last;
};

/*
 * Whether a session (that ran) worked an area: at least half of its
 * planned pressure time there was done (ROUTINE-FORMAT.md). The rest
 * policy asks the store the same in SQL (AREA_WORKED_SQL, history_int.h);
 * history and the report list only these areas as worked.
 */
static inline int
history_area_worked(uint64_t planned_ms, uint64_t done_ms)
{
	return (planned_ms > 0 && 2 * done_ms >= planned_ms);
}
struct hist_limit {
	char		*action;	/* "refused", "overridden", "skipped" */
	char		*rule;		/* history_rule_word; NULL: before */
					/* schema 6, not recorded */
	char		*area;		/* NULL: the per-week cap */
	char		*side;
	int64_t		 free_at;
	int		 clock_behind;
};
struct hist_pain {
	char		*area;		/* NULL: a step with no area */
	char		*side;
	int		 pain;
	int64_t		 at;
};
struct hist_after {		/* a day-after rating (aftercare) */
	char		*area;
	char		*side;
	int		 rating;	/* 0 as before ... 10 much worse */
	int64_t		 rated_at;
};
struct hist_checkin {		/* a still-sore check-in (schema 7) */
	char		*area;
	char		*side;
	int		 rating;	/* same scale; -1: skipped */
	int64_t		 asked_at;
	int		 blocks;	/* the answer blocked the area */
};
struct hist_answer {
	char		*question;
	char		*answer;
};
struct hist_session {
	int64_t		 id;
	char		*routine_id;
	char		*title;
	char		*file_hash;	/* 16 hex digits or NULL */
	int64_t		 started_at;	/* unix s, UTC */
	int64_t		 ended_at;	/* 0 while running */
	enum hist_outcome outcome;
	/*
	 * The store's own rules, read with the session so that no caller
	 * writes them again: ran (it was not refused, screened out or still
	 * running) and half_done (at least half of its planned work: what
	 * counts for rest limits, the weekly cap and homework).
	 */
	int		 ran;
	int		 half_done;
	/*
	 * Interrupted, and closed by the next start, not by its own knead
	 * (history_end_unknown): nothing after ended_at is known.
	 */
	int		 end_unknown;
	int64_t		 rest_s;
	int64_t		 per_week;
	int		 strict;
	/* What made the user halt (halt_why.h's word), NULL not asked */
	/* or not answered (schema 8). */
	char		*halt_why;
	char		*override_reason;	/* NULL none; a refused */
					/* session's: an override its */
					/* strict routine refused (strict */
					/* set), or one over a spot */
					/* halted for pain */
	uint64_t	 planned_ms;	/* the whole plan */
	uint64_t	 done_ms;	/* every recorded step */
	size_t		 nsteps;
	/*
	 * The highest pain rating of the session, on any area, -1 none. No
	 * session-level first and last: those would compare one area with
	 * another; each area's are in areas[] (pain_first, pain_last).
	 */
	int		 pain_max;
	struct hist_area *areas;
	size_t		 nareas;
	struct hist_limit *limits;
	size_t		 nlimits;
	struct hist_pain *pains;
	size_t		 npains;
	struct hist_answer *answers;
	size_t		 nanswers;
	struct hist_after *afters;	/* day-after ratings, schema 6 */
	size_t		 nafters;
	struct hist_checkin *checkins;	/* still-sore check-ins, schema 7 */
	size_t		 ncheckins;
	/* The homework block when the session started (hw_present). */
	int		 hw_present;
	int64_t		 hw_per_week;	/* 0: none given */
	char		*hw_from;	/* "YYYY-MM-DD" or NULL */
	char		*hw_until;
	char		*hw_by;
	char		*hw_for;
	char		*hw_note;
	/* The last step recorded (for a halt: the one "!" stopped). */
	char		*last_kind;	/* NULL: no step recorded */
	char		*last_area;	/* NULL: a step with no area */
	char		*last_side;
	uint64_t	 last_done_ms;
};
/*
 * Was this session's end never written (issue 13)? A session whose knead
 * stopped without writing its end (a crash, power lost, a disk that stayed
 * full) is closed by the next start as interrupted, ending at its last
 * recorded step (last_step_at, 0: none) or at its start: what happened
 * after that is not known, and its work is at least what was recorded.
 * A knead that ends its own session (a signal, q) writes the time it ended.
 */
int	history_end_unknown(const char *outcome, int64_t started_at,
	    int64_t ended_at, int64_t last_step_at);
/* Sessions started at or after since (unix s), oldest first; caller frees. */
int	history_sessions(struct history *, int64_t since,
	    struct hist_session **out, size_t *n, char **cause);
void	history_sessions_free(struct hist_session *, size_t);
/*
 * Whether a session is stored as running (its process may have died: the
 * rest check then stops counting it with no change to the store). 1 on an
 * error too.
 */
int	history_any_running(struct history *);
/*
 * The desk reminders' break clock (desk.h), by the store's own rules: a
 * session running now, its knead alive (as the rest check's "a session
 * running now" says), is a break on now (*at INT64_MAX); else *at is when
 * the last session that ran and did at least half of its planned work
 * (hist_session's ran and half_done: what homework and the weekly cap
 * count) ended, when that is at or after since, and 0 when none did. A
 * session stored as running whose knead died, and one that did less (a
 * stop after a few seconds, every area resting), is no break. 0, or -1
 * with *cause.
 */
int	history_last_break(struct history *, int64_t since, int64_t *at,
	    char **cause);


/*
 * history_sync.c: the history export and import (export.h has the
 * records). history_sync_read gives the sessions that have ended, started
 * at or after since, of routine (NULL: all), oldest first; caller frees
 * with export_free.
 */
struct export_session;
int	history_sync_read(struct history *, int64_t since, const char *routine,
	    struct export_session **out, size_t *n, char **cause);
/*
 * Merge sessions into the store in one transaction (all or nothing), by
 * their unique id: a new one is added; one already there is replaced,
 * never while it runs here, by the safer copy: the imported one when it
 * records every halt, pain stop, red flag, day-after soreness and
 * still-sore block the store's does and more, or the same and ended later
 * (a conflicting edit: the later end time wins); else it stays as it is,
 * so importing a file twice changes nothing (kept_safer counts later
 * copies not taken because they drop one). Imported sessions count for
 * rest limits and reports like the store's own.
 */
struct sync_stats {
	size_t		 added;
	size_t		 updated;
	size_t		 same;
	size_t		 kept_safer;	/* a later copy that drops a safety
					   event: not taken */
	int		 bad_data;	/* failed: the export, not the store,
					   is at fault */
};
int	history_sync_merge(struct history *, const struct export_session *,
	    size_t n, struct sync_stats *, char **cause);

#endif
