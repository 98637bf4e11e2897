/*
 * The desk worker's loop (desk.c) and the read-only rest check it uses
 * (history_check, history_open_readonly), on real SQLite files with the
 * fake wall clock: the reminder settings' parsing and window, which
 * routine a break suggests, and that history_check refuses exactly what
 * history_begin refuses.
 */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "clock.h"
#include "desk.h"
#include "diag.h"
#include "exitcodes.h"
#include "history.h"
#include "library.h"
#include "plan.h"
#include "routine.h"
#include "routine_yaml.h"
#include "validate.h"

#define T0	1795420800	/* Mon 2026-11-23 08:00:00 UTC */
#define HOUR	3600

#define ROUTINE(id, tags, area, secs)					\
	"knead: 1\nid: " id "\ntitle: \"T " id "\"\ntags: [" tags "]\n"	\
	"intensity: gentle\nlimits:\n  rest: 2h\nsteps:\n  - press:\n"	\
	"      area: " area "\n      side: left\n      tool: tennis-ball\n"	\
	"      time: " secs "s\n      pressure: 3\n"

/* history_begin's answer unpacked: the session (0 refused), what rests. */
static int
begin(struct history *h, const struct routine *r, const struct plan *p,
    const struct begin_opts *o, int64_t *id, struct resting **rest,
    size_t *nrest, char **cause)
{
	struct begin_result	res;
	int			rc;

	rc = history_begin(h, r, p, o, &res, cause);
	*id = res.session_id;
	*rest = res.rest;
	*nrest = res.nrest;
	return rc;
}

static const char *const yamls[] = {
	ROUTINE("desk-long", "desk", "forearm-extensors", "60"),
	ROUTINE("desk-short", "desk, back", "rhomboids", "30"),
	ROUTINE("feet", "feet", "plantar-fascia", "20"),
};
#define NR	(sizeof yamls / sizeof yamls[0])

struct fx {
	char			 dir[64];
	char			 path[128];
	struct fake_clock	 fc;
	struct library		 lib;
	struct plan		 p[NR];
};

static int
setup(void **state)
{
	struct fx		*f = calloc(1, sizeof *f);
	struct diag_list	 dl;
	size_t			 i;

	snprintf(f->dir, sizeof f->dir, "/tmp/knead-ud.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/h.db", f->dir);
	fake_clock_init(&f->fc, 0, T0);
	f->lib.v = calloc(NR, sizeof *f->lib.v);
	f->lib.n = NR;
	for (i = 0; i < NR; i++) {
		diag_init(&dl);
		f->lib.v[i].routine = routine_load_string("t.yaml", yamls[i],
		    strlen(yamls[i]), &dl);
		assert_non_null(f->lib.v[i].routine);
		validate_routine(f->lib.v[i].routine, &dl);
		if (dl.errors != 0)
			diag_print(&dl, stderr);
		assert_int_equal(dl.errors, 0);
		diag_clear(&dl);
		f->lib.v[i].valid = 1;
		f->lib.v[i].origin = "dir";
		assert_int_equal(plan_build(f->lib.v[i].routine, &f->p[i]), 0);
	}
	setenv("TZ", "UTC", 1);
	tzset();
	unsetenv("KNEAD_DB");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;
	char		 cmd[256];
	size_t		 i;

	for (i = 0; i < NR; i++) {
		plan_free(&f->p[i]);
		routine_free(f->lib.v[i].routine);
	}
	free(f->lib.v);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cleanup of %s failed\n", f->dir);
	free(f);
	return 0;
}

static struct history *
open_rw(struct fx *f)
{
	struct history	*h = NULL;
	char		*cause = NULL;

	assert_int_equal(history_open(f->path, &f->fc.clock, &h, &cause), 0);
	return h;
}

/* Run routine i of the fixture whole, the fake clock moving with it. */
static void
run_whole(struct fx *f, struct history *h, size_t ri)
{
	struct resting	*rest;
	size_t		 nrest, i;
	int64_t		 id;
	char		*cause = NULL;

	assert_int_equal(begin(h, f->lib.v[ri].routine, &f->p[ri],
	    NULL, &id, &rest, &nrest, &cause), 0);
	free(rest);
	for (i = 0; i < f->p[ri].n; i++) {
		f->fc.wall_s += (int64_t)(f->p[ri].v[i].duration_ms / 1000);
		assert_int_equal(history_step_ended(h, id, i, &f->p[ri].v[i],
		    f->p[ri].v[i].duration_ms, -1, 1), 0);
	}
	assert_int_equal(history_end(h, id, HIST_COMPLETED), 0);
}

