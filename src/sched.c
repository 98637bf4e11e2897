#include "sched.h"

#include <string.h>

#include "plan.h"

/*
 * Times are unsigned 64-bit nanoseconds. base_ns may be "before zero" after
 * a jump to a late step early in the session; unsigned arithmetic wraps
 * modulo 2^64, so base_ns + offset is still exact. Only real times (never
 * base_ns itself) are compared.
 */

/* The time the schedule sees: frozen while paused. */
static uint64_t
sched_eff(const struct sched *s, uint64_t now_ns)
{
	return (s->paused ? s->paused_at_ns : now_ns);
}

/* The plan offset of step j's end, in ns. */
static uint64_t
plan_end_ns(const struct plan *p, size_t j)
{
	return ((p->v[j].start_ms + p->v[j].duration_ms) * SCHED_NS_PER_MS);
}

/* Set up a schedule over plan p (not started). */
void
sched_init(struct sched *s, const struct plan *p)
{
	memset(s, 0, sizeof *s);
	s->plan = p;
}

/* Start the session: step 0 begins at now. */
void
sched_start(struct sched *s, uint64_t now_ns)
{
	s->started = 1;
	s->paused = 0;
	s->cur_start_ns = now_ns;
	s->cur_paused_ns = 0;
	s->done_ns = 0;
	sched_goto(s, 0, now_ns);
}

/* Make step k current, beginning at at_ns; later steps follow the plan. */
void
sched_goto(struct sched *s, size_t k, uint64_t at_ns)
{
	if (s->started)
		s->done_ns += sched_elapsed_ns(s, at_ns);
	s->cur = k;
	s->base_ns = at_ns - s->plan->v[k].start_ms * SCHED_NS_PER_MS;
	s->cur_start_ns = at_ns;
	s->cur_paused_ns = 0;
	if (s->paused)
		s->paused_at_ns = at_ns;
}

/* The absolute deadline of the current step's end. */
uint64_t
sched_end_ns(const struct sched *s)
{
	return (s->base_ns + plan_end_ns(s->plan, s->cur));
}

/* Where step j (after the current one) will start if nothing changes. */
uint64_t
sched_start_ns(const struct sched *s, size_t j)
{
	return (s->base_ns + s->plan->v[j].start_ms * SCHED_NS_PER_MS);
}

/* Time left in the current step. */
uint64_t
sched_remaining_ns(const struct sched *s, uint64_t now_ns)
{
	uint64_t	eff = sched_eff(s, now_ns), end = sched_end_ns(s);

	return (end > eff ? end - eff : 0);
}

/* Time spent in the current step, pauses excluded. */
uint64_t
sched_elapsed_ns(const struct sched *s, uint64_t now_ns)
{
	uint64_t	eff = sched_eff(s, now_ns);
	uint64_t	from = s->cur_start_ns + s->cur_paused_ns;

	return (eff > from ? eff - from : 0);
}

/* The current step's length as it stands (after any +/-10 s). */
uint64_t
sched_length_ns(const struct sched *s, uint64_t now_ns)
{
	return (sched_elapsed_ns(s, now_ns) + sched_remaining_ns(s, now_ns));
}

/* Freeze the schedule at now. */
void
sched_pause(struct sched *s, uint64_t now_ns)
{
	if (s->paused)
		return;
	s->paused = 1;
	s->paused_at_ns = now_ns;
}

/* Unfreeze: every later deadline moves by exactly the paused time. */
void
sched_resume(struct sched *s, uint64_t now_ns)
{
	uint64_t	d;

	if (!s->paused)
		return;
	d = now_ns > s->paused_at_ns ? now_ns - s->paused_at_ns : 0;
	s->base_ns += d;
	s->cur_paused_ns += d;
	s->paused = 0;
}

/* Move the current end and all later deadlines; never before now. */
int64_t
sched_shift(struct sched *s, int64_t delta_ns, uint64_t now_ns)
{
	uint64_t	rem = sched_remaining_ns(s, now_ns);

	if (delta_ns < 0 && (uint64_t)-delta_ns > rem)
		delta_ns = -(int64_t)rem;
	s->base_ns += (uint64_t)delta_ns;
	return (delta_ns);
}

/* End the current step at now (skip, until-release). */
void
sched_end_now(struct sched *s, uint64_t now_ns)
{
	s->base_ns -= sched_remaining_ns(s, now_ns);
}

