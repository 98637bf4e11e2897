/*
 * Expansion of a routine into a flat, timed plan (see plan.h for the rules).
 */
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "i18n.h"
#include "routine.h"
#include "xmalloc.h"

#define DEFAULT_CONTRACT_S	5
#define DEFAULT_RELAX_S		3
#define DEFAULT_PNF_STRETCH_S	20
#define DEFAULT_CYCLES		3
#define DEFAULT_BREATHE_BPM	6
#define MAX_REPEAT		100	/* refuse absurd counts */
#define MAX_STEP_S		(24 * 3600)

/* Growable array of plan steps while building. */
struct builder {
	struct plan	*p;
	size_t		 cap;
	uint64_t	 at_ms;
};

/* Stored in the history as they are; the screen's through _(). */
static const char *const kind_names[PLAN__COUNT] = {
	N_("position"), N_("press"), N_("roll"), N_("stretch"),
	N_("contract"), N_("relax"), N_("stretch"), N_("breathe"), N_("rest"),
	N_("switch sides"), N_("release"), N_("move")
};

/* The screen's labels, translated at use (i18n.h). */
static const char *const kind_labels[PLAN__COUNT] = {
	N_("POSITION"), N_("PRESS"), N_("ROLL"), N_("STRETCH"),
	N_("CONTRACT"), N_("RELAX"), N_("STRETCH"), N_("BREATHE"), N_("REST"),
	N_("SWITCH SIDES"), N_("RELEASE"), N_("MOVE")
};

/* Append a copy of tmpl at the current offset and move the offset on. */
static void
emit(struct builder *b, const struct pstep *tmpl)
{
	struct plan	*p = b->p;

	if (p->n == b->cap) {
		b->cap = b->cap == 0 ? 32 : b->cap * 2;
		p->v = xreallocarray(p->v, b->cap, sizeof *p->v);
	}
	p->v[p->n] = *tmpl;
	p->v[p->n].start_ms = b->at_ms;
	b->at_ms += tmpl->duration_ms;
	p->n++;
}

/* Split one breath at rate bpm into 40% inhale and 60% exhale. */
static void
pacer(int64_t bpm, uint32_t *inhale_ms, uint32_t *exhale_ms)
{
	uint32_t	period;

	if (bpm <= 0) {
		*inhale_ms = *exhale_ms = 0;
		return;
	}
	period = (uint32_t)(60000 / bpm);
	*inhale_ms = period * 2 / 5;
	*exhale_ms = period - *inhale_ms;
}

/* A count field (reps, sets, cycles): its value, def when absent, -1 if bad. */
static int
count_of(const struct fnum *f, int def)
{
	if (!f->set)
		return def;
	if (f->v < 1 || f->v > MAX_REPEAT)
		return -1;
	return (int)f->v;
}

/* A duration field in ms: its value, def_s when absent, 0 when unusable. */
static uint64_t
ms_of(const struct fnum *f, int64_t def_s)
{
	int64_t	s = f->set ? f->v : def_s;

	if (s <= 0 || s > MAX_STEP_S)
		return 0;
	return (uint64_t)s * 1000;
}

/* The template every step of routine step i starts from. */
static void
base_step(const struct routine *r, size_t i, struct pstep *t)
{
	const struct rstep *s = &r->steps[i];

	memset(t, 0, sizeof *t);
	t->src = i;
	t->area = s->area;
	t->side = SIDE_NONE;
	t->tool = s->tool.set ? (int)s->tool.v : -1;
	t->rep = t->nreps = 1;
	t->set = t->nsets = 1;
	t->cycle = t->ncycles = 1;
	t->pressure = s->pressure.set ? (int)s->pressure.v : -1;
	t->say = s->say.s;
}

/*
 * The sides a step is done on: both gives left then right; anything else
 * is that one side (or none).
 */
static int
sides_of(const struct rstep *s, enum side out[2])
{
	enum side	side = s->side.set ? (enum side)s->side.v : SIDE_NONE;

	if (side == SIDE_BOTH) {
		out[0] = SIDE_LEFT;
		out[1] = SIDE_RIGHT;
		return 2;
	}
	if (side != SIDE_LEFT && side != SIDE_RIGHT)
		side = SIDE_NONE;
	out[0] = side;
	return 1;
}

