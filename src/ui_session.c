/*
 * The session screen: what to do (kind, area, side, tool, instruction), a
 * countdown in large digits, the step and session bars, the next step, a
 * body map with the target marked, the breathing pacer and the roll pass
 * marker, prompts (pain, quit, screening), a help overlay and the summary.
 *
 * The layout is rebuilt from LINES and COLS on every frame, so a resize is
 * only a redraw. It drops the body map, then the big digits, as the
 * terminal shrinks, and says "terminal too small" below 40x12. The loop
 * sleeps in ui_key_at() until the next visible change (session_next_wake) or
 * a key: about one wakeup a second during a hold.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "frontend.h"
#include "run.h"
#include "ui.h"
#include "ui_digits.h"

#include <stdio.h>
#include <string.h>

#include <ncurses.h>

#include "areas.h"
#include "audio.h"
#include "clock.h"
#include "eventlog.h"
#include "i18n.h"
#include "plan.h"
#include "routine.h"
#include "session.h"
#include "waiter.h"
#include "words.h"

/* What a frame depends on besides the time: a change means a full draw. */
struct ui_key {
	size_t			step;
	enum session_state	state;
	int			cols, lines, help, muted, voice;
	int			page;		/* of the instruction */
	char			status[256];
};

/*
 * An instruction longer than its rows is shown a page at a time (its last
 * sentences are often the safety advice), each page for this long per
 * line, turning over for as long as the step runs.
 */
#define UI_PAGE_LINE_MS	3000
/* At most this many pages of one instruction (ui_pages). */
#define UI_PAGES_MAX	32

struct uis {
	struct run	*run;
	int		 help;		/* the help overlay is up */
	int		 help_paused;	/* and paused the session to read it */
	int		 laid;		/* the layout below is on screen */
	struct ui_key	 key;		/* what the last frame showed */
	int		 big, lw, bw;	/* big digits, left width, bar width */
	int		 y_count, y_bar;	/* countdown and bar rows */
	int		 pages, page_ms;	/* the instruction's pages */
	/* What the regions time moves show now (reset by a full draw). */
	char		 big_was[32];	/* the big digits' text */
	int		 bar_was[2];	/* the step's and session's bar fill */
	int		 head_w;	/* the header's right part's width */
};

/* What to say when the step has no text of its own. */
static const char *
ui_default_text(const struct pstep *ps)
{
	switch (ps->kind) {
	case PLAN_SWITCH:
		return (_("Switch to the other side."));
	case PLAN_RELEASE:
		return (_("Release the pressure and relax."));
	case PLAN_REST:
		return (_("Rest. Breathe normally."));
	case PLAN_CONTRACT:
		return (_("Contract the muscle gently against resistance."));
	case PLAN_RELAX:
		return (_("Relax completely."));
	case PLAN_PNF_STRETCH:
		return (_("Stretch a little further and hold."));
	case PLAN_BREATHE:
		return (_("Breathe with the pacer."));
	case PLAN_PRESS:
		return (_("Hold steady pressure on the spot and breathe "
		    "slowly."));
	case PLAN_ROLL:
		return (_("Roll slowly over the area."));
	case PLAN_STRETCH:
		return (_("Hold the stretch gently, no bouncing."));
	case PLAN_MOVE:
		return (_("Move slowly through the whole range, one rep a "
		    "tick."));
	default:
		return ("");
	}
}

/*
 * The instruction shown for step ps: the routine's say text, but in the
 * relax and stretch phases of a contract-relax, whose say is the
 * contraction's ("Heel down, gently." stayed up through the stretch, the
 * opposite of what to do then, as a tester saw): the phase's own words,
 * as the voice says only the phase's name.
 */
static const char *
ui_step_text(const struct pstep *ps)
{
	if (ps->say != NULL && ps->kind != PLAN_RELAX &&
	    ps->kind != PLAN_PNF_STRETCH)
		return (ps->say);
	return (ui_default_text(ps));
}

/* "(rep 1/2)" and the like, or "". */
static void
ui_count(const struct pstep *ps, char *buf, size_t len)
{
	buf[0] = '\0';
	if (ps->kind == PLAN_SWITCH || ps->kind == PLAN_RELEASE)
		return;
	if (ps->ncycles > 1)
		snprintf(buf, len, _("cycle %d/%d"), ps->cycle, ps->ncycles);
	else if (ps->nsets > 1)
		snprintf(buf, len, _("set %d/%d"), ps->set, ps->nsets);
	else if (ps->nreps > 1)
		snprintf(buf, len, _("rep %d/%d"), ps->rep, ps->nreps);
}

