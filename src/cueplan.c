/*
 * Which cues each plan step has, and when, and its spoken line (cueplan.h).
 * Pure: no clock, no audio, so the live session and `knead render` agree.
 */
#include "cueplan.h"

#include <stdio.h>
#include <string.h>

#include "areas.h"
#include "plan.h"
#include "routine.h"
#include "speech.h"
#include "words.h"

/* Holds at least this long get the halfway chime (timeline.c: the same). */
#define CUEPLAN_LONG_MS		30000
/* Pass and breath tones this close to another cue are left out. */
#define CUEPLAN_GAP_MS		400

/* words.h lists the kind words by plan kind, then "Next". */
_Static_assert(PLAN__COUNT + 1 == WORDS_NKIND, "one kind word per plan kind");

/* Map a plan kind to the cue that announces it. */
enum cue
cueplan_start_cue(int kind)
{
	static const enum cue start[PLAN__COUNT] = {
		CUE_POSITION, CUE_PRESS, CUE_ROLL, CUE_STRETCH, CUE_CONTRACT,
		CUE_RELAX, CUE_STRETCH, CUE_BREATHE, CUE_REST, CUE_SWITCH,
		CUE_RELEASE, CUE_STRETCH
	};

	if (kind < 0 || kind >= PLAN__COUNT)
		return CUE_STEP_END;
	return start[kind];
}

/* Whether a step of this kind is a hold that gets halfway and ten seconds. */
static int
cueplan_is_hold(enum plan_kind k)
{
	return k == PLAN_PRESS || k == PLAN_ROLL || k == PLAN_STRETCH ||
	    k == PLAN_PNF_STRETCH;
}

/* Append one event when there is room; always count it. */
static void
cueplan_put(struct cue_event *out, size_t max, size_t *n, uint64_t at_ms,
    enum cue c)
{
	if (*n < max) {
		out[*n].at_ms = at_ms;
		out[*n].cue = c;
	}
	(*n)++;
}

/* Whether at_ms is within CUEPLAN_GAP_MS of a fixed cue of the step. */
static int
cueplan_crowded(uint64_t at_ms, uint64_t dur_ms, uint64_t half_ms,
    uint64_t count_from_ms)
{
	if (at_ms < CUEPLAN_GAP_MS || at_ms + CUEPLAN_GAP_MS > dur_ms)
		return 1;
	if (at_ms + CUEPLAN_GAP_MS > count_from_ms)
		return 1;
	if (half_ms != 0 && at_ms + CUEPLAN_GAP_MS > half_ms &&
	    at_ms < half_ms + CUEPLAN_GAP_MS)
		return 1;
	return 0;
}

/* List a step's cues: start, pass and breath tones, halfway, countdown, end. */
size_t
cueplan_step(const struct plan *p, size_t i, int countdown_s, int halfway,
    struct cue_event *out, size_t max)
{
	const struct pstep	*ps;
	struct cue_event	 tmp;
	uint64_t		 dur, half = 0, count_from, t;
	size_t			 n = 0, a, b, total;
	int			 k, phase;

	if (i >= p->n)
		return 0;
	ps = &p->v[i];
	dur = ps->duration_ms;

	cueplan_put(out, max, &n, 0, i == 0 ? CUE_SESSION_START :
	    cueplan_start_cue(ps->kind));

	if (halfway && cueplan_is_hold(ps->kind) && !ps->until_release &&
	    dur >= CUEPLAN_LONG_MS)
		half = dur / 2;

	/*
	 * Countdown ticks on timed steps long enough to count down in; the
	 * 5 s switch and release transitions stay quiet.
	 */
	count_from = dur;
	if (countdown_s > 0 && ps->kind != PLAN_SWITCH &&
	    ps->kind != PLAN_RELEASE &&
	    dur >= (uint64_t)countdown_s * 1000 * 2)
		count_from = dur - (uint64_t)countdown_s * 1000;

	/* A roll's passes and a move's reps get a tick each. */
	if ((ps->kind == PLAN_ROLL || ps->kind == PLAN_MOVE) &&
	    ps->pass_ms > 0) {
		for (t = ps->pass_ms; t < dur; t += ps->pass_ms) {
			if (!cueplan_crowded(t, dur, half, count_from))
				cueplan_put(out, max, &n, t, CUE_PASS);
		}
	}
	if (ps->inhale_ms > 0 && ps->exhale_ms > 0) {
		/* The start cue marks the first inhale. */
		for (t = 0, phase = 0; t < dur; phase = !phase) {
			if (!cueplan_crowded(t, dur, half, count_from))
				cueplan_put(out, max, &n, t,
				    phase ? CUE_EXHALE : CUE_INHALE);
			t += phase ? ps->exhale_ms : ps->inhale_ms;
		}
	}
	if (half != 0)
		cueplan_put(out, max, &n, half, CUE_HALFWAY);
	if (count_from < dur) {
		for (k = countdown_s; k >= 1; k--)
			cueplan_put(out, max, &n, dur - (uint64_t)k * 1000,
			    CUE_TICK);
	}
	/*
	 * A step followed by a pain rating ends with its own bell: the next
	 * step's start cue waits for the answer, so the end would otherwise
	 * go unheard.
	 */
	if (i + 1 == p->n)
		cueplan_put(out, max, &n, dur, CUE_SESSION_END);
	else if (ps->check_pain)
		cueplan_put(out, max, &n, dur, CUE_STEP_END);

