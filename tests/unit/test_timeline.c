/*
 * Unit tests for the speech timeline (src/timeline.c): which line, which
 * form, when, and what yields. The voice is a measure of 60 ms a byte, so
 * every length here is exact; tests/e2e/render.sh checks the same rules
 * with espeak-ng on the bundled library.
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

#include "audio.h"
#include "diag.h"
#include "plan.h"
#include "routine.h"
#include "routine_yaml.h"
#include "speech.h"
#include "timeline.h"

/* ms per byte of the fake voice; tests change it. */
static uint64_t	per_byte = 60;

static uint64_t
bytes(void *ctx, const char *text)
{
	(void)ctx;
	return strlen(text) * per_byte;
}

static const struct tl_voice	voice = { bytes, NULL };

#define HEAD "knead: 1\nid: t\ntitle: T\n"

/* A routine from yaml and its plan; the loader must not complain. */
static void
load(const char *yaml, struct routine **r, struct plan *p)
{
	struct diag_list	dl;
	char			line[512];

	diag_init(&dl);
	*r = routine_load_string("t.yaml", yaml, strlen(yaml), &dl);
	assert_non_null(*r);
	if (dl.errors != 0) {
		diag_format(&dl.v[0], line, sizeof line);
		fail_msg("loader complained: %s", line);
	}
	diag_clear(&dl);
	assert_int_equal(plan_build(*r, p), 0);
}

static void
unload(struct routine *r, struct plan *p)
{
	plan_free(p);
	routine_free(r);
}

/* Step i as planned, with the fake voice. */
static void
step(const struct plan *p, size_t i, struct tl_step *st)
{
	struct tl_opts	o = { 3, 1, &voice, 0 };

	timeline_step(p, i, p->v[i].duration_ms, &o, st);
}

/* Step i says one line at 0: text, in form f. */
static void
assert_line(const struct plan *p, size_t i, enum tl_form f, const char *text)
{
	struct tl_step	st;

	step(p, i, &st);
	if (st.nline == 0)
		fail_msg("step %zu says nothing, wanted '%s'", i, text);
	assert_int_equal(st.line[0].at_ms, 0);
	assert_string_equal(st.line[0].text, text);
	assert_int_equal(st.line[0].form, f);
	assert_int_equal(st.line[0].len_ms, strlen(text) * per_byte);
	timeline_step_free(&st);
}

static const char stretch_reps[] = HEAD
    "steps:\n"
    "  - stretch:\n"
    "      area: upper-trapezius\n"
    "      side: both\n"
    "      time: 20s\n"
    "      reps: 2\n"
    "      say: \"Tip your head away.\"\n";

/*
 * A stretch of 2 reps on both sides: the switch between them is no rep
 * (it was said "Switch sides. Rep 2 of 2."), and the right side's first
 * rep names the side and rep 1.
 */
static void
test_switch_says_no_rep(void **state)
{
	struct routine	*r;
	struct plan	 p;

	(void)state;
	per_byte = 60;
	load(stretch_reps, &r, &p);
	/* L1 release L2 switch R1 release R2 */
	assert_int_equal(p.n, 7);
	assert_int_equal(p.v[3].kind, PLAN_SWITCH);
	assert_line(&p, 3, TL_FULL, "Switch to the right side.");
	assert_line(&p, 4, TL_SHORT, "Stretch. Right side. Rep 1 of 2.");
	assert_line(&p, 6, TL_SHORT, "Stretch. Right side. Rep 2 of 2.");
	unload(r, &p);
}

/*
 * A roll's sets are counted as a stretch's reps are: the listener could
 * not tell whether a second set was coming (a tester on a roller).
 */
static void
test_roll_sets_counted(void **state)
{
	static const char yaml[] = HEAD "tools: [foam-roller]\nsteps:\n"
	    "  - roll:\n"
	    "      area: quadriceps\n"
	    "      side: left\n"
	    "      tool: foam-roller\n"
	    "      time: 30s\n"
	    "      sets: 2\n";
	struct routine	*r;
	struct plan	 p;
	char		 buf[256];

	(void)state;
	per_byte = 60;
	load(yaml, &r, &p);
	/* set 1, release, set 2 */
	assert_int_equal(p.n, 3);
	timeline_text(&p, 0, TL_HEAD, buf, sizeof buf);
	assert_string_equal(buf, "Roll. Quadriceps, left side. Set 1 of 2.");
	assert_line(&p, 2, TL_SHORT, "Roll. Left side. Set 2 of 2.");
	unload(r, &p);
}

