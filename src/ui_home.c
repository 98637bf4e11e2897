/*
 * The home screen: the library (title, minutes, areas, tools), filtered by
 * typing (matches id, title, areas, tools and tags), homework first; the
 * resting areas with their time left; the homework progress of the
 * selected routine. Enter starts it, Tab starts it without the resting
 * areas, Esc quits. After a refusal a panel lists everything resting that
 * refused it, with the time left, and the choices; typing goes to the
 * filter (and closes the panel), never to a choice.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "frontend.h"
#include "ui.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ncurses.h>

#include "areas.h"
#include "clock.h"
#include "dates.h"
#include "diag.h"
#include "history.h"
#include "library.h"
#include "plan.h"
#include "routine.h"
#include "xmalloc.h"

struct home_item {
	size_t		 idx;		/* in the library */
	char		 title[128];
	char		 areas[256];
	char		 tools[128];
	char		 search[2048];	/* lower-case haystack */
	uint64_t	 total_ms;
	int		 homework;
	int		 resting;	/* one of its areas rests now */
};

struct home {
	struct library		*lib;
	struct history		*h;
	struct home_item	*items;
	size_t			 nitems;
	size_t			*shown;		/* filtered, indexes in items */
	size_t			 nshown;
	size_t			 sel;
	size_t			 top;
	char			 filter[64];
	struct resting		*rest;
	size_t			 nrest;
	char			 status[256];
	int			 refused;	/* library index or -1 */
	struct resting		*why;		/* what refused it */
	size_t			 nwhy;
};

/* Append s to buf with a separator, without overflowing. */
static void
home_add(char *buf, size_t len, const char *s)
{
	size_t	n = strlen(buf);

	if (strstr(buf, s) != NULL)
		return;
	snprintf(buf + n, len - n, "%s%s", n > 0 ? ", " : "", s);
}

/* Build one row's texts from its routine and plan. */
static void
home_item(struct home *hm, struct home_item *it, size_t idx)
{
	const struct routine	*r = hm->lib->v[idx].routine;
	struct plan		 p;
	size_t			 i, k;
	char			*c;

	memset(it, 0, sizeof *it);
	it->idx = idx;
	snprintf(it->title, sizeof it->title, "%s", r->title.s != NULL ?
	    r->title.s : r->id.s);
	if (plan_build(r, &p) == 0) {
		it->total_ms = p.total_ms;
		for (i = 0; i < p.n; i++) {
			if (p.v[i].is_work && p.v[i].area != NULL)
				home_add(it->areas, sizeof it->areas,
				    p.v[i].area->name);
			if (p.v[i].tool >= 0)
				home_add(it->tools, sizeof it->tools,
				    tool_name((enum tool)p.v[i].tool));
			for (k = 0; k < hm->nrest; k++) {
				if (p.v[i].is_work &&
				    hm->rest[k].area != NULL &&
				    hm->rest[k].area == p.v[i].area)
					it->resting = 1;
			}
		}
		plan_free(&p);
	}
	/* A bundled example's homework only while it is being done. */
	it->homework = r->homework.present;
	if (it->homework && strcmp(hm->lib->v[idx].origin, "bundled") == 0) {
		struct homework_progress hp;
		char	*cause = NULL;

		it->homework = history_homework(hm->h, r, &hp, &cause) == 0 &&
		    hp.done_this_week > 0;
		free(cause);
	}
	snprintf(it->search, sizeof it->search, "%s %s %s %s", r->id.s,
	    it->title, it->areas, it->tools);
	/* The everyday words and regions of the areas worked ("QL"). */
	for (i = 0; i < r->nsteps; i++) {
		const struct area *a = r->steps[i].area;

		if (a == NULL || strstr(it->search, area_words(a)) != NULL)
			continue;
		k = strlen(it->search);
		snprintf(it->search + k, sizeof it->search - k, " %s %s",
		    area_words(a), a->region);
	}
	for (i = 0; i < r->ntags; i++) {
		k = strlen(it->search);
		snprintf(it->search + k, sizeof it->search - k, " %s",
		    r->tags[i]);
	}
	for (c = it->search; *c != '\0'; c++)
		*c = (char)tolower((unsigned char)*c);
}

/* Homework first, then what can run now, then the quickest. */
static int
home_cmp(const void *a, const void *b)
{
	const struct home_item	*x = a, *y = b;

	if (x->homework != y->homework)
		return (y->homework - x->homework);
	if (x->resting != y->resting)
		return (x->resting - y->resting);
	if (x->total_ms != y->total_ms)
		return (x->total_ms < y->total_ms ? -1 : 1);
	return (strcmp(x->title, y->title));
}

/*
 * Whether word is a time limit: "<10", "10m" or "10min" (at most 10
 * minutes). Returns the minutes, or -1 for a word to search for.
 */
