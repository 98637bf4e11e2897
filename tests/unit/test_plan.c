/* Unit tests for plan expansion (src/plan.c) and routine defaults. */
#undef NDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "areas.h"
#include "plan.h"
#include "routine.h"
#include "validate.h"
#include "xmalloc.h"

/* Set a number field as if the file had it. */
static void
num(struct fnum *f, int64_t v)
{
	f->v = v;
	f->set = 1;
	f->pos.line = 1;
	f->pos.col = 1;
}

/* A routine with room for n steps. */
static struct routine *
mk(size_t n)
{
	struct routine	*r = routine_new();

	r->steps = xcalloc(n, sizeof *r->steps);
	r->nsteps = n;
	return r;
}

/* Make step i a step of kind k on area id (or none). */
static struct rstep *
step(struct routine *r, size_t i, enum step_kind k, const char *id)
{
	struct rstep	*s = &r->steps[i];

	s->kind = k;
	s->tool.v = -1;
	if (id != NULL) {
		s->area_id.s = xstrdup(id);
		s->area = area_find(id);
		assert_non_null(s->area);
	}
	return s;
}

static void
test_press_both_sides_with_reps(void **state)
{
	struct routine	*r = mk(1);
	struct rstep	*s = step(r, 0, STEP_PRESS, "upper-trapezius");
	struct plan	 p;
	char		 t[128];

	(void)state;
	num(&s->side, SIDE_BOTH);
	num(&s->tool, TOOL_TENNIS_BALL);
	num(&s->time_s, 45);
	num(&s->reps, 2);
	num(&s->pressure, 5);
	assert_int_equal(plan_build(r, &p), 0);
	/* L1 release L2 switch R1 release R2 */
	assert_int_equal(p.n, 7);
	assert_int_equal(p.v[0].kind, PLAN_PRESS);
	assert_int_equal(p.v[0].side, SIDE_LEFT);
	assert_int_equal(p.v[0].rep, 1);
	assert_int_equal(p.v[0].nreps, 2);
	assert_int_equal(p.v[0].is_work, 1);
	assert_int_equal(p.v[0].pressure, 5);
	assert_int_equal(p.v[0].tool, TOOL_TENNIS_BALL);
	assert_int_equal(p.v[1].kind, PLAN_RELEASE);
	assert_int_equal(p.v[1].duration_ms, PLAN_RELEASE_MS);
	assert_int_equal(p.v[1].is_work, 0);
	assert_int_equal(p.v[2].rep, 2);
	assert_int_equal(p.v[3].kind, PLAN_SWITCH);
	assert_int_equal(p.v[3].duration_ms, PLAN_SWITCH_MS);
	assert_int_equal(p.v[3].nreps, 1);	/* no "rep 2/2" on a switch */
	assert_int_equal(p.v[4].side, SIDE_RIGHT);
	assert_int_equal(p.v[4].rep, 1);
	assert_int_equal(p.v[6].side, SIDE_RIGHT);
	assert_int_equal(p.v[6].rep, 2);
	/* Offsets are cumulative. */
	assert_int_equal(p.v[0].start_ms, 0);
	assert_int_equal(p.v[1].start_ms, 45000);
	assert_int_equal(p.v[2].start_ms, 50000);
	assert_int_equal(p.v[3].start_ms, 95000);
	assert_int_equal(p.v[4].start_ms, 100000);
	assert_int_equal(p.v[6].start_ms, 150000);
	assert_int_equal(p.total_ms, 4 * 45000 + 2 * 5000 + 5000);

	plan_step_title(&p.v[0], t, sizeof t);
	assert_string_equal(t, "press upper trapezius, left side (rep 1/2)");
	plan_step_title(&p.v[6], t, sizeof t);
	assert_string_equal(t, "press upper trapezius, right side (rep 2/2)");
	plan_step_title(&p.v[3], t, sizeof t);
	assert_string_equal(t, "switch sides to the right");
	plan_step_title(&p.v[1], t, sizeof t);
	assert_string_equal(t, "release");
	plan_free(&p);
	routine_free(r);
}

