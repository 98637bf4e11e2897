/*
 * Unit tests for the run engine (src/run.c) with the fake clock, a real
 * SQLite history store in a temporary folder, and a recording sound in
 * place of the audio engine: what is asked to sound, when, and what is cut.
 * The store is broken, where a test needs it, through SQLite itself.
 * The recorder's voice takes 60 ms a byte, so every time is exact.
 */
#undef NDEBUG
#include <sys/stat.h>

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "areas.h"
#include "audio.h"
#include "clock.h"
#include "diag.h"
#include "eventlog.h"
#include "halt_why.h"
#include "history.h"
#include "i18n.h"
#include "plan.h"
#include "refusal.h"
#include "routine.h"
#include "routine_yaml.h"
#include "run.h"
#include "sched.h"
#include "session.h"
#include "speech.h"
#include "timeline.h"
#include "words.h"

#define MS	(1000000ULL)
#define S	(1000 * MS)
#define T0	(1000 * S)

enum rec_kind { REC_CUE, REC_SAY, REC_CANCEL, REC_CUT };

struct rec {
	enum rec_kind	 kind;
	uint64_t	 at_ns;		/* when it is to sound / from when */
	uint64_t	 asked_ns;	/* the fake clock when it was asked */
	enum cue	 cue;
	char		 text[640];
};

struct fx {
	char			 dir[64];
	char			 path[96];
	struct fake_clock	 fc;
	struct history		*h;
	struct routine		*r;
	struct run_opts		 opts;
	struct run		 run;
	struct rec		*v;
	size_t			 n, cap;
};

static struct rec *
rec_add(struct fx *f, enum rec_kind k, uint64_t at)
{
	struct rec	*r;

	if (f->n == f->cap) {
		f->cap = f->cap * 2 + 64;
		f->v = realloc(f->v, f->cap * sizeof *f->v);
		assert_non_null(f->v);
	}
	r = &f->v[f->n++];
	memset(r, 0, sizeof *r);
	r->kind = k;
	r->at_ns = at;
	r->asked_ns = f->fc.mono_ns;
	return r;
}

static void
rec_cue(void *ctx, enum cue c, uint64_t when_ns)
{
	rec_add(ctx, REC_CUE, when_ns)->cue = c;
}

static void
rec_say(void *ctx, const char *text, uint64_t when_ns)
{
	struct rec	*r = rec_add(ctx, REC_SAY, when_ns);

	timeline_plain(text, r->text, sizeof r->text);
}

static int measured;	/* lines measured (synthesised) so far */

static uint64_t
rec_say_ms(void *ctx, const char *text)
{
	(void)ctx;
	measured++;
	return strlen(text) * 60;
}

/* A sound on time for what is asked this long ahead (0: at once). */
static uint64_t start_lead;

static uint64_t
rec_heard_from(void *ctx, uint64_t now_ns)
{
	(void)ctx;
	return now_ns + start_lead;
}

static void
rec_cancel(void *ctx, uint64_t when_ns)
{
	rec_add(ctx, REC_CANCEL, when_ns);
}

static void
rec_cut(void *ctx, uint64_t when_ns)
{
	rec_add(ctx, REC_CUT, when_ns);
}

static int
setup(void **state)
{
	struct fx	*f = calloc(1, sizeof *f);

	assert_non_null(f);
	snprintf(f->dir, sizeof f->dir, "/tmp/knead-run-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/history.db", f->dir);
	fake_clock_init(&f->fc, T0, 1767225600);	/* 2026-01-01 */
	setenv("LC_ALL", "C.UTF-8", 1);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;
	char		 cmd[160];

	if (f->run.session != NULL || f->run.full.v != NULL)
		run_clear(&f->run);
	run_free_queue(&f->run);
	history_close(f->h);
	routine_free(f->r);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cleanup of %s failed\n", f->dir);
	free(f->v);
	free(f);
	return 0;
}

static uint64_t
silent_say_ms(void *ctx, const char *text)
{
	(void)ctx;
	(void)text;
	return 0;
}

static int silent_first;	/* begin with no voice, as cmd_session does */

/* The sound every test records (rec_*). */
static const struct run_sound sound_rec = { rec_cue, rec_say, rec_say_ms,
    rec_cancel, rec_cut, NULL, NULL, NULL };

/*
 * Load yaml (no errors), open the store and set the run up with the
 * recording sound, the clock at T0: what run_screen and run_begin need.
 */
static void
prepare(struct fx *f, const char *yaml)
{
	struct run_sound	 s = sound_rec;
	struct diag_list	 dl;
	char			*cause = NULL;

	diag_init(&dl);
	f->r = routine_load_string("t.yaml", yaml, strlen(yaml), &dl);
	assert_non_null(f->r);
	assert_int_equal(dl.errors, 0);
	diag_clear(&dl);
	assert_int_equal(history_open(f->path, &f->fc.clock, &f->h, &cause),
	    0);
	f->opts.volume = -1;
	f->run.opts = &f->opts;
	f->run.clock = &f->fc.clock;
	f->run.routine = f->r;
	f->run.history = f->h;
	f->run.pre_step = f->run.ahead_step = SIZE_MAX;
	assert_int_equal(plan_build(f->r, &f->run.full), 0);
	f->run.plan = &f->run.full;
	s.ctx = f;
	run_set_sound(&f->run, &s);
	f->fc.mono_ns = T0;
}

/* Load yaml, open the store, begin the run and start it at T0. */
static void
start(struct fx *f, const char *yaml)
{
	const struct session_event	*ev;
	struct run_sound		 s = sound_rec;
	char				*cause = NULL;

	prepare(f, yaml);
	s.ctx = f;
	if (silent_first) {
		/*
		 * A routine with no screening is begun before the audio
		 * opens (cmd_session.c): lengths measured with no voice must
		 * not outlive it.
		 */
		s.say_ms = silent_say_ms;
		run_set_sound(&f->run, &s);
		assert_int_equal(run_begin(&f->run, NULL, &cause), RUN_OK);
		s = sound_rec;
		s.ctx = f;
		run_set_sound(&f->run, &s);
	} else
		assert_int_equal(run_begin(&f->run, NULL, &cause), RUN_OK);
	f->fc.mono_ns = T0;
	if (start_lead == 0) {
		run_apply(&f->run, SA_START, 0, T0, &ev);
		return;
	}
	/* As the front ends do: ask when, wait for it, start then. */
	f->run.sound.heard_from = rec_heard_from;
	f->fc.mono_ns = run_start_at(&f->run, T0);
	assert_int_equal(f->fc.mono_ns, T0 + start_lead);
	measured = 0;
	run_apply(&f->run, SA_START, 0, f->fc.mono_ns, &ev);
}

/* Tick the session at every wakeup up to t (or its end). */
static void
advance(struct fx *f, uint64_t t)
{
	const struct session_event	*ev;
	uint64_t			 w;

	while (session_state(f->run.session) == SESSION_ACTIVE) {
		w = session_next_wake(f->run.session, f->fc.mono_ns);
		if (w > t)
			break;
		f->fc.mono_ns = w;
		run_apply(&f->run, SA_TICK, 0, w, &ev);
	}
	f->fc.mono_ns = t;
	run_apply(&f->run, SA_TICK, 0, t, &ev);
}

/* A key at the fake clock's now. */
static void
key(struct fx *f, enum session_action a)
{
	const struct session_event	*ev;

	run_apply(&f->run, a, 0, f->fc.mono_ns, &ev);
}

/*
 * The say records from index from on, in the order they are to sound
 * (the next step's line is asked for before the current one fires).
 */
static size_t
says(const struct fx *f, size_t from, const struct rec **out, size_t max)
{
	const struct rec	*t;
	size_t			 i, j, n = 0;

	for (i = from; i < f->n && n < max; i++)
		if (f->v[i].kind == REC_SAY)
			out[n++] = &f->v[i];
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && out[j - 1]->at_ns > out[j]->at_ns; j--) {
			t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

/* The first record of kind k at or after index from, or NULL. */
static const struct rec *
first(const struct fx *f, size_t from, enum rec_kind k)
{
	for (; from < f->n; from++)
		if (f->v[from].kind == k)
			return &f->v[from];
	return NULL;
}

/* The first line said at or after index from that is text, or NULL. */
static const struct rec *
first_said(const struct fx *f, size_t from, const char *text)
{
	for (; from < f->n; from++)
		if (f->v[from].kind == REC_SAY &&
		    strcmp(f->v[from].text, text) == 0)
			return &f->v[from];
	return NULL;
}

/* Whether the first line said from index from asks question q. */
static int
asks(const struct fx *f, size_t from, const char *q)
{
	const struct rec	*r = first(f, from, REC_SAY);

	return (r != NULL && strstr(r->text, "Safety question. Press y for "
	    "yes, n for no.") == r->text && strstr(r->text, q) != NULL);
}

#define HEAD "knead: 1\nid: t\ntitle: T\n"

/* The screening answers a test gives, in order (1 yes, 0 no). */
static const int *answers;

static int
answer(void *ctx, size_t k, size_t n, const char *q)
{
	(void)ctx;
	(void)n;
	(void)q;
	return answers[k];
}

/*
 * A screening "yes" says what to do for that question's urgency: by voice
 * (the sound's say) and in the message the front ends print.
 */
static void
test_screen_urgency(void **state)
{
	static const int no_yes[] = { 0, 1 };
	static const char yaml[] = HEAD
	    "intensity: gentle\n"
	    "screen:\n"
	    "  - {ask: \"Numbness between your legs?\", if-yes: emergency}\n"
	    "  - {ask: \"A hot swollen calf?\", if-yes: urgent}\n"
	    "steps:\n"
	    "  - rest: 10s\n";
	struct fx		*f = *state;
	char			 msg[256];
	const struct rec	*r;

	prepare(f, yaml);
	answers = no_yes;
	assert_int_equal(run_screen(&f->run, answer, NULL), RUN_ENDED);
	assert_int_equal(session_outcome(f->run.session), OUTCOME_SCREENED);
	assert_int_equal(f->run.screen_yes, SCREEN_URGENT);
	/* Each question said as it is asked (a listener cannot read it). */
	assert_true(asks(f, 0, "?"));
	r = first_said(f, 0, screen_advice(SCREEN_URGENT));
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0);
	run_screen_message(&f->run, msg, sizeof msg);
	assert_non_null(strstr(msg, run_screen_note));
	assert_non_null(strstr(msg, "see a doctor today"));
	assert_null(strstr(msg, "emergency"));
}

/*
 * n answers the last question no; pressed twice, the second n must not
 * skip the first step (the screening runs on a session of its own, so
 * the real one is told when the answer was given).
 */
static void
test_screen_no_then_n(void **state)
{
	static const int no[] = { 0 };
	static const char yaml[] = HEAD
	    "intensity: gentle\n"
	    "screen:\n  - \"A hot swollen calf?\"\n"
	    "steps:\n  - rest: 10s\n  - rest: 10s\n";
	struct fx			*f = *state;
	const struct session_event	*ev;

	prepare(f, yaml);
	answers = no;
	assert_int_equal(run_screen(&f->run, answer, NULL), RUN_OK);
	assert_int_equal(f->run.answered_ns, T0);
	run_apply(&f->run, SA_START, 0, T0 + 100 * MS, &ev);
	f->fc.mono_ns = T0 + 600 * MS;
	key(f, SA_NEXT);
	assert_int_equal(session_step(f->run.session), 0);
	f->fc.mono_ns = T0 + 1000 * MS;
	key(f, SA_NEXT);
	assert_int_equal(session_step(f->run.session), 1);
}

/*
 * The summary and the homework note, told before the session: one line
 * said at once, its length returned so the front end starts the session
 * after it; nothing when there is nothing to tell. A screening "yes" cuts
 * what is still being said before its advice.
 */
static void
test_preamble(void **state)
{
	static const int yes[] = { 1 };
	static const char yaml[] = HEAD
	    "summary: >\n  Slow pressure\n  on the calf.\n"
	    "intensity: gentle\n"
	    "homework:\n  by: \"A. Moreau, PT\"\n  per-week: 3\n"
	    "  note: \"Stop at 5.\"\n"
	    "screen:\n  - \"A hot swollen calf?\"\n"
	    "steps:\n  - rest: 10s\n";
	static const char want[] = "Slow pressure on the calf. Note from "
	    "A. Moreau, PT: Stop at 5.";
	struct fx		*f = *state;
	char			 text[256];
	const struct rec	*r;
	uint64_t		 len;

	prepare(f, yaml);

	assert_int_equal(run_preamble(&f->run, text, sizeof text),
	    strlen("Slow pressure on the calf.\nNote from A. Moreau, PT: "
	    "Stop at 5."));
	assert_string_equal(text, "Slow pressure on the calf.\nNote from "
	    "A. Moreau, PT: Stop at 5.");
	len = run_say_preamble(&f->run, T0);
	assert_int_equal(len, strlen(want) * 60 * MS);
	r = first(f, 0, REC_SAY);
	assert_non_null(r);
	assert_string_equal(r->text, want);
	assert_int_equal(r->at_ns, T0);

	/* A "yes" 2 s later: the preamble is cut, then the advice said. */
	f->fc.mono_ns = T0 + 2 * S;
	answers = yes;
	assert_int_equal(run_screen(&f->run, answer, NULL), RUN_ENDED);
	/* The question waits for the preamble's end; the answer cuts both. */
	assert_true(asks(f, 1, "?"));
	assert_int_equal(first(f, 1, REC_SAY)->at_ns, T0 + len);
	r = first(f, 1, REC_CUT);
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 2 * S);
	r = first_said(f, 1, screen_advice(SCREEN_CLINICIAN));
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 2 * S);

	/* Nothing to tell: nothing said, no wait. */
	free(f->r->summary.s);
	f->r->summary.s = NULL;
	f->r->homework.present = 0;
	assert_int_equal(run_preamble(&f->run, text, sizeof text), 0);
	assert_int_equal(run_say_preamble(&f->run, T0), 0);
}