static const char contract_relax[] = HEAD
    "steps:\n"
    "  - contract-relax:\n"
    "      area: hamstrings\n"
    "      side: both\n"
    "      contract: 5s\n"
    "      relax: 3s\n"
    "      stretch: 20s\n"
    "      cycles: 3\n"
    "      say: \"Raise the looped leg, knee straight, until the back of "
    "the thigh stretches, then push the heel into the strap.\"\n";

/*
 * Contract-relax, 3 cycles on both sides: the instruction does not fit a
 * 5 s contraction, so its head is said; every later phase one or two
 * words, the side when it changes, each contraction its cycle (a
 * listener could not tell how many were left). Nothing queues: each line
 * at 0.
 */
static void
test_contract_relax(void **state)
{
	struct routine	*r;
	struct plan	 p;

	(void)state;
	per_byte = 60;
	load(contract_relax, &r, &p);
	/* contract, relax, stretch x3, switch, x3 again */
	assert_int_equal(p.n, 19);
	assert_true(timeline_first(&p, 0));
	assert_false(timeline_first(&p, 3));
	assert_line(&p, 0, TL_HEAD, "Contract. Hamstrings, left side.");
	assert_line(&p, 1, TL_SHORT, "Relax.");
	assert_line(&p, 2, TL_SHORT, "Stretch.");
	assert_line(&p, 3, TL_SHORT, "Contract. Cycle 2 of 3.");
	assert_line(&p, 9, TL_FULL, "Switch to the right side.");
	assert_line(&p, 10, TL_SHORT, "Contract. Right side.");
	assert_line(&p, 13, TL_SHORT, "Contract. Cycle 2 of 3.");
	assert_line(&p, 18, TL_SHORT, "Stretch.");
	unload(r, &p);
}

/*
 * Reps on both sides: the full line on the first rep of the first side,
 * then kind, side and rep.
 */
static void
test_reps_and_sides(void **state)
{
	static const char yaml[] = HEAD "tools: [tennis-ball]\nsteps:\n"
	    "  - press:\n"
	    "      area: upper-trapezius\n"
	    "      side: both\n"
	    "      tool: tennis-ball\n"
	    "      time: 30s\n"
	    "      reps: 2\n"
	    "      say: \"Lean into the ball.\"\n";
	struct routine	*r;
	struct plan	 p;

	(void)state;
	per_byte = 60;
	load(yaml, &r, &p);
	/* left 1, release, left 2, switch, right 1, release, right 2 */
	assert_int_equal(p.n, 7);
	assert_line(&p, 0, TL_FULL, "Press. Upper trapezius, left side. "
	    "Rep 1 of 2." SPEECH_SEP_S "Lean into the ball.");
	assert_line(&p, 1, TL_FULL, "Release.");
	assert_line(&p, 2, TL_SHORT, "Press. Left side. Rep 2 of 2.");
	assert_line(&p, 4, TL_SHORT, "Press. Right side. Rep 1 of 2.");
	assert_line(&p, 6, TL_SHORT, "Press. Right side. Rep 2 of 2.");
	unload(r, &p);
}

/*
 * The ladder: full, then head, then short, then nothing; each line ends
 * TL_MARGIN_MS before the step does.
 */
static void
test_fit_ladder(void **state)
{
	static const char yaml[] = HEAD "tools: [tennis-ball]\nsteps:\n"
	    "  - press:\n"
	    "      area: upper-trapezius\n"
	    "      tool: tennis-ball\n"
	    "      time: 30s\n"
	    "      say: \"Lean into the ball until it aches.\"\n";
	const char	*full = "Press. Upper trapezius." SPEECH_SEP_S
	    "Lean into the ball until it aches.";
	struct routine	*r;
	struct plan	 p;
	struct tl_step	 st;

	(void)state;
	load(yaml, &r, &p);
	/* Exactly fits: it ends at 30 s less the margin. */
	per_byte = (30000 - TL_MARGIN_MS) / strlen(full);
	assert_true(strlen(full) * per_byte <= 30000 - TL_MARGIN_MS);
	assert_line(&p, 0, TL_FULL, full);
	per_byte = (30000 - TL_MARGIN_MS) / strlen(full) + 1;
	assert_line(&p, 0, TL_HEAD, "Press. Upper trapezius.");
	per_byte = (30000 - TL_MARGIN_MS) / strlen("Press.") - 1;
	assert_line(&p, 0, TL_SHORT, "Press.");
	per_byte = 30000 / strlen("Press.") + 1;
	step(&p, 0, &st);
	assert_int_equal(st.nline, 0);
	/* A voice that says nothing: no line, and the ticks all stay. */
	per_byte = 0;
	timeline_step_free(&st);
	step(&p, 0, &st);
	assert_int_equal(st.nline, 0);
	timeline_step_free(&st);
	unload(r, &p);
}