/* Emit the switch-sides transition before side k (k > 0). */
static void
emit_switch(struct builder *b, const struct pstep *t, enum side next)
{
	struct pstep	sw = *t;
	int64_t		ms = routine_switch_ms(b->p->routine, t->src);

	sw.kind = PLAN_SWITCH;
	sw.side = next;
	sw.duration_ms = ms > 0 && ms <= MAX_STEP_S * 1000 ? (uint64_t)ms :
	    PLAN_SWITCH_MS;
	sw.until_release = 0;
	sw.is_work = 0;
	sw.check_pain = 0;
	sw.pass_ms = sw.inhale_ms = sw.exhale_ms = 0;
	sw.pressure = -1;
	sw.say = NULL;
	/* Turning over is no rep or set of the hold ("Rep 2 of 2" was said). */
	sw.rep = sw.nreps = 1;
	sw.set = sw.nsets = 1;
	emit(b, &sw);
}

/* Emit the release between two reps or sets. */
static void
emit_release(struct builder *b, const struct pstep *t)
{
	struct pstep	rel = *t;

	rel.kind = PLAN_RELEASE;
	rel.duration_ms = PLAN_RELEASE_MS;
	rel.until_release = 0;
	rel.is_work = 0;
	rel.check_pain = 0;
	rel.pass_ms = rel.inhale_ms = rel.exhale_ms = 0;
	rel.pressure = -1;
	rel.say = NULL;
	emit(b, &rel);
}

/*
 * Press, roll and stretch: per side, n repeats of one hold with a release
 * between; repeats count as reps, or as sets for roll.
 */
static int
expand_repeated(struct builder *b, const struct routine *r, size_t i)
{
	const struct rstep *s = &r->steps[i];
	struct pstep	 t;
	enum side	 sides[2];
	int		 nsides, k, j, n;

	if (s->area == NULL)
		return -1;
	base_step(r, i, &t);
	switch (s->kind) {
	case STEP_PRESS:
		t.kind = PLAN_PRESS;
		t.is_work = 1;
		if (s->until_release.set && s->until_release.v) {
			t.until_release = 1;
			t.duration_ms = ms_of(&s->max_s, 0);
		} else
			t.duration_ms = ms_of(&s->time_s, 0);
		n = count_of(&s->reps, 1);
		t.nreps = n;
		break;
	case STEP_ROLL:
		t.kind = PLAN_ROLL;
		t.is_work = 1;
		t.duration_ms = ms_of(&s->time_s, 0);
		if (s->pass_s.set && s->pass_s.v > 0 && s->pass_s.v <= 60)
			t.pass_ms = (uint32_t)s->pass_s.v * 1000;
		n = count_of(&s->sets, 1);
		t.nsets = n;
		break;
	default:
		t.kind = PLAN_STRETCH;
		t.tool = -1;
		t.pressure = -1;
		t.duration_ms = ms_of(&s->time_s, 0);
		n = count_of(&s->reps, 1);
		t.nreps = n;
		break;
	}
	if (t.duration_ms == 0 || n < 0)
		return -1;
	if (s->kind != STEP_STRETCH) {
		t.check_pain = s->check_pain.set && s->check_pain.v;
		if (s->breathe_bpm.set)
			pacer(s->breathe_bpm.v, &t.inhale_ms, &t.exhale_ms);
	}

	nsides = sides_of(s, sides);
	for (k = 0; k < nsides; k++) {
		if (k > 0)
			emit_switch(b, &t, sides[k]);
		t.side = sides[k];
		for (j = 1; j <= n; j++) {
			if (j > 1)
				emit_release(b, &t);
			if (s->kind == STEP_ROLL)
				t.set = j;
			else
				t.rep = j;
			emit(b, &t);
		}
	}
	return 0;
}

/*
 * Move: one step per side, lasting its time or reps x tempo; the tempo
 * drives a tick per rep. Not work.
 */
