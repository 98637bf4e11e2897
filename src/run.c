/*
 * The run engine: one guided run's session events sent to the audio engine
 * (cues and the speech timeline, scheduled ahead on their deadlines), the
 * history store and the event log, for both front ends (plain.c,
 * ui_session.c). cmd_session.c sets a run up and frees it; what the run
 * says in words (status, summary, aftercare) is run_text.c's, how it
 * saves its steps and end in the store run_store.c's.
 */
#include "run.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "audio.h"
#include "clock.h"
#include "eventlog.h"
#include "halt_why.h"
#include "history.h"
#include "inbox.h"
#include "i18n.h"
#include "plan.h"
#include "routine.h"
#include "run_int.h"
#include "session.h"
#include "speech.h"
#include "timeline.h"
#include "xmalloc.h"

static void	run_reschedule(struct run *, uint64_t);

/*
 * The voice or the sound is back on (v, m): the line it was saying,
 * unheard (or heard from its middle), is cut and said again after the
 * key's word, as after a pause (a tester heard silence and no "Voice on."
 * after v off and on during a line, and m's sound on mid-sentence).
 */
static void
run_voice_back(struct run *run, enum run_key_said k)
{
	uint64_t	now = clock_mono_ns(run->clock), ms;

	ms = run_key_said_ms(run, k);
	if (ms != 0 && session_voice_back(run->session, now, ms)) {
		run->sound.cut_speech(run->sound.ctx, now);
		run_reschedule(run, now);
	}
	run_say_key(run, k);
}

/*
 * m and v. With no sound (no device, one lost, --no-sound) nothing is
 * heard either way: "sound muted" or "voice on" would say otherwise.
 */
static void
run_sound_key(struct run *run, enum key_act k)
{
	struct audio	*a = run->audio;

	if (!audio_live(a))
		run_status(run, "%s", _("no sound: running silently"));
	else if (k == KEY_ACT_MUTE && !audio_muted(a)) {
		run_say_key(run, RUN_KEY_SOUND_OFF);
		audio_set_mute(a, 1);
		run_status(run, "%s", _("sound muted"));
	} else if (k == KEY_ACT_MUTE) {
		audio_set_mute(a, 0);
		run_status(run, "%s", _("sound on"));
		run_voice_back(run, RUN_KEY_SOUND_ON);
	} else if (audio_voice(a)) {
		/* Said first: with the voice off, say_ms measures nothing. */
		run_say_key(run, RUN_KEY_VOICE_OFF);
		audio_set_voice(a, 0);
		run_status(run, "%s", _("voice off"));
	} else {
		audio_set_voice(a, 1);
		run_status(run, "%s", _("voice on"));
		run_voice_back(run, RUN_KEY_VOICE_ON);
	}
	eventlog_write(run->log, clock_mono_ns(run->clock), k ==
	    KEY_ACT_MUTE ? "sound" : "voice", session_step(run->session),
	    "%s", audio_live(a) ? (k == KEY_ACT_MUTE ? (audio_muted(a) ?
	    "off" : "on") : (audio_voice(a) ? "on" : "off")) : "none");
}

enum session_action
run_key(struct run *run, enum key_act k)
{
	const struct pstep	*ps;

	switch (k) {
	case KEY_ACT_SPACE:
		ps = &run->plan->v[session_step(run->session)];
		return ps->until_release &&
		    session_state(run->session) == SESSION_ACTIVE ?
		    SA_RELEASE : SA_TOGGLE;
	case KEY_ACT_RELEASE:
		return SA_RELEASE;
	case KEY_ACT_PAUSE:
		return SA_TOGGLE;
	case KEY_ACT_NEXT:
		return SA_NEXT;
	case KEY_ACT_BACK:
		return SA_BACK;
	case KEY_ACT_PLUS10:
		return SA_PLUS10;
	case KEY_ACT_MINUS10:
		return SA_MINUS10;
	case KEY_ACT_STOP_NOW:
		return SA_STOP_NOW;
	case KEY_ACT_QUIT:
		return SA_QUIT;
	case KEY_ACT_MUTE:
	case KEY_ACT_VOICE:
		run_sound_key(run, k);
		return SA_TICK;
	default:
		return SA_TICK;
	}
}

/* The audio engine behind struct run_sound. */
static void
run_audio_cue(void *a, enum cue c, uint64_t when_ns)
{
	audio_cue_at(a, c, when_ns);
}

