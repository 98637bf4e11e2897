/*
 * The run engine (run.c): one guided run, shared by the two front ends (the
 * curses screen in ui_session.c and --plain in plain.c, frontend.h) and set
 * up by cmd_session.c.
 *
 * The front ends read the clock, turn keys or lines into session actions
 * and pass them to run_apply(), which runs the state machine and sends its
 * events to every back end at once: the audio engine (cues scheduled ahead
 * on their deadlines), the history store, and the event log. So both front
 * ends have the same timing and events.
 */
#ifndef KNEAD_RUN_H
#define KNEAD_RUN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "compat.h"
#include "keys.h"
#include "plan.h"
#include "session.h"
#include "timeline.h"

struct audio;
struct audio_opts;
struct inbox;
struct clock;
struct eventlog;
struct history;
struct library;
struct resting;
struct routine;

struct run_opts {
	int		 no_sound;
	int		 no_voice;
	const char	*device;
	int		 volume;		/* -1: default */
	int		 plain;
	const char	*override;
	int		 skip_resting;
	const char	*log_path;
	const char	*db_path;
	const char	*routines_dir;
	const char	*routine_arg;	/* as typed (NULL: the home screen's) */
};

/*
 * What a run came to: data for the command layer, which alone turns it
 * into an exit code (cmd_session.c, one table).
 */
enum run_result {
	RUN_OK,			/* begun; from a front end: the run is over */
	RUN_ENDED,		/* run_screen: screened out, or quit at a
				   question; run->session holds it, ended */
	RUN_REFUSED,		/* the rest policy said no: rest/nrest say
				   why (refusal.c has the words) */
	RUN_STORE_FAILED	/* the history store could not begin it:
				   the cause says why */
};

#define RUN_MAX_QUEUE	32
/* Tries to save a session's end, and the pause between them. */
#define RUN_END_TRIES	3
#define RUN_END_PAUSE_MS 500
#define RUN_LENS	16	/* line lengths kept (run_measure) */
/* How long a key's answer stays on the status line (run_brief). */
#define RUN_BRIEF_MS	8000

/*
 * What the run engine asks of the sound: the audio engine (run_sound_audio)
 * or, in the unit tests, a recorder. Times are CLOCK_MONOTONIC ns.
 */
struct run_sound {
	void		(*cue_at)(void *, enum cue, uint64_t when_ns);
	void		(*say_at)(void *, const char *text, uint64_t when_ns);
	uint64_t	(*say_ms)(void *, const char *text);
	void		(*cancel_from)(void *, uint64_t when_ns);
	void		(*cut_speech)(void *, uint64_t when_ns);
	/*
	 * The earliest time a sound asked for at now_ns is heard on time
	 * (audio_heard_from); NULL: now_ns.
	 */
	uint64_t	(*heard_from)(void *, uint64_t now_ns);
	void		*ctx;
	/* say_at heard voice off or muted (audio_say_through_at); NULL: none. */
	void		(*say_through_at)(void *, const char *text,
			    uint64_t when_ns);
};

struct run {
	const struct run_opts	*opts;
	const struct clock	*clock;
	const struct routine	*routine;	/* borrowed */
	struct plan		 full;		/* as built */
	struct plan		 dropped;	/* --skip-resting; used if n */
	const struct plan	*plan;		/* the one that runs */
	struct session		*session;
	struct audio		*audio;
	/* Lines sent to this session (remind --notify: inbox.h), or NULL. */
	struct inbox		*inbox;
	/* Sound to open after the first frame (run_open_audio), or NULL. */
	const struct audio_opts	*audio_later;
	struct run_sound	 sound;		/* the audio engine's, or a
						   test's */
	struct tl_voice		 voice;		/* measures lines by sound */
	char			*notes[2];	/* safety notes shown, said */
	int			 notes_made;
	struct run_len {			/* lines measured lately */
		char		*text;
		uint64_t	 ms;
	}			 lens[RUN_LENS];
	size_t			 nextlen;
	struct history		*history;
	struct eventlog		*log;
	int64_t			 sid;
	int			 begun;		/* history_begin succeeded */
	int			 ended;		/* history_end done */
	/*
	 * Steps (and pain ratings) the store could not take (a full disk):
	 * kept in order and tried again at each step end and at the end.
	 */
	struct run_unsaved {
		size_t		 step;
		/* Recorded on: the step's, or what ! marked on it. */
		struct area_side mark;
		uint64_t	 done_ms;
		int		 pain;		/* -1: none */
		int		 finished;
		int		 pain_only;	/* the step is saved */
	}			*unsaved;
	size_t			 nunsaved, capunsaved;
	int			 store_failing;	/* said on the screen */
	char			 store_why[256]; /* why it began failing */
	int			 store_lost;	/* unsaved at the end: exit 74 */
	int			 reserve_told;	/* the reserve's use was said */
	uint64_t		 cues_at_ns;	/* when cues were last handed
						   to the audio engine */
	size_t			 pre_step;	/* next step whose start cues */
	uint64_t		 pre_ns;	/* were scheduled for pre_ns */
	size_t			 ahead_step;	/* the step that began with */
	uint64_t		 ahead_ns;	/* its cues scheduled ahead */
	int			 batch_starts;	/* a step starts in the events
						   being dispatched */
	size_t			 pain_step;	/* finished, rating due */
	int			 pain_pending;
	int			 end_cue_due;	/* the session-end cue came due
						   (its SEV_CUE was seen) */