/* How many cues c a step has. */
static size_t
count(const struct tl_step *st, enum cue c)
{
	size_t	i, n = 0;

	for (i = 0; i < st->ncue; i++)
		n += st->cue[i].cue == c;
	return n;
}

/*
 * Countdown words yield to an instruction: "Ten seconds." only when the
 * line before has ended, and ticks inside a spoken line are left out.
 */
static void
test_countdown_yields(void **state)
{
	static const char yaml[] = HEAD "tools: [tennis-ball]\nsteps:\n"
	    "  - press:\n"
	    "      area: upper-trapezius\n"
	    "      tool: tennis-ball\n"
	    "      time: 30s\n"
	    "      say: \"Lean into the ball until it aches.\"\n"
	    "  - stretch:\n"
	    "      area: upper-trapezius\n"
	    "      time: 10s\n";
	struct routine	*r;
	struct plan	 p;
	struct tl_step	 st;

	(void)state;
	load(yaml, &r, &p);
	/* A short voice: the line, then "Ten seconds." at 20 s. */
	per_byte = 60;
	step(&p, 0, &st);
	assert_int_equal(st.nline, 2);
	assert_int_equal(st.line[1].at_ms, 20000);
	assert_int_equal(st.line[1].form, TL_COUNT);
	assert_string_equal(st.line[1].text, "Ten seconds.");
	assert_int_equal(count(&st, CUE_TICK), 3);
	timeline_step_free(&st);
	/* A slow voice: the line runs past 20 s, so no "Ten seconds.". */
	per_byte = 350;
	step(&p, 0, &st);
	assert_int_equal(st.nline, 1);
	assert_int_equal(st.line[0].form, TL_FULL);
	assert_true(st.line[0].len_ms > 20000);
	timeline_step_free(&st);
	/*
	 * The 10 s stretch: "Stretch. Upper trapezius." (25 bytes) at
	 * 320 ms a byte ends at 8 s; the ticks at 7 and 8 s fall inside it
	 * (with the gap after it), the one at 9 s stays.
	 */
	per_byte = 320;
	step(&p, 1, &st);
	assert_int_equal(st.nline, 1);
	assert_int_equal(st.line[0].len_ms, 8000);
	assert_int_equal(count(&st, CUE_TICK), 1);
	assert_int_equal(st.cue[st.ncue - 1].cue, CUE_SESSION_END);
	assert_int_equal(st.cue[st.ncue - 2].at_ms, 9000);
	timeline_step_free(&st);
	unload(r, &p);
}

/* The time of step st's first cue c, or UINT64_MAX. */
static uint64_t
cue_at(const struct tl_step *st, enum cue c)
{
	size_t	i;

	for (i = 0; i < st->ncue; i++)
		if (st->cue[i].cue == c)
			return st->cue[i].at_ms;
	return UINT64_MAX;
}

/*
 * The halfway chime waits for the line it falls in (a desk-worker tester
 * heard it inside a 17 s instruction), and is left out when the next cue
 * would come within a second of it; cues stay in time order.
 */