static void
run_audio_say(void *a, const char *text, uint64_t when_ns)
{
	audio_say_at(a, text, when_ns);
}

static void
run_audio_say_through(void *a, const char *text, uint64_t when_ns)
{
	audio_say_through_at(a, text, when_ns);
}

static uint64_t
run_audio_say_ms(void *a, const char *text)
{
	return audio_say_ms(a, text);
}

static void
run_audio_cancel(void *a, uint64_t when_ns)
{
	audio_cancel_from(a, when_ns);
}

static void
run_audio_cut(void *a, uint64_t when_ns)
{
	audio_cut_speech(a, when_ns);
}

static uint64_t
run_audio_heard_from(void *a, uint64_t now_ns)
{
	return audio_heard_from(a, now_ns);
}

/* Nothing sounds (no engine yet). */
static void
run_none_cue(void *a, enum cue c, uint64_t when_ns)
{
	(void)a;
	(void)c;
	(void)when_ns;
}

static void
run_none_say(void *a, const char *text, uint64_t when_ns)
{
	(void)a;
	(void)text;
	(void)when_ns;
}

static uint64_t
run_none_say_ms(void *a, const char *text)
{
	(void)a;
	(void)text;
	return 0;
}

static void
run_none_at(void *a, uint64_t when_ns)
{
	(void)a;
	(void)when_ns;
}

/*
 * The session measures its lines by the sound's voice. A line is measured
 * twice (ahead, for the next step's beat, and when its step loads): the
 * lengths are kept, so the voice synthesises it once.
 */
static uint64_t
run_measure(void *arg, const char *text)
{
	struct run	*run = arg;
	struct run_len	*l;
	size_t		 k;

	for (k = 0; k < RUN_LENS; k++)
		if (run->lens[k].text != NULL &&
		    strcmp(run->lens[k].text, text) == 0)
			return run->lens[k].ms;
	l = &run->lens[run->nextlen++ % RUN_LENS];
	free(l->text);
	l->text = xstrdup(text);
	l->ms = run->sound.say_ms(run->sound.ctx, text);
	return l->ms;
}

/* The options of the speech timeline for this run (timeline.h). */
static void
run_tl_opts(const struct run *run, struct tl_opts *o)
{
	o->countdown_s = routine_countdown_s(run->routine);
	o->halfway = routine_halfway(run->routine);
	o->voice = &run->voice;
	o->tones_told = run->tones_told;
}

/* The first two steps' lines made before the clock starts (run_int.h). */
void
run_warm(struct run *run)
{
	struct tl_opts	o;
	struct tl_step	st;
	size_t		i;

	if (!run->begun)
		return;
	run_tl_opts(run, &o);
	for (i = 0; i < 2 && i < run->plan->n; i++) {
		timeline_step(run->plan, i, run->plan->v[i].duration_ms, &o,
		    &st);
		timeline_step_free(&st);
	}
}

void
run_set_sound(struct run *run, const struct run_sound *s)
{
	size_t	k;

	/* Lengths measured by another sound (or none) do not hold. */
	for (k = 0; k < RUN_LENS; k++) {
		free(run->lens[k].text);
		run->lens[k].text = NULL;
	}
	run->sound = *s;
	run->voice.measure = run_measure;
	run->voice.ctx = run;
}

void
run_open_audio(struct run *run)
{
	const struct audio_opts	*ao = run->audio_later;
	const char		*st;

	if (ao == NULL)
		return;
	run->audio_later = NULL;
	run_set_audio(run, audio_open(ao));
	if ((st = audio_status(run->audio)) != NULL)
		run_status(run, "%s", st);
}

int
run_muted(const struct run *run)
{
	return run->audio != NULL ? audio_muted(run->audio) : 0;
}

int
run_voice_on(const struct run *run)
{
	if (run->audio != NULL)
		return audio_voice(run->audio);
	return run->audio_later != NULL ? !run->audio_later->no_voice : 1;
}

/*
 * When what the session said and played has been heard: the spoken
 * aftercare's end or, later, the engine's last sound (the end cue) with
 * the output's latency. A program that ends waits for it.
 */
uint64_t
run_heard_by(struct run *run)
{
	uint64_t	t = run->aftercare_end_ns, e;

	if (run->audio != NULL && (e = audio_heard_by(run->audio)) > t)
		t = e;
	return t;
}

