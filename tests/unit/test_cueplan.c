/* Unit tests for the cue plan (src/cueplan.c): which cues and lines, when. */
#undef NDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "areas.h"
#include "audio.h"
#include "cueplan.h"
#include "plan.h"

#define MAXEV	256

/* A plan of n steps, each a press of 60 s on no area, one after another. */
static void
mkplan(struct plan *p, struct pstep *v, size_t n)
{
	size_t	i;

	memset(p, 0, sizeof *p);
	memset(v, 0, n * sizeof *v);
	for (i = 0; i < n; i++) {
		v[i].kind = PLAN_PRESS;
		v[i].duration_ms = 60000;
		v[i].start_ms = i * 60000;
		v[i].rep = v[i].nreps = 1;
		v[i].tool = -1;
		v[i].pressure = -1;
	}
	p->v = v;
	p->n = n;
	p->total_ms = n * 60000;
}

/* How many events of cue c there are. */
static size_t
count(const struct cue_event *ev, size_t n, enum cue c)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++)
		k += ev[i].cue == c;
	return k;
}

/* Events come out in time order. */
static void
assert_sorted(const struct cue_event *ev, size_t n)
{
	size_t	i;

	for (i = 1; i < n; i++)
		assert_true(ev[i - 1].at_ms <= ev[i].at_ms);
}

static void
test_press_start_halfway_countdown(void **state)
{
	struct pstep		v[3];
	struct plan		p;
	struct cue_event	ev[MAXEV];
	size_t			n;

	(void)state;
	mkplan(&p, v, 3);
	n = cueplan_step(&p, 1, 3, 1, ev, MAXEV);
	assert_int_equal(n, 5);
	assert_sorted(ev, n);
	assert_int_equal(ev[0].cue, CUE_PRESS);
	assert_int_equal(ev[0].at_ms, 0);
	assert_int_equal(ev[1].cue, CUE_HALFWAY);
	assert_int_equal(ev[1].at_ms, 30000);
	assert_int_equal(ev[2].cue, CUE_TICK);
	assert_int_equal(ev[2].at_ms, 57000);
	assert_int_equal(ev[3].at_ms, 58000);
	assert_int_equal(ev[4].at_ms, 59000);
}

static void
test_settings_off(void **state)
{
	struct pstep		v[3];
	struct plan		p;
	struct cue_event	ev[MAXEV];
	size_t			n;

	(void)state;
	mkplan(&p, v, 3);
	n = cueplan_step(&p, 1, 0, 0, ev, MAXEV);
	assert_int_equal(n, 1);
	assert_int_equal(ev[0].cue, CUE_PRESS);
	n = cueplan_step(&p, 1, 5, 0, ev, MAXEV);
	assert_int_equal(count(ev, n, CUE_TICK), 5);
	assert_int_equal(count(ev, n, CUE_HALFWAY), 0);
	assert_int_equal(ev[1].at_ms, 55000);
}

static void
test_session_start_and_end(void **state)
{
	struct pstep		v[2];
	struct plan		p;
	struct cue_event	ev[MAXEV];
	size_t			n;

	(void)state;
	mkplan(&p, v, 2);
	n = cueplan_step(&p, 0, 3, 1, ev, MAXEV);
	assert_int_equal(ev[0].cue, CUE_SESSION_START);
	assert_int_equal(count(ev, n, CUE_PRESS), 0);
	assert_int_equal(count(ev, n, CUE_SESSION_END), 0);
	n = cueplan_step(&p, 1, 3, 1, ev, MAXEV);
	assert_int_equal(ev[0].cue, CUE_PRESS);
	assert_int_equal(ev[n - 1].cue, CUE_SESSION_END);
	assert_int_equal(ev[n - 1].at_ms, 60000);
	/* Out of range: nothing. */
	assert_int_equal(cueplan_step(&p, 2, 3, 1, ev, MAXEV), 0);
}

static void
test_short_and_transition_steps(void **state)
{
	struct pstep		v[3];
	struct plan		p;
	struct cue_event	ev[MAXEV];
	size_t			n;

	(void)state;
	mkplan(&p, v, 3);
	v[1].kind = PLAN_SWITCH;
	v[1].duration_ms = 5000;
	n = cueplan_step(&p, 1, 3, 1, ev, MAXEV);
	assert_int_equal(n, 1);
	assert_int_equal(ev[0].cue, CUE_SWITCH);
	v[1].kind = PLAN_RELEASE;
	n = cueplan_step(&p, 1, 3, 1, ev, MAXEV);
	assert_int_equal(n, 1);
	assert_int_equal(ev[0].cue, CUE_RELEASE);
	/* A 20 s stretch: ticks but no halfway (holds under 30 s). */
	v[1].kind = PLAN_STRETCH;
	v[1].duration_ms = 20000;
	n = cueplan_step(&p, 1, 3, 1, ev, MAXEV);
	assert_int_equal(ev[0].cue, CUE_STRETCH);
	assert_int_equal(count(ev, n, CUE_HALFWAY), 0);
	assert_int_equal(count(ev, n, CUE_TICK), 3);
	/* A 5 s contract phase is too short to count down 3 s in. */
	v[1].kind = PLAN_CONTRACT;
	v[1].duration_ms = 5000;
	n = cueplan_step(&p, 1, 3, 1, ev, MAXEV);
	assert_int_equal(n, 1);
	assert_int_equal(ev[0].cue, CUE_CONTRACT);
}

