/*
 * knead history's listing: one line per session with its notes below it
 * (the halt, pain stops, areas not done, ratings, day-after answers and
 * check-ins, overrides, skipped and refused areas), in the screen's
 * language, or as CSV; then the pain trends and this homework week.
 * Everything read from the store goes through textout.h.
 */
#include "histcmd.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "compat.h"
#include "dates.h"
#include "halt_why.h"
#include "history.h"
#include "i18n.h"
#include "library.h"
#include "report.h"
#include "textout.h"
#include "utf8.h"
#include "xmalloc.h"

/* Whether session s worked its area row i (history_area_worked). */
static int
area_row_worked(const struct hist_session *s, size_t i)
{
	return (history_area_worked(s->areas[i].planned_ms,
	    s->areas[i].done_ms));
}

/*
 * "upper trapezius L R, rhomboids L": the areas a session worked, as the
 * rest rules count them (half the planned pressure time done); areas it
 * never reached or only touched are not listed.
 */
static void
areas_summary(const struct hist_session *s, int screen, char *buf,
    size_t len)
{
	const struct area *a;
	char	name[128];
	size_t	i, j, off = 0;
	int	seen;

	buf[0] = '\0';
	for (i = 0; i < s->nareas && off < len; i++) {
		if (!area_row_worked(s, i))
			continue;
		seen = 0;
		for (j = 0; j < i; j++)
			seen |= area_row_worked(s, j) &&
			    strcmp(s->areas[j].area, s->areas[i].area) == 0;
		if (seen)
			continue;
		a = screen ? area_find(s->areas[i].area) : NULL;
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
		    off ? ", " : "", a != NULL ? area_label(a) :
		    report_area_name(s->areas[i].area, name, sizeof name));
		for (j = i; j < s->nareas && off < len; j++) {
			if (strcmp(s->areas[j].area, s->areas[i].area) != 0 ||
			    s->areas[j].side[0] == '\0' ||
			    !area_row_worked(s, j))
				continue;
			off += (size_t)snprintf(buf + off, len - off, " %s",
			    s->areas[j].side[0] == 'l' ?
			    (screen ? C_("side letter", "L") : "L") :
			    (screen ? C_("side letter", "R") : "R"));
		}
	}
	if (off >= len && len > 4)
		memcpy(buf + len - 4, "...", 4);
}

/* report_limit_label in the screen's language. */
static void
screen_limit_label(const struct hist_session *s, const struct hist_limit *l,
    char *buf, size_t len)
{
	char		 area[128];
	const char	*why = NULL;

	if (l->area == NULL) {
		snprintf(buf, len, "%s", l->rule != NULL &&
		    strcmp(l->rule, "per-month") == 0 ?
		    _("sessions per month") : _("sessions per week"));
		return;
	}
	area_side_label(l->area, l->side, area, sizeof area);
	if ((why = report_limit_word(s, l)) != NULL)
		why = _(why);
	if (why != NULL)
		snprintf(buf, len, "%s [%s]", area, why);
	else
		snprintf(buf, len, "%s", area);
}

/*
 * The rest-limit events of one kind, "a (left), b" into buf: in English
 * for a machine format, in the screen's language when screen is set.
 */
static void
limits_of(const struct hist_session *s, const char *action, int screen,
    char *buf, size_t len)
{
	char	label[300];
	size_t	i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < s->nlimits && off < len; i++) {
		if (strcmp(s->limits[i].action, action) != 0)
			continue;
		if (screen)
			screen_limit_label(s, &s->limits[i], label,
			    sizeof label);
		else
			report_limit_label(s, &s->limits[i], label,
			    sizeof label);
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
		    off ? ", " : "", label);
	}
}

/*
 * The areas whose work a pain rating of PAIN_STOP_RATING or more stopped
 * (held 48 h as after a halt), each once with its highest rating.
 */
static void
print_pain_stops(FILE *fp, const struct hist_session *s)
{
	struct report_stop	*v = NULL;
	char			 buf[160];
	size_t			 i, n = 0;

	(void)report_pain_stops(s, 0, &v, &n);
	for (i = 0; i < n; i++) {
		area_side_label(v[i].area, v[i].side, buf, sizeof buf);
		fprintf(fp, _("%18swork stopped for pain %d on %s (held "
		    "at least 48 h)\n"), "", v[i].rating, buf);
	}
	free(v);
}

/*
 * A completed session's planned areas it did not work (under half their
 * planned time: steps skipped with n or cut short), with the time done:
 * "completed" alone read as the dose done. Not the areas a pain rating
 * stopped (their own line says why). On one line when it fits 80
 * columns, else one area a line.
 */
