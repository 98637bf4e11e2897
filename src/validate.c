/*
 * The validator: ranges, required fields and cross-field rules of
 * ROUTINE-FORMAT.md. The loader has already reported syntax, unknown keys,
 * types and bad words; here every remaining problem is reported, each at the
 * line and column of the value it is about.
 */
#include "validate.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "compat.h"
#include "diag.h"
#include "i18n.h"
#include "plan.h"
#include "routine.h"
#include "utf8.h"
#include "voices.h"
#include "words.h"
#include "xmalloc.h"

/* Limits of DOMAIN.md not in validate.h (they are local to these rules). */
#define ID_MIN_LEN		3
#define ID_MAX_LEN		48
#define BPM_MIN			3
#define BPM_MAX			20
#define COUNT_MIN		1
#define COUNT_MAX		10
#define CONTRACT_MIN_S		3
#define CONTRACT_MAX_S		10
#define RELAX_MIN_S		1
#define RELAX_MAX_S		10
#define PNF_STRETCH_MIN_S	10
#define PNF_STRETCH_MAX_S	60
#define BREATHE_MIN_S		10
#define BREATHE_MAX_S		(30 * 60)
#define BREATH_PHASE_MAX_S	15
#define POSITION_MAX_S		(5 * 60)
#define REST_STEP_MAX_S		(10 * 60)
#define LIMIT_REST_MIN_S	3600
#define LIMIT_REST_MAX_S	(30 * 86400)
#define LIMIT_PER_WEEK_MAX	21
#define HOMEWORK_PER_WEEK_MAX	21	/* three times a day (DiGiovanni) */
#define LIMIT_PER_MONTH_MAX	90
#define SWITCH_MIN_S		3
#define SWITCH_MAX_S		30
#define MOVE_MIN_S		10
#define MOVE_MAX_S		180
#define MOVE_REPS_MAX		30
#define TEMPO_MIN_S		1
#define TEMPO_MAX_S		10
#define COUNTDOWN_MAX_S		10
#define LANG_MAX_LEN		35	/* BCP 47, RFC 5646 section 4.4.1 */

/* Pressure work on one area and side, summed over the routine. */
struct dose {
	const struct area *area;
	enum side	 side;
	int		 presses;
	int64_t		 work_s;
	int		 warned_presses;
	int		 warned_work;
};

struct vctx {
	const struct routine *r;
	struct diag_list *dl;
	int		 errors;
	struct dose	*doses;
	size_t		 ndoses;
	unsigned	 used_tools;	/* TOOL_BIT of the tools steps use */
	unsigned	 reported_tools;
};

/* Add an error at p. */
static void printflike(3, 4)
err(struct vctx *v, struct src_pos p, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_vadd(v->dl, DIAG_ERROR, v->r->path, p.line, p.col, fmt, ap);
	va_end(ap);
	v->errors++;
}

/* Add a warning at p. */
static void printflike(3, 4)
warn(struct vctx *v, struct src_pos p, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_vadd(v->dl, DIAG_WARNING, v->r->path, p.line, p.col, fmt, ap);
	va_end(ap);
}

/* The position of a value, or of its step when the value has none. */
static struct src_pos
at(struct src_pos p, const struct rstep *s)
{
	return p.line != 0 ? p : s->pos;
}

/*
 * Whether the file had no such key. The loader keeps the position of a key
 * whose value it rejected, so that value is not reported again as missing.
 */
static int
absent(const struct fnum *f)
{
	return !f->set && f->pos.line == 0;
}

/* Format a duration the way authors write them: 45s, 1m30s, 2h, 3d. */
static void
fmt_dur(int64_t s, char *buf, size_t len)
{
	char	*p = buf;
	size_t	 left = len;
	int	 n;

	buf[0] = '\0';
	if (s <= 0) {
		snprintf(buf, len, "%llds", (long long)s);
		return;
	}
	if (s >= 86400) {
		n = snprintf(p, left, "%lldd", (long long)(s / 86400));
		p += n; left -= (size_t)n;
		s %= 86400;
	}
	if (s >= 3600) {
		n = snprintf(p, left, "%lldh", (long long)(s / 3600));
		p += n; left -= (size_t)n;
		s %= 3600;
	}
	if (s >= 60) {
		n = snprintf(p, left, "%lldm", (long long)(s / 60));
		p += n; left -= (size_t)n;
		s %= 60;
	}
	if (s > 0)
		snprintf(p, left, "%llds", (long long)s);
}

/* Check a duration field against lo..hi seconds, if it is there. */
static void
check_dur(struct vctx *v, const struct rstep *s, const struct fnum *f,
    const char *what, int64_t lo, int64_t hi)
{
	char	a[32], b[32], c[32];

	if (!f->set || (f->v >= lo && f->v <= hi))
		return;
	fmt_dur(lo, a, sizeof a);
	fmt_dur(hi, b, sizeof b);
	fmt_dur(f->v, c, sizeof c);
	err(v, at(f->pos, s), _("%s must be between %s and %s (got %s)"), what,
	    a, b, c);
}