/*
 * The body map with the target marked. The back view shows the person's
 * left on the viewer's left; the front view is a clinician's chart (the
 * person faces you: their left is on your right). A double ball with no
 * side marks both sides.
 */
static void
ui_map(int y, int x, const struct pstep *ps)
{
	const struct area	*a = ps->area;
	int			 r, cols[2], left, right, front;
	size_t			 i, n;

	front = a != NULL && a->view == VIEW_FRONT;
	ui_role(UI_DIM);
	ui_put(y, x, BODYMAP_W, front ? _("    front view") :
	    _("    back view"));
	for (r = 0; r < BODYMAP_H; r++)
		ui_put(y + 1 + r, x, BODYMAP_W, body_outline[r]);
	ui_role(UI_NORMAL);
	if (a == NULL || ps->kind == PLAN_REST)
		return;
	right = ps->side == SIDE_RIGHT || (ps->side == SIDE_NONE &&
	    ps->tool == TOOL_DOUBLE_BALL);
	left = ps->side != SIDE_RIGHT;
	n = area_map_cols(a, left, right, cols);
	ui_role(UI_MARK);
	for (i = 0; i < n; i++)
		ui_add(y + 1 + a->map_y, x + cols[i],
		    ui_utf8() ? "\xe2\x97\x8f" : "@");
	/* The side labels, when they clear the status line. */
	ui_role(UI_DIM);
	if (y + 2 + BODYMAP_H < LINES - 2 && a->sided)
		ui_put(y + 2 + BODYMAP_H, x, BODYMAP_W, front ?
		    _("  R (facing you) L") : _("  L    (you)    R"));
	ui_role(UI_NORMAL);
}

/* A centred box with lines of text (see ui.h). */
void
ui_box(const char *const *lines, size_t n, enum ui_role role)
{
	int	w = 0, h = (int)n + 2, y, x, i, lw;
	size_t	k;

	for (k = 0; k < n; k++) {
		lw = ui_width(lines[k]);
		if (lw > w)
			w = lw;
	}
	w += 4;
	if (w > COLS)
		w = COLS;
	if (h > LINES)
		h = LINES;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	ui_role(role);
	for (i = 0; i < h; i++) {
		move(y + i, x);
		for (k = 0; k < (size_t)w; k++)
			addch(i == 0 || i == h - 1 ? '-' :
			    k == 0 || k == (size_t)w - 1 ? '|' : ' ');
	}
	for (k = 0; k < n && (int)k < h - 2; k++)
		ui_put(y + 1 + (int)k, x + 2, w - 4, lines[k]);
	ui_role(UI_NORMAL);
}

/* The keys (keys.h) in a box; short lines fit a 40x12 terminal whole. */
static void
ui_help_box(void)
{
	const struct key_help	*kh;
	char			 buf[16][64];
	const char		*lines[16];
	size_t			 i, n;

	kh = keys_help(&n);
	if (n > nitems(lines))
		n = nitems(lines);
	for (i = 0; i < n; i++) {
		snprintf(buf[i], sizeof buf[i], "%-8s%s", kh[i].keys,
		    _(kh[i].what));
		lines[i] = buf[i];
	}
	ui_box(lines, n, UI_TITLE);
}

/* The pacer, pass marker or pause line. */
static void
ui_pacer(struct uis *u, int y, int w, uint64_t now)
{
	const struct sched	*sc = session_sched(u->run->session);
	enum sched_breath	 b;
	unsigned		 pm;
	uint64_t		 left;
	int			 fwd, pos, bw;
	char			 buf[64];

	if (session_state(u->run->session) == SESSION_PAUSED) {
		ui_role(UI_WARN);
		ui_put(y, 0, w, _("PAUSED - press space to resume"));
		ui_role(UI_NORMAL);
		return;
	}
	b = sched_breath(sc, now, &pm, &left);
	if (b != SCHED_BREATH_NONE) {
		snprintf(buf, sizeof buf, "%s %2llus ", b == SCHED_BREATH_IN ?
		    _("breathe in ") : _("breathe out"),
		    (unsigned long long)(left + 999) / 1000);
		ui_role(UI_TITLE);
		ui_put(y, 0, w, buf);
		ui_role(UI_NORMAL);
		bw = w - 17 > 30 ? 30 : w - 17;
		ui_bar(y, 17, bw, b == SCHED_BREATH_IN ? pm : 1000 - pm);
		return;
	}
	if (sched_pass(sc, now, &pm, &fwd)) {
		bw = w - 10 > 30 ? 30 : w - 10;
		ui_put(y, 0, 10, fwd ? _("pass  -> ") : _("pass  <- "));
		ui_role(UI_DIM);
		move(y, 10);
		for (pos = 0; pos < bw; pos++)
			addch('-');
		pos = (int)((unsigned)(bw - 1) * pm / 1000);
		if (!fwd)
			pos = bw - 1 - pos;
		ui_role(UI_MARK);
		mvaddch(y, 10 + pos, 'o');
		ui_role(UI_NORMAL);
	}
}