static void
test_until_release_counts_at_max(void **state)
{
	struct routine	*r = mk(2);
	struct rstep	*s = step(r, 0, STEP_PRESS, "levator-scapulae");
	struct plan	 p;

	(void)state;
	num(&s->side, SIDE_LEFT);
	num(&s->tool, TOOL_TENNIS_BALL);
	num(&s->until_release, 1);
	num(&s->max_s, 90);
	s = step(r, 1, STEP_REST, NULL);
	num(&s->time_s, 10);
	assert_int_equal(plan_build(r, &p), 0);
	assert_int_equal(p.n, 2);
	assert_int_equal(p.v[0].until_release, 1);
	assert_int_equal(p.v[0].duration_ms, 90000);
	assert_int_equal(p.v[0].pressure, -1);
	assert_int_equal(p.v[1].kind, PLAN_REST);
	assert_int_equal(p.v[1].start_ms, 90000);
	assert_int_equal(p.v[1].is_work, 0);
	assert_null(p.v[1].area);
	assert_int_equal(p.total_ms, 100000);
	plan_free(&p);
	routine_free(r);
}

static void
test_roll_sets_and_pass(void **state)
{
	struct routine	*r = mk(1);
	struct rstep	*s = step(r, 0, STEP_ROLL, "quadriceps");
	struct plan	 p;
	char		 t[128];

	(void)state;
	num(&s->tool, TOOL_FOAM_ROLLER);
	num(&s->time_s, 60);
	num(&s->sets, 3);
	num(&s->pass_s, 3);
	num(&s->side, SIDE_RIGHT);
	assert_int_equal(plan_build(r, &p), 0);
	assert_int_equal(p.n, 5);
	assert_int_equal(p.v[0].kind, PLAN_ROLL);
	assert_int_equal(p.v[0].pass_ms, 3000);
	assert_int_equal(p.v[0].set, 1);
	assert_int_equal(p.v[0].nsets, 3);
	assert_int_equal(p.v[4].set, 3);
	assert_int_equal(p.v[4].start_ms, 3 * 60000 - 60000 + 2 * 5000);
	assert_int_equal(p.total_ms, 3 * 60000 + 2 * 5000);
	plan_step_title(&p.v[2], t, sizeof t);
	assert_string_equal(t, "roll quadriceps, right side (set 2/3)");
	plan_free(&p);
	routine_free(r);
}

static void
test_contract_relax_cycles(void **state)
{
	struct routine	*r = mk(1);
	struct rstep	*s = step(r, 0, STEP_CONTRACT_RELAX, "hamstrings");
	struct plan	 p;
	char		 t[128];
	size_t		 i;

	(void)state;
	num(&s->side, SIDE_BOTH);
	assert_int_equal(plan_build(r, &p), 0);
	/* Defaults: 3 cycles of 5 s, 3 s, 20 s per side, a switch between. */
	assert_int_equal(p.n, 2 * 9 + 1);
	for (i = 0; i < 9; i++) {
		assert_int_equal(p.v[i].side, SIDE_LEFT);
		assert_int_equal(p.v[i].cycle, (int)(i / 3 + 1));
		assert_int_equal(p.v[i].ncycles, 3);
		assert_int_equal(p.v[i].is_work, 1);
	}
	assert_int_equal(p.v[0].kind, PLAN_CONTRACT);
	assert_int_equal(p.v[0].duration_ms, 5000);
	assert_int_equal(p.v[1].kind, PLAN_RELAX);
	assert_int_equal(p.v[1].duration_ms, 3000);
	assert_int_equal(p.v[2].kind, PLAN_PNF_STRETCH);
	assert_int_equal(p.v[2].duration_ms, 20000);
	assert_int_equal(p.v[9].kind, PLAN_SWITCH);
	assert_int_equal(p.v[10].side, SIDE_RIGHT);
	assert_int_equal(p.total_ms, 2 * 3 * 28000 + 5000);
	plan_step_title(&p.v[4], t, sizeof t);
	assert_string_equal(t, "relax hamstrings, left side (cycle 2/3)");
	plan_free(&p);

	num(&s->side, SIDE_LEFT);
	num(&s->contract_s, 6);
	num(&s->relax_s, 2);
	num(&s->stretch_s, 30);
	num(&s->cycles, 2);
	assert_int_equal(plan_build(r, &p), 0);
	assert_int_equal(p.n, 6);
	assert_int_equal(p.total_ms, 2 * 38000);
	assert_int_equal(p.v[3].start_ms, 38000);
	plan_free(&p);
	routine_free(r);
}

