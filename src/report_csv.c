/*
 * The report as CSV: one row per fact, the first column naming the table
 * it belongs to, so that one file opens in any spreadsheet. The same
 * model, periods and numbers as the Markdown; times in UTC. Each column
 * holds one kind of thing (docs/knead.1 lists them per section): counts
 * and ratings in value, targets in target, the rule of a rest limit in
 * rule, seconds in done_s and planned_s.
 */
#include "report.h"

#include <string.h>

#include "dates.h"
#include "textout.h"

/* One row; a NULL field is left empty. */
struct crow {
	const char	*section, *date, *routine, *area, *side;
	const char	*value, *target, *rule, *done_s, *planned_s;
	const char	*detail;
};

/* A field: text someone typed is quoted (tout_csv), NULL is empty. */
static void
field(FILE *fp, const char *s, int quote, int last)
{
	if (s != NULL && quote)
		tout_csv(fp, s);
	else if (s != NULL)
		fputs(s, fp);
	fputs(last ? "\r\n" : ",", fp);
}

static void
put(FILE *fp, const struct crow *r)
{
	field(fp, r->section, 0, 0);
	field(fp, r->date, 0, 0);
	field(fp, r->routine, 1, 0);
	field(fp, r->area, 1, 0);
	field(fp, r->side, 1, 0);
	field(fp, r->value, 0, 0);
	field(fp, r->target, 0, 0);
	field(fp, r->rule, 1, 0);
	field(fp, r->done_s, 0, 0);
	field(fp, r->planned_s, 0, 0);
	field(fp, r->detail, 1, 1);
}

/* Whole seconds of ms, into buf. */
static const char *
secs(uint64_t ms, char *buf, size_t len)
{
	snprintf(buf, len, "%llu", (unsigned long long)(ms / 1000));
	return buf;
}

static const char *
num(long long v, char *buf, size_t len)
{
	snprintf(buf, len, "%lld", v);
	return buf;
}

/* One homework block: one row per field, dated (date: "" or a day). */
static void
c_hw(FILE *fp, const char *id, const struct homework *hw, const char *date)
{
	static const char *const keys[] = { "by", "for", "from", "until",
	    "note" };
	const char	*vals[5];
	struct crow	 r;
	char		 n[32];
	size_t		 i;

	vals[0] = hw->by.s;
	vals[1] = hw->for_whom.s;
	vals[2] = hw->from.s;
	vals[3] = hw->until.s;
	vals[4] = hw->note.s;
	memset(&r, 0, sizeof r);
	r.section = "homework";
	r.date = date;
	r.routine = id;
	for (i = 0; i < 5; i++) {
		if (vals[i] == NULL)
			continue;
		r.value = keys[i];
		r.detail = vals[i];
		put(fp, &r);
	}
	if (hw->per_week.set) {
		r.value = "per-week";
		r.target = num(hw->per_week.v, n, sizeof n);
		r.detail = NULL;
		put(fp, &r);
	}
}

/*
 * Who and what: one row per homework field, each earlier version
 * recorded with the sessions first, dated with its last day in force.
 */
static void
c_homework(FILE *fp, const struct report_routine *r)
{
	char	day[32];
	size_t	i;

	if (!r->hw.present)
		return;
	for (i = 0; i + 1 < r->nhws; i++) {
		dates_civil(r->hws[i].last, day, sizeof day);
		c_hw(fp, r->id, &r->hws[i].hw, day);
	}
	c_hw(fp, r->id, &r->hw, "");
}

