/*
 * The run's words (run.h): the preamble said before the clock (and what a
 * cut of it leaves to a step), the status line, the messages queued for
 * after the screen, where a step works, the end-of-session summary and
 * the aftercare said after it, the safety notes. run.c is the engine that
 * sends the session's events; this file only writes what is said.
 */
#include "run.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aftercare.h"
#include "areas.h"
#include "clock.h"
#include "cueplan.h"
#include "dates.h"
#include "diag.h"
#include "eventlog.h"
#include "halt_why.h"
#include "history.h"
#include "i18n.h"
#include "plan.h"
#include "routine.h"
#include "run_int.h"
#include "session.h"
#include "speech.h"
#include "validate.h"
#include "words.h"
#include "xmalloc.h"

/*
 * One paragraph: the screen wraps it to its width, a screen reader reads
 * it whole (hard breaks at 70 columns came out ragged in a 60-column pane).
 */
const char *const run_safety_note =
    N_("Stopped for safety. Sharp pain, numbness or tingling are signs to "
    "stop working that area. Do not work it again until the symptoms are "
    "gone; if they last, come back often, or spread, see a doctor or "
    "physiotherapist.");
const char *const run_neck_note =
    N_("After neck work, a sudden severe headache, dizziness, double "
    "vision, slurred speech or a drooping face is an emergency: call your "
    "emergency number now.");
const char *const run_screen_note =
    N_("Not started: you answered yes to a safety question.");

/* The note after a screening "yes" and what to do (see run.h). */
void
run_screen_message(const struct run *run, char *buf, size_t len)
{
	char	at[16];

	if (!run->screen_earlier) {
		snprintf(buf, len, "%s\n%s", _(run_screen_note),
		    _(screen_advice(run->screen_yes)));
		return;
	}
	/* Why it did not ask: the answer it kept, and until when. */
	dates_local(run->screen_yes_at, "%H:%M", at, sizeof at);
	/* TRANSLATORS: the time (06:03), the question as the routine asks
	 * it, then what to do for its urgency, on a line of its own. */
	snprintf(buf, len, _("Not started: at %s today you answered yes to "
	    "\"%s\", and a yes stands for the rest of the day.\n%s\nThe "
	    "question is asked again tomorrow."), at,
	    run->routine->screen[run->screen_yes_i],
	    _(screen_advice(run->screen_yes)));
}

/* Set the status line, cleaned; note: about the step being worked. */
static void
run_vstatus(struct run *run, int note, const char *fmt, va_list ap)
{
	char	buf[sizeof run->status];

	vsnprintf(buf, sizeof buf, fmt, ap);
	diag_clean(buf, run->status, sizeof run->status);
	run->status_note = note;
	run->nstatus++;
	run->brief_until_ns = 0;
}

/*
 * A key's answer ("+ stops at 59 s: ...", "no rating is asked now"):
 * shown RUN_BRIEF_MS, then the line it covered again (a step's safety
 * note, say). A tester read "+ stops at 59 s" still shown after two -
 * had made the step 35 s, and a rating's answer 40 s on.
 */
void
run_brief(struct run *run, const char *fmt, ...)
{
	va_list		ap;

	if (run->brief_until_ns == 0) {
		memcpy(run->brief_kept, run->status, sizeof run->brief_kept);
		run->brief_kept_note = run->status_note;
	}
	va_start(ap, fmt);
	run_vstatus(run, 1, fmt, ap);
	va_end(ap);
	run->brief_until_ns = clock_mono_ns(run->clock) +
	    RUN_BRIEF_MS * 1000000ULL;
}

/* A key's answer shown its time: the line it covered again (run.h). */
void
run_brief_end(struct run *run, uint64_t now_ns)
{
	if (run->brief_until_ns == 0 || now_ns < run->brief_until_ns)
		return;
	/* --plain printed it once: nothing to take down. */
	if (run->opts->plain) {
		run->brief_until_ns = 0;
		return;
	}
	if (run->brief_kept_note)
		run_note(run, "%s", run->brief_kept);
	else
		run_status(run, "%s", run->brief_kept);
}

