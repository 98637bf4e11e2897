/*
 * The PDF report's parts (report_pdf.c, in knead-pdf.so): the page and
 * its text flow, shared with the charts (report_pdf_chart.c).
 */
#ifndef KNEAD_REPORT_PDF_INT_H
#define KNEAD_REPORT_PDF_INT_H

#include <stddef.h>

#include <cairo.h>
#include <pango/pangocairo.h>

struct report;
struct report_routine;

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

/* report_pdf.c: text laid out at (x, y) in width w; its height (draw 0:
   measured only). */
double	pdf_text_aligned(struct pdf *, const PangoFontDescription *, double x,
	    double y, double w, const char *s, int draw, PangoAlignment);
double	pdf_text_at(struct pdf *, const PangoFontDescription *, double x,
	    double y, double w, const char *s, int draw);
/* Room for h more points (a new page when paged): 0, or -1 none. */
int	pdf_room(struct pdf *, double h);
/* One paragraph in the flow; counted as cut when there is no room. */
void	pdf_para(struct pdf *, const PangoFontDescription *, const char *s,
	    double gap);
/* A section heading kept on one page with keep points below it. */
void	pdf_heading_keep(struct pdf *, const char *s, double keep);

/* report_pdf_chart.c: the adherence bars of one homework, of each, and
   pain per area over time. */
void	pdf_adherence_chart(struct pdf *, const struct report_routine *);
void	pdf_adherence(struct pdf *, const struct report *);
void	pdf_pain_chart(struct pdf *, const struct report *);

#endif
