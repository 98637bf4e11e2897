/*
 * Unit tests for the validator (src/validate.c): one routine per rule, each
 * loaded from YAML text by the real loader, with the exact diagnostics.
 */
#undef NDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "i18n.h"
#include "routine.h"
#include "routine_yaml.h"
#include "timeline.h"
#include "validate.h"

#define HDR	"knead: 1\nid: test-routine\ntitle: Test\nsteps:\n"
/* A valid step for tests that are about something else (line 5). */
#define PRESS_OK \
	"  - press:\n" \
	"      area: rhomboids\n" \
	"      tool: tennis-ball\n" \
	"      time: 45s\n"

/*
 * One question with the words of every red flag the body rules ask for
 * (validate_body.c), appended after the steps so that tests about other
 * rules keep their line numbers.
 */
#define SCREENED \
	"screen: [\"A swollen calf or a clot, blood thinners, chest pain, " \
	"bladder or bowel trouble, dizziness, a fever, or arm numbness?\"]\n"

static char	out[16384];
static int	nerrors;

/*
 * Load yaml as "t.yaml", validate it and return every diagnostic, sorted,
 * one per line. The loader itself must have found nothing.
 */
static const char *
run_with(const char *yaml, int voices)
{
	struct diag_list dl;
	struct routine	*r;
	char		 line[1024];
	size_t		 i;

	diag_init(&dl);
	r = routine_load_string("t.yaml", yaml, strlen(yaml), &dl);
	assert_non_null(r);
	if (dl.n != 0) {
		diag_format(&dl.v[0], line, sizeof line);
		fail_msg("loader complained: %s", line);
	}
	if (voices)
		validate_voices(r, &dl);
	else
		nerrors = validate_routine(r, &dl);
	assert_int_equal((size_t)(voices ? 0 : nerrors), dl.errors);
	diag_sort(&dl);
	out[0] = '\0';
	for (i = 0; i < dl.n; i++) {
		diag_format(&dl.v[i], line, sizeof line);
		strcat(out, line);
		strcat(out, "\n");
	}
	routine_free(r);
	diag_clear(&dl);
	return out;
}

static const char *
run(const char *yaml)
{
	return run_with(yaml, 0);
}

/* The same with validate_voices alone. */
static const char *
run_voices(const char *yaml)
{
	return run_with(yaml, 1);
}

static void
test_valid_spec_example(void **state)
{
	(void)state;
	assert_string_equal(run(
	    "knead: 1\n"
	    "id: desk-neck-shoulders\n"
	    "title: \"Desk break: neck and shoulders\"\n"
	    "tools: [tennis-ball]\n"
	    "intensity: moderate\n"
	    "limits: {rest: 24h, per-week: 4, strict: false}\n"
	    "homework: {from: 2026-11-20, until: 2026-12-18, per-week: 3}\n"
	    "screen: [\"Any numbness in your arm right now?\",\n"
	    "  {ask: \"Dizziness, double vision or a sudden severe headache?\", "
	    "if-yes: emergency},\n"
	    "  {ask: \"A stiff neck with a fever?\", if-yes: urgent}]\n"
	    "cues: {voice: true, countdown: 3, halfway: true}\n"
	    "steps:\n"
	    "  - position: \"Stand with your back to a wall.\"\n"
	    "    time: 10s\n"
	    "  - press:\n"
	    "      area: upper-trapezius\n"
	    "      side: both\n"
	    "      tool: tennis-ball\n"
	    "      time: 45s\n"
	    "      pressure: 5\n"
	    "      breathe: 6\n"
	    "      check: pain\n"
	    "  - rest: 10s\n"
	    "  - roll: {area: rhomboids, tool: tennis-ball, time: 60s, "
	    "pass: 3s}\n"
	    "  - stretch: {area: upper-trapezius, side: both, time: 30s, "
	    "reps: 2}\n"
	    "  - press: {area: levator-scapulae, side: left, "
	    "tool: tennis-ball, until: release, max: 45s}\n"
	    "  - contract-relax: {area: hamstrings, side: both}\n"
	    "  - breathe: {time: 1m, rate: 6}\n"), "");
	assert_int_equal(nerrors, 0);
}

static void
test_version(void **state)
{
	(void)state;
	assert_string_equal(run("id: abc\ntitle: T\nsteps:\n  - rest: 10s\n"),
	    "t.yaml: error: missing 'knead: 1' (the format version) at the "
	    "top of the file\n");
	assert_string_equal(run("knead: 2\nid: abc\ntitle: T\nsteps:\n"
	    "  - rest: 10s\n"),
	    "t.yaml:1:8: error: unsupported format version 2 (write "
	    "'knead: 1')\n");
}

static void
test_id_and_title(void **state)
{
	(void)state;
	assert_string_equal(run("knead: 1\ntitle: T\nsteps:\n  - rest: 10s\n"),
	    "t.yaml: error: missing 'id' (3 to 48 characters of a-z, 0-9 "
	    "and '-')\n");
	assert_string_equal(run("knead: 1\nid: Desk_Neck\ntitle: T\nsteps:\n"
	    "  - rest: 10s\n"),
	    "t.yaml:2:5: error: id 'Desk_Neck' must be 3 to 48 characters of "
	    "a-z, 0-9 and '-'\n");
	assert_string_equal(run("knead: 1\nid: ab\ntitle: T\nsteps:\n"
	    "  - rest: 10s\n"),
	    "t.yaml:2:5: error: id 'ab' must be 3 to 48 characters of "
	    "a-z, 0-9 and '-'\n");
	assert_string_equal(run("knead: 1\nid: abc\nsteps:\n  - rest: 10s\n"),
	    "t.yaml: error: missing 'title' (the name shown in the "
	    "library)\n");
}

/*
 * A title is one line, the name in the library: at most TITLE_MAX_CHARS
 * characters (not bytes: that many accented letters pass).
 */
static void
test_title_length(void **state)
{
	char	yaml[1024], title[512], want[256];
	size_t	i;

	(void)state;
	for (i = 0; i < TITLE_MAX_CHARS; i++)
		memcpy(title + 2 * i, "\xc3\xa9", 2);
	title[2 * TITLE_MAX_CHARS] = '\0';
	snprintf(yaml, sizeof yaml, "knead: 1\nid: abc\ntitle: %s\nsteps:\n"
	    "  - rest: 10s\n", title);
	assert_string_equal(run(yaml), "");
	memset(title, 'a', TITLE_MAX_CHARS + 1);
	title[TITLE_MAX_CHARS + 1] = '\0';
	snprintf(yaml, sizeof yaml, "knead: 1\nid: abc\ntitle: %s\nsteps:\n"
	    "  - rest: 10s\n", title);
	snprintf(want, sizeof want, "t.yaml:3:8: error: the title is %d "
	    "characters; the most is %d (it is the name in the library, "
	    "spoken at the start): put the rest in 'summary'\n",
	    TITLE_MAX_CHARS + 1, TITLE_MAX_CHARS);
	assert_string_equal(run(yaml), want);
	assert_string_equal(run("knead: 1\nid: abc\ntitle: \"two\\nlines\"\n"
	    "steps:\n  - rest: 10s\n"), "t.yaml:3:8: error: the title is one "
	    "line (the name shown in the library); put the rest in "
	    "'summary'\n");
	assert_string_equal(run("knead: 1\nid: abc\ntitle: |\n  Block\n"
	    "steps:\n  - rest: 10s\n"), "t.yaml:3:8: error: the title is one "
	    "line (the name shown in the library); put the rest in "
	    "'summary'\n");
}

static void
test_no_steps(void **state)
{
	(void)state;
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\n"),
	    "t.yaml: error: no steps: add a 'steps:' list with at least one "
	    "step\n");
	/* At the empty list: the line to fix. */
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\nsteps: []\n"),
	    "t.yaml:4:8: error: no steps: add a 'steps:' list with at least one "
	    "step\n");
}

static void
test_not_a_routine(void **state)
{
	(void)state;
	assert_string_equal(run("{}\n"),
	    "t.yaml: error: not a routine: it needs 'knead: 1', 'id', "
	    "'title' and 'steps'\n");
	assert_int_equal(nerrors, 1);
}

