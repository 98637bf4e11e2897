/*
 * The report drawn with cairo and pango: an A4 PDF of one to three pages
 * (who and what, red-flag answers, halted sessions, adherence bars
 * against the target, pain per area over time, overrides, in that order), or
 * the charts alone as PNG or SVG, in knead-pdf.so (modules.h). The only
 * file that includes cairo and pango. Text goes through pango as plain
 * text (never markup), cleaned of control bytes first; pango picks system
 * fonts for every script.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "dates.h"
#include "i18n.h"
#include "modules.h"
#include "textout.h"
#include "xmalloc.h"

#define A4_W		595.28
#define A4_H		841.89
#define MARGIN		48.0
#define MAX_PAGES	3
#define CHART_H		170.0
#define PAIN_H		200.0
#define SERIES_DX	2.5	/* points between two pain series */
#define DAY_TICKS	6	/* dates under the pain chart, at most */
#define IMG_W		800.0
#define MAX_SERIES	8
/* Lines a list shows, so that every section keeps its place. */
#define LIST_MAX	10

struct pdf {
	cairo_t			*cr;
	PangoFontDescription	*body, *bold, *title, *small;
	double			 x, y, w, bottom;
	int			 page, full, paged;
	size_t			 cut;	/* lines left out for lack of room */
	const struct report	*rp;	/* its language: R_() */
	size_t			 nseries; /* the pain chart's lines */
};

/* cairo's write callback: into the FILE the report goes to. */
static cairo_status_t
to_file(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

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

/* text_at, each line placed in the width as align says. */
static double
text_aligned(struct pdf *p, const PangoFontDescription *font, double x,
    double y, double w, const char *s, int draw, PangoAlignment align)
{
	PangoLayout	*l;
	char		 clean[2048];
	int		 tw, th;

	tout_clean(s, clean, sizeof clean);
	l = pango_cairo_create_layout(p->cr);
	pango_layout_set_font_description(l, font);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, clean, -1);
	pango_layout_get_size(l, &tw, &th);
	if (draw) {
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, l);
	}
	g_object_unref(l);
	return (double)th / PANGO_SCALE;
}

/* Lay out text at (x, y) in width w; returns its height. draw 0: measure. */
static double
text_at(struct pdf *p, const PangoFontDescription *font, double x, double y,
    double w, const char *s, int draw)
{
	return text_aligned(p, font, x, y, w, s, draw, PANGO_ALIGN_LEFT);
}

/*
 * Room for h more points on this page: a new page when needed (paged
 * output only, three at most). Returns 0, or -1 when there is no room.
 */
static int
room(struct pdf *p, double h)
{
	/*
	 * Once something did not fit, nothing after it is drawn: a short
	 * line that still fits would land under another section's heading.
	 */
	if (p->full)
		return -1;
	if (p->y + h <= p->bottom)
		return 0;
	if (!p->paged || p->page >= MAX_PAGES) {
		p->full = 1;
		return -1;
	}
	cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN;
	return 0;
}

/* One paragraph in the flow; counted as cut when there is no room. */
static void
para(struct pdf *p, const PangoFontDescription *font, const char *s,
    double gap)
{
	double	h = text_at(p, font, p->x, p->y, p->w, s, 0);

	if (room(p, h + gap) != 0) {
		p->cut++;
		return;
	}
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	text_at(p, font, p->x, p->y, p->w, s, 1);
	p->y += h + gap;
}

/*
 * A section heading, kept on one page with the keep points below it (a
 * chart's height, or the first lines of a list).
 */
static void
heading_keep(struct pdf *p, const char *s, double keep)
{
	if (room(p, text_at(p, p->bold, p->x, p->y, p->w, s, 0) + 10 +
	    keep) == 0)
		p->y += 6;
	para(p, p->bold, s, 4);
}

static void
heading(struct pdf *p, const char *s)
{
	heading_keep(p, s, 40);
}

