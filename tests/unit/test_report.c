/*
 * The report model without SQLite: sessions built by hand, the numbers a
 * therapist reads computed once (adherence against the prescription, part
 * weeks, the period, --routine, red flags, the 0:00 override), and the
 * writers printing those same numbers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dates.h"
#include "history.h"
#include "report.h"
#include "routine.h"
#include "textout.h"

#define DAY	86400
/* Monday 2026-11-02, the homework's first day (UTC, TZ=UTC below). */
#define D0	((int64_t)20759)
#define T(d, h)	((D0 + (d)) * DAY + (h) * 3600)

static char	a_trap[] = "upper-trapezius", a_acc[] = "trap\xc3\xa8ze";
static char	s_left[] = "left", s_none[] = "";
static char	q_numb[] = "Any numbness right now?", a_yes[] = "yes";
static struct hist_pain	   pains[2] = {
	{ a_trap, s_left, 6, 0 },
	{ a_acc, s_none, 4, 0 } };
static struct hist_answer  yes = { q_numb, a_yes };

/* A homework session of routine id on day d: ran, half done or not. */
static struct hist_session
sess(const char *id, int d, enum hist_outcome o, int half)
{
	struct hist_session	s;

	memset(&s, 0, sizeof s);
	s.id = d;
	s.routine_id = (char *)id;
	s.title = (char *)"Neck";
	s.started_at = T(d, 9);
	s.ended_at = T(d, 9) + 600;
	s.outcome = o;
	s.ran = o != HIST_REFUSED && o != HIST_SCREENED_OUT &&
	    o != HIST_RUNNING;
	s.half_done = s.ran && half;
	s.done_ms = half ? 600000 : 0;
	s.pain_max = -1;
	return s;
}

/* The homework block: from D0, until D0 + until, per_week a week. */
static struct homework
hw(int until, int per_week)
{
	struct homework	h;

	memset(&h, 0, sizeof h);
	h.present = 1;
	h.by.s = (char *)"Cl\xc3\xa9mence, PT";
	h.from.s = (char *)"2026-11-02";
	h.from_day.v = D0;
	h.from_day.set = 1;
	h.until_day.v = D0 + until;
	h.until_day.set = 1;
	h.until.s = (char *)"?";
	h.per_week.v = per_week;
	h.per_week.set = 1;
	return h;
}

static void
build(struct report *rp, const struct hist_session *ss, size_t n,
    const struct report_given *g, size_t ng, int64_t now, int64_t since,
    const char *routine)
{
	struct report_in	in;

	memset(&in, 0, sizeof in);
	in.ss = ss;
	in.n = n;
	in.given = g;
	in.ngiven = ng;
	in.now = now;
	in.since = since;
	in.routine = routine;
	report_build(rp, &in);
}

/*
 * Three a week from Monday; today is the third day of week 3. Week 1 has
 * five sessions (only three count for adherence), week 2 one half-done
 * and one stopped at once, week 3 one: 3 + 1 + 1 of 3 + 3 + 1.
 */
static void
test_adherence_part_weeks(void **state)
{
	struct homework		 h = hw(27, 3);
	struct report_given	 g = { "neck", "Neck", &h, 0 };
	struct hist_session	 ss[8];
	struct report		 rp;

	(void)state;
	ss[0] = sess("neck", 0, HIST_COMPLETED, 1);
	ss[1] = sess("neck", 1, HIST_COMPLETED, 1);
	ss[2] = sess("neck", 2, HIST_COMPLETED, 1);
	ss[3] = sess("neck", 3, HIST_COMPLETED, 1);
	ss[4] = sess("neck", 4, HIST_STOPPED, 1);
	ss[5] = sess("neck", 8, HIST_COMPLETED, 1);
	ss[6] = sess("neck", 9, HIST_STOPPED, 0);
	ss[7] = sess("neck", 15, HIST_HALTED, 1);
	build(&rp, ss, 8, &g, 1, T(16, 12), 0, NULL);
	assert_int_equal(rp.nrs, 1);
	assert_int_equal(rp.rs[0].nweeks, 3);
	assert_int_equal(rp.rs[0].weeks[0].done, 5);
	assert_int_equal(rp.rs[0].weeks[0].prescribed, 3);
	assert_int_equal(rp.rs[0].weeks[1].ran, 2);
	assert_int_equal(rp.rs[0].weeks[1].done, 1);
	/* Week 3: 3 days of 7 so far (1 prescribed), 3 for the whole week. */
	assert_int_equal(rp.rs[0].weeks[2].ndays, 3);
	assert_int_equal(rp.rs[0].weeks[2].prescribed, 1);
	assert_int_equal(rp.rs[0].weeks[2].target, 3);
	assert_true(rp.rs[0].weeks[2].open);
	assert_false(rp.rs[0].weeks[1].open);
	assert_int_equal(rp.rs[0].done, 5);
	assert_int_equal(rp.rs[0].prescribed, 7);
	assert_int_equal(rp.done, 5);
	assert_int_equal(rp.prescribed, 7);
	assert_int_equal(report_pct(rp.done, rp.prescribed), 71);
	/* The completion rate is its own measure: 5 completed of 8 ran. */
	assert_int_equal(rp.rs[0].ran, 8);
	assert_int_equal(rp.rs[0].completed, 5);
	assert_int_equal(rp.nhalted, 1);
	report_free(&rp);
}

/*
 * An override worked only where it overrode: work on another area is not
 * work on the halted one, and an area is worked by the one rule (half its
 * planned time); past a weekly cap the session counts when done.
 */
