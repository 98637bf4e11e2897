/*
 * The session state machine, driven by a fake clock through tables of
 * (action, time) -> (state, step, events). Cue events are checked apart
 * (their exact list belongs to cueplan.c); the tables list the others.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "areas.h"
#include "clock.h"
#include "compat.h"
#include "diag.h"
#include "plan.h"
#include "routine.h"
#include "routine_yaml.h"
#include "run.h"
#include "session.h"

#define MS	SCHED_NS_PER_MS
#define S	SCHED_NS_PER_S
#define T0	(5000 * S)

struct spec {
	enum plan_kind	 kind;
	uint64_t	 ms;
	const char	*area;
	enum side	 side;
	int		 until_release;
	int		 check_pain;
};

struct row {
	enum session_action	 a;
	int			 arg;
	uint64_t		 t_ms;	/* since T0 */
	enum session_state	 state;
	size_t			 step;
	const char		*events;	/* names, cues left out */
};

static struct fake_clock fc;

/* Build a plan from specs, with contiguous offsets. */
static void
make_plan(struct plan *p, const struct spec *sp, size_t n)
{
	size_t		i;
	uint64_t	at = 0;

	memset(p, 0, sizeof *p);
	p->v = calloc(n, sizeof *p->v);
	p->n = n;
	for (i = 0; i < n; i++) {
		p->v[i].kind = sp[i].kind;
		p->v[i].area = sp[i].area ? area_find(sp[i].area) : NULL;
		p->v[i].side = sp[i].side;
		p->v[i].tool = -1;
		p->v[i].start_ms = at;
		p->v[i].duration_ms = sp[i].ms;
		p->v[i].until_release = sp[i].until_release;
		p->v[i].check_pain = sp[i].check_pain;
		p->v[i].rep = p->v[i].nreps = 1;
		p->v[i].pressure = -1;
		p->v[i].is_work = sp[i].kind == PLAN_PRESS ||
		    sp[i].kind == PLAN_ROLL || sp[i].kind == PLAN_CONTRACT ||
		    sp[i].kind == PLAN_RELAX || sp[i].kind == PLAN_PNF_STRETCH;
		at += sp[i].ms;
	}
	p->total_ms = at;
}

/* The non-cue event names of a batch, space-separated. */
static void
names(const struct session_event *ev, size_t n, char *buf, size_t len)
{
	size_t	i;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (ev[i].type == SEV_CUE)
			continue;
		if (buf[0] != '\0')
			strncat(buf, " ", len - strlen(buf) - 1);
		strncat(buf, session_event_name(ev[i].type),
		    len - strlen(buf) - 1);
	}
}

/* Play a table against a fresh session over p. */
static struct session *
run_table(const struct plan *p, const struct row *rows, size_t n)
{
	const struct session_opts	 o = { 3, 1, 0, NULL, 0, NULL };
	const struct session_event	*ev;
	struct session			*s;
	size_t				 i, k;
	char				 got[512];

	s = session_new(p, &o);
	for (i = 0; i < n; i++) {
		fc.mono_ns = T0 + rows[i].t_ms * MS;
		k = session_handle(s, rows[i].a, rows[i].arg,
		    clock_mono_ns(&fc.clock), &ev);
		names(ev, k, got, sizeof got);
		if (strcmp(got, rows[i].events) != 0 ||
		    session_state(s) != rows[i].state ||
		    session_step(s) != rows[i].step) {
			print_error("row %zu: got state %d step %zu events "
			    "'%s'; wanted %d %zu '%s'\n", i, session_state(s),
			    session_step(s), got, rows[i].state, rows[i].step,
			    rows[i].events);
			fail();
		}
	}
	return (s);
}

static const struct spec three[] = {
	{ PLAN_POSITION, 10000, NULL, SIDE_NONE, 0, 0 },
	{ PLAN_PRESS, 30000, "upper-trapezius", SIDE_LEFT, 0, 0 },
	{ PLAN_REST, 10000, NULL, SIDE_NONE, 0, 0 },
};

/* Start, run through, complete; a tick between deadlines does nothing. */
static void
test_complete(void **state)
{
	static const struct row rows[] = {
		{ SA_TICK, 0, 0, SESSION_READY, 0, "" },
		{ SA_START, 0, 0, SESSION_ACTIVE, 0,
		    "session-start step-start" },
		{ SA_TICK, 0, 5000, SESSION_ACTIVE, 0, "" },
		{ SA_TICK, 0, 10003, SESSION_ACTIVE, 1, "step-end step-start" },
		/* A wakeup late past two deadlines crosses both. */
		{ SA_TICK, 0, 51000, SESSION_DONE, 2,
		    "step-end step-start step-end session-end" },
	};
	struct plan	p;

	(void)state;
	make_plan(&p, three, 3);
	session_free(run_table(&p, rows, nitems(rows)));
	free(p.v);
}

/* Pause and resume shift the boundaries by exactly the paused time. */
static void
test_pause_resume(void **state)
{
	static const struct row rows[] = {
		{ SA_START, 0, 0, SESSION_ACTIVE, 0,
		    "session-start step-start" },
		{ SA_TOGGLE, 0, 4000, SESSION_PAUSED, 0, "pause" },
		{ SA_TICK, 0, 30000, SESSION_PAUSED, 0, "" },
		{ SA_NEXT, 0, 30000, SESSION_ACTIVE, 1,
		    "resume skip step-end step-start" },
		{ SA_PAUSE, 0, 35000, SESSION_PAUSED, 1, "pause" },
		{ SA_RESUME, 0, 37500, SESSION_ACTIVE, 1, "resume" },
		{ SA_TICK, 0, 62499, SESSION_ACTIVE, 1, "" },
		{ SA_TICK, 0, 62500, SESSION_ACTIVE, 2,
		    "step-end step-start" },
	};
	const struct session_event	*ev;
	struct plan			 p;
	struct session			*s;
	size_t				 n;

	(void)state;
	make_plan(&p, three, 3);
	s = run_table(&p, rows, nitems(rows));
	/* Step 2 started at 62.5 s: 30 s skip point + 30 s + 2.5 s paused. */
	assert_int_equal(sched_end_ns(session_sched(s)), T0 + 72500 * MS);
	n = session_handle(s, SA_TICK, 0, T0 + 72500 * MS, &ev);
	assert_int_equal(ev[n - 1].type, SEV_SESSION_END);
	assert_int_equal(ev[n - 1].outcome, OUTCOME_COMPLETED);
	assert_int_equal(session_done_ms(s, 1), 30000);
	session_free(s);
	free(p.v);
}

/* The line a batch of events says first: its text and form (1 if any). */
static int
said(const struct session_event *ev, size_t n, char *text, size_t len,
    enum tl_form *f)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (ev[i].type == SEV_SAY) {
			snprintf(text, len, "%s", ev[i].line->text);
			*f = ev[i].line->form;
			return 1;
		}
	return 0;
}