/*
 * Where a page waits for a key after the preamble (the screen's), how to
 * go on is said after it, not over it: a listener cannot read "Enter
 * start".
 */
static void
test_start_keys(void **state)
{
	static const char yaml[] = HEAD "summary: Slow pressure on the calf.\n"
	    "intensity: gentle\nsteps:\n  - rest: 10s\n";
	struct fx		*f = *state;
	const struct rec	*r;
	uint64_t		 len;

	prepare(f, yaml);
	len = run_say_preamble(&f->run, T0);
	assert_true(len > 0);
	run_say_start_keys(&f->run);
	r = first_said(f, 0, "Press Enter to start, or q to leave.");
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + len);
	/* A key cuts them: said from now on, nothing waits for them. */
	f->fc.mono_ns = T0 + S;
	run_cut_preamble(&f->run, T0 + S);
	assert_int_equal(f->run.said_until_ns, T0 + S);
}

/*
 * The event log: made 0600 (it names areas and what happened, as the
 * store does); a line that cannot be written (a full disk) is told at
 * the close; a FIFO nobody reads is refused at once, not waited on.
 */
static void
test_eventlog_errors(void **state)
{
	struct fx	*f = *state;
	struct eventlog	*el;
	struct stat	 sb;
	char		 path[256], *cause = NULL;

	snprintf(path, sizeof path, "%s/mode.log", f->dir);
	assert_non_null(el = eventlog_open(path, &cause));
	assert_int_equal(eventlog_begin(el, &cause), 0);
	eventlog_write(el, T0, "session-start", 0, NULL);
	assert_int_equal(eventlog_close(el), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_non_null(el = eventlog_open("/dev/full", &cause));
	assert_int_equal(eventlog_begin(el, &cause), 0);
	eventlog_write(el, T0, "session-start", 0, NULL);
	eventlog_write(el, T0, "step-start", 0, NULL);
	assert_int_equal(eventlog_close(el), ENOSPC);
	snprintf(path, sizeof path, "%s/fifo.log", f->dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_non_null(el = eventlog_open(path, &cause));
	assert_int_equal(eventlog_begin(el, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "fifo.log"));
	free(cause);
	assert_int_equal(eventlog_close(el), 0);
}

static const char tones_yaml[] = HEAD "summary: Slow.\nintensity: gentle\n"
    "screen:\n  - \"A hot swollen calf?\"\n"
    "steps:\n  - rest: 10s\n  - breathe:\n      time: 30s\n"
    "      inhale: 4s\n      exhale: 6s\n";

/*
 * The preamble says what the breathing tones mean: an Enter after that
 * part of it (the voice's 60 ms a byte: at the byte after the sentence)
 * leaves the first paced step's line as ever.
 */
static void
test_tones_heard(void **state)
{
	static const char tones[] = "Tones pace your breathing: breathe in "
	    "at the rising tone, out at the falling one.";
	struct fx	*f = *state;
	char		 text[512];
	const char	*at;
	uint64_t	 len;

	prepare(f, tones_yaml);
	len = run_say_preamble(&f->run, T0);
	assert_true(len > 0);
	assert_int_not_equal(run_preamble(&f->run, text, sizeof text), 0);
	at = strstr(text, tones);
	assert_non_null(at);
	f->fc.mono_ns = T0 + ((size_t)(at - text) + strlen(tones)) * 60 * MS;
	run_cut_preamble(&f->run, f->fc.mono_ns);
	assert_int_equal(f->run.tones_told, 0);
	/* Cut once: a later cut of what is said then changes nothing. */
	run_cut_preamble(&f->run, T0);
	assert_int_equal(f->run.tones_told, 0);
}

/*
 * An answer to a safety question that cuts the preamble before it said
 * what the tones mean: the first paced step's line (the breathe step,
 * the plan's second) ends with it, and only that step's.
 */
static void
test_tones_told(void **state)
{
	static const int no[] = { 0 };
	struct fx		*f = *state;
	const struct rec	*r;
	size_t			 k, n0, found = 0;

	prepare(f, tones_yaml);
	assert_true(run_say_preamble(&f->run, T0) > 0);
	f->fc.mono_ns = T0 + 300 * MS;	/* "Slow." said, little more */
	answers = no;
	assert_int_equal(run_screen(&f->run, answer, NULL), RUN_OK);
	assert_int_equal(f->run.tones_told, 2);
	f->fc.mono_ns = T0 + 2 * S;
	n0 = f->n;
	key(f, SA_START);
	r = first_said(f, n0, "Rest.");
	assert_non_null(r);
	/* The breathe step's line, handed ahead at the start, and again
	 * where n moves it: the tones' meaning each time. */
	f->fc.mono_ns = T0 + 5 * S;
	key(f, SA_NEXT);
	assert_int_equal(session_step(f->run.session), 1);
	for (k = n0; k < f->n; k++)
		if (f->v[k].kind == REC_SAY && strncmp(f->v[k].text,
		    "Breathe.", 8) == 0) {
			assert_string_equal(f->v[k].text, "Breathe. Tones pace "
			    "your breathing: breathe in at the rising tone, "
			    "out at the falling one.");
			found++;
		}
	assert_true(found >= 1);
}

/*
 * The user's safety notes (validate_user_text) close the preamble: shown
 * in the screen's language, said in the routine's (French here, the
 * screen English), made once a run and freed by run_clear.
 */
static void
test_preamble_safety(void **state)
{
	static const char yaml[] = HEAD
	    "summary: Calves.\n"
	    "cues: {lang: fr}\n"
	    "steps:\n"
	    "  - position: \"Allongez-vous sur le dos.\"\n"
	    "  - press: {area: calves, tool: tennis-ball, time: 30s, say: "
	    "\"Roll up to behind the knee.\"}\n";
	struct fx		*f = *state;
	char			 text[WORDS_PREAMBLE_MAX];
	const char		*fr_note = i18n_in("fr", NULL, "Note: ");
	const struct rec	*r;

	prepare(f, yaml);

	assert_int_not_equal(run_preamble(&f->run, text, sizeof text), 0);
	assert_non_null(strstr(text, "Calves.\nNote: This routine has you "
	    "lie on your back."));
	assert_non_null(strstr(text, "\nNote: Keep the pressure off the back "
	    "of the knee: "));
	assert_true(run_say_preamble(&f->run, T0) > 0);
	r = first(f, 0, REC_SAY);
	assert_non_null(r);
	/* One line, the notes in French after the summary. */
	assert_null(strchr(r->text, '\n'));
	assert_non_null(strstr(r->text, fr_note));
	assert_non_null(strstr(r->text, i18n_in("fr", NULL, "the back of the "
	    "knee")));
	assert_null(strstr(r->text, "Keep the pressure"));
	assert_true(strncmp(r->text, "Calves. ", 8) == 0);
	/* Made once: the same text again, from the kept notes. */
	assert_non_null(f->run.notes[0]);
	assert_non_null(f->run.notes[1]);
	assert_int_not_equal(run_preamble(&f->run, text, sizeof text), 0);
	assert_non_null(strstr(text, "Note: This routine has you"));
}

static const char contract_relax[] = HEAD
    "steps:\n"
    "  - contract-relax:\n"
    "      area: hamstrings\n"
    "      side: left\n"
    "      contract: 5s\n"
    "      relax: 3s\n"
    "      stretch: 20s\n"
    "      cycles: 3\n"
    "      say: \"Raise the looped leg, knee straight, until the back of "
    "the thigh stretches, then push the heel into the strap.\"\n";

/*
 * The screen opens the sound only after its first frame (run_open_audio):
 * until then the run has none, the screen shows the voice as it will be,
 * and opening is done once.
 */
static void
test_audio_later(void **state)
{
	struct fx		*f = *state;
	struct audio_opts	 ao;
	struct audio		*a;

	memset(&ao, 0, sizeof ao);
	ao.no_sound = 1;
	ao.no_voice = 1;
	ao.volume = -1;
	start(f, contract_relax);
	run_set_audio(&f->run, NULL);
	f->run.audio_later = &ao;
	assert_null(f->run.audio);
	assert_false(run_voice_on(&f->run));
	assert_false(run_muted(&f->run));
	run_open_audio(&f->run);
	assert_non_null(a = f->run.audio);
	assert_null(f->run.audio_later);
	assert_false(run_voice_on(&f->run));
	assert_false(audio_live(a));
	/* A silent engine plays nothing: the clock starts at once. */
	assert_int_equal(audio_heard_from(a, T0), T0);
	run_open_audio(&f->run);
	assert_ptr_equal(f->run.audio, a);
	/* Nothing left to open: voice as the engine (none: on). */
	ao.no_voice = 0;
	f->run.audio_later = NULL;
	run_set_audio(&f->run, NULL);
	audio_close(a);
	assert_true(run_voice_on(&f->run));
}

/*
 * A contract-relax routine with 3 cycles: every phase's line is asked for
 * exactly at its boundary (ahead of it, on the previous step's deadline),
 * once, in the form the timeline chose, and no line runs into the next.
 */
static void
test_contract_relax_timeline(void **state)
{
	static const char *const want[] = {
		"Contract. Hamstrings, left side.", "Relax.", "Stretch.", "Contract. Cycle 2 of 3.", "Relax.", "Stretch.",
		"Contract. Cycle 3 of 3.", "Relax.", "Stretch."
	};
	static const uint64_t at_s[] = { 0, 5, 8, 28, 33, 36, 56, 61, 64 };
	struct fx	*f = *state;
	const struct rec *l[32];
	size_t		 n, i, k;

	start(f, contract_relax);
	advance(f, T0 + 100 * S);
	assert_int_equal(session_state(f->run.session), SESSION_DONE);
	n = says(f, 0, l, 32);
	assert_int_equal(n, 9);
	for (i = 0; i < n; i++) {
		assert_string_equal(l[i]->text, want[i]);
		assert_int_equal(l[i]->at_ns, T0 + at_s[i] * S);
		/* Asked for before it is due (the first: at the start). */
		assert_true(l[i]->asked_ns <= l[i]->at_ns);
		if (i + 1 < n)
			assert_true(l[i]->at_ns + strlen(want[i]) * 60 * MS <=
			    l[i + 1]->at_ns);
	}
	/* The cuts at the boundaries cut nothing: every line ended before. */
	for (i = 0; i < f->n; i++) {
		if (f->v[i].kind != REC_CUT)
			continue;
		for (k = 0; k < n; k++)
			assert_false(l[k]->at_ns < f->v[i].at_ns &&
			    l[k]->at_ns + strlen(l[k]->text) * 60 * MS >
			    f->v[i].at_ns);
	}
}

/* The sound set after the run began still speaks the first line. */
static void
test_sound_after_begin(void **state)
{
	struct fx	*f = *state;
	const struct rec *l[32];

	silent_first = 1;
	start(f, contract_relax);
	silent_first = 0;
	advance(f, T0 + 10 * S);
	assert_true(says(f, 0, l, 32) >= 1);
	assert_string_equal(l[0]->text, "Contract. Hamstrings, left side.");
	assert_int_equal(l[0]->at_ns, T0);
}

/*
 * The session's clock starts when the sound can play its first cues and
 * line on time: they are asked for at run_start_at, ahead of the start,
 * once each, and the start itself synthesises nothing (the first two
 * steps' lines were made before: the second's is scheduled at the start).
 */
static void
test_start_ahead(void **state)
{
	struct fx		*f = *state;
	const struct rec	*l[32], *c;
	size_t			 i, n, starts = 0;

	start_lead = 30 * MS;
	start(f, contract_relax);
	start_lead = 0;
	assert_int_equal(measured, 0);
	c = first(f, 0, REC_CUE);
	assert_non_null(c);
	assert_int_equal(c->cue, CUE_SESSION_START);
	assert_int_equal(c->asked_ns, T0);
	assert_int_equal(c->at_ns, T0 + 30 * MS);
	n = says(f, 0, l, 32);
	assert_true(n >= 1);
	assert_string_equal(l[0]->text, "Contract. Hamstrings, left side.");
	assert_int_equal(l[0]->asked_ns, T0);
	assert_int_equal(l[0]->at_ns, T0 + 30 * MS);
	advance(f, T0 + 100 * S);
	assert_int_equal(session_state(f->run.session), SESSION_DONE);
	for (i = 0; i < f->n; i++)
		starts += f->v[i].kind == REC_CUE &&
		    f->v[i].cue == CUE_SESSION_START;
	assert_int_equal(starts, 1);
	n = says(f, 0, l, 32);
	assert_int_equal(n, 9);
	assert_int_equal(l[1]->at_ns, T0 + 30 * MS + 5 * S);
}

/*
 * After a session that did work the aftercare is printed and spoken, and
 * --plain waits for its voice to end; muted, or with the voice off, it is
 * printed only and nothing is waited for (--plain sat out ~10 s of
 * silence).
 */
static void
aftercare_voice(void **state, int mode)
{
	static const char yaml[] = HEAD "steps:\n"
	    "  - press: {area: calves, side: left, tool: tennis-ball, "
	    "time: 10s}\n";
	struct fx		*f = *state;
	struct audio_opts	 ao;
	struct audio		*a;
	const struct rec	*l[32];
	const struct session_event *ev;
	size_t			 i, n;
	int			 said = 0, safety = 0, normal = 0, bruise = 0;
	int			 said_stop = 0;

	memset(&ao, 0, sizeof ao);
	ao.no_sound = 1;
	ao.volume = -1;
	start(f, yaml);
	/* A silent engine holds the keys' state; the recorder still sounds. */
	assert_non_null(a = audio_open(&ao));
	f->run.audio = a;
	if (mode == 1)
		audio_set_mute(a, 1);
	if (mode == 2)
		audio_set_voice(a, 0);
	if (mode == 3) {
		/* ! 5 s into the press: pain or numbness. */
		advance(f, T0 + 5 * S);
		run_apply(&f->run, SA_STOP_NOW, 0, T0 + 5 * S, &ev);
	} else
		advance(f, T0 + 11 * S);
	assert_int_equal(session_state(f->run.session), SESSION_DONE);
	f->n = 0;
	run_summary(&f->run);
	n = says(f, 0, l, 32);
	for (i = 0; i < n; i++) {
		said |= strstr(l[i]->text, "soreness") != NULL;
		said_stop |= strstr(l[i]->text, "Stopped for safety") != NULL;
		/* What the screen says, nothing left out: when to see a
		 * doctor, and what needs one at once. */
		if (strstr(l[i]->text, "soreness") != NULL) {
			assert_non_null(strstr(l[i]->text, "after two days"));
			assert_non_null(strstr(l[i]->text, "more than three"));
			assert_non_null(strstr(l[i]->text, "at once for dark "
			    "urine"));
		}
	}
	assert_int_equal(said, mode == 0);
	/* After !, the safety note is said: eyes closed, only the alert
	 * was heard. */
	assert_int_equal(said_stop, mode == 3);
	for (i = 0; i < f->run.nqueue; i++) {
		safety += strstr(f->run.queue[i], "Stopped for safety") != NULL;
		normal += strstr(f->run.queue[i], "is normal") != NULL;
		bruise += strstr(f->run.queue[i], "A bruise") != NULL;
	}
	/*
	 * After a halt the safety note, and no "soreness is normal" on the
	 * screen either; the bruise and doctor lines stay.
	 */
	assert_int_equal(safety, mode == 3);
	assert_int_equal(normal, mode != 3);
	assert_int_equal(bruise, 1);
	for (i = 0; i < f->run.nqueue; i++)
		assert_null(strstr(f->run.queue[i], "emergency"));
	if (mode == 0)
		assert_true(f->run.aftercare_end_ns > T0 + 11 * S);
	else if (mode == 3)
		assert_true(f->run.aftercare_end_ns > T0 + 5 * S);
	else
		assert_int_equal(f->run.aftercare_end_ns, 0);
	f->run.audio = NULL;
	audio_close(a);
}

/*
 * After neck work the signs of an artery tear or a stroke are an
 * emergency (DOMAIN 3.3): on the screen and said, after a whole session
 * and after a halt, in the routine's language.
 */
static void
aftercare_neck(void **state, int halt)
{
	static const char yaml[] = HEAD "cues: {lang: fr}\nsteps:\n"
	    "  - press: {area: upper-trapezius, side: left, tool: tennis-ball, "
	    "time: 10s}\n";
	struct fx		*f = *state;
	const struct rec	*l[32];
	const struct session_event *ev;
	const char		*fr = i18n_in("fr", NULL, run_neck_note);
	size_t			 i, n;
	int			 shown = 0, said = 0;

	assert_string_not_equal(fr, run_neck_note);
	start(f, yaml);
	if (halt) {
		advance(f, T0 + 5 * S);
		run_apply(&f->run, SA_STOP_NOW, 0, T0 + 5 * S, &ev);
	} else
		advance(f, T0 + 11 * S);
	assert_int_equal(session_state(f->run.session), SESSION_DONE);
	f->n = 0;
	run_summary(&f->run);
	for (i = 0; i < f->run.nqueue; i++)
		shown += strstr(f->run.queue[i], "is an emergency: call your "
		    "emergency number now.") != NULL;
	assert_int_equal(shown, 1);
	n = says(f, 0, l, 32);
	for (i = 0; i < n; i++)
		said += strstr(l[i]->text, fr) != NULL;
	assert_int_equal(said, 1);
}

static void
test_aftercare_neck(void **state)
{
	aftercare_neck(state, 0);
}

static void
test_aftercare_neck_halt(void **state)
{
	aftercare_neck(state, 1);
}

static void
test_aftercare_said(void **state)
{
	aftercare_voice(state, 0);
}

static void
test_aftercare_muted(void **state)
{
	aftercare_voice(state, 1);
}

static void
test_aftercare_voice_off(void **state)
{
	aftercare_voice(state, 2);
}

static void
test_aftercare_after_a_halt(void **state)
{
	aftercare_voice(state, 3);
}

/*
 * A 30-minute breathe step at 6 breaths a minute: every breath tone is
 * handed to the sound, the last ones included (256 were, before).
 */
static void
test_long_breathe(void **state)
{
	static const char yaml[] = HEAD "steps:\n"
	    "  - breathe:\n"
	    "      time: 30m\n"
	    "      rate: 6\n";
	struct fx	*f = *state;
	size_t		 i, tones = 0;
	uint64_t	 last = 0;
	int		 end = 0;

	start(f, yaml);
	for (i = 0; i < f->n; i++) {
		if (f->v[i].kind != REC_CUE)
			continue;
		if (f->v[i].cue == CUE_INHALE || f->v[i].cue == CUE_EXHALE) {
			tones++;
			if (f->v[i].at_ns > last)
				last = f->v[i].at_ns;
		}
		end |= f->v[i].cue == CUE_SESSION_END &&
		    f->v[i].at_ns == T0 + 30 * 60 * S;
	}
	assert_true(tones >= 356);
	assert_true(last > T0 + 29 * 60 * S);
	assert_true(end);
}

static const char press30[] = HEAD "tools: [tennis-ball]\nsteps:\n"
    "  - press:\n"
    "      area: upper-trapezius\n"
    "      tool: tennis-ball\n"
    "      time: 40s\n"
    "      say: \"Lean into the ball until it aches, about five out of "
    "ten, then breathe out slowly.\"\n"
    "  - stretch:\n"
    "      area: upper-trapezius\n"
    "      time: 20s\n";

/*
 * Pause in the middle of the spoken line: it is cut there, nothing else
 * of the step is to sound, and the voice says that the session waits and
 * for which key; resume: what is left of that stops, the cut line is
 * said again 0.4 s later, the lines still to come ("Ten seconds.") are
 * asked again at their shifted times. The quit question is said too.
 */
static void
test_pause_resume_mid_line(void **state)
{
	struct fx		*f = *state;
	const struct rec	*l[8], *r;
	size_t			 n, mark;
	char			 line[640];

	start(f, press30);
	n = says(f, 0, l, 8);
	/* The line, "Ten seconds.", and the next step's line ahead. */
	assert_int_equal(n, 3);
	assert_int_equal(l[0]->at_ns, T0);
	snprintf(line, sizeof line, "%s", l[0]->text);
	assert_string_equal(l[1]->text, "Ten seconds.");
	assert_int_equal(l[1]->at_ns, T0 + 30 * S);
	assert_int_equal(l[2]->at_ns, T0 + 40 * S);
	advance(f, T0 + 2 * S);
	mark = f->n;
	key(f, SA_PAUSE);
	r = first(f, mark, REC_CUT);
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 2 * S);
	r = first(f, mark, REC_CANCEL);
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 2 * S);
	n = says(f, mark, l, 8);
	assert_int_equal(n, 1);
	assert_string_equal(l[0]->text, "Paused. Press space to go on.");
	assert_int_equal(l[0]->at_ns, T0 + 2 * S);
	f->fc.mono_ns = T0 + 7 * S;
	mark = f->n;
	key(f, SA_RESUME);
	r = first(f, mark, REC_CUT);
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 7 * S);
	n = says(f, mark, l, 8);
	assert_int_equal(n, 3);
	assert_string_equal(l[0]->text, line);
	assert_int_equal(l[0]->at_ns, T0 + 7 * S + SESSION_AGAIN_MS * MS);
	assert_string_equal(l[1]->text, "Ten seconds.");
	assert_int_equal(l[1]->at_ns, T0 + 35 * S);
	/* The next step's line, ahead, on the shifted boundary. */
	assert_string_equal(l[2]->text, "Stretch. Upper trapezius.");
	assert_int_equal(l[2]->at_ns, T0 + 45 * S);
	/* Up to the boundary and past it: nothing is asked twice. */
	advance(f, T0 + 46 * S);
	n = says(f, mark, l, 8);
	assert_int_equal(n, 3);
	assert_int_equal(session_step(f->run.session), 1);
	/* q: the question is said; n: what is left of it stops. */
	mark = f->n;
	key(f, SA_QUIT);
	r = first_said(f, mark, "Quit the session? Press y to quit, n to go "
	    "on.");
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 46 * S);
	f->fc.mono_ns = T0 + 47 * S;
	mark = f->n;
	key(f, SA_QUIT_NO);
	r = first(f, mark, REC_CUT);
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 47 * S);
}

