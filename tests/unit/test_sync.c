/*
 * One history across two machines (issue 15): export from one real SQLite
 * store, import into another with the fake wall clock, twice; conflicting
 * copies of one session; the unique ids of the migration; and crafted
 * exports (bad JSON, a newer format, huge lines, wrong types, escape
 * sequences, duplicate rows) refused or masked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "clock.h"
#include "diag.h"
#include "exitcodes.h"
#include "areas.h"
#include "export.h"
#include "history.h"
#include "json.h"
#include "plan.h"
#include "routine.h"
#include "routine_yaml.h"
#include "validate.h"

#define T0	1795420800	/* Mon 2026-11-23 08:00:00 UTC */
#define HOUR	3600

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

static const char neck_yaml[] =
	"knead: 1\n"
	"id: test-neck\n"
	"title: \"Test neck\"\n"
	"intensity: gentle\n"
	"limits:\n"
	"  rest: 24h\n"
	"  per-week: 3\n"
	"homework:\n"
	"  by: \"A. Moreau, PT\"\n"
	"  from: 2026-11-20\n"
	"  until: 2026-12-18\n"
	"  per-week: 3\n"
	"  note: \"Slowly.\"\n"
	"screen:\n"
	"  - \"Any numbness right now?\"\n"
	"steps:\n"
	"  - press:\n"
	"      area: upper-trapezius\n"
	"      side: both\n"
	"      tool: tennis-ball\n"
	"      time: 40s\n"
	"      check: pain\n";

struct fx {
	char			 dir[64];
	char			 a[128], b[128];
	struct fake_clock	 fc;
	struct routine		*neck;
	struct plan		 pneck;
};