/* A fake voice: 100 ms a byte. */
static uint64_t
voice_bytes(void *ctx, const char *text)
{
	(void)ctx;
	return strlen(text) * 100;
}

/* The step's next line to say: its text, form and time (1 when any). */
static int
next_line(struct session *s, char *text, size_t len, enum tl_form *f,
    uint64_t *at)
{
	struct session_line	*l;
	size_t			 n;

	n = session_pending_lines(s, &l);
	if (n > 0) {
		snprintf(text, len, "%s", l[0].line->text);
		*f = l[0].line->form;
		*at = l[0].at_ns;
	}
	free(l);
	return n > 0;
}

/*
 * v or m back on in the middle of a line (unheard, or heard from its
 * middle on unmute): it ends now, the key's word finds the voice free,
 * and the line is said again after the word and SESSION_AGAIN_MS; between
 * lines, or over a countdown word, nothing is cut.
 */
static void
test_voice_back(void **state)
{
	const struct tl_voice		 v = { voice_bytes, NULL };
	const struct session_opts	 o = { 3, 0, 0, &v, 0, NULL };
	const struct session_event	*ev;
	struct session			*s;
	struct plan			 p;
	enum tl_form			 f0, f;
	uint64_t			 at, now;
	char				 first[256], text[256];
	size_t				 n;

	(void)state;
	make_plan(&p, three, 3);
	s = session_new(&p, &o);
	session_handle(s, SA_START, 0, T0, &ev);
	n = session_handle(s, SA_TICK, 0, T0 + 10000 * MS, &ev);
	assert_true(said(ev, n, first, sizeof first, &f0));
	now = T0 + 10800 * MS;
	session_handle(s, SA_TICK, 0, now, &ev);
	/* Being said: no room for a word. */
	assert_int_equal(session_voice_free_until(s, now), now);
	assert_int_equal(session_voice_back(s, now, 900), 1);
	/* Room for the word now; the line again after it. */
	assert_true(session_voice_free_until(s, now) >= now + 900 * MS);
	assert_true(next_line(s, text, sizeof text, &f, &at));
	assert_int_equal(at, now + (900 + SESSION_AGAIN_MS) * MS);
	assert_string_equal(text, first);
	assert_int_equal(f, f0);
	/* Said out, then v again: nothing is cut. */
	now = at + (strlen(first) * 100 + 500) * MS;
	session_handle(s, SA_TICK, 0, now, &ev);
	assert_int_equal(session_voice_back(s, now, 900), 0);
	session_free(s);
	plan_free(&p);
}

/*
 * A pause, the help or the quit question cuts the line being said (run.c
 * stops the voice): it is said again SESSION_AGAIN_MS after the clock
 * goes on, in the same form when it fits; a pause between lines, or a
 * quit question answered from a pause, adds none.
 */
static void
test_say_again(void **state)
{
	const struct tl_voice		 v = { voice_bytes, NULL };
	const struct session_opts	 o = { 3, 0, 0, &v, 0, NULL };
	const struct session_event	*ev;
	struct session			*s;
	struct plan			 p;
	enum tl_form			 f0, f;
	uint64_t			 at;
	char				 first[256], text[256];
	size_t				 n;

	(void)state;
	make_plan(&p, three, 3);
	s = session_new(&p, &o);
	session_handle(s, SA_START, 0, T0, &ev);
	n = session_handle(s, SA_TICK, 0, T0 + 10000 * MS, &ev);
	assert_int_equal(session_step(s), 1);
	assert_true(said(ev, n, first, sizeof first, &f0));
	assert_true(strlen(first) > 10);	/* 1 s and more to say */
	/* Paused 0.5 s into it, resumed at 20 s: said again at 20.4 s. */
	session_handle(s, SA_TICK, 0, T0 + 10500 * MS, &ev);
	assert_false(next_line(s, text, sizeof text, &f, &at) &&
	    at < T0 + 15000 * MS);
	session_handle(s, SA_TOGGLE, 0, T0 + 10500 * MS, &ev);
	session_handle(s, SA_TOGGLE, 0, T0 + 20000 * MS, &ev);
	assert_true(next_line(s, text, sizeof text, &f, &at));
	assert_int_equal(at, T0 + (20000 + SESSION_AGAIN_MS) * MS);
	assert_string_equal(text, first);
	assert_int_equal(f, f0);
	/* Said out: a pause after it adds nothing. */
	session_handle(s, SA_TICK, 0, T0 + 26000 * MS, &ev);
	session_handle(s, SA_TOGGLE, 0, T0 + 26000 * MS, &ev);
	session_handle(s, SA_TOGGLE, 0, T0 + 27000 * MS, &ev);
	assert_false(next_line(s, text, sizeof text, &f, &at) &&
	    at < T0 + 30000 * MS);
	/* q in the middle of the rest step's line, then n: said again. */
	n = session_handle(s, SA_NEXT, 0, T0 + 28000 * MS, &ev);
	assert_int_equal(session_step(s), 2);
	assert_true(said(ev, n, first, sizeof first, &f0));
	session_handle(s, SA_TICK, 0, T0 + 28100 * MS, &ev);
	session_handle(s, SA_QUIT, 0, T0 + 28100 * MS, &ev);
	session_handle(s, SA_QUIT_NO, 0, T0 + 31000 * MS, &ev);
	assert_true(next_line(s, text, sizeof text, &f, &at));
	assert_int_equal(at, T0 + (31000 + SESSION_AGAIN_MS) * MS);
	assert_string_equal(text, first);
	/* Paused mid-line, q then n: still paused, said again at resume. */
	session_handle(s, SA_TICK, 0, T0 + 31500 * MS, &ev);
	session_handle(s, SA_PAUSE, 0, T0 + 31500 * MS, &ev);
	session_handle(s, SA_QUIT, 0, T0 + 32000 * MS, &ev);
	session_handle(s, SA_QUIT_NO, 0, T0 + 33000 * MS, &ev);
	assert_int_equal(session_state(s), SESSION_PAUSED);
	session_handle(s, SA_RESUME, 0, T0 + 34000 * MS, &ev);
	assert_true(next_line(s, text, sizeof text, &f, &at));
	assert_int_equal(at, T0 + (34000 + SESSION_AGAIN_MS) * MS);
	assert_string_equal(text, first);
	session_free(s);
	free(p.v);
}