static void
test_parse_every(void **state)
{
	(void)state;
	assert_int_equal(desk_parse_every("50m"), 3000);
	assert_int_equal(desk_parse_every("1h"), 3600);
	assert_int_equal(desk_parse_every("1h30m"), 5400);
	assert_int_equal(desk_parse_every("45"), 2700);
	assert_int_equal(desk_parse_every("0"), -1);
	assert_int_equal(desk_parse_every("50x"), -1);
	assert_int_equal(desk_parse_every("m"), -1);
	assert_int_equal(desk_parse_every("25h"), -1);
	assert_int_equal(desk_parse_every(""), -1);
	/* Units spelt out: 50min, 2hours, 1hr30min. */
	assert_int_equal(desk_parse_every("50min"), 3000);
	assert_int_equal(desk_parse_every("50mins"), 3000);
	assert_int_equal(desk_parse_every("2hours"), 7200);
	assert_int_equal(desk_parse_every("1hr30min"), 5400);
	assert_int_equal(desk_parse_every("1H"), 3600);
	assert_int_equal(desk_parse_every("50 min"), -1);
	assert_int_equal(desk_parse_every("50minx"), -1);
	assert_int_equal(desk_parse_every("0min"), -1);
}

static void
test_parse_between_days(void **state)
{
	char	buf[64];
	int	a, b;

	(void)state;
	assert_int_equal(desk_parse_between("09:00-18:00", &a, &b), 0);
	assert_int_equal(a, 540);
	assert_int_equal(b, 1080);
	assert_int_equal(desk_parse_between("00:00-24:00", &a, &b), 0);
	assert_int_equal(b, 1440);
	assert_int_equal(desk_parse_between("18:00-09:00", &a, &b), -2);
	assert_int_equal(desk_parse_between("09:00-09:00", &a, &b), -2);
	/* One-digit hours, as people type them (a desk-worker tester). */
	assert_int_equal(desk_parse_between("9:00-17:30", &a, &b), 0);
	assert_int_equal(a, 540);
	assert_int_equal(b, 1050);
	assert_int_equal(desk_parse_between("9:0-18:00", &a, &b), -1);
	assert_int_equal(desk_parse_between("900-18:00", &a, &b), -1);
	assert_int_equal(desk_parse_between("123:00-18:00", &a, &b), -1);
	assert_int_equal(desk_parse_between("09:60-18:00", &a, &b), -1);
	assert_int_equal(desk_parse_days("mon-fri"), 0x3e);
	assert_int_equal(desk_parse_days("sat,sun"), 0x41);
	assert_int_equal(desk_parse_days("fri-mon"), 0x63);	/* wraps */
	assert_int_equal(desk_parse_days("daily"), 0x7f);
	assert_int_equal(desk_parse_days("Mon,Wed"), 0x0a);
	assert_int_equal(desk_parse_days("funday"), 0);
	assert_int_equal(desk_parse_days("mon-"), 0);
	desk_days_text(0x3e, 0, buf, sizeof buf);
	assert_string_equal(buf, "mon,tue,wed,thu,fri");
	desk_days_text(0x41, 1, buf, sizeof buf);
	assert_string_equal(buf, "6,0");
}

static void
test_window_and_conf(void **state)
{
	struct fx		*f = *state;
	struct remind_conf	 c, back;
	char			 path[160];

	memset(&c, 0, sizeof c);
	c.every_s = 3000;
	c.from_min = 540;
	c.to_min = 1080;
	c.days = desk_parse_days("mon-fri");
	snprintf(c.routine, sizeof c.routine, "desk-long");
	assert_int_equal(desk_in_window(&c, T0), 0);		/* 08:00 */
	assert_int_equal(desk_in_window(&c, T0 + HOUR), 1);	/* 09:00 */
	assert_int_equal(desk_in_window(&c, T0 + 10 * HOUR), 0);	/* 18:00 */
	assert_int_equal(desk_in_window(&c, T0 + 5 * 86400 + HOUR), 0);
	snprintf(path, sizeof path, "%s/remind.conf", f->dir);
	assert_int_equal(desk_conf_write(path, &c), 0);
	assert_int_equal(desk_conf_read(path, &back), 0);
	assert_int_equal(back.every_s, 3000);
	assert_int_equal(back.from_min, 540);
	assert_int_equal(back.to_min, 1080);
	assert_int_equal(back.days, c.days);
	assert_string_equal(back.routine, "desk-long");
	snprintf(path, sizeof path, "%s/none.conf", f->dir);
	assert_int_equal(desk_conf_read(path, &back), -1);
}