static void
test_override_worked(void **state)
{
	struct hist_session	 s = sess("neck", 0, HIST_STOPPED, 1);
	struct hist_limit	 lim;
	struct hist_area	 ar;

	(void)state;
	memset(&lim, 0, sizeof lim);
	lim.action = (char *)"overridden";
	lim.rule = (char *)"halted";
	lim.area = (char *)"suboccipitals";
	lim.side = (char *)"";
	memset(&ar, 0, sizeof ar);
	ar.area = (char *)"upper-trapezius";
	ar.side = (char *)"left";
	ar.planned_ms = 30000;
	ar.done_ms = 30000;
	s.limits = &lim;
	s.nlimits = 1;
	s.areas = &ar;
	s.nareas = 1;
	assert_false(report_did_work(&s));
	ar.area = (char *)"suboccipitals";
	ar.side = (char *)"";
	assert_true(report_did_work(&s));
	/* Under half its planned time (3 s of 30): not worked. */
	ar.done_ms = 3000;
	assert_false(report_did_work(&s));
	ar.done_ms = 15000;	/* half: worked */
	assert_true(report_did_work(&s));
	lim.area = NULL;	/* the weekly cap: the session done */
	lim.rule = (char *)"per-week";
	assert_true(report_did_work(&s));
	s.half_done = 0;
	assert_false(report_did_work(&s));
}

/*
 * The week not over counts sessions done ahead of its share so far, up to
 * its whole target: 3 a week, its third day; 2 done are 2 of 2, 4 done
 * are 3 of 3 (the table still shows the 4).
 */
static void
test_adherence_ahead(void **state)
{
	struct homework		 h = hw(27, 3);
	struct report_given	 g = { "neck", "Neck", &h, 0 };
	struct hist_session	 ss[4];
	struct report		 rp;

	(void)state;
	ss[0] = sess("neck", 0, HIST_COMPLETED, 1);
	ss[1] = sess("neck", 1, HIST_COMPLETED, 1);
	ss[2] = sess("neck", 1, HIST_COMPLETED, 1);
	ss[3] = sess("neck", 2, HIST_COMPLETED, 1);
	build(&rp, ss, 2, &g, 1, T(2, 12), 0, NULL);
	assert_true(rp.rs[0].weeks[0].open);
	assert_int_equal(rp.rs[0].weeks[0].done, 2);
	assert_int_equal(rp.rs[0].weeks[0].prescribed, 2);
	assert_int_equal(rp.rs[0].done, 2);
	assert_int_equal(rp.rs[0].prescribed, 2);
	assert_int_equal(report_week_met(&rp.rs[0].weeks[0]), -1);
	report_free(&rp);
	build(&rp, ss, 4, &g, 1, T(2, 12), 0, NULL);
	assert_int_equal(rp.rs[0].weeks[0].done, 4);
	assert_int_equal(rp.rs[0].weeks[0].prescribed, 3);
	assert_int_equal(rp.rs[0].done, 3);
	assert_int_equal(rp.rs[0].prescribed, 3);
	assert_int_equal(report_week_met(&rp.rs[0].weeks[0]), 1);
	report_free(&rp);
	/* The week over: its target, whatever was done. */
	build(&rp, ss, 4, &g, 1, T(9, 12), 0, NULL);
	assert_false(rp.rs[0].weeks[0].open);
	assert_int_equal(rp.rs[0].weeks[0].prescribed, 3);
	report_free(&rp);
}

/*
 * A homework that ended: no week after its last day, the sessions after it
 * are not homework, and the last week is a part week.
 */
static void
test_period_ends_with_homework(void **state)
{
	struct homework		 h = hw(9, 2);	/* Mon 2 to Wed 11 Nov */
	struct report_given	 g = { "neck", "Neck", &h, 0 };
	struct hist_session	 ss[3];
	struct report		 rp;

	(void)state;
	ss[0] = sess("neck", 1, HIST_COMPLETED, 1);
	ss[1] = sess("neck", 8, HIST_COMPLETED, 1);
	ss[2] = sess("neck", 12, HIST_COMPLETED, 1);	/* after it ended */
	build(&rp, ss, 3, &g, 1, T(30, 12), 0, NULL);
	assert_int_equal(rp.rs[0].nweeks, 2);
	assert_int_equal(rp.rs[0].period_to, D0 + 9);
	assert_int_equal(rp.rs[0].weeks[1].ndays, 3);
	assert_int_equal(rp.rs[0].weeks[1].prescribed, 1);
	assert_false(rp.rs[0].weeks[1].open);
	assert_int_equal(rp.rs[0].done, 2);
	assert_int_equal(rp.rs[0].prescribed, 3);
	assert_int_equal(rp.rs[0].ran, 3);	/* all three ran */
	report_free(&rp);

	/* --since after the homework's start: the period starts there. */
	build(&rp, ss + 1, 2, &g, 1, T(30, 12), T(7, 0), NULL);
	assert_int_equal(rp.rs[0].period_from, D0 + 7);
	assert_int_equal(rp.rs[0].nweeks, 1);
	assert_int_equal(rp.rs[0].weeks[0].ndays, 3);
	report_free(&rp);
}

/*
 * --routine leaves other routines out; a screened-out session is its own
 * outcome and a red flag; an override that did nothing is not work; the
 * homework stored with a session is used when the file is gone.
 */