static void
test_halfway_yields(void **state)
{
	static const char yaml[] = HEAD "tools: [tennis-ball]\nsteps:\n"
	    "  - press:\n"
	    "      area: calves\n"
	    "      tool: tennis-ball\n"
	    "      time: 40s\n"
	    "      say: \"Let the leg rest on the ball until it aches.\"\n";
	struct routine	*r;
	struct plan	 p;
	struct tl_step	 st;
	uint64_t	 end;
	size_t		 k;
	char		 st0_text[256];

	(void)state;
	load(yaml, &r, &p);
	/* A quick voice: the line is over by 20 s, the chime stays. */
	per_byte = 60;
	step(&p, 0, &st);
	assert_true(st.line[0].len_ms < 19000);
	assert_int_equal(cue_at(&st, CUE_HALFWAY), 20000);
	timeline_step_free(&st);
	/* A slow voice: the line runs to about 25 s; the chime after it. */
	per_byte = 400;
	step(&p, 0, &st);
	snprintf(st0_text, sizeof st0_text, "%s", st.line[0].text);
	end = st.line[0].at_ms + st.line[0].len_ms + TL_GAP_MS;
	assert_true(end > 20000 && end < 30000);
	assert_int_equal(cue_at(&st, CUE_HALFWAY), end);
	for (k = 1; k < st.ncue; k++)
		assert_true(st.cue[k - 1].at_ms <= st.cue[k].at_ms);
	timeline_step_free(&st);
	/* Slower still: the line nearly meets the countdown: no chime. */
	per_byte = 36300 / strlen(st0_text);
	step(&p, 0, &st);
	end = st.line[0].at_ms + st.line[0].len_ms + TL_GAP_MS;
	assert_true(end > 36000 && end < 37000);
	assert_int_equal(count(&st, CUE_HALFWAY), 0);
	timeline_step_free(&st);
	unload(r, &p);
	per_byte = 60;
}

/* The first pacer tone of step i (inhale or exhale), or NULL. */
static const struct cue_event *
first_breath(const struct tl_step *st)
{
	size_t	k;

	for (k = 0; k < st->ncue; k++)
		if (st->cue[k].cue == CUE_INHALE || st->cue[k].cue == CUE_EXHALE)
			return &st->cue[k];
	return NULL;
}

/*
 * The pacer yields to speech: no breath tone inside a line, and the first
 * one heard after it is an inhale (calves-feet: "exhale" 4 s into a 25 s
 * instruction). Breaths keep their times from the step's start.
 */
static void
test_pacer_yields(void **state)
{
	static const char yaml[] = HEAD "tools: [tennis-ball]\nsteps:\n"
	    "  - press:\n"
	    "      area: calves\n"
	    "      side: both\n"
	    "      tool: tennis-ball\n"
	    "      time: 50s\n"
	    "      breathe: 6\n"
	    "      say: \"Let the leg rest on the ball until it aches, then "
	    "stay still and breathe out slowly.\"\n";
	const struct cue_event *c;
	struct routine	*r;
	struct plan	 p;
	struct tl_step	 st;
	size_t		 k, l;

	(void)state;
	per_byte = 200;
	load(yaml, &r, &p);
	/* The left side's full line lasts over 20 s: first tone at 30 s. */
	step(&p, 0, &st);
	assert_int_equal(st.line[0].form, TL_FULL);
	assert_true(st.line[0].len_ms > 20000 && st.line[0].len_ms < 30000);
	c = first_breath(&st);
	assert_non_null(c);
	assert_int_equal(c->cue, CUE_INHALE);
	assert_int_equal(c->at_ms, 30000);
	for (k = 0; k < st.ncue; k++)
		for (l = 0; l < st.nline; l++)
			if (st.cue[k].cue == CUE_INHALE ||
			    st.cue[k].cue == CUE_EXHALE)
				assert_false(st.cue[k].at_ms >=
				    st.line[l].at_ms && st.cue[k].at_ms <
				    st.line[l].at_ms + st.line[l].len_ms);
	assert_int_equal(count(&st, CUE_EXHALE), count(&st, CUE_INHALE));
	timeline_step_free(&st);
	/* The right side's short line: its first tone, at 10 s, breathes in. */
	step(&p, 2, &st);
	assert_int_equal(st.line[0].form, TL_SHORT);
	c = first_breath(&st);
	assert_non_null(c);
	assert_int_equal(c->cue, CUE_INHALE);
	assert_int_equal(c->at_ms, 10000);
	timeline_step_free(&st);
	unload(r, &p);
	per_byte = 60;
}

/*
 * tones_told (a preamble cut before it said what the tones mean): that
 * step's full line ends with it, its first tone after it; another step's
 * is as ever; where it does not fit, the line as ever.
 */
