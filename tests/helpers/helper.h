/*
 * What the timing helpers (fifopace.c, stallwatch.c) share: the time on
 * CLOCK_MONOTONIC, the clock of knead's event log, and a stop flag that
 * their signal handler sets. Each helper is one program: included once.
 */
#ifndef KNEAD_TEST_HELPER_H
#define KNEAD_TEST_HELPER_H

#include <signal.h>
#include <stdint.h>
#include <time.h>

static volatile sig_atomic_t helper_stop;

/* Ask the main loop to finish. */
static void
helper_sig(int sig)
{
	(void)sig;
	helper_stop = 1;
}

/* CLOCK_MONOTONIC in ns. */
static uint64_t
helper_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

#endif