void
run_status(struct run *run, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	run_vstatus(run, 0, fmt, ap);
	va_end(ap);
}

void
run_note(struct run *run, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	run_vstatus(run, 1, fmt, ap);
	va_end(ap);
}

/* Queue a message for after endwin. */
void
run_queue(struct run *run, const char *fmt, ...)
{
	va_list	ap;
	char	*s;

	if (run->nqueue == RUN_MAX_QUEUE)
		return;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		s = NULL;
	va_end(ap);
	if (s != NULL)
		run->queue[run->nqueue++] = s;
}

/* "upper trapezius, left side" for a step. */
void
run_where(const struct pstep *ps, char *buf, size_t len)
{
	if (ps->kind == PLAN_SWITCH)
		snprintf(buf, len, "%s", ps->side == SIDE_LEFT ?
		    _("to the left side") : _("to the right side"));
	else if (ps->area == NULL || ps->kind == PLAN_RELEASE)
		snprintf(buf, len, "%s", "");
	else if (ps->side == SIDE_LEFT || ps->side == SIDE_RIGHT)
		snprintf(buf, len, ps->side == SIDE_LEFT ? _("%s, left side") :
		    _("%s, right side"), area_label(ps->area));
	else
		snprintf(buf, len, "%s", area_label(ps->area));
}

static void	run_aftercare(struct run *);

/* "upper trapezius, left side", or both sides, for what ! marked. */
static void
run_mark_where(const struct area_side *m, char *buf, size_t len)
{
	struct pstep	t;

	memset(&t, 0, sizeof t);
	t.kind = PLAN_PRESS;
	t.area = m->area;
	t.side = m->side;
	if (m->side == SIDE_NONE && m->area->sided)
		snprintf(buf, len, _("%s, both sides"), area_label(m->area));
	else
		run_where(&t, buf, len);
}

/*
 * After !: where it stopped and the area it marked to rest (the rule is
 * plan_halt_mark's, as the store records it), then the safety note.
 */
static void
run_summary_halt(struct run *run)
{
	const struct plan	*p = run->plan;
	size_t			 i = session_step(run->session);
	const struct pstep	*ps = &p->v[i];
	struct area_side	 m;
	char			 where[128];

	/* m.area is NULL when no step is on an area: nothing is marked. */
	if (plan_halt_mark(p, i, &m) && ps->is_work) {
		run_where(ps, where, sizeof where);
		run_queue(run, _("Stopped during the %s of the %s "
		    "(recorded in your history)."), plan_kind_word(ps->kind),
		    where);
	} else if (m.area != NULL) {
		/* A position step marks the area it leads into. */
		run_mark_where(&m, where, sizeof where);
		run_queue(run, _("Stopped during the %s step; marked to rest: "
		    "%s (recorded in your history)."),
		    plan_kind_word(ps->kind), where);
	}
	run_queue(run, "%s", _(run_safety_note));
}

/*
 * Add where to the list of areas not reached, "; " between them (their
 * names hold commas); cut at a whole one, and said so, when it is full.
 */
static void
run_not_reached_add(char *list, size_t len, const char *where)
{
	size_t	o = strlen(list);
	int	n;

	if (o >= 5 && strcmp(list + o - 5, "; ...") == 0)
		return;
	n = snprintf(list + o, len - o, "%s%s", o > 0 ? "; " : "", where);
	if (n < 0 || (size_t)n >= len - o) {
		list[o] = '\0';
		if (o + 6 <= len)
			snprintf(list + o, len - o, "; ...");
	}
}

/*
 * The time per area and side, with its pain ratings, in plan order, of
 * the areas the session came to: worked, or passed (skipped with n: at
 * 0:00). Those it never came to (quit or stopped early) are named on one
 * line after them, not listed at 0:00 as if skipped. The time worked.
 */
