/*
 * The report model: everything the therapist's report shows, computed once
 * from the stored sessions and the homework blocks. Every writer reads
 * this; none counts anything itself, so md, csv, json and pdf agree.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "dates.h"
#include "history.h"
#include "i18n.h"
#include "plan.h"
#include "textout.h"
#include "xmalloc.h"

int
report_has_target(const struct report_routine *r)
{
	return r->targeted;
}

int
report_week_met(const struct report_week *w)
{
	if (w->open && w->done < w->target)
		return -1;
	if (w->prescribed == 0 && w->done == 0)
		return -2;
	return w->done >= w->prescribed;
}

int
report_pct(int num, int den)
{
	if (den <= 0)
		return -1;
	return (num * 100 + den / 2) / den;
}

const char *
report_area_name(const char *id, char *buf, size_t len)
{
	const struct area	*a;

	if (id == NULL)
		return "";
	if ((a = area_find(id)) != NULL)
		return a->name;
	/* An id this knead does not know (a newer knead's): shown clean. */
	tout_clean(id, buf, len);
	return buf;
}

void
report_area_label(const char *id, const char *side, char *buf, size_t len)
{
	char	tmp[128];

	if (side != NULL && side[0] != '\0')
		snprintf(buf, len, "%s (%s)", report_area_name(id, tmp,
		    sizeof tmp), side);
	else
		snprintf(buf, len, "%s", report_area_name(id, tmp,
		    sizeof tmp));
}

const char *
report_tr(const struct report *rp, const char *msgid)
{
	return i18n_in(rp->lang[0] != '\0' ? rp->lang : "en", NULL, msgid);
}