static int
setup(void **state)
{
	struct fx		*f = calloc(1, sizeof *f);
	struct diag_list	 dl;

	snprintf(f->dir, sizeof f->dir, "/tmp/knead-us.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->a, sizeof f->a, "%s/a.db", f->dir);
	snprintf(f->b, sizeof f->b, "%s/b.db", f->dir);
	fake_clock_init(&f->fc, 0, T0);
	diag_init(&dl);
	f->neck = routine_load_string("neck.yaml", neck_yaml,
	    strlen(neck_yaml), &dl);
	assert_non_null(f->neck);
	validate_routine(f->neck, &dl);
	assert_int_equal(dl.errors, 0);
	diag_clear(&dl);
	assert_int_equal(plan_build(f->neck, &f->pneck), 0);
	setenv("TZ", "UTC", 1);
	unsetenv("KNEAD_DB");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;
	char		 cmd[160];

	plan_free(&f->pneck);
	routine_free(f->neck);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cleanup of %s failed\n", f->dir);
	free(f);
	return 0;
}

static struct history *
open_ok(struct fx *f, const char *path)
{
	struct history	*h = NULL;
	char		*cause = NULL;

	assert_int_equal(history_open(path, &f->fc.clock, &h, &cause), 0);
	return h;
}

/* One session of the neck routine, all its work, a pain rating of 4. */
static void
run_neck(struct fx *f, struct history *h)
{
	static const char *const no[] = { "no", NULL };
	struct begin_opts	 o;
	struct resting		*rest = NULL;
	size_t			 nrest, i;
	int64_t			 id;
	char			*cause = NULL;

	memset(&o, 0, sizeof o);
	o.screen_answers = no;
	assert_int_equal(begin(h, f->neck, &f->pneck, &o, &id, &rest,
	    &nrest, &cause), 0);
	free(rest);
	for (i = 0; i < f->pneck.n; i++) {
		f->fc.wall_s += (int64_t)(f->pneck.v[i].duration_ms / 1000);
		assert_int_equal(history_step_ended(h, id, i, &f->pneck.v[i],
		    f->pneck.v[i].duration_ms, f->pneck.v[i].check_pain ? 4 :
		    -1, 1), 0);
	}
	assert_int_equal(history_end(h, id, HIST_COMPLETED), 0);
}

/* The export of store h as text, read back into *v. */
static char *
export_text(struct history *h, int64_t since, const char *routine,
    struct export_session **v, size_t *n)
{
	struct export_session	*w;
	char			*buf = NULL, *cause = NULL;
	size_t			 len = 0, nw;
	int			 newer;
	FILE			*fp;

	assert_int_equal(history_sync_read(h, since, routine, &w, &nw,
	    &cause), 0);
	assert_non_null(fp = open_memstream(&buf, &len));
	assert_int_equal(export_write(fp, w, nw, T0), 0);
	fclose(fp);
	export_free(w, nw);
	if (export_read_mem(buf, len, "x.jsonl", 0, v, n, &newer, &cause) != 0)
		fprintf(stderr, "%s\n", cause);
	assert_null(cause);
	return buf;
}

static int64_t
sql_int(const char *path, const char *sql)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/*
 * Export from A, import into B twice: the second import changes nothing,
 * B holds the same sessions, and B's rest limit refuses the neck routine.
 */
/*
 * history_sessions and the export read a session through the one reader
 * (hist_read): the two views of a stored session agree field by field.
 */
static void
same_session(const struct hist_session *s, const struct export_session *e)
{
	uint64_t	done = 0;
	size_t		i, pains = 0;

	assert_string_equal(s->routine_id, e->routine_id);
	assert_int_equal(s->started_at, e->started_at);
	assert_int_equal(s->ended_at, e->ended_at);
	assert_string_equal(hist_outcome_name(s->outcome), e->outcome);
	assert_int_equal(s->rest_s, e->rest_s);
	assert_int_equal(s->planned_ms, e->planned_ms);
	assert_int_equal(s->hw_per_week, e->hw_per_week < 0 ? 0 :
	    e->hw_per_week);
	assert_int_equal(s->nsteps, e->nsteps);
	for (i = 0; i < e->nsteps; i++) {
		done += (uint64_t)e->steps[i].done_ms;
		pains += e->steps[i].pain >= 0;
	}
	assert_int_equal(s->done_ms, done);
	assert_int_equal(s->npains, pains);
	assert_true(e->nsteps > 0);
	assert_string_equal(s->last_kind, e->steps[e->nsteps - 1].kind);
	assert_int_equal(s->nareas, e->nareas);
	for (i = 0; i < e->nareas; i++)
		assert_string_equal(s->areas[i].area, e->areas[i].area);
	assert_int_equal(s->nlimits, e->nlimits);
	assert_int_equal(s->nanswers, e->nanswers);
	for (i = 0; i < e->nanswers; i++)
		assert_string_equal(s->answers[i].question,
		    e->answers[i].question);
	assert_int_equal(s->nafters, e->nafters);
}

static void
test_roundtrip(void **state)
{
	struct fx		*f = *state;
	struct history		*a = open_ok(f, f->a), *b;
	struct export_session	*v, *v2;
	struct hist_session	*sa, *sb;
	struct sync_stats	 st;
	struct resting		*rest = NULL;
	size_t			 n, n2, na, nb, nrest, i;
	int64_t			 id;
	char			*cause = NULL, *text, *text2;

	run_neck(f, a);
	f->fc.wall_s += 30 * HOUR;
	run_neck(f, a);
	text = export_text(a, 0, NULL, &v, &n);
	assert_int_equal(n, 2);
	assert_non_null(strstr(text, "\"format\":3"));
	assert_non_null(strstr(text, "\"note\":\"Slowly.\""));
	/* Each step's id is its session's and its place. */
	assert_non_null(strstr(text, v[0].uid));
	assert_int_equal(strlen(v[0].uid), 32);
	assert_string_not_equal(v[0].uid, v[1].uid);

	b = open_ok(f, f->b);
	assert_int_equal(history_sync_merge(b, v, n, &st, &cause), 0);
	assert_int_equal(st.added, 2);
	assert_int_equal(history_sync_merge(b, v, n, &st, &cause), 0);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.updated, 0);
	assert_int_equal(st.same, 2);
	assert_int_equal(sql_int(f->b, "SELECT count(*) FROM sessions"), 2);
	assert_int_equal(sql_int(f->b, "SELECT count(*) FROM steps"),
	    2 * (int64_t)f->pneck.n);

	/* The same rows read back, and an export of B is A's again. */
	assert_int_equal(history_sessions(a, 0, &sa, &na, &cause), 0);
	assert_int_equal(history_sessions(b, 0, &sb, &nb, &cause), 0);
	assert_int_equal(na, nb);
	assert_int_equal(na, n);
	for (i = 0; i < n; i++) {
		same_session(&sa[i], &v[i]);
		same_session(&sb[i], &v[i]);
	}
	assert_string_equal(sb[1].routine_id, "test-neck");
	assert_int_equal(sb[1].started_at, sa[1].started_at);
	assert_int_equal(sb[1].ended_at, sa[1].ended_at);
	assert_int_equal(sb[1].done_ms, sa[1].done_ms);
	assert_int_equal(sb[1].half_done, 1);
	assert_int_equal(sb[1].npains, 2);
	assert_int_equal(sb[1].nanswers, 1);
	assert_int_equal(sb[1].hw_present, 1);
	assert_string_equal(sb[1].hw_note, "Slowly.");
	history_sessions_free(sa, na);
	history_sessions_free(sb, nb);
	text2 = export_text(b, 0, NULL, &v2, &n2);
	assert_string_equal(text, text2);
	free(text2);
	export_free(v2, n2);

	/* 1 h after A's last session: B refuses, its rest is A's. */
	f->fc.wall_s += HOUR;
	assert_int_equal(begin(b, f->neck, &f->pneck, NULL, &id,
	    &rest, &nrest, &cause), 0);
	assert_int_equal(id, 0);			/* refused */
	assert_int_equal(nrest, 2);
	free(rest);
	free(cause);
	cause = NULL;
	/* --since and --routine filter the export. */
	free(export_text(a, f->fc.wall_s - 2 * HOUR, NULL, &v2, &n2));
	assert_int_equal(n2, 1);
	export_free(v2, n2);
	free(export_text(a, 0, "other", &v2, &n2));
	assert_int_equal(n2, 0);
	export_free(v2, n2);

	free(text);
	export_free(v, n);
	history_close(a);
	history_close(b);
}

