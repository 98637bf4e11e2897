/*
 * Unit tests for the clocks' sleeps (src/clock.c): a fake clock's sleep
 * until a time moves it there (and not back), the real one keeps an
 * absolute deadline through a signal that interrupts it.
 */
#undef NDEBUG
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/time.h>

#include <cmocka.h>

#include "clock.h"

static void
test_fake_sleep_until(void **state)
{
	struct fake_clock	fc;

	(void)state;
	fake_clock_init(&fc, 1000, 0);
	clock_sleep_until(&fc.clock, 5000);
	assert_int_equal(clock_mono_ns(&fc.clock), 5000);
	/* A time already past: no sleep, the clock does not go back. */
	clock_sleep_until(&fc.clock, 4000);
	assert_int_equal(clock_mono_ns(&fc.clock), 5000);
	clock_sleep_until(&fc.clock, 5000);
	assert_int_equal(clock_mono_ns(&fc.clock), 5000);
}

static volatile sig_atomic_t alarms;

static void
on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void
test_real_sleep_until_through_a_signal(void **state)
{
	struct sigaction	sa, old;
	struct itimerval	it;
	uint64_t		t0, t;

	(void)state;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;	/* no SA_RESTART: the sleep sees EINTR */
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGALRM, &sa, &old), 0);
	memset(&it, 0, sizeof it);
	it.it_value.tv_usec = 10000;
	assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
	t0 = clock_mono_ns(&clock_system);
	t = t0 + 60000000ULL;
	clock_sleep_until(&clock_system, t);
	assert_true(clock_mono_ns(&clock_system) >= t);
	assert_int_equal(alarms, 1);
	/* A deadline already past returns at once. */
	t0 = clock_mono_ns(&clock_system);
	clock_sleep_until(&clock_system, t0 - 1000000000ULL);
	assert_true(clock_mono_ns(&clock_system) - t0 < 1000000000ULL);
	sigaction(SIGALRM, &old, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fake_sleep_until),
		cmocka_unit_test(test_real_sleep_until_through_a_signal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