static void
test_routine_flags_overrides(void **state)
{
	struct hist_session	 ss[4];
	struct report		 rp;

	(void)state;
	ss[0] = sess("neck", 0, HIST_COMPLETED, 1);
	ss[0].hw_present = 1;
	ss[0].hw_per_week = 2;
	ss[0].hw_from = (char *)"2026-11-02";
	ss[0].hw_until = (char *)"2026-11-15";
	ss[0].hw_by = (char *)"A. PT";
	ss[0].pains = pains;
	ss[0].npains = 2;
	ss[1] = sess("neck", 1, HIST_SCREENED_OUT, 0);
	ss[1].answers = &yes;
	ss[1].nanswers = 1;
	ss[2] = sess("neck", 2, HIST_STOPPED, 0);
	ss[2].override_reason = (char *)"felt fine";
	ss[3] = sess("calves", 3, HIST_COMPLETED, 1);
	build(&rp, ss, 4, NULL, 0, T(20, 12), 0, "neck");
	assert_int_equal(rp.n, 3);
	assert_int_equal(rp.nrs, 1);
	assert_string_equal(rp.rs[0].id, "neck");
	assert_true(rp.rs[0].hw.present);
	assert_string_equal(rp.rs[0].hw.by.s, "A. PT");
	assert_int_equal(rp.rs[0].nweeks, 2);
	assert_int_equal(rp.rs[0].prescribed, 4);
	assert_int_equal(rp.rs[0].done, 1);
	assert_int_equal(rp.rs[0].screened, 1);
	assert_int_equal(rp.rs[0].ran, 2);
	assert_int_equal(rp.nflags, 1);
	assert_int_equal(rp.flags[0].session, 1);
	assert_int_equal(rp.noverrides, 1);
	assert_false(report_did_work(rp.sv[rp.overrides[0]]));
	assert_true(report_did_work(rp.sv[0]));
	assert_int_equal(rp.nps, 2);
	assert_int_equal(rp.ps[1].v[0], 4);
	report_free(&rp);
}

/*
 * Homework given but never run is listed with its empty weeks; a bundled
 * example is not; one that starts later is not yet.
 */
static void
test_given_homework(void **state)
{
	struct homework		 h = hw(27, 2), later = hw(40, 2);
	struct report_given	 g[3] = { { "neck", "Neck", &h, 0 },
	    { "example", "Ex", &h, 1 }, { "later", "Later", &later, 0 } };
	struct report		 rp;

	(void)state;
	later.from_day.v = D0 + 30;
	build(&rp, NULL, 0, g, 3, T(10, 12), 0, NULL);
	assert_int_equal(rp.nrs, 1);
	assert_string_equal(rp.rs[0].id, "neck");
	assert_int_equal(rp.rs[0].nweeks, 2);
	assert_int_equal(rp.rs[0].done, 0);
	assert_int_equal(rp.rs[0].prescribed, 3);	/* 2 + 2 * 4 / 7 */
	report_free(&rp);
}

/* Read a memstream's text of one writer. */
static char *
written(void (*w)(FILE *, const struct report *), const struct report *rp)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp = open_memstream(&buf, &len);

	w(fp, rp);
	fclose(fp);
	return buf;
}

/* md, csv and json print the model's numbers, the same ones. */
static void
test_writers_agree(void **state)
{
	struct homework		 h = hw(27, 3);
	struct report_given	 g = { "neck", "Neck", &h, 0 };
	struct hist_session	 ss[2];
	struct report		 rp;
	char			*t;

	(void)state;
	ss[0] = sess("neck", 0, HIST_COMPLETED, 1);
	ss[0].pains = pains;
	ss[0].npains = 2;
	ss[1] = sess("neck", 8, HIST_SCREENED_OUT, 0);
	ss[1].answers = &yes;
	ss[1].nanswers = 1;
	build(&rp, ss, 2, &g, 1, T(16, 12), 0, NULL);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "Overall adherence: 1 of 7 prescribed "
	    "sessions (14 %)"));
	assert_non_null(strstr(t, "| 2026-11-16 | neck | 0 | 0 | 0 | 1 | "
	    "(week not over: 3 for the whole week) |"));
	assert_non_null(strstr(t, "| trap\xc3\xa8ze | - | 4 |"));
	assert_non_null(strstr(t, "assigned by Cl\xc3\xa9mence, PT"));
	free(t);
	t = written(report_csv, &rp);
	assert_non_null(strstr(t, "adherence,2026-11-02,\"neck\",,,1,7,"));
	assert_non_null(strstr(t, "week,2026-11-16,\"neck\",,,0,1,"));
	assert_non_null(strstr(t, "red-flag,2026-11-10T09:00:00Z,\"neck\",,,"
	    "yes,,,,,\"Any numbness right now?\""));
	free(t);
	t = written(report_json, &rp);
	assert_non_null(strstr(t, "\"adherence\": {\"done\": 1, "
	    "\"prescribed\": 7, \"rate\": 0.143}"));
	assert_non_null(strstr(t, "\"by\": \"Cl\xc3\xa9mence, PT\""));
	assert_non_null(strstr(t, "\"outcome\": \"screened-out\""));
	free(t);
	report_free(&rp);
}

/* One prescribed session in all: "1 of 1 prescribed session", not "sessions". */
static void
test_md_one_prescribed(void **state)
{
	struct homework		 h = hw(6, 1);
	struct report_given	 g = { "neck", "Neck", &h, 0 };
	struct hist_session	 ss[1];
	struct report		 rp;
	char			*t;

	(void)state;
	ss[0] = sess("neck", 1, HIST_COMPLETED, 1);
	build(&rp, ss, 1, &g, 1, T(10, 12), 0, NULL);
	assert_int_equal(rp.prescribed, 1);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "Overall adherence: 1 of 1 prescribed "
	    "session (100 %)."));
	free(t);
	report_free(&rp);
}

/*
 * Met or not: on a homework's first day (3 a week) the share so far rounds
 * to 0, which is not a week met; a week not over is "not yet" until its
 * whole target is done; a week over is met by its own share.
 */