/* Two copies of one session: the one that ended later wins, both ways. */
static void
test_conflict(void **state)
{
	struct fx		*f = *state;
	struct history		*a = open_ok(f, f->a), *b;
	struct export_session	*v;
	struct sync_stats	 st;
	size_t			 n;
	char			*cause = NULL;

	run_neck(f, a);
	free(export_text(a, 0, NULL, &v, &n));
	b = open_ok(f, f->b);
	assert_int_equal(history_sync_merge(b, v, n, &st, &cause), 0);

	/* Edited elsewhere and ended later: it replaces B's copy. */
	v[0].ended_at += 60;
	free(v[0].outcome);
	v[0].outcome = strdup("halted");
	v[0].steps[v[0].nsteps - 1].done_ms = 1000;
	assert_int_equal(history_sync_merge(b, v, n, &st, &cause), 0);
	assert_int_equal(st.updated, 1);
	assert_int_equal(sql_int(f->b, "SELECT count(*) FROM sessions WHERE "
	    "outcome = 'halted'"), 1);
	assert_int_equal(sql_int(f->b, "SELECT count(*) FROM steps"),
	    (int64_t)f->pneck.n);
	assert_int_equal(sql_int(f->b, "SELECT done_ms FROM steps WHERE "
	    "side = 'right' AND kind = 'press'"), 1000);

	/* An older copy (A's) changes nothing in B. */
	history_close(a);
	a = open_ok(f, f->a);
	export_free(v, n);
	free(export_text(a, 0, NULL, &v, &n));
	assert_int_equal(history_sync_merge(b, v, n, &st, &cause), 0);
	assert_int_equal(st.same, 1);
	assert_int_equal(sql_int(f->b, "SELECT count(*) FROM sessions WHERE "
	    "outcome = 'halted'"), 1);
	/* And B's later copy replaces A's. */
	export_free(v, n);
	free(export_text(b, 0, NULL, &v, &n));
	assert_int_equal(history_sync_merge(a, v, n, &st, &cause), 0);
	assert_int_equal(st.updated, 1);
	assert_int_equal(sql_int(f->a, "SELECT count(*) FROM sessions WHERE "
	    "outcome = 'halted'"), 1);
	export_free(v, n);
	history_close(a);
	history_close(b);
}

/*
 * A later copy never turns a safety event into a milder outcome: B holds
 * a halted copy; an edited one that ended later as completed is not taken
 * (kept_safer), nor one that drops a pain stop; a copy with a red flag
 * B's lacks is taken though it ended earlier.
 */
static void
test_safer_kept(void **state)
{
	struct fx		*f = *state;
	struct history		*a = open_ok(f, f->a), *b;
	struct export_session	*v;
	struct sync_stats	 st;
	size_t			 n, k;
	char			*cause = NULL;

	run_neck(f, a);
	free(export_text(a, 0, NULL, &v, &n));
	history_close(a);
	b = open_ok(f, f->b);
	free(v[0].outcome);
	v[0].outcome = strdup("halted");
	assert_int_equal(history_sync_merge(b, v, n, &st, &cause), 0);
	assert_int_equal(st.added, 1);

	/* Halted, then "completed" and ended later: B keeps the halt. */
	v[0].ended_at += 60;
	free(v[0].outcome);
	v[0].outcome = strdup("completed");
	assert_int_equal(history_sync_merge(b, v, n, &st, &cause), 0);
	assert_int_equal(st.updated, 0);
	assert_int_equal(st.kept_safer, 1);
	assert_int_equal(sql_int(f->b, "SELECT count(*) FROM sessions WHERE "
	    "outcome = 'halted'"), 1);

	/* Halted with a pain stop, then halted without it, later. */
	free(v[0].outcome);
	v[0].outcome = strdup("halted");
	v[0].steps[0].pain = PAIN_STOP_RATING;
	assert_int_equal(history_sync_merge(b, v, n, &st, &cause), 0);
	assert_int_equal(st.updated, 1);
	v[0].ended_at += 60;
	v[0].steps[0].pain = 2;
	assert_int_equal(history_sync_merge(b, v, n, &st, &cause), 0);
	assert_int_equal(st.kept_safer, 1);
	assert_int_equal(sql_int(f->b, "SELECT MAX(pain) FROM steps"),
	    PAIN_STOP_RATING);

	/* A red flag B's copy lacks: taken, though it ended earlier. */
	v[0].ended_at -= 600;
	v[0].steps[0].pain = PAIN_STOP_RATING;
	for (k = 0; k < v[0].nanswers; k++) {
		free(v[0].answers[k].answer);
		v[0].answers[k].answer = strdup("yes");
	}
	assert_true(v[0].nanswers > 0);
	assert_int_equal(history_sync_merge(b, v, n, &st, &cause), 0);
	assert_int_equal(st.updated, 1);
	assert_int_equal(sql_int(f->b, "SELECT count(*) FROM screen_answers "
	    "WHERE answer = 'yes'"), (int64_t)v[0].nanswers);
	export_free(v, n);
	history_close(b);
}

/*
 * What made a halt travels: a copy that has the answer replaces B's
 * without it; a copy without it (an older knead's export, or one edited
 * later) never drops B's; an answer B lacks in a JSON line is read back,
 * a word this knead does not know is refused, an absent one is NULL.
 */