static void
test_unknown_area(void **state)
{
	(void)state;
	assert_string_equal(run(HDR
	    "  - press:\n"
	    "      area: upper-trap\n"
	    "      tool: tennis-ball\n"
	    "      time: 45s\n"),
	    "t.yaml:6:13: error: unknown area 'upper-trap' (did you mean "
	    "'upper-trapezius'?); every area id is listed in "
	    "docs/routines.md, section 9\n");
	assert_string_equal(run(HDR
	    "  - stretch: {area: wrist-bone, time: 30s}\n"),
	    "t.yaml:5:21: error: unknown area 'wrist-bone' (areas are ids "
	    "like upper-trapezius, calves or plantar-fascia; every area id is "
	    "listed in docs/routines.md, section 9)\n");
	/* The words authors write map to the right ids, never a near id */
	/* of another area ("quad" is not the low back's quadratus-lumborum). */
	assert_non_null(strstr(run(HDR
	    "  - stretch: {area: quad, time: 30s}\n"),
	    "unknown area 'quad' (did you mean 'quadriceps'?)"));
	assert_non_null(strstr(run(HDR
	    "  - stretch: {area: calf, time: 30s}\n"),
	    "unknown area 'calf' (did you mean 'calves'?)"));
	assert_non_null(strstr(run(HDR
	    "  - stretch: {area: Gastrocnemius, time: 30s}\n"),
	    "(did you mean 'calves'?)"));
	assert_non_null(strstr(run(HDR
	    "  - stretch: {area: sole, time: 30s}\n"),
	    "(did you mean 'plantar-fascia'?)"));
	assert_non_null(strstr(run(HDR
	    "  - stretch: {area: trapezius, time: 30s}\n"),
	    "(did you mean 'upper-trapezius'?)"));
	/* A word of several areas lists them. */
	assert_non_null(strstr(run(HDR
	    "  - stretch: {area: glutes, time: 30s}\n"),
	    "(did you mean 'gluteus-maximus' or 'gluteus-medius'?)"));
	assert_non_null(strstr(run(HDR
	    "  - stretch: {area: neck, time: 30s}\n"),
	    "(did you mean 'upper-trapezius', 'levator-scapulae' or "
	    "'suboccipitals'?)"));
	/* Of too many to list: no guess, a few named. */
	assert_non_null(strstr(run(HDR
	    "  - stretch: {area: back, time: 30s}\n"),
	    "unknown area 'back': it names 6 areas, such as 'rhomboids', "
	    "'thoracic-spine' or 'erector-spinae'; write the id of one"));
	/* An alias is a suggestion, never an id. */
	assert_int_equal(nerrors, 1);
}

static void
test_endangerment_site(void **state)
{
	(void)state;
	assert_string_equal(run(HDR
	    "  - press:\n"
	    "      area: anterior-neck\n"
	    "      tool: hand\n"
	    "      time: 20s\n"),
	    "t.yaml:6:13: error: 'anterior-neck' is an endangerment site: no "
	    "press, roll or contract-relax there (carotid artery and throat: "
	    "pressure can cause fainting or a stroke)\n");
	assert_string_equal(run(HDR
	    "  - roll: {area: popliteal-fossa, side: left, tool: foam-roller, "
	    "time: 60s}\n"),
	    "t.yaml:5:18: error: 'popliteal-fossa' is an endangerment site: "
	    "no press, roll or contract-relax there (the knee's artery and "
	    "vein and the tibial and fibular nerves)\n");
	assert_string_equal(run(HDR
	    "  - contract-relax: {area: lumbar-spine}\n"),
	    "t.yaml:5:28: error: 'lumbar-spine' is an endangerment site: no "
	    "press, roll or contract-relax there (a roller arches the low "
	    "back and loads the discs: use a small ball beside the spine)\n");
	/* A stretch is not pressure: allowed. */
	assert_string_equal(run(HDR
	    "  - stretch: {area: anterior-neck, time: 20s}\n"), "");
}

static void
test_required_fields(void **state)
{
	(void)state;
	assert_string_equal(run(HDR
	    "  - press: {tool: tennis-ball, time: 30s}\n"
	    "  - roll: {area: calves, time: 60s}\n"
	    "  - stretch: {area: calves}\n"
	    "  - roll: {area: calves, tool: foam-roller}\n"
	    "  - breathe: {rate: 6}\n" SCREENED),
	    "t.yaml:5:5: error: press step has no 'area' (for example "
	    "'area: upper-trapezius')\n"
	    "t.yaml:6:5: error: roll step has no 'tool' (one of tennis-ball, "
	    "lacrosse-ball, double-ball, foam-roller, hand)\n"
	    "t.yaml:7:5: error: stretch step has no 'time' (for example "
	    "'time: 30s')\n"
	    "t.yaml:8:5: error: roll step has no 'time' (for example "
	    "'time: 60s')\n"
	    "t.yaml:9:5: error: breathe step has no 'time' (for example "
	    "'time: 2m')\n");
	assert_int_equal(nerrors, 5);
}

static void
test_press_time_or_until(void **state)
{
	(void)state;
	assert_string_equal(run(HDR
	    "  - press: {area: calves, tool: hand}\n" SCREENED),
	    "t.yaml:5:5: error: press step needs 'time' (for example "
	    "'time: 45s'), or 'until: release' with 'max'\n");
	assert_string_equal(run(HDR
	    "  - press: {area: calves, tool: hand, until: release}\n" SCREENED),
	    "t.yaml:5:46: error: 'until: release' needs 'max' (at most "
	    "120s)\n");
	assert_string_equal(run(HDR
	    "  - press: {area: calves, tool: hand, time: 30s, max: 60s}\n" SCREENED),
	    "t.yaml:5:55: error: 'max' only goes with 'until: release'; use "
	    "'time' for a fixed hold\n");
	assert_string_equal(run(HDR
	    "  - press: {area: calves, tool: hand, time: 30s, "
	    "until: release, max: 60s}\n" SCREENED),
	    "t.yaml: warning: the content is deep work (a hold of 60s) but "
	    "the routine is labelled moderate: the deep rest limits apply; "
	    "write 'intensity: deep'\n"
	    "t.yaml:5:57: error: press step has both 'time' and "
	    "'until: release'; keep one\n");
}

static void
test_press_dosage(void **state)
{
	(void)state;
	assert_string_equal(run(HDR
	    "  - press:\n"
	    "      area: calves\n"
	    "      tool: hand\n"
	    "      time: 100s\n" SCREENED),
	    "t.yaml:8:13: error: press time must be between 10s and 90s "
	    "(got 100s)\n");
	assert_string_equal(run(HDR
	    "  - press:\n"
	    "      area: calves\n"
	    "      tool: hand\n"
	    "      time: 5\n" SCREENED),
	    "t.yaml:8:13: error: press time must be between 10s and 90s "
	    "(got 5s)\n");
	assert_string_equal(run(HDR
	    "  - press:\n"
	    "      area: upper-trapezius\n"
	    "      tool: tennis-ball\n"
	    "      time: 75s\n" SCREENED),
	    "t.yaml: warning: the content is deep work (a hold of 75s) but "
	    "the routine is labelled moderate: the deep rest limits apply; "
	    "write 'intensity: deep'\n"
	    "t.yaml:8:13: warning: press of 75s on one spot; 30-60s is "
	    "usual\n");
	assert_int_equal(nerrors, 0);
	/*
	 * An until-release hold may last its max: over 90 s (DOMAIN 1.1:
	 * 30-90 s until release) it warns; a cap of 90 s does not.
	 */
	assert_string_equal(run("knead: 1\nid: test-routine\ntitle: Test\n"
	    "intensity: deep\nsteps:\n"
	    "  - press: {area: calves, tool: hand, until: release, "
	    "max: 100s}\n" SCREENED),
	    "t.yaml:6:60: warning: press of up to 100s on one spot (its max); "
	    "30-90s until release is usual\n");
	assert_string_equal(run("knead: 1\nid: test-routine\ntitle: Test\n"
	    "intensity: deep\nsteps:\n"
	    "  - press: {area: calves, tool: hand, until: release, "
	    "max: 90s}\n" SCREENED), "");
	assert_string_equal(run(HDR
	    "  - press: {area: calves, tool: hand, until: release, "
	    "max: 150s}\n" SCREENED),
	    "t.yaml:5:60: error: press max must be between 10s and 120s "
	    "(got 150s)\n");
	assert_string_equal(run(HDR
	    "  - press: {area: calves, tool: hand, time: 30s, reps: 11, "
	    "breathe: 30}\n" SCREENED),
	    "t.yaml:5:56: error: reps must be between 1 and 10 (got 11)\n"
	    "t.yaml:5:69: error: breathe must be between 3 and 20 breaths a "
	    "minute (got 30)\n");
}

static void
test_pressure(void **state)
{
	(void)state;
	assert_string_equal(run(HDR
	    "  - press:\n"
	    "      area: calves\n"
	    "      tool: hand\n"
	    "      time: 30s\n"
	    "      pressure: 9\n" SCREENED),
	    "t.yaml:9:17: error: pressure 9 is too much: 7 is the ceiling "
	    "(aim for 4-6, an ache you can breathe through)\n");
	assert_string_equal(run(HDR
	    "  - roll: {area: calves, tool: hand, time: 30s, pressure: 12}\n" SCREENED),
	    "t.yaml:5:59: error: pressure must be between 0 and 7 "
	    "(got 12)\n");
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\n"
	    "intensity: gentle\nsteps:\n"
	    "  - roll: {area: calves, tool: hand, time: 30s, pressure: 5}\n" SCREENED),
	    "t.yaml:6:59: warning: pressure 5 in a gentle routine; keep it "
	    "at 4 or less\n");
	assert_int_equal(nerrors, 0);
}