static void
test_week_met(void **state)
{
	struct homework		 h = hw(27, 3);
	struct report_given	 g = { "neck", "Neck", &h, 0 };
	struct hist_session	 ss[3];
	struct report		 rp;
	char			*t;

	(void)state;
	memset(ss, 0, sizeof ss);
	build(&rp, ss, 0, &g, 1, T(0, 12), 0, NULL);
	assert_int_equal(rp.rs[0].nweeks, 1);
	assert_int_equal(rp.rs[0].weeks[0].prescribed, 0);
	assert_int_equal(report_week_met(&rp.rs[0].weeks[0]), -1);
	t = written(report_md, &rp);
	/* The share so far is 0; the whole week's target is said. */
	assert_non_null(strstr(t, "| 0 | (week not over: 3 for the whole "
	    "week) |"));
	assert_null(strstr(t, "| yes |"));
	free(t);
	report_free(&rp);

	/* Day 5: 2 of the 3 done, the share so far (2) reached: not yet. */
	ss[0] = sess("neck", 0, HIST_COMPLETED, 1);
	ss[1] = sess("neck", 2, HIST_COMPLETED, 1);
	build(&rp, ss, 2, &g, 1, T(4, 12), 0, NULL);
	assert_int_equal(rp.rs[0].weeks[0].prescribed, 2);
	assert_int_equal(report_week_met(&rp.rs[0].weeks[0]), -1);
	report_free(&rp);
	/* The third: met before the week is over. */
	ss[2] = sess("neck", 4, HIST_COMPLETED, 1);
	build(&rp, ss, 3, &g, 1, T(4, 13), 0, NULL);
	assert_int_equal(report_week_met(&rp.rs[0].weeks[0]), 1);
	report_free(&rp);
	/* Over with two of three: no. */
	build(&rp, ss, 2, &g, 1, T(8, 12), 0, NULL);
	assert_false(rp.rs[0].weeks[0].open);
	assert_int_equal(report_week_met(&rp.rs[0].weeks[0]), 0);
	report_free(&rp);
	/* A period from the week's last day (--since): one day of it, a
	 * share that rounds to 0, nothing done: none due, not "yes". */
	build(&rp, ss, 0, &g, 1, T(9, 12), T(6, 0), NULL);
	assert_false(rp.rs[0].weeks[0].open);
	assert_int_equal(rp.rs[0].weeks[0].prescribed, 0);
	assert_int_equal(report_week_met(&rp.rs[0].weeks[0]), -2);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "| 0 | (none due) |"));
	assert_null(strstr(t, "| yes |"));
	free(t);
	report_free(&rp);
}

/*
 * Limit dates in the md report carry the day, month and year however near
 * or far they are from when the report is made: it is read weeks later
 * ("Wed 09:00" would be any Wednesday; no year read as this year's).
 */
static void
test_md_limit_dates(void **state)
{
	static char		 act[] = "overridden", rule[] = "sore";
	struct hist_limit	 l = { act, rule, a_trap, s_left, 0, 0 };
	struct hist_session	 ss[1];
	struct report		 rp;
	char			*t;

	(void)state;
	ss[0] = sess("neck", 0, HIST_COMPLETED, 1);
	ss[0].override_reason = (char *)"felt fine";
	l.free_at = T(2, 9);	/* Wed 2026-11-04 09:00 */
	ss[0].limits = &l;
	ss[0].nlimits = 1;
	/*
	 * A report is read weeks later: the day, month and year even the
	 * day after ("Wed 09:00" would be any Wednesday).
	 */
	build(&rp, ss, 1, NULL, 0, T(1, 12), 0, NULL);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "upper trapezius (left) \\[sore the day "
	    "after] (resting until Wed 04 Nov 2026 09:00)"));
	free(t);
	report_free(&rp);
	build(&rp, ss, 1, NULL, 0, T(20, 12), 0, NULL);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "(resting until Wed 04 Nov 2026 09:00)"));
	free(t);
	report_free(&rp);
	build(&rp, ss, 1, NULL, 0, T(300, 12), 0, NULL);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "(resting until Wed 04 Nov 2026 09:00)"));
	free(t);
	report_free(&rp);
}

/*
 * The still-sore check-ins (aftercare_checkins) beside the day-after
 * ratings: the md column after "Day after", csv still-sore rows (value
 * empty when skipped, detail blocked), json per session.
 */
static void
test_still_sore(void **state)
{
	struct hist_after	 af = { a_trap, s_left, 5, T(1, 9) };
	struct hist_checkin	 ci[3] = {
		{ a_trap, s_left, 5, T(2, 9), 0 },
		{ a_trap, s_left, -1, T(2, 21), 0 },
		{ a_trap, s_left, 6, T(3, 10), 1 } };
	struct hist_session	 ss[1];
	struct report		 rp;
	char			*t;

	(void)state;
	ss[0] = sess("neck", 0, HIST_COMPLETED, 1);
	ss[0].afters = &af;
	ss[0].nafters = 1;
	ss[0].checkins = ci;
	ss[0].ncheckins = 3;
	build(&rp, ss, 1, NULL, 0, T(4, 12), 0, NULL);
	assert_int_equal(rp.nps, 1);
	assert_int_equal(rp.ps[0].nstill, 3);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "| Day after | Still sore |"));
	assert_non_null(strstr(t, "| - | - | - | - | - | 5 | 5, skipped, "
	    "6 blocked |"));
	free(t);
	t = written(report_csv, &rp);
	/* Each row names its session's routine (a filter keeps them). */
	assert_non_null(strstr(t, "still-sore,2026-11-04T09:00:00Z,\"neck\","
	    "\"upper-trapezius\",\"left\",5,,,,,\r\n"));
	assert_non_null(strstr(t, "still-sore,2026-11-04T21:00:00Z,\"neck\","
	    "\"upper-trapezius\",\"left\",,,,,,\"skipped\"\r\n"));
	assert_non_null(strstr(t, "still-sore,2026-11-05T10:00:00Z,\"neck\","
	    "\"upper-trapezius\",\"left\",6,,,,,\"blocked\"\r\n"));
	free(t);
	t = written(report_json, &rp);
	assert_non_null(strstr(t, "\"still_sore\": [{\"area\": "
	    "\"upper-trapezius\", \"side\": \"left\", \"rating\": 5, "));
	assert_non_null(strstr(t, "\"rating\": null, "));
	assert_non_null(strstr(t, "\"rating\": 6, \"asked\": "
	    "\"2026-11-05T10:00:00Z\", \"blocks\": true}]"));
	free(t);
	report_free(&rp);
	/* No check-ins: the column says "-". */
	ss[0].ncheckins = 0;
	build(&rp, ss, 1, NULL, 0, T(4, 12), 0, NULL);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "| 5 | - |"));
	free(t);
	report_free(&rp);
}