static void
print_not_worked(FILE *fp, const struct hist_session *s)
{
	struct report_stop	*v = NULL;
	const struct hist_area	*a;
	char			 label[160], done[32], plan[32], head[96];
	char			 item[16][256];
	size_t			 i, k, n = 0, m = 0, width;

	if (s->outcome != HIST_COMPLETED)
		return;
	(void)report_pain_stops(s, 0, &v, &n);
	for (i = 0; i < s->nareas && m < nitems(item); i++) {
		a = &s->areas[i];
		if (a->planned_ms == 0 ||
		    history_area_worked(a->planned_ms, a->done_ms))
			continue;
		for (k = 0; k < n && !(strcmp(v[k].area, a->area) == 0 &&
		    strcmp(v[k].side, a->side) == 0); k++)
			;
		if (k < n)
			continue;
		area_side_label(a->area, a->side, label, sizeof label);
		tout_clean(label, item[m], sizeof item[m]);
		dates_dur((int64_t)(a->done_ms / 1000), done, sizeof done);
		dates_dur((int64_t)((a->planned_ms + 999) / 1000), plan,
		    sizeof plan);
		k = strlen(item[m]);
		snprintf(item[m] + k, sizeof item[m] - k, _(" %s of %s"), done,
		    plan);
		m++;
	}
	free(v);
	if (m == 0)
		return;
	snprintf(head, sizeof head, _("%18snot done (skipped or cut short):"),
	    "");
	for (i = 0, width = utf8_count(head); i < m; i++)
		width += 2 + utf8_count(item[i]);
	for (i = 0; i < m; i++)
		fprintf(fp, "%s%s%s", i == 0 ? head : width <= 80 ? ", " :
		    ",", width <= 80 ? " " : "\n                    ", item[i]);
	fprintf(fp, "\n");
}

/* The pain ratings of a session per area: "upper trapezius (left) 6 4". */
static void
print_pains(FILE *fp, const struct hist_session *s)
{
	char	label[160];
	size_t	i, j;
	int	first = 1, seen;

	for (i = 0; i < s->npains; i++) {
		seen = 0;
		for (j = 0; j < i && !seen; j++)
			seen = report_same_spot(&s->pains[j], &s->pains[i]);
		if (seen || s->pains[i].area == NULL)
			continue;
		area_side_label(s->pains[i].area, s->pains[i].side, label,
		    sizeof label);
		fprintf(fp, "%s", first ? _("                  pain: ") : "; ");
		tout_text(fp, label, 0);
		for (j = i; j < s->npains; j++) {
			if (report_same_spot(&s->pains[j], &s->pains[i]))
				fprintf(fp, " %d", s->pains[j].pain);
		}
		first = 0;
	}
	if (!first)
		fprintf(fp, "\n");
}

/* History as CSV, one row per session. */
void
histcmd_list_csv(FILE *fp, const struct hist_session *ss, size_t n)
{
	const struct hist_session	*s;
	char				 when[64], t2[64], areas[512], buf[512];
	size_t				 i;

	fprintf(fp, "id,started,ended,routine,title,outcome,duration_s,"
	    "planned_s,done_s,areas,pain,pain_max,"
	    "override_reason,overridden,skipped,refused,halt_why\r\n");
	for (i = 0; i < n; i++) {
		s = &ss[i];
		dates_utc(s->started_at, when, sizeof when);
		dates_utc(s->ended_at, t2, sizeof t2);
		fprintf(fp, "%lld,%s,%s,", (long long)s->id, when,
		    s->ended_at ? t2 : "");
		tout_csv(fp, s->routine_id);
		fprintf(fp, ",");
		tout_csv(fp, s->title);
		fprintf(fp, ",%s,%lld,%llu,%llu,",
		    hist_outcome_name(s->outcome), (long long)report_secs(s),
		    (unsigned long long)(s->planned_ms / 1000),
		    (unsigned long long)(s->done_ms / 1000));
		areas_summary(s, 0, areas, sizeof areas);
		tout_csv(fp, areas);
		report_pains_text(s, buf, sizeof buf);
		fprintf(fp, ",");
		tout_csv(fp, buf);
		if (s->pain_max >= 0)
			fprintf(fp, ",%d,", s->pain_max);
		else
			fprintf(fp, ",,");
		tout_csv(fp, s->override_reason);
		limits_of(s, "overridden", 0, buf, sizeof buf);
		fprintf(fp, ",");
		tout_csv(fp, buf);
		limits_of(s, "skipped", 0, buf, sizeof buf);
		fprintf(fp, ",");
		tout_csv(fp, buf);
		limits_of(s, "refused", 0, buf, sizeof buf);
		fprintf(fp, ",");
		tout_csv(fp, buf);
		fprintf(fp, ",");
		tout_csv(fp, s->halt_why);
		fprintf(fp, "\r\n");
	}
}

