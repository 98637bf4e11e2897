/* Unit tests of the routine loader: durations, schema errors and guards. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "areas.h"
#include "diag.h"
#include "routine.h"
#include "routine_yaml.h"

/* Load a routine from a string; the caller frees both. */
static struct routine *
load(const char *yaml, struct diag_list *dl)
{
	diag_init(dl);
	return routine_load_string("t.yaml", yaml, strlen(yaml), dl);
}

/* True when some diagnostic at line:col contains text. */
static int
has_diag(const struct diag_list *dl, unsigned line, unsigned col,
    const char *text)
{
	size_t	i;

	for (i = 0; i < dl->n; i++) {
		if ((line == 0 || dl->v[i].line == line) &&
		    (col == 0 || dl->v[i].col == col) &&
		    strstr(dl->v[i].msg, text) != NULL)
			return 1;
	}
	for (i = 0; i < dl->n; i++)
		fprintf(stderr, "  have %u:%u %s\n", dl->v[i].line,
		    dl->v[i].col, dl->v[i].msg);
	return 0;
}

static void
test_durations(void **state)
{
	static const struct {
		const char	*in;
		int64_t		 want;	/* -1: error */
	} cases[] = {
		{ "45s", 45 }, { "1m", 60 }, { "1m30s", 90 }, { "2h", 7200 },
		{ "24h", 86400 }, { "2d", 172800 }, { "90", 90 },
		{ "1d2h3m4s", 93784 }, { "0", -1 }, { "0s", -1 },
		{ "-5s", -1 }, { "1.5", -1 }, { "1.5m", -1 }, { "", -1 },
		{ "5x", -1 }, { "30s1m", -1 }, { "1m1m", -1 }, { "s", -1 },
		{ "1m30", -1 }, { "99999999999999999999", -1 },
		{ "366d", -1 }, { "365d", 365 * 86400 }, { " 5s", -1 },
	};
	size_t		i;
	int64_t		got;
	const char	*why;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = -1;
		why = NULL;
		if (routine_parse_duration(cases[i].in, &got, &why) != 0) {
			assert_non_null(why);
			got = -1;
		}
		if (got != cases[i].want)
			fail_msg("duration '%s': got %lld, want %lld",
			    cases[i].in, (long long)got,
			    (long long)cases[i].want);
	}
}

static const char good[] =
    "knead: 1\n"
    "id: t-one\n"
    "title: \"Täst: massothérapie\"\n"
    "tools: [tennis-ball]\n"
    "tags: [desk, neck]\n"
    "intensity: gentle\n"
    "limits: {rest: 3h, per-week: 4, strict: true}\n"
    "homework:\n"
    "  by: A. Moreau\n"
    "  for: J. Doe\n"
    "  from: 2026-11-20\n"
    "  until: 2026-12-18\n"
    "  per-week: 3\n"
    "screen:\n"
    "  - \"Any numbness right now?\"\n"
    "cues: {voice: false, lang: fr, countdown: 5, halfway: false}\n"
    "steps:\n"
    "  - position: \"Stand with your back to a wall.\"\n"
    "    time: 15s\n"
    "  - press:\n"
    "      area: upper-trapezius\n"
    "      side: both\n"
    "      tool: tennis-ball\n"
    "      time: 45s\n"
    "      pressure: 4\n"
    "      breathe: 6\n"
    "      check: pain\n"
    "      say: Lean in.\n"
    "  - rest: 10s\n"
    "  - press: {area: levator-scapulae, side: left, tool: tennis-ball,\n"
    "            until: release, max: 90s}\n"
    "  - breathe: {time: 1m, rate: 6, inhale: 4s, exhale: 6s}\n"
    "  - contract-relax: {area: hamstrings, side: right, contract: 5s,\n"
    "                     relax: 3s, stretch: 20s, cycles: 2}\n";

