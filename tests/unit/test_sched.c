/* The scheduler: deadlines from plan offsets, exact shifts, no drift. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plan.h"
#include "sched.h"

#define MS	SCHED_NS_PER_MS
#define S	SCHED_NS_PER_S
#define T0	(1000 * S)	/* the fake CLOCK_MONOTONIC at the start */

/* A plan of n steps with the given durations (ms), contiguous offsets. */
static void
make_plan(struct plan *p, const uint64_t *dur, size_t n)
{
	size_t		i;
	uint64_t	at = 0;

	memset(p, 0, sizeof *p);
	p->v = calloc(n, sizeof *p->v);
	p->n = n;
	for (i = 0; i < n; i++) {
		p->v[i].kind = PLAN_PRESS;
		p->v[i].side = SIDE_NONE;
		p->v[i].tool = -1;
		p->v[i].start_ms = at;
		p->v[i].duration_ms = dur[i];
		p->v[i].rep = p->v[i].nreps = 1;
		p->v[i].pressure = -1;
		at += dur[i];
	}
	p->total_ms = at;
}

/* Step ends sit exactly on the plan's offsets. */
static void
test_deadlines(void **state)
{
	uint64_t	dur[] = { 10000, 45000, 5000 };
	uint64_t	done, total;
	struct plan	p;
	struct sched	s;

	(void)state;
	make_plan(&p, dur, 3);
	sched_init(&s, &p);
	sched_start(&s, T0);
	assert_int_equal(sched_end_ns(&s), T0 + 10 * S);
	assert_int_equal(sched_start_ns(&s, 2), T0 + 55 * S);
	assert_int_equal(sched_remaining_ns(&s, T0 + 3 * S), 7 * S);
	assert_int_equal(sched_elapsed_ns(&s, T0 + 3 * S), 3 * S);
	/* The shown countdown (ceil seconds) next changes on a whole second. */
	assert_int_equal(sched_next_change(&s, T0 + 3 * S + 250 * MS),
	    T0 + 4 * S);
	assert_int_equal(sched_next_change(&s, T0 + 4 * S), T0 + 5 * S);
	sched_goto(&s, 1, sched_end_ns(&s));
	assert_int_equal(sched_end_ns(&s), T0 + 55 * S);
	sched_clock(&s, T0 + 30 * S, &done, &total);
	assert_int_equal(done * 1000 / total, 500);
	free(p.v);
}

/*
 * The session clock the screen's header shows: time spent never goes back
 * (it once jumped back by each +10 s at the next step), the length follows
 * +10 s, a skip and a step gone back to, and pauses are not counted.
 */
static void
test_clock(void **state)
{
	uint64_t	dur[] = { 10000, 20000, 30000 };
	uint64_t	done, total;
	struct plan	p;
	struct sched	s;

	(void)state;
	make_plan(&p, dur, 3);
	sched_init(&s, &p);
	sched_clock(&s, T0, &done, &total);
	assert_int_equal(done, 0);
	assert_int_equal(total, 60 * S);
	sched_start(&s, T0);
	sched_clock(&s, T0 + 4 * S, &done, &total);
	assert_int_equal(done, 4 * S);
	assert_int_equal(total, 60 * S);
	/* +10 s in step 0: 70 s in all; at its new end 20 s are done. */
	assert_int_equal(sched_shift(&s, 10 * S, T0 + 4 * S), 10 * S);
	sched_clock(&s, T0 + 4 * S, &done, &total);
	assert_int_equal(total, 70 * S);
	sched_goto(&s, 1, sched_end_ns(&s));
	sched_clock(&s, T0 + 20 * S, &done, &total);
	assert_int_equal(done, 20 * S);
	assert_int_equal(total, 70 * S);
	/* A 5 s pause in step 1 counts for neither. */
	sched_pause(&s, T0 + 25 * S);
	sched_clock(&s, T0 + 28 * S, &done, &total);
	assert_int_equal(done, 25 * S);
	sched_resume(&s, T0 + 30 * S);
	sched_clock(&s, T0 + 30 * S, &done, &total);
	assert_int_equal(done, 25 * S);
	assert_int_equal(total, 70 * S);
	/* Back to step 0 at 35 s (10 s worked in step 1): step 0 again. */
	sched_goto(&s, 0, T0 + 35 * S);
	sched_clock(&s, T0 + 35 * S, &done, &total);
	assert_int_equal(done, 30 * S);
	assert_int_equal(total, 30 * S + 10 * S + 50 * S);
	/* 5 s later on to step 1 and skip it at once: its 20 s leave. */
	sched_goto(&s, 1, T0 + 40 * S);
	sched_goto(&s, 2, T0 + 40 * S);
	sched_clock(&s, T0 + 40 * S, &done, &total);
	assert_int_equal(done, 35 * S);
	assert_int_equal(total, 35 * S + 30 * S);
	free(p.v);
}