static void
test_roll_stretch_ranges(void **state)
{
	(void)state;
	assert_string_equal(run(HDR
	    "  - roll: {area: calves, tool: hand, time: 200s, pass: 8s, "
	    "sets: 0}\n"
	    "  - stretch: {area: calves, time: 5s, reps: 2}\n"
	    "  - stretch: {area: calves, time: 2m}\n" SCREENED),
	    "t.yaml:5:44: error: roll time must be between 20s and 180s "
	    "(got 200s)\n"
	    "t.yaml:5:56: error: pass must be between 1s and 6s (got 8s)\n"
	    "t.yaml:5:66: error: sets must be between 1 and 10 (got 0)\n"
	    "t.yaml:6:35: error: stretch time must be between 10s and 90s "
	    "(got 5s)\n"
	    "t.yaml:7:35: error: stretch time must be between 10s and 90s "
	    "(got 120s)\n");
}

static void
test_contract_relax_ranges(void **state)
{
	(void)state;
	assert_string_equal(run(HDR
	    "  - contract-relax:\n"
	    "      area: hamstrings\n"
	    "      contract: 20s\n"
	    "      relax: 15s\n"
	    "      stretch: 2m\n"
	    "      cycles: 12\n"),
	    "t.yaml:7:17: error: contract must be between 3s and 10s "
	    "(got 20s)\n"
	    "t.yaml:8:14: error: relax must be between 1s and 10s "
	    "(got 15s)\n"
	    "t.yaml:9:16: error: stretch must be between 10s and 60s "
	    "(got 120s)\n"
	    "t.yaml:10:15: error: cycles must be between 1 and 10 "
	    "(got 12)\n");
}

static void
test_breathe(void **state)
{
	(void)state;
	assert_string_equal(run(HDR
	    "  - breathe: {time: 2m, rate: 30}\n"
	    "  - breathe: {time: 5s}\n"
	    "  - breathe: {time: 1m, rate: 6, inhale: 4s, exhale: 4s}\n"
	    "  - breathe: {time: 1m, rate: 6, inhale: 4s, exhale: 6s}\n"),
	    "t.yaml:5:31: error: rate must be between 3 and 20 breaths a "
	    "minute (got 30)\n"
	    "t.yaml:6:21: error: breathe time must be between 10s and 30m "
	    "(got 5s)\n"
	    "t.yaml:7:42: error: inhale 4s plus exhale 4s is not one breath "
	    "at rate 6; give the rate or the split, not both\n");
}

static void
test_tool_area_mismatch(void **state)
{
	(void)state;
	assert_string_equal(run(HDR
	    "  - press:\n"
	    "      area: suboccipitals\n"
	    "      tool: foam-roller\n"
	    "      time: 30s\n" SCREENED),
	    "t.yaml:7:13: error: foam-roller is not allowed on the "
	    "suboccipitals (use tennis-ball, double-ball or hand)\n");
	assert_string_equal(run(HDR
	    "  - roll: {area: quadratus-lumborum, side: left, "
	    "tool: foam-roller, time: 60s}\n" SCREENED),
	    "t.yaml:5:56: error: foam-roller is not allowed on the quadratus "
	    "lumborum (use tennis-ball, lacrosse-ball or hand)\n");
}

static void
test_tools_list(void **state)
{
	(void)state;
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\n"
	    "tools: [tennis-ball, foam-roller]\nsteps:\n"
	    "  - press: {area: calves, tool: lacrosse-ball, time: 30s}\n"
	    "  - press: {area: calves, tool: lacrosse-ball, time: 30s}\n"
	    "  - press: {area: calves, tool: tennis-ball, time: 30s}\n" SCREENED),
	    "t.yaml:4:8: warning: tool 'foam-roller' is declared in 'tools' "
	    "but no step uses it\n"
	    "t.yaml:6:33: error: tool 'lacrosse-ball' is not declared in "
	    "'tools' (add it to the list)\n");
	assert_int_equal(nerrors, 1);
}

/* Load yaml, validate it and return every diagnostic, loader's included. */
static const char *
run_all(const char *yaml)
{
	struct diag_list dl;
	struct routine	*r;
	char		 line[1024];
	size_t		 i;

	diag_init(&dl);
	r = routine_load_string("t.yaml", yaml, strlen(yaml), &dl);
	assert_non_null(r);
	validate_routine(r, &dl);
	diag_sort(&dl);
	out[0] = '\0';
	for (i = 0; i < dl.n; i++) {
		diag_format(&dl.v[i], line, sizeof line);
		strcat(out, line);
		strcat(out, "\n");
	}
	routine_free(r);
	diag_clear(&dl);
	return out;
}

/*
 * A misspelt 'steps:' is said once, by the loader with its suggestion:
 * not as "no steps" on top, nor as declared tools no step uses.
 */
static void
test_steps_misspelt(void **state)
{
	(void)state;
	assert_string_equal(run_all("knead: 1\nid: abc\ntitle: T\n"
	    "tools: [tennis-ball]\nstpes:\n"
	    "  - press: {area: rhomboids, tool: tennis-ball, time: 30s}\n"),
	    "t.yaml:5:1: error: unknown key 'stpes' (did you mean 'steps'?)\n");
	/* No steps at all: said once, with no tool warning after it. */
	assert_string_equal(run_all("knead: 1\nid: abc\ntitle: T\n"
	    "tools: [tennis-ball]\n"),
	    "t.yaml: error: no steps: add a 'steps:' list with at least one "
	    "step\n");
	/*
	 * A list whose every item is wrong: an error at each, not "no
	 * steps" first (a tester read it as the list not being found).
	 */
	assert_string_equal(run_all("knead: 1\nid: abc\ntitle: T\n"
	    "steps:\n  - stretchh: 1\n  - bogus: {}\n"),
	    "t.yaml:5:5: error: unknown step kind 'stretchh' (did you mean "
	    "'stretch'?)\n"
	    "t.yaml:6:5: error: unknown step kind 'bogus' (one of: position, "
	    "press, roll, stretch, contract-relax, breathe, rest, move)\n");
	/*
	 * A step whose only key cannot be read (an escape in it) has that
	 * key's error, not "empty step" too.
	 */
	assert_null(strstr(run_all("knead: 1\nid: abc\ntitle: T\n"
	    "steps:\n  - rest: 10s\n  - \"pr\\x1bess\": 1\n"),
	    "empty step"));
	assert_non_null(strstr(run_all("knead: 1\nid: abc\ntitle: T\n"
	    "steps:\n  - rest: 10s\n  - {}\n"), "6:5: error: empty step"));
	/*
	 * A YAML merge key is not read: said so, not as an unknown key
	 * (a tester took it for a typo); a quoted "<<" is a key like any.
	 */
	assert_non_null(strstr(run_all("knead: 1\nid: abc\ntitle: T\n"
	    "x-base: &b {area: calves, side: left, time: 30s}\n"
	    "steps:\n  - stretch: {<<: *b}\n"), "merge keys ('<<: *name') "
	    "are not read: write the keys out"));
	assert_non_null(strstr(run_all("knead: 1\nid: abc\ntitle: T\n"
	    "steps:\n  - stretch: {\"<<\": 1, area: calves, time: 30s}\n"),
	    "unknown key '<<' in stretch"));
	/* Another unknown key leaves "no steps" as it was. */
	assert_string_equal(run_all("knead: 1\nid: abc\ntitle: T\n"
	    "colour: red\n"),
	    "t.yaml: error: no steps: add a 'steps:' list with at least one "
	    "step\n"
	    "t.yaml:4:1: error: unknown key 'colour'\n");
}

/* The speech check's test voice: 100 ms a byte. */
static uint64_t
bytes_ms(void *ctx, const char *text)
{
	(void)ctx;
	return (uint64_t)strlen(text) * 100;
}

/* Validate yaml (no error allowed), then its speech with bytes_ms. */
static const char *
run_speech(const char *yaml)
{
	struct tl_voice	 voice = { bytes_ms, NULL };
	struct diag_list dl;
	struct routine	*r;
	char		 line[1024];
	size_t		 i;

	diag_init(&dl);
	r = routine_load_string("t.yaml", yaml, strlen(yaml), &dl);
	assert_non_null(r);
	assert_int_equal(validate_routine(r, &dl), 0);
	assert_int_equal(dl.n, 0);
	validate_speech(r, &voice, &dl);
	diag_sort(&dl);
	out[0] = '\0';
	for (i = 0; i < dl.n; i++) {
		diag_format(&dl.v[i], line, sizeof line);
		strcat(out, line);
		strcat(out, "\n");
	}
	routine_free(r);
	diag_clear(&dl);
	return out;
}

/*
 * An instruction too long for its step is left out by the voice: an error
 * when it names a danger site or a sign to stop, else a warning.
 */
