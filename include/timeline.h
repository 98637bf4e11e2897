/*
 * The speech timeline: what sounds when in one plan step, its cues and its
 * spoken lines with their lengths, fitted so that speech never falls behind
 * the plan. One pure function, consumed by the live session (session.c,
 * run.c) and by `knead render`, so both sound the same by construction.
 *
 * The rule (docs/knead.1, "Spoken guidance"):
 * - The full line of a routine step (kind, area, side, rep, then its say
 *   text) is spoken once, at the start of its first plan step (first rep,
 *   first side, the contract phase of contract-relax). Later reps, the
 *   other side and the later phases get the short form: the kind word,
 *   the side, the rep ("Relax.", "Press. Right side. Rep 2 of 3.").
 * - A line must end TL_MARGIN_MS before its step ends. A full line that
 *   does not is said without its say text (the head: kind, area, side,
 *   rep); a head that does not fit becomes the short form; a short form
 *   that does not fit is dropped. So a line never crosses a step boundary
 *   and never delays the next step's line or cue.
 * - Countdown words yield to instructions: "Ten seconds." is dropped when
 *   the line before still speaks, and countdown ticks that fall inside a
 *   spoken line are left out.
 * - The breathing pacer yields to speech too: its tones inside a spoken
 *   line are left out, and after the step's first line (or a line that
 *   covered a tone) it resumes at the next inhale, never with an exhale.
 *   Breaths keep their times from the step's start (sched_breath).
 * - A live session whose preamble was cut before it said what the tones
 *   mean has its first paced step's full line end with that, when both
 *   fit (tl_opts' tones_told); a recording has its whole preamble.
 * No caps: every list is on the heap.
 */
#ifndef KNEAD_TIMELINE_H
#define KNEAD_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "cueplan.h"

#define TL_MARGIN_MS	300	/* a line ends this long before its step */
#define TL_GAP_MS	200	/* between two lines of a step */
/* A halfway chime moved past a line keeps this much before the next cue. */
#define TL_HALF_ROOM_MS	1000

struct plan;

enum tl_form {
	TL_FULL,		/* kind, area, side, rep and the say text */
	TL_HEAD,		/* the same without the say text */
	TL_SHORT,		/* kind word, side, rep */
	TL_COUNT		/* "Ten seconds." */
};

/* One spoken line, at an offset from its step's start. */
struct tl_line {
	uint64_t	 at_ms;
	uint64_t	 len_ms;	/* as the voice says it */
	enum tl_form	 form;
	char		*text;		/* as speech.h takes it (SPEECH_SEP) */
};

/* What one step sounds: cues and lines, each in time order. */
struct tl_step {
	struct cue_event *cue;
	size_t		 ncue;
	struct tl_line	*line;
	size_t		 nline;
};

/*
 * How long the voice takes to say text, in ms; 0 when it would say
 * nothing. The live engine synthesises the line (and keeps it for when it
 * is played); render and the validator synthesise it with espeak-ng; unit
 * tests may count characters.
 */
struct tl_voice {
	uint64_t	(*measure)(void *ctx, const char *text);
	void		*ctx;
};

struct tl_opts {
	int			 countdown_s;	/* routine_countdown_s */
	int			 halfway;	/* routine_halfway */
	const struct tl_voice	*voice;		/* NULL: no speech */
	/*
	 * 1 + the step whose full line ends with what the breathing tones
	 * mean (words_tones), when that fits (else the line as ever): the
	 * live session's first paced step when the preamble that says it
	 * was cut before it (run.h). 0: none.
	 */
	size_t			 tones_told;
};

/*
 * Fill out with step i of p as it runs for len_ms (its planned length, or
 * what +/-10 s made of it). out is overwritten: free it with
 * timeline_step_free (a zeroed struct is empty).
 */
void	timeline_step(const struct plan *p, size_t i, uint64_t len_ms,
	    const struct tl_opts *, struct tl_step *out);
void	timeline_step_free(struct tl_step *);

/*
 * Say a line of step i again at at_ms of s, its sounds as it runs for
 * len_ms (a pause or the quit question cut the line, form f): the longest
 * of its forms, none longer than f, that ends before what comes next (its
 * next line and TL_GAP_MS, its next cue but the tones and pass ticks, the
 * step's end and TL_MARGIN_MS). The tones inside it yield, as under any
 * line. Returns 0 when a line was added to s, in time order, -1 when none
 * fits or f is TL_COUNT. Lines and cues before at_ms stay where they are.
 */
int	timeline_again(const struct plan *p, size_t i, uint64_t len_ms,
	    enum tl_form f, uint64_t at_ms, const struct tl_voice *,
	    struct tl_step *s);

/* Whether step i speaks its routine step's full line (its first step). */
int	timeline_first(const struct plan *p, size_t i);
/* The line of step i in form f (TL_FULL, TL_HEAD or TL_SHORT). */
void	timeline_text(const struct plan *p, size_t i, enum tl_form f,
	    char *buf, size_t len);
/*
 * A line as a person reads it, for the event log and `render --schedule`:
 * the voices' separators (speech.h) become spaces, none leads. Writes at
 * most len bytes including the NUL.
 */
void	timeline_plain(const char *text, char *buf, size_t len);
/* "full", "head", "short", "count". */
const char *timeline_form_name(enum tl_form);

#endif