/* An outcome in the screen's language ("completed" in the files). */
static const char *
outcome_word(enum hist_outcome o)
{
	switch (o) {
	case HIST_RUNNING:
		return C_("outcome", "running");
	case HIST_COMPLETED:
		return C_("outcome", "completed");
	case HIST_STOPPED:
		return C_("outcome", "stopped");
	case HIST_HALTED:
		return C_("outcome", "halted");
	case HIST_INTERRUPTED:
		return C_("outcome", "interrupted");
	case HIST_REFUSED:
		return C_("outcome", "refused");
	case HIST_SCREENED_OUT:
		return C_("outcome", "screened out");
	default:
		return hist_outcome_name(o);
	}
}

/* The outcome column's width: its title's and the longest word's. */
static int
outcome_width(void)
{
	int	w, i;

	w = (int)utf8_count(_("OUTCOME"));
	for (i = HIST_RUNNING; i < HIST_OUTCOME_UNKNOWN; i++) {
		if ((int)utf8_count(outcome_word((enum hist_outcome)i)) > w)
			w = (int)utf8_count(outcome_word((enum hist_outcome)i));
	}
	return w < 12 ? 12 : w;
}

/* The listing's column titles, padded by characters. */
static void
history_head(FILE *fp)
{
	const char	*when = _("WHEN"), *routine = _("ROUTINE");
	const char	*outcome = _("OUTCOME"), *dur = _("DURATION");

	fprintf(fp, "%s%*s", when, histcmd_pad(when, 18), "");
	fprintf(fp, "%s%*s", routine, histcmd_pad(routine, 25), "");
	fprintf(fp, "%s%*s", outcome, histcmd_pad(outcome, outcome_width() + 1),
	    "");
	fprintf(fp, "%*s%s  %s\n", 8 - (int)utf8_count(dur) > 0 ?
	    8 - (int)utf8_count(dur) : 0, "", dur, _("AREAS"));
}

/*
 * The still-sore check-ins about a session's areas (aftercare_checkins),
 * on a line of their own below its day-after ratings, as those are shown:
 * "still sore: calves (left) 5, calves (left) 6 blocked"; a skipped one
 * says "skipped".
 */
static void
print_checkins(FILE *fp, const struct hist_session *s)
{
	char	buf[512];
	size_t	k;

	for (k = 0; k < s->ncheckins; k++) {
		area_side_label(s->checkins[k].area, s->checkins[k].side,
		    buf, sizeof buf);
		fprintf(fp, "%s", k == 0 ? _("                  still sore: ") :
		    ", ");
		tout_text(fp, buf, 0);
		if (s->checkins[k].rating < 0)
			fprintf(fp, " %s", _("skipped"));
		else
			fprintf(fp, " %d", s->checkins[k].rating);
		if (s->checkins[k].blocks)
			fprintf(fp, " %s", _("blocked"));
	}
	if (s->ncheckins > 0)
		fprintf(fp, "\n");
}

/*
 * An override and what it did where each limit held: "override (rhomboids
 * (left): 0:17 of 2:00 planned, too little to count for rest limits):
 * "reason"", or an attempt refused (a strict routine, or a spot halted for
 * pain that still hurt, was not answered about, or no override passes).
 */
static void
print_override(FILE *fp, const struct hist_session *s)
{
	char		label[300], d[32], p[32];
	uint64_t	done, planned;
	size_t		i, n = 0;

	if (s->override_reason == NULL)
		return;
	if (report_override_refused(s)) {
		fprintf(fp, _("%18stried to override (\""), "");
		tout_text(fp, s->override_reason, 0);
		fputs(s->strict ? _("\"): refused, strict\n") :
		    _("\"): refused, a spot halted for pain\n"), fp);
		return;
	}
	fprintf(fp, _("%18soverride ("), "");
	for (i = 0; i < s->nlimits; i++) {
		if (strcmp(s->limits[i].action, "overridden") != 0)
			continue;
		screen_limit_label(s, &s->limits[i], label, sizeof label);
		fprintf(fp, "%s", n++ ? "; " : "");
		tout_text(fp, label, 0);
		report_limit_time(s, &s->limits[i], &done, &planned);
		dates_dur((int64_t)(done / 1000), d, sizeof d);
		dates_dur((int64_t)(planned / 1000), p, sizeof p);
		if (planned > 0)
			fprintf(fp, _(": %s of %s planned"), d, p);
		if (!report_limit_worked(s, &s->limits[i]))
			fprintf(fp, "%s", _(", too little to count for rest "
			    "limits"));
	}
	fprintf(fp, ")%s: \"", n > 0 || report_did_work(s) ? "" :
	    _(", the area not worked"));
	tout_text(fp, s->override_reason, 0);
	fprintf(fp, "\"\n");
}

