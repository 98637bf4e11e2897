/*
 * The home screen: the library (title, minutes, rest mark), filtered by
 * typing (matches id, title, areas and their everyday words, tools and
 * tags), homework first; a detail pane for the selected routine
 * (ui_home_pane.c: title wrapped, summary, intensity, areas with their
 * rest state by the run's own check, homework note, tools); the resting
 * areas with their time left. Enter starts it, Tab starts it without the
 * resting areas, Esc quits. After a refusal a panel lists everything that
 * refused it, with the time left, and the choices s (skip the resting
 * areas) and o (override with a reason). A choice is its letter then
 * Enter: any other key after the letter goes to the filter with it, so
 * typing a filter ("sci", "obl") never starts anything. Routine files that
 * could not be loaded are counted under the title (ui_home_lines.c).
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "frontend.h"
#include "ui.h"
#include "ui_home.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ncurses.h>

#include "areas.h"
#include "clock.h"
#include "diag.h"
#include "halt_why.h"
#include "history.h"
#include "homeidx.h"
#include "i18n.h"
#include "library.h"
#include "plan.h"
#include "refusal.h"
#include "routine.h"
#include "search.h"
#include "utf8.h"
#include "xmalloc.h"

/* Append s to buf with a separator, without overflowing. */
static void
home_add(char *buf, size_t len, const char *s)
{
	size_t	n = strlen(buf);

	if (strstr(buf, s) != NULL)
		return;
	snprintf(buf + n, len - n, "%s%s", n > 0 ? ", " : "", s);
}

/* it->place: each area of plan p with its side, first of each kind. */
static void
home_places(struct home_item *it, const struct plan *p)
{
	struct homeidx_place	*v;
	size_t			 i, k, n = 0;
	int			 work;

	free(it->place);
	v = xcalloc(p->n + 1, sizeof *v);
	for (i = 0; i < p->n; i++) {
		if (p->v[i].area == NULL)
			continue;
		work = p->v[i].is_work != 0;
		for (k = 0; k < n; k++) {
			if (v[k].area == p->v[i].area &&
			    v[k].side == (int)p->v[i].side && v[k].work == work)
				break;
		}
		if (k == n) {
			v[n].area = p->v[i].area;
			v[n].side = (int)p->v[i].side;
			v[n++].work = work;
		}
	}
	it->place = v;
	it->nplace = n;
}

/*
 * Whether the run would refuse it now, by the run's own check of this
 * routine (it->kchk, made at setup or kept): an area resting by this
 * routine's rest (limits.rest: a longer rest than the session's that
 * worked it waits longer), halted, sore or deep-capped for its work, or
 * its weekly or monthly cap reached.
 */
static int
home_rests(const struct home_item *it, int64_t now)
{
	size_t	k;

	for (k = 0; k < it->nkchk; k++)
		if (it->kchk[k].free_at > now)
			return (1);
	return (0);
}

/* The run's own check of routine r, kept with its row (it->kchk). */
static void
home_item_check(struct home *hm, struct home_item *it,
    const struct routine *r, const struct plan *p)
{
	struct resting	*v;
	char		*cause = NULL;
	size_t		 n;

	if (hm->h == NULL || history_check(hm->h, r, p, &v, &n, &cause) != 0) {
		v = NULL;
		n = 0;
		it->chk_failed = 1;
	}
	free(cause);
	it->kchk = v;
	it->nkchk = n;
}

