/*
 * The run engine's own parts (run.c, run_store.c, run_text.c): how a run
 * saves its steps, pain ratings and end in the history store, and what
 * it says when the clock stops for a key.
 */
#ifndef KNEAD_RUN_INT_H
#define KNEAD_RUN_INT_H

#include <stddef.h>
#include <stdint.h>

#include "session.h"

struct run;

/*
 * Record step i (finished: ended as planned); nothing before the run
 * began. halted: ! stopped it: it is recorded, at 0 ms too, on the area
 * ! marks (plan_halt_mark), which the store holds as the session's last.
 */
void	run_store_step(struct run *, size_t i, uint64_t done_ms, int pain,
	    int finished, int halted);
/* Record the pain rating of step i. */
void	run_store_pain(struct run *, size_t i, int pain);
/* Save what is left and the session's end (see run_store.c). */
void	run_store_end(struct run *, enum session_outcome);
/*
 * The clock stopped at now for a key (a pause, or the quit question when
 * quit): the voice says that the session waits, and for which key
 * (run_text.c).
 */
void	run_say_wait(struct run *, int quit, size_t step, uint64_t now_ns);
/*
 * Measure (synthesise) the lines of the first two steps before the
 * session's clock starts: the start hands the first step's line to the
 * sound and schedules the second step's on the first one's end, and both
 * are then made, so no synthesis (5-30 ms a line) holds the first line
 * up. Again when the sound changes, and when those lines change (run.c).
 */
void	run_warm(struct run *);
/*
 * What is being said was cut at now_ns before the session's clock started
 * (an Enter at the preamble, an answer): a preamble cut before it said
 * what the tones mean has the first paced step's line say it (run.c).
 */
void	run_tones_cut(struct run *, uint64_t now_ns);
/*
 * The pain question at now, with the keys that answer it; the first time
 * (not again) after "Ease off the spot." (run_text.c).
 */
void	run_say_pain(struct run *, int again, uint64_t now_ns);
/*
 * What a key did that nothing else tells a listener: v turned the voice
 * on, m the sound, + and - moved the step's end (or + did not: the spot's
 * dose), the clock goes on (no cut line is said again). Said at once when it
 * ends before the step's next line and its end, with no line being said
 * (session_voice_free_until); otherwise not (run_text.c).
 */
enum run_key_said {
	RUN_KEY_VOICE_ON,
	RUN_KEY_SOUND_ON,
	RUN_KEY_PLUS,
	RUN_KEY_MINUS,
	RUN_KEY_GO_ON,
	RUN_KEY_PLUS_CAPPED,
	RUN_KEY_VOICE_OFF,		/* heard through: it cuts the line */
	RUN_KEY_SOUND_OFF,		/* the same */
	RUN_KEY_SAID__COUNT
};
extern const char *const run_key_said[RUN_KEY_SAID__COUNT];
void	run_say_key(struct run *, enum run_key_said);
/* How long k's word is said (ms), 0 when it is not (muted, voice off). */
uint64_t run_key_said_ms(struct run *, enum run_key_said);

#endif
