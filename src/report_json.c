/*
 * The report as JSON: the same model as the Markdown, times in UTC, days
 * as "YYYY-MM-DD". Also one stored session as an object, which
 * `knead history --json` writes too.
 */
#include "report.h"

#include <string.h>

#include "dates.h"
#include "textout.h"

/* "key": "2026-11-23T08:14:00Z" or null. */
static void
j_time(FILE *fp, const char *key, int64_t t)
{
	char	b[64];

	fprintf(fp, "\"%s\": ", key);
	if (t == 0) {
		fputs("null", fp);
		return;
	}
	dates_utc(t, b, sizeof b);
	fprintf(fp, "\"%s\"", b);
}

/* "key": "2026-11-23", or the value alone. */
static void
j_day(FILE *fp, const char *key, int64_t day)
{
	char	b[32];

	dates_civil(day, b, sizeof b);
	if (key != NULL)	/* NULL: the value alone */
		fprintf(fp, "\"%s\": ", key);
	fprintf(fp, "\"%s\"", b);
}

/* A ratio with three decimals (not %f: LC_NUMERIC may want a comma). */
static void
j_ratio(FILE *fp, int num, int den)
{
	int	k;

	if (den <= 0) {
		fputs("null", fp);
		return;
	}
	k = (num * 1000 + den / 2) / den;
	fprintf(fp, "%d.%03d", k / 1000, k % 1000);
}

static void
j_str(FILE *fp, const char *key, const char *s)
{
	fprintf(fp, "\"%s\": ", key);
	tout_json(fp, s);
}

/* The areas of a session. */
static void
j_areas(FILE *fp, const struct hist_session *s)
{
	size_t	i;

	fprintf(fp, ", \"areas\": [");
	for (i = 0; i < s->nareas; i++) {
		fprintf(fp, "%s{", i ? ", " : "");
		j_str(fp, "area", s->areas[i].area);
		fprintf(fp, ", ");
		j_str(fp, "side", s->areas[i].side);
		fprintf(fp, ", \"planned_s\": %llu, \"done_s\": %llu",
		    (unsigned long long)(s->areas[i].planned_ms / 1000),
		    (unsigned long long)(s->areas[i].done_ms / 1000));
		if (s->areas[i].pain_first >= 0)
			fprintf(fp, ", \"pain_first\": %d, \"pain_last\": %d",
			    s->areas[i].pain_first, s->areas[i].pain_last);
		fprintf(fp, "}");
	}
	fprintf(fp, "]");
}

/* The rest-limit events, the last step and the screening answers. */
static void
j_events(FILE *fp, const struct hist_session *s)
{
	size_t	i;

	fprintf(fp, ", \"limits\": [");
	for (i = 0; i < s->nlimits; i++) {
		fprintf(fp, "%s{", i ? ", " : "");
		j_str(fp, "action", s->limits[i].action);
		fprintf(fp, ", ");
		j_str(fp, "area", s->limits[i].area);
		fprintf(fp, ", ");
		j_str(fp, "side", s->limits[i].side);
		fprintf(fp, ", ");
		j_time(fp, "free_at", s->limits[i].free_at);
		fprintf(fp, ", \"clock_behind\": %s, ",
		    s->limits[i].clock_behind ? "true" : "false");
		j_str(fp, "rule", s->limits[i].rule);
		fprintf(fp, "}");
	}
	fprintf(fp, "], \"last_step\": ");
	if (s->last_kind != NULL) {
		fprintf(fp, "{");
		j_str(fp, "kind", s->last_kind);
		fprintf(fp, ", ");
		j_str(fp, "area", s->last_area);
		fprintf(fp, ", ");
		j_str(fp, "side", s->last_side);
		fprintf(fp, ", \"done_s\": %llu}",
		    (unsigned long long)(s->last_done_ms / 1000));
	} else
		fprintf(fp, "null");
	fprintf(fp, ", \"screen\": [");
	for (i = 0; i < s->nanswers; i++) {
		fprintf(fp, "%s{", i ? ", " : "");
		j_str(fp, "question", s->answers[i].question);
		fprintf(fp, ", ");
		j_str(fp, "answer", s->answers[i].answer);
		fprintf(fp, "}");
	}
	fprintf(fp, "], \"day_after\": [");
	for (i = 0; i < s->nafters; i++) {
		fprintf(fp, "%s{", i ? ", " : "");
		j_str(fp, "area", s->afters[i].area);
		fprintf(fp, ", ");
		j_str(fp, "side", s->afters[i].side);
		fprintf(fp, ", \"rating\": %d, ", s->afters[i].rating);
		j_time(fp, "rated", s->afters[i].rated_at);
		fprintf(fp, "}");
	}
	fprintf(fp, "], \"still_sore\": [");
	for (i = 0; i < s->ncheckins; i++) {
		fprintf(fp, "%s{", i ? ", " : "");
		j_str(fp, "area", s->checkins[i].area);
		fprintf(fp, ", ");
		j_str(fp, "side", s->checkins[i].side);
		if (s->checkins[i].rating < 0)
			fprintf(fp, ", \"rating\": null, ");
		else
			fprintf(fp, ", \"rating\": %d, ",
			    s->checkins[i].rating);
		j_time(fp, "asked", s->checkins[i].asked_at);
		fprintf(fp, ", \"blocks\": %s}", s->checkins[i].blocks ?
		    "true" : "false");
	}
	fprintf(fp, "]");
}