const char *
report_pick(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

const char *
report_area_text(const struct report *rp, const char *id, char *buf,
    size_t len)
{
	const struct area	*a;

	if (id != NULL && (a = area_find(id)) != NULL)
		return report_tr(rp, a->name);
	return report_area_name(id, buf, len);
}

void
report_area_label_in(const struct report *rp, const char *id,
    const char *side, char *buf, size_t len)
{
	char	tmp[128];

	if (side != NULL && (strcmp(side, "left") == 0 ||
	    strcmp(side, "right") == 0))
		snprintf(buf, len, "%s (%s)", report_area_text(rp, id, tmp,
		    sizeof tmp), report_tr(rp, side));
	else if (side != NULL && side[0] != '\0')
		snprintf(buf, len, "%s (%s)", report_area_text(rp, id, tmp,
		    sizeof tmp), side);
	else
		snprintf(buf, len, "%s", report_area_text(rp, id, tmp,
		    sizeof tmp));
}

void
report_last_pain(const struct report *rp, const struct hist_session *s,
    char *buf, size_t len)
{
	const struct hist_pain	*p;
	char			 label[160];

	buf[0] = '\0';
	if (s->npains == 0)
		return;
	p = &s->pains[s->npains - 1];
	if (p->area == NULL) {
		snprintf(buf, len, R_("; last pain rating %d"), p->pain);
		return;
	}
	report_area_label_in(rp, p->area, p->side, label, sizeof label);
	snprintf(buf, len, R_("; last pain rating %d, on %s"), p->pain, label);
}

/* The line of a report with no session (see report.h). */
void
report_empty_text(const struct report *rp, char *buf, size_t len)
{
	char	from[64], to[64];

	buf[0] = '\0';
	if (rp->n > 0)
		return;
	if (rp->since <= 0) {
		snprintf(buf, len, "%s", R_("No sessions have been recorded."));
		return;
	}
	dates_in(rp->lang, rp->since, DATES_DAY, from, sizeof from);
	dates_in(rp->lang, rp->now, DATES_DAY, to, sizeof to);
	if (dates_day_of(rp->since) > dates_day_of(rp->now))
		snprintf(buf, len, R_("No sessions in this period: it starts "
		    "on %s, after today (%s)."), from, to);
	else
		snprintf(buf, len, R_("No sessions in this period (%s to %s)."),
		    from, to);
}

int64_t
report_secs(const struct hist_session *s)
{
	if (s->ended_at == 0 || s->ended_at < s->started_at)
		return 0;
	return s->ended_at - s->started_at;
}

/*
 * Did s work area and side ("" any side), by the one rule of a worked
 * area (history_area_worked: half its planned pressure time done)?
 */
static int
worked_on(const struct hist_session *s, const char *area, const char *side)
{
	const struct hist_area	*a;
	size_t			 i;

	for (i = 0; i < s->nareas; i++) {
		a = &s->areas[i];
		if (strcmp(a->area, area) == 0 && (side == NULL ||
		    side[0] == '\0' || a->side[0] == '\0' ||
		    strcmp(a->side, side) == 0) &&
		    history_area_worked(a->planned_ms, a->done_ms))
			return 1;
	}
	return 0;
}

/*
 * An override worked when the session worked an area it overrode (the
 * limit of an area), or counts as done, half its planned work (a weekly
 * or monthly cap, or no limit recorded).
 */
int
report_did_work(const struct hist_session *s)
{
	size_t	i;
	int	any = 0;

	if (!s->ran)
		return 0;
	for (i = 0; i < s->nlimits; i++) {
		if (strcmp(s->limits[i].action, "overridden") != 0)
			continue;
		any = 1;
		if (report_limit_worked(s, &s->limits[i]))
			return 1;
	}
	return !any && s->half_done;
}

/* Did session s work past limit l (see report.h)? */
int
report_limit_worked(const struct hist_session *s, const struct hist_limit *l)
{
	if (!s->ran)
		return 0;
	return l->area == NULL ? s->half_done : worked_on(s, l->area, l->side);
}

/* A rest-limit event's area and rule in words (see report.h). */
void
report_limit_label(const struct hist_limit *l, char *buf, size_t len)
{
	char		 area[128];
	const char	*why;

	if (l->area == NULL) {
		snprintf(buf, len, "%s", l->rule != NULL &&
		    strcmp(l->rule, "per-month") == 0 ? "sessions per month" :
		    "sessions per week");
		return;
	}
	report_area_label(l->area, l->side, area, sizeof area);
	if ((why = report_rule_word(l->rule)) != NULL)
		snprintf(buf, len, "%s [%s]", area, why);
	else
		snprintf(buf, len, "%s", area);
}

void
report_limit_label_in(const struct report *rp, const struct hist_limit *l,
    char *buf, size_t len)
{
	char		 area[128];
	const char	*why;

	if (l->area == NULL) {
		snprintf(buf, len, "%s", l->rule != NULL &&
		    strcmp(l->rule, "per-month") == 0 ? R_("sessions per month") :
		    R_("sessions per week"));
		return;
	}
	report_area_label_in(rp, l->area, l->side, area, sizeof area);
	if ((why = report_rule_word(l->rule)) != NULL)
		snprintf(buf, len, "%s [%s]", area, R_(why));
	else
		snprintf(buf, len, "%s", area);
}

/* The limits session s acted on as action, as one line (see report.h). */
void
report_limits_text(const struct report *rp, const struct hist_session *s,
    const char *action, int worked, char *buf, size_t len)
{
	const struct hist_limit	*l;
	char			 label[160], at[64], until[128];
	size_t			 i, off = 0;
	int			 n;

	buf[0] = '\0';
	for (i = 0; i < s->nlimits && off < len; i++) {
		l = &s->limits[i];
		if (strcmp(l->action, action) != 0 || (worked >= 0 &&
		    report_limit_worked(s, l) != worked))
			continue;
		if (l->area == NULL)
			snprintf(label, sizeof label, "%s", l->rule != NULL &&
			    strcmp(l->rule, "per-month") == 0 ?
			    R_("the monthly session limit") :
			    R_("the weekly session limit"));
		else
			report_limit_label_in(rp, l, label, sizeof label);
		/*
		 * The one date rule (dates_when), seen from when the report
		 * was made: the year when it is six months or more away.
		 */
		dates_when_in(rp->lang, l->free_at, rp->now, at, sizeof at);
		snprintf(until, sizeof until, R_("resting until %s"), at);
		n = snprintf(buf + off, len - off, "%s%s (%s)", off ? ", " :
		    "", label, until);
		if (n < 0 || (size_t)n >= len - off) {
			buf[off] = '\0';	/* whole parts only */
			break;
		}
		off += (size_t)n;
	}
}

/* What an override passed, worked or not (see report.h). */
void
report_override_text(const struct report *rp, const struct hist_session *s,
    char *buf, size_t len)
{
	const char	*no_word = R_("overrode, but did not work it (under "
			    "half the planned time):");
	char		 yes[512], no[512];

	report_limits_text(rp, s, "overridden", 1, yes, sizeof yes);
	report_limits_text(rp, s, "overridden", 0, no, sizeof no);
	if (yes[0] == '\0' && no[0] == '\0') {	/* none recorded */
		snprintf(buf, len, "%s", report_did_work(s) ? R_("worked") :
		    no_word);
		return;
	}
	snprintf(buf, len, "%s%s%s%s%s%s%s", yes[0] != '\0' ? R_("worked") :
	    "", yes[0] != '\0' ? " " : "", yes, yes[0] != '\0' &&
	    no[0] != '\0' ? "; " : "", no[0] != '\0' ? no_word : "",
	    no[0] != '\0' ? " " : "", no);
}

/*
 * The words a limit's rule adds after its area (untranslated: each caller
 * says them in its own language), NULL for the plain rest rule. The one
 * list of rule words: report, history table and status read it.
 */
const char *
report_rule_word(const char *rule)
{
	static const struct {
		const char	*rule, *word;
	} words[] = {
		{ "deep-cap",	N_("deep-work cap") },
		{ "halted",	N_("halted for pain") },
		{ "sore",	N_("sore the day after") },
		{ "still-sore",	N_("still sore: see a clinician") },
	};
	size_t	i;

	for (i = 0; rule != NULL && i < sizeof words / sizeof words[0]; i++)
		if (strcmp(rule, words[i].rule) == 0)
			return words[i].word;
	return NULL;
}

/* Append one index to a list. */
static void
push(size_t **v, size_t *n, size_t i)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = i;
}