static uint64_t
run_summary_areas(struct run *run)
{
	const struct plan	*p = run->plan;
	const struct pstep	*ps;
	const struct sched	*sc = session_sched(run->session);
	char			 where[128], t[32], pains[64], later[512];
	uint64_t		 ms, worked = 0;
	size_t			 i, j, len;
	int			 pain, stopped, came;

	later[0] = '\0';
	for (i = 0; i < p->n; i++) {
		ps = &p->v[i];
		if (!ps->is_work || ps->area == NULL)
			continue;
		for (j = 0; j < i; j++) {
			if (p->v[j].is_work && p->v[j].area == ps->area &&
			    p->v[j].side == ps->side)
				break;
		}
		if (j < i)
			continue;	/* counted with its first step */
		ms = 0;
		stopped = came = 0;
		pains[0] = '\0';
		for (j = i; j < p->n; j++) {
			if (!p->v[j].is_work || p->v[j].area != ps->area ||
			    p->v[j].side != ps->side)
				continue;
			pain = session_pain(run->session, j);
			stopped |= session_dropped(run->session, j) ||
			    pain >= PAIN_STOP_RATING;
			ms += session_done_ms(run->session, j);
			came |= sc->started && j <= sc->cur;
			len = strlen(pains);
			if (pain >= 0 && len + 8 < sizeof pains)
				snprintf(pains + len, sizeof pains - len,
				    "%s%d", len == 0 ? _(", pain ") : " ",
				    pain);
		}
		run_where(ps, where, sizeof where);
		if (!came && ms == 0) {
			run_not_reached_add(later, sizeof later, where);
			continue;
		}
		plan_fmt_elapsed(ms, t, sizeof t);
		/* 38 columns before the pain ratings: a 40-column screen. */
		run_queue(run, "  %-30s %5s%s%s", where, t, pains,
		    stopped ? _(" (stopped: pain)") : "");
		worked += ms;
	}
	if (later[0] != '\0')
		run_queue(run, _("Not reached: %s."), later);
	return (worked);
}

/* Queue the end-of-session summary: time per area and side, pain. */
void
run_summary(struct run *run)
{
	const struct plan	*p = run->plan;
	char			 t[32], total[32];
	uint64_t		 done_all = 0;
	size_t			 i;

	for (i = 0; i < p->n; i++)
		done_all += session_done_ms(run->session, i);
	/* Time spent as a clock shows it (the screen's top line too), the
	 * areas' below alike: they never add up to more than this. */
	plan_fmt_elapsed(done_all, t, sizeof t);
	plan_fmt_ms(p->total_ms, total, sizeof total);
	/* Of the plan as written: the screen's length shrinks as steps
	 * are skipped, so the word says which length this is. */
	run_queue(run, _("Session %s: %s of %s planned."),
	    session_outcome_label(session_outcome(run->session)), t, total);
	/* The safety note first: on a small screen it must not scroll away. */
	if (session_outcome(run->session) == OUTCOME_HALTED)
		run_summary_halt(run);
	if (run_summary_areas(run) >= 1000)
		run_aftercare(run);
}

/* Did the session work one of the neck's muscles (areas.h)? */
static int
run_worked_neck(const struct run *run)
{
	const struct plan	*p = run->plan;
	size_t			 i;

	for (i = 0; i < p->n; i++)
		if (p->v[i].is_work && area_neck(p->v[i].area) &&
		    (session_done_ms(run->session, i) > 0 ||
		    (i == session_step(run->session) &&
		    session_outcome(run->session) == OUTCOME_HALTED)))
			return 1;
	return 0;
}

/*
 * After a session that did work: what to expect and when to see a doctor
 * (aftercare.c, from DOMAIN.md), queued and said at once; the voice's end
 * is kept so that --plain does not exit over it. Muted or with the voice
 * off it is only printed: nothing would be heard, and --plain would sit
 * out some 10 s of silence before it exits. After a halt (!) the safety
 * note is said instead: a user lying with eyes closed heard only the
 * alert. After neck work, the signs of an artery tear or a stroke are an
 * emergency (DOMAIN 3.3), on the screen and said.
 */
