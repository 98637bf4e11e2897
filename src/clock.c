#include "clock.h"

#include <errno.h>
#include <time.h>

/* The only place knead reads the system clocks (see clock.h). */
static uint64_t
system_mono_ns(void *ctx)
{
	struct timespec	ts;

	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
}

/* The wall clock, in whole seconds since the epoch. */
static int64_t
system_wall_s(void *ctx)
{
	struct timespec	ts;

	(void)ctx;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

/* The wall clock in ns since the epoch: to compare with file times. */
static int64_t
system_wall_ns(void *ctx)
{
	struct timespec	ts;

	(void)ctx;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + (int64_t)ts.tv_nsec;
}

const struct clock clock_system = { system_mono_ns, system_wall_s, NULL,
    system_wall_ns, NULL };

void
clock_sleep_ns(const struct clock *c, uint64_t ns)
{
	struct timespec	ts;

	if (c->sleep_ns != NULL) {
		c->sleep_ns(c->ctx, ns);
		return;
	}
	ts.tv_sec = (time_t)(ns / 1000000000u);
	ts.tv_nsec = (long)(ns % 1000000000u);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

void
clock_sleep_until(const struct clock *c, uint64_t t_ns)
{
	struct timespec	ts;
	uint64_t	now;

	if (c->sleep_ns != NULL || c->mono_ns != system_mono_ns) {
		if ((now = clock_mono_ns(c)) < t_ns)
			clock_sleep_ns(c, t_ns - now);
		return;
	}
	ts.tv_sec = (time_t)(t_ns / 1000000000u);
	ts.tv_nsec = (long)(t_ns % 1000000000u);
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	    EINTR)
		;
}

/* The fake monotonic clock: whatever the test set, then tick_ns later. */
static uint64_t
fake_mono_ns(void *ctx)
{
	struct fake_clock	*fc = ctx;
	uint64_t		 t = fc->mono_ns;

	fc->mono_ns += fc->tick_ns;
	return (t);
}

/* A fake sleep: the fake clock moves on. */
static void
fake_sleep_ns(void *ctx, uint64_t ns)
{
	((struct fake_clock *)ctx)->mono_ns += ns;
}

/* The fake wall clock: whatever the test set. */
static int64_t
fake_wall_s(void *ctx)
{
	return ((struct fake_clock *)ctx)->wall_s;
}

/* The fake wall clock in ns: its whole seconds. */
static int64_t
fake_wall_ns(void *ctx)
{
	return ((struct fake_clock *)ctx)->wall_s * 1000000000;
}

/* Set up a fake clock at the given times. */
void
fake_clock_init(struct fake_clock *fc, uint64_t mono_ns, int64_t wall_s)
{
	fc->clock.mono_ns = fake_mono_ns;
	fc->clock.wall_s = fake_wall_s;
	fc->clock.wall_ns = fake_wall_ns;
	fc->clock.sleep_ns = fake_sleep_ns;
	fc->clock.ctx = fc;
	fc->mono_ns = mono_ns;
	fc->wall_s = wall_s;
	fc->tick_ns = 0;
}