static void
test_speech_safety(void **state)
{
	(void)state;
	/* A danger site (guarded: the text the person must hear). */
	assert_string_equal(run_speech(HDR
	    "  - press:\n"
	    "      area: rhomboids\n"
	    "      tool: tennis-ball\n"
	    "      time: 10s\n"
	    "      say: \"Lean back into the ball and let it sink in slowly. "
	    "Keep the ball beside the spine, never on it.\"\n"),
	    "t.yaml:9:12: error: the instruction names 'spine' but its first "
	    "press step is too short to say it: it takes 11.3 s to say with "
	    "the step's name, the step lasts 10.0 s (9.7 s to speak in), so "
	    "only the step's name is said, not the instruction; lengthen the "
	    "step or shorten the text\n");
	/* A sign to stop, in a stretch; the word quoted as written. */
	assert_string_equal(run_speech(HDR
	    "  - stretch:\n"
	    "      area: calves\n"
	    "      time: 10s\n"
	    "      say: \"Hands on the wall, back leg straight, heel down, "
	    "lean in slowly. Tingling in the foot: ease off.\"\n"),
	    "t.yaml:8:12: error: the instruction names 'Tingling' but its "
	    "first stretch step is too short to say it: it takes 11.3 s to "
	    "say with the step's name, the step lasts 10.0 s (9.7 s to speak "
	    "in), so only the step's name is said, not the instruction; "
	    "lengthen the step or shorten the text\n");
	/* Neither ("numbers" is no "numb"): the warning, as before. */
	assert_string_equal(run_speech(HDR
	    "  - press:\n"
	    "      area: rhomboids\n"
	    "      tool: tennis-ball\n"
	    "      time: 10s\n"
	    "      say: \"Lean back into the ball and let it sink in slowly. "
	    "Count the numbers of your breaths out loud.\"\n"),
	    "t.yaml:9:12: warning: the instruction takes 11.2 s to say with "
	    "its step's name, but its first press step lasts 10.0 s (9.7 s "
	    "to speak in): only the step's name is said, not the "
	    "instruction; shorten it or move the set-up into a position step "
	    "before it\n");
	/* Said whole when its step is long enough. */
	assert_string_equal(run_speech(HDR
	    "  - press:\n"
	    "      area: rhomboids\n"
	    "      tool: tennis-ball\n"
	    "      time: 15s\n"
	    "      say: \"Lean back into the ball and let it sink in slowly. "
	    "Keep the ball beside the spine, never on it.\"\n"), "");
}

/*
 * A position step said whole must leave VALIDATE_ACT_MS to get there
 * (bytes_ms: 100 ms a byte; "Position." and a separator are 10 bytes).
 */
static void
test_position_time_to_act(void **state)
{
	(void)state;
	/* 40 bytes of text: 5.0 s to say in 10 s leaves 5.0 s: enough. */
	assert_string_equal(run_speech(HDR
	    "  - position: \"Stand with your back to a wall, knees.\"\n"
	    "    time: 10s\n" PRESS_OK), "");
	/* 6.0 s to say in 10 s: said whole, but 4.0 s to act. */
	assert_string_equal(run_speech(HDR
	    "  - position: \"Stand with your back to a wall, knees soft, "
	    "balls.\"\n"
	    "    time: 10s\n" PRESS_OK),
	    "t.yaml:5:15: warning: the position takes 6.0 s to say and its "
	    "step lasts 10.0 s: that leaves 4.0 s to get there, less than the "
	    "5 s it needs; lengthen the step or shorten the text\n");
	/* A stretch's instruction is no move: no such warning. */
	assert_string_equal(run_speech(HDR
	    "  - stretch:\n"
	    "      area: calves\n"
	    "      time: 10s\n"
	    "      say: \"Hands on the wall, back leg straight, heel.\"\n"),
	    "");
}

/* The words that make an instruction one the voice must say whole. */
static void
test_safety_words(void **state)
{
	static const struct {
		const char	*text;
		const char	*word;	/* NULL: none */
	} t[] = {
		{ "Keep the ball off the side and the front of the neck.",
		    "neck" },
		{ "Slowly. Numbness in the hand: stop.", "Numbness" },
		{ "Move off at once if the arm tingles.", "tingles" },
		{ "Never behind the knees.", "behind the knees" },
		{ "Feel for pins and needles.", "pins and needles" },
		{ "Stop at the top of the thigh.", "Stop" },
		{ "Fourmillements dans la main : arr\xc3\xaatez.",
		    "Fourmillements" },
		{ "Count the numbers of passes.", NULL },
		{ "Roll the necktie.", NULL },
		{ "Unstoppable.", NULL },
		{ "Lean in, breathe out.", NULL },
	};
	const char	*w;
	size_t		 i, len;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		w = validate_safety_word(t[i].text, &len);
		if (t[i].word == NULL) {
			assert_null(w);
			continue;
		}
		assert_non_null(w);
		assert_int_equal(len, strlen(t[i].word));
		assert_memory_equal(w, t[i].word, len);
	}
}

static void
test_side_on_unsided_area(void **state)
{
	(void)state;
	assert_string_equal(run(HDR
	    "  - roll: {area: thoracic-spine, side: left, tool: foam-roller, "
	    "time: 60s}\n"),
	    "t.yaml:5:40: error: the thoracic spine has no sides; remove "
	    "'side'\n");
}

/* Lying on the back with no pregnancy question: a warning (DOMAIN 3.2). */
static void
test_supine_needs_pregnancy(void **state)
{
	static const char *const lie =
	    "  - position: \"Lie on your back, knees bent.\"\n"
	    "  - stretch: {area: hamstrings, time: 30s}\n";
	char	yaml[512];

	(void)state;
	snprintf(yaml, sizeof yaml, HDR "%s", lie);
	assert_string_equal(run(yaml),
	    "t.yaml:5:15: warning: this instruction puts the user on their "
	    "back: after the first three months of pregnancy that can press "
	    "on the great vein; add to screen: \"Are you more than three "
	    "months pregnant?\"\n");
	assert_int_equal(nerrors, 0);
	snprintf(yaml, sizeof yaml, HDR "%sscreen: [\"Pregnant?\"]\n", lie);
	assert_string_equal(run(yaml), "");
	/* Standing with the back to a wall is not lying on it. */
	assert_string_equal(run(HDR "  - position: \"Stand with your back "
	    "to a wall.\"\n"), "");
}

/* "one calf" before or in a two-sided step: the side is left to guess. */
static void
test_one_side_wording(void **state)
{
	(void)state;
	assert_string_equal(run(HDR
	    "  - position: \"Roller under one calf.\"\n"
	    "  - stretch: {area: calves, side: both, time: 30s, "
	    "say: \"Cross one ankle over the other.\"}\n"),
	    "t.yaml:5:15: warning: 'one calf' leaves the side to guess: the "
	    "two-sided step starts on the left, so say 'your left calf' "
	    "here, or 'the calf of the side you work' in the step\n"
	    "t.yaml:6:57: warning: 'one ankle' leaves the side to guess: the "
	    "two-sided step starts on the left, so say 'your left ankle' "
	    "here, or 'the ankle of the side you work' in the step\n");
	/* Named sides, one-sided steps and "one pass" are fine. */
	assert_string_equal(run(HDR
	    "  - position: \"Roller under your left calf.\"\n"
	    "  - stretch: {area: calves, side: both, time: 30s, "
	    "say: \"One pass, someone's leg.\"}\n"
	    "  - position: \"Roller under one calf.\"\n"
	    "  - stretch: {area: calves, side: left, time: 30s}\n"), "");
	/* Another language: no word list, no warning. */
	assert_string_equal(run(HDR
	    "  - position: \"one calf\"\n"
	    "  - stretch: {area: calves, side: both, time: 30s}\n"
	    "cues: {lang: fr}\n"), "");
}

