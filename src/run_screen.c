/*
 * What a run asks before it begins (run.h): whether a spot an override
 * passes that was halted for pain is still painful (run_refusal has
 * refused one halted for a nerve symptom near the arm already), then the
 * routine's screening questions, a "no" or a "yes" earlier today
 * standing; a "yes" ends it screened out with its advice said, else the
 * store begins the session.
 */
#include "run.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "clock.h"
#include "compat.h"
#include "eventlog.h"
#include "halt_why.h"
#include "history.h"
#include "i18n.h"
#include "plan.h"
#include "routine.h"
#include "run_int.h"
#include "session.h"
#include "xmalloc.h"

/* Said before each question asked: a listener cannot read the screen. */
static const char *const run_screen_keys = NC_("spoken",
    "Safety question. Press y for yes, n for no.");

/*
 * Say question q as it is asked, after what is being said (the preamble,
 * the last question), in the routine's language, the keys first.
 */
static void
run_screen_say(struct run *run, const char *q)
{
	uint64_t	at, ms;

	if ((at = run_say_after(run, "spoken", run_screen_keys, q,
	    &run->said_until_ns, &ms)) != 0)
		eventlog_write(run->log, at, "screen-say", 0, "%llu",
		    (unsigned long long)ms);
}

/* An answer came: what is still being said of the question stops. */
static void
run_screen_heard(struct run *run)
{
	uint64_t	now = clock_mono_ns(run->clock);

	run_tones_cut(run, now);
	if (run->said_until_ns > now)
		run->sound.cut_speech(run->sound.ctx, now);
	run->said_until_ns = now;
}

/*
 * Ask whether the pain, numbness or tingling that halted spot h (!, or a
 * rating of PAIN_STOP_RATING or more) is still there, as question k of
 * n: those are signs to stop (DOMAIN 3.6). 0 when gone, else the answer
 * (1 still there, 2 quit, 3 no answer). A spot over the nerves to the arm
 * halted for numbness, tingling or shooting pain was to be seen by a
 * doctor or physiotherapist first (halt_why_clinician): the question asks
 * that too, and only "yes" (seen, and gone) is gone.
 */
static int
run_halt_asked(struct run *run, const struct resting *h,
    int (*ask)(void *, size_t, size_t, const char *), void *ctx, size_t k,
    size_t n)
{
	char	label[160], q[512];
	int	a, nerve = halt_why_no_override(h);

	area_side_label(h->area->id, side_id(h->side), label, sizeof label);
	if (nerve)
		snprintf(q, sizeof q, _("%s was stopped for %s, near the nerves "
		    "to the arm. Has a doctor or physiotherapist seen it, and "
		    "is it gone?"), label, halt_why_rest_words(h));
	else
		snprintf(q, sizeof q, _("%s was stopped for pain, numbness or "
		    "tingling. Is any of it still there?"), label);
	run_screen_say(run, q);
	a = ask(ctx, k, n, q);
	run_screen_heard(run);
	if (nerve && (a == 0 || a == 1))
		a = !a;		/* yes: seen and gone */
	eventlog_write(run->log, clock_mono_ns(run->clock), "halt-check", 0,
	    "%s", a == 0 ? "gone" : a == 1 ? "still" : a == 2 ? "quit" :
	    "none");
	return (a);
}

/* Halts whose hold has passed, read once (see run.h). */
enum run_result
run_halts_passed(struct run *run, char **cause)
{
	if (run->passed_read || run->history == NULL)
		return (RUN_OK);
	if (history_halts_passed(run->history, run->routine, &run->full,
	    &run->passed, &run->npassed, cause) != 0)
		return (RUN_STORE_FAILED);
	run->passed_read = 1;
	return (RUN_OK);
}

/* Is rest entry i a spot halted for pain that the override passes? */
static int
run_halt_over(const struct run *run, size_t i)
{
	return (run->opts->override != NULL &&
	    run->rest[i].rule == RULE_HALTED && run->rest[i].area != NULL);
}

