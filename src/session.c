/*
 * session: the state machine of one session (session.h): actions in,
 * events out, on a fake or real clock; the rules of b and + (a spot's dose)
 * and of a pain stop. What the front ends read of it is session_query.c.
 */
#include "session.h"
#include "session_int.h"

#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "cueplan.h"
#include "i18n.h"
#include "timeline.h"
#include "plan.h"
#include "routine.h"
#include "validate.h"
#include "xmalloc.h"

/* Append one event to this call's list. */
static struct session_event *
session_emit(struct session *s, enum session_ev type, uint64_t at_ns)
{
	struct session_event	*e;

	if (s->nev == s->evcap) {
		s->evcap = s->evcap == 0 ? 16 : s->evcap * 2;
		s->ev = xreallocarray(s->ev, s->evcap, sizeof *s->ev);
	}
	e = &s->ev[s->nev++];
	memset(e, 0, sizeof *e);
	e->type = type;
	e->step = s->sched.cur;
	e->at_ns = at_ns;
	return (e);
}

/* Create a session over plan p. */
struct session *
session_new(const struct plan *p, const struct session_opts *o)
{
	struct session	*s;
	size_t		 i, n = p->n > 0 ? p->n : 1;

	s = xcalloc(1, sizeof *s);
	s->plan = p;
	s->opts = *o;
	if (o->answered_ns != 0)
		s->next_from_ns = o->answered_ns + SESSION_NEXT_GUARD_MS *
		    SCHED_NS_PER_MS;
	sched_init(&s->sched, p);
	s->done_ms = xcalloc(n, sizeof *s->done_ms);
	s->holds = xcalloc(n, sizeof *s->holds);
	s->pain = xcalloc(n, sizeof *s->pain);
	s->dropped = xcalloc(n, sizeof *s->dropped);
	for (i = 0; i < n; i++)
		s->pain[i] = -1;
	if (p->routine != NULL)
		s->nscreen = p->routine->nscreen;
	s->answers = xcalloc(s->nscreen + 1, sizeof *s->answers);
	s->state = s->nscreen > 0 && !o->screened ? SESSION_SCREEN :
	    SESSION_READY;
	return (s);
}

/* Free a session; NULL is fine. */
void
session_free(struct session *s)
{
	if (s == NULL)
		return;
	free(s->done_ms);
	free(s->holds);
	free(s->pain);
	free(s->dropped);
	timeline_step_free(&s->tl);
	free(s->answers);
	free(s->ev);
	free(s);
}

/*
 * Load the cue schedule of the current step as if it lasted len_ms (its
 * planned length, or what +/-10 s made of it): the pacer, pass ticks and
 * countdown then fit the step as it really runs.
 */
static void
session_load_cues(struct session *s, uint64_t len_ms)
{
	struct tl_opts	o;

	o.countdown_s = s->opts.countdown_s;
	o.halfway = s->opts.halfway;
	o.voice = s->opts.voice;
	o.tones_told = s->opts.tones_told != NULL ? *s->opts.tones_told : 0;
	timeline_step_free(&s->tl);
	timeline_step(s->plan, s->sched.cur, len_ms, &o, &s->tl);
	s->next_cue = 0;
	s->next_line = 0;
}

/*
 * Absolute due time of cue i. Offsets count from the step's real start
 * plus its pauses, the clock the pacer and pass marker follow; the list is
 * rebuilt when +/-10 s changes the length, so the countdown ticks still
 * lead to the end.
 */
uint64_t
session_cue_ns(const struct session *s, size_t i)
{
	return (s->sched.cur_start_ns + s->sched.cur_paused_ns +
	    s->tl.cue[i].at_ms * SCHED_NS_PER_MS);
}

/* Absolute due time of line i, on the same clock as the cues. */
uint64_t
session_line_ns(const struct session *s, size_t i)
{
	return (s->sched.cur_start_ns + s->sched.cur_paused_ns +
	    s->tl.line[i].at_ms * SCHED_NS_PER_MS);
}