static void
run_aftercare(struct run *run)
{
	const struct words	*w;
	const char		*lead, *first;
	uint64_t		 now = clock_mono_ns(run->clock), ms;
	size_t			 i;
	char			 said[1024];
	int			 halted, neck = run_worked_neck(run), stop;

	/*
	 * After a halt (sharp pain, numbness) the safety note says what to
	 * do, and after a rating of PAIN_STOP_RATING or more the area's work
	 * stopped: "some soreness is normal" would say the opposite, on the
	 * screen or by voice; the bruise and doctor lines stay, after a
	 * line of their own that does not reassure.
	 */
	stop = session_outcome(run->session) == OUTCOME_HALTED;
	halted = stop;
	for (i = 0; !halted && i < run->plan->n; i++)
		halted = session_dropped(run->session, i) ||
		    session_pain(run->session, i) >= PAIN_STOP_RATING;
	run_queue(run, "%s", "");
	if (neck)
		run_queue(run, "%s", _(run_neck_note));
	if (halted)
		run_queue(run, "%s", _(aftercare_halted_line));
	for (i = halted ? 1 : 0; aftercare_lines[i] != NULL; i++)
		run_queue(run, "%s", _(aftercare_lines[i]));
	if ((halted && !stop && !neck) || run_muted(run) ||
	    !run_voice_on(run))
		return;
	/* In the routine's language, as the step's words. */
	w = words_pick(run->routine->cues.lang.s);
	lead = w == words_en() ? "" : SPEECH_SEP_S;
	first = stop ? i18n_in(w->lang, NULL, run_safety_note) : halted ?
	    "" : i18n_in(w->lang, "spoken", aftercare_spoken);
	snprintf(said, sizeof said, "%s%s%s%s", lead, first,
	    neck && *first != '\0' ? " " : "",
	    neck ? i18n_in(w->lang, NULL, run_neck_note) : "");
	ms = run->sound.say_ms(run->sound.ctx, said);
	if (ms == 0)
		return;
	run->sound.say_at(run->sound.ctx, said, now);
	eventlog_write(run->log, now, "aftercare", session_step(run->session),
	    "%llu", (unsigned long long)ms);
	run->aftercare_end_ns = now + ms * 1000000ULL;
}

/*
 * msgid in the routine's language, then text (the routine's, NULL none),
 * as the voice takes it, into said; 0, or -1 when nothing is to be said
 * (muted, the voice off).
 */
static int
run_said_text(struct run *run, const char *ctx, const char *msgid,
    const char *text, char *said, size_t len)
{
	const struct words	*w;

	if (run_muted(run) || !run_voice_on(run))
		return (-1);
	w = words_pick(run->routine->cues.lang.s);
	snprintf(said, len, "%s%s%s%s", w == words_en() ? "" : SPEECH_SEP_S,
	    i18n_in(w->lang, ctx, msgid), text != NULL ? SPEECH_SEP_S : "",
	    text != NULL ? text : "");
	return (0);
}

/* Say the program's words, then the routine's, after *until (run.h). */
uint64_t
run_say_after(struct run *run, const char *ctx, const char *msgid,
    const char *text, uint64_t *until, uint64_t *ms)
{
	char		 said[1024];
	uint64_t	 now = clock_mono_ns(run->clock), at;

	*ms = 0;
	if (run_said_text(run, ctx, msgid, text, said, sizeof said) != 0 ||
	    (*ms = run->sound.say_ms(run->sound.ctx, said)) == 0)
		return (0);
	at = *until > now ? *until : now;
	run->sound.say_at(run->sound.ctx, said, at);
	*until = at + *ms * 1000000ULL;
	return (at);
}

/*
 * Said as the clock stops for a key: a listener cannot see that the
 * session waits, nor for which key (the screen's keys, or --plain's
 * typed answers).
 */
