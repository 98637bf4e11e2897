/*
 * How a run saves itself in the history store (run_int.h): each step and
 * pain rating as it comes, kept in memory in order while the store fails
 * and saved when it takes them again, and the session's end, retried; the
 * user is told when the store starts failing, when it recovers, when the
 * disk's reserve was spent and what was lost.
 */
#include "run_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "history.h"
#include "i18n.h"
#include "plan.h"
#include "run.h"
#include "session.h"
#include "xmalloc.h"

/* How a session's end is stored. */
static enum hist_outcome
run_hist_outcome(enum session_outcome o)
{
	switch (o) {
	case OUTCOME_COMPLETED:
		return (HIST_COMPLETED);
	case OUTCOME_HALTED:
		return (HIST_HALTED);
	case OUTCOME_SCREENED:
		return (HIST_SCREENED_OUT);
	case OUTCOME_STOPPED:
		return (HIST_STOPPED);
	case OUTCOME_INTERRUPTED:
		return (HIST_INTERRUPTED);
	case OUTCOME_NONE:
		break;
	}
	return (HIST_OUTCOME_UNKNOWN);	/* not an end: history_end fails */
}

/*
 * The disk filled and the reserve kept the record (history_reserve.c):
 * said at once, on the screen and in --plain, and again after the session.
 */
static void
run_reserve_note(struct run *run)
{
	if (run->reserve_told || !history_reserve_spent(run->history))
		return;
	run->reserve_told = 1;
	run_status(run, "%s", _("the disk is full: the space knead keeps in "
	    "reserve was used to save this session; free some space"));
	run_queue(run, _("knead: history: the disk of %s is full; the space "
	    "kept in reserve (%s-reserve) was used to save this session. "
	    "Free some space before the next session."),
	    history_path(run->history), history_path(run->history));
}

/*
 * Save what the store has not taken yet, in order; stop at the first
 * failure. Says at once when the store starts failing, and when it takes
 * everything again. 0 when nothing is left unsaved.
 */
static int
run_flush_unsaved(struct run *run)
{
	struct run_unsaved	*u;
	struct pstep		 ps;
	size_t			 k;
	int			 rc = 0;

	for (k = 0; k < run->nunsaved; k++) {
		u = &run->unsaved[k];
		/* The step as planned, on the area its row is recorded on. */
		ps = run->plan->v[u->step];
		ps.area = u->mark.area;
		ps.side = u->mark.side;
		if (u->pain_only)
			rc = history_step_pain(run->history, run->sid, u->step,
			    u->pain);
		else
			rc = history_step_ended(run->history, run->sid,
			    u->step, &ps, u->done_ms, u->pain, u->finished);
		if (rc != 0)
			break;
	}
	if (k > 0) {	/* unsaved is NULL until a step failed */
		memmove(run->unsaved, run->unsaved + k,
		    (run->nunsaved - k) * sizeof *run->unsaved);
		run->nunsaved -= k;
	}
	if (run->nunsaved > 0 && !run->store_failing) {
		run->store_failing = 1;
		snprintf(run->store_why, sizeof run->store_why, "%s",
		    history_error(run->history));
		/* Why, in the store's words: a full disk, a lock, ... */
		run_status(run, _("history cannot be written (%s): this "
		    "session is kept in memory and saved when it can be"),
		    history_error(run->history));
	} else if (run->nunsaved == 0 && run->store_failing) {
		run->store_failing = 0;
		/*
		 * Whole in itself: a failure and its retry in one batch of
		 * events (the last step's save, then the end) leave only this
		 * on the screen, and "again" alone told of nothing.
		 */
		run_status(run, _("history could not be written for a moment "
		    "(%s); it is written now: nothing was lost"),
		    run->store_why);
	}
	run_reserve_note(run);
	return run->nunsaved > 0 ? -1 : 0;
}

/*
 * The last chance for what the store did not take, and the session's end:
 * tried RUN_END_TRIES times, RUN_END_PAUSE_MS apart (a store that failed
 * once, at the end, recorded a completed session as interrupted), but not
 * again once a try took longer than a pause: a store whose locks fail
 * makes SQLite retry for seconds, and the user waits. What could not be
 * saved is said, with what the record will show. Timed and paused on the
 * run's clock (fake in the unit tests).
 */
void
run_store_end(struct run *run, enum session_outcome o)
{
	const uint64_t	pause = (uint64_t)RUN_END_PAUSE_MS * 1000000u;
	uint64_t	t0 = 0;
	int		tries;

	for (tries = 0; tries < RUN_END_TRIES; tries++) {
		if (tries > 0) {
			if (clock_mono_ns(run->clock) - t0 > pause)
				break;
			clock_sleep_ns(run->clock, pause);
		}
		t0 = clock_mono_ns(run->clock);
		if (run_flush_unsaved(run) == 0 && history_end(run->history,
		    run->sid, run_hist_outcome(o)) == 0) {
			run_reserve_note(run);
			return;
		}
	}
	run->store_lost = 1;
	if (run->nunsaved == 0)
		run_queue(run, _("knead: history: the end of this session "
		    "could not be saved (%s); its steps were saved, so it "
		    "will be listed as interrupted"),
		    history_error(run->history));
	else
		run_queue(run, ngettext("knead: history: this session could "
		    "not be saved (%s; %zu step unsaved); its areas are not "
		    "marked as resting: wait before working them again",
		    "knead: history: this session could not be saved (%s; "
		    "%zu steps unsaved); its areas are not marked as resting: "
		    "wait before working them again", (unsigned long)
		    run->nunsaved), history_error(run->history),
		    run->nunsaved);
}

/* Keep one step or rating to save (see struct run_unsaved). */
static void
run_unsaved_add(struct run *run, size_t i, uint64_t done_ms, int pain,
    int finished, int pain_only)
{
	struct run_unsaved	*u;

	if (run->nunsaved == run->capunsaved) {
		run->capunsaved = run->capunsaved * 2 + 8;
		run->unsaved = xreallocarray(run->unsaved, run->capunsaved,
		    sizeof *run->unsaved);
	}
	u = &run->unsaved[run->nunsaved++];
	u->step = i;
	u->mark.area = run->plan->v[i].area;
	u->mark.side = run->plan->v[i].side;
	u->mark.whole = 0;
	u->done_ms = done_ms;
	u->pain = pain;
	u->finished = finished;
	u->pain_only = pain_only;
}

/*
 * Record one step in the history store (see run_int.h). The step ! stopped
 * is its row even at 0 ms (! at once, as a position step began) and is
 * recorded on the area ! marks: the store holds the area of a halted
 * session's last step on one (history_limits.c), and a position step has
 * none, so a halt before any work held nothing.
 */
void
run_store_step(struct run *run, size_t i, uint64_t done_ms, int pain,
    int finished, int halted)
{
	struct area_side	m;

	if (!run->begun || (done_ms == 0 && !halted))
		return;
	run_unsaved_add(run, i, done_ms, pain, finished, 0);
	if (halted && plan_halt_mark(run->plan, i, &m))
		run->unsaved[run->nunsaved - 1].mark = m;
	run_flush_unsaved(run);
}

/* Record the pain rating of step i: on its unsaved step, or saved. */
void
run_store_pain(struct run *run, size_t i, int pain)
{
	size_t	k;

	if (!run->begun)
		return;
	for (k = 0; k < run->nunsaved; k++)
		if (!run->unsaved[k].pain_only && run->unsaved[k].step == i) {
			run->unsaved[k].pain = pain;
			return;
		}
	run_unsaved_add(run, i, 0, pain, 0, 1);
	run_flush_unsaved(run);
}