/* The header: routine title, step number, time done and total. */
static void
ui_header(struct uis *u, uint64_t now)
{
	struct run		*run = u->run;
	const struct sched	*sc = session_sched(run->session);
	const char		*title;
	char			 buf[256], t[32], t2[32], t3[32];
	uint64_t		 done, total;
	size_t			 num, nrun;
	int			 w;

	title = run->routine->title.s != NULL ? run->routine->title.s :
	    run->routine->id.s;
	session_clock(run->session, now, &done, &total);
	/* Time spent as a clock shows it; the length as knead show does. */
	plan_fmt_elapsed(done / SCHED_NS_PER_MS, t, sizeof t);
	plan_fmt_ms(total / SCHED_NS_PER_MS, t2, sizeof t2);
	session_step_count(run->session, sc->cur, &num, &nrun);
	/* What is left too: on a 10-minute break, "back at work when?". */
	plan_fmt_ms(total > done ? (total - done) / SCHED_NS_PER_MS : 0, t3,
	    sizeof t3);
	snprintf(buf, sizeof buf, _("step %zu/%zu  %s / %s, %s left%s%s"),
	    num, nrun, t, t2, t3, run_muted(run) ? _("  [muted]") : "",
	    !run_voice_on(run) ? _("  [no voice]") : "");
	w = ui_width(buf);
	if (w != u->head_w) {
		/* The title's room changed (or a full draw): the whole row. */
		move(0, 0);
		clrtoeol();
		ui_role(UI_TITLE);
		ui_put(0, 0, COLS - w - 2, title != NULL ? title : "");
		u->head_w = w;
	}
	ui_role(UI_DIM);
	ui_put(0, COLS - w, w, buf);
	ui_role(UI_NORMAL);
}

/* Blank w columns of row y from x. */
static void
ui_blank(int y, int x, int w)
{
	if (w > 0 && y >= 0 && y < LINES)
		mvhline(y, x, ' ', w);
}

/*
 * What changes while a step runs: the header's time, the countdown, the
 * bars and the pacer. Each region is blanked and drawn again; the rest of
 * the screen stays as the last full frame left it.
 */
static void
ui_draw_dynamic(struct uis *u, uint64_t now)
{
	const struct sched	*sc = session_sched(u->run->session);
	const struct pstep	*ps = &u->run->plan->v[sc->cur];
	uint64_t		 ms;
	char			 t[32];
	int			 r, sc2;

	ui_header(u, now);
	if (ps->until_release)
		ms = sched_elapsed_ns(sc, now) / SCHED_NS_PER_MS;
	else
		ms = (sched_remaining_ns(sc, now) + SCHED_NS_PER_MS - 1) /
		    SCHED_NS_PER_MS;
	plan_fmt_ms(ps->until_release ? ms : (ms + 999) / 1000 * 1000, t,
	    sizeof t);
	if (u->big) {
		sc2 = ui_big_width(t, 2) + 2 <= u->lw ? 2 : 1;
		/* The same shape is the same width: the same scale. */
		if (ui_big_same_shape(t, u->big_was))
			ui_big(u->y_count, 1, t, sc2, u->big_was);
		else {
			for (r = 0; r < 5; r++)
				ui_blank(u->y_count + r, 0, u->lw);
			ui_big(u->y_count, 1, t, sc2, NULL);
		}
		snprintf(u->big_was, sizeof u->big_was, "%s", t);
	} else {
		ui_blank(u->y_count, 0, ui_width(t) + 1);
		ui_role(UI_BIG);
		ui_put(u->y_count, 0, u->lw, t);
		ui_role(UI_NORMAL);
	}
	ms = sched_length_ns(sc, now);
	ui_bar_kept(u->y_bar, 9, u->bw, ms == 0 ? 0 :
	    (unsigned)(sched_elapsed_ns(sc, now) * 1000 / ms), &u->bar_was[0]);
	ui_blank(u->y_bar + 1, 0, u->lw);
	ui_pacer(u, u->y_bar + 1, u->lw, now);
	ui_bar_kept(u->y_bar + 2, 9, u->bw,
	    session_progress(u->run->session, now), &u->bar_was[1]);
}