/* The entry of routine id, created on first use. */
static struct report_routine *
routine_get(struct report *rp, const char *id, const char *title)
{
	size_t	i;

	for (i = 0; i < rp->nrs; i++) {
		if (strcmp(rp->rs[i].id, id) == 0)
			return &rp->rs[i];
	}
	rp->rs = xreallocarray(rp->rs, rp->nrs + 1, sizeof *rp->rs);
	memset(&rp->rs[rp->nrs], 0, sizeof *rp->rs);
	rp->rs[rp->nrs].id = id;
	rp->rs[rp->nrs].title = title;
	return &rp->rs[rp->nrs++];
}

/* The homework block stored with session s, into hw. */
static void
snap_of(const struct hist_session *s, struct homework *hw)
{
	int64_t	d;

	memset(hw, 0, sizeof *hw);
	hw->present = 1;
	hw->per_week.set = s->hw_per_week > 0;
	hw->per_week.v = s->hw_per_week;
	hw->from.s = s->hw_from;
	hw->until.s = s->hw_until;
	hw->by.s = s->hw_by;
	hw->for_whom.s = s->hw_for;
	hw->note.s = s->hw_note;
	if (dates_parse_day(s->hw_from, &d) == 0) {
		hw->from_day.v = d;
		hw->from_day.set = 1;
	}
	if (dates_parse_day(s->hw_until, &d) == 0) {
		hw->until_day.v = d;
		hw->until_day.set = 1;
	}
}

/* The routine's file block now, when the library has one. */
static const struct report_given *
given_of(const struct report_in *in, const char *id)
{
	size_t	i;

	for (i = 0; i < in->ngiven; i++) {
		if (in->given[i].hw != NULL && in->given[i].hw->present &&
		    in->given[i].id != NULL && strcmp(in->given[i].id, id) == 0)
			return &in->given[i];
	}
	return NULL;
}