/* b restarts the step late in it, goes back early in it; +/-10 s. */
static void
test_back_shift(void **state)
{
	static const struct row rows[] = {
		{ SA_START, 0, 0, SESSION_ACTIVE, 0,
		    "session-start step-start" },
		{ SA_TICK, 0, 10000, SESSION_ACTIVE, 1, "step-end step-start" },
		{ SA_BACK, 0, 12000, SESSION_ACTIVE, 0,
		    "step-end back step-start" },
		{ SA_TICK, 0, 22000, SESSION_ACTIVE, 1, "step-end step-start" },
		{ SA_BACK, 0, 30000, SESSION_ACTIVE, 1,
		    "step-end back step-start" },
		{ SA_PLUS10, 0, 31000, SESSION_ACTIVE, 1, "shift" },
		{ SA_TICK, 0, 50000, SESSION_ACTIVE, 1, "" },
		{ SA_MINUS10, 0, 55000, SESSION_ACTIVE, 1, "shift" },
		{ SA_TICK, 0, 60000, SESSION_ACTIVE, 2, "step-end step-start" },
		/* -10 s with 4 s left ends the step now. */
		{ SA_MINUS10, 0, 66000, SESSION_DONE, 2,
		    "shift step-end session-end" },
	};
	struct plan	p;

	(void)state;
	make_plan(&p, three, 3);
	session_free(run_table(&p, rows, nitems(rows)));
	free(p.v);
}

/* Until release counts up; a key ends it and the rest moves up. */
static void
test_until_release(void **state)
{
	static const struct spec sp[] = {
		{ PLAN_PRESS, 90000, "levator-scapulae", SIDE_LEFT, 1, 0 },
		{ PLAN_REST, 10000, NULL, SIDE_NONE, 0, 0 },
		{ PLAN_PRESS, 60000, "levator-scapulae", SIDE_RIGHT, 1, 0 },
	};
	static const struct row rows[] = {
		{ SA_START, 0, 0, SESSION_ACTIVE, 0,
		    "session-start step-start" },
		{ SA_RELEASE, 0, 12345, SESSION_ACTIVE, 1,
		    "release step-end step-start" },
		{ SA_RELEASE, 0, 13000, SESSION_ACTIVE, 1, "" },
		{ SA_TICK, 0, 22345, SESSION_ACTIVE, 2, "step-end step-start" },
		/* Untouched, it ends by itself at max. */
		{ SA_TICK, 0, 82345, SESSION_DONE, 2, "step-end session-end" },
	};
	struct plan	p;
	struct session	*s;

	(void)state;
	make_plan(&p, sp, 3);
	s = run_table(&p, rows, nitems(rows));
	assert_int_equal(session_done_ms(s, 0), 12345);
	assert_int_equal(session_done_ms(s, 2), 60000);
	session_free(s);
	free(p.v);
}

/*
 * Pain 9 holds the area as a halt does: the stretch on that side goes too
 * (PAIN_STOP_RATING), and a move on no side, the other side's stays; b
 * never goes back to a step on the stopped area.
 */
static void
test_pain_stop_stretch(void **state)
{
	static const struct spec sp[] = {
		{ PLAN_PRESS, 20000, "upper-trapezius", SIDE_LEFT, 0, 1 },
		{ PLAN_STRETCH, 20000, "upper-trapezius", SIDE_LEFT, 0, 0 },
		{ PLAN_MOVE, 9000, "upper-trapezius", SIDE_NONE, 0, 0 },
		{ PLAN_STRETCH, 20000, "upper-trapezius", SIDE_RIGHT, 0, 0 },
	};
	static const struct row rows[] = {
		{ SA_START, 0, 0, SESSION_ACTIVE, 0,
		    "session-start step-start" },
		{ SA_TICK, 0, 20000, SESSION_PAIN, 0, "step-end pain-ask" },
		{ SA_PAIN, PAIN_STOP_RATING + 1, 21000, SESSION_ACTIVE, 3,
		    "pain area-stop step-start" },
		/* b does not go back to the press on the stopped area. */
		{ SA_BACK, 0, 22000, SESSION_ACTIVE, 3,
		    "step-end back step-start" },
		{ SA_TICK, 0, 42000, SESSION_DONE, 3,
		    "step-end session-end" },
	};
	struct plan	p;
	struct session	*s;

	(void)state;
	make_plan(&p, sp, nitems(sp));
	s = run_table(&p, rows, nitems(rows));
	assert_true(session_dropped(s, 1));
	assert_true(session_dropped(s, 2));	/* no side: this side too */
	assert_false(session_dropped(s, 0));	/* done, not dropped */
	assert_false(session_dropped(s, 3));
	assert_int_equal(session_done_ms(s, 0), 20000);
	assert_int_equal(session_done_ms(s, 3), 21000);	/* 1 s, b, 20 s */
	session_free(s);
	free(p.v);
}

/*
 * The pain question unanswered is asked again every 30 s, three times,
 * then the session only waits; the quit question answered no puts the
 * next one 30 s after it; a rating ends the asking.
 */
static void
test_pain_again(void **state)
{
	static const struct spec sp[] = {
		{ PLAN_PRESS, 20000, "upper-trapezius", SIDE_LEFT, 0, 1 },
		{ PLAN_REST, 10000, NULL, SIDE_NONE, 0, 0 },
	};
	static const struct row rows[] = {
		{ SA_START, 0, 0, SESSION_ACTIVE, 0,
		    "session-start step-start" },
		{ SA_TICK, 0, 20000, SESSION_PAIN, 0, "step-end pain-ask" },
		{ SA_TICK, 0, 49999, SESSION_PAIN, 0, "" },
		{ SA_TICK, 0, 50000, SESSION_PAIN, 0, "pain-ask" },
		{ SA_QUIT, 0, 60000, SESSION_QUIT_ASK, 0, "quit-ask" },
		/* The quit question cut the question: asked again at once. */
		{ SA_QUIT_NO, 0, 70000, SESSION_PAIN, 0,
		    "quit-cancel pain-ask" },
		{ SA_TICK, 0, 80000, SESSION_PAIN, 0, "" },
		{ SA_TICK, 0, 100000, SESSION_PAIN, 0, "pain-ask" },
		{ SA_TICK, 0, 130000, SESSION_PAIN, 0, "pain-ask" },
		{ SA_TICK, 0, 400000, SESSION_PAIN, 0, "" },
	};
	const struct session_event	*ev;
	struct plan			 p;
	struct session			*s;
	size_t				 n;

	(void)state;
	make_plan(&p, sp, nitems(sp));
	s = run_table(&p, rows, nitems(rows));
	assert_int_equal(session_next_wake(s, T0 + 400000 * MS), SCHED_NEVER);
	n = session_handle(s, SA_PAIN, 2, T0 + 401000 * MS, &ev);
	assert_true(n > 0);
	assert_int_equal(session_state(s), SESSION_ACTIVE);
	assert_int_equal(session_step(s), 1);
	session_free(s);
	free(p.v);
	/* Which time it is asked is in the event's value. */
	make_plan(&p, sp, nitems(sp));
	s = session_new(&p, &(const struct session_opts){ 3, 1, 0, NULL, 0, NULL });
	session_handle(s, SA_START, 0, T0, &ev);
	n = session_handle(s, SA_TICK, 0, T0 + 20000 * MS, &ev);
	assert_int_equal(ev[n - 1].type, SEV_PAIN_ASK);
	assert_int_equal(ev[n - 1].value, 0);
	assert_int_equal(session_next_wake(s, T0 + 20000 * MS),
	    T0 + 50000 * MS);
	n = session_handle(s, SA_TICK, 0, T0 + 50500 * MS, &ev);
	assert_int_equal(n, 1);
	assert_int_equal(ev[0].type, SEV_PAIN_ASK);
	assert_int_equal(ev[0].value, 1);
	assert_int_equal(ev[0].at_ns, T0 + 50500 * MS);
	assert_int_equal(session_next_wake(s, T0 + 50500 * MS),
	    T0 + 80500 * MS);
	session_free(s);
	free(p.v);
}