static void
test_full_routine(void **state)
{
	struct diag_list dl;
	struct routine	*r;

	(void)state;
	r = load(good, &dl);
	assert_non_null(r);
	assert_int_equal(dl.errors, 0);
	assert_int_equal(r->version.v, 1);
	assert_string_equal(r->id.s, "t-one");
	assert_string_equal(r->title.s, "Täst: massothérapie");
	assert_int_equal(r->title.pos.line, 3);
	assert_int_equal(r->title.pos.col, 8);
	assert_int_equal(r->tools.v, TOOL_BIT(TOOL_TENNIS_BALL));
	assert_int_equal(r->ntags, 2);
	assert_int_equal(r->intensity.v, INTENSITY_GENTLE);
	assert_int_equal(r->rest_s.v, 3 * 3600);
	assert_int_equal(r->per_week.v, 4);
	assert_int_equal(r->strict.v, 1);
	assert_true(r->homework.present);
	assert_int_equal(r->homework.per_week.v, 3);
	/* 2026-11-20 is 20777 days after 1970-01-01. */
	assert_int_equal(r->homework.from_day.v, 20777);
	assert_int_equal(r->homework.until_day.v - r->homework.from_day.v, 28);
	assert_int_equal(r->nscreen, 1);
	assert_int_equal(r->cues.voice.v, 0);
	assert_string_equal(r->cues.lang.s, "fr");
	assert_int_equal(r->cues.countdown.v, 5);
	assert_int_equal(r->nsteps, 6);

	assert_int_equal(r->steps[0].kind, STEP_POSITION);
	assert_string_equal(r->steps[0].say.s,
	    "Stand with your back to a wall.");
	assert_int_equal(r->steps[0].time_s.v, 15);
	assert_int_equal(r->steps[1].kind, STEP_PRESS);
	assert_int_equal(r->steps[1].pos.line, 20);
	assert_non_null(r->steps[1].area);
	assert_string_equal(r->steps[1].area->id, "upper-trapezius");
	assert_int_equal(r->steps[1].side.v, SIDE_BOTH);
	assert_int_equal(r->steps[1].tool.v, TOOL_TENNIS_BALL);
	assert_int_equal(r->steps[1].time_s.v, 45);
	assert_int_equal(r->steps[1].time_s.pos.line, 24);
	assert_int_equal(r->steps[1].time_s.pos.col, 13);
	assert_int_equal(r->steps[1].pressure.v, 4);
	assert_int_equal(r->steps[1].breathe_bpm.v, 6);
	assert_int_equal(r->steps[1].check_pain.v, 1);
	assert_string_equal(r->steps[1].say.s, "Lean in.");
	assert_int_equal(r->steps[2].kind, STEP_REST);
	assert_int_equal(r->steps[2].time_s.v, 10);
	assert_int_equal(r->steps[3].until_release.v, 1);
	assert_int_equal(r->steps[3].max_s.v, 90);
	assert_int_equal(r->steps[4].kind, STEP_BREATHE);
	assert_int_equal(r->steps[4].inhale_s.v, 4);
	assert_int_equal(r->steps[5].kind, STEP_CONTRACT_RELAX);
	assert_int_equal(r->steps[5].cycles.v, 2);
	assert_int_equal(r->steps[5].side.v, SIDE_RIGHT);
	routine_free(r);
	diag_clear(&dl);
}

