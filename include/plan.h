/*
 * The expanded plan: one flat list of timed steps with start offsets, shared
 * by the session runner, the audio renderer and `knead show`.
 *
 * Expansion (ROUTINE-FORMAT.md): side: both becomes left then right with a
 * "switch sides" transition (PLAN_SWITCH, 5 s unless the routine or the
 * step sets switch:) between; move becomes one step per side whose tick
 * marks each rep; reps and sets repeat
 * with a release (PLAN_RELEASE, 5 s) between; contract-relax becomes
 * contract, relax and stretch phases for each cycle. Start offsets assume
 * every until-release step lasts its max; the session shifts later deadlines
 * when such a step ends early.
 *
 * A plan borrows from its routine (area pointers, say strings): free the plan
 * before the routine.
 */
#ifndef KNEAD_PLAN_H
#define KNEAD_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "routine.h"

#define PLAN_SWITCH_MS		5000	/* switch sides transition */
#define PLAN_RELEASE_MS		5000	/* release between reps or sets */
#define PLAN_POSITION_MS	10000	/* default position time */
#define PLAN_TEMPO_MS		3000	/* default move tempo (one rep) */
/*
 * A pain rating this high after a step stops the rest of the work on its
 * area (the session) and holds the area 48 h like a halt (the history):
 * DOMAIN's in-session stop trigger "pain-above-7".
 */
#define PAIN_STOP_RATING	8
/*
 * Deep work (pressure 6 or more, a hold of 60 s or more, or more than 2 min
 * on one area and side) rests at least this long, whatever limits.rest
 * says: DOMAIN's "min_gap_deep_h = 24 before the next deep session on that
 * area". The validator warns about a shorter limits.rest; the store holds.
 */
#define DEEP_REST_S		(24 * 3600)

enum plan_kind {
	PLAN_POSITION,
	PLAN_PRESS,
	PLAN_ROLL,
	PLAN_STRETCH,
	PLAN_CONTRACT,		/* contract-relax: contract phase */
	PLAN_RELAX,		/* contract-relax: relax phase */
	PLAN_PNF_STRETCH,	/* contract-relax: stretch phase */
	PLAN_BREATHE,
	PLAN_REST,
	PLAN_SWITCH,		/* automatic: switch sides */
	PLAN_RELEASE,		/* automatic: release between reps/sets */
	PLAN_MOVE,		/* active movement; pass_ms is its tempo */
	PLAN__COUNT
};

struct pstep {
	enum plan_kind	 kind;
	size_t		 src;		/* index in routine->steps */
	const struct area *area;	/* NULL for position/breathe/rest */
	enum side	 side;		/* SIDE_LEFT, SIDE_RIGHT or SIDE_NONE */
	int		 tool;		/* enum tool, -1 none */
	uint64_t	 start_ms;	/* offset from session start */
	uint64_t	 duration_ms;	/* for until-release: the max */
	int		 until_release;
	int		 rep, nreps;	/* 1-based; 1 of 1 when not repeated */
	int		 set, nsets;
	int		 cycle, ncycles;	/* contract-relax */
	int		 pressure;	/* -1 when not given */
	int		 check_pain;
	uint32_t	 pass_ms;	/* roll: one-way pass; move: one rep */
	uint32_t	 inhale_ms;	/* pacer; 0 when the step has none */
	uint32_t	 exhale_ms;
	int		 is_work;	/* press, roll, contract-relax phases */
	const char	*say;		/* borrowed; NULL when none */
};

struct plan {
	const struct routine *routine;
	/* Borrowed: the language said over cues.lang (render --lang), or NULL. */
	const char	*lang;
	int		 recording;	/* lines for a recording: no key is
					   pressed, an until-release hold
					   lasts its max (render) */
	struct pstep	*v;
	size_t		 n;
	uint64_t	 total_ms;
};

/* Work on one area and side over the whole plan. */
struct area_dose {
	const struct area *area;
	enum side	 side;
	uint64_t	 work_ms;	/* press + roll + contract-relax time */
	int		 max_pressure;	/* -1 when never given */
	int		 nsteps;	/* work steps */
};

/*
 * Expand r into p. r must have passed validation (no errors). Returns 0, or
 * -1 when the routine cannot be expanded (then p is empty).
 */
int		 plan_build(const struct routine *r, struct plan *p);
void		 plan_free(struct plan *p);

/*
 * Copy src into dst without the work steps on the given areas and sides
 * (--skip-resting), and without every step on those marked whole (an area
 * held for pain: its stretches and moves too), dropping switch/release
 * transitions left dangling, and recompute offsets. Returns the number of
 * steps dropped.
 */
struct area_side {
	const struct area *area;
	enum side	 side;
	int		 whole;		/* every step, not only work */
};
size_t		 plan_drop(const struct plan *src, const struct area_side *skip,
		    size_t nskip, struct plan *dst);

/*
 * The area and side that ! (stop now: sharp pain, numbness, tingling)
 * marks when it stops step i, so that it rests (history_limits.c): one
 * rule for the history store, the summary and knead(1). A step on an area
 * marks it (a hold, a roll, a stretch, a move, the release between reps),
 * both sides while switching sides; getting into position marks the step
 * it leads into, with its side; a rest or breathing marks the last step
 * before it on an area; each the other way when there is none. Returns 0
 * when no step of p has an area. whole is 1: every step on it is held.
 */
int		 plan_halt_mark(const struct plan *p, size_t i,
		    struct area_side *out);

/* Doses per area and side, in plan order of first appearance; caller frees. */
size_t		 plan_doses(const struct plan *p, struct area_dose **out);
/*
 * Every area and side a step of p touches, work or not (a stretch, a move),
 * once each in plan order; whole is 0. Caller frees.
 */
size_t		 plan_areas(const struct plan *p, struct area_side **out);

/* Whether tones pace the breathing (inhale and exhale) in some step. */
int		 plan_paced(const struct plan *);
/* The first step they pace, or p->n. */
size_t		 plan_first_paced(const struct plan *);
/*
 * The language p's lines are said in, as a tag for words_pick: p->lang when
 * set, else the routine's cues.lang, else NULL (the screen's language).
 */
const char	*plan_lang(const struct plan *p);

/* "press", "switch sides", "contract", ... */
const char	*plan_kind_name(enum plan_kind);
/* Upper-case label for the screen: "PRESS", "SWITCH SIDES", ... */
const char	*plan_kind_label(enum plan_kind);
/* plan_kind_name() in the screen's language ("pression"). */
const char	*plan_kind_word(enum plan_kind);
/*
 * A one-line title of the step, e.g. "press upper trapezius, left side
 * (rep 1/2)". Writes at most len bytes including the NUL.
 */
void		 plan_step_title(const struct pstep *, char *buf, size_t len);

/*
 * The whole minutes a routine is listed as (list, show, the home screen,
 * search, remind, validate's summary check): its length rounded up, so
 * that a 9-minute break fits the 9 minutes it says.
 */
uint64_t	 plan_minutes(uint64_t total_ms);
/* Format milliseconds as "1:05", "12:30" or "1:02:03" (seconds up). */
void		 plan_fmt_ms(uint64_t ms, char *buf, size_t len);
/* The same with partial seconds down: time spent, a file's length. */
void		 plan_fmt_elapsed(uint64_t ms, char *buf, size_t len);

#endif