/* The shared text writers: bad UTF-8 and controls never pass. */
static void
test_textout(void **state)
{
	char	*buf = NULL, clean[32];
	size_t	 len = 0;
	FILE	*fp = open_memstream(&buf, &len);
	int	 v[3] = { 0, 5, 10 };

	(void)state;
	tout_json(fp, "a\xff\x1b\"");
	fputc('|', fp);
	tout_csv(fp, "=1\n");
	fputc('|', fp);
	tout_spark(fp, v, 3, 0);
	fclose(fp);
	assert_string_equal(buf, "\"a\\ufffd\\u001b\\\"\"|\"'=1 \"|_=#");
	free(buf);
	tout_clean("x\x1b[31my\xc3", clean, sizeof clean);
	assert_string_equal(clean, "x?[31my?");

	/* The separators and bidi controls, by the same rule (utf8.h). */
	buf = NULL;
	fp = open_memstream(&buf, &len);
	tout_text(fp, "a\xe2\x80\xa8" "b\xe2\x80\xae", 0);
	fputc('|', fp);
	tout_json(fp, "a\xe2\x80\xa8" "b\xe2\x80\xa9");
	fputc('|', fp);
	tout_csv(fp, "a\xe2\x80\xa8" "b");
	fclose(fp);
	assert_string_equal(buf, "a?b?|\"a\\u2028b\\u2029\"|\"a b\"");
	free(buf);
	tout_clean("t\xe2\x80\xa9", clean, sizeof clean);
	assert_string_equal(clean, "t?");
}

/*
 * Work stopped for pain (a rating of 8 or more): each area and side once
 * per session with its highest rating, in every format; a 7 is no stop,
 * and the other side is its own spot.
 */
static void
test_pain_stops(void **state)
{
	static char		 s_right[] = "right";
	struct hist_pain	 pv[4] = {
		{ a_trap, s_left, 8, 0 }, { a_trap, s_right, 7, 0 },
		{ a_trap, s_left, 9, 0 }, { a_acc, s_none, 10, 0 } };
	struct hist_session	 ss[2];
	struct report		 rp;
	char			*t;

	(void)state;
	ss[0] = sess("neck", 0, HIST_COMPLETED, 1);
	ss[0].pains = pv;
	ss[0].npains = 3;
	ss[1] = sess("neck", 1, HIST_STOPPED, 1);
	ss[1].id = 7;
	ss[1].pains = pv + 3;
	ss[1].npains = 1;
	build(&rp, ss, 2, NULL, 0, T(2, 12), 0, NULL);
	assert_int_equal(rp.nstops, 2);
	assert_string_equal(rp.stops[0].area, "upper-trapezius");
	assert_string_equal(rp.stops[0].side, "left");
	assert_int_equal(rp.stops[0].rating, 9);
	assert_int_equal(rp.stops[1].session, 1);
	assert_int_equal(rp.stops[1].rating, 10);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "## Work stopped for pain (a rating of 8/10 "
	    "or more)\n\n- "));
	assert_non_null(strstr(t, ", neck: upper trapezius (left) hurt 9/10: "
	    "its work stopped there, the area held at least 48 h\n"));
	assert_non_null(strstr(t, "trap\xc3\xa8ze hurt 10/10"));
	assert_null(strstr(t, "hurt 7/10"));
	free(t);
	t = written(report_json, &rp);
	assert_non_null(strstr(t, "\"pain_stops\": [\n    {\"session\": 0, "
	    "\"area\": \"upper-trapezius\", \"side\": \"left\", "
	    "\"rating\": 9},\n    {\"session\": 7, "));
	free(t);
	t = written(report_csv, &rp);
	assert_non_null(strstr(t, "pain-stop,2026-11-02T09:00:00Z,\"neck\","
	    "\"upper-trapezius\",\"left\",9,,,,,\"held 48 h\"\r\n"));
	free(t);
	report_free(&rp);

	/* None: the section says so, the JSON list is empty. */
	ss[0].npains = 0;
	build(&rp, ss, 1, NULL, 0, T(2, 12), 0, NULL);
	assert_int_equal(rp.nstops, 0);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "8/10 or more)\n\nNone.\n"));
	free(t);
	t = written(report_json, &rp);
	assert_non_null(strstr(t, "\"pain_stops\": [],"));
	free(t);
	report_free(&rp);
}

/*
 * An override of two areas, one worked and one not (5 s of 20): each is
 * said for itself in md, CSV and JSON, not both as worked.
 */
