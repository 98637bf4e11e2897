/*
 * The session state machine: one guided run through an expanded plan.
 *
 * session_handle(s, action, arg, now) applies one user action (or SA_TICK:
 * time has passed) at the CLOCK_MONOTONIC time now and returns the events
 * it caused, in order. The events are owned by the session and valid until
 * the next call. Nothing here sleeps, draws or plays sound: the caller (the
 * curses screen or --plain) turns events into pixels, cues, history rows
 * and event-log lines, and sleeps until session_next_wake().
 *
 * States: SCREEN (asking the routine's yes/no questions; any yes ends the
 * session before it starts) -> READY -> ACTIVE <-> PAUSED, with PAIN (a
 * 0..10 rating is due after a check: pain step) and QUIT_ASK (q waits for
 * a confirmation) on the side; DONE at the end with an outcome.
 */
#ifndef KNEAD_SESSION_H
#define KNEAD_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "audio.h"
#include "sched.h"

struct plan;
struct tl_line;
struct tl_voice;

enum session_state {
	SESSION_SCREEN,
	SESSION_READY,
	SESSION_ACTIVE,
	SESSION_PAUSED,
	SESSION_PAIN,
	SESSION_QUIT_ASK,
	SESSION_DONE
};

enum session_outcome {
	OUTCOME_NONE,
	OUTCOME_COMPLETED,
	OUTCOME_STOPPED,	/* q, confirmed */
	OUTCOME_HALTED,		/* !: pain, numbness, tingling */
	OUTCOME_SCREENED,	/* a screening answer was yes */
	OUTCOME_INTERRUPTED	/* a signal (SIGTERM, SIGHUP) ended it */
};

enum session_action {
	SA_START,		/* READY -> ACTIVE: step 0 starts now */
	SA_TICK,		/* time passed: end steps, fire cues */
	SA_TOGGLE,		/* pause or resume */
	SA_PAUSE,
	SA_RESUME,
	SA_NEXT,		/* skip the rest of this step */
	SA_BACK,		/* restart this step, or the previous one */
	SA_PLUS10,
	SA_MINUS10,
	SA_RELEASE,		/* end an until-release hold */
	SA_STOP_NOW,		/* !: outcome halted */
	SA_QUIT,		/* q: ask for a confirmation */
	SA_QUIT_YES,		/* confirmed: outcome stopped */
	SA_QUIT_NO,
	SA_PAIN,		/* arg: the rating 0..10, -1 no answer */
	SA_SCREEN,		/* arg: 1 yes, 0 no, 2 no answer */
	SA_SIGNAL_END		/* a signal ends the process: outcome
				   interrupted (stopped before it began);
				   not SA_INTERRUPT, a <signal.h> macro */
};

enum session_ev {
	SEV_SESSION_START,
	SEV_STEP_START,
	SEV_STEP_END,		/* done_ms, finished */
	SEV_CUE,		/* value: enum cue */
	SEV_PAUSE,
	SEV_RESUME,
	SEV_SHIFT,		/* value: ms really added (may be < 0) */
	SEV_SKIP,
	SEV_BACK,		/* value: 0, or refused: enum session_dose_max */
	SEV_RELEASE,
	SEV_PAIN_ASK,		/* value: 0, or asked again (the n-th time,
				   or after the quit question: n + 1) */
	SEV_PAIN,		/* value: the rating */
	SEV_AREA_STOP,		/* value: steps dropped; pain >= 8 */
	SEV_QUIT_ASK,
	SEV_QUIT_CANCEL,
	SEV_SCREEN_ASK,		/* value: question index */
	SEV_SCREEN_CLEAR,	/* every answer was no */
	SEV_SESSION_END,	/* outcome */
	SEV_SAY			/* line: a spoken line of the step is due */
};

/* Which of a spot's session limits refused b (DOMAIN.md). */
enum session_dose_max {
	SESSION_DOSE_OK,
	SESSION_DOSE_HOLDS,	/* holds_per_point_max: 3 holds */
	SESSION_DOSE_PRESSURE	/* 3 minutes of pressure on one spot */
};

#define SESSION_SHIFT_MS	10000	/* + and - */
#define SESSION_BACK_GRACE_MS	3000	/* b later than this restarts */
/* A line a pause cut is said again this long after the clock goes on. */
#define SESSION_AGAIN_MS	400
/*
 * n answers no (a safety question) and goes on (the quit question) as it
 * skips a step: for this long after such an answer it skips nothing, so
 * that a key pressed twice does not skip a step unheard.
 */
#define SESSION_NEXT_GUARD_MS	1000
/* The pain question, unanswered, comes again this often, so many times. */
#define SESSION_PAIN_AGAIN_MS	30000
#define SESSION_PAIN_AGAIN_MAX	3
/* + on a routine that is not deep: more on one spot is deep work. */
#define SESSION_LIGHT_SPOT_S	120