/* Build one row's texts from its routine and plan. */
static void
home_item(struct home *hm, struct home_item *it, size_t idx)
{
	const struct routine	*r = hm->lib->v[idx].routine;
	struct plan		 p;
	size_t			 i;

	memset(it, 0, sizeof *it);
	it->idx = idx;
	snprintf(it->title, sizeof it->title, "%s", r->title.s != NULL ?
	    r->title.s : r->id.s);
	it->summary = r->summary.s;
	it->intensity = (int)r->intensity.v;
	it->strict = routine_strict(r);
	if (plan_build(r, &p) == 0) {
		it->total_ms = p.total_ms;
		for (i = 0; i < p.n; i++) {
			/* Stretched too, as knead list shows them. */
			if (p.v[i].area != NULL)
				home_add(it->areas, sizeof it->areas,
				    area_label(p.v[i].area));
			if (p.v[i].tool >= 0)
				home_add(it->tools, sizeof it->tools,
				    tool_label((enum tool)p.v[i].tool));
		}
		home_places(it, &p);
		home_item_check(hm, it, r, &p);
		it->doc = xmalloc(sizeof *it->doc);
		search_doc_make(it->doc, r, &p);
		plan_free(&p);
	} else {
		it->doc = xmalloc(sizeof *it->doc);
		search_doc_make(it->doc, r, NULL);
	}
	/*
	 * The pane's homework note (a bundled example's only while it is
	 * being done); the star and the top of the list only in the
	 * homework's period: one that ended or has not begun is a routine
	 * like the others (its note says so), and so is one the store
	 * cannot say of.
	 */
	it->homework = r->homework.present;
	it->star = 0;
	if (it->homework) {
		struct homework_progress hp;
		char	*cause = NULL;
		int	 ok = hm->h != NULL &&
			    history_homework(hm->h, r, &hp, &cause) == 0;

		if (strcmp(hm->lib->v[idx].origin, "bundled") == 0)
			it->homework = ok && hp.done_this_week > 0;
		it->star = it->homework && ok && hp.active;
		free(cause);
	}
}

/* Homework being done first, then what can run now, then the quickest. */
static int
home_cmp(const void *a, const void *b)
{
	const struct home_item	*x = a, *y = b;

	if (x->star != y->star)
		return (y->star - x->star);
	if (x->resting != y->resting)
		return (x->resting - y->resting);
	if (x->total_ms != y->total_ms)
		return (x->total_ms < y->total_ms ? -1 : 1);
	return (strcmp(x->title, y->title));
}

/* The library index of the routine under the cursor, or SIZE_MAX. */
static size_t
home_sel_idx(const struct home *hm)
{
	return (hm->sel < hm->nshown ? hm->items[hm->shown[hm->sel]].idx :
	    SIZE_MAX);
}

/*
 * Recompute the filtered list (search.c's rule): every word must match,
 * a time limit keeps what is short enough, and the most relevant come
 * first (search_rank), the list's order between equals. The cursor stays
 * on routine keep (a library index) where it is still shown: Enter after
 * Esc or a backspace starts what was chosen, not what came to its row.
 */
static void
home_filter(struct home *hm, size_t keep)
{
	static const struct search_doc none;	/* a kept frame's items */
	long	*score = xcalloc(hm->nitems + 1, sizeof *score);
	size_t	 i, j, n;

	hm->nshown = 0;
	for (i = 0; i < hm->nitems; i++) {
		if ((score[i] = search_rank(hm->items[i].doc != NULL ?
		    hm->items[i].doc : &none, hm->filter)) == SEARCH_NONE)
			continue;
		/* Stable: after those that score as high. */
		for (n = hm->nshown; n > 0 &&
		    score[hm->shown[n - 1]] < score[i]; n--)
			;
		for (j = hm->nshown; j > n; j--)
			hm->shown[j] = hm->shown[j - 1];
		hm->shown[n] = i;
		hm->nshown++;
	}
	free(score);
	for (i = 0; keep != SIZE_MAX && i < hm->nshown; i++)
		if (hm->items[hm->shown[i]].idx == keep)
			hm->sel = i;
	if (hm->sel >= hm->nshown)
		hm->sel = hm->nshown > 0 ? hm->nshown - 1 : 0;
}

/* The rest marks at the clock now, the order, the filter. */
void
home_arrange(struct home *hm)
{
	size_t	i, keep = home_sel_idx(hm);
	int64_t	now = clock_wall_s(&clock_system);

	for (i = 0; i < hm->nitems; i++)
		hm->items[i].resting = home_rests(&hm->items[i], now);
	qsort(hm->items, hm->nitems, sizeof *hm->items, home_cmp);
	home_filter(hm, keep);
}

/*
 * "  upper trapezius (left): 1 h 40 min left" for one entry of a refusal
 * or of the resting list, with the rule when it is not the rest interval.
 */