static long
home_minutes(const char *word)
{
	const char	*p = word + (word[0] == '<');
	char		*end;
	long		 v;

	if (*p < '0' || *p > '9')
		return (-1);
	v = strtol(p, &end, 10);
	if (strcmp(end, "m") != 0 && strcmp(end, "min") != 0 &&
	    !(word[0] == '<' && *end == '\0'))
		return (-1);
	return (v);
}

/* Whether item it matches every word of the filter f (lower case). */
static int
home_match(const struct home_item *it, char *f)
{
	char	*word, *save = NULL;
	long	 min;

	for (word = strtok_r(f, " ", &save); word != NULL;
	    word = strtok_r(NULL, " ", &save)) {
		if ((min = home_minutes(word)) >= 0) {
			if ((it->total_ms + 59999) / 60000 > (uint64_t)min)
				return (0);
		} else if (strstr(it->search, word) == NULL)
			return (0);
	}
	return (1);
}

/*
 * Recompute the filtered list: every word must match (area, tool, tag,
 * title), and "<10" or "10m" keeps the routines of 10 minutes or less.
 */
static void
home_filter(struct home *hm)
{
	char	f[64], *c;
	size_t	i;

	hm->nshown = 0;
	for (i = 0; i < hm->nitems; i++) {
		snprintf(f, sizeof f, "%s", hm->filter);
		for (c = f; *c != '\0'; c++)
			*c = (char)tolower((unsigned char)*c);
		if (home_match(&hm->items[i], f))
			hm->shown[hm->nshown++] = i;
	}
	if (hm->sel >= hm->nshown)
		hm->sel = hm->nshown > 0 ? hm->nshown - 1 : 0;
}

/* "13 h 46 min" until t. */
static void
home_left(int64_t secs, char *buf, size_t len)
{
	if (secs < 0)
		secs = 0;
	if (secs >= 3600)
		snprintf(buf, len, "%lld h %02lld min", (long long)secs / 3600,
		    (long long)(secs % 3600) / 60);
	else
		snprintf(buf, len, "%lld min", (long long)(secs + 59) / 60);
}

/* "upper trapezius (left): 1 h 40 min left" for one resting entry. */
static void
home_rest_line(const struct resting *r, int64_t now, char *buf, size_t len)
{
	char	left[32];

	home_left(r->free_at - now, left, sizeof left);
	if (r->area == NULL)
		snprintf(buf, len, "  weekly limit reached (%d of %d): %s left",
		    r->week_count, r->per_week, left);
	else
		snprintf(buf, len, "  %s%s: %s left", r->area->name,
		    r->side == SIDE_LEFT ? " (left)" : r->side == SIDE_RIGHT ?
		    " (right)" : "", left);
}

/*
 * The refusal panel: every area (and the weekly cap) that refused the
 * routine, with the time left, then the choices.
 */
static void
home_draw_refusal(struct home *hm, int y, int rows, int64_t now)
{
	const struct routine	*r = hm->lib->v[hm->refused].routine;
	char			 buf[512];
	size_t			 k;
	int			 capped = 0;

	ui_role(UI_KIND);
	snprintf(buf, sizeof buf, "%s is refused: resting now", r->id.s);
	ui_put(y++, 0, COLS, buf);
	ui_role(UI_NORMAL);
	for (k = 0; k < hm->nwhy; k++) {
		capped |= hm->why[k].area == NULL;
		if ((int)k >= rows - 2) {
			snprintf(buf, sizeof buf, "  ... and %zu more",
			    hm->nwhy - k);
			ui_put(y - 1, 0, COLS, buf);
			break;
		}
		home_rest_line(&hm->why[k], now, buf, sizeof buf);
		ui_put(y++, 0, COLS, buf);
	}
	snprintf(buf, sizeof buf, "%s%s%s%s", capped ? "" :
	    "Tab: start without the resting areas", capped ? "" : "   ",
	    routine_strict(r) ? "strict: no override" : "override: knead run ",
	    routine_strict(r) ? "" : r->id.s);
	if (!routine_strict(r)) {
		k = strlen(buf);
		snprintf(buf + k, sizeof buf - k, " --override REASON");
	}
	ui_role(UI_DIM);
	ui_put(y, 0, COLS, buf);
	ui_role(UI_NORMAL);
}