/* Adherence over the period and week by week, then the outcomes. */
static void
c_weeks(FILE *fp, const struct report_routine *r)
{
	const struct report_week	*w;
	struct crow			 c;
	char				 a[32], b[32], v[32], t[32], d[256];
	size_t				 k;

	memset(&c, 0, sizeof c);
	c.routine = r->id;
	if (report_has_target(r)) {
		dates_civil(r->period_from, a, sizeof a);
		dates_civil(r->period_to, b, sizeof b);
		snprintf(d, sizeof d, "%s to %s", a, b);
		c.section = "adherence";
		c.date = a;
		c.value = num(r->done, v, sizeof v);
		c.target = num(r->prescribed, t, sizeof t);
		c.detail = d;
		put(fp, &c);
	}
	c.section = "week";
	for (k = 0; k < r->nweeks; k++) {
		w = &r->weeks[k];
		dates_civil(w->day0, a, sizeof a);
		c.date = a;
		c.value = num(w->done, v, sizeof v);
		c.target = report_has_target(r) ? num(w->prescribed, t,
		    sizeof t) : NULL;
		snprintf(d, sizeof d, "%d ran, %d completed, %d day%s%s",
		    w->ran, w->completed, w->ndays, w->ndays == 1 ? "" : "s",
		    w->open ? ", not over" : "");
		c.detail = d;
		put(fp, &c);
	}
	memset(&c, 0, sizeof c);
	c.section = "outcomes";
	c.routine = r->id;
	c.value = num(r->ran, v, sizeof v);
	snprintf(d, sizeof d, "%d completed, %d no prescribed work, "
	    "%d stopped, %d halted, %d interrupted, %d refused, "
	    "%d screened-out, %d overrides, %d overrides refused, %d skips",
	    r->completed, r->no_work, r->stopped, r->halted, r->interrupted,
	    r->refused, r->screened, r->overrides, r->override_refused,
	    r->skips);
	c.detail = d;
	put(fp, &c);
}

/* A rating row of a series: its session's routine, area and side. */
static void
c_rating(FILE *fp, const struct report *rp, const struct report_pain *p,
    const char *section, size_t sess, int64_t at, int value,
    const char *detail)
{
	struct crow	c;
	char		t[64], v[32];

	dates_utc(at, t, sizeof t);
	memset(&c, 0, sizeof c);
	c.section = section;
	c.date = t;
	c.routine = rp->sv[sess]->routine_id;
	c.area = p->area;
	c.side = p->side;
	c.value = value >= 0 ? num(value, v, sizeof v) : NULL;
	c.detail = detail;
	put(fp, &c);
}

/* Pain per area: every rating, the day-after ones, the check-ins. */
static void
c_pain(FILE *fp, const struct report *rp)
{
	const struct report_pain	*p;
	size_t				 i, k;

	for (i = 0; i < rp->nps; i++) {
		p = &rp->ps[i];
		for (k = 0; k < p->n; k++)
			c_rating(fp, rp, p, "pain", p->v_sess[k], p->at[k],
			    p->v[k], NULL);
	}
	for (i = 0; i < rp->nps; i++) {
		p = &rp->ps[i];
		for (k = 0; k < p->nafter; k++)
			c_rating(fp, rp, p, "day-after", p->after_sess[k],
			    p->after_at[k], p->after[k], NULL);
	}
	/* Still-sore check-ins: value empty when skipped; blocked. */
	for (i = 0; i < rp->nps; i++) {
		p = &rp->ps[i];
		for (k = 0; k < p->nstill; k++)
			c_rating(fp, rp, p, "still-sore", p->still_sess[k],
			    p->still_at[k], p->still[k], p->still[k] < 0 ?
			    "skipped" : p->still_blocks[k] ? "blocked" : NULL);
	}
}

/* Screening "yes" answers (red flags), then halted sessions. */
static void
c_flags(FILE *fp, const struct report *rp)
{
	const struct hist_session	*s;
	struct crow			 c;
	char				 t[64], d[32], d2[32], det[128];
	size_t				 i;

	memset(&c, 0, sizeof c);
	c.section = "red-flag";
	c.date = t;
	c.value = "yes";
	for (i = 0; i < rp->nflags; i++) {
		s = rp->sv[rp->flags[i].session];
		dates_utc(s->started_at, t, sizeof t);
		c.routine = s->routine_id;
		c.detail = s->answers[rp->flags[i].answer].question;
		put(fp, &c);
	}
	/* Where "!" stopped: the step's area, side and kind, its time. */
	memset(&c, 0, sizeof c);
	c.section = "halted";
	c.date = t;
	for (i = 0; i < rp->nhalted; i++) {
		s = rp->sv[rp->halted[i]];
		dates_utc(s->started_at, t, sizeof t);
		c.routine = s->routine_id;
		c.area = s->last_area;
		c.side = s->last_side;
		c.value = s->last_kind;
		c.done_s = s->last_kind != NULL ? secs(s->last_done_ms, d,
		    sizeof d) : NULL;
		/* The answer after the halt, as stored (halt_why.h). */
		snprintf(det, sizeof det, "after %s s of the session%s%s",
		    num(report_secs(s), d2, sizeof d2), s->halt_why != NULL ?
		    "; stopped for: " : "", s->halt_why != NULL ?
		    s->halt_why : "");
		c.detail = det;
		put(fp, &c);
	}
}