/* Both sides with reps: pain 9 on the left drops the left reps only. */
static void
test_pain_stop(void **state)
{
	static const struct spec sp[] = {
		{ PLAN_PRESS, 20000, "upper-trapezius", SIDE_LEFT, 0, 1 },
		{ PLAN_RELEASE, 5000, "upper-trapezius", SIDE_LEFT, 0, 0 },
		{ PLAN_PRESS, 20000, "upper-trapezius", SIDE_LEFT, 0, 1 },
		{ PLAN_SWITCH, 5000, "upper-trapezius", SIDE_RIGHT, 0, 0 },
		{ PLAN_PRESS, 20000, "upper-trapezius", SIDE_RIGHT, 0, 1 },
		{ PLAN_RELEASE, 5000, "upper-trapezius", SIDE_RIGHT, 0, 0 },
		{ PLAN_PRESS, 20000, "upper-trapezius", SIDE_RIGHT, 0, 1 },
	};
	static const struct row rows[] = {
		{ SA_START, 0, 0, SESSION_ACTIVE, 0,
		    "session-start step-start" },
		{ SA_TICK, 0, 20000, SESSION_PAIN, 0, "step-end pain-ask" },
		/* Waiting for the rating holds the timeline. */
		{ SA_TICK, 0, 40000, SESSION_PAIN, 0, "" },
		{ SA_TOGGLE, 0, 40000, SESSION_PAIN, 0, "" },
		{ SA_PAIN, 11, 40000, SESSION_PAIN, 0, "" },
		{ SA_PAIN, 9, 41000, SESSION_ACTIVE, 3,
		    "pain area-stop step-start" },
		{ SA_TICK, 0, 46000, SESSION_ACTIVE, 4, "step-end step-start" },
		{ SA_TICK, 0, 66000, SESSION_PAIN, 4, "step-end pain-ask" },
		{ SA_PAIN, 3, 67000, SESSION_ACTIVE, 5,
		    "pain step-start" },
		/* q asks; no cancels; the confirmed quit stops. */
		{ SA_QUIT, 0, 68000, SESSION_QUIT_ASK, 5, "quit-ask" },
		{ SA_TICK, 0, 99000, SESSION_QUIT_ASK, 5, "" },
		{ SA_QUIT_NO, 0, 99000, SESSION_ACTIVE, 5, "quit-cancel" },
		{ SA_TICK, 0, 103000, SESSION_ACTIVE, 6,
		    "step-end step-start" },
		{ SA_QUIT, 0, 104000, SESSION_QUIT_ASK, 6, "quit-ask" },
		{ SA_QUIT_YES, 0, 105000, SESSION_DONE, 6,
		    "step-end session-end" },
	};
	struct plan	p;
	struct session	*s;

	(void)state;
	make_plan(&p, sp, nitems(sp));
	s = run_table(&p, rows, nitems(rows));
	assert_true(session_dropped(s, 1));
	assert_true(session_dropped(s, 2));
	assert_false(session_dropped(s, 3));
	assert_false(session_dropped(s, 4));
	assert_int_equal(session_pain(s, 0), 9);
	assert_int_equal(session_pain(s, 4), 3);
	assert_int_equal(session_outcome(s), OUTCOME_STOPPED);
	assert_string_equal(session_outcome_name(session_outcome(s)),
	    "stopped");
	session_free(s);
	free(p.v);
}

/*
 * The screen's clock after a pain stop: a step on the stopped area still
 * ahead (the left stretch after the right press) leaves the session's
 * length as it now stands, and the session bar's share.
 */
static void
test_clock_after_stop(void **state)
{
	static const struct spec sp[] = {
		{ PLAN_PRESS, 20000, "upper-trapezius", SIDE_LEFT, 0, 1 },
		{ PLAN_PRESS, 20000, "upper-trapezius", SIDE_RIGHT, 0, 0 },
		{ PLAN_STRETCH, 30000, "upper-trapezius", SIDE_LEFT, 0, 0 },
	};
	static const struct row rows[] = {
		{ SA_START, 0, 0, SESSION_ACTIVE, 0,
		    "session-start step-start" },
		{ SA_TICK, 0, 20000, SESSION_PAIN, 0, "step-end pain-ask" },
		{ SA_PAIN, 9, 21000, SESSION_ACTIVE, 1,
		    "pain area-stop step-start" },
	};
	struct plan	 p;
	struct session	*s;
	uint64_t	 done, total;
	size_t		 num, nrun;

	(void)state;
	make_plan(&p, sp, nitems(sp));
	s = run_table(&p, rows, nitems(rows));
	assert_true(session_dropped(s, 2));
	session_clock(s, T0 + 31000 * MS, &done, &total);
	assert_int_equal(done, 30 * S);
	assert_int_equal(total, 40 * S);	/* 70 s less the stretch */
	assert_int_equal(session_progress(s, T0 + 31000 * MS), 750);
	/* And its step count: 2 of 2 that run, not 2 of 3. */
	session_step_count(s, session_step(s), &num, &nrun);
	assert_int_equal(num, 2);
	assert_int_equal(nrun, 2);
	/* sched's own clock still counts the stretch. */
	sched_clock(session_sched(s), T0 + 31000 * MS, &done, &total);
	assert_int_equal(total, 70 * S);
	session_free(s);
	free(p.v);
}

/*
 * b in the first seconds of a step goes back past a step that ran on an
 * area a pain rating stopped; the session then never runs that step again
 * (session_after skips it as it skips what the stop dropped).
 */
static void
test_back_past_stopped(void **state)
{
	static const struct spec sp[] = {
		{ PLAN_ROLL, 20000, "calves", SIDE_LEFT, 0, 0 },
		{ PLAN_PRESS, 20000, "hamstrings", SIDE_LEFT, 0, 1 },
		{ PLAN_ROLL, 20000, "calves", SIDE_RIGHT, 0, 0 },
	};
	static const struct row rows[] = {
		{ SA_START, 0, 0, SESSION_ACTIVE, 0,
		    "session-start step-start" },
		{ SA_TICK, 0, 20000, SESSION_ACTIVE, 1, "step-end step-start" },
		{ SA_TICK, 0, 40000, SESSION_PAIN, 1, "step-end pain-ask" },
		{ SA_PAIN, 8, 41000, SESSION_ACTIVE, 2,
		    "pain area-stop step-start" },
		/* 1 s in: back past the stopped press to the left roll. */
		{ SA_BACK, 0, 42000, SESSION_ACTIVE, 0,
		    "step-end back step-start" },
		/* Its end goes on to the right roll, not the press. */
		{ SA_TICK, 0, 62000, SESSION_ACTIVE, 2, "step-end step-start" },
		{ SA_TICK, 0, 82000, SESSION_DONE, 2, "step-end session-end" },
	};
	struct plan	 p;

	(void)state;
	make_plan(&p, sp, nitems(sp));
	session_free(run_table(&p, rows, nitems(rows)));
	free(p.v);
}