void
run_set_audio(struct run *run, struct audio *a)
{
	static const struct run_sound engine = { run_audio_cue, run_audio_say,
	    run_audio_say_ms, run_audio_cancel, run_audio_cut,
	    run_audio_heard_from, NULL, run_audio_say_through };
	static const struct run_sound none = { run_none_cue, run_none_say,
	    run_none_say_ms, run_none_at, run_none_at, NULL, NULL, NULL };
	struct run_sound	s = a != NULL ? engine : none;

	s.ctx = a;
	run->audio = a;
	run_set_sound(run, &s);
	run_warm(run);
}


/*
 * Ask the store to begin with the command line's override or skip: a
 * refusal is recorded and said by rest/nrest; refusal_only begins nothing
 * when the run may go on (RUN_OK, no session yet).
 */
static enum run_result
run_store_begin(struct run *run, const char *const *answers,
    int refusal_only, char **cause)
{
	struct begin_opts	 bo;
	struct begin_result	 res;

	memset(&bo, 0, sizeof bo);
	bo.override_reason = run->opts->override;
	bo.skip_resting = run->opts->skip_resting;
	bo.screen_answers = answers;
	bo.refusal_only = refusal_only;
	bo.halt_refused = run->halt_still;
	bo.still = run->still;
	bo.nstill = run->nstill;
	if (history_begin(run->history, run->routine, &run->full, &bo, &res,
	    cause) != 0)
		return (RUN_STORE_FAILED);
	run->sid = res.session_id;
	free(run->rest);		/* refusal_only's, asked about */
	run->rest = res.rest;
	run->nrest = res.nrest;
	if (res.verdict != BEGIN_RUNS) {
		run->refused = 1;
		/* An outcome as the others (PRODUCT.md): in the log too. */
		eventlog_write(run->log, clock_mono_ns(run->clock),
		    "session-end", 0, "refused");
		return (RUN_REFUSED);
	}
	return (RUN_OK);
}

/*
 * --skip-resting (or s on the home screen): drop the resting areas' steps
 * and say which areas were left out, so that a user who did not read the
 * refusal knows what this session does not work.
 */
static void
run_skip_resting(struct run *run)
{
	struct area_side	*skip;
	char			 list[512], label[160], len[32], now[768];
	size_t			 i, o = 0;
	int			 n;

	skip = xcalloc(run->nrest + 1, sizeof *skip);
	history_skip_of(run->rest, run->nrest, skip);
	list[0] = '\0';
	for (i = 0; i < run->nrest; i++) {
		if (run->rest[i].area == NULL)
			continue;
		area_side_label(run->rest[i].area->id,
		    side_id(run->rest[i].side), label, sizeof label);
		n = snprintf(list + o, sizeof list - o, "%s%s",
		    o > 0 ? ", " : "", label);
		if (n < 0 || (size_t)n >= sizeof list - o) {
			/* Cut at a whole label, and say so. */
			snprintf(list + o, sizeof list - o, ", ...");
			break;
		}
		o += (size_t)n;
	}
	if (plan_drop(&run->full, skip, run->nrest, &run->dropped) > 0) {
		run->plan = &run->dropped;
		/* The length the header said before is no longer the plan's. */
		plan_fmt_ms(run->dropped.total_ms, len, sizeof len);
		snprintf(now, sizeof now, ngettext("Now %zu step, %s; left out, "
		    "resting: %s.", "Now %zu steps, %s; left out, resting: %s.",
		    (unsigned long)run->dropped.n), run->dropped.n, len, list);
		/*
		 * With what the screening or the sound said ("your answers
		 * from earlier today stand", "no sound device: ..."), not
		 * over it: one status line, not yet shown. What was left out
		 * first: a narrow line cuts its end (a tester read "running
		 * silently Now 12 steps, 4:00; left out, resting: levato...").
		 */
		if (run->status[0] != '\0' && !run->status_note &&
		    strlen(run->status) + 1 + strlen(now) < sizeof run->status)
			run_status(run, "%s %c%s", now, run->status[0] >= 'a' &&
			    run->status[0] <= 'z' ? run->status[0] - 'a' + 'A' :
			    run->status[0], run->status + 1);
		else
			run_status(run, "%s", now);
	}
	free(skip);
}