/* Check a dosage time in plain seconds ("got 100s"), as clinicians say. */
static void
check_secs(struct vctx *v, const struct rstep *s, const struct fnum *f,
    const char *what, int64_t lo, int64_t hi)
{
	if (!f->set || (f->v >= lo && f->v <= hi))
		return;
	err(v, at(f->pos, s), _("%s must be between %llds and %llds "
	    "(got %llds)"), what, (long long)lo, (long long)hi, (long long)f->v);
}

/* Check a count or rate against lo..hi, if it is there. */
static void
check_num(struct vctx *v, const struct rstep *s, const struct fnum *f,
    const char *what, const char *unit, int64_t lo, int64_t hi)
{
	if (!f->set || (f->v >= lo && f->v <= hi))
		return;
	err(v, at(f->pos, s), _("%s must be between %lld and %lld%s "
	    "(got %lld)"), what, (long long)lo, (long long)hi, unit, (long long)f->v);
}

/* Whether c may appear in a routine id. */
static int
id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* Whether dl already holds an error about this routine's file. */
static int
loader_failed(const struct vctx *v)
{
	const char	*path = v->r->path != NULL ? v->r->path : "-";
	size_t		 i;

	for (i = 0; i < v->dl->n; i++) {
		if (v->dl->v[i].sev == DIAG_ERROR &&
		    strcmp(v->dl->v[i].path, path) == 0)
			return 1;
	}
	return 0;
}

/* The top-level fields: version, id, title, steps. */
static void
check_header(struct vctx *v)
{
	const struct routine *r = v->r;
	struct src_pos	 none = { 0, 0 };
	const char	*p;
	size_t		 len;
	int		 ok;

	/*
	 * Nothing at all: one error, not four. When the loader has already
	 * said why (an empty file, a list), that is enough.
	 */
	if (absent(&r->version) && r->id.s == NULL && r->id.pos.line == 0 &&
	    r->title.s == NULL && r->title.pos.line == 0 && r->nsteps == 0) {
		if (!loader_failed(v))
			err(v, none, _("not a routine: it needs 'knead: 1', "
			    "'id', 'title' and 'steps'"));
		return;
	}
	if (absent(&r->version))
		err(v, none, _("missing 'knead: 1' (the format version) at the "
		    "top of the file"));
	else if (r->version.set && r->version.v != 1)
		err(v, r->version.pos, _("unsupported format version %lld "
		    "(write 'knead: 1')"), (long long)r->version.v);

	if (r->id.s == NULL) {
		if (r->id.pos.line == 0)
			err(v, none, _("missing 'id' (3 to 48 characters of "
			    "a-z, 0-9 and '-')"));
	} else {
		len = strlen(r->id.s);
		ok = len >= ID_MIN_LEN && len <= ID_MAX_LEN;
		for (p = r->id.s; ok && *p != '\0'; p++)
			ok = id_char(*p);
		if (!ok)
			err(v, r->id.pos, _("id '%.60s' must be 3 to 48 "
			    "characters of a-z, 0-9 and '-'"), r->id.s);
	}

	if (r->title.s == NULL && r->title.pos.line == 0)
		err(v, none, _("missing 'title' (the name shown in the "
		    "library)"));
	else if (r->title.s != NULL && strchr(r->title.s, '\n') != NULL)
		err(v, r->title.pos, _("the title is one line (the name shown "
		    "in the library); put the rest in 'summary'"));
	else if (r->title.s != NULL &&
	    (len = utf8_count(r->title.s)) > TITLE_MAX_CHARS)
		err(v, r->title.pos, _("the title is %zu characters; the most "
		    "is %d (it is the name in the library, spoken at the "
		    "start): put the rest in 'summary'"), len, TITLE_MAX_CHARS);

	/* The preamble gives the summary at least this much (words.c). */
	if (r->summary.s != NULL && strlen(r->summary.s) > SUMMARY_SAID_BYTES)
		warn(v, r->summary.pos, _("the summary is %zu characters; it "
		    "is said before every session and the intro cuts it near "
		    "1000: keep it to a few sentences"),
		    utf8_count(r->summary.s));

	/*
	 * At the empty list when there is one; a value that is not a list
	 * has its own error there already, a misspelt key ("stpes:") the
	 * loader's "did you mean 'steps'?", and a list whose every item is
	 * wrong an error at each.
	 */
	if (r->nsteps == 0 && r->steps_written == 0 && !r->steps_not_list &&
	    r->steps_misspelt.line == 0)
		err(v, r->steps_pos.line != 0 ? r->steps_pos : none,
		    _("no steps: add a 'steps:' list with at least one step"));
}