/* ! ends the session at once with outcome halted, even while paused. */
static void
test_stop_now(void **state)
{
	static const struct row rows[] = {
		{ SA_STOP_NOW, 0, 0, SESSION_READY, 0, "" },
		{ SA_START, 0, 0, SESSION_ACTIVE, 0,
		    "session-start step-start" },
		{ SA_TICK, 0, 10000, SESSION_ACTIVE, 1, "step-end step-start" },
		{ SA_TOGGLE, 0, 15000, SESSION_PAUSED, 1, "pause" },
		{ SA_STOP_NOW, 0, 16000, SESSION_DONE, 1,
		    "step-end session-end" },
		{ SA_TOGGLE, 0, 17000, SESSION_DONE, 1, "" },
	};
	struct plan	p;
	struct session	*s;

	(void)state;
	make_plan(&p, three, 3);
	s = run_table(&p, rows, nitems(rows));
	assert_int_equal(session_outcome(s), OUTCOME_HALTED);
	assert_int_equal(session_done_ms(s, 1), 5000);
	session_free(s);
	free(p.v);
}

/*
 * A signal (a closed terminal, a shutdown) ends the session as
 * interrupted, not as the user's quit: the step's time done is kept, at
 * the quit question too; before the start it is a stop (nothing ran).
 */
static void
test_interrupt(void **state)
{
	static const struct row rows[] = {
		{ SA_START, 0, 0, SESSION_ACTIVE, 0,
		    "session-start step-start" },
		{ SA_TICK, 0, 10000, SESSION_ACTIVE, 1, "step-end step-start" },
		{ SA_QUIT, 0, 14000, SESSION_QUIT_ASK, 1, "quit-ask" },
		{ SA_SIGNAL_END, 0, 20000, SESSION_DONE, 1,
		    "step-end session-end" },
		{ SA_SIGNAL_END, 0, 21000, SESSION_DONE, 1, "" },
	};
	static const struct row before[] = {
		{ SA_SIGNAL_END, 0, 0, SESSION_DONE, 0, "session-end" },
	};
	struct plan	p;
	struct session	*s;

	(void)state;
	make_plan(&p, three, 3);
	s = run_table(&p, rows, nitems(rows));
	assert_int_equal(session_outcome(s), OUTCOME_INTERRUPTED);
	assert_string_equal(session_outcome_name(session_outcome(s)),
	    "interrupted");
	/* The quit question paused the clock at 14 s: 4 s of step 1. */
	assert_int_equal(session_done_ms(s, 1), 4000);
	session_free(s);
	s = run_table(&p, before, nitems(before));
	assert_int_equal(session_outcome(s), OUTCOME_STOPPED);
	session_free(s);
	free(p.v);
}

/* Screening: all no starts nothing yet; any yes ends before the start. */
static void
test_screen(void **state)
{
	static const struct row no_rows[] = {
		{ SA_START, 0, 0, SESSION_SCREEN, 0, "" },
		{ SA_SCREEN, 0, 0, SESSION_SCREEN, 0, "screen-ask" },
		{ SA_SCREEN, 0, 0, SESSION_READY, 0, "screen-clear" },
		{ SA_START, 0, 0, SESSION_ACTIVE, 0,
		    "session-start step-start" },
		/* n pressed twice for the last no: the first step stays. */
		{ SA_NEXT, 0, 999, SESSION_ACTIVE, 0, "" },
		{ SA_NEXT, 0, 1000, SESSION_ACTIVE, 1,
		    "skip step-end step-start" },
		/* n for "go on" at the quit question, twice: one skip only. */
		{ SA_QUIT, 0, 2000, SESSION_QUIT_ASK, 1, "quit-ask" },
		{ SA_QUIT_NO, 0, 3000, SESSION_ACTIVE, 1, "quit-cancel" },
		{ SA_NEXT, 0, 3500, SESSION_ACTIVE, 1, "" },
		{ SA_NEXT, 0, 4000, SESSION_ACTIVE, 2,
		    "skip step-end step-start" },
	};
	static const struct row yes_rows[] = {
		{ SA_SCREEN, 0, 0, SESSION_SCREEN, 0, "screen-ask" },
		{ SA_SCREEN, 1, 0, SESSION_DONE, 0, "session-end" },
		{ SA_START, 0, 0, SESSION_DONE, 0, "" },
	};
	/* Input ended at the first question: screened out, not a yes. */
	static const struct row none_rows[] = {
		{ SA_SCREEN, 2, 0, SESSION_DONE, 0, "session-end" },
		{ SA_START, 0, 0, SESSION_DONE, 0, "" },
	};
	static char	 q1[] = "numb?", q2[] = "tingling?";
	char		*qs[] = { q1, q2 };
	struct routine	 r;
	struct plan	 p;
	struct session	*s;

	(void)state;
	memset(&r, 0, sizeof r);
	r.screen = qs;
	r.nscreen = 2;
	make_plan(&p, three, 3);
	p.routine = &r;
	s = run_table(&p, no_rows, nitems(no_rows));
	assert_string_equal(session_screen_answers(s)[1], "no");
	assert_null(session_screen_answers(s)[2]);
	session_free(s);
	s = run_table(&p, yes_rows, nitems(yes_rows));
	assert_int_equal(session_outcome(s), OUTCOME_SCREENED);
	assert_string_equal(session_screen_answers(s)[1], "yes");
	session_free(s);
	s = run_table(&p, none_rows, nitems(none_rows));
	assert_int_equal(session_outcome(s), OUTCOME_SCREENED);
	assert_string_equal(session_screen_answers(s)[0], "no answer");
	assert_null(session_screen_answers(s)[1]);
	session_free(s);
	free(p.v);
}