static void
test_position_breathe_stretch(void **state)
{
	struct routine	*r = mk(4);
	struct rstep	*s;
	struct plan	 p;

	(void)state;
	s = step(r, 0, STEP_POSITION, NULL);
	s->say.s = xstrdup("Stand with your back to a wall.");
	s = step(r, 1, STEP_BREATHE, NULL);
	num(&s->time_s, 60);
	s = step(r, 2, STEP_BREATHE, NULL);
	num(&s->time_s, 60);
	num(&s->rate_bpm, 5);
	num(&s->inhale_s, 4);
	s = step(r, 3, STEP_STRETCH, "calves");
	num(&s->time_s, 30);
	num(&s->reps, 2);
	assert_int_equal(plan_build(r, &p), 0);
	assert_int_equal(p.n, 6);
	assert_int_equal(p.v[0].kind, PLAN_POSITION);
	assert_int_equal(p.v[0].duration_ms, PLAN_POSITION_MS);
	assert_string_equal(p.v[0].say, "Stand with your back to a wall.");
	assert_int_equal(p.v[0].is_work, 0);
	/* Default 6 a minute: 4 s in, 6 s out. */
	assert_int_equal(p.v[1].kind, PLAN_BREATHE);
	assert_int_equal(p.v[1].inhale_ms, 4000);
	assert_int_equal(p.v[1].exhale_ms, 6000);
	/* Rate 5 with a 4 s inhale: the rest of the 12 s breath is out. */
	assert_int_equal(p.v[2].inhale_ms, 4000);
	assert_int_equal(p.v[2].exhale_ms, 8000);
	assert_int_equal(p.v[3].kind, PLAN_STRETCH);
	assert_int_equal(p.v[3].is_work, 0);
	assert_int_equal(p.v[3].side, SIDE_NONE);
	assert_int_equal(p.v[4].kind, PLAN_RELEASE);
	assert_int_equal(p.v[5].rep, 2);
	assert_int_equal(p.v[3].start_ms, 10000 + 60000 + 60000);
	assert_int_equal(p.total_ms, 130000 + 30000 + 5000 + 30000);
	plan_free(&p);
	routine_free(r);
}

static void
test_press_breathe_pacer(void **state)
{
	struct routine	*r = mk(1);
	struct rstep	*s = step(r, 0, STEP_PRESS, "rhomboids");
	struct plan	 p;

	(void)state;
	num(&s->tool, TOOL_LACROSSE_BALL);
	num(&s->time_s, 30);
	num(&s->breathe_bpm, 6);
	num(&s->check_pain, 1);
	assert_int_equal(plan_build(r, &p), 0);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.v[0].inhale_ms, 4000);
	assert_int_equal(p.v[0].exhale_ms, 6000);
	assert_int_equal(p.v[0].check_pain, 1);
	assert_int_equal(p.v[0].side, SIDE_NONE);
	plan_free(&p);
	routine_free(r);
}

static void
test_unexpandable(void **state)
{
	struct routine	*r = mk(1);
	struct rstep	*s = step(r, 0, STEP_PRESS, "rhomboids");
	struct plan	 p;

	(void)state;
	num(&s->tool, TOOL_LACROSSE_BALL);
	/* No time and no until: nothing to expand. */
	assert_int_equal(plan_build(r, &p), -1);
	assert_int_equal(p.n, 0);
	assert_null(p.v);
	num(&s->time_s, 30);
	num(&s->reps, 0);
	assert_int_equal(plan_build(r, &p), -1);
	routine_free(r);
}