/* --plain reads typed lines: the voice names what to type, then Enter. */
static void
test_pause_said_plain(void **state)
{
	struct fx	*f = *state;
	size_t		 mark;

	f->opts.plain = 1;
	start(f, press30);
	advance(f, T0 + 2 * S);
	mark = f->n;
	key(f, SA_PAUSE);
	assert_non_null(first_said(f, mark, "Paused. Type p, then Enter, to "
	    "go on."));
	key(f, SA_QUIT);
	assert_non_null(first_said(f, mark, "Quit the session? Type y to "
	    "quit, n to go on, then Enter."));
}

/*
 * + and -, and a resume with no line to say again, said when nothing
 * else is: at once, when it ends before the step's next line; not when
 * it would run into it.
 */
static void
test_shift_said(void **state)
{
	struct fx		*f = *state;
	const struct rec	*r;
	size_t			 mark;

	start(f, press30);	/* its line ends at 6.3 s */
	advance(f, T0 + 10 * S);
	mark = f->n;
	key(f, SA_PLUS10);
	r = first_said(f, mark, "Ten seconds more.");
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 10 * S);
	advance(f, T0 + 12 * S);
	mark = f->n;
	key(f, SA_MINUS10);
	r = first_said(f, mark, "Ten seconds less.");
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 12 * S);
	/* A pause between lines, then space: the voice says it goes on. */
	advance(f, T0 + 15 * S);
	key(f, SA_PAUSE);
	f->fc.mono_ns = T0 + 20 * S;
	mark = f->n;
	key(f, SA_RESUME);
	r = first_said(f, mark, "Going on.");
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 20 * S);
	/* The halfway chime, moved by the pause to 25 s, bounds it too. */
	advance(f, T0 + 24 * S);
	assert_int_equal(session_voice_free_until(f->run.session, T0 + 24 * S),
	    T0 + 25 * S);
	/* "Ten seconds." is due at 35 s: at 34.5 s a - would run into it. */
	advance(f, T0 + 34500 * MS);
	assert_int_equal(session_voice_free_until(f->run.session,
	    T0 + 34500 * MS), T0 + (35000 - TL_GAP_MS) * MS);
	mark = f->n;
	key(f, SA_MINUS10);
	assert_null(first_said(f, mark, "Ten seconds less."));
}

/*
 * +10 s and -10 s in the middle of the line: speech is cut at the step's
 * new end (it may no longer fit), "Ten seconds." moves with the end.
 */
static void
test_shift_mid_line(void **state)
{
	struct fx		*f = *state;
	const struct rec	*l[8], *r;
	size_t			 n, mark;

	start(f, press30);
	advance(f, T0 + 3 * S);
	mark = f->n;
	key(f, SA_PLUS10);
	r = first(f, mark, REC_CUT);
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 50 * S);
	n = says(f, mark, l, 8);
	assert_true(n >= 1);
	assert_string_equal(l[0]->text, "Ten seconds.");
	assert_int_equal(l[0]->at_ns, T0 + 40 * S);
	/* The line still being said: the + is not said over it. */
	assert_null(first_said(f, mark, "Ten seconds more."));
	/*
	 * A word that cuts that line (the voice key's, as the voice goes
	 * off) has the room up to the halfway chime, which the + moved
	 * from 20 s to 25 s.
	 */
	assert_int_equal(session_voice_free_until(f->run.session,
	    T0 + 3 * S), T0 + 3 * S);
	assert_int_equal(session_voice_room(f->run.session, T0 + 3 * S),
	    T0 + 25 * S);
	/* The next step's first line follows the boundary. */
	assert_string_equal(l[n - 1]->text, "Stretch. Upper trapezius.");
	assert_int_equal(l[n - 1]->at_ns, T0 + 50 * S);
	advance(f, T0 + 4 * S);
	mark = f->n;
	key(f, SA_MINUS10);
	r = first(f, mark, REC_CUT);
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 40 * S);
	n = says(f, mark, l, 8);
	assert_true(n >= 1);
	assert_string_equal(l[0]->text, "Ten seconds.");
	assert_int_equal(l[0]->at_ns, T0 + 30 * S);
}