/* Whether cue i is left out (a second halfway chime after +10 s). */
int
session_cue_skipped(const struct session *s, size_t i)
{
	return (s->tl.cue[i].cue == CUE_HALFWAY && s->half_done);
}

/*
 * The step's length changed (+/-10 s): rebuild its cues for the new length
 * and forget those already in the past, so nothing sounds twice or in a
 * burst.
 */
static void
session_reload_cues(struct session *s, uint64_t now_ns)
{
	uint64_t	eff = s->sched.paused ? s->sched.paused_at_ns : now_ns;

	session_load_cues(s, sched_length_ns(&s->sched, now_ns) /
	    SCHED_NS_PER_MS);
	while (s->next_cue < s->tl.ncue && session_cue_ns(s, s->next_cue) < eff)
		s->next_cue++;
	while (s->next_line < s->tl.nline &&
	    session_line_ns(s, s->next_line) < eff)
		s->next_line++;
}

/* Step i begins at at_ns. */
static void
session_begin_step(struct session *s, size_t i, uint64_t at_ns)
{
	sched_goto(&s->sched, i, at_ns);
	s->half_done = 0;
	session_load_cues(s, s->plan->v[i].duration_ms);
	session_emit(s, SEV_STEP_START, at_ns);
}

/* The first step after i that is not dropped, or SIZE_MAX. */
static size_t
session_after(const struct session *s, size_t i)
{
	/* Nor one that ran on a stopped area (b went back before it). */
	for (i++; i < s->plan->n; i++) {
		if (!s->dropped[i])
			return (i);
	}
	return (SIZE_MAX);
}

/* End the session with an outcome. */
static void
session_finish(struct session *s, enum session_outcome o, uint64_t at_ns)
{
	struct session_event	*e;

	s->state = SESSION_DONE;
	s->outcome = o;
	e = session_emit(s, SEV_SESSION_END, at_ns);
	e->outcome = o;
}

/* Move on from step i to the next live step, which begins at at_ns. */
static void
session_advance(struct session *s, size_t i, uint64_t at_ns)
{
	size_t	k = session_after(s, i);

	if (k == SIZE_MAX) {
		session_finish(s, OUTCOME_COMPLETED, at_ns);
		return;
	}
	session_begin_step(s, k, at_ns);
}

/* Record the end of the current step. */
static void
session_end_step(struct session *s, uint64_t at_ns, int finished)
{
	struct session_event	*e;
	uint64_t		 done;

	done = sched_elapsed_ns(&s->sched, at_ns) / SCHED_NS_PER_MS;
	s->done_ms[s->sched.cur] += done;
	if (done > SESSION_BACK_GRACE_MS)
		s->holds[s->sched.cur]++;
	e = session_emit(s, SEV_STEP_END, at_ns);
	e->done_ms = done;
	e->finished = finished;
}

/* Emit the cues and lines due by now (and by the step's end), in order. */
static void
session_fire(struct session *s, uint64_t now_ns, uint64_t end)
{
	struct session_event	*e;
	uint64_t		 c, l;

	for (;;) {
		c = s->next_cue < s->tl.ncue ?
		    session_cue_ns(s, s->next_cue) : UINT64_MAX;
		l = s->next_line < s->tl.nline ?
		    session_line_ns(s, s->next_line) : UINT64_MAX;
		if (l < c) {
			if (l > now_ns || l > end)
				break;
			e = session_emit(s, SEV_SAY, l);
			e->value = (int)s->next_line;
			e->line = &s->tl.line[s->next_line++];
			continue;
		}
		if (c > now_ns || c > end)
			break;
		if (!session_cue_skipped(s, s->next_cue)) {
			e = session_emit(s, SEV_CUE, c);
			e->value = s->tl.cue[s->next_cue].cue;
			if (e->value == CUE_HALFWAY)
				s->half_done = 1;
		}
		s->next_cue++;
	}
}