/* Begin in the history store and create the session (see run.h). */
enum run_result
run_begin(struct run *run, const char *const *answers, char **cause)
{
	enum run_result		 rc;
	int			 reserve;

	/* Room for this session's record should the disk fill (issue 13). */
	reserve = history_reserve_keep(run->history, run->full.n);
	if ((rc = run_store_begin(run, answers, 0, cause)) != RUN_OK)
		return (rc);
	run->begun = 1;
	if (eventlog_begin(run->log, NULL) != 0)
		run_status(run, "%s", _("cannot write the event log"));
	/* The session is on disk: only now may its clock start. */
	eventlog_write(run->log, clock_mono_ns(run->clock), "session-begin", 0,
	    "id=%lld", (long long)run->sid);
	if (reserve != 0)
		run_status(run, _("The disk of the history is nearly full "
		    "(less than %d MiB free): if it fills, this session may "
		    "not be recorded."), (int)((history_reserve_size(
		    run->full.n) + 1024 * 1024 - 1) / (1024 * 1024)));
	run->plan = &run->full;
	run->session = NULL;
	if (run->opts->skip_resting && run->nrest > 0)
		run_skip_resting(run);
	run->session = run_session_new(run);
	run_warm(run);
	return (RUN_OK);
}

/* The session of run->plan as run_begin makes it (see run.h). */
struct session *
run_session_new(struct run *run)
{
	struct session_opts	so;

	memset(&so, 0, sizeof so);
	so.countdown_s = routine_countdown_s(run->routine);
	so.halfway = routine_halfway(run->routine);
	so.screened = 1;
	so.answered_ns = run->answered_ns;
	so.voice = &run->voice;
	so.tones_told = &run->tones_told;
	return (session_new(run->plan, &so));
}

/*
 * Whether a rest limit refuses the run now (see run.h). An override over
 * a spot whose halt was a nerve symptom near the arm is refused here too,
 * before the routine's first page and its questions: no answer changes
 * it (halt_why_no_override).
 */
enum run_result
run_refusal(struct run *run, char **cause)
{
	enum run_result	rc;
	size_t		i;

	if ((rc = run_store_begin(run, NULL, 1, cause)) != RUN_OK ||
	    run->opts->override == NULL)
		return (rc);
	for (i = 0; i < run->nrest && !halt_why_no_override(&run->rest[i]);
	    i++)
		;
	if (i == run->nrest)
		return (RUN_OK);
	eventlog_write(run->log, clock_mono_ns(run->clock), "halt-check", 0,
	    "nerve");
	return (run_halt_refused(run, cause));
}

/* Record the override refused over a halted spot (see run.h). */
enum run_result
run_halt_refused(struct run *run, char **cause)
{
	enum run_result	rc;

	run->halt_still = 1;
	run->refused = 1;
	rc = run_store_begin(run, NULL, 0, cause);
	return (rc == RUN_OK ? RUN_REFUSED : rc);	/* (never RUN_OK) */
}

/*
 * Hand the cues and line that start step i to the sound for at_ns, ahead
 * of it; the step's start then does not play them again (run_due).
 */
static void
run_schedule_start(struct run *run, size_t i, uint64_t at_ns)
{
	struct tl_opts	o;
	struct tl_step	st;
	size_t		k;

	run->pre_step = i;
	run->pre_ns = at_ns;
	run_tl_opts(run, &o);
	timeline_step(run->plan, i, run->plan->v[i].duration_ms, &o, &st);
	for (k = 0; k < st.ncue && st.cue[k].at_ms == 0; k++)
		run->sound.cue_at(run->sound.ctx, st.cue[k].cue, at_ns);
	for (k = 0; k < st.nline && st.line[k].at_ms == 0; k++)
		run->sound.say_at(run->sound.ctx, st.line[k].text, at_ns);
	timeline_step_free(&st);
}

/* When to start the session's clock (see run.h). */
uint64_t
run_start_at(struct run *run, uint64_t now_ns)
{
	uint64_t	t = now_ns;

	if (run->sound.heard_from != NULL)
		t = run->sound.heard_from(run->sound.ctx, now_ns);
	if (t <= now_ns || run->session == NULL ||
	    session_state(run->session) != SESSION_READY ||
	    run->plan->n == 0)
		return (now_ns);
	run_schedule_start(run, 0, t);
	return (t);
}

