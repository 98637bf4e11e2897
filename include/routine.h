/*
 * The routine model: plain data, as the author wrote it (before expansion).
 * Built by routine_yaml.c, checked by validate.c, expanded by plan.c.
 * Nothing here includes yaml.h, ncurses.h or portaudio.h.
 *
 * Every field that came from the file keeps its position (1-based line and
 * column of the value, 0 when absent), so the validator can point at it.
 * Ownership: a struct routine owns all its strings; routine_free releases
 * everything. A loaded routine is never changed afterwards: the rest of the
 * program borrows it as const.
 */
#ifndef KNEAD_ROUTINE_H
#define KNEAD_ROUTINE_H

#include <stddef.h>
#include <stdint.h>

struct area;

struct src_pos {
	unsigned	line;	/* 1-based; 0 = not in the file */
	unsigned	col;
};

/* A number that may be absent: set says whether the file had it. */
struct fnum {
	int64_t		v;
	int		set;
	struct src_pos	pos;
};

/* A string that may be absent (s == NULL). */
struct fstr {
	char		*s;
	struct src_pos	 pos;
	int		 block;	/* a | or > block: the text starts a line
				   below pos */
};

enum step_kind {
	STEP_POSITION,
	STEP_PRESS,
	STEP_ROLL,
	STEP_STRETCH,
	STEP_CONTRACT_RELAX,
	STEP_BREATHE,
	STEP_REST,
	STEP_MOVE,	/* active movement: not work on any area */
	STEP__COUNT
};

enum side {
	SIDE_NONE,	/* not given: midline or whole area */
	SIDE_LEFT,
	SIDE_RIGHT,
	SIDE_BOTH	/* only in the routine; the plan expands it */
};

enum intensity {
	INTENSITY_GENTLE,
	INTENSITY_MODERATE,
	INTENSITY_DEEP
};

/*
 * What a "yes" to a screening question means (screen: {ask, if-yes}); a
 * plain string is SCREEN_CLINICIAN. Ordered: a larger value is more urgent.
 */
enum screen_urgency {
	SCREEN_CLINICIAN,	/* see a doctor or physio before this area */
	SCREEN_URGENT,		/* see a doctor today */
	SCREEN_EMERGENCY	/* go to an emergency department now */
};

/* One screening question. */
struct screen_item {
	const char	*ask;		/* borrowed: the same as screen[i] */
	enum screen_urgency urgency;
	struct src_pos	 pos;		/* of the question text */
	struct src_pos	 urgency_pos;	/* of if-yes, 0 when absent */
};

/* One authored step. Numbers in seconds unless their name says otherwise. */
struct rstep {
	enum step_kind	 kind;
	struct src_pos	 pos;		/* the step's kind key */

	struct fstr	 area_id;	/* as written */
	const struct area *area;	/* resolved, NULL if absent/unknown */
	struct fnum	 side;		/* enum side; SIDE_NONE when absent */
	struct fnum	 tool;		/* enum tool; -1 when unknown */
	struct fnum	 time_s;
	struct fnum	 until_release;	/* 1 when "until: release" */
	struct fnum	 max_s;
	struct fnum	 pressure;	/* 0..10 discomfort */
	struct fnum	 breathe_bpm;	/* press/roll pacer, breaths a minute */
	struct fnum	 pass_s;	/* roll: seconds per one-way pass */
	struct fnum	 reps;		/* press, stretch */
	struct fnum	 sets;		/* roll */
	struct fnum	 contract_s;	/* contract-relax phases */
	struct fnum	 relax_s;
	struct fnum	 stretch_s;
	struct fnum	 cycles;
	struct fnum	 rate_bpm;	/* breathe step */
	struct fnum	 inhale_s;	/* breathe step split (optional) */
	struct fnum	 exhale_s;
	struct fstr	 say;		/* instruction; for position: the value */
	struct fnum	 check_pain;	/* 1 when "check: pain" */
	struct fnum	 tempo_s;	/* move: seconds per rep (a tick) */
	struct fnum	 switch_s;	/* side-switch time for this step */
};