static void
test_tones_told(void **state)
{
	static const char yaml[] = HEAD "steps:\n"
	    "  - rest: 10s\n"
	    "  - breathe:\n"
	    "      time: 30s\n"
	    "      inhale: 4s\n"
	    "      exhale: 6s\n"
	    "      say: \"Slowly.\"\n";
	static const char tones[] = " Tones pace your breathing: breathe in "
	    "at the rising tone, out at the falling one.";
	struct tl_opts	 o = { 3, 1, &voice, 2 };
	struct routine	*r;
	struct plan	 p;
	struct tl_step	 st;
	char		 full[256], want[512];

	(void)state;
	load(yaml, &r, &p);
	timeline_text(&p, 1, TL_FULL, full, sizeof full);
	snprintf(want, sizeof want, "%s%s", full, tones);
	timeline_step(&p, 1, p.v[1].duration_ms, &o, &st);
	assert_int_equal(st.nline, 1);
	assert_string_equal(st.line[0].text, want);
	assert_int_equal(st.line[0].form, TL_FULL);
	assert_int_equal(st.line[0].len_ms, strlen(want) * per_byte);
	assert_non_null(first_breath(&st));
	assert_int_equal(first_breath(&st)->cue, CUE_INHALE);
	assert_true(first_breath(&st)->at_ms >= st.line[0].len_ms);
	timeline_step_free(&st);
	/* Told at another step: this one's line as ever. */
	o.tones_told = 1;
	timeline_step(&p, 1, p.v[1].duration_ms, &o, &st);
	assert_string_equal(st.line[0].text, full);
	timeline_step_free(&st);
	/* 320 ms a byte: the two would take over 29.7 s, the line does not. */
	per_byte = 320;
	o.tones_told = 2;
	timeline_step(&p, 1, p.v[1].duration_ms, &o, &st);
	assert_true(strlen(want) * per_byte > 29700);
	assert_string_equal(st.line[0].text, full);
	assert_int_equal(st.line[0].form, TL_FULL);
	timeline_step_free(&st);
	per_byte = 60;
	unload(r, &p);
}

/*
 * A 30-minute breathe step at 6 breaths a minute: every breath cue is on
 * the heap list (the run engine used to hand only 256 to the audio).
 */
static void
test_long_breathe_no_cap(void **state)
{
	static const char yaml[] = HEAD "steps:\n"
	    "  - breathe:\n"
	    "      time: 30m\n"
	    "      rate: 6\n"
	    "      say: \"Follow the tones.\"\n";
	struct routine	*r;
	struct plan	 p;
	struct tl_step	 st;
	size_t		 n;

	(void)state;
	per_byte = 60;
	load(yaml, &r, &p);
	step(&p, 0, &st);
	n = cueplan_step(&p, 0, 3, 1, NULL, 0);
	assert_true(n > 356);
	/* All but the exhale at 4 s: the first tone after the line is in. */
	assert_int_equal(st.ncue, n - 1);
	/* 180 breaths: an inhale and an exhale each, less crowded ones. */
	assert_true(count(&st, CUE_INHALE) + count(&st, CUE_EXHALE) >= 356);
	assert_int_equal(st.cue[st.ncue - 1].at_ms, 30 * 60 * 1000);
	assert_int_equal(st.nline, 1);
	timeline_step_free(&st);
	unload(r, &p);
}

/*
 * A line that a pause cut is said again (timeline_again): the longest of
 * its forms, none longer than it was, that ends before the next line
 * (the countdown's words give way) and the step's end, and nothing when
 * none fits; the lines before stay where they are.
 */