/* Count one session into its routine's summary. */
static void
count_session(struct report_routine *r, const struct hist_session *s,
    const char **last_hash)
{
	size_t	j;

	if (s->outcome == HIST_REFUSED) {
		r->refused++;
		return;
	}
	if (s->outcome == HIST_SCREENED_OUT) {
		r->screened++;
		return;
	}
	if (!s->ran)
		return;
	if (s->file_hash != NULL && (*last_hash == NULL ||
	    strcmp(*last_hash, s->file_hash) != 0)) {
		r->versions++;
		*last_hash = s->file_hash;
	}
	r->ran++;
	r->completed += s->outcome == HIST_COMPLETED;
	r->stopped += s->outcome == HIST_STOPPED;
	r->halted += s->outcome == HIST_HALTED;
	r->interrupted += s->outcome == HIST_INTERRUPTED;
	r->overrides += s->override_reason != NULL;
	for (j = 0; j < s->nlimits; j++)
		r->skips += strcmp(s->limits[j].action, "skipped") == 0;
}

/* The series of an area and side, made on first use. */
static struct report_pain *
series_of(struct report *rp, const char *area, const char *side)
{
	struct report_pain	*p;
	size_t			 i;

	if (side == NULL)
		side = "";
	for (i = 0; i < rp->nps; i++) {
		if (strcmp(rp->ps[i].area, area) == 0 &&
		    strcmp(rp->ps[i].side, side) == 0)
			return &rp->ps[i];
	}
	rp->ps = xreallocarray(rp->ps, rp->nps + 1, sizeof *rp->ps);
	p = &rp->ps[rp->nps++];
	memset(p, 0, sizeof *p);
	p->area = area;
	p->side = side;
	return p;
}

/* Add one day-after rating to the series of its area and side. */
static void
after_add(struct report *rp, const struct hist_after *ha)
{
	struct report_pain	*p = series_of(rp, ha->area, ha->side);

	p->after = xreallocarray(p->after, p->nafter + 1, sizeof *p->after);
	p->after_at = xreallocarray(p->after_at, p->nafter + 1,
	    sizeof *p->after_at);
	p->after[p->nafter] = ha->rating;
	p->after_at[p->nafter++] = ha->rated_at;
}

/* Add one still-sore check-in to the series of its area and side. */
static void
checkin_add(struct report *rp, const struct hist_checkin *hc)
{
	struct report_pain	*p = series_of(rp, hc->area, hc->side);

	p->still = xreallocarray(p->still, p->nstill + 1, sizeof *p->still);
	p->still_at = xreallocarray(p->still_at, p->nstill + 1,
	    sizeof *p->still_at);
	p->still_blocks = xreallocarray(p->still_blocks, p->nstill + 1,
	    sizeof *p->still_blocks);
	p->still[p->nstill] = hc->rating;
	p->still_at[p->nstill] = hc->asked_at;
	p->still_blocks[p->nstill++] = hc->blocks;
}

/* Add one rating to the series of its area and side. */
static void
pain_add(struct report *rp, const struct hist_pain *hp)
{
	struct report_pain	*p = series_of(rp, hp->area, hp->side);

	p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
	p->at = xreallocarray(p->at, p->n + 1, sizeof *p->at);
	p->v[p->n] = hp->pain;
	p->at[p->n++] = hp->at;
}

/* Are two ratings of one area and side (see report.h)? */
int
report_same_spot(const struct hist_pain *a, const struct hist_pain *b)
{
	return (a->area != NULL && b->area != NULL &&
	    strcmp(a->area, b->area) == 0 && strcmp(a->side != NULL ? a->side :
	    "", b->side != NULL ? b->side : "") == 0);
}

/* The pain stops of one session (see report.h). */
size_t
report_pain_stops(const struct hist_session *s, size_t session,
    struct report_stop **v, size_t *n)
{
	const struct hist_pain	*p;
	size_t			 i, j, added = 0;
	int			 seen, top;