void
report_json_session(FILE *fp, const struct hist_session *s)
{
	fprintf(fp, "{\"id\": %lld, ", (long long)s->id);
	j_str(fp, "routine", s->routine_id);
	fprintf(fp, ", ");
	j_str(fp, "title", s->title);
	fprintf(fp, ", ");
	j_str(fp, "file_hash", s->file_hash);
	fprintf(fp, ", ");
	j_time(fp, "started", s->started_at);
	fprintf(fp, ", ");
	j_time(fp, "ended", s->ended_at);
	fprintf(fp, ", \"outcome\": \"%s\", \"ran\": %s, \"half_done\": %s",
	    hist_outcome_name(s->outcome), s->ran ? "true" : "false",
	    s->half_done ? "true" : "false");
	/* Every area it works resting and left out (report_no_work). */
	fprintf(fp, ", \"no_work\": %s", report_no_work(s) ? "true" :
	    "false");
	/* false: closed by the next start; nothing after "ended" is known. */
	fprintf(fp, ", \"end_recorded\": %s", s->end_unknown ? "false" :
	    "true");
	fprintf(fp, ", \"duration_s\": %lld, \"planned_s\": %llu, "
	    "\"done_s\": %llu, \"steps\": %zu, ", (long long)report_secs(s),
	    (unsigned long long)(s->planned_ms / 1000),
	    (unsigned long long)(s->done_ms / 1000), s->nsteps);
	/* Per area first and last: areas[]; never across areas. */
	if (s->pain_max >= 0)
		fprintf(fp, "\"pain_max\": %d", s->pain_max);
	else
		fprintf(fp, "\"pain_max\": null");
	fprintf(fp, ", ");
	j_str(fp, "override_reason", s->override_reason);
	fprintf(fp, ", ");
	j_str(fp, "halt_why", s->halt_why);
	j_areas(fp, s);
	j_events(fp, s);
	fprintf(fp, "}");
}

/* A homework block as an object. */
static void
j_hw(FILE *fp, const struct homework *hw)
{
	fprintf(fp, "{");
	j_str(fp, "by", hw->by.s);
	fprintf(fp, ", ");
	j_str(fp, "for", hw->for_whom.s);
	fprintf(fp, ", ");
	j_str(fp, "from", hw->from.s);
	fprintf(fp, ", ");
	j_str(fp, "until", hw->until.s);
	fprintf(fp, ", \"per_week\": ");
	if (hw->per_week.set)
		fprintf(fp, "%lld", (long long)hw->per_week.v);
	else
		fputs("null", fp);
	fprintf(fp, ", ");
	j_str(fp, "note", hw->note.s);
	fprintf(fp, "}");
}

/*
 * Who and what: the homework block of a routine (the last recorded with
 * its sessions), or null; every version recorded, each with the days it
 * was in force; the installed file's block when it differs, or null.
 */
static void
j_homework(FILE *fp, const struct report_routine *r)
{
	const struct report_hw	*v;
	size_t			 i;

	fprintf(fp, "\"homework\": ");
	if (!r->hw.present)
		fputs("null", fp);
	else
		j_hw(fp, &r->hw);
	fprintf(fp, ",\n     \"homework_versions\": [");
	for (i = 0; i < r->nhws; i++) {
		v = &r->hws[i];
		fprintf(fp, "%s{\"in_force_from\": ", i ? ", " : "");
		if (i == 0)
			fputs("null", fp);
		else
			j_day(fp, NULL, v->first);
		fprintf(fp, ", \"in_force_to\": ");
		if (v->last < 0)
			fputs("null", fp);
		else
			j_day(fp, NULL, v->last);
		fprintf(fp, ", \"homework\": ");
		j_hw(fp, &v->hw);
		fprintf(fp, "}");
	}
	fprintf(fp, "], \"installed_homework\": ");
	if (r->file_hw == NULL)
		fputs("null", fp);
	else
		j_hw(fp, r->file_hw);
}