/* Pause and resume move every later deadline by the paused time exactly. */
static void
test_pause(void **state)
{
	uint64_t	dur[] = { 30000, 30000 };
	struct plan	p;
	struct sched	s;

	(void)state;
	make_plan(&p, dur, 2);
	sched_init(&s, &p);
	sched_start(&s, T0);
	sched_pause(&s, T0 + 12 * S);
	assert_int_equal(sched_next_change(&s, T0 + 13 * S), SCHED_NEVER);
	assert_int_equal(sched_remaining_ns(&s, T0 + 20 * S), 18 * S);
	sched_pause(&s, T0 + 14 * S);	/* twice is once */
	sched_resume(&s, T0 + 19 * S + 123);
	assert_int_equal(sched_end_ns(&s), T0 + 37 * S + 123);
	assert_int_equal(sched_start_ns(&s, 1), T0 + 37 * S + 123);
	assert_int_equal(sched_elapsed_ns(&s, T0 + 20 * S + 123), 13 * S);
	assert_int_equal(sched_length_ns(&s, T0 + 20 * S), 30 * S);
	free(p.v);
}

/* +/-10 s move the end; a shortened step never ends before now. */
static void
test_shift(void **state)
{
	uint64_t	dur[] = { 30000, 30000 };
	struct plan	p;
	struct sched	s;
	int64_t		d;

	(void)state;
	make_plan(&p, dur, 2);
	sched_init(&s, &p);
	sched_start(&s, T0);
	d = sched_shift(&s, 10 * (int64_t)S, T0 + 5 * S);
	assert_int_equal(d, 10 * S);
	assert_int_equal(sched_end_ns(&s), T0 + 40 * S);
	assert_int_equal(sched_start_ns(&s, 1), T0 + 40 * S);
	assert_int_equal(sched_length_ns(&s, T0 + 5 * S), 40 * S);
	d = sched_shift(&s, -10 * (int64_t)S, T0 + 35 * S);
	assert_int_equal(d, -5 * (int64_t)S);
	assert_int_equal(sched_end_ns(&s), T0 + 35 * S);
	/* Early end (until release, skip): the rest moves up. */
	sched_goto(&s, 1, T0 + 35 * S);
	sched_end_now(&s, T0 + 41 * S);
	assert_int_equal(sched_end_ns(&s), T0 + 41 * S);
	free(p.v);
}

/* The pacer and the pass marker follow elapsed time, pauses excluded. */
static void
test_pacer(void **state)
{
	uint64_t		dur[] = { 60000 };
	struct plan		p;
	struct sched		s;
	unsigned		pm;
	uint64_t		left;
	int			fwd;

	(void)state;
	make_plan(&p, dur, 1);
	p.v[0].inhale_ms = 4000;
	p.v[0].exhale_ms = 6000;
	p.v[0].pass_ms = 3000;
	sched_init(&s, &p);
	sched_start(&s, T0);
	assert_int_equal(sched_breath(&s, T0 + 1 * S, &pm, &left),
	    SCHED_BREATH_IN);
	assert_int_equal(pm, 250);
	assert_int_equal(left, 3000);
	assert_int_equal(sched_breath(&s, T0 + 7 * S, &pm, &left),
	    SCHED_BREATH_OUT);
	assert_int_equal(pm, 500);
	/* Phase boundary at 4 s comes before the countdown tick at 4 s. */
	assert_int_equal(sched_next_change(&s, T0 + 3500 * MS), T0 + 4 * S);
	assert_int_equal(sched_pass(&s, T0 + 4500 * MS, &pm, &fwd), 1);
	assert_int_equal(pm, 500);
	assert_int_equal(fwd, 0);
	sched_pause(&s, T0 + 5 * S);
	sched_resume(&s, T0 + 65 * S);
	assert_int_equal(sched_breath(&s, T0 + 66 * S, &pm, &left),
	    SCHED_BREATH_OUT);
	assert_int_equal(pm, 333);
	free(p.v);
}

/*
 * A 30-minute plan of 181 steps, paused 50 times at odd moments and woken
 * late by up to 40 ms at every boundary: each step still starts exactly at
 * T0 + its plan offset + the time paused before it.
 */
static void
test_no_drift(void **state)
{
	enum { N = 181 };
	uint64_t	dur[N], now, paused = 0, end, r = 12345;
	struct plan	p;
	struct sched	s;
	size_t		i;

	(void)state;
	for (i = 0; i < N; i++)
		dur[i] = 7000 + (i * 37 % 5) * 1013;
	make_plan(&p, dur, N);
	sched_init(&s, &p);
	sched_start(&s, T0);
	for (i = 0; i < N; i++) {
		assert_int_equal(s.cur_start_ns,
		    T0 + p.v[i].start_ms * MS + paused);
		if (i % 4 == 1) {
			r = r * 6364136223846793005ull + 1442695040888963407ull;
			now = s.cur_start_ns + 1 * S + (r >> 40) % (3 * S);
			sched_pause(&s, now);
			sched_resume(&s, now + 2 * S + (r >> 20) % 1000);
			paused += 2 * S + (r >> 20) % 1000;
		}
		end = sched_end_ns(&s);
		now = end + (i * 7919) % (40 * MS);	/* a late wakeup */
		assert_true(sched_next_change(&s, now) <= now);
		if (i + 1 < N)
			/* The deadline, not now. */
			sched_goto(&s, i + 1, end);
	}
	assert_int_equal(sched_end_ns(&s), T0 + p.total_ms * MS + paused);
	free(p.v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadlines),
		cmocka_unit_test(test_pause),
		cmocka_unit_test(test_shift),
		cmocka_unit_test(test_clock),
		cmocka_unit_test(test_pacer),
		cmocka_unit_test(test_no_drift),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