	/* Insertion sort by time, stable: the lists are short. */
	total = n < max ? n : max;
	for (a = 1; a < total; a++) {
		tmp = out[a];
		for (b = a; b > 0 && out[b - 1].at_ms > tmp.at_ms; b--)
			out[b] = out[b - 1];
		out[b] = tmp;
	}
	return n;
}

/*
 * The words a plan's lines are said in, and how a line starts: knead's
 * words in the routine's language begin with SPEECH_SEP, so that one voice
 * says the whole line (speech.h).
 */
static const struct words *
cueplan_lang(const struct plan *p, const char **lead)
{
	const struct words	*w;

	w = words_pick(plan_lang(p));
	*lead = w == words_en() ? "" : SPEECH_SEP_S;
	return w;
}

/*
 * " Rep 2 of 3.", " Set 2 of 2." (a roll's) or, on a contract-relax's
 * contraction after the first, " Cycle 2 of 3.", or nothing; its
 * length. A listener heard the reps of a stretch counted, and not a
 * roll's sets nor the cycles a screen shows ("cycle 2/3"). Our own
 * tables (words.c), two %d each: never the routine's text.
 */
size_t
cueplan_count(const struct words *w, const struct pstep *ps, char *buf,
    size_t len)
{
	const char	*f = NULL;
	int		 n = 0, of = 0, r;
	int		 phase = ps->kind == PLAN_CONTRACT ||
			    ps->kind == PLAN_RELAX || ps->kind == PLAN_PNF_STRETCH;

	if (len == 0)
		return 0;
	buf[0] = '\0';
	if (len < 2)
		return 0;
	if (ps->nreps > 1 && !phase) {
		f = w->rep;
		n = ps->rep;
		of = ps->nreps;
	} else if (ps->nsets > 1 && !phase) {
		f = w->set;
		n = ps->set;
		of = ps->nsets;
	} else if (ps->ncycles > 1 && ps->cycle > 1 &&
	    ps->kind == PLAN_CONTRACT) {
		/* Not the first: its instruction needs the 5 s (validate). */
		f = w->cycle;
		n = ps->cycle;
		of = ps->ncycles;
	}
	if (f == NULL)
		return 0;
	buf[0] = ' ';
	r = snprintf(buf + 1, len - 1, f, n, of);
	if (r < 0)
		return 0;
	return (size_t)r + 1 < len ? (size_t)r + 1 : len - 1;
}

/* Build a step's spoken line from its kind, area, side, rep and say text. */
void
cueplan_say(const struct plan *p, size_t i, char *buf, size_t len)
{
	const struct pstep	*ps;
	const struct words	*w;
	const char		*lead;
	size_t			 o;
	char			 name[128];

	if (len == 0)
		return;
	buf[0] = '\0';
	if (i >= p->n)
		return;
	ps = &p->v[i];
	w = cueplan_lang(p, &lead);
	/* Which side to turn to: "Switch sides." told a listener nothing. */
	if (ps->kind == PLAN_SWITCH &&
	    (ps->side == SIDE_LEFT || ps->side == SIDE_RIGHT)) {
		snprintf(buf, len, "%s%s", lead, ps->side == SIDE_LEFT ?
		    w->switch_left : w->switch_right);
		return;
	}
	o = (size_t)snprintf(buf, len, "%s%s.", lead,
	    w->kind[(unsigned)ps->kind < PLAN__COUNT ? ps->kind : PLAN__COUNT]);
	if (o < len && ps->area != NULL && ps->kind != PLAN_SWITCH &&
	    ps->kind != PLAN_RELEASE) {
		words_area(w, ps->area, name, sizeof name);
		o += (size_t)snprintf(buf + o, len - o, " %s%s.", name,
		    ps->side == SIDE_LEFT ? w->left :
		    ps->side == SIDE_RIGHT ? w->right : "");
	}
	if (o < len && ps->kind != PLAN_RELEASE)
		o += cueplan_count(w, ps, buf + o, len - o);
	if (o < len && ps->until_release) {
		o += (size_t)snprintf(buf + o, len - o, " ");
		/*
		 * Our own table, one %d: the hold's longest time. A
		 * recording names no key: nobody can press one there.
		 */
		if (o < len)
			o += (size_t)snprintf(buf + o, len - o,
			    p->recording ? w->until_release_rec :
			    w->until_release,
			    (int)((ps->duration_ms + 999) / 1000));
	}
	/* The routine's words, in its language (see speech.h). */
	if (o < len && ps->say != NULL && *ps->say != '\0' &&
	    ps->kind != PLAN_SWITCH && ps->kind != PLAN_RELEASE)
		snprintf(buf + o, len - o, SPEECH_SEP_S "%s", ps->say);
}

void
cueplan_preamble(const struct plan *p, const char *safety,
    struct words_pre *pre)
{
	const struct routine	*r = p->routine;

	memset(pre, 0, sizeof *pre);
	pre->summary = r->summary.s;
	pre->homework = r->homework.present;
	pre->by = r->homework.by.s;
	pre->note = r->homework.note.s;
	pre->safety = safety;
	pre->paced = plan_paced(p);
}