/* One session in the text listing, with its notes below it. */
static void
history_line(FILE *fp, const struct hist_session *s)
{
	const char	*word;
	char		 when[64], dur[32], areas[512], buf[512];
	size_t		 k;

	dates_local(s->started_at, "%Y-%m-%d %H:%M", when, sizeof when);
	if (s->ended_at != 0 && s->ran)
		dates_dur(report_secs(s), dur, sizeof dur);
	else
		snprintf(dur, sizeof dur, "-");
	/* Its end never written: at least this long (the note says why). */
	if (s->end_unknown && strlen(dur) + 1 < sizeof dur)
		strcat(dur, "+");
	areas_summary(s, 1, areas, sizeof areas);
	fprintf(fp, "%-16s  ", when);
	snprintf(buf, sizeof buf, "%-24s", s->routine_id);
	tout_text(fp, buf, 0);
	word = outcome_word(s->outcome);
	fprintf(fp, " %s%*s %8s  ", word, outcome_width() -
	    (int)utf8_count(word), "", dur);
	tout_text(fp, areas, 0);
	fprintf(fp, "\n");
	if (s->end_unknown) {
		dates_local(s->ended_at, "%H:%M", when, sizeof when);
		fprintf(fp, _("%18snot recorded after %s: knead stopped "
		    "without saving the end (a crash, or a disk that stayed "
		    "full); what was done after that is not known\n"), "",
		    when);
	}
	/* The area ! stopped: not among those worked when under half done. */
	if (s->outcome == HIST_HALTED && s->last_area != NULL) {
		area_side_label(s->last_area, s->last_side, buf, sizeof buf);
		if (halt_why_words(s->halt_why) != NULL)
			fprintf(fp, _("%18shalted (!): %s, on %s\n"), "",
			    halt_why_words(s->halt_why), buf);
		else
			fprintf(fp, _("%18shalted for pain (!) on %s\n"), "",
			    buf);
	}
	print_pain_stops(fp, s);
	print_not_worked(fp, s);
	print_pains(fp, s);
	for (k = 0; k < s->nafters; k++) {
		area_side_label(s->afters[k].area, s->afters[k].side, buf,
		    sizeof buf);
		fprintf(fp, "%s", k == 0 ? _("                  day after: ") :
		    ", ");
		tout_text(fp, buf, 0);
		fprintf(fp, " %d%s", s->afters[k].rating, k + 1 == s->nafters ?
		    "\n" : "");
	}
	print_checkins(fp, s);
	print_override(fp, s);
	if (report_no_work(s))
		fprintf(fp, _("%18sno prescribed work: every area it works was "
		    "resting and left out (not counted as completed)\n"), "");
	limits_of(s, "skipped", 1, buf, sizeof buf);
	if (buf[0] != '\0')
		fprintf(fp, _("%18sskipped, resting: %s\n"), "", buf);
	limits_of(s, "refused", 1, buf, sizeof buf);
	if (buf[0] != '\0')
		fprintf(fp, _("%18srefused, resting: %s\n"), "", buf);
	for (k = 0; k < s->nanswers; k++) {
		/* A yes, or input that ended at the question: no answer. */
		if (strcmp(s->answers[k].answer, "yes") != 0 &&
		    strcmp(s->answers[k].answer, "no answer") != 0)
			continue;
		fprintf(fp, _("%18snot started: \""), "");
		tout_text(fp, s->answers[k].question, 0);
		if (strcmp(s->answers[k].answer, "yes") == 0)
			fprintf(fp, _("\" yes\n"));
		else
			fprintf(fp, "\" (%s)\n", _("no answer"));
	}
}

/* The text listing, then the pain trends and this homework week. */
void
histcmd_list_text(const struct hopts *o, struct hist_session *ss, size_t n)
{
	struct report_given	*given;
	struct library		 lib;
	struct report		 rp;
	size_t			 i;

	if (n == 0)
		printf(_("No sessions%s%s.\n"),
		    o->since_arg ? _(" since ") : "",
		    o->since_arg ? o->since_arg : "");
	else
		history_head(stdout);
	for (i = 0; i < n; i++)
		history_line(stdout, &ss[i]);
	histcmd_library(o, &lib);
	histcmd_model(&rp, ss, n, &lib, o->since, NULL, &given);
	histcmd_trends(stdout, &rp, _("Pain per area (oldest first):"));
	histcmd_weeks(stdout, &rp);
	report_free(&rp);
	free(given);
	library_free(&lib);
}