/* The timer's checks and the next break, reckoned as the timer fires. */
static void
test_next_check(void **state)
{
	struct remind_conf	c;

	(void)state;
	memset(&c, 0, sizeof c);
	c.every_s = 3000;		/* 50 min: a check every 5 min */
	c.from_min = 9 * 60 + 30;	/* 09:30-18:00, weekdays */
	c.to_min = 18 * 60;
	c.days = desk_parse_days("mon-fri");
	assert_int_equal(desk_check_step(&c), 5);
	/* Monday 08:00: the timer's hours begin at 09 (OnCalendar 09..17). */
	assert_int_equal(desk_next_check(&c, T0), T0 + HOUR);
	assert_int_equal(desk_next_check(&c, T0 + HOUR), T0 + HOUR);
	assert_int_equal(desk_next_check(&c, T0 + HOUR + 1), T0 + HOUR + 300);
	assert_int_equal(desk_next_check(&c, T0 + HOUR + 299), T0 + HOUR + 300);
	/* 17:58: the next is Tuesday 09:00. */
	assert_int_equal(desk_next_check(&c, T0 + 9 * HOUR + 58 * 60),
	    T0 + 25 * HOUR);
	/* Friday 18:00: Monday 09:00. */
	assert_int_equal(desk_next_check(&c, T0 + 4 * 86400 + 10 * HOUR),
	    T0 + 7 * 86400 + HOUR);
	/* The break: a check in the window, not the 09:00 one. */
	assert_int_equal(desk_next_break(&c, T0, 0), T0 + HOUR + 1800);
	/* Due 10:02: the 10:05 check, whatever systemd said of 09:35. */
	assert_int_equal(desk_next_break(&c, T0 + 2 * HOUR + 120,
	    T0 + HOUR + 2100), T0 + 2 * HOUR + 300);
	/* Due now (10:02), systemd's next check 10:05: that one. */
	assert_int_equal(desk_next_break(&c, T0 + 2 * HOUR + 120,
	    T0 + 2 * HOUR + 300), T0 + 2 * HOUR + 300);
	/* 7 min intervals: a check every minute. */
	c.every_s = 420;
	assert_int_equal(desk_check_step(&c), 1);
	assert_int_equal(desk_next_check(&c, T0 + 2 * HOUR + 61),
	    T0 + 2 * HOUR + 120);
	/* No days: none. */
	c.days = 0;
	assert_int_equal(desk_next_check(&c, T0), 0);
	assert_int_equal(desk_next_break(&c, T0, 0), 0);
	/* What systemctl show says. */
	assert_int_equal(desk_systemd_time("@1795424400\n"), 1795424400);
	assert_int_equal(desk_systemd_time("1795424400000000\n"), 1795424400);
	assert_int_equal(desk_systemd_time("n/a\n"), 0);
	assert_int_equal(desk_systemd_time("0\n"), 0);
	assert_int_equal(desk_systemd_time(""), 0);
	assert_int_equal(desk_systemd_time("Mon 2026-11-23 09:00:00 UTC"), 0);
	assert_int_equal(desk_systemd_time("@12x"), 0);
	assert_int_equal(desk_systemd_time(NULL), 0);
}

