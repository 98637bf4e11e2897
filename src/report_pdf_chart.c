/*
 * The report's charts, drawn with cairo (report_pdf.c lays out the page):
 * sessions done per week against the homework's target, and pain per
 * area over time, one line per area and side.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "i18n.h"
#include "report_pdf_int.h"
#include "xmalloc.h"

/* Colours of the pain series, distinct in print and for most eyes. */
static void
series_colour(cairo_t *cr, size_t i)
{
	static const double c[MAX_SERIES][3] = {
		{ 0.00, 0.45, 0.70 }, { 0.84, 0.37, 0.00 },
		{ 0.00, 0.62, 0.45 }, { 0.80, 0.47, 0.65 },
		{ 0.34, 0.71, 0.91 }, { 0.90, 0.62, 0.00 },
		{ 0.35, 0.35, 0.35 }, { 0.60, 0.20, 0.20 } };

	cairo_set_source_rgb(cr, c[i % MAX_SERIES][0], c[i % MAX_SERIES][1],
	    c[i % MAX_SERIES][2]);
}

/*
 * The stroke of pain series i: solid, dashed or dotted in turn, so that
 * two series rated alike, one over the other, both show.
 */
static void
series_dash(cairo_t *cr, size_t i)
{
	static const double dash[2][2] = { { 7, 4 }, { 2, 3 } };

	if (i % 3 == 0)
		cairo_set_dash(cr, NULL, 0, 0);
	else
		cairo_set_dash(cr, dash[i % 3 - 1], 2, 0);
}

/* A week's bar: 0 its target met, 1 missed, 2 not over (week_key). */
static void
week_colour(cairo_t *cr, int k)
{
	static const double c[3][3] = { { 0.00, 0.55, 0.40 },
	    { 0.85, 0.45, 0.10 }, { 0.65, 0.65, 0.65 } };

	cairo_set_source_rgb(cr, c[k][0], c[k][1], c[k][2]);
}

/* The y axis of a chart: gridlines and labels from 0 to top by step. */
static void
axis_y(struct pdf *p, double x, double y, double w, double h, int top,
    int step)
{
	char	lab[16];
	int	v;

	cairo_set_line_width(p->cr, 0.5);
	for (v = 0; v <= top; v += step) {
		double yy = y + h - h * v / top;

		cairo_set_source_rgb(p->cr, 0.85, 0.85, 0.85);
		cairo_move_to(p->cr, x, yy);
		cairo_line_to(p->cr, x + w, yy);
		cairo_stroke(p->cr);
		snprintf(lab, sizeof lab, "%d", v);
		cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
		pdf_text_at(p, p->small, x - 22, yy - 6, 18, lab, 1);
	}
}

/*
 * What a week's bar is measured against: its prescribed sessions, or for
 * the week not over its whole target (the md's "week not over: N for the
 * whole week").
 */
static int
week_goal(const struct report_week *wk)
{
	return (wk->open && wk->target > wk->prescribed ? wk->target :
	    wk->prescribed);
}

/* One week's bar, its "done/goal" label and its target line. */
static void
week_bar(struct pdf *p, const struct report_week *wk, double bx, double slot,
    double y0, double h, int top)
{
	char	lab[32];
	double	bh = h * wk->done / top, ty;
	int	goal = week_goal(wk);

	/* A week not over is "met" only at its whole target (its share to
	   date met looked like a week done). */
	week_colour(p->cr, wk->done >= goal ? 0 : wk->open ? 2 : 1);
	cairo_rectangle(p->cr, bx + slot * 0.2, y0 + h - bh, slot * 0.6, bh);
	cairo_fill(p->cr);
	ty = y0 + h - h * goal / top;
	cairo_set_source_rgb(p->cr, 0.75, 0.0, 0.0);
	cairo_set_line_width(p->cr, 1.5);
	cairo_set_dash(p->cr, (const double[]){ 4, 3 }, 2, 0);
	cairo_move_to(p->cr, bx + 2, ty);
	cairo_line_to(p->cr, bx + slot - 2, ty);
	cairo_stroke(p->cr);
	cairo_set_dash(p->cr, NULL, 0, 0);
	snprintf(lab, sizeof lab, "%d/%d", wk->done, goal);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	pdf_text_at(p, p->small, bx + slot * 0.2, y0 + h - bh - 13, slot, lab, 1);
	/* The week's first day under its bar, not at the slot's edge. */
	/* The rest of a week a revision split: the day it came in force. */
	dates_civil(wk->revised >= 0 ? wk->revised : wk->day0, lab,
	    sizeof lab);
	pdf_text_at(p, p->small, bx + slot * 0.2, y0 + h + 3, slot * 0.8 + 8,
	    lab + 5, 1);
}