/* Cues fire at their times, once; pending cues follow a pause. */
static void
test_cues(void **state)
{
	const struct session_opts	 o = { 3, 1, 0, NULL, 0, NULL };
	const struct session_event	*ev;
	struct session_cue		*pc;
	struct plan			 p;
	struct session			*s;
	size_t				 n, i, ticks = 0;

	(void)state;
	make_plan(&p, three, 3);
	s = session_new(&p, &o);
	n = session_handle(s, SA_START, 0, T0, &ev);
	assert_int_equal(ev[n - 1].type, SEV_CUE);	/* the start cue */
	session_handle(s, SA_TICK, 0, T0 + 10 * S, &ev);
	n = session_pending_cues(s, &pc);
	assert_true(n >= 3);
	assert_int_equal(pc[n - 1].cue, CUE_TICK);
	assert_int_equal(pc[n - 1].at_ns, T0 + 39 * S);
	free(pc);
	session_handle(s, SA_PAUSE, 0, T0 + 20 * S, &ev);
	assert_int_equal(session_pending_cues(s, &pc), 0);
	assert_null(pc);
	assert_int_equal(session_next_wake(s, T0 + 20 * S), SCHED_NEVER);
	session_handle(s, SA_RESUME, 0, T0 + 25 * S, &ev);
	n = session_pending_cues(s, &pc);
	assert_int_equal(pc[n - 1].at_ns, T0 + 44 * S);
	free(pc);
	/* Step through every wakeup: each tick cue exactly once. */
	while (session_state(s) == SESSION_ACTIVE && session_step(s) == 1) {
		uint64_t t = session_next_wake(s, fc.mono_ns);
		fc.mono_ns = t;
		n = session_handle(s, SA_TICK, 0, t, &ev);
		for (i = 0; i < n; i++)
			ticks += ev[i].type == SEV_CUE &&
			    ev[i].value == CUE_TICK;
	}
	assert_int_equal(ticks, 3);
	session_free(s);
	free(p.v);
}

/*
 * No drift: a 30-minute plan stepped by next_wake with 0..40 ms late
 * wakeups; every step-start is due exactly on its plan offset and the
 * wakeups average no more than about 2 a second.
 */
static void
test_no_drift(void **state)
{
	enum { N = 120 };
	const struct session_opts	 o = { 3, 1, 0, NULL, 0, NULL };
	const struct session_event	*ev;
	struct spec			 sp[N];
	struct plan			 p;
	struct session			*s;
	uint64_t			 now = T0, wakeups = 0;
	size_t				 i, n;

	(void)state;
	for (i = 0; i < N; i++) {
		sp[i].kind = i % 3 == 0 ? PLAN_SWITCH : PLAN_PRESS;
		sp[i].ms = i % 3 == 0 ? 5000 : 20000 + (i % 7) * 1000;
		sp[i].area = "calves";
		sp[i].side = i % 2 ? SIDE_LEFT : SIDE_RIGHT;
		sp[i].until_release = 0;
		sp[i].check_pain = 0;
	}
	make_plan(&p, sp, N);
	assert_true(p.total_ms >= 30 * 60 * 1000);
	s = session_new(&p, &o);
	session_handle(s, SA_START, 0, now, &ev);
	while (session_state(s) == SESSION_ACTIVE) {
		now = session_next_wake(s, now) + (wakeups * 7919) % 40 * MS;
		wakeups++;
		n = session_handle(s, SA_TICK, 0, now, &ev);
		for (i = 0; i < n; i++) {
			if (ev[i].type == SEV_STEP_START)
				assert_int_equal(ev[i].at_ns,
				    T0 + p.v[ev[i].step].start_ms * MS);
		}
	}
	assert_int_equal(session_outcome(s), OUTCOME_COMPLETED);
	assert_true(wakeups * 1000 / p.total_ms <= 2);
	session_free(s);
	free(p.v);
}

/* Every cue of a batch as "name@ms" (time since T0), space-separated. */
static void
cue_list(const struct session_event *ev, size_t n, char *buf, size_t len)
{
	size_t	i, k;

	for (i = 0; i < n; i++) {
		if (ev[i].type != SEV_CUE)
			continue;
		k = strlen(buf);
		snprintf(buf + k, len - k, "%s%s@%llu", k > 0 ? " " : "",
		    cue_name((enum cue)ev[i].value),
		    (unsigned long long)((ev[i].at_ns - T0) / MS));
	}
}

/*
 * Releasing an until-release hold early sounds none of its countdown
 * ticks (they belonged to the max): only the next step's start cue.
 */
static void
test_release_no_burst(void **state)
{
	static const struct spec sp[] = {
		{ PLAN_PRESS, 30000, "levator-scapulae", SIDE_RIGHT, 1, 0 },
		{ PLAN_REST, 5000, NULL, SIDE_NONE, 0, 0 },
	};
	const struct session_opts	 o = { 3, 1, 0, NULL, 0, NULL };
	const struct session_event	*ev;
	struct plan			 p;
	struct session			*s;
	char				 got[512] = "";
	size_t				 n;

	(void)state;
	make_plan(&p, sp, nitems(sp));
	s = session_new(&p, &o);
	session_handle(s, SA_START, 0, T0, &ev);
	n = session_handle(s, SA_RELEASE, 0, T0 + 4500 * MS, &ev);
	cue_list(ev, n, got, sizeof got);
	assert_string_equal(got, "rest@4500");
	session_free(s);
	free(p.v);
}

/*
 * +/-10 s keep the audio pacer on the screen's pacer (both count from the
 * step's start) and the countdown ticks on the new end; +10 s carries the
 * breathing cues on into the added time, and nothing sounds twice.
 */
static void
test_shift_cues(void **state)
{
	static const struct spec sp[] = {
		{ PLAN_BREATHE, 30000, NULL, SIDE_NONE, 0, 0 },
		{ PLAN_REST, 5000, NULL, SIDE_NONE, 0, 0 },
	};
	const struct session_opts	 o = { 3, 0, 0, NULL, 0, NULL };
	const struct session_event	*ev;
	struct plan			 p;
	struct session			*s;
	char				 got[1024];
	uint64_t			 t;
	size_t				 n;

	(void)state;
	make_plan(&p, sp, nitems(sp));
	p.v[0].inhale_ms = 3000;	/* an 8 s breath */
	p.v[0].exhale_ms = 5000;
	s = session_new(&p, &o);
	session_handle(s, SA_START, 0, T0, &ev);
	fc.mono_ns = T0 + 12000 * MS;
	session_handle(s, SA_TICK, 0, fc.mono_ns, &ev);
	session_handle(s, SA_PLUS10, 0, fc.mono_ns, &ev);
	got[0] = '\0';
	while (session_step(s) == 0) {
		t = session_next_wake(s, fc.mono_ns);
		fc.mono_ns = t;
		n = session_handle(s, SA_TICK, 0, t, &ev);
		cue_list(ev, n, got, sizeof got);
	}
	assert_string_equal(got, "inhale@16000 exhale@19000 inhale@24000 "
	    "exhale@27000 inhale@32000 exhale@35000 tick@37000 tick@38000 "
	    "tick@39000 rest@40000");
	session_free(s);

	/* -10 s: the ticks move with the end; the pacer does not. */
	s = session_new(&p, &o);
	session_handle(s, SA_START, 0, T0, &ev);
	fc.mono_ns = T0 + 12000 * MS;
	session_handle(s, SA_MINUS10, 0, fc.mono_ns, &ev);
	got[0] = '\0';
	while (session_step(s) == 0) {
		t = session_next_wake(s, fc.mono_ns);
		fc.mono_ns = t;
		n = session_handle(s, SA_TICK, 0, t, &ev);
		cue_list(ev, n, got, sizeof got);
	}
	assert_string_equal(got, "inhale@16000 tick@17000 tick@18000 "
	    "tick@19000 rest@20000");
	session_free(s);
	free(p.v);
}