/* The instruction's page to show at now (the layout of the last frame). */
static int
ui_page_at(const struct uis *u, uint64_t now)
{
	uint64_t	ms;

	if (u->pages <= 1 || u->page_ms <= 0)
		return (0);
	ms = sched_elapsed_ns(session_sched(u->run->session), now) /
	    SCHED_NS_PER_MS;
	return ((int)(ms / (uint64_t)u->page_ms % (uint64_t)u->pages));
}

/*
 * The rows the instruction of step ps may take. Above it: the top rows
 * (2 big, 1 small), the kind and the tool. Below it, big: a blank row,
 * the digits' 5 and a blank (and the until-release line), small: the
 * countdown's row; then the bars' 3 rows, next:, the status and the keys.
 */
static int
ui_text_room(int big, const struct pstep *ps)
{
	if (big)
		return LINES - 4 - (1 + 6 + (ps->until_release ? 1 : 0)) - 6;
	return LINES - 3 - 1 - 6;
}

/*
 * What to do: the step's kind and place, its tool and pressure, the
 * instruction (a page of it, when it needs more rows than the screen
 * leaves), the countdown's place. Returns the row below them.
 */
static int
ui_draw_step(struct uis *u, const struct pstep *ps, uint64_t now)
{
	const char	*text = ui_step_text(ps);
	char		 buf[512], where[160], t[32], cnt[32], mark[32];
	int		 y, ninstr, kw, room, mw = 0, lines, page;
	int		 pfirst[UI_PAGES_MAX + 1];

	y = u->big ? 2 : 1;
	run_where(ps, where, sizeof where);
	kw = ui_width(plan_kind_label(ps->kind));
	ui_role(UI_KIND);
	ui_put(y, 0, u->lw, plan_kind_label(ps->kind));
	ui_role(UI_NORMAL);
	ui_put(y++, kw + 2, u->lw - kw - 2, where);
	ui_count(ps, cnt, sizeof cnt);
	if (ps->tool >= 0 && ps->pressure >= 0)
		snprintf(buf, sizeof buf, _("%s  pressure %d/10%s%s"),
		    tool_label((enum tool)ps->tool), ps->pressure,
		    cnt[0] != '\0' ? "  " : "", cnt);
	else
		snprintf(buf, sizeof buf, "%s%s%s", ps->tool >= 0 ?
		    tool_label((enum tool)ps->tool) : "", ps->tool >= 0 &&
		    cnt[0] != '\0' ? "  " : "", cnt);
	/*
	 * The instruction gets every row the rest leaves (safety advice is
	 * often in its last sentence); the countdown stays put for texts
	 * of up to three lines. A longer one turns its pages, marked on
	 * the tool's row.
	 */
	room = ui_text_room(u->big, ps);
	if (room < 1)
		room = 1;
	lines = ui_wrap_page(0, 0, u->lw, 0, 0, text);
	u->pages = lines > room ? ui_pages(u->lw, room, text, pfirst,
	    UI_PAGES_MAX) : 1;
	u->page_ms = room * UI_PAGE_LINE_MS;
	page = ui_page_at(u, now);
	ui_role(UI_DIM);
	if (u->pages > 1) {
		/* TRANSLATORS: the page of a long instruction shown. */
		snprintf(mark, sizeof mark, _("text %d/%d"), page + 1,
		    u->pages);
		mw = ui_width(mark);
		ui_put(y, u->lw - mw, mw, mark);
		mw += 2;
	}
	ui_put(y++, 0, u->lw - mw, buf);
	ui_role(UI_NORMAL);
	if (u->pages > 1) {
		ui_wrap_sentences(y, 0, u->lw, pfirst[page], pfirst[page + 1] -
		    pfirst[page], text);
		ninstr = room;
	} else
		ninstr = ui_wrap(y, 0, u->lw, room, text);
	if (u->big)	/* three rows kept when the screen has them */
		y += (ninstr > 3 ? ninstr : room < 3 ? room : 3) + 1;
	else
		y += ninstr > 0 ? ninstr : 1;

	/* The countdown's place (drawn by ui_draw_dynamic). */
	u->y_count = y;
	if (u->big) {
		if (ps->until_release) {
			plan_fmt_ms(ps->duration_ms, t, sizeof t);
			snprintf(buf, sizeof buf, _("held; space or Enter to "
			    "release (max %s)"), t);
			ui_put(y + 5, 1, u->lw - 1, buf);
		}
		y += 6 + (ps->until_release ? 1 : 0);
	} else {
		if (ps->until_release) {
			/* The hold's limit too: a desk tester at 60x20 could
			 * not see how long it may last. */
			plan_fmt_ms(ps->duration_ms, t, sizeof t);
			snprintf(buf, sizeof buf, _("held; space/Enter to "
			    "release (max %s)"), t);
			ui_put(y, 8, u->lw - 8, buf);
		}
		y++;
	}
	return y;
}