	struct resting		*rest;		/* refusal or skipped areas */
	size_t			 nrest;
	int			 refused;	/* history_begin refused */
	int			 halt_still;	/* an override over a halt for
						   pain: not gone, or no answer,
						   or a nerve symptom near the
						   arm (halt_why_no_override) */
	struct resting		*passed;	/* halts whose hold passed, */
	size_t			 npassed;	/* asked about first
						   (history_halts_passed) */
	struct resting		*still;		/* of those, the ones not */
	size_t			 nstill;	/* gone: held (begin_opts) */
	int			 halt_quit;	/* q at such a question:
						   quit, nothing stored */
	int			 passed_read;	/* run->passed is read */
	enum screen_urgency	 screen_yes;	/* urgency of a screening
						   "yes" (run_screen) */
	int			 screen_earlier; /* that "yes" was given
						   earlier today: */
	int64_t			 screen_yes_at;	/* then (wall s), */
	size_t			 screen_yes_i;	/* to this question */
	uint64_t		 halt_q_at_ns;	/* the halt's question said
						   from then (run_halt_ask) */
	uint64_t		 key_said_until_ns; /* a key's word ends
						   (run_say_key) */
	uint64_t		 answered_ns;	/* the last screening answer:
						   n skips nothing just after
						   it (session_opts) */
	int			 screen_unanswered; /* input ended at a
						   question (run_screen) */
	char			*cause;		/* why run_begin failed */

	uint64_t		 aftercare_end_ns; /* the spoken aftercare
						   ends (0: none said) */
	uint64_t		 said_until_ns;	/* the preamble or a
						   question said ends */
	uint64_t		 tones_said_ns;	/* the preamble has said
						   what the tones mean by
						   then (0: it does not) */
	size_t			 tones_told;	/* tl_opts': a cut came
						   before tones_said_ns */
	char			 status[256];	/* status line */
	unsigned		 nstatus;	/* times it was set: --plain
						   prints each key's answer,
						   the same text again too */
	int			 status_note;	/* it is about the step being
						   worked: cleared as the
						   next starts (run_note) */
	uint64_t		 brief_until_ns; /* a key's answer (run_brief)
						   ends then, 0: none */
	char			 brief_kept[256]; /* the line it covered, */
	int			 brief_kept_note; /* shown again after it */
	int			 framed;	/* the screen's first frame is
						   drawn (and logged) */
	char			*queue[RUN_MAX_QUEUE];	/* after endwin */
	size_t			 nqueue;
};

/*
 * Ask the history store to begin: rest limits, the per-week cap, the
 * screening answers. Creates the session. Returns RUN_OK, RUN_REFUSED
 * (rest/nrest say why) or RUN_STORE_FAILED with *cause.
 */
enum run_result run_begin(struct run *, const char *const *answers,
	    char **cause);
/*
 * Whether a rest limit refuses the run now: RUN_REFUSED, recorded as a
 * refused attempt (rest/nrest say why), or RUN_OK with nothing recorded
 * and no session; RUN_STORE_FAILED with *cause. run_screen asks it before
 * the questions; the home screen before the routine's first page.
 */
