/*
 * Injectable clocks. The program reads CLOCK_MONOTONIC (intervals, step
 * deadlines, the event log) and the wall clock (history timestamps, rest
 * limits) only through these, so the scheduler, the session state machine
 * and the rest-limit checks are unit tested without sleeping. A pause that
 * decides with the clock (a retry's) sleeps through it too: a fake clock's
 * sleep moves the clock instead.
 */
#ifndef KNEAD_CLOCK_H
#define KNEAD_CLOCK_H

#include <stdint.h>

struct clock {
	uint64_t	(*mono_ns)(void *ctx);	/* CLOCK_MONOTONIC */
	int64_t		(*wall_s)(void *ctx);	/* s since the epoch, UTC */
	void		*ctx;
	int64_t		(*wall_ns)(void *ctx);	/* the same in ns (file times) */
	void		(*sleep_ns)(void *ctx, uint64_t ns); /* NULL: nanosleep */
};

/* The real clocks. */
extern const struct clock clock_system;

/*
 * A fake clock for tests: set the fields, pass &fake->clock. Its sleep
 * adds to mono_ns; each read of mono_ns then adds tick_ns (0: time stands
 * still but for what the test sets), the time work takes.
 */
struct fake_clock {
	struct clock	clock;
	uint64_t	mono_ns;
	int64_t		wall_s;
	uint64_t	tick_ns;
};
void	fake_clock_init(struct fake_clock *, uint64_t mono_ns, int64_t wall_s);

static inline uint64_t
clock_mono_ns(const struct clock *c)
{
	return c->mono_ns(c->ctx);
}

/* Sleep ns on this clock (the real one: nanosleep, EINTR resumed). */
void	clock_sleep_ns(const struct clock *, uint64_t ns);
/*
 * Sleep until the monotonic time t_ns (at once if it has passed): the
 * real clock with an absolute deadline, so a late wakeup or a signal does
 * not move it; a fake one by the time left.
 */
void	clock_sleep_until(const struct clock *, uint64_t t_ns);

static inline int64_t
clock_wall_s(const struct clock *c)
{
	return c->wall_s(c->ctx);
}

static inline int64_t
clock_wall_ns(const struct clock *c)
{
	return c->wall_ns(c->ctx);
}

#endif