/* The bars' labels at row y (the bars: ui_draw_dynamic), the next step. */
static void
ui_draw_next(struct uis *u, int y)
{
	struct run		*run = u->run;
	const struct pstep	*nx;
	char			 buf[512], where[160], t[32];
	size_t			 next;

	u->bw = u->lw - 10 > 50 ? 50 : u->lw - 10;
	u->y_bar = y;
	/* TRANSLATORS: the bars' labels: at most 8 columns. */
	ui_put(y, 0, 9, C_("bar", "step"));
	ui_put(y + 2, 0, 9, C_("bar", "session"));
	y += 3;
	next = session_next_step(run->session);
	if (next != SIZE_MAX) {
		nx = &run->plan->v[next];
		run_where(nx, where, sizeof where);
		plan_fmt_ms(nx->duration_ms, t, sizeof t);
		snprintf(buf, sizeof buf, _("next: %s%s%s (%s%s)"),
		    plan_kind_label(nx->kind), where[0] != '\0' ? " " : "",
		    where, nx->until_release ? _("up to ") : "", t);
	} else
		snprintf(buf, sizeof buf, "%s", _("next: the end"));
	ui_role(UI_DIM);
	ui_put(y, 0, u->lw, buf);
	ui_role(UI_NORMAL);
}

/* What is over the screen: the pain or quit question, the help. */
static void
ui_draw_overlays(struct uis *u, enum session_state st)
{
	const char	*lines[3];

	if (st == SESSION_PAIN) {
		/* Short lines: they must fit a 40-column terminal. */
		lines[0] = _("How much pain on that spot?");
		lines[1] = _("0 none, 10 worst: 0-9, x is 10");
		lines[2] = _("8 or more: its work stops now.");
		ui_box(lines, 3, UI_WARN);
	} else if (st == SESSION_QUIT_ASK) {
		lines[0] = _("Quit the session?");
		lines[1] = _("y quit    n go on");
		ui_box(lines, 2, UI_WARN);
	}
	if (u->help)
		ui_help_box();
}

/*
 * Whether the big digits fit beside step ps. The text keeps 3 rows when
 * the screen has them (a longer one turns pages, as at 80x24); on a
 * shorter screen the digits stay only when the whole text fits, else the
 * text wins (the small layout).
 */
static int
ui_big_fits(const struct uis *u, const struct pstep *ps)
{
	const char	*text = ui_step_text(ps);
	int		 room = ui_text_room(1, ps);

	if (room >= 3)
		return 1;
	return room >= 1 && ui_wrap_page(0, 0, u->lw, 0, 0, text) <= room;
}