/* Work stopped for pain, then much worse the day after. */
static void
c_stops(FILE *fp, const struct report *rp)
{
	const struct report_stop	*x;
	const struct hist_session	*s;
	const struct hist_after		*a;
	struct crow			 c;
	char				 t[64], v[32];
	size_t				 i;

	memset(&c, 0, sizeof c);
	c.section = "pain-stop";
	c.date = t;
	c.detail = "held 48 h";
	for (i = 0; i < rp->nstops; i++) {
		x = &rp->stops[i];
		dates_utc(rp->sv[x->session]->started_at, t, sizeof t);
		c.routine = rp->sv[x->session]->routine_id;
		c.area = x->area;
		c.side = x->side;
		c.value = num(x->rating, v, sizeof v);
		put(fp, &c);
	}
	c.section = "day-after-worse";
	c.detail = "much worse the day after";
	for (i = 0; i < rp->nworse; i++) {
		s = rp->sv[rp->worse[i].session];
		a = &s->afters[rp->worse[i].after];
		dates_utc(a->rated_at, t, sizeof t);
		c.routine = s->routine_id;
		c.area = a->area;
		c.side = a->side;
		c.value = num(a->rating, v, sizeof v);
		put(fp, &c);
	}
}

/* One rest-limit event of session s, right after its row. */
static void
c_limit(FILE *fp, const struct hist_session *s, const struct hist_limit *l,
    const char *t)
{
	struct crow	c;
	uint64_t	done, planned;
	char		d[32], p[32];
	int		over = strcmp(l->action, "overridden") == 0;

	memset(&c, 0, sizeof c);
	c.section = l->action;
	c.date = t;
	c.routine = s->routine_id;
	c.area = l->area != NULL ? l->area : l->rule != NULL ? l->rule :
	    "per-week";
	c.side = l->side;
	c.rule = l->rule;
	if (over) {
		c.value = report_limit_worked(s, l) ? "worked" : "not worked";
		report_limit_time(s, l, &done, &planned);
		c.done_s = secs(done, d, sizeof d);
		c.planned_s = secs(planned, p, sizeof p);
		c.detail = s->override_reason;
	} else if (report_override_refused(s))
		c.detail = s->strict ? "override refused: strict" :
		    "override refused: halted";
	put(fp, &c);
}

/* One session and its rest-limit events. */
static void
c_session(FILE *fp, const struct hist_session *s)
{
	struct crow	c;
	char		t[64], d[32], p[32], o[64];
	size_t		k;

	dates_utc(s->started_at, t, sizeof t);
	memset(&c, 0, sizeof c);
	c.section = "session";
	c.date = t;
	c.routine = s->routine_id;
	/* Not "completed" when there was nothing prescribed to complete. */
	snprintf(o, sizeof o, "%s%s", hist_outcome_name(s->outcome),
	    report_no_work(s) ? " (no prescribed work)" : "");
	c.value = o;
	c.done_s = secs(s->done_ms, d, sizeof d);
	c.planned_s = secs(s->planned_ms, p, sizeof p);
	c.detail = s->override_reason;
	put(fp, &c);
	for (k = 0; k < s->nlimits; k++)
		c_limit(fp, s, &s->limits[k], t);
}

void
report_csv(FILE *fp, const struct report *rp)
{
	struct crow	c;
	size_t		i;
	char		t[64], a[64], v[32], p[32];

	fprintf(fp, "section,date,routine,area,side,value,target,rule,done_s,"
	    "planned_s,detail\r\n");
	/* The period: from its start (empty: everything) to the report's. */
	dates_utc(rp->now, t, sizeof t);
	if (rp->since > 0)
		dates_utc(rp->since, a, sizeof a);
	memset(&c, 0, sizeof c);
	c.section = "period";
	c.date = rp->since > 0 ? a : NULL;
	c.detail = t;
	put(fp, &c);
	c_flags(fp, rp);
	c_stops(fp, rp);
	for (i = 0; i < rp->nrs; i++) {
		c_homework(fp, &rp->rs[i]);
		c_weeks(fp, &rp->rs[i]);
	}
	if (rp->prescribed > 0) {
		memset(&c, 0, sizeof c);
		c.section = "adherence";
		c.routine = "(all)";
		c.value = num(rp->done, v, sizeof v);
		c.target = num(rp->prescribed, p, sizeof p);
		put(fp, &c);
	}
	c_pain(fp, rp);
	for (i = 0; i < rp->n; i++)
		c_session(fp, rp->sv[i]);
}