/* Is x one of those spots (asked about as such)? */
static int
run_halt_overs(const struct run *run, const struct resting *x)
{
	size_t	i;

	for (i = 0; i < run->nrest; i++)
		if (run_halt_over(run, i) && run->rest[i].area == x->area &&
		    run->rest[i].side == x->side)
			return (1);
	return (0);
}

/*
 * The halts asked about before the screening questions, counted into
 * *nask and asked from *k: the spot an override passes (a reason typed
 * on the command line says nothing of the symptoms), then each spot whose
 * hold has passed (run->passed: held "and only when the symptoms are
 * gone"). One not gone refuses the run, or with --skip-resting is left out
 * (run->still, begin_opts). RUN_OK to go on, else the refusal.
 */
static enum run_result
run_halt_checks(struct run *run,
    int (*ask)(void *, size_t, size_t, const char *), void *ctx, size_t *k,
    size_t *nask)
{
	size_t			 i;
	int			 a;

	if (run_halts_passed(run, &run->cause) != RUN_OK)
		return (RUN_STORE_FAILED);
	for (i = 0; i < run->nrest; i++)
		*nask += run_halt_over(run, i);
	for (i = 0; i < run->npassed; i++)
		*nask += !run_halt_overs(run, &run->passed[i]);
	/*
	 * Each spot the override passes, not the first alone. A q is no
	 * answer: the run ends as at a screening question (run_screen),
	 * nothing stored, and the question comes back at the next start.
	 */
	for (i = 0; i < run->nrest; i++) {
		if (!run_halt_over(run, i))
			continue;
		a = run_halt_asked(run, &run->rest[i], ask, ctx, (*k)++,
		    *nask);
		if ((run->halt_quit = a == 2))
			return (RUN_OK);
		if (a != 0)
			return (run_halt_refused(run, &run->cause));
	}
	run->still = xcalloc(run->npassed + 1, sizeof *run->still);
	for (i = 0; i < run->npassed; i++) {
		if (run_halt_overs(run, &run->passed[i]))
			continue;
		a = run_halt_asked(run, &run->passed[i], ask, ctx, (*k)++,
		    *nask);
		if ((run->halt_quit = a == 2))
			return (RUN_OK);
		if (a != 0)
			run->still[run->nstill++] = run->passed[i];
	}
	if (run->nstill == 0 || run->opts->skip_resting)
		return (RUN_OK);
	if (run->opts->override != NULL)
		return (run_halt_refused(run, &run->cause));
	return (run_refusal(run, &run->cause));
}

/*
 * What earlier today stands for each screening question: a "yes" (looked
 * for first: the safer answer wins), *yes the first such question with
 * *at its time (nscreen: none), else said[i] a "no". Either is not asked
 * again. Returns how many are asked: none after that "yes", since the
 * session ends there.
 */
static size_t
run_screen_today(struct run *run, int *said, size_t *yes, int64_t *at)
{
	size_t	i, nask = 0;

	for (i = 0; i < run->routine->nscreen; i++) {
		if (run->history != NULL && history_screen_yes_today(
		    run->history, run->routine->screen[i], at))
			break;
		said[i] = run->history != NULL && history_screen_no_today(
		    run->history, run->routine->screen[i]);
		nask += !said[i];
	}
	*yes = i;
	return (nask);
}