/*
 * The pain question unanswered SESSION_PAIN_AGAIN_MS: asked again (value:
 * the time), SESSION_PAIN_AGAIN_MAX times at most; a listener may not
 * have heard it, or not known how to answer.
 */
static void
session_pain_again(struct session *s, uint64_t now_ns)
{
	struct session_event	*e;

	if (s->state != SESSION_PAIN || s->pain_asked >=
	    SESSION_PAIN_AGAIN_MAX || now_ns < s->pain_again_ns)
		return;
	e = session_emit(s, SEV_PAIN_ASK, now_ns);
	e->value = ++s->pain_asked;
	s->pain_again_ns = now_ns + SESSION_PAIN_AGAIN_MS * SCHED_NS_PER_MS;
}

/* Fire due cues and cross due step boundaries, up to now. */
static void
session_tick(struct session *s, uint64_t now_ns)
{
	uint64_t		 end;
	size_t			 cur;

	while (s->state == SESSION_ACTIVE) {
		end = sched_end_ns(&s->sched);
		session_fire(s, now_ns, end);
		if (now_ns < end)
			break;
		/* The step ran out at its deadline, not at now: no drift. */
		session_end_step(s, end, 1);
		cur = s->sched.cur;
		if (s->plan->v[cur].check_pain) {
			sched_pause(&s->sched, end);
			s->state = SESSION_PAIN;
			s->pain_asked = 0;
			s->pain_again_ns = end + SESSION_PAIN_AGAIN_MS *
			    SCHED_NS_PER_MS;
			session_emit(s, SEV_PAIN_ASK, end);
			break;
		}
		session_advance(s, cur, end);
	}
	session_pain_again(s, now_ns);
}

/*
 * Stop the area and side of step i: drop its remaining steps (its work,
 * and its stretches and moves too: the area is held as after a halt; a
 * step on no particular side works this side too), bar the steps on it
 * already run from b, and drop the switch or release transitions that
 * would now lead to nothing. Returns the steps dropped.
 */
static int
session_stop_area(struct session *s, size_t i)
{
	const struct pstep	*ps = &s->plan->v[i], *q;
	size_t			 j, k;
	int			 n = 0;

	if (ps->area == NULL)
		return (0);
	for (j = 0; j < s->plan->n; j++) {
		q = &s->plan->v[j];
		if (q->area != ps->area || !sides_meet(q->side, ps->side))
			continue;
		if (j <= i)
			s->dropped[j] |= DROP_BAR;
		else if (!(s->dropped[j] & DROP_SKIP)) {
			s->dropped[j] |= DROP_SKIP;
			n++;
		}
	}
	for (j = s->plan->n; j-- > i + 1;) {
		q = &s->plan->v[j];
		if ((s->dropped[j] & DROP_SKIP) ||
		    (q->kind != PLAN_SWITCH && q->kind != PLAN_RELEASE))
			continue;
		k = session_after(s, j);
		if (k == SIZE_MAX || (j + 1 < s->plan->n &&
		    (s->dropped[j + 1] & DROP_SKIP))) {
			s->dropped[j] |= DROP_SKIP;
			n++;
		}
	}
	return (n);
}

/* Start the session (READY -> ACTIVE). */
static void
session_start(struct session *s, uint64_t now_ns)
{
	if (s->plan->n == 0) {
		session_emit(s, SEV_SESSION_START, now_ns);
		session_finish(s, OUTCOME_COMPLETED, now_ns);
		return;
	}
	sched_start(&s->sched, now_ns);
	s->state = SESSION_ACTIVE;
	s->half_done = 0;
	session_emit(s, SEV_SESSION_START, now_ns);
	session_load_cues(s, s->plan->v[0].duration_ms);
	session_emit(s, SEV_STEP_START, now_ns);
}