/* Draw everything: the step, the map, prompts; remember the layout. */
static void
ui_draw_full(struct uis *u, uint64_t now)
{
	struct run		*run = u->run;
	const struct sched	*sc = session_sched(run->session);
	const struct pstep	*ps = &run->plan->v[sc->cur];
	enum session_state	 st = session_state(run->session);
	int			 map;

	u->laid = 0;
	/* The screen is erased: the regions time moves are drawn anew. */
	u->big_was[0] = '\0';
	u->bar_was[0] = u->bar_was[1] = -1;
	u->head_w = -1;
	if (!ui_draw_begin())
		return;
	map = COLS >= 72 && LINES >= 21;
	u->lw = map ? COLS - BODYMAP_W - 2 : COLS;
	u->big = ui_big_fits(u, ps);

	ui_draw_next(u, ui_draw_step(u, ps, now));
	if (map)
		ui_map(2, COLS - BODYMAP_W - 1, ps);

	/* Status and keys. */
	ui_role(UI_STATUS);
	ui_put(LINES - 2, 0, COLS, run->status);
	ui_role(UI_DIM);
	ui_put(LINES - 1, 0, COLS, COLS >= 78 ?
	    _("space pause  n next  b back  +/- 10s  m mute  v voice  ! STOP  "
	    "q quit  ? help") : _("space pause  ! STOP  q quit  ? help"));
	ui_role(UI_NORMAL);

	ui_draw_dynamic(u, now);
	ui_draw_overlays(u, st);
	/* Only a running step with nothing over it can be updated in part. */
	u->laid = st == SESSION_ACTIVE && !u->help;
}

/*
 * Draw the session screen for now: in full when anything but time changed
 * since the last frame (step, state, size, overlay, status, sound flags),
 * otherwise only the regions time moves. A frame a second during a hold
 * then costs a few short rows rather than the whole screen.
 */
static void
ui_draw(struct uis *u, uint64_t now, int force)
{
	struct run		*run = u->run;
	const struct sched	*sc = session_sched(run->session);
	struct ui_key		 k;

	memset(&k, 0, sizeof k);
	k.step = sc->cur;
	k.state = session_state(run->session);
	k.cols = COLS;
	k.lines = LINES;
	k.help = u->help;
	k.muted = run_muted(run);
	k.voice = run_voice_on(run);
	k.page = ui_page_at(u, now);
	snprintf(k.status, sizeof k.status, "%s", run->status);
	if (!force && u->laid && memcmp(&k, &u->key, sizeof k) == 0)
		ui_draw_dynamic(u, now);
	else {
		ui_draw_full(u, now);
		k.page = ui_page_at(u, now);	/* of the layout just drawn */
	}
	u->key = k;
	refresh();
	if (!run->framed) {
		run->framed = 1;
		eventlog_write(run->log, clock_mono_ns(run->clock),
		    "first-frame", sc->cur, "%dx%d", COLS, LINES);
	}
}

/* curses' named keys as the key table's codes (keys.h). */
static int
ui_key_code(int ch)
{
	switch (ch) {
	case KEY_ENTER:
		return KEYS_ENTER;
	case KEY_RIGHT:
		return KEYS_RIGHT;
	case KEY_LEFT:
		return KEYS_LEFT;
	case KEY_UP:
		return KEYS_UP;
	case KEY_DOWN:
		return KEYS_DOWN;
	default:
		return ch;
	}
}

/*
 * Ctrl-Z: the session pauses when the process stopped (not when the loop
 * noticed), or at last, the time last given to the session.
 */
static void
ui_stopped(struct run *run, uint64_t last)
{
	const struct session_event	*ev;
	uint64_t			 stop;

	if (!waiter_stopped(&stop) ||
	    session_state(run->session) != SESSION_ACTIVE)
		return;
	if (stop < last)
		stop = last;
	run_apply(run, SA_TICK, 0, stop, &ev);
	run_apply(run, SA_PAUSE, 0, stop, &ev);
}

/* Turn a key into a session action. */
static void
ui_handle_key(struct uis *u, int ch, uint64_t now)
{
	const struct session_event	*ev;
	struct run			*run = u->run;
	enum session_state		 st = session_state(run->session);
	enum session_action		 a = SA_TICK;
	enum key_act			 k;
	int				 arg = 0;

	if (ch == KEY_RESIZE)
		return;
	/*
	 * Any key closes the help, and resumes the session it paused; !
	 * still stops at once (safety).
	 */
	if (u->help) {
		u->help = 0;
		if (u->help_paused && ch != '!' &&
		    session_state(run->session) == SESSION_PAUSED)
			run_apply(run, SA_RESUME, 0, now, &ev);
		u->help_paused = 0;
		if (ch != '!')
			return;
	}
	if (st == SESSION_QUIT_ASK) {
		a = (ch == 'y' || ch == 'Y') ? SA_QUIT_YES : ch == '!' ?
		    SA_STOP_NOW : SA_QUIT_NO;
	} else if (st == SESSION_PAIN) {
		if (ch >= '0' && ch <= '9') {
			a = SA_PAIN;
			arg = ch - '0';
		} else if (ch == 'x' || ch == 'X') {
			a = SA_PAIN;
			arg = 10;
		} else if (ch == '!')
			a = SA_STOP_NOW;
		else if (ch == 'q')
			a = SA_QUIT;
		else if (ch == '?')
			u->help = 1;
	} else if ((k = keys_action(ui_key_code(ch))) == KEY_ACT_HELP) {
		/* Read with the clock stopped, as the quit question is. */
		u->help = 1;
		if (st == SESSION_ACTIVE) {
			u->help_paused = 1;
			a = SA_PAUSE;
		}
	} else if (k == KEY_ACT_NONE && ((ch >= '0' && ch <= '9') ||
	    ch == 'x' || ch == 'X'))
		/* A rating with no question: someone in pain mid-hold. */
		run_brief(run, "%s", _("no rating is asked now; pain or "
		    "numbness: press ! to stop"));
	else
		a = run_key(run, k);
	if (a != SA_TICK)
		run_apply(run, a, arg, now, &ev);
}

