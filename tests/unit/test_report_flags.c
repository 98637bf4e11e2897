/*
 * The report model's outcomes and flags a therapist reads first, without
 * SQLite: pain per area, never across areas (history --csv, json); an
 * override's time where it overrode; an override a strict routine
 * refused; a much-worse day-after rating among the flagged sections; a
 * session with no prescribed work out of the completion rate; the CSV's
 * columns holding what they are named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "history.h"
#include "report.h"

#define DAY	86400
/* Monday 2026-11-02 (UTC, TZ=UTC below). */
#define D0	((int64_t)20759)
#define T(d, h)	((D0 + (d)) * DAY + (h) * 3600)

static char	a_rh[] = "rhomboids", a_calf[] = "calves";
static char	s_left[] = "left", s_right[] = "right";
static char	act_over[] = "overridden", act_ref[] = "refused";
static char	act_skip[] = "skipped", r_rest[] = "rest";

/* A session of routine id on day d. */
static struct hist_session
sess(const char *id, int d, enum hist_outcome o)
{
	struct hist_session	s;

	memset(&s, 0, sizeof s);
	s.id = d + 1;
	s.routine_id = (char *)id;
	s.title = (char *)"Upper back";
	s.started_at = T(d, 9);
	s.ended_at = T(d, 9) + 600;
	s.outcome = o;
	s.ran = o != HIST_REFUSED && o != HIST_SCREENED_OUT &&
	    o != HIST_RUNNING;
	s.pain_max = -1;
	return s;
}

static void
build(struct report *rp, const struct hist_session *ss, size_t n,
    int64_t now)
{
	struct report_in	in;

	memset(&in, 0, sizeof in);
	in.ss = ss;
	in.n = n;
	in.now = now;
	report_build(rp, &in);
}

/* What one writer prints. */
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

/*
 * B1: four areas rated 4, 6, 3, 2 in one session are four areas, not a
 * session going from 4 to 2: the CSV's text per area, json's pain_max.
 */
static void
test_pain_per_area(void **state)
{
	struct hist_pain	 p[5] = {
		{ a_rh, s_left, 4, T(0, 9) }, { a_rh, s_right, 6, T(0, 9) },
		{ a_calf, s_left, 3, T(0, 9) }, { a_rh, s_left, 2, T(0, 9) },
		{ a_calf, s_right, 2, T(0, 9) } };
	struct hist_session	 s = sess("ub", 0, HIST_COMPLETED);
	char			 buf[256], *t = NULL;
	size_t			 len = 0;
	FILE			*fp;

	(void)state;
	s.pains = p;
	s.npains = 5;
	s.pain_max = 6;
	report_pains_text(&s, buf, sizeof buf);
	assert_string_equal(buf, "rhomboids L 4 2; rhomboids R 6; calves L 3; "
	    "calves R 2");
	/* Cut at whole areas. */
	report_pains_text(&s, buf, 20);
	assert_string_equal(buf, "rhomboids L 4 2");
	fp = open_memstream(&t, &len);
	report_json_session(fp, &s);
	fclose(fp);
	assert_null(strstr(t, "pain_before"));
	assert_null(strstr(t, "pain_after"));
	assert_non_null(strstr(t, "\"pain_max\": 6"));
	free(t);
}

/*
 * B3: an override that rolled the resting area 17 s of 2:00 says the
 * time, and that it is too little to count for rest limits.
 */
static void
test_override_time(void **state)
{
	struct hist_limit	 l = { act_over, r_rest, a_rh, s_left, 0, 0 };
	struct hist_area	 a = { a_rh, s_left, 120000, 17000, -1, -1 };
	struct hist_session	 s = sess("upper-back", 0, HIST_STOPPED);
	struct report		 rp;
	char			*t;

	(void)state;
	l.free_at = T(1, 9);
	s.limits = &l;
	s.nlimits = 1;
	s.areas = &a;
	s.nareas = 1;
	s.override_reason = (char *)"felt fine";
	build(&rp, &s, 1, T(2, 12));
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "upper-back: overrode, but worked under half "
	    "the planned time, too little to count for rest limits: "
	    "rhomboids (left) (resting until Tue 03 Nov 2026 09:00; 0:17 of "
	    "2:00 planned). Reason given: \"felt fine\""));
	free(t);
	t = written(report_json, &rp);
	assert_non_null(strstr(t, "\"done_s\": 17, \"planned_s\": 120, "
	    "\"worked\": false"));
	free(t);
	t = written(report_csv, &rp);
	assert_non_null(strstr(t, "overridden,2026-11-02T09:00:00Z,"
	    "\"upper-back\",\"rhomboids\",\"left\",not worked,,\"rest\",17,"
	    "120,\"felt fine\"\r\n"));
	free(t);
	report_free(&rp);
}