static int
expand_move(struct builder *b, const struct routine *r, size_t i)
{
	const struct rstep *s = &r->steps[i];
	struct pstep	 t;
	enum side	 sides[2];
	uint64_t	 tempo;
	int		 nsides, k, n;

	base_step(r, i, &t);
	t.kind = PLAN_MOVE;
	t.tool = -1;
	t.pressure = -1;
	tempo = ms_of(&s->tempo_s, PLAN_TEMPO_MS / 1000);
	n = count_of(&s->reps, 0);
	if (tempo == 0 || n < 0 || tempo > 60000)
		return -1;
	t.pass_ms = (uint32_t)tempo;
	if (s->time_s.set)
		t.duration_ms = ms_of(&s->time_s, 0);
	else
		t.duration_ms = (uint64_t)n * tempo;
	if (t.duration_ms == 0)
		return -1;
	nsides = sides_of(s, sides);
	for (k = 0; k < nsides; k++) {
		if (k > 0)
			emit_switch(b, &t, sides[k]);
		t.side = sides[k];
		emit(b, &t);
	}
	return 0;
}

/* Contract-relax: per side, cycles of contract, relax and stretch. */
static int
expand_pnf(struct builder *b, const struct routine *r, size_t i)
{
	const struct rstep *s = &r->steps[i];
	struct pstep	 t;
	enum side	 sides[2];
	uint64_t	 contract, relax, stretch;
	int		 nsides, k, c, n;

	if (s->area == NULL)
		return -1;
	contract = ms_of(&s->contract_s, DEFAULT_CONTRACT_S);
	relax = ms_of(&s->relax_s, DEFAULT_RELAX_S);
	stretch = ms_of(&s->stretch_s, DEFAULT_PNF_STRETCH_S);
	n = count_of(&s->cycles, DEFAULT_CYCLES);
	if (contract == 0 || relax == 0 || stretch == 0 || n < 0)
		return -1;
	base_step(r, i, &t);
	t.tool = -1;
	t.pressure = -1;
	t.is_work = 1;
	t.ncycles = n;

	nsides = sides_of(s, sides);
	for (k = 0; k < nsides; k++) {
		if (k > 0)
			emit_switch(b, &t, sides[k]);
		t.side = sides[k];
		for (c = 1; c <= n; c++) {
			t.cycle = c;
			t.kind = PLAN_CONTRACT;
			t.duration_ms = contract;
			emit(b, &t);
			t.kind = PLAN_RELAX;
			t.duration_ms = relax;
			emit(b, &t);
			t.kind = PLAN_PNF_STRETCH;
			t.duration_ms = stretch;
			emit(b, &t);
		}
	}
	return 0;
}

/*
 * Breathe: one step with a pacer. A given inhale or exhale wins over the
 * rate; the missing one is what is left of the breath at that rate.
 */
static int
expand_breathe(struct builder *b, const struct routine *r, size_t i)
{
	const struct rstep *s = &r->steps[i];
	struct pstep	 t;
	int64_t		 bpm;
	uint32_t	 period;

	base_step(r, i, &t);
	t.kind = PLAN_BREATHE;
	t.area = NULL;
	t.tool = -1;
	t.pressure = -1;
	t.duration_ms = ms_of(&s->time_s, 0);
	if (t.duration_ms == 0)
		return -1;
	bpm = s->rate_bpm.set ? s->rate_bpm.v : DEFAULT_BREATHE_BPM;
	if (bpm <= 0 || bpm > 60)
		return -1;
	period = (uint32_t)(60000 / bpm);
	pacer(bpm, &t.inhale_ms, &t.exhale_ms);
	if (s->inhale_s.set && s->inhale_s.v > 0 && s->inhale_s.v <= 60)
		t.inhale_ms = (uint32_t)s->inhale_s.v * 1000;
	if (s->exhale_s.set && s->exhale_s.v > 0 && s->exhale_s.v <= 60)
		t.exhale_ms = (uint32_t)s->exhale_s.v * 1000;
	if (s->inhale_s.set && !s->exhale_s.set && t.inhale_ms < period)
		t.exhale_ms = period - t.inhale_ms;
	if (s->exhale_s.set && !s->inhale_s.set && t.exhale_ms < period)
		t.inhale_ms = period - t.exhale_ms;
	emit(b, &t);
	return 0;
}

