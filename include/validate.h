/*
 * The validator: every rule of ROUTINE-FORMAT.md over a loaded routine, each
 * problem appended to the diag list (all of them, never only the first).
 * Dosage limits come from DOMAIN.md and are defined here as constants so the
 * docs and the tests can name them.
 */
#ifndef KNEAD_VALIDATE_H
#define KNEAD_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#include "routine.h"

struct diag_list;
struct tl_voice;

#define PRESS_MIN_S		10
#define PRESS_MAX_S		90
#define PRESS_WARN_S		60
#define PRESS_UNTIL_MAX_S	120	/* max of until: release */
#define PRESS_UNTIL_WARN_S	90	/* a max above it warns */
#define PRESSURE_MAX		7
#define GENTLE_PRESSURE_WARN	4
#define ROLL_MIN_S		20
#define ROLL_MAX_S		180
#define PASS_MIN_S		1
#define PASS_MAX_S		6
#define STRETCH_MIN_S		10
#define STRETCH_MAX_S		90
#define AREA_HOLDS_MAX		3	/* press holds on one area and side */
#define AREA_WORK_WARN_S	120	/* pressure time on one area and side */
#define AREA_WORK_MAX_S		180	/* ...an error above this */
#define SESSION_WARN_S		(30 * 60)
#define TITLE_MAX_CHARS		100	/* spoken at the start; the list cuts it */

/* Check r; append diagnostics to dl. Returns the number of errors added. */
int	validate_routine(const struct routine *r, struct diag_list *dl);
/*
 * The voice check, kept apart because it asks knead-audio.so for
 * espeak-ng's voices (modules.h): `knead validate` and `knead add` make
 * it; loading routines to run, list or suggest them does not, so that
 * neither a session's first frame nor `status --line` loads the module (a
 * session says "no voice for language ..." on its status line instead).
 * Adds a warning when cues.lang names a language espeak-ng has no voice
 * for.
 */
void	validate_voices(const struct routine *r, struct diag_list *dl);
/*
 * The body rules (validate_body.c), called by validate_routine: pressure
 * under the skull, the red-flag questions that moderate and deep work on an
 * area needs, danger words in instructions given with pressure, and a
 * content that is deeper than its label. Returns the errors added.
 */
int	validate_body(const struct routine *r, struct diag_list *dl);
/*
 * The tier r's content calls for (DOMAIN.md "Rest/frequency"): deep with a
 * pressure of 6 or more, a hold of 60 s or more, or more than 120 s of work
 * on one area and side; moderate with a pressure of 5; else gentle. why
 * (may be NULL with len 0) gets the reason, e.g. "a hold of 90s".
 */
enum intensity validate_content_tier(const struct routine *r, char *why,
	    size_t len);
/*
 * The stricter of r's label (moderate when absent) and its content: the
 * tier the rest interval and the weekly limit follow.
 */
enum intensity validate_effective_tier(const struct routine *r);
/*
 * The routine's rest and weekly limit: its limits, or the defaults of its
 * effective tier (docs/routines.md's table). The store holds deep work at
 * least DEEP_REST_S whatever these say (history_limits.c).
 */
int64_t	validate_rest_s(const struct routine *r);
/* Daily homework (per-week >= 7): the rest counts as met from this. */
#define HOMEWORK_DAILY_REST_S	(20 * 3600)
/*
 * validate_rest_s with a daily homework's grace: the rest between two of
 * its sessions but for deep work (history_rest_s holds deep work 24 h).
 */
int64_t	validate_homework_rest_s(const struct routine *r);
int64_t	validate_per_week(const struct routine *r);	/* 0: none */
/*
 * The wording rules (validate_wording.c), called by validate_routine:
 * warnings where a routine lies the user on the back with no pregnancy
 * question, and where a two-sided step, or the position before it, says
 * "one calf" (it starts on the left: say so).
 */
void	validate_wording(const struct routine *r, struct diag_list *dl);
/*
 * The length a summary states in English, in whole minutes: "Four
 * minutes at the desk ..." (its first two words) or "... About 9
 * minutes." ("about", "around", "roughly", "approximately" or "some"
 * before the number, in figures or words up to sixty); -1 when it states
 * none. validate_routine warns when the routine's length is more than a
 * minute away from it: list and the home screen show both.
 */
int	validate_summary_minutes(const char *summary);
/* Warn when r's summary states a length a minute or more off total_ms. */
void	validate_summary_length(const struct routine *r, uint64_t total_ms,
	    struct diag_list *dl);
/*
 * The few warnings the user running r must still be told (the others are
 * for its author, whom knead run only points to knead validate): a routine
 * that lies them on their back without asking about pregnancy, and each
 * danger site an instruction given with pressure names without saying to
 * keep off it. Sentences in language lang ("fr"; NULL: the screen's)
 * into *out (NULL when none; caller frees each and the array); returns
 * how many.
 */
size_t	validate_user_notes(const struct routine *r, const char *lang,
	    char ***out);
/*
 * The same sentences as one text, each a line starting "Note: " in lang;
 * NULL when none (caller frees).
 */
char	*validate_user_text(const struct routine *r, const char *lang);
/* validate_body.c's part of it: the danger sites, appended after n. */
size_t	validate_danger_notes(const struct routine *r, const char *lang,
	    char ***out, size_t n);
/* Seconds of work one side gets from a press, roll or contract-relax. */
int64_t	validate_step_work_s(const struct rstep *s);

/*
 * The first word of text that names a danger site (neck, throat, jaw,
 * spine, behind the knee, lowest rib, groin: guarded or not) or a sign to
 * stop (numbness, tingling, pins and needles, shooting or sharp pain,
 * dizziness, "stop"): a text the voice must say whole. The word as
 * written, *len bytes long; NULL when there is none.
 */
const char *validate_safety_word(const char *text, size_t *len);

/*
 * The time a position step leaves to act on its instruction once it is
 * said: the side switch's default (ROUTINE-FORMAT.md, "switch"), the time
 * the program itself gives for the smallest change of position.
 */
#define VALIDATE_ACT_MS	5000

/*
 * The speech check (validate_speech.c): at the say: line of each
 * instruction whose first full speaking, measured by voice (espeak-ng
 * through speech.h in `knead validate`, as the live session measures it),
 * does not end TL_MARGIN_MS before its first step does (the timeline
 * leaves its text out), an error when the text names a danger site or a
 * sign to stop (validate_safety_word), else a warning. A position step
 * whose instruction is said whole but leaves less than VALIDATE_ACT_MS of
 * the step once said gets a warning too: the person hears where to go
 * only as the next step starts. Call it on a routine without errors.
 * Returns the number of diagnostics added.
 */
int	validate_speech(const struct routine *r, const struct tl_voice *voice,
	    struct diag_list *dl);

#endif