/* Draw the home screen. */
static void
home_draw(struct home *hm)
{
	struct homework_progress	 hp;
	const struct homework		*hw;
	const struct home_item		*it;
	char				 buf[512], left[32], *cause = NULL;
	int				 y, rows, list_h, rest_h, i, w;
	int64_t				 now = clock_wall_s(&clock_system);
	size_t				 k;

	erase();
	if (COLS < UI_MIN_W || LINES < UI_MIN_H) {
		ui_too_small();
		return;
	}
	ui_role(UI_TITLE);
	ui_put(0, 0, COLS, "knead: pick a routine");
	ui_role(UI_NORMAL);
	snprintf(buf, sizeof buf, "filter: %s_", hm->filter);
	w = ui_width(buf);
	if (w < COLS - 24)
		ui_put(0, COLS - w, w, buf);

	rest_h = hm->nrest > 0 ? (int)(hm->nrest > 4 ? 5 : hm->nrest + 1) : 0;
	if (hm->refused >= 0 && hm->nwhy > 0)	/* title, rows, choices */
		rest_h = (int)hm->nwhy + 2 < LINES - 8 ? (int)hm->nwhy + 2 :
		    LINES - 8;
	else if (LINES < 16)
		rest_h = 0;
	list_h = LINES - 5 - rest_h;
	if (hm->sel < hm->top)
		hm->top = hm->sel;
	if (hm->sel >= hm->top + (size_t)list_h)
		hm->top = hm->sel - (size_t)list_h + 1;
	y = 2;
	for (rows = 0; rows < list_h && hm->top + (size_t)rows < hm->nshown;
	    rows++) {
		it = &hm->items[hm->shown[hm->top + (size_t)rows]];
		ui_role(hm->top + (size_t)rows == hm->sel ? UI_SELECT :
		    UI_NORMAL);
		move(y, 0);
		for (i = 0; i < COLS; i++)
			addch(' ');
		snprintf(buf, sizeof buf, "%s%s", it->homework ? "* " : "",
		    it->title);
		ui_put(y, 1, COLS / 2 - 2, buf);
		snprintf(buf, sizeof buf, "%3llu min",
		    (unsigned long long)(it->total_ms + 59999) / 60000);
		ui_put(y, COLS / 2, 8, buf);
		snprintf(buf, sizeof buf, "%s%s%s", it->resting ? "(rests) " :
		    "", it->areas, COLS >= 100 ? "" : "");
		ui_put(y, COLS / 2 + 9, COLS - COLS / 2 - 10, buf);
		y++;
	}
	if (hm->nshown == 0)
		ui_put(2, 1, COLS - 2, "no routine matches the filter");
	ui_role(UI_NORMAL);

	/* The selected routine's tools and homework. */
	y = LINES - 3 - rest_h;
	if (hm->nshown > 0) {
		it = &hm->items[hm->shown[hm->sel]];
		snprintf(buf, sizeof buf, "tools: %s", it->tools);
		memset(&hp, 0, sizeof hp);
		hw = &hm->lib->v[it->idx].routine->homework;
		if (it->homework && history_homework(hm->h,
		    hm->lib->v[it->idx].routine, &hp, &cause) == 0 &&
		    !hp.active) {
			/* Ended is shown as ended, not dropped. */
			k = strlen(buf);
			snprintf(buf + k, sizeof buf - k, "   homework %s %s",
			    hw->until_day.set && dates_day_of(now) >
			    hw->until_day.v ? "ended" : "starts",
			    hw->until_day.set && dates_day_of(now) >
			    hw->until_day.v ? hw->until.s : hw->from.s != NULL ?
			    hw->from.s : "?");
		} else if (it->homework && hp.active) {
			k = strlen(buf);
			snprintf(buf + k, sizeof buf - k, "   homework%s%s: %d",
			    hw->by.s != NULL ? " from " : "", hw->by.s != NULL ?
			    hw->by.s : "", hp.done_this_week);
			k = strlen(buf);
			if (hp.per_week > 0)	/* a weekly target */
				snprintf(buf + k, sizeof buf - k, " of %d",
				    hp.per_week);
			k = strlen(buf);
			snprintf(buf + k, sizeof buf - k, " this week");
			k = strlen(buf);
			if (hp.days_left > 0)
				snprintf(buf + k, sizeof buf - k,
				    ", %d days left (until %s)", hp.days_left,
				    hw->until.s);
			else if (hm->lib->v[it->idx].routine->
			    homework.until_day.set)
				snprintf(buf + k, sizeof buf - k,
				    ", last day");
		}
		free(cause);
		ui_role(UI_DIM);
		ui_put(y, 0, COLS, buf);
		ui_role(UI_NORMAL);
	}
	if (rest_h > 0 && hm->refused >= 0 && hm->nwhy > 0)
		home_draw_refusal(hm, LINES - 2 - rest_h, rest_h, now);
	else if (rest_h > 0) {
		y = LINES - 2 - rest_h;
		ui_role(UI_KIND);
		ui_put(y++, 0, COLS, "resting:");
		ui_role(UI_NORMAL);
		for (k = 0; k < hm->nrest && (int)k < rest_h - 1; k++) {
			home_left(hm->rest[k].free_at - now, left, sizeof left);
			if (hm->rest[k].area == NULL)
				snprintf(buf, sizeof buf, "  weekly limit "
				    "reached: %s left", left);
			else
				snprintf(buf, sizeof buf, "  %s%s%s%s: %s left",
				    hm->rest[k].area->name,
				    hm->rest[k].side == SIDE_LEFT ? " (left)" :
				    "", hm->rest[k].side == SIDE_RIGHT ?
				    " (right)" : "", "", left);
			ui_put(y++, 0, COLS, buf);
		}
	}
	ui_role(UI_STATUS);
	ui_put(LINES - 2, 0, COLS, hm->status);
	ui_role(UI_DIM);
	ui_put(LINES - 1, 0, COLS, COLS >= 80 ?
	    "type to filter (<10: 10 min or less)  Enter start  "
	    "Tab skip resting  Esc quit" :
	    "type: filter  Enter start  Tab skip resting  Esc quit");
	ui_role(UI_NORMAL);
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
	free(cause);
	plan_free(&p);
}