/*
 * Ask one screening question on the screen, the k-th (from 0) of the n
 * asked: 1 yes, 0 no, 2 quit.
 */
static int
ui_ask(void *ctx, size_t k, size_t n, const char *q)
{
	struct uis	*u = ctx;
	const char	*title;
	char		 buf[64];
	int		 ch;

	for (;;) {
		if (ui_draw_begin()) {
			title = u->run->routine->title.s;
			ui_role(UI_TITLE);
			ui_put(0, 0, COLS, title != NULL ? title : "");
			ui_role(UI_KIND);
			snprintf(buf, sizeof buf,
			    _("BEFORE WE START (%zu/%zu)"), k + 1, n);
			ui_put(2, 0, COLS, buf);
			ui_role(UI_NORMAL);
			ui_wrap(4, 0, COLS, 4, q);
			ui_role(UI_TITLE);
			ui_put(9, 0, COLS, _("y yes    n no    q quit"));
			ui_role(UI_NORMAL);
			refresh();
		}
		ch = ui_key(-1);
		if (ch == UI_KEY_SIGNAL || ch == 'q' || ch == 'Q')
			return (2);
		if (ch == 'y' || ch == 'Y')
			return (1);
		if (ch == 'n' || ch == 'N')
			return (0);
	}
}

/*
 * The routine's summary and the prescriber's note before the session, said
 * by the voice too; the session's clock starts at Enter (what is still
 * being said is cut there). Returns 0 to start, 2 when the user quit.
 */
static void
ui_preamble_draw(struct run *run)
{
	const char	*title = run->routine->title.s;
	char		 text[WORDS_PREAMBLE_MAX], *line, *last;
	int		 y;

	if (!ui_draw_begin()) {
		refresh();
		return;
	}
	ui_role(UI_TITLE);
	ui_put(0, 0, COLS, title != NULL ? title : "");
	ui_role(UI_KIND);
	ui_put(2, 0, COLS, _("BEFORE WE START"));
	ui_role(UI_NORMAL);
	run_preamble(run, text, sizeof text);
	y = 4;
	for (line = strtok_r(text, "\n", &last); line != NULL &&
	    y < LINES - 3; line = strtok_r(NULL, "\n", &last))
		y += ui_wrap(y, 0, COLS, LINES - 3 - y, line) + 1;
	ui_role(UI_TITLE);
	ui_put(LINES - 2, 0, COLS, _("Enter start    q quit"));
	ui_role(UI_NORMAL);
	refresh();
}

static int
ui_preamble(struct uis *u)
{
	struct run	*run = u->run;
	char		 text[WORDS_PREAMBLE_MAX];
	int		 ch, said = 0;

	if (run_preamble(run, text, sizeof text) == 0)
		return (0);
	for (;;) {
		ui_preamble_draw(run);
		if (!said) {
			/* The first frame is up: now the sound, then say it. */
			said = 1;
			ui_frame_out();
			run_open_audio(run);
			(void)run_say_preamble(run, clock_mono_ns(run->clock));
			run_say_start_keys(run);
		}
		ch = ui_key(-1);
		if (ch == UI_KEY_SIGNAL || ch == 'q' || ch == 'Q')
			break;
		if (ch == '\n' || ch == '\r' || ch == ' ' || ch == KEY_ENTER) {
			run_cut_preamble(run, clock_mono_ns(run->clock));
			return (0);
		}
	}
	run_cut_preamble(run, clock_mono_ns(run->clock));
	return (2);
}