static void
test_area_warnings(void **state)
{
	(void)state;
	/* Four presses on the left trapezius (both counts as left too). */
	assert_string_equal(run(HDR
	    "  - press: {area: upper-trapezius, side: both, tool: hand, "
	    "time: 20s}\n"
	    "  - press: {area: upper-trapezius, side: left, tool: hand, "
	    "time: 20s}\n"
	    "  - press: {area: upper-trapezius, side: right, tool: hand, "
	    "time: 20s}\n"
	    "  - press: {area: upper-trapezius, side: left, tool: hand, "
	    "time: 20s}\n"
	    "  - press: {area: upper-trapezius, side: left, tool: hand, "
	    "time: 20s}\n" SCREENED),
	    "t.yaml:9:5: error: more than 3 press holds on the upper "
	    "trapezius, left side in one session; spread them over several "
	    "sessions\n");
	/* One step of four reps is four holds on one spot. */
	assert_string_equal(run(HDR
	    "  - press: {area: calves, side: left, tool: hand, time: 20s, "
	    "reps: 4}\n" SCREENED),
	    "t.yaml:5:5: error: more than 3 press holds on the calves, "
	    "left side in one session; spread them over several sessions\n");
	/* A homework target the limits can never allow. */
	assert_string_equal(run("knead: 1\nid: test-routine\ntitle: Test\n"
	    "limits: {per-week: 2}\nhomework: {per-week: 3}\n"
	    "steps:\n  - rest: 10s\n" SCREENED),
	    "t.yaml:5:22: warning: homework asks for 3 sessions a week but "
	    "the limits allow at most 2 in 7 days; raise limits.per-week or "
	    "lower the target\n");
	/* Nor one the rest leaves no room for: 48 h apart, 4 in 7 days. */
	assert_string_equal(run("knead: 1\nid: test-routine\ntitle: Test\n"
	    "limits: {rest: 48h, per-week: 6}\nhomework: {per-week: 5}\n"
	    "steps:\n  - rest: 10s\n" SCREENED),
	    "t.yaml:5:22: warning: homework asks for 5 sessions a week but "
	    "a rest of 2d between them leaves room for 4 in 7 days; shorten "
	    "limits.rest or lower the target\n");
	assert_string_equal(run("knead: 1\nid: test-routine\ntitle: Test\n"
	    "limits: {rest: 48h, per-week: 6}\nhomework: {per-week: 4}\n"
	    "steps:\n  - rest: 10s\n" SCREENED), "");
	/* Daily homework: its rest counts as met from 20 h, 9 fit. */
	assert_string_equal(run("knead: 1\nid: test-routine\ntitle: Test\n"
	    "limits: {per-week: 14}\nhomework: {per-week: 9}\n"
	    "steps:\n  - rest: 10s\n" SCREENED), "");
	assert_string_equal(run("knead: 1\nid: test-routine\ntitle: Test\n"
	    "limits: {per-week: 14}\nhomework: {per-week: 10}\n"
	    "steps:\n  - rest: 10s\n" SCREENED),
	    "t.yaml:5:22: warning: homework asks for 10 sessions a week but "
	    "a rest of 20h between them leaves room for 9 in 7 days; shorten "
	    "limits.rest or lower the target\n");
	/* 60 s x 2 reps of pressure, then a 30 s roll: over 120 s. */
	assert_string_equal(run(HDR
	    "  - press: {area: calves, side: right, tool: hand, time: 60s, "
	    "reps: 2}\n"
	    "  - roll: {area: calves, side: both, tool: hand, time: 30s}\n"
	    SCREENED),
	    "t.yaml: warning: the content is deep work (a hold of 60s) but "
	    "the routine is labelled moderate: the deep rest limits apply; "
	    "write 'intensity: deep'\n"
	    "t.yaml:6:5: warning: more than 120s of pressure on the calves, "
	    "right side in one session; 1-2 minutes is enough\n");
	assert_int_equal(nerrors, 0);
}

static void
test_body_limits(void **state)
{
	(void)state;
	/* 3 x 50 s of holds and a 40 s roll: 190 s on one side, an error. */
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\nintensity: deep\n"
	    "steps:\n"
	    "  - press: {area: calves, side: left, tool: hand, time: 50s, "
	    "reps: 3}\n"
	    "  - roll: {area: calves, side: left, tool: hand, time: 40s}\n"
	    SCREENED),
	    "t.yaml:6:5: warning: more than 120s of pressure on the calves, "
	    "left side in one session; 1-2 minutes is enough\n"
	    "t.yaml:7:5: error: more than 180s of pressure on the calves, "
	    "left side in one session; 1-2 minutes is enough\n");
	assert_int_equal(nerrors, 1);
	/* Contract-relax counts: 2 x (5 + 3 + 20) x 3 = 168 s, then 20 s. */
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\nintensity: deep\n"
	    "steps:\n"
	    "  - contract-relax: {area: hamstrings}\n"
	    "  - contract-relax: {area: hamstrings}\n"
	    "  - roll: {area: hamstrings, tool: hand, time: 20s}\n"),
	    "t.yaml:7:5: warning: more than 120s of pressure on the "
	    "hamstrings in one session; 1-2 minutes is enough\n"
	    "t.yaml:8:5: error: more than 180s of pressure on the hamstrings "
	    "in one session; 1-2 minutes is enough\n");
	/* At most 4 under the skull. */
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\n"
	    "steps:\n"
	    "  - press: {area: suboccipitals, tool: double-ball, time: 30s, "
	    "pressure: 5}\n" SCREENED),
	    "t.yaml:5:74: error: pressure 5 under the skull is too much: at "
	    "most 4 on the suboccipitals (the occipital nerves run there)\n");
}

/*
 * A press with no side on a sided area reaches both sides: it counts
 * toward each side's holds and pressure time (ROUTINE-FORMAT.md).
 */
static void
test_no_side_counts_both(void **state)
{
	(void)state;
	/* Three holds on the left, three on the whole leg: six on the left. */
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\nintensity: deep\n"
	    "steps:\n"
	    "  - press: {area: hamstrings, side: left, tool: tennis-ball, "
	    "time: 60s}\n"
	    "  - press: {area: hamstrings, side: left, tool: tennis-ball, "
	    "time: 60s}\n"
	    "  - press: {area: hamstrings, side: left, tool: tennis-ball, "
	    "time: 60s}\n"
	    "  - press: {area: hamstrings, tool: tennis-ball, time: 60s}\n"
	    "  - press: {area: hamstrings, tool: tennis-ball, time: 60s}\n"
	    "  - press: {area: hamstrings, tool: tennis-ball, time: 60s}\n"
	    SCREENED),
	    "t.yaml:8:5: warning: more than 120s of pressure on the "
	    "hamstrings, left side in one session; 1-2 minutes is enough\n"
	    "t.yaml:9:5: error: more than 3 press holds on the hamstrings, "
	    "left side in one session; spread them over several sessions\n"
	    "t.yaml:9:5: error: more than 180s of pressure on the "
	    "hamstrings, left side in one session; 1-2 minutes is enough\n"
	    "t.yaml:11:5: warning: more than 120s of pressure on the "
	    "hamstrings, right side in one session; 1-2 minutes is enough\n");
	assert_int_equal(nerrors, 2);
	/* One hold on the whole leg and two a side: three holds a side. */
	assert_string_equal(run(HDR
	    "  - press: {area: hamstrings, tool: tennis-ball, time: 30s}\n"
	    "  - press: {area: hamstrings, side: both, tool: tennis-ball, "
	    "time: 30s}\n"
	    "  - press: {area: hamstrings, side: left, tool: tennis-ball, "
	    "time: 30s}\n"
	    "  - press: {area: hamstrings, side: right, tool: tennis-ball, "
	    "time: 30s}\n" SCREENED), "");
	assert_int_equal(nerrors, 0);
	/* Four holds on the whole leg: one error for the area, not two. */
	assert_string_equal(run(HDR
	    "  - press: {area: calves, tool: hand, time: 20s, reps: 4}\n"
	    SCREENED),
	    "t.yaml:5:5: error: more than 3 press holds on the calves in one "
	    "session; spread them over several sessions\n");
}

static void
test_required_screening(void **state)
{
	(void)state;
	/* Each area names what it misses and offers the question. */
	assert_string_equal(run(HDR
	    "  - press: {area: pec-minor, tool: tennis-ball, time: 30s}\n"
	    "  - roll: {area: piriformis, tool: tennis-ball, time: 30s}\n"),
	    "t.yaml:5:5: error: moderate work on the pectoralis minor needs "
	    "a screening question about chest pain; add to screen: {ask: "
	    "\"Chest pain or tightness right now, or chest pain that comes "
	    "with effort, breathlessness or sweating?\", if-yes: emergency}\n"
	    "t.yaml:6:5: error: moderate work on the piriformis needs a "
	    "screening question about the signs of cauda equina syndrome "
	    "(numbness between the legs, bladder or bowel trouble); add to "
	    "screen: {ask: \"Any numbness between your legs or around your "
	    "back passage, or new trouble with your bladder or bowels?\", "
	    "if-yes: emergency}\n");
	assert_int_equal(nerrors, 2);
	/* Gentle work needs none; the questions, once there, are enough. */
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\n"
	    "intensity: gentle\nsteps:\n"
	    "  - press: {area: calves, tool: hand, time: 30s, pressure: 3}\n"),
	    "");
	assert_string_equal(run(HDR
	    "  - press: {area: calves, tool: hand, time: 30s}\n"
	    "screen:\n"
	    "  - {ask: \"Is one calf swollen and warm?\", if-yes: urgent}\n"
	    "  - \"Do you take blood thinners?\"\n"), "");
	/* A deep content makes a gentle label need them too. */
	run("knead: 1\nid: abc\ntitle: T\nintensity: gentle\nsteps:\n"
	    "  - press: {area: calves, tool: hand, time: 60s, pressure: 3}\n");
	assert_int_equal(nerrors, 2);
	/* Another language: a question of the same urgency or more. */
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\n"
	    "cues: {lang: fr}\nsteps:\n"
	    "  - press: {area: pec-minor, tool: hand, time: 30s}\n"
	    "screen:\n"
	    "  - {ask: \"Une douleur dans la poitrine ?\", if-yes: emergency}\n"),
	    "");
}

/*
 * A bundled routine with its screen: block replaced by scr and cues.lang
 * set to lang (run from the top of the tree, like test_library).
 */