/* Who and what: the report's period and each homework. */
static void
who_what(struct pdf *p, const struct report *rp)
{
	const struct homework	*hw;
	char			 a[64], b[64], line[1024];
	size_t			 i, k;
	int			 pc;

	para(p, p->title, R_("Self-massage report"), 6);
	dates_in(rp->lang, rp->now, DATES_STAMP, a, sizeof a);
	if (rp->since > 0)
		report_since_text(rp, b, sizeof b);
	snprintf(line, sizeof line, R_("Generated by knead %s on %s."),
	    KNEAD_VERSION, a);
	snprintf(line + strlen(line), sizeof line - strlen(line), " ");
	if (rp->since > 0)
		snprintf(line + strlen(line), sizeof line - strlen(line),
		    R_("Period: from %s to now."), b);
	else
		snprintf(line + strlen(line), sizeof line - strlen(line), "%s",
		    R_("Period: every session recorded."));
	if (rp->routine != NULL)
		snprintf(line + strlen(line), sizeof line - strlen(line),
		    " %s %s", R_("Routine:"), rp->routine);
	para(p, p->small, line, 8);
	report_clients_text(rp, line, sizeof line);
	if (line[0] != '\0')	/* before any number that mixes them */
		para(p, p->bold, line, 8);
	report_empty_text(rp, line, sizeof line);
	if (line[0] != '\0')	/* said first, as the md does */
		para(p, p->bold, line, 8);
	for (i = 0; i < rp->nrs; i++) {
		hw = &rp->rs[i].hw;
		if (!hw->present)
			continue;
		snprintf(line, sizeof line, "%s %s%s%s%s%s, %s %s %s",
		    R_("Homework"), rp->rs[i].id, hw->for_whom.s != NULL ?
		    " " : "", hw->for_whom.s != NULL ? R_("for") : "",
		    hw->for_whom.s != NULL ? " " : "",
		    hw->for_whom.s != NULL ? hw->for_whom.s : "",
		    hw->from.s != NULL ? hw->from.s : "?", R_("to"),
		    hw->until.s != NULL ? hw->until.s : "?");
		if (hw->by.s != NULL)
			snprintf(line + strlen(line), sizeof line -
			    strlen(line), ", %s %s", R_("assigned by"),
			    hw->by.s);
		if (hw->per_week.set)
			snprintf(line + strlen(line), sizeof line -
			    strlen(line), report_pick((size_t)hw->per_week.v,
			    R_(", %lld session a week"),
			    R_(", %lld sessions a week")),
			    (long long)hw->per_week.v);
		snprintf(line + strlen(line), sizeof line - strlen(line), ".");
		if (hw->note.s != NULL)
			snprintf(line + strlen(line), sizeof line -
			    strlen(line), " %s \"%s\"", R_("Note:"),
			    hw->note.s);
		para(p, p->body, line, 4);
		/* Revisions, and a file here that says otherwise. */
		for (k = 0; report_hw_note(rp, &rp->rs[i], k, line,
		    sizeof line); k++)
			para(p, p->small, line, 4);
	}
	pc = report_pct(rp->done, rp->prescribed);
	if (rp->prescribed > 0)
		snprintf(line, sizeof line, report_pick((size_t)
		    rp->prescribed, R_("Adherence: %d of %d prescribed session "
		    "(%d %%). Red-flag answers: %zu. Halted sessions: %zu."),
		    R_("Adherence: %d of %d prescribed sessions (%d %%). "
		    "Red-flag answers: %zu. Halted sessions: %zu.")), rp->done,
		    rp->prescribed, pc, rp->nflags, rp->nhalted);
	else
		snprintf(line, sizeof line, R_("No homework with a weekly "
		    "target in this period. Red-flag answers: %zu. Halted "
		    "sessions: %zu."), rp->nflags, rp->nhalted);
	para(p, p->bold, line, 8);
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
		text_at(p, p->small, x - 22, yy - 6, 18, lab, 1);
	}
}

/* One week's bar, its "done/prescribed" label and its target line. */
static void
week_bar(struct pdf *p, const struct report_week *wk, double bx, double slot,
    double y0, double h, int top)
{
	char	lab[32];
	double	bh = h * wk->done / top, ty;

	week_colour(p->cr, wk->done >= wk->prescribed ? 0 : wk->open ? 2 : 1);
	cairo_rectangle(p->cr, bx + slot * 0.2, y0 + h - bh, slot * 0.6, bh);
	cairo_fill(p->cr);
	ty = y0 + h - h * wk->prescribed / top;
	cairo_set_source_rgb(p->cr, 0.75, 0.0, 0.0);
	cairo_set_line_width(p->cr, 1.5);
	cairo_set_dash(p->cr, (const double[]){ 4, 3 }, 2, 0);
	cairo_move_to(p->cr, bx + 2, ty);
	cairo_line_to(p->cr, bx + slot - 2, ty);
	cairo_stroke(p->cr);
	cairo_set_dash(p->cr, NULL, 0, 0);
	snprintf(lab, sizeof lab, "%d/%d", wk->done, wk->prescribed);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	text_at(p, p->small, bx + slot * 0.2, y0 + h - bh - 13, slot, lab, 1);
	/* The week's first day under its bar, not at the slot's edge. */
	/* The rest of a week a revision split: the day it came in force. */
	dates_civil(wk->revised >= 0 ? wk->revised : wk->day0, lab,
	    sizeof lab);
	text_at(p, p->small, bx + slot * 0.2, y0 + h + 3, slot * 0.8 + 8,
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
		text_at(p, p->small, p->x + 40 + 130.0 * (double)k, p->y, 112,
		    R_(what[k]), 1);
	}
	p->y += 14;
}