/*
 * ! works from every prompt: from the quit question asked during a pain
 * prompt it halts, and the finished step's time is counted once.
 */
static void
test_stop_from_prompts(void **state)
{
	static const struct spec sp[] = {
		{ PLAN_PRESS, 20000, "upper-trapezius", SIDE_LEFT, 0, 1 },
		{ PLAN_REST, 5000, NULL, SIDE_NONE, 0, 0 },
	};
	static const struct row rows[] = {
		{ SA_START, 0, 0, SESSION_ACTIVE, 0,
		    "session-start step-start" },
		{ SA_TICK, 0, 20000, SESSION_PAIN, 0, "step-end pain-ask" },
		{ SA_QUIT, 0, 21000, SESSION_QUIT_ASK, 0, "quit-ask" },
		{ SA_STOP_NOW, 0, 25000, SESSION_DONE, 0, "session-end" },
	};
	static const struct row rows2[] = {
		{ SA_START, 0, 0, SESSION_ACTIVE, 0,
		    "session-start step-start" },
		{ SA_QUIT, 0, 7000, SESSION_QUIT_ASK, 0, "quit-ask" },
		{ SA_STOP_NOW, 0, 9000, SESSION_DONE, 0,
		    "step-end session-end" },
	};
	struct plan	p;
	struct session	*s;

	(void)state;
	make_plan(&p, sp, nitems(sp));
	s = run_table(&p, rows, nitems(rows));
	assert_int_equal(session_outcome(s), OUTCOME_HALTED);
	assert_int_equal(session_done_ms(s, 0), 20000);
	session_free(s);
	s = run_table(&p, rows2, nitems(rows2));
	assert_int_equal(session_outcome(s), OUTCOME_HALTED);
	assert_int_equal(session_done_ms(s, 0), 7000);
	session_free(s);
	free(p.v);
}

/* Routine text never reaches the terminal with a control sequence. */
static void
test_clean(void **state)
{
	char	out[64];

	(void)state;
	diag_clean("caf\xc3\xa9 \xe2\x86\x92 ok", out, sizeof out);
	assert_string_equal(out, "caf\xc3\xa9 \xe2\x86\x92 ok");
	diag_clean("a\x1b[2Jb\x07", out, sizeof out);
	assert_string_equal(out, "a?[2Jb?");
	/* C1 CSI (U+009B) in UTF-8, a lone continuation, an overlong. */
	diag_clean("x\xc2\x9b" "1m\x80y\xc0\xafz", out, sizeof out);
	assert_string_equal(out, "x?1m?y??z");
	/* Cut on a character boundary, never in the middle of one. */
	diag_clean("\xc3\xa9\xc3\xa9\xc3\xa9", out, 4);
	assert_string_equal(out, "\xc3\xa9");
}

/* Press + until it stops; returns the step's length in ms and the reason. */
static uint64_t
plus_until_stop(const struct plan *p, const char **why, int *cap_s)
{
	const struct session_opts	 o = { 3, 0, 0, NULL, 0, NULL };
	const struct session_event	*ev;
	struct session			*s;
	size_t				 n, i, k;
	uint64_t			 len;

	s = session_new(p, &o);
	session_handle(s, SA_START, 0, T0, &ev);
	*why = NULL;
	for (k = 0; k < 30 && *why == NULL; k++) {
		n = session_handle(s, SA_PLUS10, 0, T0 + 1000 * MS, &ev);
		for (i = 0; i < n; i++)
			if (ev[i].type == SEV_SHIFT && ev[i].why != NULL) {
				*why = ev[i].why;
				*cap_s = ev[i].cap_s;
			}
	}
	len = sched_length_ns(session_sched(s), T0 + 1000 * MS) / MS;
	session_free(s);
	return len;
}

/* Issue 12: + never takes a step past DOMAIN's ceiling for its kind. */
static void
test_plus_ceiling(void **state)
{
	static const struct spec press[] = {
		{ PLAN_PRESS, 30000, "upper-trapezius", SIDE_LEFT, 0, 0 } };
	static const struct spec roll[] = {
		{ PLAN_ROLL, 60000, "calves", SIDE_LEFT, 0, 0 } };
	static const struct spec until[] = {
		{ PLAN_PRESS, 45000, "calves", SIDE_LEFT, 1, 0 } };
	static const char gentle[] = "knead: 1\nid: g\ntitle: G\n"
	    "intensity: gentle\nsteps:\n  - press:\n      area: calves\n"
	    "      side: left\n      tool: tennis-ball\n      time: 30s\n";
	struct diag_list	 dl;
	struct routine		*r;
	struct plan		 p;
	const char		*why;
	int			 cap = 0;

	(void)state;
	make_plan(&p, press, 1);
	assert_int_equal(plus_until_stop(&p, &why, &cap), 90000);
	assert_non_null(why);
	assert_int_equal(cap, 90);
	free(p.v);
	make_plan(&p, roll, 1);
	assert_int_equal(plus_until_stop(&p, &why, &cap), 180000);
	assert_int_equal(cap, 180);
	free(p.v);
	make_plan(&p, until, 1);
	assert_int_equal(plus_until_stop(&p, &why, &cap), 45000);
	assert_string_equal(why, "the press's max");
	free(p.v);

	/* A gentle routine: no hold of more than 60 s (that is deep work). */
	diag_init(&dl);
	r = routine_load_string("g.yaml", gentle, strlen(gentle), &dl);
	assert_non_null(r);
	make_plan(&p, press, 1);
	p.routine = r;
	assert_int_equal(plus_until_stop(&p, &why, &cap), 59000);
	assert_non_null(strstr(why, "deep work"));
	free(p.v);
	/* ...and no more than 2 minutes of work on one spot. */
	make_plan(&p, roll, 1);
	p.routine = r;
	assert_int_equal(plus_until_stop(&p, &why, &cap), 120000);
	assert_non_null(strstr(why, "more than 2 minutes"));
	free(p.v);
	routine_free(r);
	diag_clear(&dl);
}

/*
 * b and + never take a spot past the validator's per-session dose (3
 * holds, 180 s of pressure on one area and side): b restarts a hold while
 * the holds done, this one and those still planned stay within 3, then
 * says why and lets the step go on; a run of 3 s or less is no hold; a
 * step with no side counts for both sides; + stops where the spot's
 * pressure, done and planned, would pass 180 s.
 */