/*
 * Skip during speech: the line is cut now, the next step's line is asked
 * for at the new boundary (now), once.
 */
static void
test_skip_mid_line(void **state)
{
	struct fx		*f = *state;
	const struct rec	*l[8], *r;
	size_t			 n, mark, i, k = 0;

	start(f, press30);
	advance(f, T0 + 2 * S);
	mark = f->n;
	key(f, SA_NEXT);
	r = first(f, mark, REC_CUT);
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 2 * S);
	n = says(f, mark, l, 8);
	for (i = 0; i < n; i++)
		if (strcmp(l[i]->text, "Stretch. Upper trapezius.") == 0) {
			assert_int_equal(l[i]->at_ns, T0 + 2 * S);
			k++;
		}
	assert_int_equal(k, 1);
	assert_int_equal(session_step(f->run.session), 1);
}

/* A second run of f's routine, set up as cmd_session.c does. */
static void
again(struct fx *f, struct run *run)
{
	memset(run, 0, sizeof *run);
	run->opts = &f->opts;
	run->clock = &f->fc.clock;
	run->routine = f->r;
	run->history = f->h;
	run->pre_step = run->ahead_step = SIZE_MAX;
	assert_int_equal(plan_build(f->r, &run->full), 0);
	run->plan = &run->full;
	run_set_audio(run, NULL);
}

/*
 * What a refused run says names the entry that matters most, whatever
 * the list's order, and how long in words (a tester on a roller heard "a
 * resting area must rest first, the screen says until when" over a
 * nerve halt's advice to see a physiotherapist).
 */
static void
refused_said_picks(struct run *run)
{
	struct resting	 v[3], *keep = run->rest;
	size_t		 nkeep = run->nrest;
	char		 said[512];

	memset(v, 0, sizeof v);
	v[0].area = area_find("levator-scapulae");
	v[0].side = SIDE_LEFT;
	v[0].checked_at = 1000;
	v[0].free_at = 1000 + 23 * 3600 + 44 * 60;
	v[1] = v[0];
	v[1].side = SIDE_RIGHT;
	v[1].rule = RULE_HALTED;
	v[1].count = -halt_why_code("numbness-tingling");
	v[1].free_at = 1000 + 48 * 3600;
	v[2].rule = RULE_REST;		/* the per-week cap */
	v[2].checked_at = 1000;
	v[2].free_at = 1000 + 3 * 86400 - 600;
	run->rest = v;
	run->nrest = 3;
	run_refused_line(run, said, sizeof said);
	assert_string_equal(said, "Not started: Levator scapulae, right side "
	    "was stopped for numbness, tingling or shooting pain near the "
	    "nerves to the arm. See a doctor or physiotherapist before you "
	    "work it again.");
	/* A halt for pain with no answer: how long, and on what terms. */
	v[1].count = 0;
	run_refused_line(run, said, sizeof said);
	assert_string_equal(said, "Not started: Levator scapulae, right side "
	    "was stopped for pain. It is not worked for another 48 hours, "
	    "and only when the symptoms are gone.");
	/* A rest before the caps. */
	v[1].rule = RULE_REST;
	run_refused_line(run, said, sizeof said);
	assert_string_equal(said, "Not started: Levator scapulae, left side "
	    "must rest for another 24 hours.");
	run->rest = &v[2];
	run->nrest = 1;
	run_refused_line(run, said, sizeof said);
	assert_string_equal(said, "Not started: this routine has had its "
	    "sessions for now. Wait another 3 days.");
	run->rest = v;
	v[0].free_at = 1000 + 40 * 60 - 5;
	run_refused_line(run, said, sizeof said);
	assert_string_equal(said, "Not started: Levator scapulae, left side "
	    "must rest for another 40 minutes.");
	v[0].free_at = 1000 + 50;
	run_refused_line(run, said, sizeof said);
	assert_string_equal(said, "Not started: Levator scapulae, left side "
	    "must rest for another minute.");
	run->rest = keep;
	run->nrest = nkeep;
}

/*
 * The engine says what a run came to, not an exit code (the command
 * layer maps it): a refusal by the rest policy is RUN_REFUSED with what
 * rests, and no session; a store that cannot begin it is
 * RUN_STORE_FAILED with the cause.
 */
static void
test_refused_is_data(void **state)
{
	static const char yaml[] = HEAD
	    "intensity: gentle\n"
	    "limits:\n"
	    "  rest: 1h\n"
	    "  per-week: 1\n"
	    "steps:\n"
	    "  - press: {area: calves, side: left, tool: tennis-ball, "
	    "time: 10s}\n";
	struct fx	*f = *state;
	struct run	 run;
	struct history	*ro;
	char		*cause = NULL, said[512];

	start(f, yaml);
	advance(f, T0 + 60 * S);
	assert_int_equal(session_state(f->run.session), SESSION_DONE);
	assert_int_equal(session_outcome(f->run.session), OUTCOME_COMPLETED);

	again(f, &run);
	assert_int_equal(run_begin(&run, NULL, &cause), RUN_REFUSED);
	assert_null(cause);
	assert_int_equal(run.refused, 1);
	assert_null(run.session);
	assert_true(run.nrest >= 1);
	/* Said with the area and side that rest (eyes closed, no screen). */
	run_refused_line(&run, said, sizeof said);
	assert_string_equal(said, "Not started: Calves, left side must rest "
	    "for another 60 minutes.");
	refused_said_picks(&run);
	run_clear(&run);

	/* A store open only to read cannot begin a session. */
	assert_int_equal(history_open_readonly(f->path, &f->fc.clock, &ro,
	    &cause), 0);
	f->fc.wall_s += 8 * 86400;	/* the week and the rest are over */
	again(f, &run);
	run.history = ro;
	assert_int_equal(run_begin(&run, NULL, &cause), RUN_STORE_FAILED);
	assert_non_null(cause);
	assert_int_equal(run.refused, 0);
	free(cause);
	cause = NULL;
	run_clear(&run);
	history_close(ro);

	/* And the same store open to write begins it. */
	again(f, &run);
	assert_int_equal(run_begin(&run, NULL, &cause), RUN_OK);
	assert_non_null(run.session);
	run_clear(&run);
}

/* An ask that counts the questions and says no. */
static int
ask_count(void *ctx, size_t k, size_t n, const char *q)
{
	(void)k;
	(void)n;
	(void)q;
	(*(int *)ctx)++;
	return 0;
}

/*
 * A signal ends the session: Ctrl-C as the user's quit (stopped), a
 * closed terminal or a shutdown as interrupted, the time done kept; the
 * store records the same.
 */