static void
test_doses(void **state)
{
	struct routine	*r = mk(3);
	struct rstep	*s;
	struct plan	 p;
	struct area_dose *d;
	size_t		 n;

	(void)state;
	s = step(r, 0, STEP_PRESS, "upper-trapezius");
	num(&s->side, SIDE_BOTH);
	num(&s->tool, TOOL_TENNIS_BALL);
	num(&s->time_s, 40);
	num(&s->pressure, 5);
	s = step(r, 1, STEP_STRETCH, "upper-trapezius");
	num(&s->side, SIDE_BOTH);
	num(&s->time_s, 30);
	s = step(r, 2, STEP_ROLL, "upper-trapezius");
	num(&s->side, SIDE_LEFT);
	num(&s->tool, TOOL_TENNIS_BALL);
	num(&s->time_s, 60);
	num(&s->pressure, 6);
	assert_int_equal(plan_build(r, &p), 0);
	n = plan_doses(&p, &d);
	assert_int_equal(n, 2);
	assert_ptr_equal(d[0].area, area_find("upper-trapezius"));
	assert_int_equal(d[0].side, SIDE_LEFT);
	assert_int_equal(d[0].work_ms, 100000);	/* stretch is not work */
	assert_int_equal(d[0].max_pressure, 6);
	assert_int_equal(d[0].nsteps, 2);
	assert_int_equal(d[1].side, SIDE_RIGHT);
	assert_int_equal(d[1].work_ms, 40000);
	assert_int_equal(d[1].max_pressure, 5);
	assert_int_equal(d[1].nsteps, 1);
	free(d);
	plan_free(&p);
	routine_free(r);
}

/* plan_areas: every area a step touches, a stretch's included. */
static void
test_areas(void **state)
{
	struct routine	 *r = mk(3);
	struct rstep	 *s;
	struct plan	  p;
	struct area_side *a;
	size_t		  n;

	(void)state;
	s = step(r, 0, STEP_STRETCH, "suboccipitals");
	num(&s->time_s, 30);
	s = step(r, 1, STEP_PRESS, "upper-trapezius");
	num(&s->side, SIDE_BOTH);
	num(&s->tool, TOOL_TENNIS_BALL);
	num(&s->time_s, 30);
	s = step(r, 2, STEP_STRETCH, "upper-trapezius");
	num(&s->side, SIDE_LEFT);
	num(&s->time_s, 30);
	assert_int_equal(plan_build(r, &p), 0);
	n = plan_areas(&p, &a);
	assert_int_equal(n, 3);
	assert_ptr_equal(a[0].area, area_find("suboccipitals"));
	assert_int_equal(a[0].side, SIDE_NONE);
	assert_ptr_equal(a[1].area, area_find("upper-trapezius"));
	assert_int_equal(a[1].side, SIDE_LEFT);
	assert_int_equal(a[1].whole, 0);
	assert_int_equal(a[2].side, SIDE_RIGHT);
	free(a);
	plan_free(&p);
	routine_free(r);
}