struct session_event {
	enum session_ev		 type;
	size_t			 step;		/* plan index */
	uint64_t		 at_ns;		/* when it was due */
	int			 value;
	uint64_t		 done_ms;	/* SEV_STEP_END */
	int			 finished;	/* SEV_STEP_END: not cut */
	enum session_outcome	 outcome;	/* SEV_SESSION_END */
	const struct tl_line	*line;		/* SEV_SAY: valid until the
						   next session_handle */
	const char		*why;		/* SEV_SHIFT: why + stopped
						   short; SEV_BACK: why b
						   was refused (static), NULL */
	int			 cap_s;		/* ...at this step length */
};

struct session_opts {
	int		countdown_s;	/* cue ticks in the last N s */
	int		halfway;	/* halfway chime */
	int		screened;	/* the questions were already asked */
	/*
	 * How long lines take to say (timeline.h), read when each step
	 * loads; NULL: the session has no spoken lines, only cues.
	 */
	const struct tl_voice *voice;
	/*
	 * When the questions were answered before this session (the screening
	 * runs on a session of its own): n skips nothing until
	 * SESSION_NEXT_GUARD_MS after it. 0: none.
	 */
	uint64_t	answered_ns;
	/*
	 * tl_opts' tones_told, read when each step loads (the preamble may
	 * be cut after the session is made); NULL: 0.
	 */
	const size_t	*tones_told;
};

/* A cue of the current step still to come, at an absolute time. */
struct session_cue {
	enum cue	cue;
	uint64_t	at_ns;
};

/* A spoken line of the current step still to come (timeline.h). */
struct session_line {
	const struct tl_line	*line;	/* valid until session_handle */
	uint64_t		 at_ns;
};

struct session;

/* A session over p (borrowed; must outlive it). */
struct session	*session_new(const struct plan *p, const struct session_opts *);
void		 session_free(struct session *);

size_t		 session_handle(struct session *, enum session_action, int arg,
		    uint64_t now_ns, const struct session_event **evs);

enum session_state session_state(const struct session *);
enum session_outcome session_outcome(const struct session *);
const char	*session_outcome_name(enum session_outcome);
/* The same for the screen, translated ("terminée"). */
const char	*session_outcome_label(enum session_outcome);
const char	*session_event_name(enum session_ev);
/* The current plan step. */
size_t		 session_step(const struct session *);
/* The next step that will run, or SIZE_MAX when this is the last. */
size_t		 session_next_step(const struct session *);
/* The timing, for drawing (read-only). */
const struct sched *session_sched(const struct session *);
/*
 * When to call SA_TICK next; SCHED_NEVER while waiting for input only
 * (the pain question is asked again a few times first).
 */
uint64_t	 session_next_wake(const struct session *, uint64_t now_ns);
/*
 * Until when a short word said from now (a key's) would hear no line or
 * cue of the step: now while a line is said or the clock is stopped,
 * else the next line less TL_GAP_MS, the next cue, or the step's end less
 * TL_MARGIN_MS.
 */
uint64_t	 session_voice_free_until(const struct session *, uint64_t now_ns);
/*
 * The same for a word that cuts the line being said (the voice or mute
 * key's, as it turns the voice or the sound off): the line said now does
 * not count.
 */
uint64_t	 session_voice_room(const struct session *, uint64_t now_ns);
/*
 * The voice or the sound came back on at now (v, m), with a word of
 * word_ms said at once: the line being said, unheard, is cut now and said
 * again after the word and SESSION_AGAIN_MS, as after a pause (its
 * longest form that fits, timeline_again). 1 when a line was cut (the
 * caller stops its sound and hands the step's sounds again), else 0.
 */
int		 session_voice_back(struct session *, uint64_t now_ns,
		    uint64_t word_ms);
/*
 * Cues and spoken lines of the current step not yet fired (for scheduling
 * audio ahead), in a list *out the caller frees (NULL when none).
 */
size_t		 session_pending_cues(const struct session *,
		    struct session_cue **out);
size_t		 session_pending_lines(const struct session *,
		    struct session_line **out);
/* The screening question being asked (index in routine->screen). */
size_t		 session_screen_index(const struct session *);
/* "yes"/"no" per screening question answered so far (NULL-terminated). */
const char *const *session_screen_answers(const struct session *);
/* Whether step i was dropped (pain >= 8 on its area and side). */
int		 session_dropped(const struct session *, size_t i);
/*
 * Step i's number (from 1) among the steps that run and how many run: the
 * plan's, less the steps a pain stop dropped (the screen's "step 2/9").
 */
void		 session_step_count(const struct session *, size_t i,
		    size_t *num, size_t *total);
/*
 * sched_clock's time spent and length as it now stands, without the steps
 * still ahead that a pain stop dropped (they will not run); the session's
 * progress 0..1000 on that length.
 */
void		 session_clock(const struct session *, uint64_t now_ns,
		    uint64_t *done_ns, uint64_t *total_ns);
unsigned	 session_progress(const struct session *, uint64_t now_ns);
/* Time done on step i (all runs of it) and its pain rating (-1: none). */
uint64_t	 session_done_ms(const struct session *, size_t i);
int		 session_pain(const struct session *, size_t i);

#endif