static char *
translated(const char *name, const char *scr, const char *lang)
{
	char	 path[128], *text, *at, *end, *res;
	FILE	*fp;
	long	 n;

	snprintf(path, sizeof path, "routines/%s.yaml", name);
	assert_non_null(fp = fopen(path, "r"));
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	text = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(text, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	assert_non_null(at = strstr(text, "\nscreen:\n"));
	assert_non_null(end = strstr(at + 1, "\n\n"));
	res = calloc(1, (size_t)n + strlen(scr) + 64);
	memcpy(res, text, (size_t)(at - text) + 1);
	strcat(res, "screen:\n");
	strcat(res, scr);
	strcat(res, end + 1);
	strcat(res, "cues:\n  lang: ");
	strcat(res, lang);
	strcat(res, "\n");
	free(text);
	return res;
}

/* The run of a translated bundled routine: "" when it validates. */
static const char *
run_translated(const char *name, const char *scr, const char *lang)
{
	char		*y = translated(name, scr, lang);
	static char	 copy[sizeof out];

	snprintf(copy, sizeof copy, "%s", run(y));
	free(y);
	return copy;
}

/*
 * Translated bundled routines: a question in the routine's language that
 * asks the right thing, with an if-yes as urgent or more, meets the
 * required question; its words without the urgency, or the urgency
 * without the words, do not.
 */
static void
test_screening_translated(void **state)
{
	static const char calves_fr[] =
	    "  - ask: \"Un mollet est-il nouvellement gonfl\xc3\xa9, chaud, "
	    "rouge ou lourd, sans course intense ni choc pour l'expliquer ?\"\n"
	    "    if-yes: urgent\n"
	    "  - ask: \"Un essoufflement soudain, ou une douleur dans la "
	    "poitrine qui augmente quand vous inspirez ?\"\n"
	    "    if-yes: emergency\n"
	    "  - \"Prenez-vous des anticoagulants, ou avez-vous facilement "
	    "des bleus ?\"\n"
	    "  - \"\xc3\x8ates-vous enceinte ?\"\n";
	static const char calves_de[] =
	    "  - ask: \"Ist eine Wade neu geschwollen, warm, ger\xc3\xb6tet "
	    "oder schwer, ohne harten Lauf oder Sto\xc3\x9f als "
	    "Erkl\xc3\xa4rung?\"\n"
	    "    if-yes: urgent\n"
	    "  - \"Nehmen Sie blutverd\xc3\xbcnnende Mittel, oder bekommen Sie "
	    "leicht blaue Flecken?\"\n"
	    "  - \"Sind Sie schwanger?\"\n";
	static const char calves_es[] =
	    "  - ask: \"\xc2\xbfTiene una pantorrilla reci\xc3\xa9n hinchada, "
	    "caliente, roja o pesada, sin una carrera dura ni un golpe que lo "
	    "explique?\"\n"
	    "    if-yes: urgent\n"
	    "  - \"\xc2\xbfToma anticoagulantes, o le salen moratones con "
	    "facilidad?\"\n"
	    "  - \"\xc2\xbf" "Est\xc3\xa1 embarazada?\"\n";
	static const char neck_fr[] =
	    "  - ask: \"Maintenant ou ces derniers jours, un mal de t\xc3\xaate "
	    "soudain et violent, des vertiges, une vision double, des troubles "
	    "de la parole ou un visage qui tombe ?\"\n"
	    "    if-yes: emergency\n"
	    "  - ask: \"Une nuque raide avec de la fi\xc3\xa8vre ?\"\n"
	    "    if-yes: urgent\n"
	    "  - \"Un engourdissement, des fourmillements ou une faiblesse dans "
	    "un bras ou une main ?\"\n";
	static const char neck_de[] =
	    "  - ask: \"Jetzt oder in den letzten Tagen pl\xc3\xb6tzliche "
	    "heftige Kopfschmerzen, Schwindel, Doppelbilder, verwaschene "
	    "Sprache oder ein h\xc3\xa4ngendes Gesicht?\"\n"
	    "    if-yes: emergency\n"
	    "  - ask: \"Ein steifer Nacken mit Fieber?\"\n"
	    "    if-yes: urgent\n"
	    "  - \"Taubheit, Kribbeln oder Schw\xc3\xa4" "che in einem Arm oder "
	    "einer Hand?\"\n";
	static const char neck_es[] =
	    "  - ask: \"\xc2\xbf" "Ahora o en los \xc3\xbaltimos "
	    "d\xc3\xad" "as, un dolor de cabeza repentino e intenso, mareo, "
	    "visi\xc3\xb3n doble, "
	    "habla arrastrada o la cara ca\xc3\xad" "da?\"\n"
	    "    if-yes: emergency\n"
	    "  - ask: \"\xc2\xbfRigidez de cuello con fiebre?\"\n"
	    "    if-yes: urgent\n"
	    "  - \"\xc2\xbf" "Entumecimiento, hormigueo o debilidad en un "
	    "brazo o una mano?\"\n";
	static const char pec_fr[] =
	    "  - ask: \"Avez-vous une douleur ou une oppression dans la "
	    "poitrine en ce moment, ou \xc3\xa0 l'effort aujourd'hui ?\"\n"
	    "    if-yes: emergency\n"
	    "  - \"Des fourmillements dans un bras ou une main ?\"\n";
	static const char pec_de[] =
	    "  - ask: \"Haben Sie jetzt Brustschmerzen oder ein "
	    "Engegef\xc3\xbchl in der Brust, oder heute bei Anstrengung?\"\n"
	    "    if-yes: emergency\n";
	static const char pec_es[] =
	    "  - ask: \"\xc2\xbfTiene dolor u opresi\xc3\xb3n en el pecho "
	    "ahora, o hoy con el esfuerzo?\"\n"
	    "    if-yes: emergency\n";
	static const char sciatica_fr[] =
	    "  - ask: \"Un engourdissement ou des fourmillements entre les "
	    "jambes, autour des parties g\xc3\xa9nitales ou de l'anus ?\"\n"
	    "    if-yes: emergency\n"
	    "  - ask: \"Des troubles nouveaux pour uriner, des fuites, ou une "
	    "perte du contr\xc3\xb4le des selles ?\"\n"
	    "    if-yes: emergency\n";
	static const char sciatica_de[] =
	    "  - ask: \"Taubheit oder Kribbeln zwischen den Beinen, an den "
	    "Genitalien oder am After?\"\n"
	    "    if-yes: emergency\n";
	static const char sciatica_es[] =
	    "  - ask: \"\xc2\xbf" "Entumecimiento u hormigueo entre las "
	    "piernas, en los genitales o alrededor del ano?\"\n"
	    "    if-yes: emergency\n";
	char	*y;

	(void)state;
	assert_string_equal(run_translated("calves-feet", calves_fr, "fr"), "");
	assert_string_equal(run_translated("calves-feet", calves_de, "de"), "");
	assert_string_equal(run_translated("calves-feet", calves_es, "es"), "");
	assert_string_equal(run_translated("desk-neck-shoulders", neck_fr,
	    "fr"), "");
	assert_string_equal(run_translated("desk-neck-shoulders", neck_de,
	    "de-CH"), "");
	assert_string_equal(run_translated("desk-neck-shoulders", neck_es,
	    "es"), "");
	assert_string_equal(run_translated("pec-minor-wall", pec_fr, "fr"), "");
	assert_string_equal(run_translated("pec-minor-wall", pec_de, "de"), "");
	assert_string_equal(run_translated("pec-minor-wall", pec_es, "es"), "");
	assert_string_equal(run_translated("sciatica-buttock", sciatica_fr,
	    "fr"), "");
	assert_string_equal(run_translated("sciatica-buttock", sciatica_de,
	    "de"), "");
	assert_string_equal(run_translated("sciatica-buttock", sciatica_es,
	    "es"), "");

	/* The right words, a less urgent if-yes: an error that says so. */
	y = translated("pec-minor-wall", "  - \"Une douleur dans la poitrine "
	    "?\"\n", "fr");
	assert_non_null(strstr(run(y), "error: moderate work on the "
	    "pectoralis minor needs a screening question about chest pain "
	    "with if-yes: emergency or more; question 1 asks about it with "
	    "if-yes: clinician"));
	assert_int_equal(nerrors, 1);
	free(y);
	/* The urgency without the words (it used to be enough): missing. */
	assert_non_null(strstr(run_translated("calves-feet",
	    "  - ask: \"\xc3\x8ates-vous enceinte ?\"\n"
	    "    if-yes: emergency\n", "fr"), "needs a screening question "
	    "about a blood clot in the calf; add to screen:"));
	assert_int_equal(nerrors, 2);
	/* English words in a German routine are not German words. */
	run_translated("desk-neck-shoulders", "  - ask: \"Dizziness, fever, "
	    "numbness?\"\n    if-yes: emergency\n", "de");
	assert_int_equal(nerrors, 3);
	/* No word list (Italian): accepted for its urgency, with a warning. */
	assert_string_equal(run_translated("pec-minor-wall",
	    "  - ask: \"Dolore al petto adesso?\"\n    if-yes: emergency\n",
	    "it"), "t.yaml:32:10: warning: knead has no words in cues.lang "
	    "'it' to check that this question asks about chest pain for the "
	    "pectoralis minor; it is accepted for its if-yes: emergency: make "
	    "sure it does\n");
}

static void
test_danger_words(void **state)
{
	(void)state;
	/* At the line of the word, in a block text. */
	assert_string_equal(run(HDR
	    "  - press:\n"
	    "      area: rhomboids\n"
	    "      tool: tennis-ball\n"
	    "      time: 30s\n"
	    "      say: |\n"
	    "        Lean back on the ball.\n"
	    "        Press it into the spine.\n"),
	    "t.yaml:11:12: warning: the press instruction names 'spine': "
	    "say where to keep the pressure in relation to it (for example "
	    "'keep the ball off the spine')\n");
	/* The word quoted as written, the example a noun phrase. */
	assert_string_equal(run(HDR
	    "  - press: {area: rhomboids, tool: tennis-ball, time: 30s, say: "
	    "\"Behind the knee: roll slowly.\"}\n"),
	    "t.yaml:5:65: warning: the press instruction names 'Behind the "
	    "knee': say where to keep the pressure in relation to it (for "
	    "example 'keep the ball off the back of the knee')\n");
	/* A sentence that keeps the ball away is what is wanted. */
	assert_string_equal(run(HDR
	    "  - press: {area: rhomboids, tool: hand, time: 30s, say: \"Keep "
	    "the ball beside the spine, never on it. Press the jawbone? No: "
	    "necklace.\"}\n"), "");
	/* Stretches carry no pressure: no warning. */
	assert_string_equal(run(HDR
	    "  - stretch: {area: rhomboids, time: 30s, say: \"Tip the neck "
	    "forward.\"}\n"), "");
}

/*
 * The warnings a user running the routine is still told, in their words:
 * lying on the back with no pregnancy question, a danger site named.
 */
static void
test_user_notes(void **state)
{
	struct diag_list dl;
	struct routine	*r;
	char		**v, *t;
	size_t		 n, k;
	static const char two[] = HDR
	    "  - position: \"Lie on your back, knees bent.\"\n"
	    "  - press: {area: calves, tool: tennis-ball, time: 30s, say: "
	    "\"Behind the knee: roll slowly.\"}\n"
	    "  - press: {area: calves, tool: tennis-ball, time: 30s, say: "
	    "\"Up to behind the knee.\"}\n";
	static const char none[] = HDR
	    "  - press: {area: calves, tool: tennis-ball, time: 75s}\n";

	(void)state;
	diag_init(&dl);
	r = routine_load_string("t.yaml", two, sizeof two - 1, &dl);
	assert_non_null(r);
	n = validate_user_notes(r, NULL, &v);
	assert_int_equal(n, 2);
	assert_non_null(strstr(v[0], "lie on your back. If you are more than "
	    "three months pregnant"));
	assert_string_equal(v[1], "Keep the pressure off the back of the "
	    "knee: this routine's instructions name it.");
	for (k = 0; k < n; k++)
		free(v[k]);
	free(v);
	/* As lines, and in a routine's language (what is said). */
	t = validate_user_text(r, NULL);
	assert_non_null(t);
	assert_non_null(strstr(t, "Note: This routine has you lie on your "
	    "back."));
	assert_non_null(strstr(t, "first.\nNote: Keep the pressure off the "
	    "back of the knee: "));
	free(t);
	t = validate_user_text(r, "fr");
	assert_non_null(t);
	assert_non_null(strstr(t, i18n_in("fr", NULL, "the back of the "
	    "knee")));
	assert_null(strstr(t, "Keep the pressure"));
	assert_true(strncmp(t, i18n_in("fr", NULL, "Note: "),
	    strlen(i18n_in("fr", NULL, "Note: "))) == 0);
	free(t);
	routine_free(r);
	diag_clear(&dl);
	/* A routine with author notes only: none for the user. */
	r = routine_load_string("t.yaml", none, sizeof none - 1, &dl);
	assert_non_null(r);
	assert_int_equal(validate_user_notes(r, NULL, &v), 0);
	assert_null(v);
	assert_null(validate_user_text(r, "de"));
	routine_free(r);
	diag_clear(&dl);
}

static void
test_tiers(void **state)
{
	struct diag_list dl;
	struct routine	*r;
	char		 why[64];
	static const struct {
		const char	*yaml;
		enum intensity	 content, effective;
		const char	*why;
	} t[] = {
		{ "intensity: gentle\nsteps:\n  - stretch: {area: calves, "
		  "time: 30s}\n", INTENSITY_GENTLE, INTENSITY_GENTLE, "" },
		{ "intensity: gentle\nsteps:\n  - press: {area: calves, "
		  "tool: hand, time: 30s, pressure: 5}\n", INTENSITY_MODERATE,
		  INTENSITY_MODERATE, "pressure 5" },
		{ "steps:\n  - press: {area: calves, tool: hand, time: 30s, "
		  "pressure: 6}\n", INTENSITY_DEEP, INTENSITY_DEEP,
		  "pressure 6" },
		{ "steps:\n  - press: {area: calves, tool: hand, until: "
		  "release, max: 90s}\n", INTENSITY_DEEP, INTENSITY_DEEP,
		  "a hold of 90s" },
		{ "intensity: deep\nsteps:\n  - press: {area: calves, "
		  "tool: hand, time: 30s}\n", INTENSITY_GENTLE, INTENSITY_DEEP,
		  "" },
		{ "steps:\n  - roll: {area: calves, tool: hand, time: 45s, "
		  "sets: 3}\n", INTENSITY_DEEP, INTENSITY_DEEP,
		  "135s of work on the calves" },
		/* A roll with no side reaches both: 130 s on the left. */
		{ "steps:\n  - roll: {area: calves, tool: hand, time: 60s}\n"
		  "  - roll: {area: calves, side: left, tool: hand, "
		  "time: 70s}\n", INTENSITY_DEEP, INTENSITY_DEEP,
		  "130s of work on the calves, left side" },
	};
	char		 yaml[512];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		snprintf(yaml, sizeof yaml, "knead: 1\nid: abc\ntitle: T\n%s",
		    t[i].yaml);
		diag_init(&dl);
		r = routine_load_string("t.yaml", yaml, strlen(yaml), &dl);
		assert_non_null(r);
		assert_int_equal(validate_content_tier(r, why, sizeof why),
		    t[i].content);
		assert_string_equal(why, t[i].why);
		assert_int_equal(validate_effective_tier(r), t[i].effective);
		routine_free(r);
		diag_clear(&dl);
	}
}