/* The first multiple of period_ns after t, counted from origin. */
static uint64_t
next_multiple(uint64_t origin, uint64_t t, uint64_t period_ns)
{
	uint64_t	d;

	if (t < origin)
		return (origin);
	d = t - origin;
	return (origin + (d / period_ns + 1) * period_ns);
}

/* When the screen next needs redrawing (see sched.h). */
uint64_t
sched_next_change(const struct sched *s, uint64_t now_ns)
{
	const struct pstep	*ps;
	uint64_t		 end, next, from, t, rem;
	uint64_t		 in, cycle, el;

	if (!s->started || s->paused)
		return (SCHED_NEVER);
	ps = &s->plan->v[s->cur];
	end = sched_end_ns(s);
	if (now_ns >= end)
		return (now_ns);
	next = end;
	from = s->cur_start_ns + s->cur_paused_ns;
	if (ps->until_release) {
		/* A count-up: the next whole second since the start. */
		t = next_multiple(from, now_ns, SCHED_NS_PER_S);
	} else {
		/* A countdown: the displayed ceil(remaining) drops. */
		rem = end - now_ns;
		t = now_ns + (rem - 1) % SCHED_NS_PER_S + 1;
	}
	if (t < next)
		next = t;
	el = sched_elapsed_ns(s, now_ns);
	in = (uint64_t)ps->inhale_ms * SCHED_NS_PER_MS;
	cycle = in + (uint64_t)ps->exhale_ms * SCHED_NS_PER_MS;
	if (cycle > 0) {
		t = el % cycle;
		t = now_ns + (t < in ? in - t : cycle - t);
		if (t < next)
			next = t;
	}
	if (ps->pass_ms > 0) {
		t = next_multiple(from, now_ns,
		    (uint64_t)ps->pass_ms * SCHED_NS_PER_MS);
		if (t < next)
			next = t;
	}
	return (next);
}

/* The breathing pacer at now. */
enum sched_breath
sched_breath(const struct sched *s, uint64_t now_ns, unsigned *permille,
    uint64_t *left_ms)
{
	const struct pstep	*ps = &s->plan->v[s->cur];
	uint64_t		 in, cycle, t;

	in = (uint64_t)ps->inhale_ms * SCHED_NS_PER_MS;
	cycle = in + (uint64_t)ps->exhale_ms * SCHED_NS_PER_MS;
	if (cycle == 0 || in == 0)
		return (SCHED_BREATH_NONE);
	t = sched_elapsed_ns(s, now_ns) % cycle;
	if (t < in) {
		*permille = (unsigned)(t * 1000 / in);
		*left_ms = (in - t) / SCHED_NS_PER_MS;
		return (SCHED_BREATH_IN);
	}
	*permille = (unsigned)((t - in) * 1000 / (cycle - in));
	*left_ms = (cycle - t) / SCHED_NS_PER_MS;
	return (SCHED_BREATH_OUT);
}

/* Where a slow roll's pass is at now; returns 0 when the step has none. */
int
sched_pass(const struct sched *s, uint64_t now_ns, unsigned *permille,
    int *forward)
{
	const struct pstep	*ps = &s->plan->v[s->cur];
	uint64_t		 pass, el;

	if (ps->pass_ms == 0)
		return (0);
	pass = (uint64_t)ps->pass_ms * SCHED_NS_PER_MS;
	el = sched_elapsed_ns(s, now_ns);
	*permille = (unsigned)(el % pass * 1000 / pass);
	*forward = (el / pass) % 2 == 0;
	return (1);
}

/* Time spent so far and the session's length as it now stands. */
void
sched_clock(const struct sched *s, uint64_t now_ns, uint64_t *done_ns,
    uint64_t *total_ns)
{
	const struct plan	*p = s->plan;
	uint64_t		 after;

	if (!s->started || p->n == 0) {
		*done_ns = 0;
		*total_ns = p->total_ms * SCHED_NS_PER_MS;
		return;
	}
	*done_ns = s->done_ns + sched_elapsed_ns(s, now_ns);
	after = p->total_ms * SCHED_NS_PER_MS - plan_end_ns(p, s->cur);
	*total_ns = *done_ns + sched_remaining_ns(s, now_ns) + after;
}