/*
 * Schedule the start cues and first line of the next step on the current
 * step's deadline, so the step boundary sounds on time rather than when
 * the loop wakes up. Not when a pain rating comes first (the next start
 * then waits for it). The line is the one the session will fire: the same
 * timeline of the same step at its planned length.
 */
static void
run_schedule_next(struct run *run)
{
	const struct sched	*sc = session_sched(run->session);
	size_t			 next;

	run->pre_step = SIZE_MAX;
	next = session_next_step(run->session);
	if (next == SIZE_MAX || session_state(run->session) != SESSION_ACTIVE ||
	    run->plan->v[sc->cur].check_pain)
		return;
	run_schedule_start(run, next, sched_end_ns(sc));
}

/*
 * Hand the current step's cues and lines still to come to the audio
 * engine, ahead of their deadlines. Those already due were fired by the
 * same session_handle call and are played from their SEV_CUE or SEV_SAY
 * (see run_dispatch). cancel: drop what was scheduled from now on first.
 */
static void
run_schedule_cues(struct run *run, uint64_t now_ns, int cancel)
{
	struct session_cue	*cues;
	struct session_line	*lines;
	size_t			 i, n;

	if (cancel)
		run->sound.cancel_from(run->sound.ctx, now_ns);
	run->cues_at_ns = now_ns;
	n = session_pending_cues(run->session, &cues);
	for (i = 0; i < n; i++)
		run->sound.cue_at(run->sound.ctx, cues[i].cue, cues[i].at_ns);
	free(cues);
	n = session_pending_lines(run->session, &lines);
	for (i = 0; i < n; i++)
		run->sound.say_at(run->sound.ctx, lines[i].line->text,
		    lines[i].at_ns);
	free(lines);
	run_schedule_next(run);
}

/*
 * A step began at at_ns: a line still sounding from before ends there
 * (it only can after a key moved the boundary), then its sounds.
 */
static void
run_step_audio(struct run *run, uint64_t at_ns, uint64_t now_ns)
{
	run->sound.cut_speech(run->sound.ctx, at_ns);
	run_schedule_cues(run, now_ns, 0);
}

/*
 * The timeline moved (resume, +/-10 s): schedule the step's audio again,
 * unless a step starts in the same batch, whose start schedules it (twice
 * would play every cue twice).
 */
static void
run_reschedule(struct run *run, uint64_t now_ns)
{
	if (run->batch_starts)
		run->sound.cancel_from(run->sound.ctx, now_ns);
	else
		run_schedule_cues(run, now_ns, 1);
}

/*
 * +/-10 s moved the step's end: why + stopped short, if it did; a line
 * that no longer fits the step ends with it; the step's sounds again;
 * and, said, what the key did (ten seconds exactly, or none at the cap).
 */
static void
run_shifted(struct run *run, const struct session_event *e, uint64_t now_ns)
{
	if (e->why != NULL)
		run_brief(run, _("+ stops at %d s: %s."), e->cap_s, _(e->why));
	if (session_state(run->session) == SESSION_ACTIVE)
		run->sound.cut_speech(run->sound.ctx,
		    sched_end_ns(session_sched(run->session)));
	run_reschedule(run, now_ns);
	if ((e->value == SESSION_SHIFT_MS || e->value == -SESSION_SHIFT_MS) &&
	    !run->batch_starts)
		run_say_key(run, e->value > 0 ? RUN_KEY_PLUS : RUN_KEY_MINUS);
	else if (e->value == 0 && e->why != NULL)
		run_say_key(run, RUN_KEY_PLUS_CAPPED);
}

/*
 * "cue" NAME due=NS: logged when the loop handles it (now_ns), with the
 * time it sounds at (due_ns): one handed to the engine ahead sounds on
 * its deadline even when the loop wakes late.
 */
static void
run_log_cue(struct run *run, uint64_t now_ns, size_t step, enum cue c,
    uint64_t due_ns)
{
	eventlog_write(run->log, now_ns, "cue", step, "%s due=%llu",
	    cue_name(c), (unsigned long long)due_ns);
}

/*
 * A cue or line came due. Due before the sounds were scheduled and not
 * scheduled ahead as the next step's start: hand it over now.
 */