static void
signal_end(void **state, int sig, enum session_outcome want,
    const char *stored)
{
	static const char yaml[] = HEAD "intensity: gentle\nsteps:\n"
	    "  - stretch: {area: calves, side: left, time: 30s}\n";
	struct fx		*f = *state;
	const struct session_event *ev;
	struct hist_session	*sv;
	size_t			 n;
	char			*cause = NULL;

	start(f, yaml);
	advance(f, T0 + 7 * S);
	run_signal_end(&f->run, sig, T0 + 7 * S, &ev);
	assert_int_equal(session_state(f->run.session), SESSION_DONE);
	assert_int_equal(session_outcome(f->run.session), want);
	assert_int_equal(session_done_ms(f->run.session, 0), 7000);
	assert_int_equal(history_sessions(f->h, 0, &sv, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(hist_outcome_name(sv[0].outcome), stored);
	history_sessions_free(sv, n);
}

static void
test_sigterm_interrupts(void **state)
{
	signal_end(state, SIGTERM, OUTCOME_INTERRUPTED, "interrupted");
}

static void
test_sighup_interrupts(void **state)
{
	signal_end(state, SIGHUP, OUTCOME_INTERRUPTED, "interrupted");
}

static void
test_sigint_stops(void **state)
{
	signal_end(state, SIGINT, OUTCOME_STOPPED, "stopped");
}

/* What a front end was asked: each question's place k of n, and its text. */
struct asked {
	size_t		 k[8], n[8];
	const char	*q[8];
	int		 count;
};

static int
ask_rec(void *ctx, size_t k, size_t n, const char *q)
{
	struct asked	*a = ctx;

	if (a->count < 8) {
		a->k[a->count] = k;
		a->n[a->count] = n;
		a->q[a->count] = q;
	}
	a->count++;
	return 0;
}

/*
 * A question answered "no" earlier today is not asked again, and the
 * place the front ends show ("BEFORE WE START (1/1)") counts only the
 * questions asked: a helper saw 1/4, 2/4, 4/4 with one carried over.
 */
static void
test_screen_count_skips_carried(void **state)
{
	static const char yaml_a[] = HEAD
	    "intensity: gentle\n"
	    "screen:\n"
	    "  - \"Any numbness in the leg right now?\"\n"
	    "  - \"A calf that is swollen, red or warm?\"\n"
	    "steps:\n"
	    "  - stretch: {area: calves, side: left, time: 10s}\n";
	static const char yaml_b[] = "knead: 1\nid: u\ntitle: U\n"
	    "intensity: gentle\n"
	    "screen:\n"
	    "  - \"Pregnant?\"\n"
	    "  - \"Any numbness in the leg right now?\"\n"
	    "steps:\n"
	    "  - stretch: {area: hamstrings, side: left, time: 10s}\n";
	struct fx		*f = *state;
	struct run		 run;
	struct routine		*rb;
	struct diag_list	 dl;
	struct asked		 a;

	start(f, yaml_a);
	again(f, &run);
	memset(&a, 0, sizeof a);
	assert_int_equal(run_screen(&run, ask_rec, &a), RUN_OK);
	assert_int_equal(a.count, 2);
	assert_int_equal(a.k[0], 0);
	assert_int_equal(a.n[0], 2);
	assert_int_equal(a.k[1], 1);
	assert_int_equal(a.n[1], 2);
	run_clear(&run);

	/* Another routine the same day: its first question is new. */
	diag_init(&dl);
	rb = routine_load_string("u.yaml", yaml_b, strlen(yaml_b), &dl);
	assert_non_null(rb);
	diag_clear(&dl);
	again(f, &run);
	run.routine = rb;
	plan_free(&run.full);
	assert_int_equal(plan_build(rb, &run.full), 0);
	memset(&a, 0, sizeof a);
	assert_int_equal(run_screen(&run, ask_rec, &a), RUN_OK);
	assert_int_equal(a.count, 1);
	assert_string_equal(a.q[0], "Pregnant?");
	assert_int_equal(a.k[0], 0);
	assert_int_equal(a.n[0], 1);
	run_clear(&run);
	routine_free(rb);
}

/* Answers "yes" to the question about an arm, "no" to the others. */
static int
ask_arm_yes(void *ctx, size_t k, size_t n, const char *q)
{
	(void)k;
	(void)n;
	return ask_rec(ctx, k, n, q) == 0 && strstr(q, "an arm") != NULL;
}

/*
 * A "yes" stands for the rest of the local day (tester 24, A1): another
 * routine that asks the same question (other white space, other case) the
 * same day does not ask it, does not begin, and is kept as screened out
 * with that "yes"; its message says when, which question, the advice for
 * this routine's urgency, and that it is asked again tomorrow. The
 * questions before it are asked (a "no" is never made up), none after.
 * The next day the question is asked again.
 */
static void
test_screen_yes_stands(void **state)
{
	static const char yaml_a[] = HEAD
	    "intensity: gentle\n"
	    "screen:\n"
	    "  - \"Pregnant?\"\n"
	    "  - \"Numbness, tingling or weakness in an arm or hand?\"\n"
	    "steps:\n"
	    "  - stretch: {area: pec-major, side: left, time: 10s}\n";
	static const char yaml_b[] = "knead: 1\nid: u\ntitle: U\n"
	    "intensity: gentle\n"
	    "screen:\n"
	    "  - \"A stiff neck with a fever?\"\n"
	    "  - {ask: \" numbness,  TINGLING or weakness in an arm\\n or "
	    "hand? \", if-yes: urgent}\n"
	    "  - \"Osteoporosis?\"\n"
	    "steps:\n"
	    "  - stretch: {area: pec-major, side: right, time: 10s}\n";
	struct fx		*f = *state;
	struct run		 run;
	struct routine		*rb;
	struct diag_list	 dl;
	struct asked		 a;
	char			 msg[1024];
	const struct rec	*r;
	int64_t			 at;
	size_t			 from;

	setenv("TZ", "UTC", 1);
	tzset();
	f->fc.wall_s = 1767225600 + 6 * 3600 + 3 * 60;	/* 06:03 */
	start(f, yaml_a);
	run_clear(&f->run);
	again(f, &run);
	memset(&a, 0, sizeof a);
	assert_int_equal(run_screen(&run, ask_arm_yes, &a), RUN_ENDED);
	assert_int_equal(a.count, 2);
	assert_int_equal(run.screen_earlier, 0);
	run_clear(&run);

	diag_init(&dl);
	rb = routine_load_string("u.yaml", yaml_b, strlen(yaml_b), &dl);
	assert_non_null(rb);
	diag_clear(&dl);
	f->fc.wall_s += 15;
	again(f, &run);
	run.routine = rb;
	plan_free(&run.full);
	assert_int_equal(plan_build(rb, &run.full), 0);
	run_set_sound(&run, &f->run.sound);
	from = f->n;
	memset(&a, 0, sizeof a);
	assert_int_equal(run_screen(&run, ask_rec, &a), RUN_ENDED);
	assert_int_equal(a.count, 1);
	assert_string_equal(a.q[0], "A stiff neck with a fever?");
	assert_int_equal(a.n[0], 1);
	assert_int_equal(session_outcome(run.session), OUTCOME_SCREENED);
	assert_int_equal(run.screen_earlier, 1);
	assert_int_equal(run.screen_yes_i, 1);
	assert_int_equal(run.screen_yes, SCREEN_URGENT);
	assert_true(asks(f, from, "A stiff neck with a fever?"));
	r = first_said(f, from, screen_advice(SCREEN_URGENT));
	assert_non_null(r);
	run_screen_message(&run, msg, sizeof msg);
	assert_non_null(strstr(msg, "at 06:03 today"));
	assert_non_null(strstr(msg, "TINGLING"));
	assert_non_null(strstr(msg, "see a doctor today"));
	assert_non_null(strstr(msg, "asked again tomorrow"));
	run_clear(&run);
	/* Kept as a fresh "yes" is: the first one's time still said. */
	assert_int_equal(history_screen_yes_today(f->h, rb->screen[1], &at),
	    1);
	assert_int_equal(at, 1767225600 + 6 * 3600 + 3 * 60);

	/* The next day: asked again. */
	f->fc.wall_s = 1767225600 + 24 * 3600;
	again(f, &run);
	run.routine = rb;
	plan_free(&run.full);
	assert_int_equal(plan_build(rb, &run.full), 0);
	memset(&a, 0, sizeof a);
	assert_int_equal(run_screen(&run, ask_rec, &a), RUN_OK);
	assert_int_equal(a.count, 3);
	assert_int_equal(run.screen_earlier, 0);
	run_clear(&run);
	routine_free(rb);
}

/*
 * A rest limit is found before the screening questions: a resting run is
 * refused without asking one (six questions answered for nothing, seen
 * on the home screen), the refusal recorded, no session begun; with an
 * override the questions are asked and the session begins.
 */
static void
test_refused_before_questions(void **state)
{
	static const char yaml[] = HEAD
	    "intensity: gentle\n"
	    "limits:\n"
	    "  rest: 1h\n"
	    "screen:\n"
	    "  - \"Any numbness in the leg right now?\"\n"
	    "steps:\n"
	    "  - press: {area: calves, side: left, tool: tennis-ball, "
	    "time: 10s}\n";
	struct fx		*f = *state;
	struct run		 run;
	struct hist_session	*sv;
	size_t			 n, i, refused = 0;
	char			*cause = NULL;
	int			 asked = 0;

	start(f, yaml);
	advance(f, T0 + 60 * S);
	assert_int_equal(session_outcome(f->run.session), OUTCOME_COMPLETED);

	again(f, &run);
	assert_int_equal(run_screen(&run, ask_count, &asked), RUN_REFUSED);
	assert_int_equal(asked, 0);
	assert_int_equal(run.refused, 1);
	assert_null(run.session);
	assert_true(run.nrest >= 1);
	run_clear(&run);
	assert_int_equal(history_sessions(f->h, 0, &sv, &n, &cause), 0);
	for (i = 0; i < n; i++)
		refused += sv[i].outcome == HIST_REFUSED;
	assert_int_equal(refused, 1);
	history_sessions_free(sv, n);

	/* The check before the questions records nothing that runs. */
	f->opts.override = "the therapist said so";
	again(f, &run);
	assert_int_equal(run_screen(&run, ask_count, &asked), RUN_OK);
	assert_int_equal(asked, 1);
	assert_non_null(run.session);
	assert_int_equal(run.refused, 0);
	run_clear(&run);
	f->opts.override = NULL;
	i = n;
	assert_int_equal(history_sessions(f->h, 0, &sv, &n, &cause), 0);
	assert_int_equal(n, i + 1);
	history_sessions_free(sv, n);
}

/* The questions asked, in order: what each answer is, and what k/n were. */
static struct {
	int		 answer[8];
	size_t		 k[8], n[8];
	char		 q[8][256];
	size_t		 asked;
} halt_asks;

static int
ask_halt(void *ctx, size_t k, size_t n, const char *q)
{
	size_t	i = halt_asks.asked++;

	(void)ctx;
	assert_true(i < 8);
	halt_asks.k[i] = k;
	halt_asks.n[i] = n;
	snprintf(halt_asks.q[i], sizeof halt_asks.q[i], "%s", q);
	return (halt_asks.answer[i]);
}

/*
 * Routine yaml begun and halted with ! 5 s in (the area of its first
 * step held), as the tests of what comes after a halt start.
 */
static void
halted_at_5s(struct fx *f, const char *yaml)
{
	const struct session_event *ev;

	start(f, yaml);
	advance(f, T0 + 5 * S);
	run_apply(&f->run, SA_STOP_NOW, 0, T0 + 5 * S, &ev);
	assert_int_equal(session_outcome(f->run.session), OUTCOME_HALTED);
}

/* A new run of the routine, its questions asked: the halt's answered. */
static enum run_result
screen_again(struct fx *f, struct run *run, int answer)
{
	memset(&halt_asks, 0, sizeof halt_asks);
	halt_asks.answer[0] = answer;
	again(f, run);
	return (run_screen(run, ask_halt, NULL));
}

/*
 * A new run, its halt question asked once and answered gone, then ns of
 * work on its first step, and quit.
 */
static void
gone_then_quit(struct fx *f, uint64_t ns)
{
	const struct session_event *ev;
	struct run		 run;

	assert_int_equal(screen_again(f, &run, 0), RUN_OK);
	assert_int_equal(halt_asks.asked, 1);
	run_apply(&run, SA_START, 0, f->fc.mono_ns, &ev);
	f->fc.mono_ns += ns;
	run_apply(&run, SA_TICK, 0, f->fc.mono_ns, &ev);
	run_quit_now(&run, f->fc.mono_ns, &ev);
	run_clear(&run);
}

/*
 * An override over a spot halted for pain asks first whether the pain,
 * numbness or tingling is still there (DOMAIN 3.6: signs to stop; a
 * tester overrode a ! four minutes on with one Enter): "yes", no answer
 * or quit refuses the run, with no session begun; "no" goes on to the
 * routine's questions, numbered after it.
 */
static void
test_override_halt_asks(void **state)
{
	static const char yaml[] = HEAD
	    "intensity: gentle\n"
	    "screen:\n"
	    "  - \"Any swelling in the calf right now?\"\n"
	    "steps:\n"
	    "  - press: {area: calves, side: left, tool: tennis-ball, "
	    "time: 30s}\n";
	static const int answers_still[] = { 1, 3 };
	struct fx		*f = *state;
	struct run		 run;
	size_t			 i;

	halted_at_5s(f, yaml);
	f->fc.wall_s += 240;
	f->opts.override = "tight after meeting";
	for (i = 0; i < nitems(answers_still); i++) {
		assert_int_equal(screen_again(f, &run, answers_still[i]), RUN_REFUSED);
		assert_int_equal(halt_asks.asked, 1);
		assert_non_null(strstr(halt_asks.q[0], "calves (left) was "
		    "stopped for pain, numbness or tingling"));
		assert_int_equal(halt_asks.k[0], 0);
		assert_int_equal(halt_asks.n[0], 2);
		assert_int_equal(run.halt_still, 1);
		assert_null(run.session);
		run_clear(&run);
	}
	/* q: quit, as at a screening question, nothing refused. */
	assert_int_equal(screen_again(f, &run, 2), RUN_ENDED);
	assert_int_equal(halt_asks.asked, 1);
	assert_int_equal(run.halt_still, 0);
	assert_int_equal(session_outcome(run.session), OUTCOME_STOPPED);
	run_clear(&run);
	/* Gone: the routine's question (its "no" was before the halt). */
	assert_int_equal(screen_again(f, &run, 0), RUN_OK);
	assert_int_equal(halt_asks.asked, 2);
	assert_int_equal(halt_asks.k[1], 1);
	assert_int_equal(halt_asks.n[1], 2);
	assert_string_equal(halt_asks.q[1], "Any swelling in the calf right "
	    "now?");
	assert_int_equal(run.halt_still, 0);
	assert_non_null(run.session);
	run_clear(&run);
	/* No override: refused as resting, nothing asked. */
	f->opts.override = NULL;
	assert_int_equal(screen_again(f, &run, 0), RUN_REFUSED);
	assert_int_equal(halt_asks.asked, 0);
	assert_int_equal(run.halt_still, 0);
	run_clear(&run);
}

/*
 * An override over two spots halted for pain asks about each (it asked
 * about the first alone, and a tester's right calf, halted for shooting
 * pain a minute before, was pressed): one still there refuses the run.
 */
static void
test_override_asks_each(void **state)
{
	static const char yaml[] = HEAD
	    "intensity: gentle\n"
	    "steps:\n"
	    "  - press: {area: calves, side: left, tool: tennis-ball, "
	    "time: 30s}\n"
	    "  - press: {area: calves, side: right, tool: tennis-ball, "
	    "time: 30s}\n";
	struct fx		*f = *state;
	const struct session_event *ev;
	struct run		 run;

	halted_at_5s(f, yaml);
	/* The right side halted too, in a run that skipped the left. */
	f->fc.wall_s += 60;
	f->opts.skip_resting = 1;
	assert_int_equal(screen_again(f, &run, 0), RUN_OK);
	assert_int_equal(run.plan->n, 1);
	run_apply(&run, SA_START, 0, f->fc.mono_ns, &ev);
	f->fc.mono_ns += 5 * S;
	run_apply(&run, SA_TICK, 0, f->fc.mono_ns, &ev);
	run_apply(&run, SA_STOP_NOW, 0, f->fc.mono_ns, &ev);
	assert_int_equal(session_outcome(run.session), OUTCOME_HALTED);
	run_clear(&run);
	f->opts.skip_resting = 0;
	f->fc.wall_s += 60;
	f->opts.override = "felt fine";
	memset(&halt_asks, 0, sizeof halt_asks);
	halt_asks.answer[0] = 0;	/* the first: gone */
	halt_asks.answer[1] = 1;	/* the second: still there */
	again(f, &run);
	assert_int_equal(run_screen(&run, ask_halt, NULL), RUN_REFUSED);
	assert_int_equal(halt_asks.asked, 2);
	assert_int_equal(halt_asks.n[1], 2);
	assert_non_null(strstr(halt_asks.q[0], "calves (left)"));
	assert_non_null(strstr(halt_asks.q[1], "calves (right)"));
	assert_int_equal(run.halt_still, 1);
	assert_null(run.session);
	run_clear(&run);
	/* Both gone: the override runs. */
	assert_int_equal(screen_again(f, &run, 0), RUN_OK);
	assert_int_equal(halt_asks.asked, 2);
	assert_non_null(run.session);
	run_quit_now(&run, f->fc.mono_ns, &ev);
	run_clear(&run);
	f->opts.override = NULL;
}

/*
 * A spot halted for pain is held 48 h "and only when the symptoms are
 * gone" (routines.md): once the hold has passed, a run that would work it
 * asks first whether the pain, numbness or tingling is still there (a
 * therapist tester's run pressed a pec minor halted for numbness, 49 h on,
 * with no question). "Yes", no answer or q refuses, saying so and
 * offering no override; --skip-resting leaves the spot out; "gone" runs
 * it, and once a session has worked it nothing is asked again.
 */
static void
test_halt_passed_asks(void **state)
{
	static const char yaml[] = HEAD
	    "intensity: gentle\n"
	    "screen:\n"
	    "  - \"Any swelling in the calf right now?\"\n"
	    "steps:\n"
	    "  - press: {area: calves, side: left, tool: tennis-ball, "
	    "time: 30s}\n"
	    "  - press: {area: calves, side: right, tool: tennis-ball, "
	    "time: 30s}\n";
	static const int still[] = { 1, 3 };
	struct fx		*f = *state;
	const struct session_event *ev;
	struct run		 run;
	char			*text, said[512];
	size_t			 i;

	halted_at_5s(f, yaml);
	/* Within the hold: refused as ever, nothing asked. */
	f->fc.wall_s += 47 * 3600;
	assert_int_equal(screen_again(f, &run, 0), RUN_REFUSED);
	assert_int_equal(halt_asks.asked, 0);
	run_clear(&run);
	f->fc.wall_s += 2 * 3600;
	for (i = 0; i < nitems(still); i++) {
		assert_int_equal(screen_again(f, &run, still[i]), RUN_REFUSED);
		assert_int_equal(halt_asks.asked, 1);
		assert_string_equal(halt_asks.q[0], "calves (left) was "
		    "stopped for pain, numbness or tingling. Is any of it "
		    "still there?");
		assert_int_equal(halt_asks.k[0], 0);
		assert_int_equal(halt_asks.n[0], 2);
		assert_null(run.session);
		assert_int_equal(run.halt_still, 0);
		text = refusal_text_as(run.routine, NULL, run.rest, run.nrest);
		assert_non_null(strstr(text, "calves (left) is not worked "
		    "until the pain, numbness or tingling is gone: it was "
		    "stopped for it, and you said it is still there (or did "
		    "not answer)."));
		assert_non_null(strstr(text, "--skip-resting"));
		assert_null(strstr(text, "Override"));
		free(text);
		/* Said too, for whoever is not looking at the screen. */
		run_refused_line(&run, said, sizeof said);
		assert_string_equal(said, "Not started: Calves, left side is "
		    "not worked while the pain, numbness or tingling is still "
		    "there. The screen says what to do.");
		run_clear(&run);
	}
	/* An override does not pass it either. */
	f->opts.override = "feels fine to me";
	assert_int_equal(screen_again(f, &run, 1), RUN_REFUSED);
	assert_int_equal(halt_asks.asked, 1);
	assert_int_equal(run.halt_still, 1);
	text = refusal_halt_text(run.routine, NULL, run.rest, run.nrest);
	assert_non_null(strstr(text, "calves (left) was stopped for pain, "
	    "numbness or tingling, and it is not gone"));
	free(text);
	run_clear(&run);
	f->opts.override = NULL;
	/* --skip-resting: still there, left out; the right side runs. */
	f->opts.skip_resting = 1;
	assert_int_equal(screen_again(f, &run, 1), RUN_OK);
	assert_int_equal(halt_asks.asked, 2);
	assert_int_equal(halt_asks.k[1], 1);
	assert_string_equal(halt_asks.q[1], "Any swelling in the calf right "
	    "now?");
	assert_int_equal(run.plan->n, 1);
	assert_int_equal(run.plan->v[0].side, SIDE_RIGHT);
	run_quit_now(&run, f->fc.mono_ns, &ev);
	run_clear(&run);
	f->opts.skip_resting = 0;
	/*
	 * q is no answer: quit as at a screening question, nothing said
	 * of the spot (no refusal, no "still there" kept), with or without
	 * --skip-resting or an override.
	 */
	for (i = 0; i < 3; i++) {
		f->opts.skip_resting = i == 1;
		f->opts.override = i == 2 ? "feels fine to me" : NULL;
		assert_int_equal(screen_again(f, &run, 2), RUN_ENDED);
		assert_int_equal(halt_asks.asked, 1);
		assert_non_null(run.session);
		assert_int_equal(session_outcome(run.session),
		    OUTCOME_STOPPED);
		assert_false(run.begun);
		assert_int_equal(run.halt_still, 0);
		run_clear(&run);
	}
	f->opts.skip_resting = 0;
	f->opts.override = NULL;
	/* Gone: the whole routine (its "no" of today stands). */
	assert_int_equal(screen_again(f, &run, 0), RUN_OK);
	assert_int_equal(halt_asks.asked, 1);
	assert_int_equal(halt_asks.n[0], 1);
	assert_int_equal(run.plan->n, 2);
	run_quit_now(&run, f->fc.mono_ns, &ev);
	run_clear(&run);
	/*
	 * Skipping, with today's "no" standing: the status line says both
	 * (the skip's line was written over the screening's, unseen).
	 */
	f->opts.skip_resting = 1;
	assert_int_equal(screen_again(f, &run, 1), RUN_OK);
	assert_int_equal(halt_asks.asked, 1);
	assert_string_equal(run.status, "Now 1 step, 0:30; left out, "
	    "resting: calves (left). Screening: your \"no\" answers from "
	    "earlier today stand.");
	run_quit_now(&run, f->fc.mono_ns, &ev);
	run_clear(&run);
	f->opts.skip_resting = 0;
	/* Gone and worked: it says what to do should it come back. */
	assert_int_equal(screen_again(f, &run, 0), RUN_OK);
	assert_int_equal(halt_asks.asked, 1);
	run_apply(&run, SA_START, 0, f->fc.mono_ns, &ev);
	f->fc.mono_ns += 5 * S;
	run_apply(&run, SA_TICK, 0, f->fc.mono_ns, &ev);
	assert_string_equal(run.status, "calves (left) was stopped for pain "
	    "before; press ! if it comes back.");
	/* Not on the right side's step. */
	f->fc.mono_ns += 30 * S;
	run_apply(&run, SA_TICK, 0, f->fc.mono_ns, &ev);
	assert_null(strstr(run.status, "stopped for pain"));
	run_quit_now(&run, f->fc.mono_ns, &ev);
	run_clear(&run);
}

/*
 * Once a session has worked the spot after its halt, nothing is asked;
 * a session that did not reach it leaves the question.
 */
static void
test_halt_passed_worked(void **state)
{
	static const char yaml[] = HEAD
	    "intensity: gentle\n"
	    "steps:\n"
	    "  - press: {area: calves, side: left, tool: tennis-ball, "
	    "time: 30s}\n";
	struct fx		*f = *state;
	const struct session_event *ev;
	struct run		 run;

	halted_at_5s(f, yaml);
	f->fc.wall_s += 49 * 3600;
	/* Gone, but quit before any work: asked again. */
	assert_int_equal(screen_again(f, &run, 0), RUN_OK);
	assert_int_equal(halt_asks.asked, 1);
	run_quit_now(&run, f->fc.mono_ns, &ev);
	assert_int_equal(session_outcome(run.session), OUTCOME_STOPPED);
	run_clear(&run);
	/*
	 * Gone, and 10 s of its 30 s, then quit: under half, not worked as
	 * the rest rules count it (a tester's second on it ended the
	 * question); asked again. Then 16 s: worked.
	 */
	f->fc.wall_s += 60;
	gone_then_quit(f, 10 * S);
	f->fc.wall_s += 60;
	gone_then_quit(f, 16 * S);
	/* Worked since: its rest over, nothing asked, the session begins. */
	f->fc.wall_s += 3 * 86400;
	assert_int_equal(screen_again(f, &run, 0), RUN_OK);
	assert_int_equal(halt_asks.asked, 0);
	assert_non_null(run.session);
	run_clear(&run);
}

/*
 * A cue is logged when the loop handles it, with the time it sounds at:
 * the loop woken 40 ms late, a minute's press's halfway chime, handed to
 * the sound ahead, still sounds on its deadline, once, and its log line
 * says both times (the audio capture test matches what it hears to due=).
 */
static void
test_cue_logged_due(void **state)
{
	static const char yaml[] = HEAD "cues:\n  halfway: true\n"
	    "  countdown: 0\nsteps:\n"
	    "  - press: {area: calves, side: left, tool: tennis-ball, "
	    "time: 60s}\n";
	struct fx		*f = *state;
	const struct session_event *ev;
	char			 path[128], line[256], *cause = NULL;
	unsigned long long	 ns, due;
	unsigned		 step;
	size_t			 i, chimes = 0, lines = 0;
	FILE			*fp;

	snprintf(path, sizeof path, "%s/events.log", f->dir);
	assert_non_null(f->run.log = eventlog_open(path, &cause));
	assert_int_equal(eventlog_begin(f->run.log, &cause), 0);
	start(f, yaml);
	f->fc.mono_ns = T0 + 30 * S + 40 * MS;
	run_apply(&f->run, SA_TICK, 0, f->fc.mono_ns, &ev);
	for (i = 0; i < f->n; i++)
		if (f->v[i].kind == REC_CUE && f->v[i].cue == CUE_HALFWAY) {
			chimes++;
			assert_int_equal(f->v[i].at_ns, T0 + 30 * S);
			assert_int_equal(f->v[i].asked_ns, T0);
		}
	assert_int_equal(chimes, 1);
	eventlog_close(f->run.log);
	f->run.log = NULL;
	assert_non_null(fp = fopen(path, "r"));
	while (fgets(line, sizeof line, fp) != NULL) {
		if (strstr(line, " cue ") == NULL ||
		    strstr(line, " halfway ") == NULL)
			continue;
		lines++;
		assert_int_equal(sscanf(line, "%llu cue %u halfway due=%llu",
		    &ns, &step, &due), 3);
		assert_int_equal(step, 0);
		assert_int_equal(ns, T0 + 30 * S + 40 * MS);
		assert_int_equal(due, T0 + 30 * S);
	}
	fclose(fp);
	assert_int_equal(lines, 1);
}

/*
 * The end of a session whose store fails (its tables dropped by another
 * connection: every write fails at once). Tried RUN_END_TRIES times,
 * RUN_END_PAUSE_MS apart on the run's clock, then the loss is told; but a
 * store whose tries take longer than a pause (SQLite waiting on a lock)
 * is not tried again, and the user does not wait for nothing. tick_ms:
 * how much the fake clock moves at each read (the time a try takes).
 */
static void
store_end_fails(struct fx *f, uint64_t tick_ms)
{
	static const char yaml[] = HEAD "steps:\n"
	    "  - press: {area: calves, side: left, tool: tennis-ball, "
	    "time: 10s}\n";
	const struct session_event *ev;
	sqlite3			*db;
	uint64_t		 t;
	size_t			 i;
	int			 told = 0;

	start(f, yaml);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA foreign_keys = OFF; "
	    "DROP TABLE steps; DROP TABLE sessions;", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	f->fc.mono_ns = t = T0 + 10 * S;
	f->fc.tick_ns = tick_ms * MS;
	run_apply(&f->run, SA_TICK, 0, t, &ev);
	f->fc.tick_ns = 0;
	assert_int_equal(session_state(f->run.session), SESSION_DONE);
	assert_int_equal(f->run.store_lost, 1);
	assert_int_equal(f->run.nunsaved, 1);	/* the press */
	for (i = 0; i < f->run.nqueue; i++)
		told += strstr(f->run.queue[i], "could not be saved") != NULL &&
		    strstr(f->run.queue[i], "; 1 step unsaved)") != NULL;
	assert_int_equal(told, 1);
	if (tick_ms == 0)	/* two pauses, slept on the fake clock */
		assert_int_equal(f->fc.mono_ns - t,
		    (RUN_END_TRIES - 1) * RUN_END_PAUSE_MS * MS);
	else			/* reads only: no pause of 500 ms in it */
		assert_int_equal((f->fc.mono_ns - t) % (tick_ms * MS), 0);
}

/* A store that fails at once: three tries, two pauses. */
static void
test_store_end_retried(void **state)
{
	store_end_fails(*state, 0);
}

/* Each try takes 600 ms, more than a pause: no second try, no pause. */
static void
test_store_end_slow_not_retried(void **state)
{
	store_end_fails(*state, 600);
}

/*
 * A note about the step being worked (+ at its cap) is cleared as the
 * next step starts; a status that is not a note (a mute) is kept.
 */
static void
test_step_note_cleared(void **state)
{
	struct fx		*f = *state;
	const struct rec	*r;
	size_t			 mark;
	int			 i;

	start(f, "knead: 1\nid: t\ntitle: T\nintensity: gentle\nsteps:\n"
	    "  - press: {area: calves, side: left, tool: tennis-ball, "
	    "time: 50s, pressure: 3}\n"
	    "  - press: {area: calves, side: right, tool: tennis-ball, "
	    "time: 20s, pressure: 3}\n"
	    "  - rest: 10s\n");
	advance(f, T0 + 2 * S);
	mark = f->n;
	for (i = 0; i < 3; i++)		/* 50 s + 10 s passes 59 s */
		key(f, SA_PLUS10);
	assert_non_null(strstr(f->run.status, "+ stops at"));
	assert_int_equal(f->run.status_note, 1);
	/*
	 * Said too, twice (the first + went to 59 s, no word: not 10 s);
	 * pressed at once, the first word is cut for the second.
	 */
	r = first_said(f, mark, "No more time on this spot.");
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 2 * S);
	assert_non_null(first_said(f, (size_t)(r - f->v) + 1, "No more time "
	    "on this spot."));
	for (r = first(f, mark, REC_CUT); r != NULL && r->at_ns != T0 + 2 * S;
	    r = first(f, (size_t)(r - f->v) + 1, REC_CUT))
		;
	assert_non_null(r);
	advance(f, T0 + 61 * S);	/* the right side has started */
	assert_int_equal(session_sched(f->run.session)->cur, 1);
	assert_string_equal(f->run.status, "");
	run_status(&f->run, "%s", "sound muted");
	advance(f, T0 + 85 * S);	/* the rest has started: kept */
	assert_int_equal(session_sched(f->run.session)->cur, 2);
	assert_string_equal(f->run.status, "sound muted");
}

/*
 * The same note ends with its step when a pain question comes between the
 * step and the next (a tester saw "+ stops at 59 s" under the question).
 */
static void
test_step_note_ends_with_step(void **state)
{
	struct fx	*f = *state;
	int		 i;

	start(f, "knead: 1\nid: t\ntitle: T\nintensity: gentle\nsteps:\n"
	    "  - press: {area: calves, side: left, tool: tennis-ball, "
	    "time: 50s, pressure: 3, check: pain}\n"
	    "  - rest: 10s\n");
	advance(f, T0 + 2 * S);
	for (i = 0; i < 3; i++)
		key(f, SA_PLUS10);
	assert_non_null(strstr(f->run.status, "+ stops at"));
	advance(f, T0 + 62 * S);	/* the hold ended: its question */
	assert_int_equal(session_state(f->run.session), SESSION_PAIN);
	assert_string_equal(f->run.status, "");
}

/*
 * The pain question is said with the keys that answer it, after "Ease
 * off the spot."; unanswered 30 s, the question alone again.
 */
static void
test_pain_said(void **state)
{
	static const char ease[] = "Ease off the spot.";
	static const char q[] = "How much pain was there, from 0 to 10? "
	    "Press the number, x for 10.";
	struct fx		*f = *state;
	const struct session_event *ev;
	const struct rec	*r;
	size_t			 mark;

	start(f, "knead: 1\nid: t\ntitle: T\nintensity: gentle\nsteps:\n"
	    "  - press: {area: calves, side: left, tool: tennis-ball, "
	    "time: 20s, pressure: 3, check: pain}\n"
	    "  - rest: 10s\n");
	mark = f->n;
	advance(f, T0 + 21 * S);
	assert_int_equal(session_state(f->run.session), SESSION_PAIN);
	r = first_said(f, mark, ease);
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 20 * S);
	r = first_said(f, mark, q);
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 20 * S + strlen(ease) * 60 * MS);
	mark = f->n;
	f->fc.mono_ns = T0 + 50 * S;
	run_apply(&f->run, SA_TICK, 0, f->fc.mono_ns, &ev);
	assert_null(first_said(f, mark, ease));
	r = first_said(f, mark, q);
	assert_non_null(r);
	assert_int_equal(r->at_ns, T0 + 50 * S);
}

