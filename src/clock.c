#include "clock.h"

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
    system_wall_ns };

/* The fake monotonic clock: whatever the test set. */
static uint64_t
fake_mono_ns(void *ctx)
{
	return ((struct fake_clock *)ctx)->mono_ns;
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
	fc->clock.ctx = fc;
	fc->mono_ns = mono_ns;
	fc->wall_s = wall_s;
}