static void
run_due(struct run *run, const struct session_event *e, uint64_t now_ns)
{
	const struct tl_line	*l = e->line;
	char			 text[400];
	int			 ahead;

	ahead = e->step == run->ahead_step && e->at_ns == run->ahead_ns;
	if (e->type == SEV_CUE) {
		run_log_cue(run, now_ns, e->step, (enum cue)e->value, e->at_ns);
		if (e->value == CUE_SESSION_END)
			run->end_cue_due = 1;
		if (e->at_ns <= run->cues_at_ns && !ahead)
			run->sound.cue_at(run->sound.ctx, (enum cue)e->value,
			    e->at_ns);
		return;
	}
	/* "say" LEN_MS FORM due=NS TEXT, as render --schedule writes it. */
	timeline_plain(l->text, text, sizeof text);
	eventlog_write(run->log, now_ns, "say", e->step, "%llu %s due=%llu "
	    "%s", (unsigned long long)l->len_ms, timeline_form_name(l->form),
	    (unsigned long long)e->at_ns, text);
	if (e->at_ns <= run->cues_at_ns && !ahead)
		run->sound.say_at(run->sound.ctx, l->text, e->at_ns);
}

/* The session ended: the last sounds, and the history row closed. */
static void
run_ended(struct run *run, const struct session_event *e, uint64_t now_ns)
{
	eventlog_write(run->log, now_ns, "session-end", e->step, "%s",
	    session_outcome_name(e->outcome));
	run->sound.cancel_from(run->sound.ctx, now_ns);
	if (e->outcome == OUTCOME_HALTED) {
		run->sound.cut_speech(run->sound.ctx, now_ns);
		run->sound.cue_at(run->sound.ctx, CUE_ALERT, now_ns);
	}
	/*
	 * Completed before the end cue's planned time (a last hold
	 * released early, the last step skipped, or dropped for pain): the
	 * cancel above took it, so it sounds now.
	 */
	if (e->outcome == OUTCOME_COMPLETED && !run->end_cue_due) {
		run_log_cue(run, now_ns, e->step, CUE_SESSION_END, now_ns);
		run->sound.cue_at(run->sound.ctx, CUE_SESSION_END, now_ns);
	}
	run->pain_pending = 0;	/* its step is recorded, unrated */
	if (run->begun && !run->ended) {
		run->ended = 1;
		run_store_end(run, e->outcome);
	}
}

/*
 * A step on a spot whose halt hold had passed, said gone before the
 * start (run_screen), says so while it is worked, with what to do should
 * it come back. 1 when noted.
 */
static int
run_passed_note(struct run *run, const struct pstep *ps)
{
	const struct resting	*r;
	char			 label[160];
	size_t			 i, k;

	for (i = 0; ps->area != NULL && i < run->npassed; i++) {
		r = &run->passed[i];
		if (r->area != ps->area || !sides_meet(r->side, ps->side))
			continue;
		for (k = 0; k < run->nstill && (run->still[k].area != r->area ||
		    run->still[k].side != r->side); k++)
			;
		if (k < run->nstill)
			continue;	/* not gone: left out */
		area_side_label(r->area->id, side_id(r->side), label,
		    sizeof label);
		/* What stopped it, as answered after the halt. */
		if (halt_why_rest_words(r) != NULL)
			run_note(run, _("%s was stopped for %s; press ! if it "
			    "comes back."), label, halt_why_rest_words(r));
		else
			run_note(run, _("%s was stopped for pain before; press "
			    "! if it comes back."), label);
		return (1);
	}
	return (0);
}

/*
 * As step ps starts: a note left by the step before is cleared, and a
 * step on a spot that an override let through says so, by name, while it
 * is worked: despite pain, still sore, or only resting (each spot its own
 * note, not one for the session that the next overwrote); else one whose
 * halt hold had passed (run_passed_note).
 */