static const char *const run_wait_said[2][2] = {
	{ NC_("spoken", "Paused. Press space to go on."),
	  NC_("spoken", "Quit the session? Press y to quit, n to go on.") },
	{ NC_("spoken", "Paused. Type p, then Enter, to go on."),
	  NC_("spoken", "Quit the session? Type y to quit, n to go on, then "
	    "Enter.") }
};

/* The session waits at now: say so, and for what (run_int.h). */
void
run_say_wait(struct run *run, int quit, size_t step, uint64_t now_ns)
{
	uint64_t	until = now_ns, at, ms;

	if ((at = run_say_after(run, "spoken",
	    run_wait_said[run->opts->plain != 0][quit != 0], NULL, &until,
	    &ms)) != 0)
		eventlog_write(run->log, at, "wait-say", step, "%llu",
		    (unsigned long long)ms);
}

/* The pain question after a step: the screen's keys, or --plain's. */
static const char *const run_pain_said[2] = {
	NC_("spoken", "How much pain was there, from 0 to 10? Press the "
	    "number, x for 10."),
	NC_("spoken", "How much pain was there, from 0 to 10? Type the "
	    "number, then Enter.")
};
static const char *const run_ease_off = NC_("spoken", "Ease off the spot.");

/* Ask for the pain rating (run_int.h). */
void
run_say_pain(struct run *run, int again, uint64_t now_ns)
{
	uint64_t	until = now_ns, ms;

	if (!again)
		(void)run_say_after(run, "spoken", run_ease_off, NULL, &until,
		    &ms);
	(void)run_say_after(run, "spoken", run_pain_said[run->opts->plain !=
	    0], NULL, &until, &ms);
}

/*
 * Said when a run is refused (a listener would hear nothing at all): the
 * one entry that matters most (run_refused_pick) with what to do, and
 * for a rest how long, in words, since "the screen says" tells nothing
 * to someone lying on a roller with their eyes closed.
 */
enum refused_kind {
	REFUSED_REST,		/* the rest interval: how long */
	REFUSED_OVERRIDE,	/* an override refused over a halt */
	REFUSED_STILL,		/* said still there after its hold */
	REFUSED_NERVE,		/* a nerve over the arm: see someone */
	REFUSED_BLOCKED,	/* still sore past 72 h */
	REFUSED_HALTED,		/* a halt's hold: how long */
	REFUSED_CAP		/* the week's or month's sessions */
};
static const char *const run_refused_said[] = {
	/* TRANSLATORS: spoken; %s: an area and side ("Calves, left side"),
	   then how long ("another 23 hours", "another minute"). */
	/* xgettext:c-format */
	NC_("spoken", "Not started: %s must rest for %s."),
	/* TRANSLATORS: spoken; %s: an area and side. */
	/* xgettext:c-format */
	NC_("spoken", "Not started: %s was stopped for pain, and the override "
	    "does not pass it. The screen says what to do."),
	/* TRANSLATORS: spoken; %s as above. After the question "is the
	   pain, numbness or tingling still there?" answered yes. */
	/* xgettext:c-format */
	NC_("spoken", "Not started: %s is not worked while the pain, "
	    "numbness or tingling is still there. The screen says what to do."),
	/* TRANSLATORS: spoken; %s: an area and side. */
	/* xgettext:c-format */
	NC_("spoken", "Not started: %s was stopped for numbness, tingling or "
	    "shooting pain near the nerves to the arm. See a doctor or "
	    "physiotherapist before you work it again."),
	/* TRANSLATORS: spoken; %s: an area and side. */
	/* xgettext:c-format */
	NC_("spoken", "Not started: %s is still sore after a session. See a "
	    "doctor or physiotherapist before you work it again."),
	/* TRANSLATORS: spoken; %s: an area and side, then how long. */
	/* xgettext:c-format */
	NC_("spoken", "Not started: %s was stopped for pain. It is not worked "
	    "for %s, and only when the symptoms are gone."),
	/* TRANSLATORS: spoken; %s: how long ("another 2 days"). */
	/* xgettext:c-format */
	NC_("spoken", "Not started: this routine has had its sessions for "
	    "now. Wait %s.")
};
/* TRANSLATORS: spoken, how long a rest lasts; %d is 2 or more. */
static const char *const run_said_days = NC_("spoken", "another %d days");
static const char *const run_said_hours = NC_("spoken", "another %d hours");
static const char *const run_said_minutes = NC_("spoken",
    "another %d minutes");