/* Free the home screen's state. */
static void
home_free(struct home *hm)
{
	free(hm->items);
	free(hm->shown);
	free(hm->rest);
}

/* The home screen loop (see frontend.h). */
int
ui_home_run(struct library *lib, struct history *h, const char *status,
    int refused, int *skip)
{
	struct home	 hm;
	char		*cause = NULL;
	size_t		 i, n;
	int64_t		 wait_ns;
	int		 ch, pick = -1;

	memset(&hm, 0, sizeof hm);
	hm.lib = lib;
	hm.h = h;
	hm.refused = refused;
	*skip = 0;
	if (status != NULL)
		diag_clean(status, hm.status, sizeof hm.status);
	if (history_resting(h, &hm.rest, &hm.nrest, &cause) != 0) {
		snprintf(hm.status, sizeof hm.status, "history: %s",
		    cause != NULL ? cause : "unreadable");
		hm.rest = NULL;
		hm.nrest = 0;
	}
	free(cause);
	hm.items = xcalloc(lib->n + 1, sizeof *hm.items);
	hm.shown = xcalloc(lib->n + 1, sizeof *hm.shown);
	for (i = 0, n = 0; i < lib->n; i++) {
		if (lib->v[i].valid && lib->v[i].routine != NULL)
			home_item(&hm, &hm.items[n++], i);
	}
	hm.nitems = n;
	qsort(hm.items, n, sizeof *hm.items, home_cmp);
	home_filter(&hm);
	for (i = 0; refused >= 0 && i < hm.nshown; i++) {
		if (hm.items[hm.shown[i]].idx == (size_t)refused)
			hm.sel = i;
	}
	if (refused >= 0)
		home_why(&hm);
	for (;;) {
		home_draw(&hm);
		/* Resting countdowns change by the minute. */
		wait_ns = hm.nrest > 0 ? 60 * (int64_t)1000000000 : -1;
		ch = ui_key(wait_ns);
		if (ch == 27 && hm.filter[0] != '\0') {
			hm.filter[0] = '\0';
			home_filter(&hm);
			continue;
		}
		if (ch == UI_KEY_SIGNAL || ch == 27 || ch == 4)
			break;
		if (ch == UI_KEY_NONE || ch == KEY_RESIZE)
			continue;
		if (ch == KEY_UP && hm.sel > 0)
			hm.sel--;
		else if (ch == KEY_DOWN && hm.sel + 1 < hm.nshown)
			hm.sel++;
		else if (ch == KEY_PPAGE)
			hm.sel = hm.sel > 10 ? hm.sel - 10 : 0;
		else if (ch == KEY_NPAGE && hm.nshown > 0)
			hm.sel = hm.sel + 10 < hm.nshown ? hm.sel + 10 :
			    hm.nshown - 1;
		else if ((ch == '\r' || ch == '\n' || ch == KEY_ENTER ||
		    ch == '\t') && hm.nshown > 0) {
			pick = (int)hm.items[hm.shown[hm.sel]].idx;
			*skip = ch == '\t';
			break;
		} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
			n = strlen(hm.filter);
			/* Drop a whole UTF-8 character. */
			while (n > 0 && ((unsigned char)hm.filter[n - 1] & 0xc0)
			    == 0x80)
				n--;
			if (n > 0)
				n--;
			hm.filter[n] = '\0';
			home_filter(&hm);
		} else if (ch >= 0x20 && ch < 0x100 && ch != 0x7f) {
			n = strlen(hm.filter);
			if (n + 1 < sizeof hm.filter) {
				hm.filter[n] = (char)ch;
				hm.filter[n + 1] = '\0';
			}
			hm.refused = -1;
			hm.sel = 0;
			home_filter(&hm);
		}
	}
	home_free(&hm);
	free(hm.why);
	return (pick);
}