/* The allowed tools of an area as "tennis-ball, lacrosse-ball or hand". */
static void
allowed_tools(const struct area *a, char *buf, size_t len)
{
	size_t	 i, n = 0, k = 0;

	buf[0] = '\0';
	for (i = 0; i < TOOL__COUNT; i++)
		n += (a->tools & TOOL_BIT(i)) != 0;
	for (i = 0; i < TOOL__COUNT; i++) {
		if (!(a->tools & TOOL_BIT(i)))
			continue;
		if (k > 0 && k == n - 1)
			strncat(buf, " or ", len - strlen(buf) - 1);
		else if (k > 0)
			strncat(buf, ", ", len - strlen(buf) - 1);
		strncat(buf, tool_id(i), len - strlen(buf) - 1);
		k++;
	}
}

/*
 * An unknown area: the ids its word names (areas.c's aliases, names and
 * everyday words: "calf", "quads", "neck"), else the id nearest in
 * spelling, unless the word is an everyday one of too many areas ("back":
 * a guess would be wrong); and where the list is.
 */
static void
unknown_area(struct vctx *v, const struct rstep *s)
{
	const struct area	*a[3];
	const char		*sug;
	char			 ids[160];
	size_t			 n;
	int			 known;

	n = area_named_by(s->area_id.s, a, nitems(a), &known);
	if (n == 1)
		snprintf(ids, sizeof ids, "'%s'", a[0]->id);
	else if (n == 2)
		snprintf(ids, sizeof ids, _("'%s' or '%s'"), a[0]->id,
		    a[1]->id);
	else if (n > 2)
		snprintf(ids, sizeof ids, _("'%s', '%s' or '%s'"), a[0]->id,
		    a[1]->id, a[2]->id);
	else if (!known && (sug = diag_suggest(s->area_id.s, area_ids(),
	    area_count())) != NULL) {
		snprintf(ids, sizeof ids, "'%s'", sug);
		n = 1;
	}
	if (n >= 1 && n <= nitems(a))
		err(v, at(s->area_id.pos, s), _("unknown area '%.60s' (did "
		    "you mean %s?); every area id is listed in "
		    "docs/routines.md, section 9"), s->area_id.s, ids);
	else if (n > nitems(a))
		err(v, at(s->area_id.pos, s), _("unknown area '%.60s': it "
		    "names %zu areas, such as %s; write the id of one (every "
		    "area id is listed in docs/routines.md, section 9)"),
		    s->area_id.s, n, ids);
	else
		err(v, at(s->area_id.pos, s), _("unknown area '%.60s' (areas "
		    "are ids like upper-trapezius, calves or plantar-fascia; "
		    "every area id is listed in docs/routines.md, section 9)"),
		    s->area_id.s);
}

/* Area of a step: required, known, not an endangerment site for work. */
static void
check_area(struct vctx *v, const struct rstep *s)
{
	const char	*kind = step_kind_id(s->kind);

	if (s->area_id.s == NULL) {
		if (s->area_id.pos.line == 0)
			err(v, s->pos, _("%s step has no 'area' (for example "
			    "'area: upper-trapezius')"), kind);
		return;
	}
	if (s->area == NULL) {
		unknown_area(v, s);
		return;
	}
	if (s->area->endangerment && s->kind != STEP_STRETCH &&
	    s->kind != STEP_MOVE)
		err(v, at(s->area_id.pos, s), _("'%s' is an endangerment site: "
		    "no press, roll or contract-relax there (%s)"),
		    s->area->id, s->area->caution);
	if (s->side.set && s->side.v != SIDE_NONE && !s->area->sided)
		err(v, at(s->side.pos, s), _("the %s has no sides; remove "
		    "'side'"), area_label(s->area));
}

/* Tool of a press or roll: required and allowed on the area. */
static void
check_tool(struct vctx *v, const struct rstep *s)
{
	char	buf[128];

	if (absent(&s->tool)) {
		err(v, s->pos, _("%s step has no 'tool' (one of tennis-ball, "
		    "lacrosse-ball, double-ball, foam-roller, hand)"),
		    step_kind_id(s->kind));
		return;
	}
	if (!s->tool.set || s->tool.v < 0 || s->tool.v >= TOOL__COUNT)
		return;
	v->used_tools |= TOOL_BIT(s->tool.v);
	if (v->r->tools.set && !(v->r->tools.v & TOOL_BIT(s->tool.v)) &&
	    !(v->reported_tools & TOOL_BIT(s->tool.v))) {
		v->reported_tools |= TOOL_BIT(s->tool.v);
		err(v, at(s->tool.pos, s), _("tool '%s' is not declared in "
		    "'tools' (add it to the list)"), tool_id(s->tool.v));
	}
	if (s->area == NULL || s->area->endangerment)
		return;
	if (!(s->area->tools & TOOL_BIT(s->tool.v))) {
		allowed_tools(s->area, buf, sizeof buf);
		err(v, at(s->tool.pos, s), _("%s is not allowed on the %s "
		    "(use %s)"), tool_id(s->tool.v), area_label(s->area), buf);
	}
}