/*
 * A step with a pain rating after it ends with the step-end bell (the next
 * start cue waits for the answer); other steps and the last one do not.
 */
static void
test_step_end_before_pain_rating(void **state)
{
	struct pstep		v[3];
	struct plan		p;
	struct cue_event	ev[MAXEV];
	size_t			n;

	(void)state;
	mkplan(&p, v, 3);
	n = cueplan_step(&p, 1, 3, 1, ev, MAXEV);
	assert_int_equal(count(ev, n, CUE_STEP_END), 0);
	v[1].check_pain = 1;
	v[2].check_pain = 1;
	n = cueplan_step(&p, 1, 3, 1, ev, MAXEV);
	assert_int_equal(count(ev, n, CUE_STEP_END), 1);
	assert_sorted(ev, n);
	assert_int_equal(ev[n - 1].cue, CUE_STEP_END);
	assert_int_equal(ev[n - 1].at_ms, 60000);
	n = cueplan_step(&p, 2, 3, 1, ev, MAXEV);
	assert_int_equal(count(ev, n, CUE_STEP_END), 0);
	assert_int_equal(count(ev, n, CUE_SESSION_END), 1);
}

static void
test_until_release_no_halfway(void **state)
{
	struct pstep		v[3];
	struct plan		p;
	struct cue_event	ev[MAXEV];
	size_t			n;

	(void)state;
	mkplan(&p, v, 3);
	v[1].until_release = 1;
	v[1].duration_ms = 90000;
	n = cueplan_step(&p, 1, 3, 1, ev, MAXEV);
	assert_int_equal(count(ev, n, CUE_HALFWAY), 0);
	assert_int_equal(count(ev, n, CUE_TICK), 3);
	assert_int_equal(ev[n - 1].at_ms, 89000);
}

static void
test_roll_pass_ticks(void **state)
{
	struct pstep		v[3];
	struct plan		p;
	struct cue_event	ev[MAXEV];
	size_t			n, i, passes = 0;

	(void)state;
	mkplan(&p, v, 3);
	v[1].kind = PLAN_ROLL;
	v[1].duration_ms = 40000;
	v[1].pass_ms = 3000;
	n = cueplan_step(&p, 1, 3, 1, ev, MAXEV);
	assert_sorted(ev, n);
	assert_int_equal(ev[0].cue, CUE_ROLL);
	for (i = 0; i < n; i++) {
		if (ev[i].cue != CUE_PASS)
			continue;
		passes++;
		assert_int_equal(ev[i].at_ms % 3000, 0);
		/* Never inside the countdown or on the halfway chime. */
		assert_true(ev[i].at_ms + 400 <= 37000);
		assert_true(ev[i].at_ms + 400 <= 20000 ||
		    ev[i].at_ms >= 20400);
	}
	/* 3..36 s is 12 passes. */
	assert_int_equal(passes, 12);
	assert_int_equal(count(ev, n, CUE_HALFWAY), 1);
}

/* A move's tempo ticks each rep; it is not a hold: no halfway chime. */
static void
test_move_rep_ticks(void **state)
{
	struct pstep		v[2];
	struct plan		p;
	struct cue_event	ev[MAXEV];
	size_t			n;

	(void)state;
	mkplan(&p, v, 2);
	v[1].kind = PLAN_MOVE;
	v[1].duration_ms = 32000;
	v[1].pass_ms = 4000;
	n = cueplan_step(&p, 1, 3, 1, ev, MAXEV);
	assert_sorted(ev, n);
	assert_int_equal(ev[0].cue, CUE_STRETCH);
	/* Ticks at 4, 8, ... 28 s: the countdown starts at 29 s. */
	assert_int_equal(count(ev, n, CUE_PASS), 7);
	assert_int_equal(count(ev, n, CUE_HALFWAY), 0);
}

