/*
 * Unit tests for when the audio engine's stream starts and stops and when
 * its control thread wakes (src/audio_when.c), on a fake clock: a halfway
 * chime in a hold is played through the decisions as the control thread
 * makes them, and the stream's running time and the thread's wakeups are
 * counted.
 */
#undef NDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "audio_when.h"
#include "clock.h"

#define MS	1000000ULL
#define S	1000000000ULL

static void
test_lead(void **state)
{
	(void)state;
	/* A fast start: the floor. */
	assert_int_equal(audio_when_lead(0, 0, 0), AUDIO_WHEN_LEAD_MIN_NS);
	/* ALSA through a plug: 2 ms start, 21 ms latency, 20 ms hand-over. */
	assert_int_equal(audio_when_lead(2 * MS, 21 * MS, 20 * MS),
	    (4 + 21 + 20) * MS + AUDIO_WHEN_SLACK_NS);
	/* A card that takes 80 ms to start: as early as before, no more. */
	assert_int_equal(audio_when_lead(80 * MS, 40 * MS, 20 * MS),
	    AUDIO_WHEN_LEAD_MAX_NS);
}

static void
test_hand(void **state)
{
	(void)state;
	/* 256 frames at 48 kHz: about the 20 ms the engine used to assume. */
	assert_int_equal(audio_when_hand(5333333), 10666666 +
	    AUDIO_WHEN_WAKE_NS);
	/* 2048 frames: two periods of 42.7 ms and the wake-up. */
	assert_int_equal(audio_when_hand(42666666), 85333332 +
	    AUDIO_WHEN_WAKE_NS);
	/* The lead grows with it, within its ceiling. */
	assert_true(audio_when_lead(2 * MS, 43 * MS, audio_when_hand(
	    42666666)) > audio_when_lead(2 * MS, 5 * MS, audio_when_hand(
	    5333333)));
	assert_true(audio_when_lead(2 * MS, 43 * MS, audio_when_hand(
	    42666666)) <= AUDIO_WHEN_LEAD_MAX_NS);
	/*
	 * A stream being started hands over at once, to a first callback a
	 * period away: one period and the wake-up, so it starts a period
	 * later than a running stream's margin would have it (the chime's
	 * stream up 0.73 s instead of 0.85 s on the test card).
	 */
	assert_int_equal(audio_when_start_hand(42666666), 42666666 +
	    AUDIO_WHEN_WAKE_NS);
	assert_int_equal(audio_when_lead(100000, 42666666,
	    audio_when_start_hand(42666666)), 2 * 100000 + 42666666 +
	    42666666 + AUDIO_WHEN_WAKE_NS + AUDIO_WHEN_SLACK_NS);
}

static void
test_start(void **state)
{
	struct audio_when	w = { 0 };

	(void)state;
	w.now = 10 * S;
	w.lead_ns = 100 * MS;
	assert_false(audio_when_start(&w));	/* nothing pending */
	w.pending = 1;
	w.next_ns = 10 * S + 101 * MS;
	assert_false(audio_when_start(&w));
	assert_int_equal(audio_when_wake(&w), 10 * S + 1 * MS);
	w.next_ns = 10 * S + 100 * MS;
	assert_true(audio_when_start(&w));
	/* A sound already late starts the stream too. */
	w.next_ns = 9 * S;
	assert_true(audio_when_start(&w));
	w.running = 1;
	assert_false(audio_when_start(&w));
	/* Nothing pending and stopped: wake only when signalled. */
	w.running = 0;
	w.pending = 0;
	assert_int_equal(audio_when_wake(&w), 0);
}