/*
 * The key of the bars' colours, on one line under the chart's caption:
 * what the colour of week_colour(k) says.
 */
static void
week_key(struct pdf *p)
{
	static const char *const what[3] = { N_("target met"),
	    N_("target missed"), N_("week not over") };
	const struct report	*rp = p->rp;
	size_t			 k;

	for (k = 0; k < 3; k++) {
		week_colour(p->cr, (int)k);
		cairo_rectangle(p->cr, p->x + 26 + 130.0 * (double)k, p->y + 3,
		    10, 8);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		pdf_text_at(p, p->small, p->x + 40 + 130.0 * (double)k, p->y, 112,
		    R_(what[k]), 1);
	}
	p->y += 14;
}

/* Sessions done per week against the target line, for one homework. */
void
pdf_adherence_chart(struct pdf *p, const struct report_routine *r)
{
	const struct report *rp = p->rp;
	char	line[512];
	double	x = p->x + 26, w = p->w - 26, h = CHART_H - 64, slot;
	size_t	k;
	int	top = 1;

	for (k = 0; k < r->nweeks; k++) {
		if (r->weeks[k].done > top)
			top = r->weeks[k].done;
		if (week_goal(&r->weeks[k]) > top)
			top = week_goal(&r->weeks[k]);
	}
	top++;
	/* TRANSLATORS: a routine's id, then what is said of it. */
	snprintf(line, sizeof line, R_("%s: "), r->id);
	snprintf(line + strlen(line), sizeof line - strlen(line),
	    report_pick((size_t)r->prescribed, R_("%d of %d prescribed "
	    "session (%d %%); bars: sessions done per week, dashed line: the "
	    "week's target"), R_("%d of %d prescribed sessions (%d %%); bars: "
	    "sessions done per week, dashed line: the week's target")),
	    r->done, r->prescribed, report_pct(r->done, r->prescribed));
	if (pdf_room(p, CHART_H + 16) != 0) {
		p->cut++;
		return;
	}
	pdf_para(p, p->body, line, 4);
	week_key(p);
	axis_y(p, x, p->y, w, h, top, top > 10 ? 2 : 1);
	slot = r->nweeks > 0 ? w / (double)r->nweeks : w;
	for (k = 0; k < r->nweeks; k++)
		week_bar(p, &r->weeks[k], x + slot * (double)k, slot, p->y, h,
		    top);
	p->y += h + 24;
}

/* The adherence section: one chart per homework with a target. */
void
pdf_adherence(struct pdf *p, const struct report *rp)
{
	const struct report_routine	*r;
	char				 line[256];
	size_t				 i;

	pdf_heading_keep(p, R_("Adherence: sessions done of sessions prescribed"),
	    CHART_H + 16);
	for (i = 0; i < rp->nrs; i++) {
		r = &rp->rs[i];
		if (report_has_target(r))
			pdf_adherence_chart(p, r);
	}
	if (rp->prescribed == 0)
		pdf_para(p, p->body, R_("No homework with a weekly target in this "
		    "period."), 4);
	for (i = 0; i < rp->nrs; i++) {
		r = &rp->rs[i];
		snprintf(line, sizeof line, R_("%s: "), r->id);
		/* No rate of nothing: Markdown's '-', JSON's null. */
		if (r->rated == 0)	/* none ran, or none had work */
			snprintf(line + strlen(line), sizeof line -
			    strlen(line), "%s", R_("no session ran in this "
			    "period, so no completion rate."));
		else
			snprintf(line + strlen(line), sizeof line -
			    strlen(line), R_("sessions run: %d, completed: %d "
			    "(completion rate %d %%, a different measure: "
			    "completed of the sessions that ran)."), r->ran,
			    r->completed, report_pct(r->completed, r->rated));
		pdf_para(p, p->small, line, 2);
	}
}