/* Pressure 0..7, and at most 4 in a gentle routine (a warning). */
static void
check_pressure(struct vctx *v, const struct rstep *s)
{
	const struct fnum *p = &s->pressure;

	if (!p->set)
		return;
	if (p->v > PRESSURE_MAX && p->v <= 10)
		err(v, at(p->pos, s), _("pressure %lld is too much: %d is the "
		    "ceiling (aim for 4-6, an ache you can breathe through)"),
		    (long long)p->v, PRESSURE_MAX);
	else if (p->v < 0 || p->v > PRESSURE_MAX)
		err(v, at(p->pos, s), _("pressure must be between 0 and %d "
		    "(got %lld)"), PRESSURE_MAX, (long long)p->v);
	else if (p->v > GENTLE_PRESSURE_WARN && v->r->intensity.set &&
	    v->r->intensity.v == INTENSITY_GENTLE)
		warn(v, at(p->pos, s), _("pressure %lld in a gentle routine; "
		    "keep it at %d or less"), (long long)p->v,
		    GENTLE_PRESSURE_WARN);
}

/* The dose record of an area and side, created on first use. */
static struct dose *
dose_of(struct vctx *v, const struct area *a, enum side side)
{
	size_t	i;

	for (i = 0; i < v->ndoses; i++) {
		if (v->doses[i].area == a && v->doses[i].side == side)
			return &v->doses[i];
	}
	v->doses = xreallocarray(v->doses, v->ndoses + 1, sizeof *v->doses);
	memset(&v->doses[v->ndoses], 0, sizeof *v->doses);
	v->doses[v->ndoses].area = a;
	v->doses[v->ndoses].side = side;
	return &v->doses[v->ndoses++];
}

/* ", left side" or "" for a dose's side. */
static const char *
side_words(enum side side)
{
	if (side == SIDE_LEFT)
		return _(", left side");
	if (side == SIDE_RIGHT)
		return _(", right side");
	return "";
}

/* The per-session limits a dose passes, each reported once. */
#define DOSE_HOLDS	0x1
#define DOSE_WORK_MAX	0x2
#define DOSE_WORK_WARN	0x4

/* Add n holds of each_s to d; return the DOSE_* limits it passes now. */
static int
dose_add(struct dose *d, const struct rstep *s, int64_t each_s, int64_t n)
{
	int	passed = 0;

	d->work_s += each_s * n;
	/* Each rep is a hold: DOMAIN.md caps holds per point. */
	if (s->kind == STEP_PRESS)
		d->presses += (int)n;
	if (d->presses > AREA_HOLDS_MAX && !d->warned_presses) {
		d->warned_presses = 1;
		passed |= DOSE_HOLDS;
	}
	if (d->work_s > AREA_WORK_MAX_S && d->warned_work < 2) {
		d->warned_work = 2;
		passed |= DOSE_WORK_MAX;
	} else if (d->work_s > AREA_WORK_WARN_S && !d->warned_work) {
		d->warned_work = 1;
		passed |= DOSE_WORK_WARN;
	}
	return passed;
}

/* Report the limits passed at step s on one side (SIDE_NONE: the area). */
static void
dose_report(struct vctx *v, const struct rstep *s, int passed, enum side side)
{
	if (passed & DOSE_HOLDS)
		err(v, s->pos, _("more than %d press holds on the "
		    "%s%s in one session; spread them over several "
		    "sessions"),
		    AREA_HOLDS_MAX, area_label(s->area), side_words(side));
	if (passed & DOSE_WORK_MAX)
		err(v, s->pos, _("more than %ds of pressure on the "
		    "%s%s in one session; 1-2 minutes is enough"),
		    AREA_WORK_MAX_S, area_label(s->area), side_words(side));
	if (passed & DOSE_WORK_WARN)
		warn(v, s->pos, _("more than %ds of pressure on the "
		    "%s%s in one session; 1-2 minutes is enough"),
		    AREA_WORK_WARN_S, area_label(s->area), side_words(side));
}

/*
 * Count a press or roll against its area and side, and report once where
 * a per-session limit is first passed. side: both works each side; so
 * does a step with no side on a sided area (it reaches both, as the rest
 * check in history_policy.c counts it), and a limit both its sides pass
 * at once is reported once, for the whole area.
 */
static void
add_dose(struct vctx *v, const struct rstep *s, int64_t each_s, int64_t n)
{
	enum side	 side;
	int		 l, r, both;

	if (s->area == NULL || s->area->endangerment)
		return;
	side = s->side.set ? (enum side)s->side.v : SIDE_NONE;
	if (side != SIDE_BOTH && (side != SIDE_NONE || !s->area->sided)) {
		dose_report(v, s, dose_add(dose_of(v, s->area, side), s,
		    each_s, n), side);
		return;
	}
	l = dose_add(dose_of(v, s->area, SIDE_LEFT), s, each_s, n);
	r = dose_add(dose_of(v, s->area, SIDE_RIGHT), s, each_s, n);
	both = side == SIDE_NONE ? l & r : 0;
	dose_report(v, s, both, SIDE_NONE);
	dose_report(v, s, l & ~both, SIDE_LEFT);
	dose_report(v, s, r & ~both, SIDE_RIGHT);
}