/*
 * A key's answer stays RUN_BRIEF_MS on the status line, then the step's
 * own note it covered comes back (a tester read "+ stops at 59 s" after
 * two - had made the step 35 s); a step's start clears both.
 */
static void
test_brief_status(void **state)
{
	struct fx			*f = *state;
	const struct session_event	*ev;
	uint64_t			 t;

	start(f, press30);
	t = f->fc.mono_ns;
	run_note(&f->run, "%s", "X was stopped for pain before.");
	run_brief(&f->run, "%s", "+ stops at 59 s.");
	assert_string_equal(f->run.status, "+ stops at 59 s.");
	f->fc.mono_ns = t + RUN_BRIEF_MS * MS - 1;
	run_apply(&f->run, SA_TICK, 0, f->fc.mono_ns, &ev);
	assert_string_equal(f->run.status, "+ stops at 59 s.");
	f->fc.mono_ns = t + RUN_BRIEF_MS * MS;
	run_apply(&f->run, SA_TICK, 0, f->fc.mono_ns, &ev);
	assert_string_equal(f->run.status, "X was stopped for pain before.");
	assert_int_equal(f->run.status_note, 1);
	/* Two answers in a row: the note comes back after the last. */
	run_brief(&f->run, "%s", "one");
	f->fc.mono_ns += 2 * S;
	run_brief(&f->run, "%s", "two");
	f->fc.mono_ns += RUN_BRIEF_MS * MS;
	run_apply(&f->run, SA_TICK, 0, f->fc.mono_ns, &ev);
	assert_string_equal(f->run.status, "X was stopped for pain before.");
	/* An answer with nothing under it leaves the line empty. */
	run_status(&f->run, "%s", "");
	run_brief(&f->run, "%s", "b does not go back.");
	advance(f, f->fc.mono_ns + RUN_BRIEF_MS * MS);
	assert_string_equal(f->run.status, "");
}