static void
test_format_additions(void **state)
{
	(void)state;
	/* move, switch, per-month: valid forms. */
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\nswitch: 10s\n"
	    "limits: {per-month: 2}\nsteps:\n"
	    "  - move: {area: suboccipitals, reps: 8, tempo: 3s, say: "
	    "\"Chin tucks.\"}\n"
	    "  - move: {time: 30s}\n"
	    "  - stretch: {area: calves, side: both, time: 30s, switch: 8s}\n"),
	    "");
	/* ...and their ranges. */
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\nswitch: 1m\n"
	    "limits: {per-month: 100}\nsteps:\n"
	    "  - move: {area: calves, reps: 8, time: 30s}\n"
	    "  - move: {tempo: 3s}\n"
	    "  - move: {reps: 2, tempo: 2s}\n"
	    "  - move: {side: left, reps: 40, tempo: 20s}\n"
	    "  - stretch: {area: calves, time: 30s, switch: 8s}\n"),
	    "t.yaml:4:9: error: switch must be between 3s and 30s (got 60s)\n"
	    "t.yaml:5:21: error: limits.per-month must be between 1 and 90 "
	    "(got 100)\n"
	    "t.yaml:7:32: error: move step has both 'time' and 'reps'; keep "
	    "one (reps x tempo gives the time)\n"
	    "t.yaml:8:5: error: move step needs 'reps' (for example 'reps: "
	    "8') or 'time'\n"
	    "t.yaml:9:18: error: 2 reps at 2s each last 4s; a move step lasts "
	    "10s to 180s\n"
	    "t.yaml:10:18: error: 'side' needs an 'area' to be the side of\n"
	    "t.yaml:10:30: error: reps must be between 1 and 30 (got 40)\n"
	    "t.yaml:10:41: error: tempo must be between 1s and 10s (got 20s)\n"
	    "t.yaml:11:48: warning: 'switch' has no effect without 'side: "
	    "both'\n");
	/* One rep: "1 rep at 3s lasts 3s", not "1 reps ... each last". */
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\nsteps:\n"
	    "  - move: {reps: 1, tempo: 3s}\n"),
	    "t.yaml:5:18: error: 1 rep at 3s lasts 3s; a move step lasts 10s "
	    "to 180s\n");
}

static void
test_session_length(void **state)
{
	(void)state;
	assert_string_equal(run(HDR
	    "  - breathe: {time: 20m}\n"
	    "  - breathe: {time: 11m}\n"),
	    "t.yaml: warning: the session lasts 31:00; 30 minutes at most is "
	    "usual (split it into two routines)\n");
}