/* A repeat count for dose sums: 1 when absent or out of range. */
static int64_t
count_or_one(const struct fnum *f)
{
	if (!f->set || f->v < COUNT_MIN || f->v > COUNT_MAX)
		return 1;
	return f->v;
}

/*
 * A press longer than is usual (ROUTINE-FORMAT.md: "press > 60s"): a
 * fixed time over PRESS_WARN_S; an until-release hold's max over
 * PRESS_UNTIL_WARN_S (the cap of a hold the user ends when the spot
 * eases: DOMAIN.md 1.1 gives 30-90 s until release, and the format's own
 * example caps one at 90s). Out-of-range values are errors already.
 */
static void
long_press(struct vctx *v, const struct rstep *s, const struct fnum *f,
    int64_t ceiling, int upto)
{
	if (!f->set || f->v > ceiling ||
	    f->v <= (upto ? PRESS_UNTIL_WARN_S : PRESS_WARN_S))
		return;
	if (upto)
		warn(v, at(f->pos, s), _("press of up to %llds on one spot "
		    "(its max); 30-90s until release is usual"),
		    (long long)f->v);
	else
		warn(v, at(f->pos, s), _("press of %llds on one spot; "
		    "30-60s is usual"), (long long)f->v);
}

/* A press step. */
static void
check_press(struct vctx *v, const struct rstep *s)
{
	int	until = s->until_release.set && s->until_release.v;
	int64_t	each = 0;

	check_area(v, s);
	check_tool(v, s);
	if (until && s->time_s.set)
		err(v, at(s->until_release.pos, s), _("press step has both "
		    "'time' and 'until: release'; keep one"));
	else if (until && absent(&s->max_s))
		err(v, at(s->until_release.pos, s), _("'until: release' needs "
		    "'max' (at most %ds)"), PRESS_UNTIL_MAX_S);
	else if (!until && !absent(&s->max_s) && absent(&s->until_release))
		err(v, at(s->max_s.pos, s), _("'max' only goes with 'until: "
		    "release'; use 'time' for a fixed hold"));
	else if (!until && absent(&s->time_s) && absent(&s->until_release))
		err(v, s->pos, _("press step needs 'time' (for example "
		    "'time: 45s'), or 'until: release' with 'max'"));
	check_secs(v, s, &s->time_s, "press time", PRESS_MIN_S, PRESS_MAX_S);
	long_press(v, s, &s->time_s, PRESS_MAX_S, 0);
	if (until) {
		check_secs(v, s, &s->max_s, "press max", PRESS_MIN_S,
		    PRESS_UNTIL_MAX_S);
		long_press(v, s, &s->max_s, PRESS_UNTIL_MAX_S, 1);
	}
	check_pressure(v, s);
	check_num(v, s, &s->breathe_bpm, "breathe", " breaths a minute",
	    BPM_MIN, BPM_MAX);
	check_num(v, s, &s->reps, "reps", "", COUNT_MIN, COUNT_MAX);

	/* Out-of-range times are errors already; they do not add up. */
	if (s->time_s.set && s->time_s.v <= PRESS_MAX_S)
		each = s->time_s.v;
	else if (until && s->max_s.set && s->max_s.v <= PRESS_UNTIL_MAX_S)
		each = s->max_s.v;
	add_dose(v, s, each, count_or_one(&s->reps));
}

/* A roll step. */
static void
check_roll(struct vctx *v, const struct rstep *s)
{
	check_area(v, s);
	check_tool(v, s);
	if (absent(&s->time_s))
		err(v, s->pos, _("roll step has no 'time' (for example "
		    "'time: 60s')"));
	check_secs(v, s, &s->time_s, "roll time", ROLL_MIN_S, ROLL_MAX_S);
	check_secs(v, s, &s->pass_s, "pass", PASS_MIN_S, PASS_MAX_S);
	check_pressure(v, s);
	check_num(v, s, &s->breathe_bpm, "breathe", " breaths a minute",
	    BPM_MIN, BPM_MAX);
	check_num(v, s, &s->sets, "sets", "", COUNT_MIN, COUNT_MAX);
	add_dose(v, s, s->time_s.set && s->time_s.v <= ROLL_MAX_S ?
	    s->time_s.v : 0,
	    count_or_one(&s->sets));
}

/* A static stretch step. */
static void
check_stretch(struct vctx *v, const struct rstep *s)
{
	check_area(v, s);
	if (absent(&s->time_s))
		err(v, s->pos, _("stretch step has no 'time' (for example "
		    "'time: 30s')"));
	check_secs(v, s, &s->time_s, "stretch time", STRETCH_MIN_S,
	    STRETCH_MAX_S);
	check_num(v, s, &s->reps, "reps", "", COUNT_MIN, COUNT_MAX);
}

