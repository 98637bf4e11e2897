/*
 * The home screen's detail pane: the selected routine's title, summary,
 * intensity, minutes and tools, its areas with their rest state by the
 * run's own check (history_check, asked again at most every 30 s), and
 * its homework note and progress (src/ui_home.h).
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "ui.h"
#include "ui_home.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ncurses.h>

#include "areas.h"
#include "dates.h"
#include "halt_why.h"
#include "history.h"
#include "homeidx.h"
#include "homework.h"
#include "i18n.h"
#include "library.h"
#include "plan.h"
#include "refusal.h"
#include "routine.h"

/*
 * The run's own check for the routine of it, asked again each minute; from
 * the kept index, its deadlines against the clock now.
 */
static void
home_check(struct home *hm, const struct home_item *it, int64_t now)
{
	const struct routine	*r;
	struct plan		 p;
	char			*cause = NULL;

	if (hm->chk_idx == it->idx && now - hm->chk_at < 30)
		return;
	free(hm->chk);
	hm->chk = NULL;
	hm->nchk = 0;
	free(hm->passed);
	hm->passed = NULL;
	hm->npassed = 0;
	hm->chk_idx = it->idx;
	hm->chk_at = now;
	if (hm->kept) {
		hm->nchk = homeidx_holds_at(it->kchk, it->nkchk, now,
		    &hm->chk);
		return;
	}
	r = hm->lib->v[it->idx].routine;
	if (plan_build(r, &p) != 0)
		return;
	if (history_check(hm->h, r, &p, &hm->chk, &hm->nchk, &cause) != 0) {
		hm->chk = NULL;
		hm->nchk = 0;
	}
	free(cause);
	cause = NULL;
	/* A halt's hold passed: the run asks about the spot first. */
	if (history_halts_passed(hm->h, r, &p, &hm->passed, &hm->npassed,
	    &cause) != 0) {
		hm->passed = NULL;
		hm->npassed = 0;
	}
	free(cause);
	plan_free(&p);
}

/* What the check says about one area and side: NULL when it can run. */
static const struct resting *
home_holds(const struct home *hm, const struct area *a, enum side side)
{
	size_t	k;

	for (k = 0; k < hm->nchk; k++) {
		if (hm->chk[k].area == a && sides_meet(hm->chk[k].side, side))
			return (&hm->chk[k]);
	}
	return (NULL);
}

/* The rest state of one area and side: "resting, 2 h 05 min left". */
static void
home_state(const struct resting *x, int64_t now, char *buf, size_t len)
{
	char	left[32];

	if (x->rule == RULE_BLOCKED) {
		snprintf(buf, len, "%s", _("blocked: still sore, see a "
		    "clinician"));
		return;
	}
	refusal_left(x->free_at - now, left, sizeof left);
	if (halt_why_hold(x) == HALT_HOLD_HURT) {
		snprintf(buf, len, _("hurt %d/10, %s left"), x->count, left);
		return;
	}
	if (halt_why_hold(x) == HALT_HOLD_ANSWERED) {
		snprintf(buf, len, _("halted (!): %s, %s left"),
		    halt_why_rest_words(x), left);
		return;
	}
	snprintf(buf, len, _("%s, %s left"),
	    halt_why_hold(x) == HALT_HOLD_PAIN ?
	    _("halted for pain") : x->rule == RULE_SORE ?
	    _("sore the day after") : x->rule == RULE_DEEP ?
	    _("deep work capped") : _("resting"), left);
}

/*
 * "areas: upper trapezius (left resting, 1 h 40 min left; right), calves":
 * every area the plan works, its sides, and what holds each.
 */