static void
test_halt_why_travels(void **state)
{
	struct fx		*f = *state;
	struct history		*a = open_ok(f, f->a), *b;
	struct export_session	*v, *w;
	struct sync_stats	 st;
	size_t			 n, nw;
	char			*cause = NULL, *text;
	int			 newer;

	run_neck(f, a);
	free(export_text(a, 0, NULL, &v, &n));
	history_close(a);
	assert_null(v[0].halt_why);
	b = open_ok(f, f->b);
	free(v[0].outcome);
	v[0].outcome = strdup("halted");
	assert_int_equal(history_sync_merge(b, v, n, &st, &cause), 0);
	assert_int_equal(st.added, 1);
	assert_int_equal(sql_int(f->b, "SELECT count(*) FROM sessions WHERE "
	    "halt_why IS NULL"), 1);
	/* Answered: taken, though it ended at the same time. */
	v[0].halt_why = strdup("shooting");
	assert_int_equal(history_sync_merge(b, v, n, &st, &cause), 0);
	assert_int_equal(st.updated, 1);
	assert_int_equal(sql_int(f->b, "SELECT count(*) FROM sessions WHERE "
	    "halt_why = 'shooting'"), 1);
	/* Without it, even ended later: B keeps its answer. */
	free(v[0].halt_why);
	v[0].halt_why = NULL;
	v[0].ended_at += 60;
	assert_int_equal(history_sync_merge(b, v, n, &st, &cause), 0);
	assert_int_equal(st.updated, 0);
	assert_int_equal(sql_int(f->b, "SELECT count(*) FROM sessions WHERE "
	    "halt_why = 'shooting'"), 1);
	export_free(v, n);
	/* Written and read back with it. */
	text = export_text(b, 0, NULL, &w, &nw);
	assert_non_null(strstr(text, "\"halt_why\":\"shooting\""));
	assert_int_equal(nw, 1);
	assert_string_equal(w[0].halt_why, "shooting");
	export_free(w, nw);
	/* A word this knead does not know is refused, with its name. */
	*strstr(text, "shooting") = 'x';
	assert_int_equal(export_read_mem(text, strlen(text), "x.jsonl", 0, &w,
	    &nw, &newer, &cause), -1);
	assert_non_null(strstr(cause, "halt_why"));
	free(cause);
	cause = NULL;
	free(text);
	history_close(b);
}