/* A contract-relax (PNF) step: phases within DOMAIN.md 1.6. */
static void
check_pnf(struct vctx *v, const struct rstep *s)
{
	check_area(v, s);
	check_secs(v, s, &s->contract_s, "contract", CONTRACT_MIN_S,
	    CONTRACT_MAX_S);
	check_secs(v, s, &s->relax_s, "relax", RELAX_MIN_S, RELAX_MAX_S);
	check_secs(v, s, &s->stretch_s, "stretch", PNF_STRETCH_MIN_S,
	    PNF_STRETCH_MAX_S);
	check_num(v, s, &s->cycles, "cycles", "", COUNT_MIN, COUNT_MAX);
	/* Its phases press on the area like a hold (plan.h is_work). */
	add_dose(v, s, validate_step_work_s(s), 1);
}

/* A move step: time or reps, a tempo, an optional area. */
static void
check_move(struct vctx *v, const struct rstep *s)
{
	int64_t	tempo = s->tempo_s.set ? s->tempo_s.v : 3;

	if (s->area_id.s != NULL || s->area_id.pos.line != 0)
		check_area(v, s);
	else if (s->side.set && s->side.v != SIDE_NONE)
		err(v, at(s->side.pos, s), _("'side' needs an 'area' to be "
		    "the side of"));
	if (s->time_s.set && s->reps.set)
		err(v, at(s->reps.pos, s), _("move step has both 'time' and "
		    "'reps'; keep one (reps x tempo gives the time)"));
	else if (absent(&s->time_s) && absent(&s->reps))
		err(v, s->pos, _("move step needs 'reps' (for example 'reps: "
		    "8') or 'time'"));
	check_secs(v, s, &s->time_s, "move time", MOVE_MIN_S, MOVE_MAX_S);
	check_num(v, s, &s->reps, "reps", "", COUNT_MIN, MOVE_REPS_MAX);
	check_secs(v, s, &s->tempo_s, "tempo", TEMPO_MIN_S, TEMPO_MAX_S);
	if (s->reps.set && s->reps.v >= COUNT_MIN && s->reps.v <=
	    MOVE_REPS_MAX && tempo >= TEMPO_MIN_S && tempo <= TEMPO_MAX_S &&
	    (s->reps.v * tempo < MOVE_MIN_S || s->reps.v * tempo > MOVE_MAX_S))
		err(v, at(s->reps.pos, s), ngettext("%lld rep at %llds "
		    "lasts %llds; a move step lasts %ds to %ds", "%lld reps at "
		    "%llds each last %llds; a move step lasts %ds to %ds",
		    (unsigned long)s->reps.v), (long long)s->reps.v,
		    (long long)tempo, (long long)(s->reps.v * tempo),
		    MOVE_MIN_S, MOVE_MAX_S);
}

/* A breathe step: time, a sane rate, and a split that fits the rate. */
static void
check_breathe(struct vctx *v, const struct rstep *s)
{
	int64_t	rate, breath;

	if (absent(&s->time_s))
		err(v, s->pos, _("breathe step has no 'time' (for example "
		    "'time: 2m')"));
	check_dur(v, s, &s->time_s, "breathe time", BREATHE_MIN_S,
	    BREATHE_MAX_S);
	check_num(v, s, &s->rate_bpm, "rate", " breaths a minute", BPM_MIN,
	    BPM_MAX);
	check_secs(v, s, &s->inhale_s, "inhale", 1, BREATH_PHASE_MAX_S);
	check_secs(v, s, &s->exhale_s, "exhale", 1, BREATH_PHASE_MAX_S);
	if (!s->inhale_s.set || !s->exhale_s.set || !s->rate_bpm.set)
		return;
	rate = s->rate_bpm.v;
	if (rate < BPM_MIN || rate > BPM_MAX)
		return;
	breath = s->inhale_s.v + s->exhale_s.v;
	/* Allow a second of rounding: rate 7 is an 8.6 s breath. */
	if (breath * rate < 60 - rate || breath * rate > 60 + rate)
		err(v, at(s->inhale_s.pos, s), _("inhale %llds plus exhale "
		    "%llds is not one breath at rate %lld; give the rate or "
		    "the split, not both"), (long long)s->inhale_s.v,
		    (long long)s->exhale_s.v, (long long)rate);
}

/* Position and rest steps: only their time has a range. */
static void
check_simple(struct vctx *v, const struct rstep *s)
{
	if (s->kind == STEP_POSITION) {
		check_dur(v, s, &s->time_s, "position time", 1,
		    POSITION_MAX_S);
		return;
	}
	if (absent(&s->time_s))
		err(v, s->pos, _("rest step has no time (for example "
		    "'rest: 10s')"));
	check_dur(v, s, &s->time_s, "rest", 1, REST_STEP_MAX_S);
}

/*
 * Declared tools that no step uses. Not with no steps at all: that is
 * said once, as "no steps" or the misspelt key, not again for each tool.
 */