static void
run_step_notes(struct run *run, const struct pstep *ps)
{
	const struct resting	*r;
	char			 label[160];
	size_t			 i;

	if (run->status_note)
		run_status(run, "%s", "");
	if (run_passed_note(run, ps))
		return;
	for (i = 0; run->opts->override != NULL && ps->is_work &&
	    ps->area != NULL && i < run->nrest; i++) {
		r = &run->rest[i];
		if (r->area != ps->area || !sides_meet(r->side, ps->side))
			continue;
		area_side_label(r->area->id, side_id(r->side), label,
		    sizeof label);
		if (halt_why_hold(r) == HALT_HOLD_HURT)
			run_note(run, _("Override: %s hurt %d/10 during "
			    "a session; press ! at once if it hurts."), label,
			    r->count);
		else if (halt_why_hold(r) == HALT_HOLD_ANSWERED)
			run_note(run, _("Override: %s was halted (!) for %s; "
			    "press ! at once if it hurts."), label,
			    halt_why_rest_words(r));
		else if (halt_why_hold(r) == HALT_HOLD_PAIN)
			run_note(run, _("Override: %s was halted for pain; "
			    "press ! at once if it hurts."), label);
		else if (r->rule == RULE_BLOCKED)
			run_note(run, _("Override: %s is still sore; see a "
			    "doctor or physiotherapist. Press ! at once if it "
			    "hurts."), label);
		else
			/* Only resting: the run began with no word of it. */
			run_note(run, _("Override: %s should still be resting; "
			    "this work is recorded as an override."), label);
		break;
	}
}

/*
 * Step e->step (ps) ended: a note about it ends with it, not at the next
 * start (it sat under the pain question: + at its cap); it is committed
 * now, so a crash at the pain prompt keeps the work; its rating is due.
 */
static void
run_step_ended(struct run *run, const struct session_event *e,
    const struct pstep *ps)
{
	if (run->status_note)
		run_status(run, "%s", "");
	run_store_step(run, e->step, e->done_ms, -1, e->finished,
	    session_outcome(run->session) == OUTCOME_HALTED);
	if (e->finished && ps->check_pain) {
		run->pain_step = e->step;
		run->pain_pending = 1;
	}
}

/* Send one event to the log, the audio engine and the history store. */
static void
run_dispatch(struct run *run, const struct session_event *e, uint64_t now_ns)
{
	static const struct pstep none = { .kind = PLAN_REST, .tool = -1 };
	const struct pstep	*ps = e->step < run->plan->n ?
				    &run->plan->v[e->step] : &none;
	const char		*name = session_event_name(e->type);
	char			 where[128];

	switch (e->type) {
	case SEV_SESSION_START:
		eventlog_write(run->log, now_ns, name, e->step,
		    "%s steps=%zu total_ms=%llu", run->routine->id.s != NULL ?
		    run->routine->id.s : "-", run->plan->n,
		    (unsigned long long)run->plan->total_ms);
		break;
	case SEV_STEP_START:
		eventlog_write(run->log, now_ns, name, e->step,
		    "%s %s %s at=%llu due=%llu", plan_kind_name(ps->kind),
		    ps->area != NULL ? ps->area->id : "-",
		    ps->side == SIDE_LEFT || ps->side == SIDE_RIGHT ?
		    side_id(ps->side) : "-",
		    (unsigned long long)ps->start_ms,
		    (unsigned long long)e->at_ns);
		run->ahead_step = run->pre_step;
		run->ahead_ns = run->pre_ns;
		run_step_notes(run, ps);
		run_step_audio(run, e->at_ns, now_ns);
		break;
	case SEV_STEP_END:
		eventlog_write(run->log, now_ns, name, e->step,
		    "done_ms=%llu %s", (unsigned long long)e->done_ms,
		    e->finished ? "finished" : "cut");
		run_step_ended(run, e, ps);
		break;
	case SEV_CUE:
	case SEV_SAY:
		run_due(run, e, now_ns);
		break;
	case SEV_SHIFT:
		eventlog_write(run->log, now_ns, name, e->step, "%+d",
		    e->value);
		run_shifted(run, e, now_ns);
		break;
	case SEV_RESUME:
	case SEV_QUIT_CANCEL:
		eventlog_write(run->log, now_ns, name, e->step, NULL);
		/*
		 * What is left of "Paused..." stops; a cut line comes again,
		 * or, with room, the voice says that the session goes on.
		 */
		run->sound.cut_speech(run->sound.ctx, now_ns);
		run_reschedule(run, now_ns);
		if (!run->batch_starts)
			run_say_key(run, RUN_KEY_GO_ON);
		break;
	case SEV_BACK:
		if (e->why != NULL) {
			/* Refused: the step goes on, its sound too. */
			eventlog_write(run->log, now_ns, name, e->step,
			    "refused %s", e->value == SESSION_DOSE_HOLDS ?
			    "holds" : "pressure");
			run_brief(run, _("b does not go back: %s."),
			    _(e->why));
			break;
		}
		/* FALLTHROUGH */
	case SEV_PAUSE:
	case SEV_SKIP:
	case SEV_RELEASE:
	case SEV_QUIT_ASK:
		eventlog_write(run->log, now_ns, name, e->step, NULL);
		run->sound.cancel_from(run->sound.ctx, now_ns);
		run->sound.cut_speech(run->sound.ctx, now_ns);
		if (e->type == SEV_PAUSE || e->type == SEV_QUIT_ASK)
			run_say_wait(run, e->type == SEV_QUIT_ASK, e->step,
			    now_ns);
		break;
	case SEV_PAIN_ASK:
		if (e->value > 0)
			eventlog_write(run->log, now_ns, name, e->step,
			    "again %d", e->value);
		else
			eventlog_write(run->log, now_ns, name, e->step, NULL);
		run_say_pain(run, e->value > 0, now_ns);
		break;
	case SEV_PAIN:
		eventlog_write(run->log, now_ns, name, e->step, "%d", e->value);
		if (run->pain_pending) {
			run->pain_pending = 0;
			run_store_pain(run, run->pain_step, e->value);
		}
		break;
	case SEV_AREA_STOP:
		run_where(ps, where, sizeof where);
		eventlog_write(run->log, now_ns, name, e->step,
		    "%s %s dropped=%d",
		    ps->area != NULL ? ps->area->id : "-",
		    side_id(ps->side)[0] != '\0' ? side_id(ps->side) : "-",
		    e->value);
		run_status(run, _("Pain %d: nothing more on %s this session."),
		    session_pain(run->session, e->step), where);
		run_queue(run, _("Pain 8 or more on %s: the rest of its steps "
		    "were skipped, and it is not worked for at least 48 h."),
		    where);
		break;
	case SEV_SCREEN_ASK:
		break;		/* run_screen logs each question */
	case SEV_SCREEN_CLEAR:
		eventlog_write(run->log, now_ns, name, e->step, NULL);
		break;
	case SEV_SESSION_END:
		run_ended(run, e, now_ns);
		break;
	}
}