/* The v1 additions: screen items with urgency, move, switch, per-month. */
static void
test_additions(void **state)
{
	struct diag_list dl;
	struct routine	*r;

	(void)state;
	r = load("knead: 1\nid: abc\ntitle: T\nswitch: 10s\n"
	    "limits: {per-month: 2}\n"
	    "screen:\n"
	    "  - \"Plain?\"\n"
	    "  - {ask: \"Emergency?\", if-yes: emergency}\n"
	    "  - ask: \"Urgent?\"\n"
	    "    if-yes: urgent\n"
	    "  - {ask: \"Default?\"}\n"
	    "steps:\n"
	    "  - move: {area: suboccipitals, reps: 8, tempo: 4s, "
	    "say: \"Tuck.\"}\n"
	    "  - stretch: {area: calves, side: both, time: 30s, switch: 8s}\n"
	    "  - press:\n"
	    "      area: calves\n"
	    "      tool: hand\n"
	    "      time: 30s\n"
	    "      say: |\n"
	    "        Two\n"
	    "        lines.\n", &dl);
	assert_non_null(r);
	assert_int_equal(dl.n, 0);
	assert_int_equal(r->switch_s.v, 10);
	assert_int_equal(r->per_month.v, 2);
	assert_int_equal(r->nscreen, 4);
	assert_string_equal(r->screen[1], "Emergency?");
	assert_ptr_equal(r->screen_items[1].ask, r->screen[1]);
	assert_int_equal(r->screen_items[0].urgency, SCREEN_CLINICIAN);
	assert_int_equal(r->screen_items[1].urgency, SCREEN_EMERGENCY);
	assert_int_equal(r->screen_items[2].urgency, SCREEN_URGENT);
	assert_int_equal(r->screen_items[3].urgency, SCREEN_CLINICIAN);
	assert_int_equal(routine_screen_urgency(r, 2), SCREEN_URGENT);
	assert_int_equal(r->screen_items[2].pos.line, 9);
	assert_int_equal(r->screen_items[2].urgency_pos.line, 10);
	assert_int_equal(r->steps[0].kind, STEP_MOVE);
	assert_int_equal(r->steps[0].reps.v, 8);
	assert_int_equal(r->steps[0].tempo_s.v, 4);
	assert_int_equal(r->steps[1].switch_s.v, 8);
	assert_int_equal(r->steps[0].say.block, 0);
	assert_int_equal(r->steps[2].say.block, 1);
	routine_free(r);
	diag_clear(&dl);

	/* Wrong forms: each named where it is. */
	r = load("knead: 1\nid: abc\ntitle: T\n"
	    "limits: {per-month: x}\n"
	    "screen:\n"
	    "  - {ask: \"Q?\", if-yes: soon}\n"
	    "  - {if-yes: urgent}\n"
	    "  - [a, b]\n"
	    "steps:\n"
	    "  - move: {reps: 5, tempo: fast, pace: 2}\n", &dl);
	assert_non_null(r);
	assert_true(has_diag(&dl, 4, 21, "'per-month' must be a whole number"));
	assert_true(has_diag(&dl, 6, 25, "unknown if-yes 'soon'"));
	assert_true(has_diag(&dl, 7, 5, "screen question has no 'ask'"));
	assert_true(has_diag(&dl, 8, 5, "a screen question is text or"));
	assert_true(has_diag(&dl, 10, 28, "bad duration 'fast' for 'tempo'"));
	assert_true(has_diag(&dl, 10, 34, "unknown key 'pace' in move"));
	assert_int_equal(r->nscreen, 1);
	assert_int_equal(r->screen_items[0].urgency, SCREEN_CLINICIAN);
	routine_free(r);
	diag_clear(&dl);
}

static void
test_unknown_keys(void **state)
{
	struct diag_list dl;
	struct routine	*r;

	(void)state;
	r = load("knead: 1\nid: abc\nstpes: []\n"
	    "steps:\n"
	    "  - pres: {area: calves}\n"
	    "  - press: {area: calves, tiem: 30s, tool: tenis-ball}\n"
	    "  - roll: {area: calves}\n"
	    "    time: 30s\n"
	    "  - press: {area: calves}\n"
	    "    roll: {area: calves}\n", &dl);
	assert_non_null(r);
	assert_true(has_diag(&dl, 3, 1,
	    "unknown key 'stpes' (did you mean 'steps'?)"));
	assert_true(has_diag(&dl, 5, 5,
	    "unknown step kind 'pres' (did you mean 'press'?)"));
	assert_true(has_diag(&dl, 6, 27,
	    "unknown key 'tiem' in press (did you mean 'time'?)"));
	assert_true(has_diag(&dl, 6, 44,
	    "unknown tool 'tenis-ball' (did you mean 'tennis-ball'?)"));
	assert_true(has_diag(&dl, 8, 5,
	    "'time' belongs inside the roll mapping"));
	assert_true(has_diag(&dl, 10, 5, "a step has exactly one kind"));
	routine_free(r);
	diag_clear(&dl);
}