static void
check_tools_list(struct vctx *v)
{
	const struct routine *r = v->r;
	int	i;

	if (!r->tools.set || r->nsteps == 0)
		return;
	for (i = 0; i < TOOL__COUNT; i++) {
		if ((r->tools.v & TOOL_BIT(i)) &&
		    !(v->used_tools & TOOL_BIT(i)))
			warn(v, r->tools_pos.line != 0 ? r->tools_pos :
			    r->tools.pos, _("tool '%s' is declared in 'tools' "
			    "but no step uses it"), tool_id(i));
	}
}

/* Letters and digits of ASCII (language tags are not localised). */
static int
lang_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
lang_alnum(char c)
{
	return lang_alpha(c) || (c >= '0' && c <= '9');
}

/*
 * A language tag, BCP 47 in its outline: a language of 2 to 8 letters, then
 * subtags of 1 to 8 letters or digits after '-' (or '_', as locales write
 * it): "en", "pt-BR", "en_GB", "cmn-Latn-pinyin". A voice name of one word
 * ("German") fits too.
 */
static int
lang_tag(const char *s)
{
	size_t	i, n;

	for (n = 0; lang_alpha(s[n]); n++)
		continue;
	if (n < 2 || n > 8)
		return 0;
	for (i = n; s[i] != '\0'; i += n) {
		if (s[i] != '-' && s[i] != '_')
			return 0;
		i++;
		for (n = 0; lang_alnum(s[i + n]); n++)
			continue;
		if (n < 1 || n > 8)
			return 0;
	}
	return i <= LANG_MAX_LEN;
}

/* cues.lang: not a language tag is an error (voices: validate_voices). */
static void
check_lang(struct vctx *v)
{
	const struct fstr *l = &v->r->cues.lang;

	if (l->s != NULL && !lang_tag(l->s))
		err(v, l->pos, _("cues.lang '%.40s' is not a language tag: "
		    "write one like en, fr or pt-BR"), l->s);
}

/*
 * cues.lang that espeak-ng has no voice for is a warning, since the
 * session then speaks English (the voice list is read once per process,
 * from knead-audio.so, only when a routine names a language).
 */
void
validate_voices(const struct routine *r, struct diag_list *dl)
{
	struct vctx		 v;
	const struct fstr	*l = &r->cues.lang;

	if (l->s == NULL || !lang_tag(l->s) || voices_has(l->s) != 0)
		return;
	memset(&v, 0, sizeof v);
	v.r = r;
	v.dl = dl;
	warn(&v, l->pos, "espeak-ng has no voice for cues.lang '%s': the say "
	    "texts will be spoken in English", l->s);
}