static void
home_rest_line(const struct resting *r, int64_t now, char *buf, size_t len)
{
	char	left[32], name[128], why[96];

	refusal_left(r->free_at - now, left, sizeof left);
	if (r->area == NULL && r->rule == RULE_MONTH) {
		snprintf(buf, len, _("  monthly limit reached (%d of %d): %s "
		    "left"), r->count, r->limit, left);
		return;
	}
	if (r->area == NULL) {
		snprintf(buf, len, _("  weekly limit reached (%d of %d): %s "
		    "left"),
		    r->week_count, r->per_week, left);
		return;
	}
	area_side_label(r->area->id, side_id(r->side), name, sizeof name);
	if (r->rule == RULE_BLOCKED) {
		snprintf(buf, len, _("  %s: blocked, still sore (%d/10): see a "
		    "doctor or physiotherapist"), name, r->count);
		return;
	}
	if (halt_why_hold(r) == HALT_HOLD_HURT)
		snprintf(why, sizeof why, _(", hurt %d/10 during a session"),
		    r->count);
	else if (halt_why_hold(r) == HALT_HOLD_ANSWERED)
		snprintf(why, sizeof why, _(", halted (!): %s"),
		    halt_why_rest_words(r));
	else
		snprintf(why, sizeof why, "%s",
		    halt_why_hold(r) == HALT_HOLD_PAIN ?
		    _(", halted for pain (!)") : r->rule == RULE_SORE ?
		    _(", sore the day after") : r->rule == RULE_DEEP ?
		    _(", deep work capped for 30 days") : r->in_progress ?
		    _(", a session works it now") : "");
	snprintf(buf, len, _("  %s: %s left%s"), name, left, why);
}

/* Whether the refused routine can be started without its resting areas. */
static int
home_can_skip(const struct home *hm)
{
	return (hm->skip_ok);
}

/*
 * Whether an override may be offered for the refused routine: not for a
 * strict one, nor over a spot no override passes (refusal_no_override).
 * 0 with *why (NULL: may) the words said instead.
 */
static int
home_can_override(const struct home *hm, const char **why)
{
	*why = NULL;
	if (routine_strict(hm->lib->v[hm->refused].routine))
		*why = _("strict: no override");
	else if (refusal_no_override(hm->why, hm->nwhy))
		*why = _("no override");
	return (*why == NULL);
}

/*
 * The choices line of the refusal panel, or the pending choice's prompt;
 * short forms below 80 columns.
 */
static void
home_choices_text(const struct home *hm, char *buf, size_t len)
{
	const struct routine	*r = hm->lib->v[hm->refused].routine;
	const char		*no;
	int			 narrow = COLS < 80;
	size_t			 n;

	if (hm->reasoning) {
		snprintf(buf, len, narrow ? _("reason: %s_") : _("reason for "
		    "the "
		    "override: %s_   Enter: start   Esc: back"), hm->reason);
		return;
	}
	if (hm->pending == 's') {
		if (narrow)
			snprintf(buf, len, "%s",
			    _("skip resting areas? Enter: start"));
		else
			snprintf(buf, len, _("s: start %s without its resting "
			    "areas? Enter: start   any other key: filter"),
			    r->id.s);
		return;
	}
	if (hm->pending == 'o') {
		if (narrow)
			snprintf(buf, len, "%s",
			    _("override? Enter: give a reason"));
		else
			snprintf(buf, len, _("o: override the rest of %s? "
			    "Enter: "
			    "give a reason   any other key: filter"), r->id.s);
		return;
	}
	for (n = 0; n < hm->nwhy && hm->why[n].area != NULL; n++)
		;
	if (home_can_skip(hm))
		snprintf(buf, len, "%s", narrow ? _("s Enter: skip  ") :
		    _("s Enter: skip the resting areas   "));
	else if (n < hm->nwhy)	/* a cap: its line says why */
		buf[0] = '\0';
	else	/* say why s is not offered */
		snprintf(buf, len, "%s", narrow ? _("nothing else to run  ") :
		    _("nothing is left without the resting areas   "));
	n = strlen(buf);
	snprintf(buf + n, len - n, "%s", !home_can_override(hm, &no) ? no :
	    narrow ? _("o Enter: override") :
	    _("o Enter: override with a reason"));
}