static void
test_drop(void **state)
{
	struct routine	*r = mk(2);
	struct rstep	*s;
	struct plan	 p, q;
	struct area_side skip[1];
	size_t		 dropped, i;

	(void)state;
	s = step(r, 0, STEP_PRESS, "upper-trapezius");
	num(&s->side, SIDE_BOTH);
	num(&s->tool, TOOL_TENNIS_BALL);
	num(&s->time_s, 30);
	num(&s->reps, 2);
	s = step(r, 1, STEP_STRETCH, "upper-trapezius");
	num(&s->side, SIDE_BOTH);
	num(&s->time_s, 30);
	assert_int_equal(plan_build(r, &p), 0);
	assert_int_equal(p.n, 7 + 3);

	/* Resting left side: its two holds, their release and the switch go. */
	memset(skip, 0, sizeof skip);
	skip[0].area = area_find("upper-trapezius");
	skip[0].side = SIDE_LEFT;
	dropped = plan_drop(&p, skip, 1, &q);
	assert_int_equal(dropped, 4);
	assert_int_equal(q.n, 6);
	assert_int_equal(q.v[0].kind, PLAN_PRESS);
	assert_int_equal(q.v[0].side, SIDE_RIGHT);
	assert_int_equal(q.v[0].start_ms, 0);
	assert_int_equal(q.v[1].kind, PLAN_RELEASE);
	assert_int_equal(q.v[2].side, SIDE_RIGHT);
	/* The stretch is not work and stays, with its own switch. */
	assert_int_equal(q.v[3].kind, PLAN_STRETCH);
	assert_int_equal(q.v[4].kind, PLAN_SWITCH);
	assert_int_equal(q.v[3].start_ms, 65000);
	assert_int_equal(q.total_ms, 65000 + 30000 + 5000 + 30000);
	for (i = 1; i < q.n; i++)
		assert_int_equal(q.v[i].start_ms,
		    q.v[i - 1].start_ms + q.v[i - 1].duration_ms);
	plan_free(&q);

	/* SIDE_NONE skips the area on every side. */
	skip[0].side = SIDE_NONE;
	dropped = plan_drop(&p, skip, 1, &q);
	assert_int_equal(dropped, 7);
	assert_int_equal(q.n, 3);
	assert_int_equal(q.v[0].kind, PLAN_STRETCH);
	plan_free(&q);

	/* Held whole (a halt for pain): its stretches go too. */
	skip[0].side = SIDE_LEFT;
	skip[0].whole = 1;
	dropped = plan_drop(&p, skip, 1, &q);
	assert_int_equal(dropped, 4 + 2);
	assert_int_equal(q.n, 4);
	assert_int_equal(q.v[2].kind, PLAN_PRESS);
	assert_int_equal(q.v[3].kind, PLAN_STRETCH);
	assert_int_equal(q.v[3].side, SIDE_RIGHT);
	assert_int_equal(q.total_ms, 65000 + 30000);
	plan_free(&q);
	skip[0].whole = 0;

	/* A step on no particular side works a resting side too. */
	r->steps[0].side.v = SIDE_NONE;
	plan_free(&p);
	assert_int_equal(plan_build(r, &p), 0);
	assert_int_equal(p.n, 3 + 3);
	skip[0].side = SIDE_RIGHT;
	dropped = plan_drop(&p, skip, 1, &q);
	assert_int_equal(dropped, 3);
	assert_int_equal(q.n, 3);
	assert_int_equal(q.v[0].kind, PLAN_STRETCH);
	assert_int_equal(q.v[0].side, SIDE_LEFT);
	plan_free(&q);

	/* Nothing to skip: an exact copy. */
	dropped = plan_drop(&p, NULL, 0, &q);
	assert_int_equal(dropped, 0);
	assert_int_equal(q.n, p.n);
	assert_int_equal(q.total_ms, p.total_ms);
	plan_free(&q);
	plan_free(&p);
	routine_free(r);
}

/*
 * A set-up (position step) goes with the work it leads into when all of
 * that is left out; one that leads into a step that stays, stays.
 */