/* limits, homework, screen and cues. */
static void
check_settings(struct vctx *v)
{
	const struct routine *r = v->r;
	const struct homework *hw = &r->homework;
	struct src_pos	 none = { 0, 0 };
	char		 a[32], b[32], c[32];
	const char	*p;
	int64_t		 rest, fit;
	size_t		 i;

	if (r->rest_s.set && (r->rest_s.v < LIMIT_REST_MIN_S ||
	    r->rest_s.v > LIMIT_REST_MAX_S)) {
		fmt_dur(LIMIT_REST_MIN_S, a, sizeof a);
		fmt_dur(LIMIT_REST_MAX_S, b, sizeof b);
		fmt_dur(r->rest_s.v, c, sizeof c);
		err(v, r->rest_s.pos, _("limits.rest must be between %s and %s "
		    "(got %s)"), a, b, c);
	}
	/* DOMAIN.md: a deep session needs a day before the next one. */
	else if (r->rest_s.set && r->rest_s.v < DEEP_REST_S &&
	    validate_effective_tier(r) == INTENSITY_DEEP) {
		fmt_dur(r->rest_s.v, c, sizeof c);
		warn(v, r->rest_s.pos, _("limits.rest of %s is short for deep "
		    "work: knead rests an area at least 24h after deep work "
		    "on it"),
		    c);
	}
	if (r->per_week.set && (r->per_week.v < 1 ||
	    r->per_week.v > LIMIT_PER_WEEK_MAX))
		err(v, r->per_week.pos, _("limits.per-week must be between 1 "
		    "and %d (got %lld)"), LIMIT_PER_WEEK_MAX,
		    (long long)r->per_week.v);

	if (r->per_month.set && (r->per_month.v < 1 ||
	    r->per_month.v > LIMIT_PER_MONTH_MAX))
		err(v, r->per_month.pos, _("limits.per-month must be between 1 "
		    "and %d (got %lld)"), LIMIT_PER_MONTH_MAX,
		    (long long)r->per_month.v);
	if (r->switch_s.set && (r->switch_s.v < SWITCH_MIN_S ||
	    r->switch_s.v > SWITCH_MAX_S))
		err(v, r->switch_s.pos, _("switch must be between %ds and %ds "
		    "(got %llds)"), SWITCH_MIN_S, SWITCH_MAX_S,
		    (long long)r->switch_s.v);
	/* Sessions a rest apart: at most 7 days over the rest fit a week. */
	if (hw->present && hw->per_week.set &&
	    (rest = validate_homework_rest_s(r)) > 0 &&
	    hw->per_week.v > (fit = (7 * 86400 + rest - 1) / rest)) {
		fmt_dur(rest, c, sizeof c);
		warn(v, hw->per_week.pos, _("homework asks for %lld sessions a "
		    "week but a rest of %s between them leaves room for %lld "
		    "in 7 days; shorten limits.rest or lower the target"),
		    (long long)hw->per_week.v, c, (long long)fit);
	}
	if (hw->present && hw->per_week.set && validate_per_week(r) > 0 &&
	    hw->per_week.v > validate_per_week(r))
		warn(v, hw->per_week.pos, _("homework asks for %lld sessions a "
		    "week but the limits allow at most %lld in 7 days; raise "
		    "limits.per-week or lower the target"),
		    (long long)hw->per_week.v, (long long)validate_per_week(r));
	if (hw->present) {
		if (hw->from_day.set && hw->until_day.set &&
		    hw->until_day.v < hw->from_day.v)
			err(v, hw->until.pos.line != 0 ? hw->until.pos :
			    hw->until_day.pos, _("homework ends (%.20s) before "
			    "it starts (%.20s); swap 'from' and 'until'"),
			    hw->until.s != NULL ? hw->until.s : "?",
			    hw->from.s != NULL ? hw->from.s : "?");
		if (hw->per_week.set && (hw->per_week.v < 1 ||
		    hw->per_week.v > HOMEWORK_PER_WEEK_MAX))
			err(v, hw->per_week.pos, _("homework per-week must be "
			    "between 1 and %d (got %lld)"),
			    HOMEWORK_PER_WEEK_MAX, (long long)hw->per_week.v);
	}

	for (i = 0; i < r->nscreen; i++) {
		p = r->screen[i];
		while (p != NULL && (*p == ' ' || *p == '\t'))
			p++;
		if (p == NULL || *p == '\0')
			err(v, none, _("screen question %zu is empty: write a "
			    "yes/no question or remove it"), i + 1);
	}

	if (r->cues.countdown.set && (r->cues.countdown.v < 0 ||
	    r->cues.countdown.v > COUNTDOWN_MAX_S))
		err(v, r->cues.countdown.pos, _("cues.countdown must be "
		    "between 0 and %d (got %lld)"), COUNTDOWN_MAX_S,
		    (long long)r->cues.countdown.v);
	check_lang(v);
}

/* The whole session's length, once the steps are sound enough to expand. */
static void
check_session_length(struct vctx *v)
{
	struct plan	 p;
	struct src_pos	 none = { 0, 0 };
	char		 buf[32];

	if (v->errors > 0 || plan_build(v->r, &p) != 0)
		return;
	if (p.total_ms > (uint64_t)SESSION_WARN_S * 1000) {
		plan_fmt_ms(p.total_ms, buf, sizeof buf);
		warn(v, none, _("the session lasts %s; %d minutes at most is "
		    "usual (split it into two routines)"), buf,
		    SESSION_WARN_S / 60);
	}
	validate_summary_length(v->r, p.total_ms, v->dl);
	plan_free(&p);
}

/* A step's own switch: in range, and only where there is a side switch. */
static void
check_switch(struct vctx *v, const struct rstep *s)
{
	if (!s->switch_s.set)
		return;
	check_secs(v, s, &s->switch_s, "switch", SWITCH_MIN_S, SWITCH_MAX_S);
	if (!s->side.set || s->side.v != SIDE_BOTH)
		warn(v, at(s->switch_s.pos, s), _("'switch' has no effect "
		    "without 'side: both'"));
}

/* Check r; append every problem to dl. */
int
validate_routine(const struct routine *r, struct diag_list *dl)
{
	struct vctx	 v;
	size_t		 i;

	memset(&v, 0, sizeof v);
	v.r = r;
	v.dl = dl;
	check_header(&v);
	for (i = 0; i < r->nsteps; i++) {
		check_switch(&v, &r->steps[i]);
		switch (r->steps[i].kind) {
		case STEP_PRESS:
			check_press(&v, &r->steps[i]);
			break;
		case STEP_ROLL:
			check_roll(&v, &r->steps[i]);
			break;
		case STEP_STRETCH:
			check_stretch(&v, &r->steps[i]);
			break;
		case STEP_CONTRACT_RELAX:
			check_pnf(&v, &r->steps[i]);
			break;
		case STEP_BREATHE:
			check_breathe(&v, &r->steps[i]);
			break;
		case STEP_MOVE:
			check_move(&v, &r->steps[i]);
			break;
		default:
			check_simple(&v, &r->steps[i]);
			break;
		}
	}
	check_tools_list(&v);
	check_settings(&v);
	v.errors += validate_body(r, dl);
	validate_wording(r, dl);
	check_session_length(&v);
	free(v.doses);
	return v.errors;
}