static void
test_breath_pacer(void **state)
{
	struct pstep		v[3];
	struct plan		p;
	struct cue_event	ev[MAXEV];
	size_t			n, i;

	(void)state;
	mkplan(&p, v, 3);
	v[1].kind = PLAN_BREATHE;
	v[1].inhale_ms = 4000;
	v[1].exhale_ms = 6000;
	n = cueplan_step(&p, 1, 3, 1, ev, MAXEV);
	assert_sorted(ev, n);
	/* The start cue is the first inhale. */
	assert_int_equal(ev[0].cue, CUE_BREATHE);
	assert_int_equal(ev[0].at_ms, 0);
	assert_int_equal(ev[1].cue, CUE_EXHALE);
	assert_int_equal(ev[1].at_ms, 4000);
	assert_int_equal(ev[2].cue, CUE_INHALE);
	assert_int_equal(ev[2].at_ms, 10000);
	for (i = 0; i < n; i++) {
		if (ev[i].cue == CUE_INHALE)
			assert_int_equal(ev[i].at_ms % 10000, 0);
		if (ev[i].cue == CUE_EXHALE)
			assert_int_equal(ev[i].at_ms % 10000, 4000);
		if (ev[i].cue == CUE_INHALE || ev[i].cue == CUE_EXHALE)
			assert_true(ev[i].at_ms + 400 <= 57000);
	}
	assert_int_equal(count(ev, n, CUE_INHALE), 5);
	assert_int_equal(count(ev, n, CUE_EXHALE), 6);
	/* Breathing steps are not holds: no halfway chime. */
	assert_int_equal(count(ev, n, CUE_HALFWAY), 0);
}

static void
test_truncation_counts_all(void **state)
{
	struct pstep		v[3];
	struct plan		p;
	struct cue_event	ev[MAXEV];
	size_t			n;

	(void)state;
	mkplan(&p, v, 3);
	v[1].kind = PLAN_ROLL;
	v[1].duration_ms = 180000;
	v[1].pass_ms = 1000;
	n = cueplan_step(&p, 1, 3, 1, ev, 4);
	assert_true(n > 100);
	assert_int_equal(ev[0].cue, CUE_ROLL);
	assert_sorted(ev, 4);
}

static void
test_say_lines(void **state)
{
	struct pstep		v[3];
	struct plan		p;
	char			buf[512];

	(void)state;
	mkplan(&p, v, 3);
	v[1].area = area_find("upper-trapezius");
	assert_non_null(v[1].area);
	v[1].side = SIDE_LEFT;
	v[1].say = "Lean into the ball.";
	cueplan_say(&p, 1, buf, sizeof buf);
	assert_string_equal(buf, "Press. Upper trapezius, left side."
	    "\x1f" "Lean into the ball.");
	v[1].rep = 2;
	v[1].nreps = 3;
	v[1].side = SIDE_NONE;
	v[1].say = NULL;
	cueplan_say(&p, 1, buf, sizeof buf);
	assert_string_equal(buf, "Press. Upper trapezius. Rep 2 of 3.");
	v[1].kind = PLAN_SWITCH;
	v[1].nreps = 1;
	v[1].say = "ignored";
	cueplan_say(&p, 1, buf, sizeof buf);
	assert_string_equal(buf, "Switch sides.");
	/* To a side: which one (a tester on a roller could not tell). */
	v[1].side = SIDE_LEFT;
	cueplan_say(&p, 1, buf, sizeof buf);
	assert_string_equal(buf, "Switch to the left side.");
	v[1].side = SIDE_NONE;
	/* A tiny buffer is cut, still terminated. */
	cueplan_say(&p, 1, buf, 4);
	assert_string_equal(buf, "Swi");

}

static void
test_cue_names_and_start_cues(void **state)
{
	int	c, k;

	(void)state;
	for (c = 0; c < CUE__COUNT; c++) {
		assert_non_null(cue_name(c));
		assert_string_not_equal(cue_name(c), "?");
		for (k = 0; k < c; k++)
			assert_string_not_equal(cue_name(c), cue_name(k));
	}
	assert_string_equal(cue_name(CUE_SESSION_START), "session-start");
	assert_string_equal(cue_name(CUE__COUNT), "?");
	assert_int_equal(cueplan_start_cue(PLAN_ROLL), CUE_ROLL);
	assert_int_equal(cueplan_start_cue(PLAN_PNF_STRETCH), CUE_STRETCH);
	assert_int_equal(cueplan_start_cue(PLAN_REST), CUE_REST);
	assert_int_equal(cueplan_start_cue(-1), CUE_STEP_END);
}

int
main(void)
{
	/* The lines are checked in English: no language from the locale. */
	setenv("LC_ALL", "C.UTF-8", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_press_start_halfway_countdown),
		cmocka_unit_test(test_settings_off),
		cmocka_unit_test(test_session_start_and_end),
		cmocka_unit_test(test_short_and_transition_steps),
		cmocka_unit_test(test_step_end_before_pain_rating),
		cmocka_unit_test(test_until_release_no_halfway),
		cmocka_unit_test(test_roll_pass_ticks),
		cmocka_unit_test(test_move_rep_ticks),
		cmocka_unit_test(test_breath_pacer),
		cmocka_unit_test(test_truncation_counts_all),
		cmocka_unit_test(test_say_lines),
		cmocka_unit_test(test_cue_names_and_start_cues),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