/* The ratings of one area as a line over time. */
static void
pain_line(struct pdf *p, const struct report_pain *s, size_t i, double x,
    double y, double w, double h, int64_t t0, int64_t t1)
{
	/* Each series a little apart from the others: two areas rated
	 * alike drew one line over the other, the legend's colour unseen. */
	x += ((double)i - (double)(p->nseries - 1) / 2.0) * SERIES_DX;
	double	px, py;
	size_t	k;

	series_colour(p->cr, i);
	series_dash(p->cr, i);
	cairo_set_line_width(p->cr, 1.6);
	for (k = 0; k < s->n; k++) {
		px = x + w * (double)(s->at[k] - t0) / (double)(t1 - t0);
		py = y + h - h * s->v[k] / 10.0;
		if (k == 0)
			cairo_move_to(p->cr, px, py);
		else
			cairo_line_to(p->cr, px, py);
	}
	cairo_stroke(p->cr);
	cairo_set_dash(p->cr, NULL, 0, 0);
	for (k = 0; k < s->n; k++) {
		px = x + w * (double)(s->at[k] - t0) / (double)(t1 - t0);
		py = y + h - h * s->v[k] / 10.0;
		cairo_arc(p->cr, px, py, 2.2, 0, 6.2832);
		cairo_fill(p->cr);
	}
	/* Day-after ratings: open squares in the area's colour. */
	cairo_set_line_width(p->cr, 1.2);
	for (k = 0; k < s->nafter; k++) {
		px = x + w * (double)(s->after_at[k] - t0) / (double)(t1 - t0);
		py = y + h - h * s->after[k] / 10.0;
		cairo_rectangle(p->cr, px - 3, py - 3, 6, 6);
		cairo_stroke(p->cr);
	}
	/* Still-sore check-ins (a skipped one has no value): diamonds. */
	for (k = 0; k < s->nstill; k++) {
		if (s->still[k] < 0)
			continue;
		px = x + w * (double)(s->still_at[k] - t0) / (double)(t1 - t0);
		py = y + h - h * s->still[k] / 10.0;
		cairo_move_to(p->cr, px, py - 4);
		cairo_line_to(p->cr, px + 4, py);
		cairo_line_to(p->cr, px, py + 4);
		cairo_line_to(p->cr, px - 4, py);
		cairo_close_path(p->cr);
		cairo_stroke(p->cr);
	}
}

/*
 * The still-sore check-ins of series s after the off bytes of line: "; still
 * sore (diamonds): 5 6 blocked skipped". Returns the new length.
 */
static size_t
legend_still(const struct report *rp, const struct report_pain *s,
    char *line, size_t len, size_t off)
{
	size_t	k;

	for (k = 0; k < s->nstill && off < len; k++) {
		off += (size_t)snprintf(line + off, len - off, "%s%s",
		    k > 0 ? "" : s->n > 0 || s->nafter > 0 ? "; " : " ",
		    k > 0 ? "" : R_("still sore (diamonds):"));
		if (off >= len)
			break;
		if (s->still[k] < 0)
			off += (size_t)snprintf(line + off, len - off, " %s",
			    R_("skipped"));
		else
			off += (size_t)snprintf(line + off, len - off, " %d",
			    s->still[k]);
		if (s->still_blocks[k] && off < len)
			off += (size_t)snprintf(line + off, len - off, " %s",
			    R_("blocked"));
	}
	return off;
}

/* The legend: each area's colour, name and ratings as values. */
static void
pain_legend(struct pdf *p, const struct report *rp, size_t n)
{
	char	label[160], line[1024];
	size_t	i, k, off;

	for (i = 0; i < n; i++) {
		report_area_label_in(rp, rp->ps[i].area, rp->ps[i].side, label,
		    sizeof label);
		/* TRANSLATORS: an area, then its pain ratings: "calves: 4 3". */
		off = (size_t)snprintf(line, sizeof line, R_("%s:"), label);
		for (k = 0; k < rp->ps[i].n && off < sizeof line; k++)
			off += (size_t)snprintf(line + off, sizeof line - off,
			    " %d", rp->ps[i].v[k]);
		for (k = 0; k < rp->ps[i].nafter && off < sizeof line; k++)
			off += (size_t)snprintf(line + off, sizeof line - off,
			    "%s%s %d", k > 0 ? "" : rp->ps[i].n > 0 ? "; " : " ",
			    k > 0 ? "" : R_("day after (squares):"),
			    rp->ps[i].after[k]);
		off = legend_still(rp, &rp->ps[i], line, sizeof line, off);
		if (pdf_room(p, 14) != 0) {
			p->cut++;
			return;
		}
		/* The line as drawn: its colour and its dashes. */
		series_colour(p->cr, i);
		series_dash(p->cr, i);
		cairo_set_line_width(p->cr, 2.5);
		cairo_move_to(p->cr, p->x, p->y + 6);
		cairo_line_to(p->cr, p->x + 16, p->y + 6);
		cairo_stroke(p->cr);
		cairo_set_dash(p->cr, NULL, 0, 0);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		p->y += pdf_text_at(p, p->small, p->x + 20, p->y, p->w - 20, line,
		    1) + 1;
	}
}

/*
 * The dates under the pain chart (x, y its bottom left, w wide, t0 to
 * t1): up to DAY_TICKS, evenly apart, each over a tick, the first and the
 * last at the ends; a day already said is not said again. Two dates alone
 * left every point between them undated.
 */