/* The routine's title alone: the frame before its questions. */
static void
ui_title_draw(const struct run *run)
{
	erase();
	ui_role(UI_TITLE);
	ui_put(0, 0, COLS, run->routine->title.s != NULL ?
	    run->routine->title.s : "");
	ui_role(UI_NORMAL);
	refresh();
}

/*
 * The first frame from the routine alone, before the store is asked (see
 * frontend.h): the screen the session opens on when the store says yes,
 * so that the frame drawn then changes nothing on the terminal.
 */
void
ui_session_preview(struct run *run)
{
	struct uis	 u;
	char		 text[WORDS_PREAMBLE_MAX];

	if (run_preamble(run, text, sizeof text) > 0)
		ui_preamble_draw(run);
	else if (run->routine->nscreen > 0)
		ui_title_draw(run);
	else if (run->plan->n > 0) {
		memset(&u, 0, sizeof u);
		u.run = run;
		run->session = run_session_new(run);
		ui_draw(&u, 0, 1);
		session_free(run->session);
		run->session = NULL;
	}
	/* ncurses sends the keypad mode at the first read: with the frame. */
	ui_frame_out();
}

/*
 * Sleep until t (a few tens of ms before the session starts: keys wait in
 * the input, signals in the waiter's mask); returns t.
 */
static uint64_t
ui_wait_until(struct run *run, uint64_t t)
{
	clock_sleep_until(run->clock, t);
	return (t);
}

/* Run the session on the screen (see frontend.h). */
enum run_result
ui_session_run(struct run *run)
{
	const struct session_event	*ev;
	struct uis			 u;
	uint64_t			 now, wake;
	enum run_result			 rc;
	int				 ch;
	const char			*st;

	memset(&u, 0, sizeof u);
	u.run = run;
	if (ui_preamble(&u) != 0) {
		/* Quit before it began: begun only without screening. */
		if (run->session != NULL) {
			run_apply(run, SA_QUIT, 0, clock_mono_ns(run->clock),
			    &ev);
			run_summary(run);
		}
		return (RUN_OK);
	}
	if (run->session == NULL) {
		if (run->audio_later != NULL) {
			/* A first frame, then the sound that asks. */
			ui_title_draw(run);
			ui_frame_out();
			run_open_audio(run);
		}
		rc = run_screen(run, ui_ask, &u);
		if (rc == RUN_ENDED) {
			if (session_outcome(run->session) == OUTCOME_SCREENED)
				ui_screened_out(run);
			return (RUN_OK);
		}
		if (rc != RUN_OK)
			return (rc);
	}
	now = clock_mono_ns(run->clock);
	if (run->audio_later != NULL) {
		/*
		 * Nothing is on the screen yet: draw the step as it will be
		 * when it starts (a schedule not begun starts at time 0),
		 * then load the sound (modules.h) and start the clock.
		 */
		ui_draw(&u, 0, 1);
		ui_frame_out();
		run_open_audio(run);
		now = clock_mono_ns(run->clock);
	}
	/* The clock starts when its first sounds can be on time. */
	now = ui_wait_until(run, run_start_at(run, now));
	run_apply(run, SA_START, 0, now, &ev);
	if (session_state(run->session) != SESSION_DONE)
		ui_draw(&u, now, 1);
	while (session_state(run->session) != SESSION_DONE) {
		ui_stopped(run, now);	/* stopped while drawing */
		now = clock_mono_ns(run->clock);
		wake = session_next_wake(run->session, now);
		/* Sleep to the deadline itself (a timer fd, in ns). */
		ch = ui_key_at(wake, now);
		ui_stopped(run, now);
		now = clock_mono_ns(run->clock);
		if (ch == UI_KEY_SIGNAL) {
			run_signal_end(run, ui_signalled(), now, &ev);
			break;
		}
		if (ch != UI_KEY_NONE)
			ui_handle_key(&u, ch, now);
		if ((st = audio_status(run->audio)) != NULL)
			run_status(run, "%s", st);
		if ((st = ui_message()) != NULL)
			run_status(run, "%s", st);
		run_apply(run, SA_TICK, 0, now, &ev);
		if (session_state(run->session) != SESSION_DONE)
			ui_draw(&u, now, ch == KEY_RESIZE);
	}
	run_summary(run);
	if (!ui_signalled())
		ui_summary(run);
	return (RUN_OK);
}