static void
test_override_each_area(void **state)
{
	static char		 a_rh[] = "rhomboids", a_lat[] = "upper-trapezius";
	static char		 over[] = "overridden", rest[] = "rest";
	struct hist_limit	 lim[2];
	struct hist_area	 ar[2];
	struct hist_session	 s = sess("neck", 0, HIST_COMPLETED, 1);
	struct report		 rp;
	char			*t;

	(void)state;
	memset(lim, 0, sizeof lim);
	memset(ar, 0, sizeof ar);
	lim[0].action = lim[1].action = over;
	lim[0].rule = lim[1].rule = rest;
	lim[0].area = ar[0].area = a_lat;
	lim[1].area = ar[1].area = a_rh;
	lim[0].side = lim[1].side = ar[0].side = ar[1].side = s_left;
	lim[0].free_at = lim[1].free_at = T(1, 9);
	ar[0].planned_ms = ar[1].planned_ms = 20000;
	ar[0].done_ms = 20000;
	ar[1].done_ms = 5000;
	s.limits = lim;
	s.nlimits = 2;
	s.areas = ar;
	s.nareas = 2;
	s.override_reason = (char *)"client felt fine";
	assert_true(report_limit_worked(&s, &lim[0]));
	assert_false(report_limit_worked(&s, &lim[1]));
	assert_true(report_did_work(&s));
	build(&rp, &s, 1, NULL, 0, T(0, 12), 0, NULL);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, ": worked upper trapezius (left) (resting "
	    "until Tue 03 Nov 2026 09:00; 0:20 of 0:20 planned); overrode, "
	    "but worked under half the planned time, too little to count for "
	    "rest limits: rhomboids (left) (resting until Tue 03 Nov 2026 "
	    "09:00; 0:05 of 0:20 planned). Reason given:"));
	free(t);
	t = written(report_csv, &rp);
	assert_non_null(strstr(t, "\"upper-trapezius\",\"left\",worked,"));
	assert_non_null(strstr(t, "\"rhomboids\",\"left\",not worked,"));
	free(t);
	t = written(report_json, &rp);
	assert_non_null(strstr(t, "\"areas\": [{\"area\": "
	    "\"upper-trapezius\", \"side\": \"left\", \"done_s\": 20, "
	    "\"planned_s\": 20, \"worked\": true}, {\"area\": \"rhomboids\", "
	    "\"side\": \"left\", \"done_s\": 5, \"planned_s\": 20, "
	    "\"worked\": false}]"));
	free(t);
	report_free(&rp);
}

/*
 * A period with no session says so in words, in md, and reads as an
 * empty store does: no weekly table of nothing ("| - | - | 0 |"), csv
 * with no session or week rows, json with empty arrays. A --since after
 * today says the period starts after today; homework given is still
 * listed.
 */
static void
test_empty_period(void **state)
{
	struct homework		 h = hw(27, 3);
	struct report_given	 g = { "neck", "Neck", &h, 0 };
	struct report		 rp;
	char			*t;

	(void)state;
	/* --since the day after today (Tue 17 Nov): nothing can be in it. */
	build(&rp, NULL, 0, &g, 1, T(15, 12), T(16, 0), NULL);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "**No sessions in this period: it starts "
	    "on Wed 18 Nov 2026, after today (Tue 17 Nov 2026).**"));
	assert_null(strstr(t, "| - | - | 0 |"));
	assert_null(strstr(t, "| Week of |"));
	free(t);
	t = written(report_csv, &rp);
	assert_null(strstr(t, "\nweek,"));
	assert_null(strstr(t, "\nsession,"));
	assert_null(strstr(t, "\nadherence,"));
	free(t);
	t = written(report_json, &rp);
	assert_non_null(strstr(t, "\"sessions\": [\n  ]"));
	assert_non_null(strstr(t, "\"weeks\": []"));
	free(t);
	report_free(&rp);

	/* A past period: its days, and the homework's weeks, 0 done. */
	build(&rp, NULL, 0, &g, 1, T(15, 12), T(14, 0), NULL);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "**No sessions in this period (Mon 16 Nov "
	    "2026 to Tue 17 Nov 2026).**"));
	assert_non_null(strstr(t, "| 2026-11-16 | neck | 0 | 0 | 0 | 1 | "
	    "(week not over: 3 for the whole week) |"));
	free(t);
	report_free(&rp);

	/* An empty store, no --since, no homework: the same words. */
	build(&rp, NULL, 0, NULL, 0, T(15, 12), 0, NULL);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "**No sessions have been recorded.**"));
	assert_null(strstr(t, "| - | - | 0 |"));
	free(t);
	t = written(report_csv, &rp);
	/* No session rows: the header and the period (everything). */
	assert_string_equal(t, "section,date,routine,area,side,value,target,"
	    "rule,done_s,planned_s,detail\r\nperiod,,,,,,,,,,"
	    "\"2026-11-17T12:00:00Z\"\r\n");
	free(t);
	report_free(&rp);
}

/*
 * A report period shorter than a week: a routine without a target counts
 * the days of its Monday week inside the period (from --since's day to
 * today), not seven, and the week that holds today is not over.
 */
static void
test_short_period_week(void **state)
{
	struct hist_session	 ss[1];
	struct report		 rp;
	char			*t;

	(void)state;
	ss[0] = sess("calves", 10, HIST_COMPLETED, 1);	/* Thu 12 Nov */
	/* --since Wed 11 Nov, today Fri 13 Nov: 3 days of that week. */
	build(&rp, ss, 1, NULL, 0, T(11, 12), T(9, 0), NULL);
	assert_int_equal(rp.rs[0].nweeks, 1);
	assert_int_equal(rp.rs[0].weeks[0].day0, D0 + 7);
	assert_int_equal(rp.rs[0].weeks[0].ndays, 3);
	assert_true(rp.rs[0].weeks[0].open);
	t = written(report_csv, &rp);
	assert_non_null(strstr(t, "week,2026-11-09,\"calves\",,,1,,,,,\"1 ran, "
	    "1 completed, 3 days, not over\""));
	free(t);
	report_free(&rp);
	/* --since today: one day of it ("1 day", not "1 days"). */
	build(&rp, ss, 1, NULL, 0, T(13, 12), T(12, 0), NULL);
	assert_int_equal(rp.rs[0].weeks[0].ndays, 2);
	report_free(&rp);
	build(&rp, ss, 1, NULL, 0, T(13, 12), T(13, 0), NULL);
	assert_int_equal(rp.rs[0].weeks[0].ndays, 1);
	t = written(report_csv, &rp);
	assert_non_null(strstr(t, "\"1 ran, 1 completed, 1 day, not over\""));
	free(t);
	report_free(&rp);
	/* A week over, no --since: the whole week. */
	build(&rp, ss, 1, NULL, 0, T(30, 12), 0, NULL);
	assert_int_equal(rp.rs[0].weeks[0].ndays, 7);
	assert_false(rp.rs[0].weeks[0].open);
	report_free(&rp);
}