static const char *const run_said_minute = NC_("spoken", "another minute");

/* s seconds as the voice says them in w: "another 23 hours", ... */
static void
run_said_left(const struct words *w, int64_t s, char *buf, size_t len)
{
	const char	*f;
	int64_t		 n;

	if (s > 48 * 3600) {
		f = run_said_days;
		n = (s + 43200) / 86400;
	} else if (s >= 2 * 3600 - 30 * 60) {
		f = run_said_hours;
		n = (s + 1800) / 3600;
	} else if (s > 90) {
		f = run_said_minutes;
		n = (s + 59) / 60;
	} else {
		snprintf(buf, len, "%s", i18n_in(w->lang, "spoken",
		    run_said_minute));
		return;
	}
	snprintf(buf, len, i18n_in(w->lang, "spoken", f), (int)n);
}

/*
 * The entry the voice names and its kind: a spot over the nerves to the
 * arm first (its advice is to see someone), then a block, a refused
 * override, a spot still there, a halt's hold, a rest, the caps last.
 */
static const struct resting *
run_refused_pick(const struct run *run, enum refused_kind *k)
{
	static const enum refused_kind order[] = { REFUSED_NERVE,
	    REFUSED_BLOCKED, REFUSED_OVERRIDE, REFUSED_STILL, REFUSED_HALTED,
	    REFUSED_REST, REFUSED_CAP };
	const struct resting	*x;
	enum refused_kind	 xk;
	size_t			 i, o;

	for (o = 0; o < nitems(order); o++)
		for (i = 0; i < run->nrest; i++) {
			x = &run->rest[i];
			if (x->area == NULL)
				xk = REFUSED_CAP;
			else if (x->rule == RULE_HALTED &&
			    halt_why_no_override(x))
				xk = REFUSED_NERVE;
			else if (x->rule == RULE_BLOCKED)
				xk = REFUSED_BLOCKED;
			else if (x->rule == RULE_HALTED && run->halt_still)
				xk = REFUSED_OVERRIDE;
			else if (halt_why_hold(x) == HALT_HOLD_STILL)
				xk = REFUSED_STILL;
			else if (x->rule == RULE_HALTED)
				xk = REFUSED_HALTED;
			else
				xk = REFUSED_REST;
			if (xk == order[o]) {
				*k = xk;
				return (x);
			}
		}
	*k = REFUSED_CAP;
	return (NULL);
}

/* What a refused run says (run.h). */
void
run_refused_line(struct run *run, char *said, size_t len)
{
	const struct words	*w;
	const struct resting	*x;
	enum refused_kind	 k;
	char			 area[192], name[128], left[64];
	size_t			 o;
	int64_t			 s = 0;

	w = words_pick(run->routine->cues.lang.s);
	x = run_refused_pick(run, &k);
	area[0] = '\0';
	if (x != NULL && x->area != NULL) {
		words_area(w, x->area, name, sizeof name);
		snprintf(area, sizeof area, "%s%s", name, x->side ==
		    SIDE_LEFT ? w->left : x->side == SIDE_RIGHT ? w->right :
		    "");
	}
	if (x != NULL && x->free_at > x->checked_at)
		s = x->free_at - x->checked_at;
	run_said_left(w, s, left, sizeof left);
	o = (size_t)snprintf(said, len, "%s", w == words_en() ? "" :
	    SPEECH_SEP_S);
	if (o >= len)
		return;
	if (k == REFUSED_CAP)
		snprintf(said + o, len - o, i18n_in(w->lang, "spoken",
		    run_refused_said[k]), left);
	else
		snprintf(said + o, len - o, i18n_in(w->lang, "spoken",
		    run_refused_said[k]), area, left);
}