/* One routine: who and what, adherence, counts and its weeks. */
static void
j_routine(FILE *fp, const struct report_routine *r)
{
	const struct report_week	*w;
	size_t				 k;

	fprintf(fp, "{");
	j_str(fp, "id", r->id);
	fprintf(fp, ", ");
	j_str(fp, "title", r->title);
	fprintf(fp, ",\n     ");
	j_homework(fp, r);
	fprintf(fp, ",\n     \"adherence\": ");
	if (report_has_target(r)) {
		fprintf(fp, "{");
		j_day(fp, "from", r->period_from);
		fprintf(fp, ", ");
		j_day(fp, "to", r->period_to);
		fprintf(fp, ", \"done\": %d, \"prescribed\": %d, \"rate\": ",
		    r->done, r->prescribed);
		j_ratio(fp, r->done, r->prescribed);
		fprintf(fp, "}");
	} else
		fputs("null", fp);
	fprintf(fp, ",\n     \"sessions\": %d, \"completed\": %d, "
	    "\"no_work\": %d, \"completion_rate\": ", r->ran, r->completed,
	    r->no_work);
	j_ratio(fp, r->completed, r->rated);
	fprintf(fp, ", \"stopped\": %d, \"halted\": %d, \"interrupted\": %d, "
	    "\"refused\": %d, \"screened_out\": %d, \"overrides\": %d, "
	    "\"overrides_refused\": %d, \"skips\": %d, \"file_versions\": "
	    "%d,\n     \"weeks\": [", r->stopped, r->halted, r->interrupted,
	    r->refused, r->screened, r->overrides, r->override_refused,
	    r->skips, r->versions);
	for (k = 0; k < r->nweeks; k++) {
		w = &r->weeks[k];
		fprintf(fp, "%s\n      {", k ? "," : "");
		j_day(fp, "week_of", w->day0);
		fprintf(fp, ", \"days\": %d, \"sessions\": %d, \"done\": %d, "
		    "\"completed\": %d, \"prescribed\": %d, \"open\": %s",
		    w->ndays, w->ran, w->done, w->completed, w->prescribed,
		    w->open ? "true" : "false");
		/* A revision's first part week: the day it came in force. */
		fprintf(fp, ", \"revised\": ");
		if (w->revised >= 0)
			j_day(fp, NULL, w->revised);
		else
			fputs("null", fp);
		fprintf(fp, "}");
	}
	fprintf(fp, "]}");
}

/* Pain per area: every rating with its time. */
static void
j_pain(FILE *fp, const struct report *rp)
{
	size_t	i, k;
	char	t[64];

	fprintf(fp, "\n  \"pain\": [");
	for (i = 0; i < rp->nps; i++) {
		fprintf(fp, "%s\n    {", i ? "," : "");
		j_str(fp, "area", rp->ps[i].area);
		fprintf(fp, ", ");
		j_str(fp, "side", rp->ps[i].side);
		fprintf(fp, ", \"ratings\": [");
		for (k = 0; k < rp->ps[i].n; k++) {
			dates_utc(rp->ps[i].at[k], t, sizeof t);
			fprintf(fp, "%s{\"at\": \"%s\", \"pain\": %d}",
			    k ? ", " : "", t, rp->ps[i].v[k]);
		}
		fprintf(fp, "], \"day_after\": [");
		for (k = 0; k < rp->ps[i].nafter; k++) {
			dates_utc(rp->ps[i].after_at[k], t, sizeof t);
			fprintf(fp, "%s{\"at\": \"%s\", \"rating\": %d}",
			    k ? ", " : "", t, rp->ps[i].after[k]);
		}
		fprintf(fp, "]}");
	}
	fprintf(fp, "\n  ],");
}

/* The areas an override passed, each worked past or not. */
static void
j_override_areas(FILE *fp, const struct hist_session *s)
{
	const struct hist_limit	*l;
	uint64_t		 done, planned;
	size_t			 k;
	int			 n = 0;

	fprintf(fp, ", \"areas\": [");
	for (k = 0; k < s->nlimits; k++) {
		l = &s->limits[k];
		if (l->area == NULL || strcmp(l->action, "overridden") != 0)
			continue;
		fprintf(fp, "%s{", n++ ? ", " : "");
		j_str(fp, "area", l->area);
		fprintf(fp, ", ");
		j_str(fp, "side", l->side != NULL ? l->side : "");
		report_limit_time(s, l, &done, &planned);
		fprintf(fp, ", \"done_s\": %llu, \"planned_s\": %llu, "
		    "\"worked\": %s}", (unsigned long long)(done / 1000),
		    (unsigned long long)(planned / 1000),
		    report_limit_worked(s, l) ? "true" : "false");
	}
	fprintf(fp, "]");
}

