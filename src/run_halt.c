/*
 * After a halt (!): the one question of what made the user stop (see
 * run.h), asked by both front ends once the halt's summary and safety
 * note are shown and said, its answer kept on the halted session and, for
 * nerve symptoms over the nerves to the arm, DOMAIN 3.6's "see a
 * clinician" shown and said (halt_why.c holds the rules and the words).
 */
#include "run.h"

#include <stdio.h>

#include "areas.h"
#include "clock.h"
#include "eventlog.h"
#include "halt_why.h"
#include "history.h"
#include "i18n.h"
#include "plan.h"
#include "routine.h"
#include "session.h"
#include "speech.h"
#include "words.h"

/* Is the question asked? A session ended halted that the store keeps. */
int
run_halt_asks(const struct run *run)
{
	return (run->session != NULL && run->history != NULL &&
	    run->begun && session_outcome(run->session) == OUTCOME_HALTED);
}

/*
 * Say msgid in the routine's language once what is being said (the safety
 * note, the question) is heard out; its end is kept, so that --plain does
 * not exit over it. Muted or with the voice off, nothing.
 */
static uint64_t
run_halt_say(struct run *run, const char *ctx, const char *msgid)
{
	uint64_t	ms;

	return (run_say_after(run, ctx, msgid, NULL, &run->aftercare_end_ns,
	    &ms));
}

/* Said once the answer is kept: a listener hears that the key worked. */
static const char *const run_halt_noted = NC_("spoken", "Noted.");

/*
 * An answer (or Enter) came: what is left of the question stops, or it
 * is dropped if not begun; the safety note before it is heard out.
 */
static void
run_halt_heard(struct run *run)
{
	uint64_t	now = clock_mono_ns(run->clock), q = run->halt_q_at_ns;

	if (q == 0)
		return;
	run->halt_q_at_ns = 0;
	if (now >= q) {
		run->sound.cut_speech(run->sound.ctx, now);
		run->aftercare_end_ns = now;
	} else {
		run->sound.cancel_from(run->sound.ctx, q);
		run->aftercare_end_ns = q;
	}
}

/* The front end shows the question: it is said after the safety note. */
void
run_halt_ask(struct run *run)
{
	if (!run_halt_asks(run))
		return;
	eventlog_write(run->log, clock_mono_ns(run->clock), "halt-ask",
	    session_step(run->session), NULL);
	run->halt_q_at_ns = run_halt_say(run, "spoken",
	    halt_why_question_spoken);
}

/*
 * The answer (halt_why.h's word, NULL none): kept on the session, and
 * what it means queued (the front ends show the queue's new lines): the
 * answer in words, and after numbness, tingling or shooting pain on an
 * area over the nerves to the arm, see a clinician, said too.
 */
void
run_halt_why(struct run *run, const char *why)
{
	struct area_side	 m;

	if (!run_halt_asks(run))
		return;
	eventlog_write(run->log, clock_mono_ns(run->clock), "halt-why",
	    session_step(run->session), "%s", why != NULL ? why : "none");
	run_halt_heard(run);
	if (why == NULL)
		return;
	if (history_halt_why(run->history, run->sid, why) != 0)
		run_queue(run, _("Your answer could not be saved: %s"),
		    history_error(run->history));
	else {
		run_queue(run, _("Noted: %s."), halt_why_words(why));
		run_halt_say(run, "spoken", run_halt_noted);
	}
	(void)plan_halt_mark(run->plan, session_step(run->session), &m);
	if (!halt_why_see_clinician(why, m.area))
		return;
	run_queue(run, "%s", _(halt_why_clinician));
	run_halt_say(run, NULL, halt_why_clinician);
}