	for (i = 0; i < s->npains; i++) {
		p = &s->pains[i];
		if (p->area == NULL || p->pain < PAIN_STOP_RATING)
			continue;
		seen = 0;	/* named with its first stop */
		for (j = 0; j < i && !seen; j++)
			seen = report_same_spot(&s->pains[j], p) &&
			    s->pains[j].pain >= PAIN_STOP_RATING;
		if (seen)
			continue;
		top = p->pain;
		for (j = i + 1; j < s->npains; j++)
			if (report_same_spot(&s->pains[j], p) &&
			    s->pains[j].pain > top)
				top = s->pains[j].pain;
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		(*v)[*n].session = session;
		(*v)[*n].area = p->area;
		(*v)[*n].side = p->side != NULL ? p->side : "";
		(*v)[(*n)++].rating = top;
		added++;
	}
	return added;
}

/* The lists of events: red flags, halts, overrides, interruptions, skips. */
static void
collect_events(struct report *rp, size_t i)
{
	const struct hist_session	*s = rp->sv[i];
	size_t				 j;

	for (j = 0; j < s->nanswers; j++) {
		if (strcmp(s->answers[j].answer, "yes") != 0)
			continue;
		rp->flags = xreallocarray(rp->flags, rp->nflags + 1,
		    sizeof *rp->flags);
		rp->flags[rp->nflags].session = i;
		rp->flags[rp->nflags++].answer = j;
	}
	if (s->outcome == HIST_HALTED)
		push(&rp->halted, &rp->nhalted, i);
	(void)report_pain_stops(s, i, &rp->stops, &rp->nstops);
	if (s->override_reason != NULL)
		push(&rp->overrides, &rp->noverrides, i);
	if (s->outcome == HIST_INTERRUPTED)
		push(&rp->interrupted, &rp->ninterrupted, i);
	for (j = 0; j < s->nlimits; j++) {
		if (strcmp(s->limits[j].action, "skipped") == 0) {
			push(&rp->skipped, &rp->nskipped, i);
			break;
		}
	}
	if (!s->ran)
		return;
	for (j = 0; j < s->npains; j++) {
		if (s->pains[j].area != NULL)
			pain_add(rp, &s->pains[j]);
	}
	for (j = 0; j < s->nafters; j++) {
		if (s->afters[j].area != NULL)
			after_add(rp, &s->afters[j]);
	}
	for (j = 0; j < s->ncheckins; j++) {
		if (s->checkins[j].area != NULL)
			checkin_add(rp, &s->checkins[j]);
	}
}

/* Add one week to a routine's table. */
static struct report_week *
week_add(struct report_routine *r, int64_t day0)
{
	struct report_week	*w;

	r->weeks = xreallocarray(r->weeks, r->nweeks + 1, sizeof *r->weeks);
	w = &r->weeks[r->nweeks++];
	memset(w, 0, sizeof *w);
	w->day0 = day0;
	w->ndays = 7;
	return w;
}

/*
 * The homework period of r over the report period, up to today: from its
 * first day (or the Monday of its first session, or the report's start)
 * to its last day or today. Returns 0 when there is such a period.
 */
static int
hw_period(const struct report *rp, struct report_routine *r, int64_t first,
    int64_t *anchor)
{
	int64_t	today = dates_day_of(rp->now);

	if (r->hw.from_day.set)
		*anchor = r->hw.from_day.v;
	else if (first >= 0)
		*anchor = dates_monday(first);
	else
		*anchor = dates_monday(rp->since > 0 ?
		    dates_day_of(rp->since) : today);
	r->period_from = *anchor;
	if (rp->since > 0 && dates_day_of(rp->since) > r->period_from)
		r->period_from = dates_day_of(rp->since);
	r->period_to = today;
	if (r->hw.until_day.set && r->hw.until_day.v < today)
		r->period_to = r->hw.until_day.v;
	return r->period_from <= r->period_to ? 0 : -1;
}