static void
test_drop_setup(void **state)
{
	struct routine	*r = mk(5);
	struct rstep	*s;
	struct plan	 p, q;
	struct area_side skip[1];

	(void)state;
	s = step(r, 0, STEP_POSITION, NULL);
	num(&s->time_s, 8);
	s = step(r, 1, STEP_ROLL, "calves");
	num(&s->side, SIDE_LEFT);
	num(&s->tool, TOOL_FOAM_ROLLER);
	num(&s->time_s, 30);
	s = step(r, 2, STEP_POSITION, NULL);
	num(&s->time_s, 9);
	s = step(r, 3, STEP_ROLL, "calves");
	num(&s->side, SIDE_RIGHT);
	num(&s->tool, TOOL_FOAM_ROLLER);
	num(&s->time_s, 30);
	s = step(r, 4, STEP_STRETCH, "calves");
	num(&s->side, SIDE_LEFT);
	num(&s->time_s, 30);
	assert_int_equal(plan_build(r, &p), 0);
	assert_int_equal(p.n, 5);
	memset(skip, 0, sizeof skip);
	skip[0].area = area_find("calves");
	skip[0].side = SIDE_LEFT;
	/* The left roll and its set-up go; the right's set-up stays. */
	assert_int_equal(plan_drop(&p, skip, 1, &q), 2);
	assert_int_equal(q.n, 3);
	assert_int_equal(q.v[0].kind, PLAN_POSITION);
	assert_int_equal(q.v[0].duration_ms, 9000);
	assert_int_equal(q.v[1].kind, PLAN_ROLL);
	assert_int_equal(q.v[1].side, SIDE_RIGHT);
	assert_int_equal(q.v[2].kind, PLAN_STRETCH);
	plan_free(&q);
	/* Both sides resting: the second set-up leads into the stretch. */
	skip[0].side = SIDE_NONE;
	assert_int_equal(plan_drop(&p, skip, 1, &q), 3);
	assert_int_equal(q.n, 2);
	assert_int_equal(q.v[0].kind, PLAN_POSITION);
	assert_int_equal(q.v[0].duration_ms, 9000);
	assert_int_equal(q.v[1].kind, PLAN_STRETCH);
	plan_free(&q);
	/* Held whole: the stretch goes too, and every set-up with it. */
	skip[0].whole = 1;
	assert_int_equal(plan_drop(&p, skip, 1, &q), 5);
	assert_int_equal(q.n, 0);
	plan_free(&q);
	plan_free(&p);
	routine_free(r);
}

static void
test_names_and_format(void **state)
{
	char	b[32];

	(void)state;
	assert_string_equal(plan_kind_name(PLAN_SWITCH), "switch sides");
	assert_string_equal(plan_kind_name(PLAN_CONTRACT), "contract");
	assert_string_equal(plan_kind_label(PLAN_PRESS), "PRESS");
	assert_string_equal(plan_kind_label(PLAN_SWITCH), "SWITCH SIDES");
	assert_string_equal(plan_kind_label(PLAN_RELEASE), "RELEASE");
	plan_fmt_ms(65000, b, sizeof b);
	assert_string_equal(b, "1:05");
	plan_fmt_ms(750000, b, sizeof b);
	assert_string_equal(b, "12:30");
	plan_fmt_ms(3723000, b, sizeof b);
	assert_string_equal(b, "1:02:03");
	plan_fmt_ms(0, b, sizeof b);
	assert_string_equal(b, "0:00");
	plan_fmt_ms(44001, b, sizeof b);	/* partial seconds round up */
	assert_string_equal(b, "0:45");
	plan_fmt_elapsed(201100, b, sizeof b);	/* time spent: down */
	assert_string_equal(b, "3:21");
	plan_fmt_elapsed(999, b, sizeof b);
	assert_string_equal(b, "0:00");
	plan_fmt_ms(3723000, b, 4);		/* truncated, terminated */
	assert_string_equal(b, "1:0");
}