static void
test_stop(void **state)
{
	struct audio_when	w = { 0 };

	(void)state;
	w.running = 1;
	w.keep_ns = 1500 * MS;
	w.end_ns = 20 * S;
	/* Not before the tail after the last sound ends. */
	w.now = 20 * S + AUDIO_WHEN_TAIL_NS - 1;
	assert_false(audio_when_stop(&w));
	assert_int_equal(audio_when_wake(&w), 20 * S + AUDIO_WHEN_TAIL_NS);
	w.now = 20 * S + AUDIO_WHEN_TAIL_NS;
	assert_true(audio_when_stop(&w));
	/* Still mixing (a late callback): not yet, and look again soon. */
	w.busy = 1;
	assert_false(audio_when_stop(&w));
	assert_int_equal(audio_when_wake(&w), w.now + AUDIO_WHEN_RETRY_NS);
	w.busy = 0;
	/* Kept warm (the session's start). */
	w.warm_until_ns = 21 * S;
	assert_false(audio_when_stop(&w));
	assert_int_equal(audio_when_wake(&w), 21 * S);
	w.warm_until_ns = 0;
	/* A sound due within keep_ns: it stays up, and wakes to feed it. */
	w.pending = 1;
	w.feed_ns = 250 * MS;
	w.next_ns = w.now + 1 * S;
	assert_false(audio_when_stop(&w));
	assert_int_equal(audio_when_wake(&w), w.next_ns - 250 * MS);
	/* One due later: it stops. */
	w.next_ns = w.now + 2 * S;
	assert_true(audio_when_stop(&w));
	/* A stopped stream does not stop again. */
	w.running = 0;
	assert_false(audio_when_stop(&w));
}

static void
test_watch(void **state)
{
	struct audio_when	w = { 0 };

	(void)state;
	/* A long line playing: looked at every AUDIO_WHEN_WATCH_NS. */
	w.running = 1;
	w.now = 5 * S;
	w.end_ns = 30 * S;
	w.keep_ns = 1500 * MS;
	assert_int_equal(audio_when_wake(&w), 5 * S + AUDIO_WHEN_WATCH_NS);
	/* The callback last ran at 2.5 s: wake when it counts as stalled. */
	w.stall_ns = 2500 * MS + 3 * S;
	assert_int_equal(audio_when_wake(&w), 5500 * MS);
	/* A stall time already past does not make it spin. */
	w.stall_ns = 4 * S;
	assert_int_equal(audio_when_wake(&w), 5 * S + AUDIO_WHEN_WATCH_NS);
}

/*
 * A 0.58 s chime at 45 s into a hold, nothing else due for 40 s: the
 * control thread's loop run on a fake clock (the callback takes the sound
 * at once, the stream's latency is 21 ms, a start takes 2 ms).
 */
static void
test_chime(void **state)
{
	struct fake_clock	fc;
	struct audio_when	w = { 0 };
	uint64_t		t, on = 0, up = 0, chime = 45 * S;
	int			wakes = 0, fed = 0;

	(void)state;
	fake_clock_init(&fc, 20 * S, 0);
	w.feed_ns = 250 * MS;
	w.keep_ns = 1500 * MS;
	w.lead_ns = audio_when_lead(2 * MS, 21 * MS, 20 * MS);
	w.pending = 1;
	w.next_ns = chime;
	while (clock_mono_ns(&fc.clock) < 80 * S) {
		w.now = clock_mono_ns(&fc.clock);
		if (audio_when_start(&w)) {
			w.running = 1;
			on = w.now;
			/* Started in time to hand the chime over on time. */
			assert_true(w.now + 2 * MS + 21 * MS + 20 * MS <= chime);
		}
		if (w.running && w.pending && w.next_ns <= w.now + w.feed_ns) {
			w.pending = 0;
			w.end_ns = chime + 580 * MS;
			fed = 1;
		}
		if (audio_when_stop(&w)) {
			w.running = 0;
			up += w.now - on;
		}
		if ((t = audio_when_wake(&w)) == 0)
			break;
		assert_true(t > w.now);
		fc.mono_ns = t;
		wakes++;
	}
	assert_true(fed);
	assert_false(w.running);
	/* Up for the chime, the start lead and the tail: under 0.8 s ... */
	assert_true(up <= 580 * MS + w.lead_ns + AUDIO_WHEN_TAIL_NS);
	assert_true(up < 800 * MS);
	/* ... with a handful of wakeups (the 40 ms polls made 28). */
	assert_true(wakes <= 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lead),
		cmocka_unit_test(test_hand),
		cmocka_unit_test(test_start),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_watch),
		cmocka_unit_test(test_chime),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
