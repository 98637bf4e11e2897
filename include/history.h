/*
 * The history store (SQLite; only history.c includes sqlite3.h): sessions,
 * their steps as they finish, and the rest-limit decisions.
 *
 * Functions return 0 on success or an exit code from exitcodes.h
 * (KNEAD_EXIT_IOERR when the store is locked, read-only, corrupt or from a
 * newer version; KNEAD_EXIT_TEMPFAIL for a rest-limit refusal), with a
 * message in *cause (caller frees) when they fail.
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
struct pstep;

struct history;

/* An area and side that is resting, and when it is free again. */
struct resting {
	const struct area *area;
	enum side	 side;
	int64_t		 free_at;	/* unix seconds, UTC */
	int		 clock_behind;	/* the clock is behind the last session */
};

struct begin_opts {
	const char	*override_reason;	/* --override; NULL none */
	int		 skip_resting;		/* --skip-resting */
	const char *const *screen_answers;	/* "yes"/"no" per question */
};

/* Open (creating when missing) path, or the default when path is NULL. */
int	history_open(const char *path, const struct clock *,
	    struct history **out, char **cause);
void	history_close(struct history *);

/*
 * Check rest limits and the per-week cap for this plan and, if allowed,
 * write the session row, in one BEGIN IMMEDIATE transaction. On refusal
 * returns KNEAD_EXIT_TEMPFAIL and fills *rest (caller frees) with what is
 * resting. With skip_resting the resting areas are returned in *rest and the
 * caller drops their steps (plan_drop). *session_id gets the new row.
 */
int	history_begin(struct history *, const struct routine *,
	    const struct plan *, const struct begin_opts *,
	    int64_t *session_id, struct resting **rest, size_t *nrest,
	    char **cause);
/* Commit one finished step at once (crash safety). pain: -1 none. */
int	history_step(struct history *, int64_t session_id, size_t index,
	    const struct pstep *, uint64_t done_ms, int pain);
/* Every area and side resting now (status, home screen); caller frees. */
int	history_resting(struct history *, struct resting **out, size_t *n,
	    char **cause);
/*
 * Print the refusal of PRODUCT.md ("upper trapezius (left) rests until Tue
 * 08:14 (13 h 46 min). ..."), with the choices (skip resting areas, override
 * unless the routine is strict).
 */
void	history_print_refusal(FILE *, const struct routine *,
	    const struct resting *, size_t n);

struct homework_progress {
	int		active;		/* the routine has homework running */
	int		done_this_week;	/* sessions in the last 7 days */
	int		per_week;	/* target */
	int		days_left;	/* until the homework's end date */
};
int	history_homework(struct history *, const struct routine *,
	    struct homework_progress *, char **cause);

/* Close the session with its outcome ("completed", "stopped", "halted"). */
int	history_end(struct history *, int64_t session_id, const char *outcome);

#endif