static void
test_types(void **state)
{
	struct diag_list dl;
	struct routine	*r;

	(void)state;
	r = load("knead: one\nid: [a]\n"
	    "limits: {strict: yes, rest: 1.5h}\n"
	    "homework: {from: 2026-02-30, until: 26-1-1}\n"
	    "steps:\n"
	    "  - press: {area: calves, time: 0, pressure: \"4\", side: up}\n"
	    "  - rest: -5s\n"
	    "  - breathe: {time: 1m, rate: 6}\n"
	    "    say: x\n", &dl);
	assert_non_null(r);
	assert_true(has_diag(&dl, 1, 8, "'knead' must be a whole number"));
	assert_true(has_diag(&dl, 2, 5, "'id' must be text, not a list"));
	assert_true(has_diag(&dl, 3, 18, "'strict' must be true or false"));
	assert_true(has_diag(&dl, 3, 29, "durations are whole numbers"));
	assert_true(has_diag(&dl, 4, 18, "not a real date"));
	assert_true(has_diag(&dl, 4, 37, "must be a date like 2026-11-20"));
	assert_true(has_diag(&dl, 6, 33, "a duration must be more than zero"));
	assert_true(has_diag(&dl, 6, 46, "'pressure' must be a whole number"));
	assert_true(has_diag(&dl, 6, 57, "unknown side 'up'"));
	assert_true(has_diag(&dl, 7, 11, "cannot be negative"));
	assert_true(has_diag(&dl, 9, 5, "'say' belongs inside the breathe"));
	routine_free(r);
	diag_clear(&dl);
}

static void
test_duplicate_key(void **state)
{
	struct diag_list dl;
	struct routine	*r;

	(void)state;
	r = load("knead: 1\nid: a-b\nid: c-d\n", &dl);
	assert_non_null(r);
	assert_true(has_diag(&dl, 3, 1, "duplicate key 'id' (first at line 2)"));
	routine_free(r);
	diag_clear(&dl);
}

static void
test_text_hazards(void **state)
{
	static const char *const bad[] = {
		"title: \"red \\e[31m text\"\n",
		"title: \"csi \\u009b2J\"\n",
		"title: \"bell \\a\"\n",
		"title: \"nul \\0 inside\"\n",
		"title: \"tab\\there\"\n",
		"title: \"bidi \\u202e override\"\n",
		"title: \"del \\x7f\"\n",
		/* Invisible: two titles could look the same. */
		"title: \"zero\\u200bwidth\"\n",
		"title: \"word\\u2060joiner\"\n",
		"title: \"bom\\ufeffinside\"\n",
	};
	struct diag_list dl;
	struct routine	*r;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = load(bad[i], &dl);
		if (dl.errors == 0)
			fail_msg("accepted hazardous text: %s", bad[i]);
		assert_true(has_diag(&dl, 1, 8, "in text"));
		/* Never stripped: the field is left unset. */
		if (r != NULL)
			assert_null(r->title.s);
		routine_free(r);
		diag_clear(&dl);
	}
	/* The joiners are part of some scripts and of emoji: kept. */
	r = load("title: \"\\U0001F469\\u200d\\U0001F4BB coder, "
	    "\\u0645\\u06cc\\u200c\\u062e\\u0648\\u0627\\u0647\\u0645\"\n",
	    &dl);
	assert_int_equal(dl.errors, 0);
	routine_free(r);
	diag_clear(&dl);
	/* A line break inside a folded summary is fine. */
	r = load("summary: |\n  two\n  lines\n", &dl);
	assert_int_equal(dl.errors, 0);
	assert_string_equal(r->summary.s, "two\nlines\n");
	routine_free(r);
	diag_clear(&dl);
}