/* The pause key. */
static void
session_pause(struct session *s, uint64_t now_ns)
{
	session_note_cut(s, now_ns);
	sched_pause(&s->sched, now_ns);
	s->state = SESSION_PAUSED;
	session_emit(s, SEV_PAUSE, now_ns);
}

/* Resume after a pause: later deadlines move by the paused time. */
static void
session_resume(struct session *s, uint64_t now_ns)
{
	sched_resume(&s->sched, now_ns);
	s->state = SESSION_ACTIVE;
	session_say_again(s, now_ns);
	session_emit(s, SEV_RESUME, now_ns);
}

/* The words of session_over_dose and plus_room say these numbers. */
_Static_assert(AREA_HOLDS_MAX == 3 && AREA_WORK_MAX_S == 180,
    "the b and + messages say 3 holds and 3 minutes");

/* Work on a spot: press, roll and contract-relax (plan's is_work). */
static int
session_dose_kind(const struct pstep *p)
{
	return (p->area != NULL && p->is_work);
}

/*
 * The sides a step's dose is counted on: its own, or each side for a step
 * with no side on a sided area (it works both; each side is its own
 * spot, as the validator counts it). Returns how many.
 */
static int
session_spot_sides(const struct pstep *t, enum side side[2])
{
	if (t->side == SIDE_NONE && t->area->sided) {
		side[0] = SIDE_LEFT;
		side[1] = SIDE_RIGHT;
		return (2);
	}
	side[0] = t->side;
	return (1);
}

/*
 * The session's work on area a, side side (a step with no side counts
 * for each side) if it ran on from step from (b: from runs again; +: from
 * is the step after the current one): what was done, the current step's
 * run counted as cur_ms (b: its time so far; +: its whole length), and
 * the steps planned from from on; holds are the presses among them (a run
 * of SESSION_BACK_GRACE_MS or less is none).
 */
static void
session_spot_dose(const struct session *s, const struct area *a,
    enum side side, size_t from, uint64_t cur_ms, unsigned *holds,
    uint64_t *ms)
{
	const struct pstep	*q;
	size_t			 i, cur = s->sched.cur;

	*holds = 0;
	*ms = 0;
	for (i = 0; i < s->plan->n; i++) {
		q = &s->plan->v[i];
		if (!session_dose_kind(q) || q->area != a ||
		    !sides_meet(q->side, side))
			continue;
		*ms += s->done_ms[i];
		*holds += q->kind == PLAN_PRESS ? s->holds[i] : 0;
		if (i == cur) {
			*ms += cur_ms;
			*holds += q->kind == PLAN_PRESS &&
			    cur_ms > SESSION_BACK_GRACE_MS;
		}
		if (i >= from && !s->dropped[i]) {
			*ms += q->duration_ms;
			*holds += q->kind == PLAN_PRESS;
		}
	}
}

/*
 * Whether that passes the validator's per-session dose (AREA_HOLDS_MAX
 * holds, AREA_WORK_MAX_S of work on one area and side) on a side step t
 * works; *why says which.
 */
static enum session_dose_max
session_over_dose(const struct session *s, const struct pstep *t,
    size_t from, uint64_t cur_ms, const char **why)
{
	enum side	side[2];
	uint64_t	ms;
	unsigned	holds;
	int		k, n = session_spot_sides(t, side);

	for (k = 0; k < n; k++) {
		session_spot_dose(s, t->area, side[k], from, cur_ms, &holds,
		    &ms);
		if (t->kind == PLAN_PRESS && holds > AREA_HOLDS_MAX) {
			*why = N_("3 holds on one spot are the most for a "
			    "session");
			return (SESSION_DOSE_HOLDS);
		}
		if (ms > (uint64_t)AREA_WORK_MAX_S * 1000) {
			*why = N_("3 minutes of pressure on one spot are the "
			    "most for a session");
			return (SESSION_DOSE_PRESSURE);
		}
	}
	return (SESSION_DOSE_OK);
}