/*
 * m and v with no sound (no device, or --no-sound): nothing is muted or
 * spoken either way, so the status says it runs silently instead of
 * "sound muted" / "sound on", and the screen's [muted] tag stays off.
 */
static void
test_mute_without_sound(void **state)
{
	struct fx		*f = *state;
	struct audio_opts	 ao;
	struct audio		*a;
	int			 i;

	memset(&ao, 0, sizeof ao);
	ao.no_sound = 1;
	ao.volume = -1;
	start(f, press30);
	assert_non_null(a = audio_open(&ao));
	f->run.audio = a;
	for (i = 0; i < 2; i++) {
		assert_int_equal(run_key(&f->run, KEY_ACT_MUTE), SA_TICK);
		assert_null(strstr(f->run.status, "muted"));
		assert_null(strstr(f->run.status, "sound on"));
		assert_non_null(strstr(f->run.status, "running silently"));
		assert_int_equal(run_muted(&f->run), 0);
		run_status(&f->run, "%s", "");
		assert_int_equal(run_key(&f->run, KEY_ACT_VOICE), SA_TICK);
		assert_null(strstr(f->run.status, "voice o"));
		assert_non_null(strstr(f->run.status, "running silently"));
		run_status(&f->run, "%s", "");
	}
	f->run.audio = NULL;
	audio_close(a);
}

/*
 * The summary's times spent go down to the whole second, as a clock
 * shows time gone by (and the screen's top line): three presses of 8.4 s
 * each are 0:08 apiece and 0:25 in all; rounded up they were 0:09 each,
 * 0:27 over a total of 0:26.
 */
static void
test_summary_seconds_down(void **state)
{
	static const char yaml[] = HEAD "tools: [tennis-ball]\nsteps:\n"
	    "  - press: {area: calves, side: left, tool: tennis-ball, "
	    "time: 20s}\n"
	    "  - press: {area: calves, side: right, tool: tennis-ball, "
	    "time: 20s}\n"
	    "  - press: {area: forearm-flexors, side: left, "
	    "tool: tennis-ball, time: 20s}\n";
	struct fx	*f = *state;
	size_t		 i, areas = 0;
	unsigned	 m, sec, sum = 0;

	start(f, yaml);
	for (i = 1; i <= 3; i++) {
		advance(f, T0 + i * 8400 * MS);
		key(f, SA_NEXT);
	}
	assert_int_equal(session_state(f->run.session), SESSION_DONE);
	run_summary(&f->run);
	assert_true(f->run.nqueue >= 4);
	assert_non_null(strstr(f->run.queue[0], ": 0:25 of 1:00 planned."));
	for (i = 1; i < f->run.nqueue; i++) {
		if (strncmp(f->run.queue[i], "  ", 2) != 0)
			continue;
		assert_non_null(strstr(f->run.queue[i], " 0:08"));
		assert_int_equal(sscanf(strrchr(f->run.queue[i], ':') - 1,
		    "%u:%u", &m, &sec), 2);
		sum += m * 60 + sec;
		areas++;
	}
	assert_int_equal(areas, 3);
	assert_true(sum <= 25);
}

/*
 * What ! marks, as the store holds it: the areas held for a halt (the
 * resting list's RULE_HALTED entries, "area side" or "area" for both
 * sides held alike, ", " between), and the area history names.
 */