static void
test_invalid_utf8(void **state)
{
	struct diag_list dl;
	struct routine	*r;

	(void)state;
	r = load("knead: 1\ntitle: caf\xc3\n", &dl);
	assert_null(r);
	assert_int_equal(dl.errors, 1);
	assert_true(has_diag(&dl, 2, 0, "UTF-8"));
	diag_clear(&dl);
}

/*
 * The line and paragraph separators: raw anywhere in the file (libyaml
 * reads them as line breaks where editors do not), or written as the \L
 * and \P escapes inside text, are refused with where they are.
 */
static void
test_separators(void **state)
{
	static const struct {
		const char	*yaml;
		unsigned	 line, col;
		const char	*text;
	} bad[] = {
		{ "knead: 1\ntitle: \"one\xe2\x80\xa8two\"\n", 2, 12,
		    "line separator U+2028" },
		{ "knead: 1\ntitle: one\xe2\x80\xa9two\n", 2, 11,
		    "paragraph separator U+2029" },
		{ "knead: 1 # a comment \xe2\x80\xa8 here\n", 1, 22,
		    "line separator U+2028" },
		{ "knead: 1\ntitle: \"one\\Ltwo\"\n", 2, 8,
		    "line separator U+2028 in text" },
		{ "knead: 1\ntitle: \"one\\Ptwo\"\n", 2, 8,
		    "paragraph separator U+2029 in text" },
	};
	struct diag_list dl;
	struct routine	*r;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = load(bad[i].yaml, &dl);
		if (dl.errors == 0)
			fail_msg("accepted a separator: %s", bad[i].yaml);
		assert_true(has_diag(&dl, bad[i].line, bad[i].col,
		    bad[i].text));
		if (r != NULL)
			assert_null(r->title.s);
		routine_free(r);
		diag_clear(&dl);
	}
	/* The other characters of that block pass (an en dash, U+2013). */
	r = load("title: \"one \xe2\x80\x93 two\"\n", &dl);
	assert_int_equal(dl.errors, 0);
	assert_string_equal(r->title.s, "one \xe2\x80\x93 two");
	routine_free(r);
	diag_clear(&dl);
}

/* Load len bytes (NULs allowed); the caller frees both. */
static struct routine *
load_bytes(const char *buf, size_t len, struct diag_list *dl)
{
	diag_init(dl);
	return routine_load_string("t.yaml", buf, len, dl);
}

/*
 * A UTF-8 byte order mark is skipped and positions are counted as without
 * it; UTF-16 and UTF-32, with or without their mark, are refused by name
 * before libyaml (which would read the marked ones silently).
 */
static void
test_encodings(void **state)
{
	static const struct {
		const char	*bytes;
		size_t		 len;
		const char	*name;
	} foreign[] = {
		{ "\xff\xfek\0n\0", 6, "UTF-16LE" },
		{ "\xfe\xff\0k\0n", 6, "UTF-16BE" },
		{ "k\0n\0e\0", 6, "UTF-16LE" },
		{ "\0k\0n\0e", 6, "UTF-16BE" },
		{ "\xff\xfe\0\0k\0\0\0", 8, "UTF-32LE" },
		{ "\0\0\xfe\xff\0\0\0k", 8, "UTF-32BE" },
		{ "k\0\0\0n\0\0\0", 8, "UTF-32LE" },
		{ "\0\0\0k\0\0\0n", 8, "UTF-32BE" },
	};
	static const char bom[] = "\xef\xbb\xbfknead: 1\ntitle: Caf\xc3\xa9\n"
	    "stpes: []\n";
	static const char bombad[] = "\xef\xbb\xbftitle: caf\xc3\n";
	struct diag_list dl;
	struct routine	*r;
	char		 msg[64];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof foreign / sizeof foreign[0]; i++) {
		r = load_bytes(foreign[i].bytes, foreign[i].len, &dl);
		assert_null(r);
		assert_int_equal(dl.errors, 1);
		snprintf(msg, sizeof msg, "the file is %s text",
		    foreign[i].name);
		assert_true(has_diag(&dl, 0, 0, msg));
		assert_true(has_diag(&dl, 0, 0, "save it as UTF-8"));
		diag_clear(&dl);
	}
	r = load_bytes(bom, sizeof bom - 1, &dl);
	assert_non_null(r);
	assert_int_equal(r->version.v, 1);
	assert_string_equal(r->title.s, "Caf\xc3\xa9");
	assert_int_equal(r->version.pos.col, 8);
	assert_true(has_diag(&dl, 3, 1, "unknown key 'stpes'"));
	routine_free(r);
	diag_clear(&dl);
	r = load_bytes(bombad, sizeof bombad - 1, &dl);
	assert_null(r);
	assert_true(has_diag(&dl, 1, 11, "invalid UTF-8"));
	diag_clear(&dl);
}