/*
 * The b key: restart this step, or go to the previous live one; not when
 * that would take a spot it runs again past the session's dose (then the
 * step goes on and the event says why).
 */
static void
session_back(struct session *s, uint64_t now_ns)
{
	struct session_event	*e;
	const char		*why = NULL;
	size_t			 cur = s->sched.cur, k = cur, i;
	uint64_t		 ran;
	enum session_dose_max	 over;

	ran = sched_elapsed_ns(&s->sched, now_ns) / SCHED_NS_PER_MS;
	if (ran <= SESSION_BACK_GRACE_MS) {
		/* Neither a dropped step nor one on a stopped area. */
		while (k > 0) {
			k--;
			if (!s->dropped[k])
				break;
		}
		if (s->dropped[k])
			k = cur;
	}
	for (i = k; i <= cur; i++) {
		if (!session_dose_kind(&s->plan->v[i]))
			continue;
		over = session_over_dose(s, &s->plan->v[i], k, ran, &why);
		if (over != SESSION_DOSE_OK) {
			/* Refused: a pause stays a pause. */
			e = session_emit(s, SEV_BACK, now_ns);
			e->why = why;
			e->value = (int)over;
			return;
		}
	}
	if (s->state == SESSION_PAUSED)
		session_resume(s, now_ns);
	session_end_step(s, now_ns, 0);
	session_emit(s, SEV_BACK, now_ns);
	session_begin_step(s, k, now_ns);
}

/*
 * How much of want (ns) + may add to the current step: never past DOMAIN's
 * ceiling for its kind (the validator's limits, validate.h), nor past the
 * max of an until-release press, and on a routine that is not deep (its
 * label and its content) never a press of more than PRESS_WARN_S (a hold of
 * 60 s makes work deep) unless the file planned longer. When it stops
 * short, *why says why and *cap_ms is the ceiling.
 */
static int64_t
plus_room(const struct session *s, int64_t want, uint64_t now_ns,
    const char **why, uint64_t *cap_ms)
{
	const struct pstep	*ps = &s->plan->v[s->sched.cur];
	uint64_t		 cap = 0, len;

	switch (ps->kind) {
	case PLAN_PRESS:
		if (ps->until_release) {
			cap = ps->duration_ms;
			*why = N_("the press's max");
		} else if (s->plan->routine != NULL &&
		    validate_effective_tier(s->plan->routine) !=
		    INTENSITY_DEEP) {
			/* A hold of PRESS_WARN_S is deep work already. */
			cap = (uint64_t)PRESS_WARN_S * 1000 - 1000;
			if (ps->duration_ms > cap)
				cap = ps->duration_ms;
			*why = N_("longer holds are deep work, not this "
			    "routine's");
		} else {
			cap = (uint64_t)PRESS_MAX_S * 1000;
			*why = N_("the longest hold the evidence supports");
		}
		break;
	case PLAN_ROLL:
		cap = (uint64_t)ROLL_MAX_S * 1000;
		*why = N_("the longest roll on one area");
		break;
	case PLAN_STRETCH:
		cap = (uint64_t)STRETCH_MAX_S * 1000;
		*why = N_("the longest stretch hold");
		break;
	default:
		break;
	}
	len = sched_length_ns(&s->sched, now_ns) / SCHED_NS_PER_MS;
	/*
	 * Nor past the session's work on the spot (session_spot_dose): 3
	 * minutes, or on a routine that is not deep 2 (more is deep work).
	 */
	if (session_dose_kind(ps)) {
		enum side	side[2];
		unsigned	holds;
		uint64_t	ms, room, most = (uint64_t)AREA_WORK_MAX_S * 1000;
		int		k, n = session_spot_sides(ps, side), deep;

		deep = s->plan->routine == NULL ||
		    validate_effective_tier(s->plan->routine) == INTENSITY_DEEP;
		if (!deep)
			most = (uint64_t)SESSION_LIGHT_SPOT_S * 1000;
		for (k = 0; k < n; k++) {
			session_spot_dose(s, ps->area, side[k],
			    s->sched.cur + 1, len, &holds, &ms);
			room = ms < most ? most - ms : 0;
			if (len + room < (cap != 0 ? cap : UINT64_MAX)) {
				cap = len + room;
				*why = deep ? N_("3 minutes of pressure on "
				    "one spot are the most for a session") :
				    N_("more than 2 minutes on one spot is "
				    "deep work, not this routine's");
			}
		}
	}
	if (cap == 0 || len + (uint64_t)want / SCHED_NS_PER_MS <= cap) {
		*why = NULL;
		return want;
	}
	*cap_ms = cap;
	return len >= cap ? 0 : (int64_t)(cap - len) * (int64_t)SCHED_NS_PER_MS;
}