enum run_result run_refusal(struct run *, char **cause);
/*
 * An override over a spot halted for pain that the user says still
 * hurts, did not answer about, or that no override passes (run_screen):
 * sets halt_still, and records the attempt as refused, with the
 * override's reason and what rests. RUN_REFUSED, or RUN_STORE_FAILED
 * with *cause.
 */
enum run_result run_halt_refused(struct run *, char **cause);
/*
 * A session of run->plan with the options run_begin gives it, not begun:
 * run_begin's, and the screen's first frame before the store has begun
 * (ui_session_preview).
 */
struct session *run_session_new(struct run *);
/*
 * The spots of the plan whose hold after a halt for pain has passed, not
 * worked since (history_halts_passed), read once into run->passed:
 * run_screen asks about each first. RUN_OK, or RUN_STORE_FAILED with
 * *cause.
 */
enum run_result run_halts_passed(struct run *, char **cause);
/*
 * Ask the routine's screening questions through ask (returns 1 yes, 0 no,
 * 2 quit, 3 no answer: input ended, kept as screened out), logging them,
 * then run_begin. A question answered "no" earlier today is not asked
 * again; nor is one answered "yes" earlier today: that "yes" stands, and
 * the session ends screened out there (kept as such, run->screen_earlier
 * set). ask gets the question's place k (from 0) among the n that are
 * asked, for the count the front ends show. A rest limit that refuses
 * the run is found first: then RUN_REFUSED before any question. Returns
 * RUN_OK (begun), RUN_ENDED (screened out or quit: run->session holds the
 * ended session), or run_begin's result (its cause in run->cause).
 */
enum run_result run_screen(struct run *,
	    int (*ask)(void *, size_t k, size_t n, const char *), void *ctx);
/*
 * What the client is told before the session (the routine's summary, then
 * "Note from BY: NOTE" of a homework, then "Note: " lines for their
 * safety), lines split by newlines, into buf; returns its length (0:
 * nothing to tell). run_say_preamble says the same in the routine's
 * language.
 */
size_t	run_preamble(struct run *, char *buf, size_t len);
/*
 * Say the preamble at now_ns, before SA_START: the session's clock has not
 * begun, so the front end starts the session when it has been heard (or
 * at a key, after run_cut_preamble). Returns its length in ns, 0 when
 * nothing is said (no preamble, no voice).
 */
uint64_t run_say_preamble(struct run *, uint64_t now_ns);
/*
 * Say after it how to go on from a page that waits for a key (the
 * screen's): a listener cannot read "Enter start".
 */
void	run_say_start_keys(struct run *);
/*
 * A refused run (not in the home screen, which shows it): the voice says
 * that nothing started, the first area that must rest, and that the
 * screen says until when, in the routine's language (the refusal's words
 * are the screen's), and returns once it is heard; with no sound wanted,
 * or muted, nothing.
 */
void	run_say_refused(struct run *);
/* What it says: the first area that holds the run by its spoken name. */
void	run_refused_line(struct run *, char *said, size_t len);
void	run_cut_preamble(struct run *, uint64_t now_ns);
/*
 * When to start the session's clock (SA_START) asked at now_ns: the time
 * returned, at which the sound can play what is asked for now on time
 * (now_ns itself when silent). The first step's start cues and line are
 * handed to the sound here, for that time, as each later step's are on
 * the end of the step before: the session's first line is heard on its
 * deadline, not a device latency after it. The front end waits until
 * then and applies SA_START with the time returned.
 */
uint64_t run_start_at(struct run *, uint64_t now_ns);
/*
 * End the session on the termination signal sig: SIGINT (Ctrl-C) as a
 * confirmed quit (stopped), any other (SIGTERM, SIGHUP: a shutdown, a
 * closed terminal) as interrupted. Returns the last action's events.
 */
size_t	run_signal_end(struct run *, int sig, uint64_t now_ns,
	    const struct session_event **);
/* The user's quit, confirmed, at once (stopped); the last events. */
size_t	run_quit_now(struct run *, uint64_t now_ns,
	    const struct session_event **);
/* Apply an action at now; returns the events (see session_handle). */
size_t	run_apply(struct run *, enum session_action, int arg, uint64_t now_ns,
	    const struct session_event **evs);