/* Session s records homework: per_week a week, until D0 + until, for who. */
static void
recorded(struct hist_session *s, int per_week, int until, const char *who)
{
	static char	until_s[8][16];
	static int	k;
	char		*u = until_s[k++ % 8];

	dates_civil(D0 + until, u, 16);
	s->hw_present = 1;
	s->hw_per_week = per_week;
	s->hw_from = (char *)"2026-11-02";
	s->hw_until = u;
	s->hw_for = (char *)who;
}

/*
 * Adherence is against the homework recorded with the sessions, not the
 * file installed where the report is made (a later revision): the file
 * says 5 a week, the sessions were done under 7 a week. A revision
 * recorded mid-week splits the week: each part counts against the
 * homework in force then (3 days of 7 a week: 3; 4 days of 3 a week: 2).
 */
static void
test_recorded_homework(void **state)
{
	struct homework		 h = hw(69, 5);
	struct report_given	 g = { "neck", "Neck", &h, 0 };
	struct hist_session	 ss[5];
	struct report		 rp;
	char			*t;
	int			 i;

	(void)state;
	h.until.s = (char *)"2027-01-10";
	for (i = 0; i < 3; i++) {
		ss[i] = sess("neck", i, HIST_COMPLETED, 1);
		recorded(&ss[i], 7, 27, "Mrs B");
	}
	build(&rp, ss, 3, &g, 1, T(6, 12), 0, NULL);
	assert_int_equal(rp.rs[0].prescribed, 7);
	assert_int_equal(rp.rs[0].done, 3);
	assert_int_equal(rp.prescribed, 7);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "2026-11-02 to 2026-11-29, 7 sessions a "
	    "week."));
	assert_non_null(strstr(t, "The routine file installed here says "
	    "2026-11-02 to 2027-01-10, 5 sessions a week; this report counts "
	    "against the homework recorded with the sessions."));
	free(t);
	t = written(report_json, &rp);
	assert_non_null(strstr(t, "\"installed_homework\": {"));
	assert_non_null(strstr(t, "\"per_week\": 7"));
	free(t);
	report_free(&rp);

	/* Revised on day 3 (Thursday): 3 a week from then. */
	ss[3] = sess("neck", 3, HIST_COMPLETED, 1);
	ss[4] = sess("neck", 5, HIST_COMPLETED, 1);
	recorded(&ss[3], 3, 27, "Mrs B");
	recorded(&ss[4], 3, 27, "Mrs B");
	build(&rp, ss, 5, &g, 1, T(6, 12), 0, NULL);
	assert_int_equal(rp.rs[0].nweeks, 2);
	assert_int_equal(rp.rs[0].weeks[0].ndays, 3);
	assert_int_equal(rp.rs[0].weeks[0].prescribed, 3);
	assert_int_equal(rp.rs[0].weeks[1].ndays, 4);
	assert_int_equal(rp.rs[0].weeks[1].prescribed, 2);
	assert_int_equal(rp.rs[0].prescribed, 5);
	assert_int_equal(rp.rs[0].done, 5);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "2026-11-02 to 2026-11-29, 3 sessions a "
	    "week."));
	assert_non_null(strstr(t, "Up to 2026-11-04 the homework recorded "
	    "with the sessions was 2026-11-02 to 2026-11-29, 7 sessions a "
	    "week; each day counts against the homework in force on it."));
	assert_non_null(strstr(t, "| 2026-11-02 | neck | 3 | 3 | 3 | 3 | yes "
	    "|"));
	assert_non_null(strstr(t, "| 2026-11-02 (from 2026-11-05, revised) | "
	    "neck | 2 | 2 | 2 | 2 | yes |"));
	free(t);
	t = written(report_csv, &rp);
	assert_non_null(strstr(t, "homework,2026-11-04,\"neck\",,,per-week,"
	    "7,,,,\r\n"));
	assert_non_null(strstr(t, "homework,,\"neck\",,,per-week,3,,,,\r\n"));
	assert_non_null(strstr(t, "adherence,2026-11-02,\"neck\",,,5,5,"));
	free(t);
	report_free(&rp);

	/* No session recorded a block: the installed file's. */
	for (i = 0; i < 3; i++)
		ss[i].hw_present = 0;
	build(&rp, ss, 3, &g, 1, T(6, 12), 0, NULL);
	assert_int_equal(rp.rs[0].prescribed, 5);
	report_free(&rp);
}

/*
 * Homework blocks naming two clients: the report says so at its top (md,
 * json); one routine's report does not.
 */
static void
test_two_clients(void **state)
{
	struct hist_session	 ss[2];
	struct report		 rp;
	char			*t;

	(void)state;
	ss[0] = sess("heel", 0, HIST_COMPLETED, 1);
	recorded(&ss[0], 7, 27, "Mrs B");
	ss[1] = sess("head", 1, HIST_COMPLETED, 1);
	recorded(&ss[1], 3, 27, "Mr T");
	build(&rp, ss, 2, NULL, 0, T(6, 12), 0, NULL);
	assert_int_equal(rp.nclients, 2);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "**This report mixes the homework of "
	    "several clients: Mrs B, Mr T. Its overall adherence and pain per "
	    "area put them together: write one report per client with "
	    "--routine ID.**"));
	assert_true(strstr(t, "several clients") < strstr(t, "## "));
	free(t);
	t = written(report_json, &rp);
	assert_non_null(strstr(t, "\"clients\": [\"Mrs B\", \"Mr T\"]"));
	free(t);
	report_free(&rp);
	build(&rp, ss, 2, NULL, 0, T(6, 12), 0, "heel");
	t = written(report_md, &rp);
	assert_null(strstr(t, "several clients"));
	free(t);
	report_free(&rp);
}