/* history_check refuses what history_begin refuses, and writes nothing. */
static void
test_check_matches_begin(void **state)
{
	struct fx	*f = *state;
	struct history	*h, *ro;
	struct resting	*rest, *rest2;
	size_t		 n, n2;
	int64_t		 id;
	char		*cause = NULL;
	struct stat	 sb;

	assert_int_equal(history_open_readonly(f->path, &f->fc.clock, &ro,
	    &cause), 0);
	assert_null(ro);		/* no store: nothing to read */
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_int_equal(stat(f->path, &sb), -1);	/* not created */
	h = open_rw(f);
	run_whole(f, h, 1);				/* desk-short */
	f->fc.wall_s += HOUR;
	assert_int_equal(history_open_readonly(f->path, &f->fc.clock, &ro,
	    &cause), 0);
	assert_int_equal(history_check(ro, f->lib.v[1].routine, &f->p[1],
	    &rest, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(begin(h, f->lib.v[1].routine, &f->p[1], NULL,
	    &id, &rest2, &n2, &cause), 0);
	assert_int_equal(id, 0);			/* refused */
	free(cause);
	cause = NULL;
	assert_int_equal(n2, n);
	assert_int_equal(rest2[0].free_at, rest[0].free_at);
	assert_ptr_equal(rest2[0].area, rest[0].area);
	free(rest);
	free(rest2);
	assert_int_equal(history_check(ro, f->lib.v[0].routine, &f->p[0],
	    &rest, &n, &cause), 0);
	assert_int_equal(n, 0);				/* desk-long is free */
	free(rest);
	f->fc.wall_s += HOUR;				/* 2 h after: free */
	assert_int_equal(history_check(ro, f->lib.v[1].routine, &f->p[1],
	    &rest, &n, &cause), 0);
	assert_int_equal(n, 0);
	free(rest);
	history_close(ro);
	history_close(h);
}

static void
test_pick(void **state)
{
	struct fx		*f = *state;
	struct history		*h;
	struct desk_pick	 pk;
	char			*cause = NULL;
	int64_t			 short_end;

	/* No store: the shortest desk routine. */
	assert_int_equal(desk_pick(NULL, &f->lib, NULL, &pk, &cause), 0);
	assert_non_null(pk.e);
	assert_string_equal(pk.e->routine->id.s, "desk-short");
	assert_string_equal(pk.areas, "rhomboids");
	/* A named routine comes first, even one not tagged desk. */
	assert_int_equal(desk_pick(NULL, &f->lib, "feet", &pk, &cause), 0);
	assert_string_equal(pk.e->routine->id.s, "feet");

	h = open_rw(f);
	run_whole(f, h, 1);
	short_end = f->fc.wall_s;
	f->fc.wall_s += 60;
	assert_int_equal(desk_pick(h, &f->lib, NULL, &pk, &cause), 0);
	assert_string_equal(pk.e->routine->id.s, "desk-long");
	assert_int_equal(pk.total_ms, f->p[0].total_ms);
	/* The named one resting: the next desk routine that can run. */
	assert_int_equal(desk_pick(h, &f->lib, "desk-short", &pk, &cause), 0);
	assert_string_equal(pk.e->routine->id.s, "desk-long");
	run_whole(f, h, 0);
	f->fc.wall_s += 60;
	assert_int_equal(desk_pick(h, &f->lib, NULL, &pk, &cause), 0);
	assert_null(pk.e);
	assert_int_equal(pk.ready_at, short_end + 2 * HOUR);	/* soonest */
	/* The last break: the later session's end. */
	assert_int_equal(desk_last_break(h, T0), f->fc.wall_s - 60);
	assert_int_equal(desk_last_break(h, f->fc.wall_s), 0);
	history_close(h);
}

/*
 * What the status line's cache (deskline.h) relies on: ready_at is when a
 * routine before the pick can run, exactly when the answer changes; a
 * running session marks the answer as moving; the last break, for when
 * the next one falls due.
 */
static void
test_pick_deadline(void **state)
{
	struct fx		*f = *state;
	struct history		*h;
	struct desk_pick	 pk;
	struct resting		*rest;
	char			*cause = NULL;
	int64_t			 short_end, id;
	size_t			 nrest;

	h = open_rw(f);
	assert_int_equal(history_any_running(h), 0);
	run_whole(f, h, 1);
	short_end = f->fc.wall_s;
	f->fc.wall_s += 60;
	assert_int_equal(desk_pick(h, &f->lib, NULL, &pk, &cause), 0);
	assert_string_equal(pk.e->routine->id.s, "desk-long");
	assert_int_equal(pk.ready_at, short_end + 2 * HOUR);
	assert_int_equal(pk.moving, 0);
	f->fc.wall_s = pk.ready_at - 1;
	assert_int_equal(desk_pick(h, &f->lib, NULL, &pk, &cause), 0);
	assert_string_equal(pk.e->routine->id.s, "desk-long");
	f->fc.wall_s = short_end + 2 * HOUR;
	assert_int_equal(desk_pick(h, &f->lib, NULL, &pk, &cause), 0);
	assert_string_equal(pk.e->routine->id.s, "desk-short");
	assert_int_equal(pk.ready_at, 0);
	/* The last break, for when the next one falls due. */
	assert_int_equal(desk_last_break(h, T0), short_end);
	assert_int_equal(desk_last_break(h, f->fc.wall_s), 0);
	/* A session running: stored as such, and the answer moves. */
	run_whole(f, h, 1);
	assert_int_equal(begin(h, f->lib.v[0].routine, &f->p[0], NULL, &id,
	    &rest, &nrest, &cause), 0);
	free(rest);
	assert_int_equal(history_any_running(h), 1);
	assert_int_equal(desk_pick(h, &f->lib, NULL, &pk, &cause), 0);
	assert_null(pk.e);
	assert_int_equal(pk.moving, 1);
	history_close(h);
}

/* Begin routine ri of the fixture: the session's id. */
static int64_t
begin_one(struct fx *f, struct history *h, size_t ri)
{
	struct resting	*rest;
	size_t		 nrest;
	int64_t		 id;
	char		*cause = NULL;

	assert_int_equal(begin(h, f->lib.v[ri].routine, &f->p[ri], NULL, &id,
	    &rest, &nrest, &cause), 0);
	free(rest);
	assert_true(id > 0);
	return id;
}

/*
 * The break clock (desk_last_break, desk_break_due), the one rule of
 * remind --notify, --status and status --line: a break counts from its
 * end, however long it ran (finding 5); a session running now, its knead
 * alive, is a break on now however long ago it began (finding 4); one
 * whose knead died, or that did less than half its planned work (a stop
 * after a few seconds), is no break: the store's half_done.
 */
static void
test_break_clock(void **state)
{
	struct fx		*f = *state;
	struct history		*h, *ro;
	struct remind_conf	 c;
	char			*cause = NULL;
	int64_t			 end, id, now;

	memset(&c, 0, sizeof c);
	c.every_s = 60;		/* shorter than desk-long's 60 s and more */
	c.to_min = 24 * 60;
	c.days = 0x7f;
	assert_int_equal(desk_last_break(NULL, T0), 0);	/* no store yet */
	assert_int_equal(desk_break_due(&c, 0, T0), T0);
	h = open_rw(f);
	f->fc.wall_s += 5;
	run_whole(f, h, 0);			/* desk-long: 60 s */
	end = f->fc.wall_s;
	/* 10 s after: it began 70 s ago, before the interval, and ended */
	/* inside it: the next break is due a whole interval after its end. */
	now = f->fc.wall_s += 10;
	assert_int_equal(desk_last_break(h, now - c.every_s), end);
	assert_int_equal(desk_break_due(&c, end, now), end + c.every_s);
	now = f->fc.wall_s = end + c.every_s - 1;
	assert_int_equal(desk_break_due(&c, desk_last_break(h, now -
	    c.every_s), now), end + c.every_s);
	now = f->fc.wall_s = end + c.every_s;		/* due now */
	assert_int_equal(desk_break_due(&c, desk_last_break(h, now -
	    c.every_s), now), now);
	now = f->fc.wall_s = end + c.every_s + 1;
	assert_int_equal(desk_last_break(h, now - c.every_s), 0);
	assert_int_equal(desk_break_due(&c, 0, now), now);

	/* A session running, begun 90 s ago: a break on now, to this */
	/* handle and to another (the lock in PATH-live). */
	id = begin_one(f, h, 1);			/* desk-short */
	now = f->fc.wall_s += 90;
	assert_int_equal(history_open_readonly(f->path, &f->fc.clock, &ro,
	    &cause), 0);
	assert_non_null(ro);
	assert_true(desk_last_break(h, now - c.every_s) == INT64_MAX);
	assert_true(desk_last_break(ro, now - c.every_s) == INT64_MAX);
	assert_true(desk_break_due(&c, INT64_MAX, now) == INT64_MAX);
	/* Its knead died (the lock gone): no break on now, and it did */
	/* nothing: no break at all, nor once closed as interrupted. */
	history_close(h);
	assert_int_equal(desk_last_break(ro, now - c.every_s), 0);
	history_close(ro);
	h = open_rw(f);
	assert_int_equal(desk_last_break(h, T0), end);

	/* Stopped after 5 s with nothing done (every area resting, */
	/* skipped): no break. */
	id = begin_one(f, h, 2);			/* feet: 20 s */
	now = f->fc.wall_s += 5;
	assert_int_equal(history_end(h, id, HIST_STOPPED), 0);
	assert_int_equal(desk_last_break(h, T0), end);
	/* Stopped after half its work: a break, as homework counts it. */
	now = f->fc.wall_s += 60;
	id = begin_one(f, h, 2);
	now = f->fc.wall_s += 10;
	assert_int_equal(history_step_ended(h, id, 0, &f->p[2].v[0],
	    f->p[2].v[0].duration_ms / 2, -1, 0), 0);
	assert_int_equal(history_end(h, id, HIST_STOPPED), 0);
	assert_int_equal(desk_last_break(h, now - c.every_s), now);
	history_close(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_every),
		cmocka_unit_test(test_parse_between_days),
		cmocka_unit_test_setup_teardown(test_window_and_conf, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_check_matches_begin, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_pick, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pick_deadline, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_break_clock, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_next_check, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