/*
 * The refusal panel: every area (and the weekly or monthly cap) that
 * refused the routine, with the time left, then the choices.
 */
static void
home_draw_refusal(struct home *hm, int y, int rows, int64_t now)
{
	const struct routine	*r = hm->lib->v[hm->refused].routine;
	char			 buf[512];
	size_t			 k;
	int			 area = 0;

	for (k = 0; k < hm->nwhy; k++)
		area |= hm->why[k].area != NULL;
	ui_role(UI_KIND);
	/* A cap alone is no rest: its line below says which. */
	snprintf(buf, sizeof buf, area ? _("%s is refused: resting now") :
	    _("%s is refused for now"), r->id.s);
	ui_put(y++, 0, COLS, buf);
	ui_role(UI_NORMAL);
	for (k = 0; k < hm->nwhy; k++) {
		if ((int)k >= rows - 2) {
			snprintf(buf, sizeof buf, _("  ... and %zu more"),
			    hm->nwhy - k);
			ui_put(y - 1, 0, COLS, buf);
			break;
		}
		home_rest_line(&hm->why[k], now, buf, sizeof buf);
		ui_put(y++, 0, COLS, buf);
	}
	home_choices_text(hm, buf, sizeof buf);
	ui_role(hm->pending || hm->reasoning ? UI_STATUS : UI_DIM);
	ui_put(y, 0, COLS, buf);
	ui_role(UI_NORMAL);
}

/*
 * The entry a one-row resting line names: a block, else a halt (what a
 * user must not miss), else the soonest free (the list's first).
 */
static size_t
home_rest_first(const struct home *hm)
{
	size_t	k;

	for (k = 0; k < hm->nrest; k++)
		if (hm->rest[k].rule == RULE_BLOCKED)
			return (k);
	for (k = 0; k < hm->nrest; k++)
		if (hm->rest[k].rule == RULE_HALTED)
			return (k);
	return (0);
}

/*
 * The areas resting now, soonest free first, one a line under a heading,
 * in rows rows; the last row says how many more did not fit. In one row
 * (a small pane) a block or a halt, else the soonest free, and how many
 * more: no resting area is left out without a word.
 */
static void
home_draw_rest(struct home *hm, int y, int rows, int64_t now)
{
	char	buf[512], line[640];
	size_t	k, fit = rows > 1 ? (size_t)rows - 1 : 0;

	ui_role(UI_KIND);
	if (fit == 0) {
		/* The count first: it survives a cut at the pane's edge. */
		home_rest_line(&hm->rest[home_rest_first(hm)], now, buf,
		    sizeof buf);
		if (hm->nrest > 1)
			snprintf(line, sizeof line, _("resting (%zu): %s"),
			    hm->nrest, buf + strspn(buf, " "));
		else
			snprintf(line, sizeof line, _("resting: %s"),
			    buf + strspn(buf, " "));
		ui_put(y, 0, COLS, line);
		ui_role(UI_NORMAL);
		return;
	}
	ui_put(y++, 0, COLS, _("resting:"));
	ui_role(UI_NORMAL);
	for (k = 0; k < hm->nrest && k < fit; k++) {
		if (k == fit - 1 && hm->nrest > fit) {
			snprintf(buf, sizeof buf, ngettext("... and %zu more "
			    "area (knead status lists every one)", "... and "
			    "%zu more areas (knead status lists every one)",
			    hm->nrest - k), hm->nrest - k);
			ui_put(y++, 2, COLS - 2, buf);	/* under the areas */
			break;
		}
		home_rest_line(&hm->rest[k], now, buf, sizeof buf);
		ui_put(y++, 0, COLS, buf);
	}
}

/*
 * The list in list_h rows of lw columns from row 2: title (cut with a
 * mark only when it does not fit; the pane wraps it), minutes, then the
 * rest mark and the areas where there is room.
 */
