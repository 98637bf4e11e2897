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

/* Completed, with prescribed work done (report_no_work). */
static int
completed(const struct hist_session *s)
{
	return s->outcome == HIST_COMPLETED && !report_no_work(s);
}

/* Count one session into its routine's summary. */
static void
count_session(struct report_routine *r, const struct hist_session *s,
    const char **last_hash)
{
	size_t	j;

	if (s->outcome == HIST_REFUSED) {
		r->refused++;
		r->override_refused += report_override_refused(s);
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
	r->no_work += report_no_work(s);
	r->rated += !report_no_work(s);
	r->completed += completed(s);
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
after_add(struct report *rp, const struct hist_after *ha, size_t sess)
{
	struct report_pain	*p = series_of(rp, ha->area, ha->side);

	p->after = xreallocarray(p->after, p->nafter + 1, sizeof *p->after);
	p->after_at = xreallocarray(p->after_at, p->nafter + 1,
	    sizeof *p->after_at);
	p->after_sess = xreallocarray(p->after_sess, p->nafter + 1,
	    sizeof *p->after_sess);
	p->after_sess[p->nafter] = sess;
	p->after[p->nafter] = ha->rating;
	p->after_at[p->nafter++] = ha->rated_at;
}

/* Add one still-sore check-in to the series of its area and side. */
static void
checkin_add(struct report *rp, const struct hist_checkin *hc, size_t sess)
{
	struct report_pain	*p = series_of(rp, hc->area, hc->side);

	p->still = xreallocarray(p->still, p->nstill + 1, sizeof *p->still);
	p->still_at = xreallocarray(p->still_at, p->nstill + 1,
	    sizeof *p->still_at);
	p->still_blocks = xreallocarray(p->still_blocks, p->nstill + 1,
	    sizeof *p->still_blocks);
	p->still_sess = xreallocarray(p->still_sess, p->nstill + 1,
	    sizeof *p->still_sess);
	p->still_sess[p->nstill] = sess;
	p->still[p->nstill] = hc->rating;
	p->still_at[p->nstill] = hc->asked_at;
	p->still_blocks[p->nstill++] = hc->blocks;
}

/* Add one rating to the series of its area and side. */
static void
pain_add(struct report *rp, const struct hist_pain *hp, size_t sess)
{
	struct report_pain	*p = series_of(rp, hp->area, hp->side);

	p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
	p->at = xreallocarray(p->at, p->n + 1, sizeof *p->at);
	p->v_sess = xreallocarray(p->v_sess, p->n + 1, sizeof *p->v_sess);
	p->v_sess[p->n] = sess;
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
	/* An override, or an attempt a strict routine refused. */
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
			pain_add(rp, &s->pains[j], i);
	}
	for (j = 0; j < s->nafters; j++) {
		if (s->afters[j].area != NULL)
			after_add(rp, &s->afters[j], i);
		if (s->afters[j].rating < AFTER_WORSE)
			continue;
		rp->worse = xreallocarray(rp->worse, rp->nworse + 1,
		    sizeof *rp->worse);
		rp->worse[rp->nworse].session = i;
		rp->worse[rp->nworse++].after = j;
	}
	for (j = 0; j < s->ncheckins; j++) {
		if (s->checkins[j].area != NULL)
			checkin_add(rp, &s->checkins[j], i);
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
	w->revised = -1;
	return w;
}

/* Do two homework blocks prescribe the same: per-week, from and until? */
static int
same_terms(const struct homework *a, const struct homework *b)
{
	const char	*x[2][2] = { { a->from.s, a->until.s },
			    { b->from.s, b->until.s } };
	int		 k;

	if (a->per_week.set != b->per_week.set || (a->per_week.set &&
	    a->per_week.v != b->per_week.v))
		return 0;
	for (k = 0; k < 2; k++)
		if ((x[0][k] == NULL) != (x[1][k] == NULL) || (x[0][k] !=
		    NULL && strcmp(x[0][k], x[1][k]) != 0))
			return 0;
	return 1;
}

/*
 * Session s recorded its homework block: the same terms as the version
 * before keep it (its latest wording: by, for, note), other terms are a
 * new version from s's day; two on one day, the later one holds.
 */
static void
version_add(struct report_routine *r, const struct hist_session *s)
{
	struct report_hw	*v;
	struct homework		 h;
	int64_t			 d = dates_day_of(s->started_at);

	snap_of(s, &h);
	if (r->nhws > 0) {
		v = &r->hws[r->nhws - 1];
		if (same_terms(&v->hw, &h) || v->first == d) {
			v->hw = h;
			if (r->nhws > 1 && same_terms(&r->hws[r->nhws - 2].hw,
			    &h)) {	/* back to the one before that day */
				r->nhws--;
				r->hws[r->nhws - 1].hw = h;
				r->hws[r->nhws - 1].last = -1;
			}
			return;
		}
		v->last = d - 1;
	}
	r->hws = xreallocarray(r->hws, r->nhws + 1, sizeof *r->hws);
	v = &r->hws[r->nhws++];
	v->hw = h;
	v->first = d;
	v->last = -1;
}

/*
 * The part of the report period, up to today, that version v of r's
 * homework holds: from its first day (or the Monday of the routine's
 * first session, or the report's start) to its last day or today, and
 * within the days the version was in force (the first version from the
 * start). Returns 0 when there is such a part.
 */
static int
hw_period(const struct report *rp, const struct report_routine *r,
    size_t v, int64_t first, int64_t *anchor, int64_t *lo, int64_t *hi)
{
	const struct homework	*hw = &r->hws[v].hw;
	int64_t			 today = dates_day_of(rp->now);

	if (hw->from_day.set)
		*anchor = hw->from_day.v;
	else if (first >= 0)
		*anchor = dates_monday(first);
	else
		*anchor = dates_monday(rp->since > 0 ?
		    dates_day_of(rp->since) : today);
	*lo = *anchor;
	if (rp->since > 0 && dates_day_of(rp->since) > *lo)
		*lo = dates_day_of(rp->since);
	if (v > 0 && r->hws[v].first > *lo)
		*lo = r->hws[v].first;
	*hi = today;
	if (hw->until_day.set && hw->until_day.v < *hi)
		*hi = hw->until_day.v;
	if (r->hws[v].last >= 0 && r->hws[v].last < *hi)
		*hi = r->hws[v].last;
	return *lo <= *hi ? 0 : -1;
}

/* The share of a weekly target for ndays of a week, rounded. */
static int
share(int per_week, int ndays)
{
	return (per_week * ndays * 2 + 7) / 14;
}

/*
 * The weeks of version v of a homework with a weekly target, the empty
 * ones too; its sessions counted in them.
 */
static void
weeks_version(struct report *rp, struct report_routine *r, size_t v,
    int64_t first)
{
	const struct homework	*hw = &r->hws[v].hw;
	struct report_week	*w;
	int64_t			 anchor, k, lo, hi, wlo, whi, d, today;
	size_t			 i, base;
	int			 pw = (int)hw->per_week.v;

	if (!hw->per_week.set || pw <= 0 ||
	    hw_period(rp, r, v, first, &anchor, &lo, &hi) != 0)
		return;
	if (!r->targeted || lo < r->period_from)
		r->period_from = lo;
	if (!r->targeted || hi > r->period_to)
		r->period_to = hi;
	r->targeted = 1;
	today = dates_day_of(rp->now);
	base = r->nweeks;
	k = (lo - anchor) / 7;
	for (; anchor + 7 * k <= hi; k++) {
		w = week_add(r, anchor + 7 * k);
		wlo = w->day0 > lo ? w->day0 : lo;
		whi = w->day0 + 6 < hi ? w->day0 + 6 : hi;
		w->ndays = (int)(whi - wlo + 1);
		/* A part week gets its share of the target, rounded. */
		w->prescribed = share(pw, w->ndays);
		whi = w->day0 + 6;
		if (hw->until_day.set && hw->until_day.v < whi)
			whi = hw->until_day.v;
		if (r->hws[v].last >= 0 && r->hws[v].last < whi)
			whi = r->hws[v].last;
		w->target = share(pw, (int)(whi - wlo + 1));
		w->open = today >= w->day0 && today <= w->day0 + 6 &&
		    hi == today;
		if (v > 0 && wlo == r->hws[v].first)
			w->revised = wlo;
		r->prescribed += w->prescribed;
	}
	for (i = 0; i < rp->n; i++) {
		const struct hist_session *s = rp->sv[i];

		d = dates_day_of(s->started_at);
		if (!s->ran || strcmp(s->routine_id, r->id) != 0 ||
		    d < lo || d > hi)
			continue;
		w = &r->weeks[base + (size_t)((d - anchor) / 7 -
		    (lo - anchor) / 7)];
		w->ran++;
		w->done += s->half_done;
		w->completed += completed(s);
	}
}

/*
 * The weeks of a homework, each version over the days it was in force:
 * a week a revision splits is two part weeks, each with its share.
 */
static void
weeks_homework(struct report *rp, struct report_routine *r, int64_t first)
{
	struct report_week	*w;
	size_t			 i;
	int			 pw;

	for (i = 0; i < r->nhws; i++)
		weeks_version(rp, r, i, first);
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
		w->completed += completed(s);
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

/* A client a homework block names, added to the report's list once. */
static void
client_add(struct report *rp, const char *who)
{
	size_t	i;

	if (who == NULL || who[0] == '\0')
		return;
	for (i = 0; i < rp->nclients; i++)
		if (strcmp(rp->clients[i], who) == 0)
			return;
	rp->clients = xreallocarray(rp->clients, rp->nclients + 1,
	    sizeof *rp->clients);
	rp->clients[rp->nclients++] = who;
}

void
report_build(struct report *rp, const struct report_in *in)
{
	const struct report_given	*g;
	struct report_routine		*r;
	const char			**hash;
	size_t				 i, v;
	int				 has_target;

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
		if (s->hw_present) {
			version_add(r, s);
			client_add(rp, s->hw_for);
		}
		count_session(r, s, &hash[r - rp->rs]);
		collect_events(rp, i);
	}
	free(hash);
	add_given(rp, in);
	for (i = 0; i < rp->nrs; i++) {
		r = &rp->rs[i];
		g = given_of(in, r->id);
		if (g != NULL && r->title == NULL)
			r->title = g->title;
		/*
		 * The homework recorded with the sessions rules: the file
		 * installed where the report is made may be a later revision
		 * (or another person's). Only a routine no session recorded
		 * a block for takes the file's.
		 */
		if (r->nhws == 0 && g != NULL) {
			r->hws = xcalloc(1, sizeof *r->hws);
			r->hws[0].hw = *g->hw;
			r->hws[0].first = r->hws[0].last = -1;
			r->nhws = 1;
		} else if (r->nhws > 0 && g != NULL &&
		    !same_terms(g->hw, &r->hws[r->nhws - 1].hw))
			r->file_hw = g->hw;
		if (r->nhws > 0) {
			r->hw = r->hws[r->nhws - 1].hw;
			client_add(rp, r->hw.for_whom.s);
		}
		has_target = 0;
		for (v = 0; v < r->nhws; v++)
			has_target |= r->hws[v].hw.per_week.set &&
			    r->hws[v].hw.per_week.v > 0;
		if (has_target)
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
		free(rp->ps[i].v_sess);
		free(rp->ps[i].after_sess);
		free(rp->ps[i].still_sess);
	}
	for (i = 0; i < rp->nrs; i++) {
		free(rp->rs[i].weeks);
		free(rp->rs[i].hws);
	}
	free(rp->clients);
	free(rp->ps);
	free(rp->rs);
	free(rp->sv);
	free(rp->flags);
	free(rp->halted);
	free(rp->stops);
	free(rp->worse);
	free(rp->overrides);
	free(rp->interrupted);
	free(rp->skipped);
	memset(rp, 0, sizeof *rp);
}