static void
home_areas_text(struct home *hm, const struct home_item *it, int64_t now,
    char *buf, size_t len)
{
	const struct homeidx_place	*pl = it->place;
	const struct area		*seen[64];
	const struct resting		*x;
	char				 state[64];
	size_t				 i, j, k, nseen = 0, n;
	int				 sides, open;

	snprintf(buf, len, "%s", _("areas:"));
	for (i = 0; i < it->nplace && nseen < 64; i++) {
		const struct area *a = pl[i].area;

		for (k = 0; k < nseen && seen[k] != a; k++)
			;
		if (k < nseen)
			continue;
		seen[nseen++] = a;
		n = strlen(buf);
		snprintf(buf + n, len - n, "%s %s", nseen > 1 ? "," : "",
		    area_label(a));
		/*
		 * Its sides in plan order, once each, and each one's rest
		 * state: "calves (left; right resting until 14:05)". An
		 * area worked in the middle and on each side opens the
		 * bracket at whichever comes first.
		 */
		for (j = i, sides = 0, open = 0; j < it->nplace; j++) {
			enum side s = (enum side)pl[j].side;
			int lr = s == SIDE_LEFT || s == SIDE_RIGHT;

			if (pl[j].area != a || (sides & (1 << s)))
				continue;
			sides |= 1 << s;
			x = home_holds(hm, a, s);
			state[0] = '\0';
			if (x != NULL)
				home_state(x, now, state, sizeof state);
			if (!lr && x == NULL)
				continue;
			n = strlen(buf);
			snprintf(buf + n, len - n, "%s%s%s%s", open ? "; " :
			    " (", lr ? (s == SIDE_LEFT ? _("left") : _("right")) :
			    "", lr && x != NULL ? " " : "", state);
			open = 1;
		}
		n = strlen(buf);
		if (open)
			snprintf(buf + n, len - n, ")");
	}
	if (nseen == 0)
		snprintf(buf, len, "%s", _("areas: none named"));
}

/* "gentle, 9 min, ready now" (or what holds it), then the tools. */
static void
home_facts_text(struct home *hm, const struct home_item *it, int64_t now,
    char *buf, size_t len)
{
	char			 left[32], label[128];
	int64_t			 until = now;
	size_t			 k, n;

	snprintf(buf, len, _("%s, %llu min%s, "), intensity_label(
	    (enum intensity)it->intensity), (unsigned long long)
	    plan_minutes(it->total_ms), it->strict ?
	    _(", strict limits") : "");
	for (k = 0; k < hm->nchk; k++) {
		if (hm->chk[k].free_at > until)
			until = hm->chk[k].free_at;
	}
	refusal_left(until - now, left, sizeof left);
	n = strlen(buf);
	if (hm->nchk == 0 && hm->npassed > 0) {
		/* Said before Enter: the run will ask (status lists it). */
		area_side_label(hm->passed[0].area->id,
		    side_id(hm->passed[0].side), label, sizeof label);
		snprintf(buf + n, len - n, ngettext("ready now; first asks "
		    "whether %s, stopped for pain, is better",
		    "ready now; first asks whether %s and %zu more, stopped "
		    "for pain, are better", (unsigned long)hm->npassed),
		    label, hm->npassed - 1);
	} else if (hm->nchk == 0)
		snprintf(buf + n, len - n, "%s", _("ready now"));
	else if (hm->nchk == 1 && hm->chk[0].area == NULL)
		snprintf(buf + n, len - n, hm->chk[0].rule == RULE_MONTH ?
		    _("monthly limit reached: ready in %s") :
		    _("weekly limit reached: ready in %s"), left);
	else
		snprintf(buf + n, len - n, _("resting: ready in %s"), left);
	n = strlen(buf);
	snprintf(buf + n, len - n, _(".  tools: %s"), it->tools[0] != '\0' ?
	    it->tools : _("none"));
}

/* buf as one paragraph: line breaks and tabs become spaces, none at the end. */
static void
home_flatten(char *buf)
{
	size_t	n;

	for (n = 0; buf[n] != '\0'; n++) {
		if (buf[n] == '\n' || buf[n] == '\t' || buf[n] == '\r')
			buf[n] = ' ';
	}
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = '\0';
}

/*
 * "homework from A. Moreau, PT: 2 of 5 in the last 7 days, 4 days left.
 * NOTE".
 */