/*
 * B4: an override a strict routine refused is listed with its reason,
 * as refused; it is no override that ran.
 */
static void
test_override_refused(void **state)
{
	struct hist_limit	 l = { act_ref, r_rest, a_rh, s_left, 0, 0 };
	struct hist_session	 ss[2];
	struct report		 rp;
	char			*t;

	(void)state;
	l.free_at = T(1, 9);
	ss[0] = sess("ub", 0, HIST_REFUSED);
	ss[0].limits = &l;
	ss[0].nlimits = 1;
	ss[0].strict = 1;
	ss[0].override_reason = (char *)"client travelling tomorrow";
	ss[1] = sess("ub", 0, HIST_REFUSED);
	ss[1].limits = &l;
	ss[1].nlimits = 1;
	assert_true(report_override_refused(&ss[0]));
	assert_false(report_override_refused(&ss[1]));
	build(&rp, ss, 2, T(2, 12));
	assert_int_equal(rp.rs[0].override_refused, 1);
	assert_int_equal(rp.rs[0].overrides, 0);
	assert_int_equal(rp.rs[0].refused, 2);
	assert_int_equal(rp.noverrides, 1);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "ub: tried to override: refused, the "
	    "routine is strict; resting: rhomboids (left) (resting until Tue "
	    "03 Nov 2026 09:00). Reason given: \"client travelling "
	    "tomorrow\""));
	free(t);
	t = written(report_json, &rp);
	assert_non_null(strstr(t, "{\"session\": 1, \"refused\": true, "
	    "\"did_work\": false, \"reason\": \"client travelling tomorrow\""));
	assert_non_null(strstr(t, "\"overrides_refused\": 1"));
	free(t);
	t = written(report_csv, &rp);
	assert_non_null(strstr(t, "session,2026-11-02T09:00:00Z,\"ub\",,,"
	    "refused,,,0,0,\"client travelling tomorrow\"\r\n"));
	assert_non_null(strstr(t, "refused,2026-11-02T09:00:00Z,\"ub\","
	    "\"rhomboids\",\"left\",,,\"rest\",,,\"override refused: "
	    "strict\"\r\n"));
	free(t);
	report_free(&rp);
}

/*
 * B6: a day-after rating of 7 or more is flagged at the top beside the
 * pain stops, in md, json and csv; a 6 is not.
 */
static void
test_day_after_worse(void **state)
{
	struct hist_after	 af[2] = { { a_rh, s_left, 8, T(1, 10) },
				    { a_rh, s_right, 6, T(1, 10) } };
	struct hist_session	 s = sess("ub", 0, HIST_COMPLETED);
	struct report		 rp;
	char			*t, *flag, *adh;

	(void)state;
	s.afters = af;
	s.nafters = 2;
	build(&rp, &s, 1, T(2, 12));
	assert_int_equal(rp.nworse, 1);
	assert_int_equal(rp.worse[0].after, 0);
	t = written(report_md, &rp);
	flag = strstr(t, "## Much worse the day after (7/10 or more)\n\n- Mon "
	    "02 Nov 2026 09:00, ub: rhomboids (left) rated 8/10 the day after "
	    "(Tue 03 Nov 2026 10:00): much worse than before;");
	adh = strstr(t, "## Adherence");
	assert_non_null(flag);
	assert_non_null(adh);
	assert_true(flag < adh);	/* with the flagged sections, first */
	assert_null(strstr(t, "rhomboids (right) rated 6"));
	free(t);
	t = written(report_json, &rp);
	assert_non_null(strstr(t, "\"day_after_worse\": [\n    {\"session\": "
	    "1, \"area\": \"rhomboids\", \"side\": \"left\", \"rating\": 8, "
	    "\"rated\": \"2026-11-03T10:00:00Z\"}"));
	free(t);
	t = written(report_csv, &rp);
	assert_non_null(strstr(t, "day-after-worse,2026-11-03T10:00:00Z,"
	    "\"ub\",\"rhomboids\",\"left\",8,"));
	free(t);
	report_free(&rp);
	af[0].rating = 6;
	build(&rp, &s, 1, T(2, 12));
	assert_int_equal(rp.nworse, 0);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "(7/10 or more)\n\nNone.\n"));
	free(t);
	report_free(&rp);
}

