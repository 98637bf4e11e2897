/*
 * Unit tests for the front ends' sleep (src/waiter.c) with the real
 * kernel: the deadline is kept (the timer fd, not ppoll's slack), input
 * wakes it, a termination signal sent while not sleeping is held and
 * wakes the next sleep at once, and waiter_stop gives the mask back.
 */
#undef NDEBUG
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "waiter.h"

static uint64_t
mono_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void
test_deadline(void **state)
{
	struct waiter	w;
	uint64_t	t0, t1;
	int		hup, p[2];

	(void)state;
	assert_int_equal(waiter_start(&w, 0), 0);
	assert_int_equal(pipe(p), 0);
	t0 = mono_ns();
	assert_int_equal(waiter_wait(&w, p[0], t0 + 200000000ULL, &hup),
	    WAITER_DEADLINE);
	t1 = mono_ns();
	/*
	 * Never early. Not much later: the bound catches a unit error or a
	 * missed deadline (a wait to the next input), not scheduling; how
	 * late a wake-up is on time is the timed suites' and make bench's
	 * business, and a loaded CI machine can add tens of ms here.
	 */
	assert_true(t1 >= t0 + 200000000ULL);
	assert_true(t1 < t0 + 1200000000ULL);
	/* A deadline in the past returns at once. */
	assert_int_equal(waiter_wait(&w, p[0], 1, &hup), WAITER_DEADLINE);
	/* Input wakes it. */
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(waiter_wait(&w, p[0], WAITER_FOREVER, &hup),
	    WAITER_INPUT);
	assert_int_equal(hup, 0);
	/* The other end gone: input at its end, said as a hang-up. */
	close(p[1]);
	{
		char	c;

		assert_int_equal(read(p[0], &c, 1), 1);
	}
	assert_int_equal(waiter_wait(&w, p[0], WAITER_FOREVER, &hup),
	    WAITER_INPUT);
	assert_int_equal(hup, 1);
	close(p[0]);
	waiter_stop(&w);
}

static void
test_signal_held_until_the_sleep(void **state)
{
	struct waiter	w;
	sigset_t	now;
	uint64_t	t0;
	int		hup;

	(void)state;
	waiter_clear();
	assert_int_equal(waiter_start(&w, 0), 0);
	/* Outside the sleep SIGTERM is blocked: it waits, we live. */
	raise(SIGTERM);
	t0 = mono_ns();
	assert_int_equal(waiter_wait(&w, -1, t0 + 5000000000ULL, &hup),
	    WAITER_SIGNAL);
	assert_true(mono_ns() - t0 < 1000000000ULL);
	assert_int_equal(waiter_signal(), SIGTERM);
	waiter_stop(&w);
	sigprocmask(SIG_SETMASK, NULL, &now);
	assert_false(sigismember(&now, SIGTERM));
	waiter_clear();
	assert_int_equal(waiter_signal(), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline),
		cmocka_unit_test(test_signal_held_until_the_sleep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