/* Sessions done per week against the target line, for one homework. */
static void
adherence_chart(struct pdf *p, const struct report_routine *r)
{
	const struct report *rp = p->rp;
	char	line[512];
	double	x = p->x + 26, w = p->w - 26, h = CHART_H - 64, slot;
	size_t	k;
	int	top = 1;

	for (k = 0; k < r->nweeks; k++) {
		if (r->weeks[k].done > top)
			top = r->weeks[k].done;
		if (r->weeks[k].prescribed > top)
			top = r->weeks[k].prescribed;
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
	if (room(p, CHART_H + 16) != 0) {
		p->cut++;
		return;
	}
	para(p, p->body, line, 4);
	week_key(p);
	axis_y(p, x, p->y, w, h, top, top > 10 ? 2 : 1);
	slot = r->nweeks > 0 ? w / (double)r->nweeks : w;
	for (k = 0; k < r->nweeks; k++)
		week_bar(p, &r->weeks[k], x + slot * (double)k, slot, p->y, h,
		    top);
	p->y += h + 24;
}

/* The adherence section: one chart per homework with a target. */
static void
adherence(struct pdf *p, const struct report *rp)
{
	const struct report_routine	*r;
	char				 line[256];
	size_t				 i;

	heading_keep(p, R_("Adherence: sessions done of sessions prescribed"),
	    CHART_H + 16);
	for (i = 0; i < rp->nrs; i++) {
		r = &rp->rs[i];
		if (report_has_target(r))
			adherence_chart(p, r);
	}
	if (rp->prescribed == 0)
		para(p, p->body, R_("No homework with a weekly target in this "
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
		para(p, p->small, line, 2);
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
		if (room(p, 14) != 0) {
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
		p->y += text_at(p, p->small, p->x + 20, p->y, p->w - 20, line,
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
		text_aligned(p, p->small, k == 0 ? px : k == n ? px - 80 :
		    px - 40, y + 3, 80, a, 1, al);
	}
}

/* Pain per area over time: a line chart of the step ratings. */
static void
pain_chart(struct pdf *p, const struct report *rp)
{
	char	a[80], b[32];
	double	x = p->x + 26, w = p->w - 36, h = PAIN_H - 40;
	int64_t	t0 = INT64_MAX, t1 = INT64_MIN;
	int	pad;
	size_t	i, n = rp->nps < MAX_SERIES ? rp->nps : MAX_SERIES;

	heading_keep(p, R_("Pain per area over time (0 = no pain, 10 = "
	    "worst; squares: the day after, 0 = as before, 10 = much worse; "
	    "diamonds: still sore, a check-in from 48 h)"), rp->nps > 0 ?
	    PAIN_H : 40);
	if (rp->nps == 0) {
		para(p, p->body, R_("No pain ratings were given in this "
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
	if (room(p, PAIN_H) != 0) {
		p->cut++;
		return;
	}
	axis_y(p, x, p->y, w, h, 10, 2);
	p->nseries = n;
	for (i = 0; i < n; i++)
		pain_line(p, &rp->ps[i], i, x, p->y, w, h, t0, t1);
	cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
	if (pad)
		text_aligned(p, p->small, x + w / 2 - 60, p->y + h + 3, 120, a,
		    1, PANGO_ALIGN_CENTER);
	else
		day_ticks(p, x, p->y + h, w, t0, t1);
	p->y += h + 20;
	pain_legend(p, rp, n);
	if (rp->nps > n) {
		snprintf(a, sizeof a, report_pick(rp->nps - n,
		    R_("%zu more area"), R_("%zu more areas")), rp->nps - n);
		para(p, p->small, a, 2);
	}
}

/*
 * A list shows its LIST_MAX most recent entries, newest first (the latest
 * halt is the one a therapist most needs on paper, and a page that runs
 * out cuts the oldest): the first index shown, counting down to it.
 */
static size_t
shown_from(size_t n)
{
	return n > LIST_MAX ? n - LIST_MAX : 0;
}

/*
 * The line after a list that left out its earliest entries: how many,
 * one (a noun, translated) for a single one, else many (report_pick);
 * "None." for an empty list.
 */
static void
earlier(struct pdf *p, size_t n, const char *one, const char *many)
{
	const struct report *rp = p->rp;
	char	line[256];

	if (n == 0)
		para(p, p->body, R_("None."), 2);
	if (n <= LIST_MAX)
		return;
	snprintf(line, sizeof line, R_("... and %zu earlier %s (every one "
	    "is in knead report --format md)"), n - LIST_MAX,
	    report_pick(n - LIST_MAX, one, many));
	para(p, p->small, line, 2);
}

/* Halted sessions: when, where the "!" key stopped them. */
static void
halted(struct pdf *p, const struct report *rp)
{
	const struct hist_session	*s;
	char				 a[64], d[32], label[160], line[512];
	size_t				 i;

	heading(p, R_("Halted sessions (\"!\" key: pain or nerve "
	    "symptoms)"));
	for (i = rp->nhalted; i-- > shown_from(rp->nhalted);) {
		s = rp->sv[rp->halted[i]];
		dates_in(rp->lang, s->started_at, DATES_STAMP, a, sizeof a);
		dates_dur(report_secs(s), d, sizeof d);
		label[0] = '\0';
		if (s->last_area != NULL)
			report_area_label_in(rp, s->last_area, s->last_side,
			    label, sizeof label);
		snprintf(line, sizeof line, "%s, %s", a, s->routine_id);
		snprintf(line + strlen(line), sizeof line - strlen(line),
		    R_(", after %s"), d);
		if (s->last_kind != NULL)
			snprintf(line + strlen(line), sizeof line -
			    strlen(line), "; %s %s", R_("during"),
			    R_(s->last_kind));
		if (label[0] != '\0')
			snprintf(line + strlen(line), sizeof line -
			    strlen(line), " %s %s", R_("of"), label);
		report_halt_why(rp, s, line + strlen(line), sizeof line -
		    strlen(line));
		report_last_pain(rp, s, line + strlen(line), sizeof line -
		    strlen(line));
		para(p, p->body, line, 2);
	}
	earlier(p, rp->nhalted, R_("halted session"), R_("halted sessions"));
}

/*
 * "Sun 06 Dec 2026 11:38, routine: ", how a listed session's line starts,
 * into line; returns its length (len - 1 at most).
 */
static size_t
lead(const struct report *rp, const struct hist_session *s, char *line,
    size_t len)
{
	char	a[64];
	int	n;

	dates_in(rp->lang, s->started_at, DATES_STAMP, a, sizeof a);
	n = snprintf(line, len, "%s, %s%s", a, s->routine_id, R_(": "));
	return n < 0 ? 0 : (size_t)n < len ? (size_t)n : len - 1;
}

/* Work stopped for pain: a rating of 8 or more, its area held 48 h. */
static void
stops(struct pdf *p, const struct report *rp)
{
	const struct report_stop	*x;
	char				 label[160], line[512];
	size_t				 i, off;

	heading(p, R_("Work stopped for pain (a rating of 8/10 or more)"));
	for (i = rp->nstops; i-- > shown_from(rp->nstops);) {
		x = &rp->stops[i];
		report_area_label_in(rp, x->area, x->side, label,
		    sizeof label);
		off = lead(rp, rp->sv[x->session], line, sizeof line);
		snprintf(line + off, sizeof line - off, "%s", label);
		off += strlen(line + off);
		snprintf(line + off, sizeof line - off, R_(" hurt %d/10: its "
		    "work stopped there, the area held at least 48 h\n"),
		    x->rating);
		/* The Markdown's line ends with its newline; a paragraph not. */
		line[strcspn(line, "\n")] = '\0';
		para(p, p->body, line, 2);
	}
	earlier(p, rp->nstops, R_("pain stop"), R_("pain stops"));
}

/* Much worse the day after: a day-after rating of 7 or more. */
static void
worse(struct pdf *p, const struct report *rp)
{
	char	line[512];
	size_t	i;

	heading(p, R_("Much worse the day after (7/10 or more)"));
	for (i = rp->nworse; i-- > shown_from(rp->nworse);) {
		report_worse_text(rp, &rp->worse[i], line, sizeof line);
		para(p, p->body, line, 2);
	}
	earlier(p, rp->nworse, R_("day-after rating"), R_("day-after ratings"));
}

/* Overrides of rest limits with the reasons given. */
static void
overrides(struct pdf *p, const struct report *rp)
{
	const struct hist_session	*s;
	char				 what[1200], line[1536];
	size_t				 i, off;

	heading(p, R_("Overrides of rest limits"));
	if (rp->noverrides == 0)
		para(p, p->body, R_("None: every rest interval was "
		    "respected."), 2);
	for (i = rp->noverrides; i-- > shown_from(rp->noverrides);) {
		s = rp->sv[rp->overrides[i]];
		report_override_text(rp, s, what, sizeof what);
		off = lead(rp, s, line, sizeof line);
		snprintf(line + off, sizeof line - off, "%s. %s \"%s\"", what,
		    R_("Reason given:"), s->override_reason);
		para(p, p->body, line, 2);
	}
	if (rp->noverrides > 0)
		earlier(p, rp->noverrides, R_("override"), R_("overrides"));
}

/* Interrupted sessions; areas left out, resting (as the Markdown). */
static void
others(struct pdf *p, const struct report *rp)
{
	const struct hist_session	*s;
	char				 line[1024];
	size_t				 i, off;

	heading(p, R_("Interrupted sessions"));
	for (i = rp->ninterrupted; i-- > shown_from(rp->ninterrupted);) {
		s = rp->sv[rp->interrupted[i]];
		off = lead(rp, s, line, sizeof line);
		snprintf(line + off, sizeof line - off, report_pick(s->nsteps,
		    R_("%zu step recorded before the program stopped"),
		    R_("%zu steps recorded before the program stopped")),
		    s->nsteps);
		para(p, p->body, line, 2);
	}
	earlier(p, rp->ninterrupted, R_("interrupted session"),
	    R_("interrupted sessions"));

	heading(p, R_("Areas skipped because they were resting"));
	for (i = rp->nskipped; i-- > shown_from(rp->nskipped);) {
		s = rp->sv[rp->skipped[i]];
		off = lead(rp, s, line, sizeof line);
		report_limits_text(rp, s, "skipped", -1, line + off,
		    sizeof line - off);
		para(p, p->body, line, 2);
	}
	earlier(p, rp->nskipped, R_("session with skipped areas"),
	    R_("sessions with skipped areas"));
}

/* Screening questions answered "yes". */
static void
flags(struct pdf *p, const struct report *rp)
{
	const struct hist_session	*s;
	char				 line[1024];
	size_t				 i, off;

	heading(p, R_("Screening questions answered \"yes\" (red flags)"));
	for (i = rp->nflags; i-- > shown_from(rp->nflags);) {
		s = rp->sv[rp->flags[i].session];
		off = lead(rp, s, line, sizeof line);
		snprintf(line + off, sizeof line - off, "\"%s\" %s (%s)",
		    s->answers[rp->flags[i].answer].question,
		    R_("yes"), R_("the session did not go on"));
		para(p, p->body, line, 2);
	}
	earlier(p, rp->nflags, R_("red-flag answer"), R_("red-flag answers"));
}

/* Fonts of the report, from the system through fontconfig. */
static void
fonts(struct pdf *p, double scale)
{
	p->body = pango_font_description_from_string("Sans 9.5");
	p->bold = pango_font_description_from_string("Sans Bold 11");
	p->title = pango_font_description_from_string("Sans Bold 18");
	p->small = pango_font_description_from_string("Sans 8");
	if (scale != 1.0) {
		pango_font_description_set_size(p->body, (int)(9.5 * scale *
		    PANGO_SCALE));
		pango_font_description_set_size(p->small, (int)(8 * scale *
		    PANGO_SCALE));
		pango_font_description_set_size(p->bold, (int)(11 * scale *
		    PANGO_SCALE));
	}
}

static void
fonts_free(struct pdf *p)
{
	pango_font_description_free(p->body);
	pango_font_description_free(p->bold);
	pango_font_description_free(p->title);
	pango_font_description_free(p->small);
}

/* The A4 pages, in the order a therapist reads them. */
static void
draw_pages(struct pdf *p, const struct report *rp)
{
	char	line[128];

	who_what(p, rp);
	/* What may need action first, as the Markdown report (and --help). */
	flags(p, rp);
	halted(p, rp);
	stops(p, rp);
	worse(p, rp);
	adherence(p, rp);
	pain_chart(p, rp);
	overrides(p, rp);
	others(p, rp);
	if (p->cut > 0) {
		snprintf(line, sizeof line, report_pick(p->cut, R_("(%zu more "
		    "line did not fit on %d pages: see knead report --format "
		    "md)"), R_("(%zu more lines did not fit on %d pages: see "
		    "knead report --format md)")), p->cut, MAX_PAGES);
		p->full = 0;
		p->y = p->bottom;
		p->bottom += MARGIN / 2;
		para(p, p->small, line, 0);
	}
	cairo_show_page(p->cr);
}

/* The height of the charts-only image. */
static double
charts_height(const struct report *rp)
{
	size_t	i;
	double	h = 2 * MARGIN + 40;

	for (i = 0; i < rp->nrs; i++) {
		if (report_has_target(&rp->rs[i]))
			h += CHART_H + 30;
	}
	h += PAIN_H + 40 + 16.0 * (double)(rp->nps < MAX_SERIES ? rp->nps :
	    MAX_SERIES);
	return h;
}

/* The charts alone: adherence per homework, then pain per area. */
static void
draw_charts(struct pdf *p, const struct report *rp)
{
	char	line[256];
	size_t	i;

	cairo_set_source_rgb(p->cr, 1, 1, 1);
	cairo_paint(p->cr);
	/* The charts of no session say why they are empty. */
	report_empty_text(rp, line, sizeof line);
	if (line[0] != '\0')
		para(p, p->bold, line, 8);
	for (i = 0; i < rp->nrs; i++) {
		if (report_has_target(&rp->rs[i]))
			adherence_chart(p, &rp->rs[i]);
	}
	pain_chart(p, rp);
}

int
report_pdf(FILE *fp, const struct report *rp, enum report_pdf_kind kind,
    char **cause)
{
	cairo_surface_t	*sf;
	cairo_status_t	 st;
	struct pdf	 p;
	double		 height;

	memset(&p, 0, sizeof p);
	p.rp = rp;
	height = kind == REPORT_PDF ? A4_H : charts_height(rp);
	if (kind == REPORT_PDF)
		sf = cairo_pdf_surface_create_for_stream(to_file, fp, A4_W,
		    A4_H);
	else if (kind == REPORT_SVG)
		sf = cairo_svg_surface_create_for_stream(to_file, fp, IMG_W,
		    height);
	else
		sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
		    (int)IMG_W, (int)height);
	p.cr = cairo_create(sf);
	p.x = MARGIN;
	p.y = MARGIN;
	p.w = (kind == REPORT_PDF ? A4_W : IMG_W) - 2 * MARGIN;
	p.bottom = height - MARGIN;
	p.page = 1;
	p.paged = kind == REPORT_PDF;
	fonts(&p, 1.0);
	if (kind == REPORT_PDF)
		draw_pages(&p, rp);
	else
		draw_charts(&p, rp);
	fonts_free(&p);
	st = cairo_status(p.cr);
	cairo_destroy(p.cr);
	if (st == CAIRO_STATUS_SUCCESS && kind == REPORT_PNG)
		st = cairo_surface_write_to_png_stream(sf, to_file, fp);
	cairo_surface_finish(sf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	/*
	 * A command draws once: give back pango's font map. fontconfig's
	 * own cache stays for the process (FcFini can abort while pango's
	 * loader thread still holds it; tests/lsan.supp names it).
	 */
	pango_cairo_font_map_set_default(NULL);
	if (st != CAIRO_STATUS_SUCCESS) {
		xasprintf(cause, _("drawing the report: %s"),
		    cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

/* knead-pdf.so's table (modules.h): what the program finds with dlsym. */
KMOD_EXPORT const struct kmod_pdf knead_module = {
	{ KMOD_ABI, sizeof (struct kmod_pdf), KNEAD_VERSION },
	report_pdf
};