/*
 * Sleep until run_heard_by, asked again at each wake: it moves on while
 * the engine still mixes what was asked for.
 */
static void
run_wait_heard(struct run *run)
{
	uint64_t	end;

	while ((end = run_heard_by(run)) != 0 &&
	    clock_mono_ns(run->clock) < end)
		clock_sleep_until(run->clock, end);
}

/* A refused run: say so, and wait until it is heard (run.h). */
void
run_say_refused(struct run *run)
{
	char		said[512];
	uint64_t	ms;

	if (run->audio == NULL && run->audio_later == NULL)
		return;
	run_open_audio(run);
	if (run_muted(run) || !run_voice_on(run))
		return;
	run_refused_line(run, said, sizeof said);
	if ((ms = run->sound.say_ms(run->sound.ctx, said)) == 0)
		return;
	run->sound.say_at(run->sound.ctx, said, clock_mono_ns(run->clock));
	run_wait_heard(run);
}

/* What a key did, said when nothing else tells a listener (run_int.h). */
const char *const run_key_said[RUN_KEY_SAID__COUNT] = {
	NC_("spoken", "Voice on."),
	NC_("spoken", "Sound on."),
	NC_("spoken", "Ten seconds more."),
	NC_("spoken", "Ten seconds less."),
	NC_("spoken", "Going on."),
	NC_("spoken", "No more time on this spot."),
	NC_("spoken", "Voice off. Press v to turn it on."),
	NC_("spoken", "Sound off. Press m to turn it on.")
};

/* How long key k's word is said, 0 when it is not (run_int.h). */
uint64_t
run_key_said_ms(struct run *run, enum run_key_said k)
{
	char	said[256];

	if (run_said_text(run, "spoken", run_key_said[k], NULL, said,
	    sizeof said) != 0)
		return (0);
	return (run->sound.say_ms(run->sound.ctx, said));
}

/* Say what a key did, now, if it ends in the voice's room (run_int.h). */
void
run_say_key(struct run *run, enum run_key_said k)
{
	char		said[256];
	uint64_t	now = clock_mono_ns(run->clock), ms;
	/* Voice or sound off: the word cuts the line, then all is quiet. */
	int		through = k == RUN_KEY_VOICE_OFF ||
			    k == RUN_KEY_SOUND_OFF;

	if (run_muted(run) ||
	    (through && run->sound.say_through_at == NULL) ||
	    run_said_text(run, "spoken", run_key_said[k], NULL, said,
	    sizeof said) != 0 ||
	    (ms = run->sound.say_ms(run->sound.ctx, said)) == 0 ||
	    now + ms * 1000000ULL > (through ?
	    session_voice_room(run->session, now) :
	    session_voice_free_until(run->session, now)))
		return;
	/* Keys pressed fast: the last one's word, not two at once. */
	if (through || run->key_said_until_ns > now)
		run->sound.cut_speech(run->sound.ctx, now);
	run->key_said_until_ns = now + ms * 1000000ULL;
	if (through)
		run->sound.say_through_at(run->sound.ctx, said, now);
	else
		run->sound.say_at(run->sound.ctx, said, now);
	eventlog_write(run->log, now, "key-say", session_step(run->session),
	    "%llu", (unsigned long long)ms);
}

/* Print the queued messages (cleaned, line by line) to fp. */
void
run_print_queue(struct run *run, FILE *fp)
{
	char	buf[1024], *line, *copy, *next;
	size_t	i;

	for (i = 0; i < run->nqueue; i++) {
		copy = xstrdup(run->queue[i]);
		for (line = copy; line != NULL; line = next) {
			if ((next = strchr(line, '\n')) != NULL)
				*next++ = '\0';
			diag_clean(line, buf, sizeof buf);
			fprintf(fp, "%s\n", buf);
		}
		free(copy);
	}
	fflush(fp);
}