static void
home_draw_list(struct home *hm, int lw, int list_h, int wide)
{
	const struct home_item	*it;
	char			 buf[512];
	int			 y = 2, rows, tw, aw;

	tw = wide ? lw - 20 : lw >= 60 ? lw * 6 / 10 : lw - 12;
	aw = lw - tw - 11;
	if (hm->sel < hm->top)
		hm->top = hm->sel;
	if (hm->sel >= hm->top + (size_t)list_h)
		hm->top = hm->sel - (size_t)list_h + 1;
	for (rows = 0; rows < list_h && hm->top + (size_t)rows < hm->nshown;
	    rows++, y++) {
		it = &hm->items[hm->shown[hm->top + (size_t)rows]];
		ui_role(hm->top + (size_t)rows == hm->sel ? UI_SELECT :
		    UI_NORMAL);
		/* The row blank in its role: one call, not lw addch(). */
		mvhline(y, 0, ' ', lw);
		/* No room for the areas column: the rest mark leads. */
		snprintf(buf, sizeof buf, "%s%s%s", it->star ? "* " : "",
		    it->resting && aw < 8 ? _("(rests) ") : "", it->title);
		ui_put(y, 1, tw, buf);
		snprintf(buf, sizeof buf, _("%3llu min"),
		    (unsigned long long)plan_minutes(it->total_ms));
		ui_put(y, tw + 2, 8, buf);
		snprintf(buf, sizeof buf, "%s%s", it->resting ? _("(rests) ") :
		    "", wide ? "" : it->areas);	/* wide: in the pane */
		if (aw >= 8)
			ui_put(y, tw + 11, aw, buf);
	}
	ui_role(UI_NORMAL);
	if (hm->nshown == 0)
		ui_put(2, 1, lw - 2, _("no routine matches the filter"));
}

/*
 * Row 0: the title, and the filter at the right. What was typed is never
 * hidden: the title gives way (cut, then gone), and a filter wider than
 * the screen shows its end.
 */
static void
home_draw_title(const struct home *hm)
{
	const char	*f = hm->filter, *title = _("knead: pick a routine");
	char		 buf[192], typed[96];
	size_t		 len;
	uint32_t	 cp;
	int		 w;

	for (;;) {
		snprintf(typed, sizeof typed, "%s%s", f == hm->filter ? "" :
		    "\u2026", f);
		/* A pending s or o is the panel's, not the filter's (yet). */
		snprintf(buf, sizeof buf, _("filter: %s_"), typed);
		if ((w = ui_width(buf)) <= COLS || *f == '\0')
			break;
		len = utf8_next((const unsigned char *)f, strlen(f), &cp, NULL);
		f += len > 0 ? len : 1;
	}
	ui_role(UI_TITLE);
	if (COLS - w - 2 >= 8)	/* "knead: …" at least */
		ui_put(0, 0, COLS - w - 2, title);
	ui_role(UI_NORMAL);
	ui_put(0, COLS - w, w, buf);
}

/*
 * Draw the home screen. From the top: the heading and filter, the list
 * with the detail pane beside it (120 columns or more) or under it, the
 * resting areas or the refusal panel, the status line and the keys.
 */