/* Position and rest: one untimed-work step each. */
static int
expand_simple(struct builder *b, const struct routine *r, size_t i)
{
	const struct rstep *s = &r->steps[i];
	struct pstep	 t;

	base_step(r, i, &t);
	t.area = NULL;
	t.tool = -1;
	t.pressure = -1;
	if (s->kind == STEP_POSITION) {
		t.kind = PLAN_POSITION;
		t.duration_ms = ms_of(&s->time_s, PLAN_POSITION_MS / 1000);
	} else {
		t.kind = PLAN_REST;
		t.duration_ms = ms_of(&s->time_s, 0);
	}
	if (t.duration_ms == 0)
		return -1;
	emit(b, &t);
	return 0;
}

/* Expand every step of r into p, in order. */
int
plan_build(const struct routine *r, struct plan *p)
{
	struct builder	 b;
	size_t		 i;
	int		 rc = 0;

	memset(p, 0, sizeof *p);
	p->routine = r;
	memset(&b, 0, sizeof b);
	b.p = p;
	for (i = 0; i < r->nsteps && rc == 0; i++) {
		switch (r->steps[i].kind) {
		case STEP_PRESS:
		case STEP_ROLL:
		case STEP_STRETCH:
			rc = expand_repeated(&b, r, i);
			break;
		case STEP_CONTRACT_RELAX:
			rc = expand_pnf(&b, r, i);
			break;
		case STEP_BREATHE:
			rc = expand_breathe(&b, r, i);
			break;
		case STEP_MOVE:
			rc = expand_move(&b, r, i);
			break;
		case STEP_POSITION:
		case STEP_REST:
			rc = expand_simple(&b, r, i);
			break;
		default:
			rc = -1;
			break;
		}
	}
	if (rc != 0) {
		plan_free(p);
		p->routine = r;
		return -1;
	}
	p->total_ms = b.at_ms;
	return 0;
}

/* Release the steps of p; the plan is empty afterwards. */
void
plan_free(struct plan *p)
{
	if (p == NULL)
		return;
	free(p->v);
	p->v = NULL;
	p->n = 0;
	p->total_ms = 0;
}

/* Whether skip leaves out step t: work on an area listed, any step on one listed whole. */
static int
skipped(const struct pstep *t, const struct area_side *skip, size_t nskip)
{
	size_t	i;

	if (t->area == NULL)
		return 0;
	for (i = 0; i < nskip; i++) {
		if (skip[i].area != t->area || (!t->is_work && !skip[i].whole))
			continue;
		/* SIDE_NONE on either part means every side (sides_meet). */
		if (sides_meet(skip[i].side, t->side))
			return 1;
	}
	return 0;
}

/* Whether step kind k is an automatic transition. */
static int
is_transition(enum plan_kind k)
{
	return k == PLAN_SWITCH || k == PLAN_RELEASE;
}

/*
 * Whether the set-up (position step) at i stays: some step it leads into,
 * up to the next set-up, stays, or it leads into no step that can be left
 * out (rests, transitions and the end). A set-up for work left out alone
 * ("the roller under your left calf", the calf resting) would have the
 * user lie down for nothing, eyes closed.
 */
static int
setup_kept(const struct plan *src, const char *keep, size_t i)
{
	size_t	j;
	int	gone = 0;

	for (j = i + 1; j < src->n && src->v[j].kind != PLAN_POSITION; j++) {
		if (is_transition(src->v[j].kind) ||
		    src->v[j].kind == PLAN_REST)
			continue;
		if (keep[j])
			return 1;
		gone = 1;
	}
	return !gone;
}

/*
 * Copy src without the skipped work and the set-ups for it alone. A
 * transition stays only when the steps on both sides of it are kept and
 * come from the same routine step.
 */
size_t
plan_drop(const struct plan *src, const struct area_side *skip, size_t nskip,
    struct plan *dst)
{
	struct builder	 b;
	char		*keep;
	size_t		 i, j, k;
	int		 prev_ok, next_ok;