/* +10 s (up to the step's ceiling, saying why it stops short) or -10 s. */
static void
session_shift(struct session *s, int plus, uint64_t now_ns)
{
	struct session_event	*e;
	const char		*why = NULL;
	uint64_t		 cap_ms = 0;
	int64_t			 d;

	d = (int64_t)SESSION_SHIFT_MS * (int64_t)SCHED_NS_PER_MS;
	if (plus)
		d = plus_room(s, d, now_ns, &why, &cap_ms);
	d = sched_shift(&s->sched, plus ? d : -d, now_ns);
	e = session_emit(s, SEV_SHIFT, now_ns);
	e->value = (int)(d / (int64_t)SCHED_NS_PER_MS);
	e->why = why;
	e->cap_s = (int)(cap_ms / 1000);
	session_reload_cues(s, now_ns);
}

/* q asks first (the clock pauses); a yes stops, a no goes back. */
static void
session_quit(struct session *s, enum session_action a, uint64_t now_ns)
{
	struct session_event	*e;
	enum session_state	 st = s->state;

	switch (a) {
	case SA_QUIT:
		if (st == SESSION_SCREEN || st == SESSION_READY) {
			session_finish(s, OUTCOME_STOPPED, now_ns);
			break;
		}
		if (st == SESSION_DONE || st == SESSION_QUIT_ASK)
			break;
		s->before_quit = st;
		if (st == SESSION_ACTIVE) {
			session_note_cut(s, now_ns);
			sched_pause(&s->sched, now_ns);
		}
		s->state = SESSION_QUIT_ASK;
		session_emit(s, SEV_QUIT_ASK, now_ns);
		break;
	case SA_QUIT_YES:
		if (st != SESSION_QUIT_ASK)
			break;
		if (s->before_quit != SESSION_PAIN)
			session_end_step(s, now_ns, 0);
		session_finish(s, OUTCOME_STOPPED, now_ns);
		break;
	case SA_SIGNAL_END:
		/*
		 * Not the user's quit: a closed terminal or a shutdown. What
		 * ran is kept as a quit keeps it, under its own outcome.
		 */
		if (st == SESSION_DONE)
			break;
		if (st == SESSION_SCREEN || st == SESSION_READY) {
			session_finish(s, OUTCOME_STOPPED, now_ns);
			break;
		}
		if (st == SESSION_QUIT_ASK)
			st = s->before_quit;
		if (st != SESSION_PAIN)
			session_end_step(s, now_ns, 0);
		session_finish(s, OUTCOME_INTERRUPTED, now_ns);
		break;
	default:	/* SA_QUIT_NO */
		if (st != SESSION_QUIT_ASK)
			break;
		s->state = s->before_quit;
		s->next_from_ns = now_ns + SESSION_NEXT_GUARD_MS *
		    SCHED_NS_PER_MS;
		if (s->state == SESSION_ACTIVE) {
			sched_resume(&s->sched, now_ns);
			session_say_again(s, now_ns);
		}
		session_emit(s, SEV_QUIT_CANCEL, now_ns);
		if (s->state == SESSION_PAIN) {
			/* The quit question cut it: asked again at once. */
			e = session_emit(s, SEV_PAIN_ASK, now_ns);
			e->value = s->pain_asked + 1;
			s->pain_again_ns = now_ns + SESSION_PAIN_AGAIN_MS *
			    SCHED_NS_PER_MS;
		}
		break;
	}
}