/* The red flags and the lists of session ids by event. */
static void
j_events_lists(FILE *fp, const struct report *rp)
{
	const struct hist_session	*s;
	const struct hist_after		*a;
	size_t				 i;

	fprintf(fp, "\n  \"red_flags\": [");
	for (i = 0; i < rp->nflags; i++) {
		s = rp->sv[rp->flags[i].session];
		fprintf(fp, "%s\n    {\"session\": %lld, ", i ? "," : "",
		    (long long)s->id);
		j_time(fp, "at", s->started_at);
		fprintf(fp, ", ");
		j_str(fp, "routine", s->routine_id);
		fprintf(fp, ", ");
		j_str(fp, "question", s->answers[rp->flags[i].answer].question);
		fprintf(fp, "}");
	}
	fprintf(fp, "\n  ],\n  \"halted\": [");
	for (i = 0; i < rp->nhalted; i++)
		fprintf(fp, "%s%lld", i ? ", " : "",
		    (long long)rp->sv[rp->halted[i]]->id);
	fprintf(fp, "],\n  \"pain_stops\": [");
	for (i = 0; i < rp->nstops; i++) {
		fprintf(fp, "%s\n    {\"session\": %lld, ", i ? "," : "",
		    (long long)rp->sv[rp->stops[i].session]->id);
		j_str(fp, "area", rp->stops[i].area);
		fprintf(fp, ", ");
		j_str(fp, "side", rp->stops[i].side);
		fprintf(fp, ", \"rating\": %d}", rp->stops[i].rating);
	}
	fprintf(fp, "%s],\n  \"day_after_worse\": [", rp->nstops ? "\n  " :
	    "");
	for (i = 0; i < rp->nworse; i++) {
		s = rp->sv[rp->worse[i].session];
		a = &s->afters[rp->worse[i].after];
		fprintf(fp, "%s\n    {\"session\": %lld, ", i ? "," : "",
		    (long long)s->id);
		j_str(fp, "area", a->area);
		fprintf(fp, ", ");
		j_str(fp, "side", a->side);
		fprintf(fp, ", \"rating\": %d, ", a->rating);
		j_time(fp, "rated", a->rated_at);
		fprintf(fp, "}");
	}
	fprintf(fp, "%s],\n  \"overrides\": [", rp->nworse ? "\n  " : "");
	for (i = 0; i < rp->noverrides; i++) {
		s = rp->sv[rp->overrides[i]];
		fprintf(fp, "%s\n    {\"session\": %lld, \"refused\": %s, "
		    "\"did_work\": %s, ", i ? "," : "", (long long)s->id,
		    report_override_refused(s) ? "true" : "false",
		    report_did_work(s) ? "true" : "false");
		j_str(fp, "reason", s->override_reason);
		j_override_areas(fp, s);
		fprintf(fp, "}");
	}
	fprintf(fp, "\n  ],");
}

void
report_json(FILE *fp, const struct report *rp)
{
	size_t	i;

	fprintf(fp, "{\n  \"knead\": \"%s\", ", KNEAD_VERSION);
	j_time(fp, "generated", rp->now);
	fprintf(fp, ", ");
	j_time(fp, "since", rp->since);
	fprintf(fp, ", ");
	j_str(fp, "routine_filter", rp->routine);
	fprintf(fp, ", \"clients\": [");
	for (i = 0; i < rp->nclients; i++) {
		fprintf(fp, "%s", i ? ", " : "");
		tout_json(fp, rp->clients[i]);
	}
	fprintf(fp, "],\n  \"adherence\": {\"done\": %d, \"prescribed\": %d, "
	    "\"rate\": ", rp->done, rp->prescribed);
	j_ratio(fp, rp->done, rp->prescribed);
	fprintf(fp, "},");
	j_events_lists(fp, rp);
	fprintf(fp, "\n  \"routines\": [");
	for (i = 0; i < rp->nrs; i++) {
		fprintf(fp, "%s\n    ", i ? "," : "");
		j_routine(fp, &rp->rs[i]);
	}
	fprintf(fp, "\n  ],");
	j_pain(fp, rp);
	fprintf(fp, "\n  \"sessions\": [");
	for (i = 0; i < rp->n; i++) {
		fprintf(fp, "%s\n    ", i ? "," : "");
		report_json_session(fp, rp->sv[i]);
	}
	fprintf(fp, "\n  ]\n}\n");
}