void
home_homework_text(struct home *hm, const struct home_item *it, char *buf,
    size_t len, int64_t now)
{
	const struct routine		*r;
	struct homework_progress	 hp;
	char				*cause = NULL;
	size_t				 n;

	if (it->hwtext != NULL) {	/* kept, of that day */
		snprintf(buf, len, "%s", it->hwtext);
		return;
	}
	r = hm->lib->v[it->idx].routine;
	snprintf(buf, len, _("homework from %s"), r->homework.by.s != NULL ?
	    r->homework.by.s : _("your therapist"));
	memset(&hp, 0, sizeof hp);
	if (history_homework(hm->h, r, &hp, &cause) == 0 && !hp.active) {
		/* Ended is shown as ended, not dropped. */
		int ended = homework_ended(&r->homework, dates_day_of(now));

		snprintf(buf, len, ended ? _("homework ended %s (from %s)") :
		    _("homework starts %s (from %s)"), ended ?
		    r->homework.until.s :
		    r->homework.from.s != NULL ? r->homework.from.s : "?",
		    r->homework.by.s != NULL ? r->homework.by.s :
		    _("your therapist"));
	} else if (hp.active) {
		n = strlen(buf);
		snprintf(buf + n, len - n, ": %d", hp.done_this_week);
		n = strlen(buf);
		if (hp.per_week > 0)	/* a weekly target */
			snprintf(buf + n, len - n, _(" of %d"), hp.per_week);
		n = strlen(buf);
		/* The rolling count knead status says, in its words. */
		snprintf(buf + n, len - n, "%s", _(" in the last 7 days"));
		n = strlen(buf);
		if (homework_last_day(&r->homework, dates_day_of(now)))
			snprintf(buf + n, len - n, "%s", _(", last day"));
		else if (hp.days_left > 0)
			snprintf(buf + n, len - n, ngettext(", %d day left "
			    "(until %s)", ", %d days left (until %s)",
			    (unsigned long)hp.days_left), hp.days_left,
			    r->homework.until.s);
	}
	free(cause);
	n = strlen(buf);
	if (r->homework.note.s != NULL)
		snprintf(buf + n, len - n, ". %s", r->homework.note.s);
	home_flatten(buf);
}

/*
 * The detail pane of the selected routine in h rows of w columns at y,x:
 * the title wrapped (never cut), summary, facts and tools, areas with
 * their rest state, homework. room (>= h) sets how much of each part
 * is shown; returns the rows it takes; with y < 0 it only measures.
 */
int
home_pane(struct home *hm, const struct home_item *it, int y, int x, int w,
    int h, int room, int64_t now)
{
	struct {
		enum ui_role	 role;
		int		 max;
		const char	*text;
	}			 par[5];
	char			 facts[512], areas[1024], hw[1024];
	char			 summary[1024];
	int			 i, npar = 0, used = 0, n, big = room > 12;

	home_check(hm, it, now);
	home_facts_text(hm, it, now, facts, sizeof facts);
	home_areas_text(hm, it, now, areas, sizeof areas);
	par[npar].role = UI_TITLE, par[npar].max = 3;
	par[npar++].text = it->title;
	if (it->summary != NULL) {
		snprintf(summary, sizeof summary, "%s", it->summary);
		home_flatten(summary);
		par[npar].role = UI_NORMAL, par[npar].max = big ? 8 : 3;
		par[npar++].text = summary;
	}
	par[npar].role = UI_DIM, par[npar].max = 2;
	par[npar++].text = facts;
	par[npar].role = UI_NORMAL, par[npar].max = big ? 6 : 3;
	par[npar++].text = areas;
	if (it->homework) {
		home_homework_text(hm, it, hw, sizeof hw, now);
		par[npar].role = UI_KIND, par[npar].max = big ? 6 : 3;
		par[npar++].text = hw;
	}
	for (i = 0; i < npar && used < h; i++) {
		n = par[i].max < h - used ? par[i].max : h - used;
		ui_role(par[i].role);
		/* Measuring draws nothing: every row is above the screen. */
		used += ui_wrap(y < 0 ? -10000 : y + used, x, w, n,
		    par[i].text);
	}
	ui_role(UI_NORMAL);
	return (used);
}