void
home_draw(struct home *hm)
{
	const struct home_item	*it = NULL;
	int			 rest_h, avail, list_h, lw, pane_h = 0, room = 0;
	int			 wide = COLS >= 120;
	int64_t			 now = clock_wall_s(&clock_system);

	if (!ui_draw_begin())
		return;
	home_draw_title(hm);
	home_draw_bad(hm);

	rest_h = hm->nrest > 0 ? (int)(hm->nrest > 4 ? 5 : hm->nrest + 1) : 0;
	if (hm->refused >= 0 && hm->nwhy > 0)	/* title, rows, choices */
		rest_h = (int)hm->nwhy + 2 < LINES - 8 ? (int)hm->nwhy + 2 :
		    LINES - 8;
	else if (LINES < 16 && rest_h > 0)
		rest_h = 1;	/* one line: the soonest free, how many more */
	/* Rows 2 .. the rest block, with a blank row above it. */
	avail = LINES - 4 - rest_h - (rest_h > 0);
	if (hm->nshown > 0)
		it = &hm->items[hm->shown[hm->sel < hm->nshown ? hm->sel : 0]];
	lw = wide ? COLS / 2 : COLS;
	list_h = avail;
	if (it != NULL && !wide && avail - 5 >= 3) {
		/* Under a short list the pane has the rows the list leaves. */
		pane_h = (int)hm->nshown + 1 < avail - 5 ? avail -
		    (int)hm->nshown - 1 : avail - 5;
		room = pane_h;
		pane_h = home_pane(hm, it, -1, 1, COLS - 2, room, room, now);
		list_h = avail - pane_h - 1;
		if ((int)hm->nshown < list_h)
			list_h = (int)hm->nshown;
	}
	home_draw_list(hm, lw, list_h, wide);
	if (it != NULL && wide)
		home_pane(hm, it, 2, lw + 1, COLS - lw - 2, avail, avail, now);
	else if (it != NULL && pane_h > 0)
		home_pane(hm, it, 2 + list_h + 1, 1, COLS - 2, pane_h, room,
		    now);
	if (rest_h > 0 && hm->refused >= 0 && hm->nwhy > 0)
		home_draw_refusal(hm, LINES - 2 - rest_h, rest_h, now);
	else if (rest_h > 0)
		home_draw_rest(hm, LINES - 2 - rest_h, rest_h, now);
	ui_role(UI_STATUS);
	ui_put(LINES - 2, 0, COLS, hm->status);
	ui_role(UI_NORMAL);
	home_draw_keys(hm);
	refresh();
}

/* What refused the routine: the run's own check, asked again now. */
static void
home_why(struct home *hm)
{
	const struct routine	*r = hm->lib->v[hm->refused].routine;
	struct plan		 p;
	char			*cause = NULL;

	if (plan_build(r, &p) != 0)
		return;
	if (history_check(hm->h, r, &p, &hm->why, &hm->nwhy, &cause) != 0) {
		hm->why = NULL;
		hm->nwhy = 0;
	}
	hm->skip_ok = history_skip_leaves(&p, hm->why, hm->nwhy);
	free(cause);
	plan_free(&p);
}

/* Free the home screen's state. */
static void
home_free(struct home *hm)
{
	size_t	i;

	for (i = 0; !hm->kept && i < hm->nitems; i++) {
		free(hm->items[i].place);
		free(hm->items[i].kchk);
		if (hm->items[i].doc != NULL)
			search_doc_clear(hm->items[i].doc);
		free(hm->items[i].doc);
	}
	free(hm->items);
	free(hm->shown);
	free(hm->rest);
	free(hm->why);
	free(hm->chk);
	free(hm->passed);
}

/* A typed character goes to the filter: the refusal panel closes. */
static void
home_type(struct home *hm, int ch)
{
	home_append(hm->filter, sizeof hm->filter, ch);
	hm->refused = -1;
	hm->pending = 0;
	hm->sel = 0;
	home_filter(hm, SIZE_MAX);	/* the best match on top */
}

/*
 * Keys while the override's reason is typed: 1 when the routine is
 * picked (Enter with a reason), -1 to quit, 0 to go on.
 */
static int
home_key_reason(struct home *hm, int ch, struct home_pick *out)
{
	const char	*p = hm->reason;

	if (ch == UI_KEY_SIGNAL || ch == 4)
		return (-1);
	if (ch == 27) {
		hm->reasoning = 0;
		hm->reason[0] = '\0';
	} else if (ch == '\r' || ch == '\n' || ch == KEY_ENTER) {
		while (*p == ' ')
			p++;
		if (*p == '\0') {
			snprintf(hm->status, sizeof hm->status, _("an override "
			    "needs a reason (Esc: back)"));
			return (0);
		}
		snprintf(out->reason, sizeof out->reason, "%s", p);
		return (1);
	} else if (home_erase_key(ch))
		home_erase(hm->reason, ch);
	else if (home_printable(ch)) {
		home_append(hm->reason, sizeof hm->reason, ch);
		hm->status[0] = '\0';
	}
	return (0);
}

/*
 * A choice after a refusal is its letter then Enter: s skips the resting
 * areas, o asks for the override's reason. Any other key after the letter
 * puts the letter into the filter (kept from before the refusal) and is
 * handled as usual, so typing a filter never makes a choice. Returns 1 when the key was used, 2 when s
 * was chosen, 0 when the key is left to the list.
 */
