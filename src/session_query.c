/*
 * session_query: what the front ends and the run ask of a session (its
 * step, clock and counts, the words of its outcomes and events), read
 * only; the state machine itself is session.c.
 */
#include "session.h"
#include "session_int.h"

#include <stddef.h>

#include "i18n.h"
#include "plan.h"

/* The outcome as written to history and the event log. */
const char *
session_outcome_name(enum session_outcome o)
{
	switch (o) {
	case OUTCOME_COMPLETED:
		return ("completed");
	case OUTCOME_STOPPED:
		return ("stopped");
	case OUTCOME_HALTED:
		return ("halted");
	case OUTCOME_SCREENED:
		return ("screened-out");
	case OUTCOME_INTERRUPTED:
		return ("interrupted");
	default:
		return ("none");
	}
}

/* The outcome as the screen says it, in the user's language. */
const char *
session_outcome_label(enum session_outcome o)
{
	switch (o) {
	case OUTCOME_COMPLETED:
		return (_("completed"));
	case OUTCOME_STOPPED:
		return (_("stopped"));
	case OUTCOME_HALTED:
		return (_("halted"));
	case OUTCOME_SCREENED:
		return (_("screened out"));
	case OUTCOME_INTERRUPTED:
		return (_("interrupted"));
	default:
		return (_("not started"));
	}
}

/* The event's name in the event log. */
const char *
session_event_name(enum session_ev e)
{
	static const char *const names[] = {
		"session-start", "step-start", "step-end", "cue", "pause",
		"resume", "shift", "skip", "back", "release", "pain-ask",
		"pain", "area-stop", "quit-ask", "quit-cancel", "screen-ask",
		"screen-clear", "session-end", "say"
	};

	if ((size_t)e < sizeof names / sizeof names[0])
		return (names[e]);
	return ("?");
}

/* The current plan step. */
size_t
session_step(const struct session *s)
{
	return (s->sched.cur);
}

/* The timing, read-only, for drawing. */
const struct sched *
session_sched(const struct session *s)
{
	return (&s->sched);
}

/* The screening question being asked. */
size_t
session_screen_index(const struct session *s)
{
	return (s->screen_i);
}

/* The answers so far, NULL-terminated. */
const char *const *
session_screen_answers(const struct session *s)
{
	return (s->answers);
}

/* The session's clock without the dropped steps ahead (see session.h). */
void
session_clock(const struct session *s, uint64_t now_ns, uint64_t *done_ns,
    uint64_t *total_ns)
{
	size_t	i;

	sched_clock(&s->sched, now_ns, done_ns, total_ns);
	if (s->state == SESSION_SCREEN || s->state == SESSION_READY)
		return;
	for (i = s->sched.cur + 1; i < s->plan->n; i++)
		if (s->dropped[i])
			*total_ns -= s->plan->v[i].duration_ms *
			    SCHED_NS_PER_MS;
}

unsigned
session_progress(const struct session *s, uint64_t now_ns)
{
	uint64_t	done, total;

	if (s->state == SESSION_SCREEN || s->state == SESSION_READY)
		return (0);
	session_clock(s, now_ns, &done, &total);
	if (total == 0 || done >= total)
		return (1000);
	return ((unsigned)(done * 1000 / total));
}

/* Step i's number among the steps that run, and how many run. */
void
session_step_count(const struct session *s, size_t i, size_t *num,
    size_t *total)
{
	size_t	k;

	*num = i + 1;
	*total = s->plan->n;
	for (k = 0; k < s->plan->n; k++) {
		if (!(s->dropped[k] & DROP_SKIP))
			continue;
		(*total)--;
		if (k < i)
			(*num)--;
	}
}

/* Whether step i was dropped for pain. */
int
session_dropped(const struct session *s, size_t i)
{
	return (i < s->plan->n ? (s->dropped[i] & DROP_SKIP) != 0 : 0);
}

/* Time done on step i over all its runs. */
uint64_t
session_done_ms(const struct session *s, size_t i)
{
	return (i < s->plan->n ? s->done_ms[i] : 0);
}

/* The pain rating of step i, -1 when none. */
int
session_pain(const struct session *s, size_t i)
{
	return (i < s->plan->n ? s->pain[i] : -1);
}
