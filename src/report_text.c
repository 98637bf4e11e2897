/*
 * The report's words: how the model's areas, limits, periods, homework
 * terms and clients are said, shared by every writer (report_md.c,
 * report_pdf.c, report_csv.c, report_json.c) so that they say them alike.
 * The model itself is computed in report.c.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "dates.h"
#include "halt_why.h"
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

/* Week rows by day, then routine, then as listed. */
static int
week_row_cmp(const void *a, const void *b)
{
	const struct report_week_row *x = a, *y = b;

	if (x->w->day0 != y->w->day0)
		return x->w->day0 < y->w->day0 ? -1 : 1;
	if (x->r != y->r)
		return x->r < y->r ? -1 : 1;
	if (x->w != y->w)
		return x->w < y->w ? -1 : 1;
	return 0;
}

size_t
report_week_rows(const struct report *rp, int homework,
    struct report_week_row **out)
{
	struct report_week_row	*v = NULL;
	size_t			 i, k, n = 0;

	for (i = 0; i < rp->nrs; i++) {
		if ((report_has_target(&rp->rs[i]) != 0) != (homework != 0))
			continue;
		for (k = 0; k < rp->rs[i].nweeks; k++) {
			v = xreallocarray(v, n + 1, sizeof *v);
			v[n].r = &rp->rs[i];
			v[n++].w = &rp->rs[i].weeks[k];
		}
	}
	if (n > 1)
		qsort(v, n, sizeof *v, week_row_cmp);
	*out = v;
	return n;
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

/* What made the user halt (see report.h). */
void
report_halt_why(const struct report *rp, const struct hist_session *s,
    char *buf, size_t len)
{
	const char	*m = halt_why_msgid(s->halt_why);

	buf[0] = '\0';
	if (m != NULL)
		snprintf(buf, len, R_("; stopped for: %s"), R_(m));
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

/* When the period starts, for people (see report.h). */
void
report_since_text(const struct report *rp, char *buf, size_t len)
{
	char	hms[16];

	dates_local(rp->since, "%H%M%S", hms, sizeof hms);
	dates_in(rp->lang, rp->since, strcmp(hms, "000000") == 0 ?
	    DATES_DAY : DATES_STAMP, buf, len);
}

/* A homework's terms (see report.h). */
void
report_hw_terms(const struct report *rp, const struct homework *hw,
    char *buf, size_t len)
{
	char	pw[64];
	size_t	off;

	buf[0] = '\0';
	if (hw->from.s != NULL || hw->until.s != NULL)
		snprintf(buf, len, "%s %s %s", hw->from.s != NULL ? hw->from.s :
		    "?", R_("to"), hw->until.s != NULL ? hw->until.s : "?");
	if (!hw->per_week.set)
		return;
	snprintf(pw, sizeof pw, report_pick((size_t)hw->per_week.v,
	    R_(", %lld session a week"), R_(", %lld sessions a week")),
	    (long long)hw->per_week.v);
	off = strlen(buf);
	/* With no dates before it, the terms start with the target. */
	snprintf(buf + off, len - off, "%s", off == 0 &&
	    strncmp(pw, ", ", 2) == 0 ? pw + 2 : pw);
}

/* The notes under a homework line (see report.h). */
int
report_hw_note(const struct report *rp, const struct report_routine *r,
    size_t i, char *buf, size_t len)
{
	const struct report_hw	*v;
	char			 terms[256], day[32];

	buf[0] = '\0';
	if (r->nhws > 1 && i < r->nhws - 1) {
		v = &r->hws[i];
		report_hw_terms(rp, &v->hw, terms, sizeof terms);
		dates_civil(v->last, day, sizeof day);
		snprintf(buf, len, R_("Up to %s the homework recorded with "
		    "the sessions was %s; each day counts against the "
		    "homework in force on it."), day, terms);
		return 1;
	}
	if (r->file_hw != NULL && i == (r->nhws > 1 ? r->nhws - 1 : 0)) {
		report_hw_terms(rp, r->file_hw, terms, sizeof terms);
		snprintf(buf, len, R_("The routine file installed here says "
		    "%s; this report counts against the homework recorded "
		    "with the sessions."), terms);
		return 1;
	}
	return 0;
}

/* The warning of a report that mixes clients (see report.h). */
void
report_clients_text(const struct report *rp, char *buf, size_t len)
{
	size_t	i, off;

	buf[0] = '\0';
	if (rp->nclients < 2)
		return;
	snprintf(buf, len, "%s", R_("This report mixes the homework of "
	    "several clients:"));
	for (i = 0; i < rp->nclients; i++) {
		off = strlen(buf);
		snprintf(buf + off, len - off, "%s%s", i ? ", " : " ",
		    rp->clients[i]);
	}
	off = strlen(buf);
	snprintf(buf + off, len - off, "%s", R_(". Its overall adherence and "
	    "pain per area put them together: write one report per client "
	    "with --routine ID."));
}

int64_t
report_secs(const struct hist_session *s)
{
	if (s->ended_at == 0 || s->ended_at < s->started_at)
		return 0;
	return s->ended_at - s->started_at;
}

/* Is area row a the area and side ("" or NULL: any side) named? */
static int
area_is(const struct hist_area *a, const char *area, const char *side)
{
	return strcmp(a->area, area) == 0 && (side == NULL ||
	    side[0] == '\0' || a->side[0] == '\0' ||
	    strcmp(a->side, side) == 0);
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
		if (area_is(a, area, side) &&
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

/* The time s did and planned where l held (see report.h). */
void
report_limit_time(const struct hist_session *s, const struct hist_limit *l,
    uint64_t *done_ms, uint64_t *planned_ms)
{
	const struct hist_area	*a;
	size_t			 i;

	*done_ms = *planned_ms = 0;
	for (i = 0; i < s->nareas; i++) {
		a = &s->areas[i];
		if (l->area != NULL && !area_is(a, l->area, l->side))
			continue;
		*done_ms += a->done_ms;
		*planned_ms += a->planned_ms;
	}
}

/* Did s run with every prescribed area left out (see report.h)? */
int
report_no_work(const struct hist_session *s)
{
	size_t	i;
	int	skipped = 0;

	if (!s->ran)
		return 0;
	for (i = 0; i < s->nareas; i++)
		if (s->areas[i].planned_ms > 0)
			return 0;
	for (i = 0; i < s->nlimits; i++)
		skipped |= strcmp(s->limits[i].action, "skipped") == 0;
	return skipped;
}

/* A refused override attempt (see report.h). */
int
report_override_refused(const struct hist_session *s)
{
	return s->outcome == HIST_REFUSED && s->override_reason != NULL;
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
int
report_limit_still(const struct hist_session *s, const struct hist_limit *l)
{
	return (s != NULL && l->rule != NULL && strcmp(l->rule, "halted") ==
	    0 && l->free_at <= s->started_at);
}

/* The words of l's rule, the still-there case first (see report.h). */
const char *
report_limit_word(const struct hist_session *s, const struct hist_limit *l)
{
	if (report_limit_still(s, l))
		return (N_("still there after its hold"));
	return (report_rule_word(l->rule));
}

void
report_limit_label(const struct hist_session *s, const struct hist_limit *l,
    char *buf, size_t len)
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
	if ((why = report_limit_word(s, l)) != NULL)
		snprintf(buf, len, "%s [%s]", area, why);
	else
		snprintf(buf, len, "%s", area);
}

void
report_limit_label_in(const struct report *rp, const struct hist_session *s,
    const struct hist_limit *l, char *buf, size_t len)
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
	if ((why = report_limit_word(s, l)) != NULL)
		snprintf(buf, len, "%s [%s]", area, R_(why));
	else
		snprintf(buf, len, "%s", area);
}

/*
 * What an override did where limit l held, after its rest in buf:
 * "resting until ...; 0:17 of 2:00 planned".
 */
static void
limit_time(const struct report *rp, const struct hist_session *s,
    const struct hist_limit *l, char *buf, size_t len)
{
	uint64_t	done, planned;
	char		d[32], p[32];
	size_t		off = strlen(buf);

	report_limit_time(s, l, &done, &planned);
	if (planned == 0)
		return;		/* none planned there: nothing to say */
	dates_dur((int64_t)(done / 1000), d, sizeof d);
	dates_dur((int64_t)(planned / 1000), p, sizeof p);
	snprintf(buf + off, len - off, R_("; %s of %s planned"), d, p);
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
			report_limit_label_in(rp, s, l, label, sizeof label);
		/*
		 * A report is read weeks later: every date with its day,
		 * month and year, as the rest of the report.
		 */
		dates_in(rp->lang, l->free_at, DATES_STAMP, at, sizeof at);
		/*
		 * A still-sore block has no end time: it holds until a
		 * check-in is answered below SORE_RATING; free_at is
		 * when the next one may be asked.
		 */
		if (l->rule != NULL && strcmp(l->rule, "still-sore") == 0)
			snprintf(until, sizeof until, R_("blocked until a "
			    "check-in below %d/10; next asked from %s"),
			    SORE_RATING, at);
		else if (report_limit_still(s, l))
			snprintf(until, sizeof until, "%s", R_("held while it "
			    "is still there"));
		else
			snprintf(until, sizeof until, R_("resting until %s"),
			    at);
		if (strcmp(action, "overridden") == 0)
			limit_time(rp, s, l, until, sizeof until);
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
	const char	*no_word = R_("overrode, but worked under half the "
			    "planned time, too little to count for rest "
			    "limits:");
	char		 yes[512], no[512];

	if (report_override_refused(s)) {
		report_limits_text(rp, s, "refused", -1, no, sizeof no);
		if (s->strict)
			snprintf(buf, len, R_("tried to override: refused, the "
			    "routine is strict; resting: %s"), no);
		else
			snprintf(buf, len, R_("tried to override a spot halted "
			    "for pain: refused; resting: %s"), no);
		return;
	}
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

/* A session's pain ratings, area by area (see report.h). */
void
report_pains_text(const struct hist_session *s, char *buf, size_t len)
{
	const struct hist_pain	*p;
	char			 name[128];
	size_t			 i, j, off = 0;
	int			 seen, n;

	buf[0] = '\0';
	for (i = 0; i < s->npains && off < len; i++) {
		p = &s->pains[i];
		seen = 0;
		for (j = 0; j < i && !seen; j++)
			seen = report_same_spot(&s->pains[j], p);
		if (seen || p->area == NULL)
			continue;
		n = snprintf(buf + off, len - off, "%s%s%s", off ? "; " : "",
		    report_area_name(p->area, name, sizeof name),
		    p->side == NULL || p->side[0] == '\0' ? "" :
		    p->side[0] == 'l' ? " L" : " R");
		for (j = i; j < s->npains && n >= 0 && (size_t)n < len - off;
		    j++)
			if (report_same_spot(&s->pains[j], p))
				n += snprintf(buf + off + (size_t)n, len - off -
				    (size_t)n, " %d", s->pains[j].pain);
		if (n < 0 || (size_t)n >= len - off) {
			buf[off] = '\0';	/* whole areas only */
			break;
		}
		off += (size_t)n;
	}
}

/* A day-after rating of AFTER_WORSE or more, as a line (see report.h). */
void
report_worse_text(const struct report *rp, const struct report_worse *w,
    char *buf, size_t len)
{
	const struct hist_session	*s = rp->sv[w->session];
	const struct hist_after		*a = &s->afters[w->after];
	char				 at[64], rated[64], label[160];

	dates_in(rp->lang, s->started_at, DATES_STAMP, at, sizeof at);
	dates_in(rp->lang, a->rated_at, DATES_STAMP, rated, sizeof rated);
	report_area_label_in(rp, a->area, a->side, label, sizeof label);
	snprintf(buf, len, R_("%s, %s: %s rated %d/10 the day after (%s): "
	    "much worse than before; a gentler routine or a longer rest "
	    "before working it again"), at, s->routine_id, label, a->rating,
	    rated);
}