/* The pain rating after a step; at PAIN_STOP_RATING the area stops. */
static void
session_rate(struct session *s, int arg, uint64_t now_ns)
{
	struct session_event	*e;
	size_t			 cur = s->sched.cur;
	int			 n;

	s->pain[cur] = arg;
	e = session_emit(s, SEV_PAIN, now_ns);
	e->value = arg;
	if (arg >= PAIN_STOP_RATING) {
		n = session_stop_area(s, cur);
		e = session_emit(s, SEV_AREA_STOP, now_ns);
		e->value = n;
	}
	sched_resume(&s->sched, now_ns);
	s->state = SESSION_ACTIVE;
	session_advance(s, cur, now_ns);
}

/*
 * One screening answer (1 yes, 0 no, 2 no answer: input ended): a yes or
 * no answer ends the session as screened out, the last no readies it.
 */
static void
session_screen(struct session *s, int yes, uint64_t now_ns)
{
	struct session_event	*e;

	s->answers[s->screen_i] = yes == 1 ? "yes" : yes == 2 ?
	    "no answer" : "no";
	if (yes) {
		session_finish(s, OUTCOME_SCREENED, now_ns);
		return;
	}
	if (++s->screen_i < s->nscreen) {
		e = session_emit(s, SEV_SCREEN_ASK, now_ns);
		e->value = (int)s->screen_i;
	} else {
		s->state = SESSION_READY;
		s->next_from_ns = now_ns + SESSION_NEXT_GUARD_MS *
		    SCHED_NS_PER_MS;
		session_emit(s, SEV_SCREEN_CLEAR, now_ns);
	}
}

/* Apply one action at now (see session.h). */
size_t
session_handle(struct session *s, enum session_action a, int arg,
    uint64_t now_ns, const struct session_event **evs)
{
	enum session_state	 st = s->state;
	size_t			 cur = s->sched.cur;

	s->nev = 0;
	switch (a) {
	case SA_START:
		if (st == SESSION_READY)
			session_start(s, now_ns);
		break;
	case SA_TICK:
		break;
	case SA_TOGGLE:
	case SA_PAUSE:
	case SA_RESUME:
		if (st == SESSION_ACTIVE && a != SA_RESUME)
			session_pause(s, now_ns);
		else if (st == SESSION_PAUSED && a != SA_PAUSE)
			session_resume(s, now_ns);
		break;
	case SA_NEXT:
		/* A second n of an answer (no, go on) skips nothing. */
		if ((st != SESSION_ACTIVE && st != SESSION_PAUSED) ||
		    now_ns < s->next_from_ns)
			break;
		if (st == SESSION_PAUSED)
			session_resume(s, now_ns);
		session_emit(s, SEV_SKIP, now_ns);
		session_end_step(s, now_ns, 0);
		sched_end_now(&s->sched, now_ns);
		session_advance(s, cur, now_ns);
		break;
	case SA_BACK:
		if (st == SESSION_ACTIVE || st == SESSION_PAUSED)
			session_back(s, now_ns);
		break;
	case SA_PLUS10:
	case SA_MINUS10:
		if (st == SESSION_ACTIVE || st == SESSION_PAUSED)
			session_shift(s, a == SA_PLUS10, now_ns);
		break;
	case SA_RELEASE:
		if (st != SESSION_ACTIVE || !s->plan->v[cur].until_release)
			break;
		session_emit(s, SEV_RELEASE, now_ns);
		sched_end_now(&s->sched, now_ns);
		break;
	case SA_STOP_NOW:
		if (st == SESSION_DONE || st == SESSION_SCREEN ||
		    st == SESSION_READY)
			break;
		/* After a finished step (pain prompt) its time is counted. */
		if (st != SESSION_PAIN && !(st == SESSION_QUIT_ASK &&
		    s->before_quit == SESSION_PAIN))
			session_end_step(s, now_ns, 0);
		session_finish(s, OUTCOME_HALTED, now_ns);
		break;
	case SA_QUIT:
	case SA_QUIT_YES:
	case SA_QUIT_NO:
	case SA_SIGNAL_END:
		session_quit(s, a, now_ns);
		break;
	case SA_PAIN:
		if (st == SESSION_PAIN && arg >= -1 && arg <= 10)
			session_rate(s, arg, now_ns);
		break;
	case SA_SCREEN:
		if (st == SESSION_SCREEN)
			session_screen(s, arg, now_ns);
		break;
	}
	session_tick(s, now_ns);
	*evs = s->ev;
	return (s->nev);
}

