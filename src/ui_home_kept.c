/*
 * The home screen's kept index (homeidx.h) made from the screen's state
 * after a full start, and the first frame drawn from it at the next start,
 * with the very drawing code of the home screen (ui_home.c): the rows,
 * their order and rest marks, the pane and the resting list, each rest
 * state from its deadline and the clock now.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "frontend.h"
#include "ui.h"
#include "ui_home.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "history.h"
#include "homeidx.h"
#include "library.h"
#include "plan.h"
#include "routine.h"
#include "xmalloc.h"

/* Whether a rest state can change with no write to the store. */
static int
home_kept_moving(const struct resting *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		/* A running session's process may die; a clock behind. */
		if (v[i].in_progress || v[i].clock_behind)
			return (1);
	}
	return (0);
}

/* Row r of item it: its texts, places and the run's own check. */
static int
home_kept_row(struct home *hm, const struct home_item *it, int64_t now,
    struct homeidx_row *row)
{
	const struct routine		*r = hm->lib->v[it->idx].routine;
	struct homework_progress	 hp;
	char				*cause = NULL, hw[1024];

	memset(row, 0, sizeof *row);
	/* Homework counts the last 7 days: it can change on its own. */
	if (r->homework.present && (history_homework(hm->h, r, &hp,
	    &cause) != 0 || hp.done_this_week > 0)) {
		free(cause);
		return (-1);
	}
	row->title = xstrdup(it->title);
	row->areas = xstrdup(it->areas);
	row->tools = xstrdup(it->tools);
	row->summary = it->summary != NULL ? xstrdup(it->summary) : NULL;
	if (it->homework) {
		home_homework_text(hm, it, hw, sizeof hw, now);
		row->homework = xstrdup(hw);
	}
	row->total_ms = it->total_ms;
	row->mark = it->star;
	row->intensity = it->intensity;
	row->strict = it->strict;
	row->place = xcalloc(it->nplace + 1, sizeof *row->place);
	if (it->nplace > 0)
		memcpy(row->place, it->place, it->nplace * sizeof *row->place);
	row->nplace = it->nplace;
	/* The run's own check, made at setup (home_item). */
	if (it->chk_failed)
		return (-1);
	row->chk = xcalloc(it->nkchk + 1, sizeof *row->chk);
	if (it->nkchk > 0)
		memcpy(row->chk, it->kchk, it->nkchk * sizeof *row->chk);
	row->nchk = it->nkchk;
	return (home_kept_moving(row->chk, row->nchk) ? -1 : 0);
}

/*
 * The index of the screen hm shows (its first frame, no filter): -1 when
 * it is not to be kept (a rest state that can change on its own, a store
 * error). Free idx either way.
 */
int
home_kept_make(struct home *hm, uint64_t key, int64_t now,
    struct homeidx *idx)
{
	size_t	i;

	memset(idx, 0, sizeof *idx);
	idx->key = key;
	idx->at = now;
	if (hm->lib == NULL || hm->h == NULL || hm->kept ||
	    home_kept_moving(hm->rest, hm->nrest))
		return (-1);
	idx->nbad = hm->nbad;
	if (hm->nbad > 0)
		idx->badhow = xstrdup(hm->badhow);
	idx->rest = xcalloc(hm->nrest + 1, sizeof *idx->rest);
	if (hm->nrest > 0)
		memcpy(idx->rest, hm->rest, hm->nrest * sizeof *idx->rest);
	idx->nrest = hm->nrest;
	idx->v = xcalloc(hm->nitems + 1, sizeof *idx->v);
	for (i = 0; i < hm->nitems; i++) {
		if (home_kept_row(hm, &hm->items[i], now, &idx->v[i]) != 0) {
			idx->n = i + 1;
			return (-1);
		}
		idx->n = i + 1;
		/* Its texts are of this day (days left, ended). */
		if (idx->v[i].homework != NULL)
			idx->dated = 1;
	}
	return (0);
}

/* The home screen's first frame from the kept index (see frontend.h). */
void
ui_home_preview_kept(const struct homeidx *idx)
{
	struct home		 hm;
	struct home_item	*it;
	const struct homeidx_row *row;
	size_t			 i;

	memset(&hm, 0, sizeof hm);
	hm.kept = 1;
	hm.refused = -1;
	hm.chk_idx = SIZE_MAX;
	hm.nbad = idx->nbad;
	if (idx->badhow != NULL)
		snprintf(hm.badhow, sizeof hm.badhow, "%s", idx->badhow);
	hm.nrest = homeidx_holds_at(idx->rest, idx->nrest,
	    clock_wall_s(&clock_system), &hm.rest);
	hm.items = xcalloc(idx->n + 1, sizeof *hm.items);
	hm.shown = xcalloc(idx->n + 1, sizeof *hm.shown);
	for (i = 0; i < idx->n; i++) {
		row = &idx->v[i];
		it = &hm.items[i];
		it->idx = i;
		snprintf(it->title, sizeof it->title, "%s", row->title);
		snprintf(it->areas, sizeof it->areas, "%s", row->areas);
		snprintf(it->tools, sizeof it->tools, "%s", row->tools);
		it->total_ms = row->total_ms;
		it->star = row->mark;
		it->homework = row->homework != NULL;
		it->summary = row->summary;
		it->intensity = row->intensity;
		it->strict = row->strict;
		it->place = row->place;
		it->nplace = row->nplace;
		it->hwtext = row->homework;
		it->kchk = row->chk;
		it->nkchk = row->nchk;
	}
	hm.nitems = idx->n;
	home_arrange(&hm);
	home_draw(&hm);
	/* ncurses sends the keypad mode at the first read: with the frame. */
	ui_frame_out();
	free(hm.items);
	free(hm.shown);
	free(hm.rest);
	free(hm.chk);
}