static void
test_again_fits(void **state)
{
	static const char yaml[] = HEAD "tools: [tennis-ball]\nsteps:\n"
	    "  - press:\n"
	    "      area: upper-trapezius\n"
	    "      tool: tennis-ball\n"
	    "      time: 30s\n"
	    "      say: \"Lean into the ball until it aches.\"\n";
	const char	*full = "Press. Upper trapezius." SPEECH_SEP_S
	    "Lean into the ball until it aches.";
	struct routine	*r;
	struct plan	 p;
	struct tl_step	 st;

	(void)state;
	per_byte = 60;
	load(yaml, &r, &p);
	step(&p, 0, &st);
	assert_int_equal(st.nline, 2);	/* the line, "Ten seconds." at 20 s */
	/* Cut at 1 s, said again at 2 s: all of it fits before 20 s. */
	assert_int_equal(timeline_again(&p, 0, 30000, TL_FULL, 2000, &voice,
	    &st), 0);
	assert_int_equal(st.nline, 3);
	assert_int_equal(st.line[0].at_ms, 0);
	assert_int_equal(st.line[1].at_ms, 2000);
	assert_int_equal(st.line[1].form, TL_FULL);
	assert_string_equal(st.line[1].text, full);
	assert_int_equal(st.line[1].len_ms, strlen(full) * 60);
	assert_int_equal(st.line[2].form, TL_COUNT);
	timeline_step_free(&st);
	/*
	 * At 19 s the whole line runs into "Ten seconds." at 20 s: said
	 * whole all the same, the countdown's words not (they yield to an
	 * instruction; an eyes-free tester lost a safety sentence to them).
	 */
	step(&p, 0, &st);
	assert_int_equal(timeline_again(&p, 0, 30000, TL_FULL, 19000, &voice,
	    &st), 0);
	assert_int_equal(st.nline, 2);
	assert_int_equal(st.line[1].at_ms, 19000);
	assert_int_equal(st.line[1].form, TL_FULL);
	assert_string_equal(st.line[1].text, full);
	/* A countdown word is never said again. */
	assert_int_equal(timeline_again(&p, 0, 30000, TL_COUNT, 5000, &voice,
	    &st), -1);
	timeline_step_free(&st);
	/* After "Ten seconds.": the step's end bounds it, head then short. */
	step(&p, 0, &st);
	assert_int_equal(timeline_again(&p, 0, 30000, TL_FULL, 28000, &voice,
	    &st), 0);
	assert_int_equal(st.line[st.nline - 1].form, TL_HEAD);
	assert_int_equal(timeline_again(&p, 0, 30000, TL_HEAD, 28500, &voice,
	    &st), 0);
	assert_int_equal(st.line[st.nline - 1].form, TL_SHORT);
	assert_int_equal(st.line[1].form, TL_COUNT);	/* kept: before it */
	assert_int_equal(timeline_again(&p, 0, 30000, TL_SHORT, 29400, &voice,
	    &st), -1);
	assert_int_equal(st.nline, 4);
	timeline_step_free(&st);
	unload(r, &p);
}

/*
 * The halfway chime does not cut a line said again short: it waits for
 * the line's end, as it does for a step's first line.
 */
static void
test_again_moves_halfway(void **state)
{
	static const char yaml[] = HEAD "tools: [tennis-ball]\nsteps:\n"
	    "  - press:\n"
	    "      area: upper-trapezius\n"
	    "      tool: tennis-ball\n"
	    "      time: 60s\n"
	    "      say: \"Lean into the ball until it aches.\"\n";
	struct routine	*r;
	struct plan	 p;
	struct tl_step	 st;
	uint64_t	 end;
	size_t		 k;
	int		 half = 0;

	(void)state;
	per_byte = 60;
	load(yaml, &r, &p);
	step(&p, 0, &st);
	/* The full line (57 bytes, 3.4 s) from 27 s runs over 30 s. */
	assert_int_equal(timeline_again(&p, 0, 60000, TL_FULL, 27000, &voice,
	    &st), 0);
	assert_int_equal(st.line[1].form, TL_FULL);
	end = 27000 + st.line[1].len_ms + TL_GAP_MS;
	assert_true(end > 30000);
	for (k = 0; k < st.ncue; k++) {
		if (st.cue[k].cue == CUE_HALFWAY) {
			half++;
			assert_int_equal(st.cue[k].at_ms, end);
		}
		if (k > 0)
			assert_true(st.cue[k - 1].at_ms <= st.cue[k].at_ms);
	}
	assert_int_equal(half, 1);
	timeline_step_free(&st);
	unload(r, &p);
}

/*
 * Tones inside a line said again yield to it, and the pacer then
 * resumes at an inhale.
 */