/*
 * The session action of key action k (keys.h) in the run's state: space
 * ends an until-release hold, else pauses; mute and voice are done here
 * (the status line says so) and give SA_TICK, as do help and no action.
 */
enum session_action run_key(struct run *, enum key_act k);
/* Set the status line (shown by the screen, printed by --plain). */
void	run_status(struct run *, const char *fmt, ...) printflike(2, 3);
/*
 * The same for a note about the step being worked (+ stopped at its cap,
 * b refused, an override's warning): it is cleared when the next step
 * starts, where it would read as being about that step.
 */
void	run_note(struct run *, const char *fmt, ...) printflike(2, 3);
/*
 * A key's answer on the status line for RUN_BRIEF_MS, about the step;
 * run_brief_end (run_apply calls it) then shows the line it covered.
 */
void	run_brief(struct run *, const char *fmt, ...) printflike(2, 3);
void	run_brief_end(struct run *, uint64_t now_ns);
/* Queue a message printed to stdout after the screen is gone. */
void	run_queue(struct run *, const char *fmt, ...) printflike(2, 3);
/*
 * Say msgid (context ctx, NULL none) in the routine's language, then text
 * (the routine's own, NULL none), once what was said before it ends:
 * *until, which then holds when this ends (a front end waits for it, or
 * the next line follows it). Muted or with the voice off, nothing.
 * Returns when it is said (0: not said) and its length in *ms.
 */
uint64_t run_say_after(struct run *, const char *ctx, const char *msgid,
	    const char *text, uint64_t *until, uint64_t *ms);
/* Print the queued messages, line by line and cleaned. */
void	run_print_queue(struct run *, FILE *);
/* The end-of-session summary, one line at a time, into the queue. */
void	run_summary(struct run *);
/*
 * After a halt (!), once the summary and its safety note are shown: what
 * made the user stop, one optional question (halt_why.h's words and keys;
 * run_halt.c). run_halt_asks: is it asked (a halted session the store
 * keeps)? run_halt_ask: the front end shows it, the voice says it after
 * the safety note. run_halt_why: the answer (NULL: Enter, Esc, q, the end
 * of input), kept on the session; what it means is queued (its words; a
 * clinician's visit for nerve symptoms near the neck or arm, said too).
 */
int	run_halt_asks(const struct run *);
void	run_halt_ask(struct run *);
void	run_halt_why(struct run *, const char *why);
/* "upper trapezius, left side" for step i ("" when it has no area). */
void	run_where(const struct pstep *, char *buf, size_t len);
/* The safety note shown after ! and after a yes to a screening question. */
extern const char *const run_safety_note;	/* N_(): _() at use */
/* After neck work: the signs of a stroke are an emergency (DOMAIN 3.3). */
extern const char *const run_neck_note;		/* N_(): _() at use */
extern const char *const run_screen_note;	/* N_(): _() at use */
/*
 * After run_screen screened out: the note and what to do for the urgency
 * of the question answered yes (screen_advice, routine.h), two lines; for
 * a "yes" given earlier today, which question, when, and that it is asked
 * again tomorrow, three.
 */
void	run_screen_message(const struct run *, char *buf, size_t len);

/*
 * Sound through the audio engine a (the session's lines are measured by
 * it, see timeline.h). Before run_begin; a may be NULL (silent).
 */
void	run_set_audio(struct run *, struct audio *a);
/*
 * Open the sound left in audio_later, once (nothing when it is NULL): the
 * screen calls it as soon as its first frame is drawn, so that loading
 * knead-audio.so and starting the device never hold that frame up
 * (modules.h). A message about the sound goes to the status line.
 */
void	run_open_audio(struct run *);
/* Muted, and spoken lines on, as the screen shows them (before too). */
int	run_muted(const struct run *);
int	run_voice_on(const struct run *);
/*
 * When all the session said and played has been heard (CLOCK_MONOTONIC;
 * 0: nothing): a front end that ends waits for it.
 */
uint64_t run_heard_by(struct run *);
/* Sound through s instead (unit tests). */
void	run_set_sound(struct run *, const struct run_sound *s);
/* Free the queued messages. */
void	run_free_queue(struct run *);
/* Free what was set up for the run (audio, session, plans), in reverse. */
void	run_clear(struct run *);

#endif