static void
day_ticks(struct pdf *p, double x, double y, double w, int64_t t0,
    int64_t t1)
{
	const struct report	*rp = p->rp;
	char			 a[32], last[32] = "";
	double			 px;
	int64_t			 t;
	int			 k, n = DAY_TICKS - 1;
	PangoAlignment		 al;

	if ((t1 - t0) / 86400 < n)
		n = (int)((t1 - t0) / 86400) > 0 ? (int)((t1 - t0) / 86400) : 1;
	for (k = 0; k <= n; k++) {
		t = t0 + (t1 - t0) * k / n;
		dates_in(rp->lang, t, DATES_DM, a, sizeof a);
		if (strcmp(a, last) == 0)
			continue;
		snprintf(last, sizeof last, "%s", a);
		px = x + w * (double)(t - t0) / (double)(t1 - t0);
		cairo_move_to(p->cr, px, y);
		cairo_line_to(p->cr, px, y + 3);
		cairo_set_line_width(p->cr, 0.8);
		cairo_stroke(p->cr);
		al = k == 0 ? PANGO_ALIGN_LEFT : k == n ? PANGO_ALIGN_RIGHT :
		    PANGO_ALIGN_CENTER;
		pdf_text_aligned(p, p->small, k == 0 ? px : k == n ? px - 80 :
		    px - 40, y + 3, 80, a, 1, al);
	}
}

/* Pain per area over time: a line chart of the step ratings. */
void
pdf_pain_chart(struct pdf *p, const struct report *rp)
{
	char	a[80], b[32];
	double	x = p->x + 26, w = p->w - 36, h = PAIN_H - 40;
	int64_t	t0 = INT64_MAX, t1 = INT64_MIN;
	int	pad;
	size_t	i, n = rp->nps < MAX_SERIES ? rp->nps : MAX_SERIES;

	pdf_heading_keep(p, R_("Pain per area over time (0 = no pain, 10 = "
	    "worst; squares: the day after, 0 = as before, 10 = much worse; "
	    "diamonds: still sore, a check-in from 48 h)"), rp->nps > 0 ?
	    PAIN_H : 40);
	if (rp->nps == 0) {
		pdf_para(p, p->body, R_("No pain ratings were given in this "
		    "period."), 4);
		return;
	}
	for (i = 0; i < n; i++) {
		if (rp->ps[i].n > 0 && rp->ps[i].at[0] < t0)
			t0 = rp->ps[i].at[0];
		if (rp->ps[i].n > 0 && rp->ps[i].at[rp->ps[i].n - 1] > t1)
			t1 = rp->ps[i].at[rp->ps[i].n - 1];
		if (rp->ps[i].nafter > 0 && rp->ps[i].after_at[0] < t0)
			t0 = rp->ps[i].after_at[0];
		if (rp->ps[i].nafter > 0 &&
		    rp->ps[i].after_at[rp->ps[i].nafter - 1] > t1)
			t1 = rp->ps[i].after_at[rp->ps[i].nafter - 1];
		if (rp->ps[i].nstill > 0 && rp->ps[i].still_at[0] < t0)
			t0 = rp->ps[i].still_at[0];
		if (rp->ps[i].nstill > 0 &&
		    rp->ps[i].still_at[rp->ps[i].nstill - 1] > t1)
			t1 = rp->ps[i].still_at[rp->ps[i].nstill - 1];
	}
	/* Within a day: half a day each side, and the days under the data. */
	if ((pad = t1 - t0 < 86400)) {
		dates_in(rp->lang, t0, DATES_DM, a, sizeof a);
		dates_in(rp->lang, t1, DATES_DM, b, sizeof b);
		if (strcmp(a, b) != 0)
			snprintf(a + strlen(a), sizeof a - strlen(a), " - %s",
			    b);
		t0 -= 43200;
		t1 += 43200;
	}
	if (pdf_room(p, PAIN_H) != 0) {
		p->cut++;
		return;
	}
	axis_y(p, x, p->y, w, h, 10, 2);
	p->nseries = n;
	for (i = 0; i < n; i++)
		pain_line(p, &rp->ps[i], i, x, p->y, w, h, t0, t1);
	cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
	if (pad)
		pdf_text_aligned(p, p->small, x + w / 2 - 60, p->y + h + 3, 120, a,
		    1, PANGO_ALIGN_CENTER);
	else
		day_ticks(p, x, p->y + h, w, t0, t1);
	p->y += h + 20;
	pain_legend(p, rp, n);
	if (rp->nps > n) {
		snprintf(a, sizeof a, report_pick(rp->nps - n,
		    R_("%zu more area"), R_("%zu more areas")), rp->nps - n);
		pdf_para(p, p->small, a, 2);
	}
}