	memset(dst, 0, sizeof *dst);
	dst->routine = src->routine;
	dst->lang = src->lang;
	dst->recording = src->recording;
	if (src->n == 0)
		return 0;
	keep = xcalloc(src->n, 1);
	for (i = 0; i < src->n; i++) {
		if (!is_transition(src->v[i].kind))
			keep[i] = !skipped(&src->v[i], skip, nskip);
	}
	for (i = 0; i < src->n; i++)
		if (src->v[i].kind == PLAN_POSITION)
			keep[i] = setup_kept(src, keep, i);
	for (i = 0; i < src->n; i++) {
		if (!is_transition(src->v[i].kind))
			continue;
		prev_ok = next_ok = 0;
		for (j = i; j > 0; j--) {
			if (!is_transition(src->v[j - 1].kind)) {
				prev_ok = keep[j - 1] &&
				    src->v[j - 1].src == src->v[i].src;
				break;
			}
		}
		for (k = i + 1; k < src->n; k++) {
			if (!is_transition(src->v[k].kind)) {
				next_ok = keep[k] &&
				    src->v[k].src == src->v[i].src;
				break;
			}
		}
		keep[i] = prev_ok && next_ok;
	}

	memset(&b, 0, sizeof b);
	b.p = dst;
	for (i = 0; i < src->n; i++) {
		if (keep[i])
			emit(&b, &src->v[i]);
	}
	dst->total_ms = b.at_ms;
	free(keep);
	return src->n - dst->n;
}

/* Sum the work of p per area and side, in order of first appearance. */
size_t
plan_doses(const struct plan *p, struct area_dose **out)
{
	struct area_dose *v = NULL;
	const struct pstep *t;
	size_t		 n = 0, i, j;

	for (i = 0; i < p->n; i++) {
		t = &p->v[i];
		if (!t->is_work || t->area == NULL)
			continue;
		for (j = 0; j < n; j++) {
			if (v[j].area == t->area && v[j].side == t->side)
				break;
		}
		if (j == n) {
			v = xreallocarray(v, n + 1, sizeof *v);
			v[n].area = t->area;
			v[n].side = t->side;
			v[n].work_ms = 0;
			v[n].max_pressure = -1;
			v[n].nsteps = 0;
			n++;
		}
		v[j].work_ms += t->duration_ms;
		v[j].nsteps++;
		if (t->pressure > v[j].max_pressure)
			v[j].max_pressure = t->pressure;
	}
	*out = v;
	return n;
}

/* Every area and side a step of p touches (see plan.h). */
size_t
plan_areas(const struct plan *p, struct area_side **out)
{
	struct area_side *v = NULL;
	size_t		  n = 0, i, j;

	for (i = 0; i < p->n; i++) {
		if (p->v[i].area == NULL)
			continue;
		for (j = 0; j < n; j++) {
			if (v[j].area == p->v[i].area &&
			    v[j].side == p->v[i].side)
				break;
		}
		if (j < n)
			continue;
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].area = p->v[i].area;
		v[n].side = p->v[i].side;
		v[n++].whole = 0;
	}
	*out = v;
	return n;
}

/*
 * The area and side ! marks on step t, which has an area: its own, but
 * both sides while switching them (the side just worked may be the one
 * that hurts, or the side being lain on).
 */
static void
mark_of(const struct pstep *t, struct area_side *out)
{
	out->area = t->area;
	out->side = t->kind == PLAN_SWITCH ? SIDE_NONE : t->side;
	out->whole = 1;
}

/* What ! marks when it stops step i (see plan.h). */
int
plan_halt_mark(const struct plan *p, size_t i, struct area_side *out)
{
	size_t	k;
	int	dir, pass;

	memset(out, 0, sizeof *out);
	if (i >= p->n)
		return 0;
	if (p->v[i].area != NULL) {
		mark_of(&p->v[i], out);
		return 1;
	}
	/*
	 * A step on no area: getting into position marks the step it leads
	 * into (the user lies on the ball for it), a rest or breathing the
	 * one worked before it; either the other way when there is none.
	 */
	dir = p->v[i].kind == PLAN_POSITION ? 1 : -1;
	for (pass = 0; pass < 2; pass++, dir = -dir) {
		for (k = i; dir > 0 ? k + 1 < p->n : k > 0;) {
			k = dir > 0 ? k + 1 : k - 1;
			if (p->v[k].area != NULL) {
				mark_of(&p->v[k], out);
				return 1;
			}
		}
	}
	return 0;
}