/*
 * B2: a --skip-resting session that left out every area it works ran
 * stretches only: not completed, not in the completion rate; a stretch
 * routine (no areas, nothing skipped) completes as usual.
 */
static void
test_no_work(void **state)
{
	struct hist_limit	 l = { act_skip, r_rest, a_rh, s_left, 0, 0 };
	struct hist_area	 a = { a_rh, s_left, 30000, 30000, -1, -1 };
	struct hist_session	 ss[3];
	struct report		 rp;
	char			*t;

	(void)state;
	ss[0] = sess("ub", 0, HIST_COMPLETED);
	ss[0].areas = &a;
	ss[0].nareas = 1;
	ss[0].half_done = 1;
	ss[1] = sess("ub", 1, HIST_COMPLETED);
	ss[1].limits = &l;
	ss[1].nlimits = 1;
	ss[2] = sess("ub", 2, HIST_STOPPED);
	ss[2].areas = &a;
	ss[2].nareas = 1;
	assert_false(report_no_work(&ss[0]));
	assert_true(report_no_work(&ss[1]));
	build(&rp, ss, 3, T(3, 12));
	assert_int_equal(rp.rs[0].ran, 3);
	assert_int_equal(rp.rs[0].completed, 1);
	assert_int_equal(rp.rs[0].no_work, 1);
	assert_int_equal(rp.rs[0].rated, 2);
	assert_int_equal(rp.rs[0].weeks[0].completed, 1);
	t = written(report_md, &rp);
	assert_non_null(strstr(t, "| 3 | 1 | 50 % |"));
	assert_non_null(strstr(t, "**ub**: 1 session ran with no prescribed "
	    "work"));
	free(t);
	t = written(report_json, &rp);
	assert_non_null(strstr(t, "\"completed\": 1, \"no_work\": 1, "
	    "\"completion_rate\": 0.500"));
	assert_non_null(strstr(t, "\"no_work\": true"));
	free(t);
	t = written(report_csv, &rp);
	assert_non_null(strstr(t, "session,2026-11-03T09:00:00Z,\"ub\",,,"
	    "completed (no prescribed work),"));
	free(t);
	report_free(&rp);
	/* No areas and nothing skipped: a stretch routine, completed. */
	ss[1].nlimits = 0;
	assert_false(report_no_work(&ss[1]));
	build(&rp, ss, 3, T(3, 12));
	assert_int_equal(rp.rs[0].completed, 2);
	assert_int_equal(rp.rs[0].rated, 3);
	report_free(&rp);
}

/*
 * B7: the CSV's halt row says where "!" stopped it, a session row's
 * seconds are under done_s and planned_s, and pain rows name their
 * session's routine.
 */
static void
test_csv_columns(void **state)
{
	struct hist_pain	 p = { a_calf, s_left, 5, T(0, 9) };
	struct hist_session	 s = sess("ub", 0, HIST_HALTED);
	struct report		 rp;
	char			*t;

	(void)state;
	s.last_kind = (char *)"roll";
	s.last_area = a_calf;
	s.last_side = s_left;
	s.last_done_ms = 8400;
	s.done_ms = 24000;
	s.planned_ms = 105000;
	s.pains = &p;
	s.npains = 1;
	build(&rp, &s, 1, T(2, 12));
	t = written(report_csv, &rp);
	assert_non_null(strstr(t, "section,date,routine,area,side,value,"
	    "target,rule,done_s,planned_s,detail\r\n"));
	assert_non_null(strstr(t, "halted,2026-11-02T09:00:00Z,\"ub\","
	    "\"calves\",\"left\",roll,,,8,,\"after 600 s of the session\""
	    "\r\n"));
	assert_non_null(strstr(t, "session,2026-11-02T09:00:00Z,\"ub\",,,"
	    "halted,,,24,105,\r\n"));
	assert_non_null(strstr(t, "pain,2026-11-02T09:00:00Z,\"ub\","
	    "\"calves\",\"left\",5,,,,,\r\n"));
	free(t);
	report_free(&rp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pain_per_area),
		cmocka_unit_test(test_override_time),
		cmocka_unit_test(test_override_refused),
		cmocka_unit_test(test_day_after_worse),
		cmocka_unit_test(test_no_work),
		cmocka_unit_test(test_csv_columns),
	};

	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