/* move: one step a side of reps x tempo, a tick per rep, never work. */
static void
test_move_and_switch(void **state)
{
	struct routine	*r = mk(3);
	struct rstep	*s;
	struct plan	 p;
	struct area_dose *d;

	(void)state;
	s = step(r, 0, STEP_MOVE, "suboccipitals");
	num(&s->reps, 8);
	num(&s->tempo_s, 4);
	s = step(r, 1, STEP_MOVE, "upper-trapezius");
	num(&s->side, SIDE_BOTH);
	num(&s->time_s, 20);		/* default tempo 3 s */
	num(&s->switch_s, 12);
	s = step(r, 2, STEP_STRETCH, "calves");
	num(&s->side, SIDE_BOTH);
	num(&s->time_s, 30);
	num(&r->switch_s, 8);		/* the routine's switch */
	assert_int_equal(plan_build(r, &p), 0);
	assert_int_equal(p.n, 7);
	assert_int_equal(p.v[0].kind, PLAN_MOVE);
	assert_int_equal(p.v[0].duration_ms, 32000);
	assert_int_equal(p.v[0].pass_ms, 4000);
	assert_int_equal(p.v[0].is_work, 0);
	assert_int_equal(p.v[1].kind, PLAN_MOVE);
	assert_int_equal(p.v[1].side, SIDE_LEFT);
	assert_int_equal(p.v[1].duration_ms, 20000);
	assert_int_equal(p.v[1].pass_ms, PLAN_TEMPO_MS);
	assert_int_equal(p.v[2].kind, PLAN_SWITCH);
	assert_int_equal(p.v[2].duration_ms, 12000);	/* the step's */
	assert_int_equal(p.v[3].side, SIDE_RIGHT);
	assert_int_equal(p.v[5].kind, PLAN_SWITCH);
	assert_int_equal(p.v[5].duration_ms, 8000);	/* the routine's */
	assert_int_equal(p.total_ms, 32000 + 20000 + 12000 + 20000 + 30000 +
	    8000 + 30000);
	assert_string_equal(plan_kind_name(PLAN_MOVE), "move");
	assert_string_equal(plan_kind_label(PLAN_MOVE), "MOVE");
	assert_int_equal(plan_doses(&p, &d), 0);	/* no work at all */
	free(d);
	plan_free(&p);
	assert_int_equal(routine_switch_ms(r, 0), 8000);
	assert_int_equal(routine_switch_ms(r, 1), 12000);
	r->switch_s.set = 0;
	assert_int_equal(routine_switch_ms(r, 2), 5000);
	routine_free(r);
}

static void
test_routine_defaults(void **state)
{
	struct routine	*r = routine_new();

	(void)state;
	assert_int_equal(validate_rest_s(r), 24 * 3600);
	assert_int_equal(validate_per_week(r), 5);
	num(&r->intensity, INTENSITY_GENTLE);
	assert_int_equal(validate_rest_s(r), 3 * 3600);
	assert_int_equal(validate_per_week(r), 0);
	num(&r->intensity, INTENSITY_DEEP);
	assert_int_equal(validate_rest_s(r), 48 * 3600);
	assert_int_equal(validate_per_week(r), 3);
	num(&r->rest_s, 7200);
	num(&r->per_week, 4);
	assert_int_equal(validate_rest_s(r), 7200);
	assert_int_equal(validate_per_week(r), 4);
	assert_int_equal(routine_strict(r), 0);
	assert_int_equal(routine_voice(r), 1);
	assert_int_equal(routine_countdown_s(r), 3);
	assert_int_equal(routine_halfway(r), 1);
	num(&r->cues.voice, 0);
	num(&r->cues.countdown, 0);
	num(&r->cues.halfway, 0);
	num(&r->strict, 1);
	assert_int_equal(routine_voice(r), 0);
	assert_int_equal(routine_countdown_s(r), 0);
	assert_int_equal(routine_halfway(r), 0);
	assert_int_equal(routine_strict(r), 1);
	assert_string_equal(step_kind_id(STEP_CONTRACT_RELAX),
	    "contract-relax");
	assert_string_equal(side_id(SIDE_BOTH), "both");
	assert_string_equal(side_id(SIDE_NONE), "");
	assert_string_equal(intensity_id(INTENSITY_GENTLE), "gentle");
	assert_string_equal(step_kind_id(STEP_MOVE), "move");
	assert_int_equal(routine_per_month(r), 0);
	num(&r->per_month, 2);
	assert_int_equal(routine_per_month(r), 2);
	assert_string_equal(screen_urgency_id(SCREEN_EMERGENCY), "emergency");
	assert_string_equal(screen_urgency_id(SCREEN_URGENT), "urgent");
	assert_string_equal(screen_urgency_id(SCREEN_CLINICIAN), "clinician");
	assert_non_null(strstr(screen_advice(SCREEN_EMERGENCY),
	    "emergency department now"));
	assert_non_null(strstr(screen_advice(SCREEN_URGENT),
	    "see a doctor today"));
	assert_non_null(strstr(screen_advice(SCREEN_CLINICIAN),
	    "doctor or physiotherapist before working this area"));
	assert_int_equal(routine_screen_urgency(r, 0), SCREEN_CLINICIAN);
	routine_free(r);
	routine_free(NULL);
}