static void
test_billion_laughs(void **state)
{
	static const char lol[] =
	    "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
	    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
	    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
	    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
	    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
	struct diag_list dl;
	struct routine	*r;

	(void)state;
	r = load(lol, &dl);
	assert_null(r);
	assert_true(has_diag(&dl, 0, 0, "aliases expand to more than"));
	diag_clear(&dl);

	/* A few small aliases are fine. */
	r = load("knead: 1\nid: &x abc\ntitle: *x\n", &dl);
	assert_non_null(r);
	assert_int_equal(dl.errors, 0);
	assert_string_equal(r->title.s, "abc");
	routine_free(r);
	diag_clear(&dl);

	r = load("title: *nowhere\n", &dl);
	assert_null(r);
	assert_true(has_diag(&dl, 1, 8, "names no anchor"));
	diag_clear(&dl);
}

static void
test_deep_nesting(void **state)
{
	struct diag_list dl;
	struct routine	*r;
	size_t		 depth = 100000, i;
	char		*buf;

	(void)state;
	buf = malloc(2 * depth + 1);
	assert_non_null(buf);
	for (i = 0; i < depth; i++) {
		buf[i] = '[';
		buf[depth + i] = ']';
	}
	buf[2 * depth] = '\0';
	diag_init(&dl);
	r = routine_load_string("deep.yaml", buf, 2 * depth, &dl);
	assert_null(r);
	assert_true(has_diag(&dl, 1, 33, "nesting deeper than 32 levels"));
	diag_clear(&dl);
	free(buf);
}

static void
test_size_limit(void **state)
{
	struct diag_list dl;
	struct routine	*r;
	size_t		 len = ROUTINE_MAX_BYTES + 1;
	char		*buf;

	(void)state;
	buf = malloc(len + 1);
	assert_non_null(buf);
	memset(buf, '#', len);
	buf[len] = '\0';
	diag_init(&dl);
	r = routine_load_string("big.yaml", buf, len, &dl);
	assert_null(r);
	assert_true(has_diag(&dl, 0, 0, "limited to 1048576 bytes"));
	diag_clear(&dl);
	free(buf);
}

static void
test_syntax_error(void **state)
{
	struct diag_list dl;
	struct routine	*r;

	(void)state;
	r = load("knead: 1\nsteps:\n  - press: {area: calves\n", &dl);
	assert_null(r);
	assert_int_equal(dl.errors, 1);
	assert_int_equal(dl.v[0].line, 4);
	diag_clear(&dl);

	r = load("a: 1\n---\nb: 2\n", &dl);
	assert_null(r);
	assert_true(has_diag(&dl, 2, 1, "one YAML document"));
	diag_clear(&dl);

	r = load("title: !!binary aGVsbG8=\n", &dl);
	assert_true(has_diag(&dl, 1, 8, "YAML tags are not used"));
	routine_free(r);
	diag_clear(&dl);
}

static void
test_missing_file(void **state)
{
	struct diag_list dl;
	int		 errnum;

	(void)state;
	diag_init(&dl);
	assert_null(routine_load_file("/nonexistent/x.yaml", &dl, &errnum));
	assert_int_equal(errnum, 2);	/* ENOENT */
	assert_int_equal(dl.errors, 1);
	diag_clear(&dl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_full_routine),
		cmocka_unit_test(test_additions),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_text_hazards),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_separators),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