/* The share of a weekly target for ndays of a week, rounded. */
static int
share(int per_week, int ndays)
{
	return (per_week * ndays * 2 + 7) / 14;
}

/* The weeks of a homework with a weekly target, the empty ones too. */
static void
weeks_homework(struct report *rp, struct report_routine *r, int64_t first)
{
	struct report_week	*w;
	int64_t			 anchor, k, lo, hi, d, today;
	size_t			 i;
	int			 pw = (int)r->hw.per_week.v;

	if (hw_period(rp, r, first, &anchor) != 0)
		return;
	r->targeted = 1;
	today = dates_day_of(rp->now);
	k = (r->period_from - anchor) / 7;
	for (; anchor + 7 * k <= r->period_to; k++) {
		w = week_add(r, anchor + 7 * k);
		lo = w->day0 > r->period_from ? w->day0 : r->period_from;
		hi = w->day0 + 6 < r->period_to ? w->day0 + 6 : r->period_to;
		w->ndays = (int)(hi - lo + 1);
		/* A part week gets its share of the target, rounded. */
		w->prescribed = share(pw, w->ndays);
		hi = w->day0 + 6;
		if (r->hw.until_day.set && r->hw.until_day.v < hi)
			hi = r->hw.until_day.v;
		w->target = share(pw, (int)(hi - lo + 1));
		w->open = today >= w->day0 && today <= w->day0 + 6 &&
		    r->period_to == today;
		r->prescribed += w->prescribed;
	}
	for (i = 0; i < rp->n; i++) {
		const struct hist_session *s = rp->sv[i];

		d = dates_day_of(s->started_at);
		if (!s->ran || strcmp(s->routine_id, r->id) != 0 ||
		    d < r->period_from || d > r->period_to)
			continue;
		w = &r->weeks[(d - anchor) / 7 - (r->period_from - anchor) / 7];
		w->ran++;
		w->done += s->half_done;
		w->completed += s->outcome == HIST_COMPLETED;
	}
	/*
	 * The week not over: sessions done ahead of its share so far count,
	 * up to its whole target (2 done on its third day of a 3 a week are
	 * 2 of 2, not 1 of 1).
	 */
	for (i = 0; i < r->nweeks; i++) {
		w = &r->weeks[i];
		if (!w->open || w->done <= w->prescribed)
			continue;
		pw = w->done < w->target ? w->done : w->target;
		if (pw > w->prescribed) {
			r->prescribed += pw - w->prescribed;
			w->prescribed = pw;
		}
	}
	/* Extra sessions in one week do not make up for a missed one. */
	for (i = 0; i < r->nweeks; i++)
		r->done += r->weeks[i].done < r->weeks[i].prescribed ?
		    r->weeks[i].done : r->weeks[i].prescribed;
}

/*
 * The days of plain week w inside the report period (from --since's day,
 * up to today), and whether it holds today: a period of two days is a
 * week of two days, not of seven.
 */
static void
week_clip(const struct report *rp, struct report_week *w)
{
	int64_t	today = dates_day_of(rp->now), lo = w->day0,
		hi = w->day0 + 6;

	if (rp->since > 0 && dates_day_of(rp->since) > lo)
		lo = dates_day_of(rp->since);
	if (today < hi && today >= lo)
		hi = today;	/* a week after today's keeps its 7 */
	w->ndays = (int)(hi - lo + 1);
	w->open = today >= w->day0 && today <= w->day0 + 6;
}

/* The Monday weeks in which a routine without a target ran. */
static void
weeks_plain(struct report *rp, struct report_routine *r)
{
	struct report_week	*w = NULL;
	int64_t			 m;
	size_t			 i;

	for (i = 0; i < rp->n; i++) {
		const struct hist_session *s = rp->sv[i];

		if (!s->ran || strcmp(s->routine_id, r->id) != 0)
			continue;
		m = dates_monday(dates_day_of(s->started_at));
		if (w == NULL || w->day0 != m) {
			w = week_add(r, m);
			week_clip(rp, w);
		}
		w->ran++;
		w->done += s->half_done;
		w->completed += s->outcome == HIST_COMPLETED;
	}
}

