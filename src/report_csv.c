/*
 * The report as CSV: one row per fact, the first column naming the table
 * it belongs to, so that one file opens in any spreadsheet. The same
 * model, periods and numbers as the Markdown; times in UTC.
 */
#include "report.h"

#include <string.h>

#include "dates.h"
#include "textout.h"

/* The start of a row: section, date (UTC time or day) and routine. */
static void
row(FILE *fp, const char *section, const char *date, const char *routine)
{
	fprintf(fp, "%s,%s,", section, date);
	tout_csv(fp, routine);
}

/* One homework block: one row per field, dated (date: "" or a day). */
static void
c_hw(FILE *fp, const char *id, const struct homework *hw, const char *date)
{
	static const char *const keys[] = { "by", "for", "from", "until",
	    "note" };
	const char	*vals[5];
	size_t		 i;

	vals[0] = hw->by.s;
	vals[1] = hw->for_whom.s;
	vals[2] = hw->from.s;
	vals[3] = hw->until.s;
	vals[4] = hw->note.s;
	for (i = 0; i < 5; i++) {
		if (vals[i] == NULL)
			continue;
		row(fp, "homework", date, id);
		fprintf(fp, ",,,%s,,", keys[i]);
		tout_csv(fp, vals[i]);
		fprintf(fp, "\r\n");
	}
	if (hw->per_week.set) {
		row(fp, "homework", date, id);
		fprintf(fp, ",,,per-week,%lld,\r\n", (long long)hw->per_week.v);
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

/* Adherence over the period and week by week. */
static void
c_weeks(FILE *fp, const struct report_routine *r)
{
	const struct report_week	*w;
	char				 a[32], b[32];
	size_t				 k;

	if (report_has_target(r)) {
		dates_civil(r->period_from, a, sizeof a);
		dates_civil(r->period_to, b, sizeof b);
		row(fp, "adherence", a, r->id);
		fprintf(fp, ",,,%d,%d,\"%s to %s\"\r\n", r->done,
		    r->prescribed, a, b);
	}
	for (k = 0; k < r->nweeks; k++) {
		w = &r->weeks[k];
		dates_civil(w->day0, a, sizeof a);
		row(fp, "week", a, r->id);
		fprintf(fp, ",,,%d,", w->done);
		if (report_has_target(r))
			fprintf(fp, "%d", w->prescribed);
		fprintf(fp, ",\"%d ran, %d completed, %d days%s\"\r\n", w->ran,
		    w->completed, w->ndays, w->open ? ", not over" : "");
	}
	row(fp, "outcomes", "", r->id);
	fprintf(fp, ",,,%d,,\"%d completed, %d stopped, %d halted, "
	    "%d interrupted, %d refused, %d screened-out, %d overrides, "
	    "%d skips\"\r\n", r->ran, r->completed, r->stopped, r->halted,
	    r->interrupted, r->refused, r->screened, r->overrides, r->skips);
}

/* Still-sore check-ins: value empty when skipped; detail blocked. */
static void
c_still(FILE *fp, const struct report *rp)
{
	char	t[64];
	size_t	i, k;

	for (i = 0; i < rp->nps; i++) {
		for (k = 0; k < rp->ps[i].nstill; k++) {
			dates_utc(rp->ps[i].still_at[k], t, sizeof t);
			row(fp, "still-sore", t, "");
			fprintf(fp, ",");
			tout_csv(fp, rp->ps[i].area);
			fprintf(fp, ",");
			tout_csv(fp, rp->ps[i].side);
			if (rp->ps[i].still[k] < 0)
				fprintf(fp, ",,,skipped\r\n");
			else
				fprintf(fp, ",%d,,%s\r\n", rp->ps[i].still[k],
				    rp->ps[i].still_blocks[k] ? "blocked" : "");
		}
	}
}

/* Pain per area: every rating. */
static void
c_pain(FILE *fp, const struct report *rp)
{
	char	t[64];
	size_t	i, k;

	for (i = 0; i < rp->nps; i++) {
		for (k = 0; k < rp->ps[i].n; k++) {
			dates_utc(rp->ps[i].at[k], t, sizeof t);
			row(fp, "pain", t, "");
			fprintf(fp, ",");
			tout_csv(fp, rp->ps[i].area);
			fprintf(fp, ",");
			tout_csv(fp, rp->ps[i].side);
			fprintf(fp, ",%d,,\r\n", rp->ps[i].v[k]);
		}
	}
	for (i = 0; i < rp->nps; i++) {
		for (k = 0; k < rp->ps[i].nafter; k++) {
			dates_utc(rp->ps[i].after_at[k], t, sizeof t);
			row(fp, "day-after", t, "");
			fprintf(fp, ",");
			tout_csv(fp, rp->ps[i].area);
			fprintf(fp, ",");
			tout_csv(fp, rp->ps[i].side);
			fprintf(fp, ",%d,,\r\n", rp->ps[i].after[k]);
		}
	}
	c_still(fp, rp);
}

/* Screening "yes" answers (red flags). */
static void
c_flags(FILE *fp, const struct report *rp)
{
	const struct hist_session	*s;
	char				 t[64];
	size_t				 i;

	for (i = 0; i < rp->nflags; i++) {
		s = rp->sv[rp->flags[i].session];
		dates_utc(s->started_at, t, sizeof t);
		row(fp, "red-flag", t, s->routine_id);
		fprintf(fp, ",,,yes,,");
		tout_csv(fp, s->answers[rp->flags[i].answer].question);
		fprintf(fp, "\r\n");
	}
}

/* Work stopped for pain: area, side and the rating (value column). */
static void
c_stops(FILE *fp, const struct report *rp)
{
	const struct report_stop	*x;
	char				 t[64];
	size_t				 i;

	for (i = 0; i < rp->nstops; i++) {
		x = &rp->stops[i];
		dates_utc(rp->sv[x->session]->started_at, t, sizeof t);
		row(fp, "pain-stop", t, rp->sv[x->session]->routine_id);
		fprintf(fp, ",");
		tout_csv(fp, x->area);
		fprintf(fp, ",");
		tout_csv(fp, x->side);
		fprintf(fp, ",%d,,held 48 h\r\n", x->rating);
	}
}

/* One session and its rest-limit events. */
static void
c_session(FILE *fp, const struct hist_session *s)
{
	char	t[64];
	size_t	k;

	dates_utc(s->started_at, t, sizeof t);
	row(fp, "session", t, s->routine_id);
	fprintf(fp, ",,,%s,%lld,", hist_outcome_name(s->outcome),
	    (long long)(s->done_ms / 1000));
	if (s->override_reason != NULL)
		tout_csv(fp, s->override_reason);
	fprintf(fp, "\r\n");
	for (k = 0; k < s->nlimits; k++) {
		row(fp, s->limits[k].action, t, s->routine_id);
		fprintf(fp, ",");
		tout_csv(fp, s->limits[k].area != NULL ? s->limits[k].area :
		    s->limits[k].rule != NULL ? s->limits[k].rule : "per-week");
		fprintf(fp, ",");
		tout_csv(fp, s->limits[k].side);
		fprintf(fp, ",");
		/* The target column names the rule (empty: not recorded). */
		if (strcmp(s->limits[k].action, "overridden") == 0)
			fprintf(fp, "%s,", report_limit_worked(s,
			    &s->limits[k]) ? "worked" : "not worked");
		else
			fprintf(fp, ",");
		if (s->limits[k].rule != NULL)
			tout_csv(fp, s->limits[k].rule);
		fprintf(fp, ",");
		if (strcmp(s->limits[k].action, "overridden") == 0)
			tout_csv(fp, s->override_reason);
		fprintf(fp, "\r\n");
	}
}

void
report_csv(FILE *fp, const struct report *rp)
{
	size_t	i;
	char	t[64], a[64];

	fprintf(fp, "section,date,routine,area,side,value,target,detail\r\n");
	/* The period: from its start (empty: everything) to the report's. */
	dates_utc(rp->now, t, sizeof t);
	fprintf(fp, "period,");
	if (rp->since > 0) {
		dates_utc(rp->since, a, sizeof a);
		fprintf(fp, "%s", a);
	}
	fprintf(fp, ",,,,,,%s\r\n", t);
	c_flags(fp, rp);
	c_stops(fp, rp);
	for (i = 0; i < rp->nrs; i++) {
		c_homework(fp, &rp->rs[i]);
		c_weeks(fp, &rp->rs[i]);
	}
	if (rp->prescribed > 0)
		fprintf(fp, "adherence,,\"(all)\",,,%d,%d,\r\n", rp->done,
		    rp->prescribed);
	c_pain(fp, rp);
	for (i = 0; i < rp->n; i++)
		c_session(fp, rp->sv[i]);
}