/* Lower-case name of a plan step kind. */
const char *
plan_kind_name(enum plan_kind k)
{
	if ((unsigned)k >= PLAN__COUNT)
		return "";
	return kind_names[k];
}

/* Whether tones pace the breathing in some step of p (see plan.h). */
int
plan_paced(const struct plan *p)
{
	return plan_first_paced(p) < p->n;
}

size_t
plan_first_paced(const struct plan *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		if (p->v[i].inhale_ms > 0 && p->v[i].exhale_ms > 0)
			break;
	return i;
}

/* The language p's lines are said in (see plan.h). */
const char *
plan_lang(const struct plan *p)
{
	if (p->lang != NULL && *p->lang != '\0')
		return p->lang;
	return p->routine != NULL ? p->routine->cues.lang.s : NULL;
}

/* plan_kind_name() in the screen's language, for sentences. */
const char *
plan_kind_word(enum plan_kind k)
{
	if ((unsigned)k >= PLAN__COUNT)
		return "";
	return _(kind_names[k]);
}

/* Upper-case label of a plan step kind, in the screen's language. */
const char *
plan_kind_label(enum plan_kind k)
{
	if ((unsigned)k >= PLAN__COUNT)
		return "";
	return _(kind_labels[k]);
}

/* "press upper trapezius, left side (rep 1/2)" and the like. */
void
plan_step_title(const struct pstep *t, char *buf, size_t len)
{
	char		 area[128] = "", side[32] = "", count[32] = "";
	int		 transition = is_transition(t->kind);

	if (len == 0)
		return;
	if (t->area != NULL && !transition)
		snprintf(area, sizeof area, " %s", area_label(t->area));
	if (t->side == SIDE_LEFT || t->side == SIDE_RIGHT) {
		if (transition)
			snprintf(side, sizeof side, "%s", t->side == SIDE_LEFT ?
			    _(" to the left") : _(" to the right"));
		else
			snprintf(side, sizeof side, "%s", t->side == SIDE_LEFT ?
			    _(", left side") : _(", right side"));
	}
	if (t->kind == PLAN_SWITCH || t->kind == PLAN_RELEASE)
		count[0] = '\0';
	else if (t->ncycles > 1)
		snprintf(count, sizeof count, _(" (cycle %d/%d)"), t->cycle,
		    t->ncycles);
	else if (t->nsets > 1)
		snprintf(count, sizeof count, _(" (set %d/%d)"), t->set,
		    t->nsets);
	else if (t->nreps > 1)
		snprintf(count, sizeof count, _(" (rep %d/%d)"), t->rep,
		    t->nreps);
	if (t->kind == PLAN_RELEASE)
		side[0] = '\0';
	snprintf(buf, len, "%s%s%s%s", plan_kind_word(t->kind), area, side,
	    count);
}

/* Whole minutes, rounded up (plan.h). */
uint64_t
plan_minutes(uint64_t total_ms)
{
	return (total_ms + 59999) / 60000;
}

/*
 * "m:ss" or "h:mm:ss". Partial seconds round up, so a countdown shows 0:00
 * only when the time is really over and a 45 s hold starts at 0:45.
 */
void
plan_fmt_ms(uint64_t ms, char *buf, size_t len)
{
	uint64_t	s = (ms + 999) / 1000;

	if (len == 0)
		return;
	if (s >= 3600)
		snprintf(buf, len, "%llu:%02llu:%02llu",
		    (unsigned long long)(s / 3600),
		    (unsigned long long)(s / 60 % 60),
		    (unsigned long long)(s % 60));
	else
		snprintf(buf, len, "%llu:%02llu", (unsigned long long)(s / 60),
		    (unsigned long long)(s % 60));
}

/*
 * As plan_fmt_ms with partial seconds down, as a clock shows time gone
 * by and a player a file's length: 3:21.1 is 3:21.
 */
void
plan_fmt_elapsed(uint64_t ms, char *buf, size_t len)
{
	plan_fmt_ms(ms / 1000 * 1000, buf, len);
}