/*
 * Homework given to this person (a homework block in their own folders,
 * not a bundled example) is listed even when it was never run: zero
 * sessions is what the therapist most needs to see.
 */
static void
add_given(struct report *rp, const struct report_in *in)
{
	const struct report_given	*g;
	struct report_routine		*r;
	int64_t				 today = dates_day_of(rp->now);
	size_t				 i;

	for (i = 0; i < in->ngiven; i++) {
		g = &in->given[i];
		if (g->bundled || g->id == NULL || g->hw == NULL ||
		    !g->hw->present || (in->routine != NULL &&
		    strcmp(in->routine, g->id) != 0))
			continue;
		if (g->hw->until_day.set && in->since > 0 &&
		    g->hw->until_day.v < dates_day_of(in->since))
			continue;	/* ended before the period */
		if (g->hw->from_day.set && g->hw->from_day.v > today)
			continue;	/* not started yet */
		r = routine_get(rp, g->id, g->title);
		r->hw = *g->hw;
	}
}

/* The day of the first session of a routine that ran, or -1. */
static int64_t
first_day(const struct report *rp, const char *id)
{
	size_t	i;

	for (i = 0; i < rp->n; i++) {
		if (rp->sv[i]->ran && strcmp(rp->sv[i]->routine_id, id) == 0)
			return dates_day_of(rp->sv[i]->started_at);
	}
	return -1;
}

void
report_build(struct report *rp, const struct report_in *in)
{
	const struct report_given	*g;
	struct report_routine		*r;
	const char			**hash;
	size_t				 i;

	memset(rp, 0, sizeof *rp);
	rp->now = in->now;
	rp->since = in->since;
	rp->routine = in->routine;
	rp->sv = xcalloc(in->n + 1, sizeof *rp->sv);
	for (i = 0; i < in->n; i++) {
		if (in->routine == NULL ||
		    strcmp(in->ss[i].routine_id, in->routine) == 0)
			rp->sv[rp->n++] = &in->ss[i];
	}
	hash = xcalloc(rp->n + in->ngiven + 1, sizeof *hash);
	for (i = 0; i < rp->n; i++) {
		const struct hist_session *s = rp->sv[i];

		r = routine_get(rp, s->routine_id, s->title);
		if (s->title != NULL)
			r->title = s->title;
		if (s->hw_present)
			snap_of(s, &r->hw);	/* the latest wins */
		count_session(r, s, &hash[r - rp->rs]);
		collect_events(rp, i);
	}
	free(hash);
	add_given(rp, in);
	for (i = 0; i < rp->nrs; i++) {
		r = &rp->rs[i];
		/* The file's block now rules over the stored one. */
		if ((g = given_of(in, r->id)) != NULL) {
			r->hw = *g->hw;
			if (r->title == NULL)
				r->title = g->title;
		}
		if (r->hw.present && r->hw.per_week.set && r->hw.per_week.v > 0)
			weeks_homework(rp, r, first_day(rp, r->id));
		else
			weeks_plain(rp, r);
		rp->done += r->done;
		rp->prescribed += r->prescribed;
	}
}

void
report_free(struct report *rp)
{
	size_t	i;

	for (i = 0; i < rp->nps; i++) {
		free(rp->ps[i].v);
		free(rp->ps[i].at);
		free(rp->ps[i].after);
		free(rp->ps[i].after_at);
		free(rp->ps[i].still);
		free(rp->ps[i].still_at);
		free(rp->ps[i].still_blocks);
	}
	for (i = 0; i < rp->nrs; i++)
		free(rp->rs[i].weeks);
	free(rp->ps);
	free(rp->rs);
	free(rp->sv);
	free(rp->flags);
	free(rp->halted);
	free(rp->stops);
	free(rp->overrides);
	free(rp->interrupted);
	free(rp->skipped);
	memset(rp, 0, sizeof *rp);
}