/* The state now. */
enum session_state
session_state(const struct session *s)
{
	return (s->state);
}

/* The outcome once DONE (OUTCOME_NONE before). */
enum session_outcome
session_outcome(const struct session *s)
{
	return (s->outcome);
}

/* The next time the session has something to do or show. */
uint64_t
session_next_wake(const struct session *s, uint64_t now_ns)
{
	uint64_t	t, c;

	if (s->state == SESSION_PAIN)
		return (s->pain_asked < SESSION_PAIN_AGAIN_MAX ?
		    s->pain_again_ns : SCHED_NEVER);
	if (s->state != SESSION_ACTIVE)
		return (SCHED_NEVER);
	t = sched_next_change(&s->sched, now_ns);
	if (s->next_cue < s->tl.ncue) {
		c = session_cue_ns(s, s->next_cue);
		if (c < t)
			t = c > now_ns ? c : now_ns;
	}
	if (s->next_line < s->tl.nline) {
		c = session_line_ns(s, s->next_line);
		if (c < t)
			t = c > now_ns ? c : now_ns;
	}
	return (t);
}

/* Cues still to come in this step, at their absolute times. */
size_t
session_pending_cues(const struct session *s, struct session_cue **out)
{
	size_t		i, n = 0;
	uint64_t	end = sched_end_ns(&s->sched), t;

	*out = NULL;
	if (s->state != SESSION_ACTIVE || s->next_cue >= s->tl.ncue)
		return (0);
	*out = xcalloc(s->tl.ncue - s->next_cue, sizeof **out);
	for (i = s->next_cue; i < s->tl.ncue; i++) {
		t = session_cue_ns(s, i);
		if (t > end)
			break;
		if (session_cue_skipped(s, i))
			continue;
		(*out)[n].cue = s->tl.cue[i].cue;
		(*out)[n].at_ns = t;
		n++;
	}
	return (n);
}

/* Lines still to come in this step, at their absolute times. */
size_t
session_pending_lines(const struct session *s, struct session_line **out)
{
	size_t		i, n = 0;
	uint64_t	end = sched_end_ns(&s->sched), t;

	*out = NULL;
	if (s->state != SESSION_ACTIVE || s->next_line >= s->tl.nline)
		return (0);
	*out = xcalloc(s->tl.nline - s->next_line, sizeof **out);
	for (i = s->next_line; i < s->tl.nline; i++) {
		t = session_line_ns(s, i);
		if (t > end)
			break;
		(*out)[n].line = &s->tl.line[i];
		(*out)[n].at_ns = t;
		n++;
	}
	return (n);
}

/* The next live step, or SIZE_MAX. */
size_t
session_next_step(const struct session *s)
{
	return (session_after(s, s->sched.cur));
}