struct homework {
	int		 present;
	struct src_pos	 pos;
	struct fstr	 by;
	struct fstr	 for_whom;
	struct fstr	 from;		/* "YYYY-MM-DD" as written */
	struct fstr	 until;
	struct fnum	 per_week;
	struct fstr	 note;
	/* Days since 1970-01-01 of from/until, valid when set. */
	struct fnum	 from_day;
	struct fnum	 until_day;
};

struct cue_settings {
	struct fnum	 voice;		/* bool; default 1 */
	struct fstr	 lang;		/* NULL: the user's locale */
	struct fnum	 countdown;	/* ticks in the last N s; default 3 */
	struct fnum	 halfway;	/* bool; default 1 */
};

struct routine {
	char		*path;		/* file it was loaded from */
	uint64_t	 file_hash;	/* FNV-1a 64 of the file's bytes */

	struct fnum	 version;	/* knead: 1 */
	struct fstr	 id;
	struct fstr	 title;
	struct fstr	 summary;
	struct fnum	 tools;		/* TOOL_BIT mask as declared */
	struct src_pos	 tools_pos;
	char		**tags;
	size_t		 ntags;
	struct fnum	 intensity;	/* enum intensity; default moderate */

	struct fnum	 rest_s;	/* limits.rest */
	struct fnum	 per_week;	/* limits.per-week */
	struct fnum	 strict;	/* limits.strict */
	struct fnum	 per_month;	/* limits.per-month */
	struct fnum	 switch_s;	/* switch: side-switch time */

	struct homework	 homework;
	char		**screen;	/* yes/no questions (screen_items' ask) */
	struct screen_item *screen_items;	/* nscreen of them */
	size_t		 nscreen;
	struct cue_settings cues;

	struct rstep	*steps;
	size_t		 nsteps;
	struct src_pos	 steps_pos;	/* of the steps: list, 0 when none */
	size_t		 steps_written;	/* its items, read or not */
	int		 steps_not_list;	/* steps: was there, not a list */
	/* An unknown key meant as steps: ("stpes:"); line 0 when none. */
	struct src_pos	 steps_misspelt;
};

struct routine	*routine_new(void);
void		 routine_free(struct routine *);

const char	*step_kind_id(enum step_kind);	/* "press", "contract-relax" */
const char	*side_id(enum side);		/* "left", "right", "both", "" */
/*
 * Whether work on side a and side b meet: the same side, or either is
 * SIDE_NONE (a step on no particular side works both sides of an area; an
 * area resting with no side rests whole). One rule for the rest checks,
 * the session's dose and pain stops, and --skip-resting.
 */
int		 sides_meet(enum side a, enum side b);
const char	*intensity_id(enum intensity);
/* intensity_id() in the screen's language ("douce"). */
const char	*intensity_label(enum intensity);
/* "clinician", "urgent", "emergency". */
const char	*screen_urgency_id(enum screen_urgency);
/*
 * What a "yes" of this urgency tells the user to do, one sentence, e.g.
 * "Go to an emergency department now." The one text every front end
 * (screen, --plain, voice, render) uses.
 */
const char	*screen_advice(enum screen_urgency);
/* The urgency of screening question i (clinician when out of range). */
enum screen_urgency routine_screen_urgency(const struct routine *, size_t);

/*
 * Effective values after defaults (ROUTINE-FORMAT.md "Limits and the
 * rest-interval policy"): rest by intensity gentle 3h, moderate 24h, deep
 * 48h; per-week none (0) for gentle, 5 moderate, 3 deep.
 */
int64_t		 routine_per_month(const struct routine *);	/* 0: none */
/* The side-switch time of step i: its switch, the routine's, or 5 s. */
int64_t		 routine_switch_ms(const struct routine *, size_t i);
int		 routine_strict(const struct routine *);
int		 routine_voice(const struct routine *);
int		 routine_countdown_s(const struct routine *);
int		 routine_halfway(const struct routine *);

#endif