/* Free the queued messages. */
void
run_free_queue(struct run *run)
{
	size_t	i;

	for (i = 0; i < run->nqueue; i++)
		free(run->queue[i]);
	run->nqueue = 0;
}

/*
 * The summary, the prescriber's note and the safety notes
 * (validate_user_text), to show or (said) to say: shown, the notes are in
 * the screen's language, where
 * standard error before the screen hid them; said, all is in the
 * routine's language, as its words. The notes are made once a run.
 */
static size_t
run_preamble_as(struct run *run, int said, char *buf, size_t len)
{
	const struct routine	*r = run->routine;
	const struct words	*w = words_pick(r->cues.lang.s);
	struct words_pre	 pre;

	if (!run->notes_made) {
		run->notes[0] = validate_user_text(r, NULL);
		run->notes[1] = validate_user_text(r, w->lang);
		run->notes_made = 1;
	}
	cueplan_preamble(run->plan, run->notes[said != 0], &pre);
	return (words_preamble(w, &pre, said, buf, len));
}

/* What the client is told before the session (see run.h). */
size_t
run_preamble(struct run *run, char *buf, size_t len)
{
	return (run_preamble_as(run, 0, buf, len));
}

/*
 * When the preamble said at now_ns (text, ms long) has said what the tones
 * mean, or 0 when it does not say it: where that sentence ends in the
 * text, as a share of the line's length (a voice's pace is near even: a
 * cut just after it may take it for unsaid, and say it again).
 */
static uint64_t
run_tones_said_at(const struct run *run, const char *text, uint64_t ms,
    uint64_t now_ns)
{
	const char	*tones, *at;
	size_t		 end;

	tones = words_tones(words_pick(run->routine->cues.lang.s));
	if (!plan_paced(run->plan) || (at = strstr(text, tones)) == NULL)
		return 0;
	end = (size_t)(at - text) + strlen(tones);
	return now_ns + ms * 1000000ULL * end / strlen(text);
}

/*
 * A cut of what is being said before the session's clock starts (an
 * Enter at the preamble, an answer): when it comes before the preamble
 * has said what the tones mean, the first paced step's line says it
 * (tl_opts' tones_told).
 */
void
run_tones_cut(struct run *run, uint64_t now_ns)
{
	size_t	k;

	if (run->tones_said_ns > now_ns &&
	    (k = plan_first_paced(run->plan)) < run->plan->n) {
		run->tones_told = k + 1;
		run_warm(run);
	}
	run->tones_said_ns = 0;
}

/*
 * Say the preamble now, before the session's clock starts (see run.h):
 * one line, measured by the voice that says it, so the front end can
 * start the session once it has been heard.
 */
uint64_t
run_say_preamble(struct run *run, uint64_t now_ns)
{
	char		text[WORDS_PREAMBLE_MAX];
	uint64_t	ms;

	if (run_preamble_as(run, 1, text, sizeof text) == 0)
		return (0);
	ms = run->sound.say_ms(run->sound.ctx, text);
	if (ms == 0)
		return (0);
	run->sound.say_at(run->sound.ctx, text, now_ns);
	eventlog_write(run->log, now_ns, "preamble", 0, "%llu",
	    (unsigned long long)ms);
	run->said_until_ns = now_ns + ms * 1000000ULL;
	run->tones_said_ns = run_tones_said_at(run, text, ms, now_ns);
	return (ms * 1000000ULL);
}

/* Said after the preamble where a page waits for a key (run.h). */
static const char *const run_start_keys = NC_("spoken",
    "Press Enter to start, or q to leave.");

void
run_say_start_keys(struct run *run)
{
	uint64_t	ms;

	(void)run_say_after(run, "spoken", run_start_keys, NULL,
	    &run->said_until_ns, &ms);
}

/* Stop the preamble where it is (the user started at once). */
void
run_cut_preamble(struct run *run, uint64_t now_ns)
{
	run_tones_cut(run, now_ns);
	run->sound.cut_speech(run->sound.ctx, now_ns);
	run->said_until_ns = now_ns;
}