static void
test_again_quiets_tones(void **state)
{
	static const char yaml[] = HEAD "steps:\n"
	    "  - breathe:\n"
	    "      time: 60s\n"
	    "      rate: 6\n"
	    "      say: \"Follow the tones.\"\n";
	struct routine	*r;
	struct plan	 p;
	struct tl_step	 st;
	size_t		 k, n0;
	uint64_t	 end;

	(void)state;
	per_byte = 150;
	load(yaml, &r, &p);
	step(&p, 0, &st);
	n0 = st.ncue;
	/* Said again at 21 s: the exhale at 24 s falls inside it. */
	assert_int_equal(timeline_again(&p, 0, 60000, TL_FULL, 21000, &voice,
	    &st), 0);
	assert_int_equal(st.line[1].at_ms, 21000);
	end = 21000 + st.line[1].len_ms;
	assert_true(end > 24000 && end < 30000);
	assert_true(st.ncue < n0);
	for (k = 0; k < st.ncue; k++)
		if (st.cue[k].at_ms >= 21000 && (st.cue[k].cue == CUE_INHALE ||
		    st.cue[k].cue == CUE_EXHALE)) {
			assert_int_equal(st.cue[k].cue, CUE_INHALE);
			assert_true(st.cue[k].at_ms >= end);
			break;
		}
	assert_true(k < st.ncue);
	/* The tones before it stay. */
	assert_int_equal(first_breath(&st)->at_ms, 10000);
	timeline_step_free(&st);
	unload(r, &p);
	per_byte = 60;
}

/*
 * After +/-10 s the step runs for another length: "Ten seconds." counts
 * back from the new end, and every line still ends in time.
 */
static void
test_new_length(void **state)
{
	static const char yaml[] = HEAD "tools: [tennis-ball]\nsteps:\n"
	    "  - press:\n"
	    "      area: upper-trapezius\n"
	    "      tool: tennis-ball\n"
	    "      time: 40s\n";
	struct routine	*r;
	struct plan	 p;
	struct tl_opts	 o = { 3, 1, &voice, 0 };
	struct tl_step	 st;
	size_t		 k;

	(void)state;
	per_byte = 60;
	load(yaml, &r, &p);
	timeline_step(&p, 0, 50000, &o, &st);
	assert_int_equal(st.nline, 2);
	assert_int_equal(st.line[1].at_ms, 40000);
	for (k = 0; k < st.nline; k++)
		assert_true(st.line[k].at_ms + st.line[k].len_ms +
		    TL_MARGIN_MS <= 50000);
	timeline_step_free(&st);
	/* Cut to 1 s: not even "Press." fits (6 bytes, 360 ms + margin)? */
	timeline_step(&p, 0, 600, &o, &st);
	assert_int_equal(st.nline, 0);
	timeline_step_free(&st);
	timeline_step(&p, 0, 700, &o, &st);
	assert_int_equal(st.nline, 1);
	assert_string_equal(st.line[0].text, "Press.");
	timeline_step_free(&st);
	unload(r, &p);
}

/* Lines as a person reads them: separators become spaces, none leads. */
static void
test_plain(void **state)
{
	char	buf[64];

	(void)state;
	timeline_plain(SPEECH_SEP_S "Appuyez." SPEECH_SEP_S "Penchez-vous.",
	    buf, sizeof buf);
	assert_string_equal(buf, "Appuyez. Penchez-vous.");
	timeline_plain("Press." SPEECH_SEP_S "Lean.", buf, 8);
	assert_string_equal(buf, "Press. ");
	assert_string_equal(timeline_form_name(TL_HEAD), "head");
	assert_string_equal(timeline_form_name(TL_COUNT), "count");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contract_relax),
		cmocka_unit_test(test_switch_says_no_rep),
		cmocka_unit_test(test_roll_sets_counted),
		cmocka_unit_test(test_reps_and_sides),
		cmocka_unit_test(test_fit_ladder),
		cmocka_unit_test(test_countdown_yields),
		cmocka_unit_test(test_pacer_yields),
		cmocka_unit_test(test_tones_told),
		cmocka_unit_test(test_halfway_yields),
		cmocka_unit_test(test_long_breathe_no_cap),
		cmocka_unit_test(test_again_fits),
		cmocka_unit_test(test_again_moves_halfway),
		cmocka_unit_test(test_again_quiets_tones),
		cmocka_unit_test(test_new_length),
		cmocka_unit_test(test_plain),
	};

	setenv("LC_ALL", "C.UTF-8", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