static int
home_key_choice(struct home *hm, int ch)
{
	const char	*no;
	int		 letter = hm->pending;

	if (letter == 0) {
		if (hm->refused < 0 || hm->nwhy == 0)
			return (0);
		if ((ch == 's' && home_can_skip(hm)) || (ch == 'o' &&
		    home_can_override(hm, &no))) {
			hm->pending = ch;
			return (1);
		}
		return (0);
	}
	if (ch == UI_KEY_NONE || ch == KEY_RESIZE)
		return (1);
	hm->pending = 0;
	if (ch == '\r' || ch == '\n' || ch == KEY_ENTER) {
		if (letter == 's')
			return (2);
		hm->reasoning = 1;
		hm->reason[0] = '\0';
		return (1);
	}
	if (ch == 27 || home_erase_key(ch))
		return (1);
	if (home_printable(ch))
		home_type(hm, letter);
	return (0);
}

/* The list's keys: 1 when a routine is picked, -1 to quit, 0 to go on. */
static int
home_key_list(struct home *hm, int ch, struct home_pick *out)
{
	if (ch == 27 && hm->filter[0] != '\0') {
		hm->filter[0] = '\0';
		home_filter(hm, home_sel_idx(hm));
		return (0);
	}
	if (ch == UI_KEY_SIGNAL || ch == 27 || ch == 4)
		return (-1);
	if (ch == KEY_UP && hm->sel > 0)
		hm->sel--;
	else if (ch == KEY_DOWN && hm->sel + 1 < hm->nshown)
		hm->sel++;
	else if (ch == KEY_PPAGE)
		hm->sel = hm->sel > 10 ? hm->sel - 10 : 0;
	else if (ch == KEY_NPAGE && hm->nshown > 0)
		hm->sel = hm->sel + 10 < hm->nshown ? hm->sel + 10 :
		    hm->nshown - 1;
	else if ((ch == '\r' || ch == '\n' || ch == KEY_ENTER ||
	    ch == '\t') && hm->nshown > 0) {
		out->skip = ch == '\t';
		return (1);
	} else if (home_erase_key(ch)) {
		/* A character, the last word (^W) or all (^U), as a shell. */
		home_erase(hm->filter, ch);
		home_filter(hm, home_sel_idx(hm));
	} else if (home_printable(ch))
		home_type(hm, ch);
	return (0);
}

/* The list, its rest state and the pane as the home screen opens on. */
static void
home_setup(struct home *hm, struct library *lib, struct history *h,
    const char *status, int refused, const char *filter)
{
	char	*cause = NULL;
	size_t	 i, n;

	memset(hm, 0, sizeof *hm);
	/* After a refusal, the list as it was filtered when it was picked. */
	if (refused >= 0)
		snprintf(hm->filter, sizeof hm->filter, "%s", filter);
	hm->lib = lib;
	hm->h = h;
	hm->refused = refused;
	hm->chk_idx = SIZE_MAX;
	home_bad_setup(hm);
	if (status != NULL)
		diag_clean(status, hm->status, sizeof hm->status);
	if (history_resting(h, &hm->rest, &hm->nrest, &cause) != 0) {
		snprintf(hm->status, sizeof hm->status, _("history: %s"),
		    cause != NULL ? cause : _("unreadable"));
		hm->rest = NULL;
		hm->nrest = 0;
	}
	free(cause);
	hm->items = xcalloc(lib->n + 1, sizeof *hm->items);
	hm->shown = xcalloc(lib->n + 1, sizeof *hm->shown);
	/* Every routine's check in one read of the store. */
	(void)history_read_begin(h);
	for (i = 0, n = 0; i < lib->n; i++) {
		if (lib->v[i].valid && lib->v[i].routine != NULL)
			home_item(hm, &hm->items[n++], i);
	}
	history_read_end(h);
	hm->nitems = n;
	home_arrange(hm);
	for (i = 0; refused >= 0 && i < hm->nshown; i++) {
		if (hm->items[hm->shown[i]].idx == (size_t)refused)
			hm->sel = i;
	}
	if (refused >= 0)
		home_why(hm);
}