/*
 * What ! marks (plan_halt_mark), one rule: a step on an area its own, both
 * sides while switching; a position step the step it leads into, a rest
 * or breathing the last one before it, each the other way when there is
 * none; nothing in a plan on no area.
 */
static void
test_halt_mark(void **state)
{
	static const struct {
		enum plan_kind	 kind;
		int		 calf;
		enum side	 side;
		enum side	 want;		/* SIDE_BOTH: nothing */
	} t[] = {
		{ PLAN_BREATHE, 0, SIDE_NONE, SIDE_LEFT },	/* the next */
		{ PLAN_POSITION, 0, SIDE_NONE, SIDE_LEFT },
		{ PLAN_PRESS, 1, SIDE_LEFT, SIDE_LEFT },
		{ PLAN_RELEASE, 1, SIDE_LEFT, SIDE_LEFT },
		{ PLAN_SWITCH, 1, SIDE_RIGHT, SIDE_NONE },	/* both */
		{ PLAN_PRESS, 1, SIDE_RIGHT, SIDE_RIGHT },
		{ PLAN_REST, 0, SIDE_NONE, SIDE_RIGHT },	/* the last */
		{ PLAN_POSITION, 0, SIDE_NONE, SIDE_RIGHT },	/* no next */
	};
	const struct area	*calves = area_find("calves");
	struct pstep		 v[nitems(t)];
	struct plan		 p;
	struct area_side	 m;
	size_t			 i;

	(void)state;
	memset(v, 0, sizeof v);
	memset(&p, 0, sizeof p);
	p.v = v;
	p.n = nitems(t);
	for (i = 0; i < p.n; i++) {
		v[i].kind = t[i].kind;
		v[i].area = t[i].calf ? calves : NULL;
		v[i].side = t[i].side;
	}
	for (i = 0; i < p.n; i++) {
		assert_int_equal(plan_halt_mark(&p, i, &m), 1);
		assert_ptr_equal(m.area, calves);
		assert_int_equal(m.side, t[i].want);
		assert_int_equal(m.whole, 1);
	}
	assert_int_equal(plan_halt_mark(&p, p.n, &m), 0);
	assert_null(m.area);
	/* No step on an area: nothing to mark. */
	v[0].kind = PLAN_BREATHE;
	v[1].kind = PLAN_POSITION;
	p.n = 2;
	assert_int_equal(plan_halt_mark(&p, 0, &m), 0);
	assert_int_equal(plan_halt_mark(&p, 1, &m), 0);
	assert_null(m.area);
}

/* The minutes a routine is listed as: rounded up, never down. */
static void
test_minutes(void **state)
{
	(void)state;
	assert_int_equal(plan_minutes(0), 0);
	assert_int_equal(plan_minutes(1), 1);
	assert_int_equal(plan_minutes(60000), 1);
	assert_int_equal(plan_minutes(60001), 2);
	assert_int_equal(plan_minutes(502000), 9);	/* 8:22 */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_press_both_sides_with_reps),
		cmocka_unit_test(test_until_release_counts_at_max),
		cmocka_unit_test(test_roll_sets_and_pass),
		cmocka_unit_test(test_contract_relax_cycles),
		cmocka_unit_test(test_position_breathe_stretch),
		cmocka_unit_test(test_press_breathe_pacer),
		cmocka_unit_test(test_unexpandable),
		cmocka_unit_test(test_doses),
		cmocka_unit_test(test_areas),
		cmocka_unit_test(test_drop),
		cmocka_unit_test(test_drop_setup),
		cmocka_unit_test(test_names_and_format),
		cmocka_unit_test(test_move_and_switch),
		cmocka_unit_test(test_routine_defaults),
		cmocka_unit_test(test_halt_mark),
		cmocka_unit_test(test_minutes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