/* Ask the screening questions, then begin (see run.h). */
enum run_result
run_screen(struct run *run, int (*ask)(void *, size_t, size_t, const char *),
    void *ctx)
{
	const struct session_event	*ev;
	struct session_opts		 so;
	struct session			*scr;
	const char *const		*answers;
	char				*copy[64];
	size_t				 i, n = 0, k = 0, nask, yes;
	enum run_result			 rc;
	int64_t				 yes_at = 0;
	int				 a, *said;

	/*
	 * A rest limit that refuses the run is said before the questions:
	 * answering them all to be refused after was time lost (and the
	 * answers are not kept with a refusal).
	 */
	if ((rc = run_refusal(run, &run->cause)) != RUN_OK)
		return (rc);
	/* A "no" or a "yes" earlier today to the same question stands. */
	said = xcalloc(run->routine->nscreen + 1, sizeof *said);
	nask = run_screen_today(run, said, &yes, &yes_at);
	/* (Not asked when a "yes" stands: the session will not begin.) */
	if (yes == run->routine->nscreen &&
	    (rc = run_halt_checks(run, ask, ctx, &k, &nask)) != RUN_OK) {
		free(said);
		return (rc);
	}
	memset(&so, 0, sizeof so);
	scr = session_new(run->plan, &so);
	run->session = scr;
	/* q at a halt's question: quit, as at a screening question. */
	if (run->halt_quit)
		run_apply(run, SA_QUIT, 0, clock_mono_ns(run->clock), &ev);
	while (session_state(scr) == SESSION_SCREEN) {
		i = session_screen_index(scr);
		eventlog_write(run->log, clock_mono_ns(run->clock),
		    "screen-ask", 0, "%zu", i);
		if (i == yes) {
			/* Not asked: said, with when, as the session ends. */
			a = 1;
			run->screen_earlier = 1;
			run->screen_yes_at = yes_at;
			run->screen_yes_i = i;
		} else if (i < run->routine->nscreen && said[i]) {
			a = 0;
			run_status(run, _("Screening: your \"no\" answers from "
			    "earlier today stand."));
		} else {
			run_screen_say(run, run->routine->screen[i]);
			a = ask(ctx, k++, nask, run->routine->screen[i]);
			run_screen_heard(run);
		}
		run->answered_ns = clock_mono_ns(run->clock);
		eventlog_write(run->log, run->answered_ns,
		    "screen-answer", 0, "%zu %s", i, a == 1 ? "yes" :
		    a == 0 ? "no" : a == 3 ? "none" : "quit");
		if (a == 1) {
			/* What to do, by the question's urgency, said too. */
			run->screen_yes = routine_screen_urgency(run->routine,
			    i);
			/* Heard at once, over what the preamble still says. */
			run->sound.cut_speech(run->sound.ctx,
			    clock_mono_ns(run->clock));
			/* Heard out before a --plain run exits. */
			run->aftercare_end_ns = clock_mono_ns(run->clock) +
			    run->sound.say_ms(run->sound.ctx,
			    screen_advice(run->screen_yes)) * 1000000ULL;
			run->sound.say_at(run->sound.ctx,
			    screen_advice(run->screen_yes),
			    clock_mono_ns(run->clock));
		}
		/* No answer (input ended) is screened out, not a yes. */
		if (a == 3)
			run->screen_unanswered = 1;
		if (a == 2)
			run_apply(run, SA_QUIT, 0, clock_mono_ns(run->clock),
			    &ev);
		else
			run_apply(run, SA_SCREEN, a == 3 ? 2 : a,
			    clock_mono_ns(run->clock), &ev);
	}
	free(said);
	answers = session_screen_answers(scr);
	if (session_state(scr) == SESSION_DONE) {
		/* A "yes" is kept: the therapist's report lists it. */
		if (session_outcome(scr) == OUTCOME_SCREENED &&
		    history_screened(run->history, run->routine, run->plan,
		    answers, &run->cause) != 0) {
			run_queue(run, _("knead: history: %s"), run->cause);
			free(run->cause);
			run->cause = NULL;
		}
		return (RUN_ENDED);
	}
	while (answers[n] != NULL && n + 1 < nitems(copy)) {
		copy[n] = (char *)answers[n];
		n++;
	}
	copy[n] = NULL;
	rc = run_begin(run, (const char *const *)copy, &run->cause);
	if (rc != RUN_OK && run->session == scr)
		run->session = NULL;
	session_free(scr);
	return (rc);
}