static void
test_back_dose(void **state)
{
	static const struct spec one[] = {
		{ PLAN_PRESS, 30000, "calves", SIDE_LEFT, 0, 0 } };
	static const struct row rows[] = {
		{ SA_START, 0, 0, SESSION_ACTIVE, 0,
		    "session-start step-start" },
		/* 10 s in: the second hold. */
		{ SA_BACK, 0, 10000, SESSION_ACTIVE, 0,
		    "step-end back step-start" },
		/* 2 s in: no hold (within the grace); then the third. */
		{ SA_BACK, 0, 12000, SESSION_ACTIVE, 0,
		    "step-end back step-start" },
		{ SA_BACK, 0, 22000, SESSION_ACTIVE, 0,
		    "step-end back step-start" },
		/* A fourth hold: refused, the third goes on to its end. */
		{ SA_BACK, 0, 32000, SESSION_ACTIVE, 0, "back" },
		/* Refused in a pause, it stays a pause. */
		{ SA_PAUSE, 0, 33000, SESSION_PAUSED, 0, "pause" },
		{ SA_BACK, 0, 34000, SESSION_PAUSED, 0, "back" },
		{ SA_RESUME, 0, 35000, SESSION_ACTIVE, 0, "resume" },
		{ SA_TICK, 0, 54000, SESSION_DONE, 0,
		    "step-end session-end" },
	};
	static const struct spec rolls[] = {
		{ PLAN_ROLL, 60000, "calves", SIDE_LEFT, 0, 0 },
		{ PLAN_ROLL, 60000, "calves", SIDE_NONE, 0, 0 } };
	static const struct spec presses[] = {
		{ PLAN_PRESS, 50000, "calves", SIDE_LEFT, 0, 0 },
		{ PLAN_PRESS, 50000, "calves", SIDE_RIGHT, 0, 0 },
		{ PLAN_PRESS, 50000, "calves", SIDE_LEFT, 0, 0 },
		{ PLAN_PRESS, 50000, "calves", SIDE_LEFT, 0, 0 } };
	static const struct spec roll_cr[] = {
		{ PLAN_ROLL, 100000, "hamstrings", SIDE_LEFT, 0, 0 },
		{ PLAN_CONTRACT, 5000, "hamstrings", SIDE_LEFT, 0, 0 },
		{ PLAN_RELAX, 5000, "hamstrings", SIDE_LEFT, 0, 0 },
		{ PLAN_PNF_STRETCH, 60000, "hamstrings", SIDE_LEFT, 0, 0 } };
	static const struct spec lrn[] = {
		{ PLAN_PRESS, 10000, "rhomboids", SIDE_LEFT, 0, 0 },
		{ PLAN_PRESS, 10000, "rhomboids", SIDE_RIGHT, 0, 0 },
		{ PLAN_PRESS, 10000, "rhomboids", SIDE_NONE, 0, 0 } };
	const struct session_opts	 o = { 3, 0, 0, NULL, 0, NULL };
	const struct session_event	*ev;
	struct session			*s;
	struct plan			 p;
	const char			*why;
	size_t				 n;
	int				 cap = 0;

	(void)state;
	make_plan(&p, one, 1);
	session_free(run_table(&p, rows, nitems(rows)));
	free(p.v);

	/* Two rolls of 60 s on the left calf (the second on no side). */
	make_plan(&p, rolls, 2);
	s = session_new(&p, &o);
	session_handle(s, SA_START, 0, T0, &ev);
	/* 50 + 60 again + 60 = 170 s: allowed. */
	n = session_handle(s, SA_BACK, 0, T0 + 50000 * MS, &ev);
	assert_true(n >= 3);
	assert_int_equal(ev[2].type, SEV_STEP_START);
	/* 50 + 20 + 60 again + 60 = 190 s: refused, and why. */
	n = session_handle(s, SA_BACK, 0, T0 + 70000 * MS, &ev);
	assert_int_equal(n, 1);
	assert_int_equal(ev[0].type, SEV_BACK);
	assert_int_equal(ev[0].value, SESSION_DOSE_PRESSURE);
	assert_non_null(ev[0].why);
	assert_non_null(strstr(ev[0].why, "3 minutes of pressure"));
	session_free(s);
	free(p.v);

	/* + on the first of three 50 s holds on the left calf: 150 s
	 * planned leaves 30 s, so 80 s; the right side is another spot. */
	make_plan(&p, presses, 4);
	assert_int_equal(plus_until_stop(&p, &why, &cap), 80000);
	assert_non_null(strstr(why, "3 minutes of pressure"));
	assert_int_equal(cap, 80);
	free(p.v);
	make_plan(&p, presses + 1, 1);
	assert_int_equal(plus_until_stop(&p, &why, &cap), 90000);
	assert_non_null(strstr(why, "longest hold"));
	free(p.v);

	/* Contract-relax is work on the spot too: a 100 s roll before 70 s
	 * of it grows to 110 s, not to the roll's 180. */
	make_plan(&p, roll_cr, nitems(roll_cr));
	assert_int_equal(plus_until_stop(&p, &why, &cap), 110000);
	assert_non_null(strstr(why, "3 minutes of pressure"));
	free(p.v);

	/* A step with no side counts for each side on its own: left, right,
	 * then both; b 5 s into the last makes 3 holds a side, allowed. */
	make_plan(&p, lrn, nitems(lrn));
	s = session_new(&p, &o);
	session_handle(s, SA_START, 0, T0, &ev);
	session_handle(s, SA_TICK, 0, T0 + 20000 * MS, &ev);
	assert_int_equal(session_step(s), 2);
	n = session_handle(s, SA_BACK, 0, T0 + 25000 * MS, &ev);
	assert_true(n >= 3);
	assert_int_equal(ev[2].type, SEV_STEP_START);
	/* And again: a fourth hold on each side, refused. */
	n = session_handle(s, SA_BACK, 0, T0 + 30000 * MS, &ev);
	assert_int_equal(n, 1);
	assert_non_null(strstr(ev[0].why, "3 holds"));
	session_free(s);
	free(p.v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_pause_resume),
		cmocka_unit_test(test_say_again),
		cmocka_unit_test(test_voice_back),
		cmocka_unit_test(test_back_shift),
		cmocka_unit_test(test_plus_ceiling),
		cmocka_unit_test(test_back_dose),
		cmocka_unit_test(test_until_release),
		cmocka_unit_test(test_pain_again),
		cmocka_unit_test(test_pain_stop),
		cmocka_unit_test(test_clock_after_stop),
		cmocka_unit_test(test_back_past_stopped),
		cmocka_unit_test(test_pain_stop_stretch),
		cmocka_unit_test(test_stop_now),
		cmocka_unit_test(test_interrupt),
		cmocka_unit_test(test_screen),
		cmocka_unit_test(test_cues),
		cmocka_unit_test(test_no_drift),
		cmocka_unit_test(test_release_no_burst),
		cmocka_unit_test(test_shift_cues),
		cmocka_unit_test(test_stop_from_prompts),
		cmocka_unit_test(test_clean),
	};

	fake_clock_init(&fc, T0, 1700000000);
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