/* The index ui_home_run keeps after its first frame (ui_home_keep). */
static struct {
	int		 want;
	char		*path;
	uint64_t	 key;
} home_keep_req;

void
ui_home_keep(const char *path, uint64_t key)
{
	free(home_keep_req.path);
	home_keep_req.path = path != NULL ? xstrdup(path) : NULL;
	home_keep_req.key = key;
	home_keep_req.want = path != NULL && key != 0;
}

/* Keep the index of the frame just drawn, when asked to (once). */
static void
home_keep_now(struct home *hm)
{
	struct homeidx	idx;

	if (!home_keep_req.want)
		return;
	home_keep_req.want = 0;
	/* What the first read sends goes with the frame, not after this. */
	ui_frame_out();
	if (home_kept_make(hm, home_keep_req.key,
	    clock_wall_s(&clock_system), &idx) == 0)
		(void)homeidx_write(home_keep_req.path, &idx);
	homeidx_free(&idx);
	free(home_keep_req.path);
	home_keep_req.path = NULL;
}

/* The index of the frame a start would draw now (see frontend.h). */
int
ui_home_index(struct library *lib, struct history *h, struct homeidx *idx)
{
	struct home	hm;
	int		rc;

	home_setup(&hm, lib, h, NULL, -1, "");
	rc = home_kept_make(&hm, 0, clock_wall_s(&clock_system), idx);
	home_free(&hm);
	if (rc != 0)
		homeidx_free(idx);	/* what it made before it gave up */
	return (rc);
}

/* The home screen's first frame only (see frontend.h). */
void
ui_home_preview(struct library *lib, struct history *h)
{
	struct home	hm;

	home_setup(&hm, lib, h, NULL, -1, "");
	home_draw(&hm);
	/* ncurses sends the keypad mode at the first read: with the frame. */
	ui_frame_out();
	home_free(&hm);
}

/* Whether a routine of the list is marked (rests). */
static int
home_any_rests(const struct home *hm)
{
	size_t	i;

	for (i = 0; i < hm->nitems; i++)
		if (hm->items[i].resting)
			return (1);
	return (0);
}

/* The home screen loop (see frontend.h). */
int
ui_home_run(struct library *lib, struct history *h, const char *status,
    int refused, struct home_pick *out)
{
	struct home	 hm;
	const char	*st;
	int64_t		 wait_ns;
	char		 filter[sizeof out->filter];
	int		 ch, k, panel, pick = -1;

	snprintf(filter, sizeof filter, "%s", out->filter);
	memset(out, 0, sizeof *out);
	home_setup(&hm, lib, h, status, refused, filter);
	for (;;) {
		home_draw(&hm);
		/* After the first frame, off its path: the kept index. */
		home_keep_now(&hm);
		/* Resting countdowns change by the minute. */
		wait_ns = hm.nrest > 0 || hm.nchk > 0 || home_any_rests(&hm) ?
		    60 * (int64_t)1000000000 : -1;
		ch = ui_key(wait_ns);
		/* A line sent to knead (remind --notify): the status line. */
		if ((st = ui_message()) != NULL)
			diag_clean(st, hm.status, sizeof hm.status);
		panel = hm.reasoning;
		if (hm.reasoning)
			k = home_key_reason(&hm, ch, out);
		else if ((k = home_key_choice(&hm, ch)) == 2) {
			out->skip = panel = 1;
			k = 1;
		} else if (k == 1)
			k = 0;
		else if (ch == UI_KEY_NONE || ch == KEY_RESIZE) {
			/* A rest that ended drops its mark. */
			if (ch == UI_KEY_NONE && !hm.reasoning &&
			    !hm.pending)
				home_arrange(&hm);
			k = 0;
		}
		else
			k = home_key_list(&hm, ch, out);
		if (k < 0)
			break;
		if (k > 0) {
			/* A choice of the panel is about the refused one. */
			pick = panel ? hm.refused :
			    (int)hm.items[hm.shown[hm.sel]].idx;
			snprintf(out->filter, sizeof out->filter, "%s",
			    hm.filter);
			break;
		}
	}
	home_free(&hm);
	return (pick);
}