/*
 * One kind of week a table, in date order (tester C6): homework weeks
 * from each homework's first day (calf from Monday, neck from Tuesday)
 * interleave by date in one table; the Monday weeks of a routine with no
 * homework are in their own table after it.
 */
static void
test_week_tables(void **state)
{
	struct homework		 hc = hw(13, 2), hn = hw(13, 3);
	struct report_given	 g[2] = { { "calf", "Calf", &hc, 0 },
				    { "neck", "Neck", &hn, 0 } };
	struct hist_session	 ss[6];
	struct report_week_row	*v;
	struct report		 rp;
	char			*t, *a, *b, *c, *d, *e;
	size_t			 n;

	(void)state;
	hn.from.s = (char *)"2026-11-03";
	hn.from_day.v = D0 + 1;
	ss[0] = sess("calf", 0, HIST_COMPLETED, 1);
	ss[1] = sess("back", 0, HIST_COMPLETED, 1);
	ss[2] = sess("neck", 1, HIST_COMPLETED, 1);
	ss[3] = sess("back", 7, HIST_COMPLETED, 1);
	ss[4] = sess("calf", 7, HIST_COMPLETED, 1);
	ss[5] = sess("neck", 8, HIST_COMPLETED, 1);
	build(&rp, ss, 6, g, 2, T(9, 12), 0, NULL);
	n = report_week_rows(&rp, 1, &v);
	assert_int_equal(n, 4);
	assert_string_equal(v[0].r->id, "calf");
	assert_int_equal(v[0].w->day0, D0);
	assert_string_equal(v[1].r->id, "neck");
	assert_int_equal(v[1].w->day0, D0 + 1);
	assert_string_equal(v[2].r->id, "calf");
	assert_int_equal(v[2].w->day0, D0 + 7);
	assert_int_equal(v[3].w->day0, D0 + 8);
	free(v);
	n = report_week_rows(&rp, 0, &v);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].r->id, "back");
	assert_int_equal(v[0].w->day0, D0);
	assert_int_equal(v[1].w->day0, D0 + 7);
	free(v);
	t = written(report_md, &rp);
	a = strstr(t, "### Homework weeks (from the homework's first day)");
	b = strstr(t, "| 2026-11-03 | neck |");
	c = strstr(t, "| 2026-11-09 | calf |");
	d = strstr(t, "### Other routines (weeks from Monday)");
	e = strstr(t, "| 2026-11-09 | back |");
	assert_true(a != NULL && b != NULL && c != NULL && d != NULL &&
	    e != NULL);
	assert_true(a < b && b < c && c < d && d < e);
	free(t);
	report_free(&rp);
}

/*
 * A still-sore block has no end time: it holds until a check-in below
 * 4/10; its free_at is when the next check-in may be asked.
 */
static void
test_still_sore_block_words(void **state)
{
	static char		 act[] = "skipped", rule[] = "still-sore";
	struct hist_limit	 l = { act, rule, a_trap, s_left, 0, 0 };
	struct hist_session	 ss[1];
	struct report		 rp;
	char			*t;

	(void)state;
	ss[0] = sess("neck", 0, HIST_COMPLETED, 1);
	l.free_at = T(2, 9);
	ss[0].limits = &l;
	ss[0].nlimits = 1;
	build(&rp, ss, 1, NULL, 0, T(1, 12), 0, NULL);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "upper trapezius (left) \\[still sore: see "
	    "a clinician] (blocked until a check-in below 4/10; next asked "
	    "from Wed 04 Nov 2026 09:00)"));
	assert_null(strstr(t, "resting until"));
	free(t);
	report_free(&rp);
}

/*
 * The period's start as the reader sees it: a day (--since 3d or a
 * date: from 00:00) without a time, a span of hours with its time.
 */
static void
test_period_text(void **state)
{
	struct hist_session	 ss[1];
	struct report		 rp;
	char			*t;

	(void)state;
	ss[0] = sess("neck", 1, HIST_COMPLETED, 1);
	build(&rp, ss, 1, NULL, 0, T(3, 12), T(1, 0), NULL);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "Period: from Tue 03 Nov 2026 to now."));
	free(t);
	report_free(&rp);
	build(&rp, ss, 1, NULL, 0, T(3, 12), T(1, 7), NULL);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "Period: from Tue 03 Nov 2026 07:00 to "
	    "now."));
	free(t);
	t = written(report_csv, &rp);
	assert_non_null(strstr(t, "\r\nperiod,2026-11-03T07:00:00Z,,,,,,,,,"
	    "\"2026-11-05T12:00:00Z\"\r\n"));
	free(t);
	report_free(&rp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_adherence_part_weeks),
		cmocka_unit_test(test_adherence_ahead),
		cmocka_unit_test(test_override_worked),
		cmocka_unit_test(test_period_ends_with_homework),
		cmocka_unit_test(test_routine_flags_overrides),
		cmocka_unit_test(test_given_homework),
		cmocka_unit_test(test_writers_agree),
		cmocka_unit_test(test_md_one_prescribed),
		cmocka_unit_test(test_week_met),
		cmocka_unit_test(test_pain_stops),
		cmocka_unit_test(test_override_each_area),
		cmocka_unit_test(test_md_limit_dates),
		cmocka_unit_test(test_still_sore),
		cmocka_unit_test(test_textout),
		cmocka_unit_test(test_empty_period),
		cmocka_unit_test(test_short_period_week),
		cmocka_unit_test(test_recorded_homework),
		cmocka_unit_test(test_two_clients),
		cmocka_unit_test(test_week_tables),
		cmocka_unit_test(test_still_sore_block_words),
		cmocka_unit_test(test_period_text),
	};

	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
