/*
 * Which cues a plan step plays and when, and what its spoken line says: pure
 * functions under the speech timeline (timeline.h), which the live session
 * and `knead render` both consume, so both sound the same.
 */
#ifndef KNEAD_CUEPLAN_H
#define KNEAD_CUEPLAN_H

#include <stddef.h>
#include <stdint.h>

#include "audio.h"

struct plan;

struct cue_event {
	uint64_t	at_ms;	/* offset from the step's start */
	enum cue	cue;
};

/*
 * The cues of plan step i, in time order: its start cue, halfway chime
 * (holds >= 30 s when enabled), countdown ticks in the last countdown_s
 * seconds, pass ticks, inhale/exhale tones, and at its end the session-end
 * bell (last step) or the step-end bell (a step with a pain rating after
 * it, before which the next start cue waits). Writes at most max events
 * and returns how many there are in all (may exceed max).
 */
size_t	cueplan_step(const struct plan *, size_t i, int countdown_s,
	    int halfway, struct cue_event *out, size_t max);

/*
 * The spoken line for step i: kind, area and side, then SPEECH_SEP and its
 * say text ("Press. Upper trapezius, left side.\x1fLean into the ball...";
 * speech.h: the say text is spoken in the routine's language). knead's
 * words are in the routine's cues.lang, else the locale's language, when
 * words.h has them, and the line then starts with SPEECH_SEP ("\x1fPression.
 * Trapèze supérieur, côté gauche."); else in English.
 */
void	cueplan_say(const struct plan *, size_t i, char *buf, size_t len);
/*
 * What step ps counts, as w says it after its name: " Rep 2 of 3.", a
 * roll's " Set 2 of 2.", a contraction's " Cycle 2 of 3." (from the
 * second: the first's instruction needs its time), or "". Returns the
 * bytes written.
 */
struct pstep;
struct words;
size_t	cueplan_count(const struct words *w, const struct pstep *ps, char *buf,
	    size_t len);

/*
 * What p says before its clock starts, as words_preamble takes it: its
 * routine's summary and homework note, whether tones pace its breathing,
 * and safety (the caller's lines for the user's safety, NULL none). One
 * filling for the live session and the recording, so both say the same.
 */
struct words_pre;
void	cueplan_preamble(const struct plan *, const char *safety,
	    struct words_pre *);

/* The cue that starts a step of plan kind k (CUE_PRESS, CUE_SWITCH, ...). */
enum cue cueplan_start_cue(int kind);

#endif