static void
test_homework_and_limits(void **state)
{
	(void)state;
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\n"
	    "homework:\n"
	    "  from: 2026-12-18\n"
	    "  until: 2026-11-20\n"
	    "  per-week: 25\n"
	    "limits:\n"
	    "  rest: 10m\n"
	    "  per-week: 30\n"
	    "cues:\n"
	    "  countdown: 20\n"
	    "steps:\n" PRESS_OK),
	    "t.yaml:6:10: error: homework ends (2026-11-20) before it starts "
	    "(2026-12-18); swap 'from' and 'until'\n"
	    "t.yaml:7:13: error: homework per-week must be between 1 and 21 "
	    "(got 25)\n"
	    "t.yaml:9:9: error: limits.rest must be between 1h and 30d "
	    "(got 10m)\n"
	    "t.yaml:10:13: error: limits.per-week must be between 1 and 21 "
	    "(got 30)\n"
	    "t.yaml:12:14: error: cues.countdown must be between 0 and 10 "
	    "(got 20)\n");
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\n"
	    "limits: {rest: 31d}\nsteps:\n" PRESS_OK),
	    "t.yaml:4:16: error: limits.rest must be between 1h and 30d "
	    "(got 31d)\n");
}

/* A summary the intro would cut (words.c) is warned about, at its line. */
static void
test_long_summary(void **state)
{
	char	sum[1002], yaml[4096];

	(void)state;
	memset(sum, 'a', 1001);
	sum[1001] = '\0';
	snprintf(yaml, sizeof yaml, "knead: 1\nid: abc\ntitle: T\n"
	    "summary: %s\nsteps:\n" PRESS_OK, sum);
	assert_string_equal(run(yaml), "t.yaml:4:10: warning: the summary is "
	    "1001 characters; it is said before every session and the "
	    "intro cuts it near 1000: keep it to a few sentences\n");
	assert_int_equal(nerrors, 0);
	sum[1000] = '\0';
	snprintf(yaml, sizeof yaml, "knead: 1\nid: abc\ntitle: T\n"
	    "summary: %s\nsteps:\n" PRESS_OK, sum);
	assert_string_equal(run(yaml), "");
}

static void
test_deep_rest_warning(void **state)
{
	(void)state;
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\n"
	    "intensity: deep\nlimits: {rest: 12h}\nsteps:\n" PRESS_OK),
	    "t.yaml:5:16: warning: limits.rest of 12h is short for deep "
	    "work: knead rests an area at least 24h after deep work on it\n");
	assert_int_equal(nerrors, 0);
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\n"
	    "intensity: deep\nlimits: {rest: 2d}\nsteps:\n" PRESS_OK), "");
}

static void
test_screen_question(void **state)
{
	(void)state;
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\n"
	    "screen: [\"Numbness in your arm?\", \"   \"]\nsteps:\n" PRESS_OK),
	    "t.yaml: error: screen question 2 is empty: write a yes/no "
	    "question or remove it\n");
}

/* cues.lang: a malformed tag is an error, one with no voice a warning. */
static void
test_cues_lang(void **state)
{
	static const char *const bad[] = {
		"en GB", "e", "5", "toolongxx", "en-", "en--gb", "fr.UTF-8",
		"en-GB-abcdefghi"
	};
	static const char *const good[] = {
		"en", "fr", "pt-BR", "en_GB", "de-DE", "cmn-Latn-pinyin",
		"German"
	};
	char	 yaml[256], want[256];
	size_t	 i;

	(void)state;
	for (i = 0; i < nitems(bad); i++) {
		snprintf(yaml, sizeof yaml, HDR PRESS_OK
		    "cues:\n  lang: \"%s\"\n", bad[i]);
		snprintf(want, sizeof want, "t.yaml:10:9: error: cues.lang "
		    "'%s' is not a language tag: write one like en, fr or "
		    "pt-BR\n", bad[i]);
		assert_string_equal(run(yaml), want);
	}
	for (i = 0; i < nitems(good); i++) {
		snprintf(yaml, sizeof yaml, HDR PRESS_OK
		    "cues:\n  lang: \"%s\"\n", good[i]);
		assert_string_equal(run(yaml), "");
	}
	/* Loading a routine does not ask for the voices (modules.h)... */
	assert_string_equal(run(HDR PRESS_OK "cues:\n  lang: xx\n"), "");
	assert_int_equal(nerrors, 0);
	/* ... validate_voices does. */
	assert_string_equal(run_voices(HDR PRESS_OK "cues:\n  lang: xx\n"),
	    "t.yaml:10:9: warning: espeak-ng has no voice for cues.lang "
	    "'xx': the say texts will be spoken in English\n");
	assert_string_equal(run_voices(HDR PRESS_OK "cues:\n  lang: fr\n"),
	    "");
	assert_string_equal(run_voices(HDR PRESS_OK "cues:\n  lang: \"e\"\n"),
	    "");
}

static void
test_every_problem_reported(void **state)
{
	(void)state;
	/* Three unrelated problems: all three, not only the first. */
	run("knead: 1\nid: X\ntitle: T\nsteps:\n"
	    "  - press: {area: calves, tool: hand, time: 200s}\n"
	    "  - roll: {area: neck, tool: hand, time: 30s}\n" SCREENED);
	assert_int_equal(nerrors, 3);
}

/* The length a summary states, and only where it states one. */
static void
test_summary_minutes(void **state)
{
	(void)state;
	assert_int_equal(validate_summary_minutes("A round for desk days: "
	    "one minute of slow breathing. About 9 minutes, one tennis "
	    "ball.\n"), 9);
	assert_int_equal(validate_summary_minutes("Four minutes at the desk, "
	    "no ball: open and close the hands."), 4);
	assert_int_equal(validate_summary_minutes("Roll slowly, around "
	    "twenty-five minutes in all."), 25);
	assert_int_equal(validate_summary_minutes("Then five minutes of slow "
	    "breathing. Light pressure only. About 12 minutes."), 12);
	/* A part's length is not the routine's. */
	assert_int_equal(validate_summary_minutes("A lying hip stretch, then "
	    "five minutes of slow breathing."), -1);
	assert_int_equal(validate_summary_minutes("About ten seconds a "
	    "side."), -1);
	assert_int_equal(validate_summary_minutes(""), -1);
	assert_int_equal(validate_summary_minutes(NULL), -1);
	assert_int_equal(validate_summary_minutes("About 1000 minutes"), -1);
}

/* A stated length more than a minute off the routine's warns. */
static void
test_summary_length(void **state)
{
	(void)state;
	/* 45 s of pressing: "About 1 minute" is within the minute... */
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\n"
	    "summary: \"About 1 minute.\"\nsteps:\n" PRESS_OK), "");
	/* ...as is "about 2" (1:15 off is not), and a minute's worth. */
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\n"
	    "summary: \"Short. About 3 minutes.\"\nsteps:\n" PRESS_OK),
	    "t.yaml:4:10: warning: the summary gives 3 min but the routine "
	    "lasts 0:45 (listed as 1 min): change the summary or the "
	    "steps\n");
	assert_int_equal(nerrors, 0);
	/* A summary in another language is not read. */
	assert_string_equal(run("knead: 1\nid: abc\ntitle: T\n"
	    "summary: \"About 3 minutes.\"\ncues: {lang: fr}\nsteps:\n"
	    PRESS_OK), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_spec_example),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_id_and_title),
		cmocka_unit_test(test_title_length),
		cmocka_unit_test(test_no_steps),
		cmocka_unit_test(test_not_a_routine),
		cmocka_unit_test(test_unknown_area),
		cmocka_unit_test(test_endangerment_site),
		cmocka_unit_test(test_required_fields),
		cmocka_unit_test(test_press_time_or_until),
		cmocka_unit_test(test_press_dosage),
		cmocka_unit_test(test_pressure),
		cmocka_unit_test(test_roll_stretch_ranges),
		cmocka_unit_test(test_contract_relax_ranges),
		cmocka_unit_test(test_breathe),
		cmocka_unit_test(test_tool_area_mismatch),
		cmocka_unit_test(test_tools_list),
		cmocka_unit_test(test_steps_misspelt),
		cmocka_unit_test(test_speech_safety),
		cmocka_unit_test(test_position_time_to_act),
		cmocka_unit_test(test_safety_words),
		cmocka_unit_test(test_side_on_unsided_area),
		cmocka_unit_test(test_area_warnings),
		cmocka_unit_test(test_body_limits),
		cmocka_unit_test(test_no_side_counts_both),
		cmocka_unit_test(test_required_screening),
		cmocka_unit_test(test_screening_translated),
		cmocka_unit_test(test_danger_words),
		cmocka_unit_test(test_user_notes),
		cmocka_unit_test(test_tiers),
		cmocka_unit_test(test_format_additions),
		cmocka_unit_test(test_session_length),
		cmocka_unit_test(test_homework_and_limits),
		cmocka_unit_test(test_deep_rest_warning),
		cmocka_unit_test(test_long_summary),
		cmocka_unit_test(test_screen_question),
		cmocka_unit_test(test_cues_lang),
		cmocka_unit_test(test_every_problem_reported),
		cmocka_unit_test(test_supine_needs_pregnancy),
		cmocka_unit_test(test_one_side_wording),
		cmocka_unit_test(test_summary_minutes),
		cmocka_unit_test(test_summary_length),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