/* Schema 4 to 5: every session gets a unique id; new ones get one too. */
static void
test_uid_migration(void **state)
{
	struct fx	*f = *state;
	struct history	*h;
	char		*cause = NULL;
	sqlite3		*db;

	assert_int_equal(history_create_version(f->a, 4, &cause), 0);
	assert_int_equal(sqlite3_open(f->a, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO sessions (routine_id, "
	    "started_at, ended_at, outcome) VALUES ('old', 1795000000, "
	    "1795000060, 'completed'), ('old', 1795100000, 1795100060, "
	    "'stopped')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	h = open_ok(f, f->a);
	run_neck(f, h);
	history_close(h);
	assert_int_equal(sql_int(f->a, "SELECT count(DISTINCT uid) FROM "
	    "sessions WHERE length(uid) = 32"), 3);
	assert_int_equal(sql_int(f->a, "SELECT count(*) FROM sessions WHERE "
	    "uid IS NULL"), 0);
}

/* Read text as an export; returns 0 or -1 with *cause (freed here). */
static int
try_read(const char *text, size_t len, int *newer, const char *want)
{
	struct export_session	*v;
	size_t			 n;
	char			*cause = NULL;
	int			 rc;

	rc = export_read_mem(text, len, "bad.jsonl", 0, &v, &n, newer, &cause);
	if (rc == 0)
		export_free(v, n);
	else if (want != NULL && (cause == NULL || strstr(cause, want) ==
	    NULL)) {
		fprintf(stderr, "got '%s', wanted '%s'\n", cause, want);
		fail();
	}
	free(cause);
	return rc;
}

#define HDR	"{\"kind\":\"knead-history\",\"format\":1}\n"
#define S0	"{\"id\":\"0123456789abcdef\",\"routine\":\"r\"," \
		"\"started_at\":1795420800,\"ended_at\":1795420900," \
		"\"outcome\":\"completed\""

/* Crafted files: each refused with its line and why, never trusted. */
static void
test_crafted(void **state)
{
	static const struct {
		const char	*text;
		const char	*want;
	} bad[] = {
		{ "", "empty" },
		{ "not json\n", "bad.jsonl:1: not JSON" },
		{ "{\"kind\":\"other\",\"format\":1}\n", "not a knead history" },
		{ HDR "{\"id\":1}\n", "bad.jsonl:2: id must be a string" },
		{ HDR S0 "}\n{", "bad.jsonl:3: not JSON" },
		{ HDR S0 ",\"outcome\":\"running\"}\n", "duplicate object key" },
		{ HDR "{\"id\":\"0123456789abcdef\",\"routine\":\"r\","
		  "\"started_at\":1795420800,\"ended_at\":1795420900,"
		  "\"outcome\":\"running\"}\n", "not a word this knead knows" },
		{ HDR S0 ",\"steps\":[{\"idx\":0,\"kind\":\"press\","
		  "\"planned_ms\":1,\"done_ms\":1,\"ended_at\":1795420900,"
		  "\"pain\":11}]}\n", "steps[0].pain must be 0 to 10" },
		{ HDR S0 ",\"steps\":[{\"idx\":0,\"kind\":\"press\","
		  "\"planned_ms\":1.5,\"done_ms\":1,\"ended_at\":1795420900}]}\n",
		  "planned_ms must be a whole number" },
		{ HDR S0 ",\"areas\":[{\"area\":\"a\\u001b[2J\",\"side\":\"\","
		  "\"planned_ms\":1,\"done_ms\":1}]}\n", "area must be letters" },
		{ HDR S0 ",\"title\":\"a\\u0000b\"}\n", "\\u0000" },
		{ HDR S0 ",\"title\":\"\xff\"}\n", "unable to decode byte 0xff" },
		{ HDR S0 ",\"rest_s\":99999999999999999999999}\n",
		  "too big integer" },
		{ HDR S0 ",\"homework\":{\"from\":\"2026-02-31\"}}\n",
		  "homework.from must be a date" },
		{ HDR S0 ",\"x\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]}\n",
		  "levels deep" },
		{ "{\"kind\":\"knead-history\",\"format\":1,\"sessions\":2}\n"
		  S0 "}\n", "header says 2 sessions but the file holds 1" },
		{ HDR "{\"id\":\"short\",\"routine\":\"r\","
		  "\"started_at\":1795420800,\"ended_at\":1795420900,"
		  "\"outcome\":\"completed\"}\n", "too short" },
		{ HDR S0 ",\"limits\":[{\"action\":\"refused\",\"area\":null,"
		  "\"side\":\"\",\"free_at\":1,\"rule\":\"monthly\"}]}\n",
		  "rule: 'monthly' is not a word" },
		/* Edited files whose values could not have been recorded. */
		{ HDR S0 "}\n\n" S0 "}\n", "bad.jsonl:4: session 0123456789abcdef "
		  "is also on line 2: a duplicate row" },
		{ HDR "{\"id\":\"0123456789abcdef\",\"routine\":\"r\","
		  "\"started_at\":1795420800,\"ended_at\":1795334400,"
		  "\"outcome\":\"completed\"}\n", "bad.jsonl:2: ended_at is "
		  "86400 s before started_at" },
		{ HDR S0 ",\"areas\":[{\"area\":\"calves\",\"side\":\"left\","
		  "\"planned_ms\":30000,\"done_ms\":999999999}]}\n",
		  "areas[0].done_ms 999999999 is longer than the session (100 s)" },
		{ HDR S0 ",\"steps\":[{\"idx\":0,\"kind\":\"press\","
		  "\"planned_ms\":1,\"done_ms\":3701001,\"ended_at\":1795420900}]}\n",
		  "steps[0].done_ms 3701001 is longer" },
		{ HDR S0 ",\"homework\":{\"from\":\"2026-12-31\","
		  "\"until\":\"2026-01-01\"}}\n", "homework.until 2026-01-01 is "
		  "before homework.from 2026-12-31" },
		/* A red flag answered, then a session that ran. */
		{ HDR S0 ",\"answers\":[{\"idx\":0,\"question\":\"Numb?\","
		  "\"answer\":\"yes\"}]}\n", "bad.jsonl:2: answers[0] is \"yes\" "
		  "but the outcome is 'completed'" },
		/* Steps each shorter than the session, more than it together. */
		{ HDR S0 ",\"steps\":[{\"idx\":0,\"kind\":\"press\","
		  "\"planned_ms\":1,\"done_ms\":3000000,\"ended_at\":1795420900},"
		  "{\"idx\":1,\"kind\":\"press\",\"planned_ms\":1,"
		  "\"done_ms\":3000000,\"ended_at\":1795420900}]}\n",
		  "bad.jsonl:2: steps[0] to steps[1] record 6000 s of work, longer "
		  "than the session (100 s)" },
		{ HDR S0 ",\"areas\":[{\"area\":\"calves\",\"side\":\"left\","
		  "\"planned_ms\":1,\"done_ms\":3000000},{\"area\":\"calves\","
		  "\"side\":\"right\",\"planned_ms\":1,\"done_ms\":3000000}]}\n",
		  "areas[0] to areas[1] record 6000 s of work" },
		/* A step or area planned longer than the whole session. */
		{ HDR S0 ",\"planned_ms\":75000,\"steps\":[{\"idx\":0,"
		  "\"kind\":\"press\",\"planned_ms\":3000000,\"done_ms\":1000,"
		  "\"ended_at\":1795420900}]}\n", "steps[0].planned_ms 3000000 is "
		  "more than the whole session planned (planned_ms 75000)" },
		{ HDR S0 ",\"planned_ms\":75000,\"areas\":[{\"area\":\"calves\","
		  "\"side\":\"left\",\"planned_ms\":90000,\"done_ms\":1}]}\n",
		  "areas[0].planned_ms 90000 is more than" },
		/* A session longer than a year (durations are at most one). */
		{ HDR "{\"id\":\"0123456789abcdef\",\"routine\":\"r\","
		  "\"started_at\":1700000000,\"ended_at\":1795420900,"
		  "\"outcome\":\"completed\"}\n", "bad.jsonl:2: the session lasts "
		  "1104 days (started_at to ended_at): longer than a year" },
	};
	char	*big;
	size_t	 k, len;
	int	 newer;

	(void)state;
	for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		if (try_read(bad[k].text, strlen(bad[k].text), &newer,
		    bad[k].want) != -1) {
			fprintf(stderr, "accepted: %s\n", bad[k].text);
			fail();
		}
		assert_int_equal(newer, 0);
	}
	/* Work as long as the session and the clock's room: accepted. */
	{
		static const char ok[] = HDR S0 ",\"steps\":[{\"idx\":0,"
		    "\"kind\":\"press\",\"planned_ms\":1,\"done_ms\":3701000,"
		    "\"ended_at\":1795420900}]}\n";

		assert_int_equal(try_read(ok, sizeof ok - 1, &newer, NULL), 0);
	}
	/* A newer format is refused and said to be newer. */
	assert_int_equal(try_read("{\"kind\":\"knead-history\",\"format\":4}\n",
	    37, &newer, "newer knead (format 4"), -1);
	assert_int_equal(newer, 1);

	/* A line longer than the limit, through the file reader. */
	len = EXPORT_MAX_LINE + 100;
	big = malloc(len + sizeof HDR);
	memcpy(big, HDR, sizeof HDR - 1);
	memset(big + sizeof HDR - 1, ' ', len);
	big[sizeof HDR - 1 + len - 1] = '\n';
	{
		struct export_session	*v;
		char			*cause = NULL;
		size_t			 n;
		FILE			*fp = fmemopen(big, sizeof HDR - 1 + len,
		    "r");

		assert_non_null(fp);
		assert_int_equal(export_read(fp, "big.jsonl", 0, &v, &n, &newer,
		    &cause), -1);
		assert_non_null(strstr(cause, "big.jsonl:2: the line is longer"));
		free(cause);
		fclose(fp);
	}
	free(big);
}

/*
 * Format 1 stored a screened-out run as "stopped" with no step and a "yes":
 * imported, it is "screened-out" (not work, not resting); a stop with only
 * "no" answers stays a stop. Format 2 carries each limit's rule.
 */
/*
 * A session dated more than a day after the reading machine's clock (a
 * synced machine with a wrong date) is refused with its line; within the
 * day (a clock on local time, drift) it is read. Its steps, ratings and
 * check-ins likewise.
 */
static void
test_future(void **state)
{
	static const char far[] = HDR S0 "}\n";
	static const char step[] = HDR S0 ",\"steps\":[{\"idx\":0,"
	    "\"kind\":\"press\",\"planned_ms\":1,\"done_ms\":1,"
	    "\"ended_at\":1795600000}]}\n";
	static const char rated[] = HDR S0 ",\"day_after\":[{\"area\":"
	    "\"calves\",\"side\":\"left\",\"rating\":2,"
	    "\"rated_at\":1795600000}]}\n";
	struct export_session	*v;
	size_t			 n;
	char			*cause = NULL;
	int			 newer;
	/* S0 ends 1795420900 (2026-11-23 08:01:40 UTC). */
	const int64_t		 before = 1795420800 - 86401, day = 86400;

	(void)state;
	assert_int_equal(export_read_mem(far, sizeof far - 1, "f.jsonl",
	    before, &v, &n, &newer, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "f.jsonl:2: started_at "
	    "2026-11-23T08:00:00Z is more than a day after this machine's "
	    "clock (2026-11-22T07:59:59Z)"));
	free(cause);
	cause = NULL;
	assert_int_equal(export_read_mem(far, sizeof far - 1, "f.jsonl",
	    1795420900 - day, &v, &n, &newer, &cause), 0);
	export_free(v, n);
	assert_int_equal(export_read_mem(step, sizeof step - 1, "f.jsonl",
	    1795420900, &v, &n, &newer, &cause), -1);
	assert_non_null(strstr(cause, "f.jsonl:2: steps[0].ended_at "));
	free(cause);
	cause = NULL;
	assert_int_equal(export_read_mem(rated, sizeof rated - 1, "f.jsonl",
	    1795420900, &v, &n, &newer, &cause), -1);
	assert_non_null(strstr(cause, "f.jsonl:2: day_after[0].rated_at "));
	free(cause);
}

static void
test_screened_import(void **state)
{
	static const char text[] = HDR
	    "{\"id\":\"0123456789abcdef\",\"routine\":\"r\","
	    "\"started_at\":1795420800,\"ended_at\":1795420800,"
	    "\"outcome\":\"stopped\",\"answers\":[{\"idx\":0,"
	    "\"question\":\"Numb?\",\"answer\":\"yes\"}]}\n"
	    "{\"id\":\"0123456789abcdeg\",\"routine\":\"r\","
	    "\"started_at\":1795420900,\"ended_at\":1795420900,"
	    "\"outcome\":\"stopped\",\"answers\":[{\"idx\":0,"
	    "\"question\":\"Numb?\",\"answer\":\"no\"}]}\n"
	    "{\"id\":\"0123456789abcdeh\",\"routine\":\"r\","
	    "\"started_at\":1795421000,\"ended_at\":1795421000,"
	    "\"outcome\":\"refused\",\"limits\":[{\"action\":\"refused\","
	    "\"area\":null,\"side\":\"\",\"free_at\":1795500000,"
	    "\"rule\":\"per-month\"}]}\n";
	struct fx		*f = *state;
	struct export_session	*v;
	struct hist_session	*ss;
	struct sync_stats	 st;
	struct history		*b;
	size_t			 n, ns;
	char			*cause = NULL;
	int			 newer;

	assert_int_equal(export_read_mem(text, sizeof text - 1, "old.jsonl", 0,
	    &v, &n, &newer, &cause), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].outcome, "screened-out");
	assert_string_equal(v[1].outcome, "stopped");
	b = open_ok(f, f->b);
	assert_int_equal(history_sync_merge(b, v, n, &st, &cause), 0);
	export_free(v, n);
	assert_int_equal(sql_int(f->b, "SELECT count(*) FROM sessions WHERE "
	    "outcome = 'screened-out'"), 1);
	assert_int_equal(sql_int(f->b, "SELECT count(*) FROM limit_events "
	    "WHERE rule = 'per-month'"), 1);
	assert_int_equal(history_sessions(b, 0, &ss, &ns, &cause), 0);
	assert_int_equal(ss[0].outcome, HIST_SCREENED_OUT);
	assert_false(ss[0].ran);
	assert_string_equal(ss[2].limits[0].rule, "per-month");
	history_sessions_free(ss, ns);
	history_close(b);
}

/*
 * Format 3 (schema 7): the rules "sore" and "still-sore" and the check-ins
 * travel; the block holds the area in the store they arrive in. A format 2
 * file (rule "rest" for the soreness rest, no check-ins) still imports.
 */
static void
test_checkins_travel(void **state)
{
	static const char old[] = "{\"kind\":\"knead-history\",\"format\":2}\n"
	    "{\"id\":\"0123456789abcdef\",\"routine\":\"r\","
	    "\"started_at\":1795421000,\"ended_at\":1795421000,"
	    "\"outcome\":\"refused\",\"limits\":[{\"action\":\"refused\","
	    "\"area\":\"calves\",\"side\":\"left\",\"free_at\":1795500000,"
	    "\"rule\":\"rest\"}],\"day_after\":[]}\n";
	struct fx		*f = *state;
	struct history		*a = open_ok(f, f->a), *b;
	struct export_session	*v;
	struct sync_stats	 st;
	struct resting		*rest;
	sqlite3			*db;
	size_t			 n, nrest;
	char			*cause = NULL, *text;
	int			 newer;

	run_neck(f, a);
	history_close(a);
	assert_int_equal(sqlite3_open(f->a, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO aftercare_ratings "
	    "SELECT id, 'upper-trapezius', 'left', 6, ended_at + 72000 FROM "
	    "sessions; INSERT INTO aftercare_asked SELECT id, ended_at + 72000 "
	    "FROM sessions; INSERT INTO aftercare_checkins SELECT id, "
	    "'upper-trapezius', 'left', NULL, ended_at + 180000, 0 FROM "
	    "sessions; INSERT INTO aftercare_checkins SELECT id, "
	    "'upper-trapezius', 'left', 5, ended_at + 270000, 1 FROM sessions;"
	    "INSERT INTO limit_events (session_id, action, area, side, "
	    "free_at, rule) SELECT id, 'overridden', 'upper-trapezius', "
	    "'left', ended_at + 300000, 'still-sore' FROM sessions",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	a = open_ok(f, f->a);
	text = export_text(a, 0, NULL, &v, &n);
	history_close(a);
	assert_non_null(strstr(text, "\"checkins\":[{\"area\":"
	    "\"upper-trapezius\",\"side\":\"left\",\"rating\":null,"));
	assert_non_null(strstr(text, "\"rule\":\"still-sore\""));
	free(text);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].ncheckins, 2);
	assert_int_equal(v[0].checkins[0].rating, -1);
	assert_int_equal(v[0].checkins[1].rating, 5);
	assert_true(v[0].checkins[1].blocks);
	b = open_ok(f, f->b);
	assert_int_equal(history_sync_merge(b, v, n, &st, &cause), 0);
	export_free(v, n);
	assert_int_equal(sql_int(f->b, "SELECT count(*) FROM "
	    "aftercare_checkins WHERE rating IS NULL"), 1);
	assert_int_equal(sql_int(f->b, "SELECT count(*) FROM "
	    "aftercare_checkins WHERE rating = 5 AND blocks = 1"), 1);
	assert_int_equal(sql_int(f->b, "SELECT count(*) FROM limit_events "
	    "WHERE rule = 'still-sore'"), 1);
	/* The block holds the area there too. */
	f->fc.wall_s += 100 * 3600;	/* past every rest */
	assert_int_equal(history_resting(b, &rest, &nrest, &cause), 0);
	assert_int_equal(nrest, 1);
	assert_int_equal(rest[0].rule, RULE_BLOCKED);
	assert_string_equal(rest[0].area->id, "upper-trapezius");
	free(rest);
	/* An older knead's file still imports. */
	assert_int_equal(export_read_mem(old, sizeof old - 1, "old.jsonl", 0,
	    &v, &n, &newer, &cause), 0);
	assert_int_equal(history_sync_merge(b, v, n, &st, &cause), 0);
	export_free(v, n);
	assert_int_equal(sql_int(f->b, "SELECT count(*) FROM limit_events "
	    "WHERE rule = 'rest'"), 1);
	history_close(b);
}

/* Escape sequences in text are masked; the rest of the text stays. */
static void
test_masked(void **state)
{
	static const char text[] = HDR S0 ",\"title\":\"red \\u001b[31m x\\u009b\","
	    "\"override_reason\":\"bell\\u0007\\nnext\"}\n";
	struct export_session	*v;
	size_t			 n;
	char			*cause = NULL;
	int			 newer;

	(void)state;
	assert_int_equal(export_read_mem(text, sizeof text - 1, "m.jsonl", 0, &v,
	    &n, &newer, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].title, "red ?[31m x??");
	assert_string_equal(v[0].override_reason, "bell?\nnext");
	export_free(v, n);
}

/* A file with one session twice the same area: nothing is imported. */
static void
test_all_or_nothing(void **state)
{
	struct fx		*f = *state;
	static const char	 text[] = HDR
	    "{\"id\":\"aaaaaaaaaaaaaaaa\",\"routine\":\"r\","
	    "\"started_at\":1795420800,\"ended_at\":1795420900,"
	    "\"outcome\":\"completed\"}\n"
	    S0 ",\"areas\":[{\"area\":\"calves\",\"side\":\"left\","
	    "\"planned_ms\":1,\"done_ms\":1},{\"area\":\"calves\","
	    "\"side\":\"left\",\"planned_ms\":1,\"done_ms\":1}]}\n";
	struct export_session	*v;
	struct sync_stats	 st;
	struct history		*h = open_ok(f, f->a);
	size_t			 n;
	char			*cause = NULL;
	int			 newer;

	assert_int_equal(export_read_mem(text, sizeof text - 1, "d.jsonl", 0, &v,
	    &n, &newer, &cause), 0);
	assert_int_equal(history_sync_merge(h, v, n, &st, &cause), -1);
	assert_true(st.bad_data);
	assert_non_null(strstr(cause, "nothing was imported"));
	free(cause);
	history_close(h);
	export_free(v, n);
	assert_int_equal(sql_int(f->a, "SELECT count(*) FROM sessions"), 0);
}

/* The JSON reader on its own: values, escapes, limits. */
static void
test_json(void **state)
{
	static const char ok[] = " {\"a\":[1,-2,3.5e1,true,false,null],"
	    "\"s\":\"\\u00e9\\ud83d\\ude00\\n\"} ";
	struct json	*j;
	char		 err[128];

	(void)state;
	assert_int_equal(json_parse(ok, sizeof ok - 1, &j, err, sizeof err), 0);
	assert_int_equal(json_get(j, "a")->type, JV_ARR);
	assert_int_equal(json_get(j, "a")->v[1].i, -2);
	assert_int_equal(json_get(j, "a")->v[2].is_int, 0);
	assert_string_equal(json_get(j, "s")->s, "\xc3\xa9\xf0\x9f\x98\x80\n");
	json_free(j);
	assert_int_equal(json_parse("[1,]", 4, &j, err, sizeof err), -1);
	assert_int_equal(json_parse("01", 2, &j, err, sizeof err), -1);
	assert_int_equal(json_parse("\"\\ud800\"", 8, &j, err, sizeof err),
	    -1);
	assert_int_equal(json_parse("\"a\tb\"", 5, &j, err, sizeof err), -1);
	assert_int_equal(json_parse("{} x", 4, &j, err, sizeof err), -1);
	assert_non_null(strstr(err, "end of file expected"));
	/* The text near a problem is not quoted back (escape sequences). */
	assert_int_equal(json_parse("[\"\x1b[2J\" x]", 10, &j, err,
	    sizeof err), -1);
	assert_null(strchr(err, '\x1b'));
	/* A number too big for int64_t, a repeated key, too deep. */
	assert_int_equal(json_parse("9223372036854775808", 19, &j, err,
	    sizeof err), -1);
	assert_int_equal(json_parse("{\"a\":1,\"a\":2}", 13, &j, err,
	    sizeof err), -1);
	assert_int_equal(json_parse("[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]", 35,
	    &j, err, sizeof err), -1);
	assert_non_null(strstr(err, "levels deep"));
	assert_int_equal(json_parse("[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]", 31, &j,
	    err, sizeof err), 0);
	json_free(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_roundtrip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_halt_why_travels, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_safer_kept, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_conflict, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_uid_migration, setup,
		    teardown),
		cmocka_unit_test(test_crafted),
		cmocka_unit_test(test_future),
		cmocka_unit_test_setup_teardown(test_checkins_travel, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_screened_import, setup,
		    teardown),
		cmocka_unit_test(test_masked),
		cmocka_unit_test_setup_teardown(test_all_or_nothing, setup,
		    teardown),
		cmocka_unit_test(test_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