static void
halted_marks(struct fx *f, char *held, size_t len, char *named, size_t nlen)
{
	struct resting		*rest;
	struct hist_session	*sv;
	size_t			 i, n, o = 0;
	char			*cause = NULL;

	held[0] = '\0';
	assert_int_equal(history_resting(f->h, &rest, &n, &cause), 0);
	for (i = 0; i < n; i++) {
		if (rest[i].rule != RULE_HALTED || rest[i].area == NULL)
			continue;
		o += (size_t)snprintf(held + o, len - o, "%s%s%s%s",
		    o > 0 ? ", " : "", rest[i].area->id,
		    side_id(rest[i].side)[0] != '\0' ? " " : "",
		    side_id(rest[i].side));
		assert_true(o < len);
	}
	free(rest);
	assert_int_equal(history_sessions(f->h, 0, &sv, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(sv[0].outcome, HIST_HALTED);
	snprintf(named, nlen, "%s%s%s", sv[0].last_area != NULL ?
	    sv[0].last_area : "-", sv[0].last_side != NULL &&
	    sv[0].last_side[0] != '\0' ? " " : "", sv[0].last_side != NULL ?
	    sv[0].last_side : "");
	history_sessions_free(sv, n);
}

/* The summary line that has s in it, or NULL. */
static const char *
queued(const struct fx *f, const char *s)
{
	size_t	i;

	for (i = 0; i < f->run.nqueue; i++)
		if (strstr(f->run.queue[i], s) != NULL)
			return f->run.queue[i];
	return NULL;
}

static const char marks_yaml[] = HEAD "intensity: gentle\n"
    "tools: [tennis-ball]\nsteps:\n"
    "  - position: \"Lie on your back, the ball under the left shoulder.\"\n"
    "    time: 5s\n"				/* 0: 0-5 s */
    "  - press: {area: upper-trapezius, side: both, tool: tennis-ball, "
    "time: 10s}\n"				/* 1, 2 switch, 3: 5-30 s */
    "  - rest: 10s\n"				/* 4: 30-40 s */
    "  - position: \"Sit, the ball under the left calf.\"\n"
    "    time: 5s\n"				/* 5: 40-45 s */
    "  - press: {area: calves, side: left, tool: tennis-ball, "
    "time: 10s}\n";				/* 6: 45-55 s */

/*
 * ! at at_ms into marks_yaml's session marks the area the user is on, one
 * rule (plan_halt_mark) for the store and the summary: at once or during
 * the first position step, before any work, the area the step leads
 * into, with its side (it held none); during a press, that press's; while
 * switching sides, both sides of the area; during a rest, the area worked
 * before it; in a position step after work, the area it leads into.
 */
static void
halt_marks(void **state, uint64_t at_ms, const char *held, const char *said)
{
	struct fx			*f = *state;
	const struct session_event	*ev;
	char				 got[256], named[128];
	size_t				 i;

	start(f, marks_yaml);
	advance(f, T0 + at_ms * MS);
	run_apply(&f->run, SA_STOP_NOW, 0, T0 + at_ms * MS, &ev);
	assert_int_equal(session_outcome(f->run.session), OUTCOME_HALTED);
	halted_marks(f, got, sizeof got, named, sizeof named);
	assert_string_equal(got, held);
	/* knead history and the report name the same area. */
	assert_string_equal(named, held);
	run_summary(&f->run);
	if (queued(f, said) == NULL) {
		for (i = 0; i < f->run.nqueue; i++)
			fprintf(stderr, "queue[%zu] %s\n", i, f->run.queue[i]);
		fail_msg("no summary line with \"%s\"", said);
	}
	assert_non_null(queued(f, "Stopped for safety."));
}

static void
test_halt_at_once_marks_next(void **state)
{
	halt_marks(state, 0, "upper-trapezius left", "Stopped during the "
	    "position step; marked to rest: upper trapezius, left side "
	    "(recorded in your history).");
}

static void
test_halt_in_position_marks_next(void **state)
{
	halt_marks(state, 3000, "upper-trapezius left", "Stopped during the "
	    "position step; marked to rest: upper trapezius, left side "
	    "(recorded in your history).");
}

static void
test_halt_in_press_marks_it(void **state)
{
	halt_marks(state, 8000, "upper-trapezius left", "Stopped during the "
	    "press of the upper trapezius, left side (recorded in your "
	    "history).");
}

static void
test_halt_switching_marks_both(void **state)
{
	halt_marks(state, 17000, "upper-trapezius", "Stopped during the "
	    "switch sides step; marked to rest: upper trapezius, both sides "
	    "(recorded in your history).");
}

static void
test_halt_in_rest_marks_before(void **state)
{
	halt_marks(state, 33000, "upper-trapezius right", "Stopped during "
	    "the rest step; marked to rest: upper trapezius, right side "
	    "(recorded in your history).");
}

static void
test_halt_in_later_position_marks_next(void **state)
{
	halt_marks(state, 42000, "calves left", "Stopped during the position "
	    "step; marked to rest: calves, left side (recorded in your "
	    "history).");
}

/*
 * A session quit early lists the areas it came to, with their time (one
 * skipped with n at 0:00), and names those it never reached on one line,
 * not each at 0:00; the areas' times still add up to no more than the
 * first line's.
 */
static void
test_summary_not_reached(void **state)
{
	static const char yaml[] = HEAD "tools: [tennis-ball]\nsteps:\n"
	    "  - press: {area: calves, side: left, tool: tennis-ball, "
	    "time: 20s}\n"
	    "  - press: {area: forearm-flexors, side: left, "
	    "tool: tennis-ball, time: 20s}\n"
	    "  - press: {area: upper-trapezius, side: both, "
	    "tool: tennis-ball, time: 20s}\n"
	    "  - press: {area: calves, side: right, tool: tennis-ball, "
	    "time: 20s}\n";
	struct fx			*f = *state;
	const struct session_event	*ev;
	size_t				 i, areas = 0;

	start(f, yaml);
	advance(f, T0 + 20 * S);	/* the left calf done */
	key(f, SA_NEXT);		/* the forearm skipped at once */
	advance(f, T0 + 25 * S);	/* 5 s on the left upper trapezius */
	run_quit_now(&f->run, T0 + 25 * S, &ev);
	assert_int_equal(session_outcome(f->run.session), OUTCOME_STOPPED);
	run_summary(&f->run);
	assert_non_null(strstr(f->run.queue[0], ": 0:25 of 1:45 planned."));
	for (i = 1; i < f->run.nqueue; i++)
		areas += strncmp(f->run.queue[i], "  ", 2) == 0;
	assert_int_equal(areas, 3);
	assert_non_null(queued(f, "  calves, left side"));
	assert_non_null(strstr(queued(f, "  calves, left side"), " 0:20"));
	assert_non_null(strstr(queued(f, "  forearm flexors, left side"),
	    " 0:00"));
	assert_non_null(strstr(queued(f, "  upper trapezius, left side"),
	    " 0:05"));
	assert_null(queued(f, "  upper trapezius, right side"));
	assert_null(queued(f, "  calves, right side"));
	assert_non_null(queued(f, "Not reached: upper trapezius, right side; "
	    "calves, right side."));
}

/* Quit before the first step began: nothing was reached. */
static void
test_summary_none_reached(void **state)
{
	static const char yaml[] = HEAD "tools: [tennis-ball]\nsteps:\n"
	    "  - press: {area: calves, side: left, tool: tennis-ball, "
	    "time: 20s}\n";
	struct fx			*f = *state;
	const struct session_event	*ev;
	struct diag_list		 dl;
	char				*cause = NULL;

	diag_init(&dl);
	f->r = routine_load_string("t.yaml", yaml, strlen(yaml), &dl);
	assert_non_null(f->r);
	diag_clear(&dl);
	assert_int_equal(history_open(f->path, &f->fc.clock, &f->h, &cause),
	    0);
	again(f, &f->run);
	assert_int_equal(run_begin(&f->run, NULL, &cause), RUN_OK);
	run_apply(&f->run, SA_QUIT, 0, T0, &ev);
	assert_int_equal(session_state(f->run.session), SESSION_DONE);
	run_summary(&f->run);
	assert_null(queued(f, "  calves"));
	assert_non_null(queued(f, "Not reached: calves, left side."));
}

/*
 * After a halt, what made the user stop (run_halt.c): the answer is kept
 * on the halted session and said back; numbness, tingling or shooting
 * pain over the nerves to the arm adds DOMAIN 3.6's "see a clinician",
 * shown and said after the question, itself said after the safety note.
 * area: the step's; why: the answer (NULL: none); clin: the line expected.
 */
/*
 * The halt's question answered while it is said: the rest of it stops
 * there, and "Noted." follows at once (a listener hears the key worked).
 */
static void
test_halt_answer_cuts_question(void **state)
{
	struct fx			*f = *state;
	const struct session_event	*ev;
	const struct rec		*r;
	uint64_t			 q;

	start(f, HEAD "intensity: gentle\nsteps:\n  - press: {area: calves, "
	    "side: left, tool: tennis-ball, time: 10s}\n");
	advance(f, T0 + 5 * S);
	run_apply(&f->run, SA_STOP_NOW, 0, T0 + 5 * S, &ev);
	run_summary(&f->run);
	run_halt_ask(&f->run);
	q = f->run.halt_q_at_ns;
	assert_true(q > T0 + 5 * S);
	f->fc.mono_ns = q + S;
	f->n = 0;
	run_halt_why(&f->run, "sharp-pain");
	r = first(f, 0, REC_CUT);
	assert_non_null(r);
	assert_int_equal(r->at_ns, q + S);
	r = first_said(f, 0, "Noted.");
	assert_non_null(r);
	assert_int_equal(r->at_ns, q + S);
}

static void
halt_why_case(void **state, const char *area, const char *why, int clin)
{
	char			 yaml[512];
	struct fx		*f = *state;
	const struct session_event *ev;
	struct hist_session	*sv;
	const struct rec	*l[32];
	size_t			 n, i, q = SIZE_MAX, c = SIZE_MAX, had;
	char			*cause = NULL;
	uint64_t		 note_end;

	snprintf(yaml, sizeof yaml, HEAD "intensity: gentle\nsteps:\n"
	    "  - press: {area: %s, side: left, tool: tennis-ball, "
	    "time: 10s}\n", area);
	start(f, yaml);
	advance(f, T0 + 5 * S);
	run_apply(&f->run, SA_STOP_NOW, 0, T0 + 5 * S, &ev);
	assert_int_equal(session_outcome(f->run.session), OUTCOME_HALTED);
	f->n = 0;
	run_summary(&f->run);
	/* The halt itself first, unchanged: the safety note shown, said. */
	assert_non_null(queued(f, "Stopped for safety"));
	note_end = f->run.aftercare_end_ns;
	assert_true(note_end > T0 + 5 * S);
	assert_int_equal(run_halt_asks(&f->run), 1);
	had = f->run.nqueue;
	run_halt_ask(&f->run);
	run_halt_why(&f->run, why);
	n = says(f, 0, l, 32);
	for (i = 0; i < n; i++) {
		if (strstr(l[i]->text, "What made you stop?") != NULL)
			q = i;
		if (strstr(l[i]->text, "from a nerve") != NULL)
			c = i;
	}
	/* The question is heard after the safety note, not over it. */
	assert_true(q < n);
	assert_true(l[q]->at_ns >= note_end);
	/* Said as keys to press: a letter alone is read as a word. */
	assert_non_null(strstr(l[q]->text, "Press p for sharp pain"));
	assert_int_equal(c < n, clin);
	/*
	 * Answered before the question began: it is dropped (cancelled),
	 * "Noted." comes after the safety note, then the advice.
	 */
	if (clin)
		assert_true(c > q && l[c]->at_ns >= l[q]->at_ns);
	if (why != NULL) {
		assert_non_null(first_said(f, 0, "Noted."));
		assert_int_equal(first_said(f, 0, "Noted.")->at_ns, note_end);
		assert_non_null(first(f, 0, REC_CANCEL));
		assert_int_equal(first(f, 0, REC_CANCEL)->at_ns,
		    l[q]->at_ns);
	}
	assert_int_equal(queued(f, "from a nerve") != NULL, clin);
	if (why == NULL)
		assert_int_equal(f->run.nqueue, had);
	else
		assert_non_null(queued(f, "Noted: "));
	assert_int_equal(history_sessions(f->h, 0, &sv, &n, &cause), 0);
	assert_int_equal(n, 1);
	if (why == NULL)
		assert_null(sv[0].halt_why);
	else
		assert_string_equal(sv[0].halt_why, why);
	history_sessions_free(sv, n);
}

/*
 * An override over a halt answered "numbness or tingling" near the arm's
 * nerves asks nothing and is refused, its words saying why (a desk-worker
 * tester overrode one five minutes after knead said to see a clinician
 * before working it again); over sharp pain there, or numbness in a calf,
 * the question is asked as before.
 */
static void
override_after_why(void **state, const char *area, const char *why,
    int refused_outright)
{
	struct fx		*f = *state;
	struct run		 run;
	struct hist_session	*sv;
	size_t			 n, i;
	char			*text, *cause = NULL;

	halt_why_case(state, area, why, refused_outright);
	f->fc.wall_s += 300;
	f->opts.override = "meeting in 10";
	memset(&halt_asks, 0, sizeof halt_asks);
	halt_asks.answer[0] = 0;	/* "no, it is gone" if asked */
	again(f, &run);
	if (refused_outright) {
		assert_int_equal(run_screen(&run, ask_halt, NULL),
		    RUN_REFUSED);
		assert_int_equal(halt_asks.asked, 0);
		assert_int_equal(run.halt_still, 1);
		assert_null(run.session);
		text = refusal_halt_text(run.routine, NULL, run.rest,
		    run.nrest);
		/* The attempt is kept, with its reason, for the report. */
		assert_int_equal(history_sessions(f->h, 0, &sv, &n, &cause),
		    0);
		assert_int_equal(n, 2);
		for (i = 0; i < n && sv[i].outcome != HIST_REFUSED; i++)
			;
		assert_true(i < n);
		assert_string_equal(sv[i].override_reason, "meeting in 10");
		assert_int_equal(sv[i].strict, 0);
		history_sessions_free(sv, n);
		assert_non_null(strstr(text, "See a doctor or physiotherapist "
		    "before you work upper trapezius (left) again: it was "
		    "stopped for numbness or tingling, near the nerves to the "
		    "arm, and no override passes it."));
		free(text);
	} else {
		assert_int_equal(run_screen(&run, ask_halt, NULL), RUN_OK);
		assert_true(halt_asks.asked >= 1);
		assert_non_null(strstr(halt_asks.q[0], "was stopped for pain"));
		assert_int_equal(run.halt_still, 0);
	}
	run_clear(&run);
	f->opts.override = NULL;
}

/*
 * After its hold, a spot over the nerves to the arm halted for numbness
 * was to be seen by a doctor or physiotherapist before it is worked again
 * (the halt said so): the question asks that too, and only "yes" (seen,
 * and gone) runs it; "no" refuses, saying to see one, with no override.
 */
static void
test_halt_passed_nerve(void **state)
{
	struct fx		*f = *state;
	const struct session_event *ev;
	struct run		 run;
	char			*text;

	halt_why_case(state, "upper-trapezius", "numbness-tingling", 1);
	/* In its hold: refused, and no override offered (none passes). */
	f->fc.wall_s += 3600;
	assert_int_equal(screen_again(f, &run, 0), RUN_REFUSED);
	text = refusal_text_as(run.routine, NULL, run.rest, run.nrest);
	assert_ptr_equal(strstr(text, "See a doctor or physiotherapist "
	    "before you work upper trapezius (left) again: it was halted (!) "
	    "for numbness or tingling, near the nerves to the arm; not before "),
	    text);
	assert_null(strstr(text, "Override"));
	free(text);
	run_clear(&run);
	f->fc.wall_s += 48 * 3600;
	assert_int_equal(screen_again(f, &run, 0), RUN_REFUSED);
	assert_int_equal(halt_asks.asked, 1);
	assert_string_equal(halt_asks.q[0], "upper trapezius (left) was "
	    "stopped for numbness or tingling, near the nerves to the arm. "
	    "Has a doctor or physiotherapist seen it, and is it gone?");
	text = refusal_text_as(run.routine, NULL, run.rest, run.nrest);
	assert_non_null(strstr(text, "See a doctor or physiotherapist before "
	    "you work upper trapezius (left) again: it was stopped for "
	    "numbness or tingling, near the nerves to the arm"));
	assert_null(strstr(text, "Override"));
	free(text);
	run_clear(&run);
	assert_int_equal(screen_again(f, &run, 1), RUN_OK);
	assert_non_null(run.session);
	run_quit_now(&run, f->fc.mono_ns, &ev);
	run_clear(&run);
}

static void
test_override_neck_numb_refused(void **state)
{
	override_after_why(state, "upper-trapezius", "numbness-tingling", 1);
}

static void
test_override_neck_sharp_asks(void **state)
{
	override_after_why(state, "upper-trapezius", "sharp-pain", 0);
}

static void
test_override_calf_numb_asks(void **state)
{
	override_after_why(state, "calves", "numbness-tingling", 0);
}

static void
test_halt_why_neck_numb(void **state)
{
	halt_why_case(state, "upper-trapezius", "numbness-tingling", 1);
	assert_non_null(queued(*state, "Noted: numbness or tingling."));
}

static void
test_halt_why_forearm_shooting(void **state)
{
	halt_why_case(state, "forearm-flexors", "shooting", 1);
}

static void
test_halt_why_neck_sharp(void **state)
{
	halt_why_case(state, "upper-trapezius", "sharp-pain", 0);
}

static void
test_halt_why_calf_numb(void **state)
{
	halt_why_case(state, "calves", "numbness-tingling", 0);
}

static void
test_halt_why_none(void **state)
{
	halt_why_case(state, "upper-trapezius", NULL, 0);
}

/* A session that was not halted is asked nothing, and keeps nothing. */
static void
test_halt_why_not_halted(void **state)
{
	static const char yaml[] = HEAD "intensity: gentle\nsteps:\n"
	    "  - press: {area: calves, side: left, tool: tennis-ball, "
	    "time: 10s}\n";
	struct fx		*f = *state;
	struct hist_session	*sv;
	size_t			 n, had;
	char			*cause = NULL;

	start(f, yaml);
	advance(f, T0 + 11 * S);
	assert_int_equal(session_outcome(f->run.session), OUTCOME_COMPLETED);
	run_summary(&f->run);
	assert_int_equal(run_halt_asks(&f->run), 0);
	had = f->run.nqueue;
	f->n = 0;
	run_halt_ask(&f->run);
	run_halt_why(&f->run, "sharp-pain");
	assert_int_equal(f->run.nqueue, had);
	assert_null(first(f, 0, REC_SAY));
	assert_int_equal(history_sessions(f->h, 0, &sv, &n, &cause), 0);
	assert_null(sv[0].halt_why);
	history_sessions_free(sv, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_halt_why_neck_numb,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_override_neck_numb_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_override_neck_sharp_asks,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_override_calf_numb_asks,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_halt_why_forearm_shooting,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_halt_why_neck_sharp,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_halt_why_calf_numb,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_halt_why_none,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_halt_why_not_halted,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_halt_at_once_marks_next,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_halt_in_position_marks_next, setup, teardown),
		cmocka_unit_test_setup_teardown(test_halt_in_press_marks_it,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_halt_switching_marks_both,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_halt_in_rest_marks_before,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_halt_in_later_position_marks_next, setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary_not_reached,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary_none_reached,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_cue_logged_due, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_step_note_ends_with_step,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_step_note_cleared, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_brief_status, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_mute_without_sound, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_summary_seconds_down,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_end_retried, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_store_end_slow_not_retried,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_sigterm_interrupts,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_sighup_interrupts,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_sigint_stops,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_screen_count_skips_carried,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_screen_yes_stands, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_halt_passed_nerve,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_override_asks_each,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_halt_passed_asks,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_halt_passed_worked,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_override_halt_asks,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_before_questions,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_is_data, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_screen_urgency, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sound_after_begin,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_start_ahead, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_contract_relax_timeline,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_aftercare_neck, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_aftercare_neck_halt, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_aftercare_said, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_aftercare_muted, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_aftercare_after_a_halt,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_aftercare_voice_off, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_long_breathe, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_audio_later, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_preamble_safety, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_start_keys, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_eventlog_errors, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_tones_heard, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_tones_told, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_preamble, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_pause_resume_mid_line,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_pause_said_plain, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_pain_said, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_halt_answer_cuts_question,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_screen_no_then_n, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_shift_said, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_shift_mid_line, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_skip_mid_line, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