/* Apply an action and dispatch its events (see run.h). */
size_t
run_apply(struct run *run, enum session_action a, int arg, uint64_t now_ns,
    const struct session_event **evs)
{
	size_t	i, n;

	run_brief_end(run, now_ns);
	n = session_handle(run->session, a, arg, now_ns, evs);
	run->batch_starts = 0;
	for (i = 0; i < n; i++)
		run->batch_starts |= (*evs)[i].type == SEV_STEP_START;
	for (i = 0; i < n; i++)
		run_dispatch(run, &(*evs)[i], now_ns);
	return (n);
}

/*
 * End the session on signal sig (see run.h): Ctrl-C is the user's quit,
 * a closed terminal or a shutdown (SIGHUP, SIGTERM) is not.
 */
size_t
run_signal_end(struct run *run, int sig, uint64_t now_ns,
    const struct session_event **evs)
{
	if (sig != SIGINT)
		return (run_apply(run, SA_SIGNAL_END, 0, now_ns, evs));
	return (run_quit_now(run, now_ns, evs));
}

/* Quit, confirmed, at once (see run.h). */
size_t
run_quit_now(struct run *run, uint64_t now_ns,
    const struct session_event **evs)
{
	(void)run_apply(run, SA_QUIT, 0, now_ns, evs);
	return (run_apply(run, SA_QUIT_YES, 0, now_ns, evs));
}

/* Free what was set up for the run, in reverse order. */
void
run_clear(struct run *run)
{
	size_t	k;

	for (k = 0; k < RUN_LENS; k++) {
		free(run->lens[k].text);
		run->lens[k].text = NULL;
	}
	free(run->notes[0]);
	free(run->notes[1]);
	run->notes[0] = run->notes[1] = NULL;
	run->notes_made = 0;
	audio_close(run->audio);
	inbox_close(run->inbox);
	run->inbox = NULL;
	session_free(run->session);
	free(run->rest);
	free(run->passed);
	free(run->still);
	run->passed = run->still = NULL;
	run->npassed = run->nstill = 0;
	run->passed_read = 0;
	free(run->unsaved);
	run->unsaved = NULL;
	run->nunsaved = run->capunsaved = 0;
	if (run->dropped.v != NULL)
		plan_free(&run->dropped);
	plan_free(&run->full);
	run->audio = NULL;
	run->session = NULL;
	run->rest = NULL;
}
