/*
 * Drawing helpers shared by the curses views (ui_session.c, ui_home.c),
 * implemented in ui_term.c, which alone owns initscr/endwin, colours,
 * signals and resizing. This header does not include ncurses.h: only
 * ui_*.c files do.
 */
#ifndef KNEAD_UI_H
#define KNEAD_UI_H

#include <stddef.h>
#include <stdint.h>

/* What a piece of text is; ui_term maps it to colour or to bold/reverse. */
enum ui_role {
	UI_NORMAL,
	UI_TITLE,
	UI_KIND,
	UI_DIM,
	UI_BAR,
	UI_MARK,
	UI_STATUS,
	UI_WARN,
	UI_SELECT,
	UI_BIG
};

#define UI_KEY_NONE	(-1)	/* timeout */
#define UI_KEY_SIGNAL	(-2)	/* SIGINT, SIGTERM or SIGHUP arrived */
#define UI_MIN_W	40
#define UI_MIN_H	12

void	ui_role(enum ui_role);
/*
 * Add n bytes (ui_add: all) of text already clean for the screen at y,x,
 * unclipped: the program's own marks and glyphs. Routine text goes
 * through ui_put.
 */
void	ui_addn(int y, int x, const char *s, size_t n);
void	ui_add(int y, int x, const char *s);
/* Draw s at y,x in at most w columns (cleaned, UTF-8 aware). */
int	ui_put(int y, int x, int w, const char *s);
/*
 * Word-wrap s into at most maxlines lines of w columns from y,x; returns
 * the lines it took. Rows off the screen (y < 0 too) are not drawn, so a
 * view scrolls by starting above the top.
 */
int	ui_wrap(int y, int x, int w, int maxlines, const char *s);
/*
 * Lines first to first + n - 1 of s word-wrapped at w columns, drawn from
 * row y with no ellipsis (a long text shown a page at a time); returns the
 * lines the whole text takes.
 */
int	ui_wrap_page(int y, int x, int w, int first, int n, const char *s);
/*
 * A text too long for room lines, in pages: each sentence from a line of
 * its own, and a page ends before a sentence it would cut (a sentence
 * longer than a page is cut where the page ends), so that "Tingling in
 * the arm: move off at once." is read whole. first[] (max + 1 entries)
 * gets each page's first line and first[npages] the lines in all;
 * returns npages (1 to max). ui_wrap_sentences draws lines of it.
 */
int	ui_pages(int w, int room, const char *s, int *first, int max);
int	ui_wrap_sentences(int y, int x, int w, int first, int n,
	    const char *s);
/* Display columns of s. */
int	ui_width(const char *s);
/* A bar of w columns filled permille/1000. */
void	ui_bar(int y, int x, int w, unsigned permille);
/*
 * The same bar, drawn only when its filled cells differ from *was (then
 * set): a frame that only time moves rewrites no cell it would not
 * change. *was = -1 draws it.
 */
void	ui_bar_kept(int y, int x, int w, unsigned permille, int *was);
/* Whether the terminal can show UTF-8 (block digits, arrows). */
int	ui_utf8(void);
/*
 * Wait up to timeout_ns (-1: forever) for a key; returns the key
 * (KEY_RESIZE after a resize), UI_KEY_NONE or UI_KEY_SIGNAL (also when the
 * terminal hung up). Sleeps in ppoll(2): no wakeups while nothing happens.
 */
int	ui_key(int64_t timeout_ns);
/*
 * The same until the CLOCK_MONOTONIC time deadline_ns (UINT64_MAX:
 * forever), woken on the deadline itself; now_ns is the caller's clock.
 */
int	ui_key_at(uint64_t deadline_ns, uint64_t now_ns);
/*
 * A frame is drawn and work follows (the store, the sound): send the
 * keypad mode with it rather than with the first wait for a key (ncurses
 * sends it there), a key already typed staying for that wait, and let the
 * terminal have the frame before that work.
 */
void	ui_frame_out(void);
/* The last line sent to the session (ui_watch_inbox), once, or NULL. */
const char *ui_message(void);
/* Which termination signal arrived (0 none). */
int	ui_signalled(void);
/* Draw "terminal too small" centred. */
void	ui_too_small(void);
/*
 * Start a frame (every screen's draw begins so): the screen erased; 1 to
 * draw on, or 0 below UI_MIN_W x UI_MIN_H, "too small" drawn instead.
 */
int	ui_draw_begin(void);

/* A centred box with n lines of text (ui_session.c). */
void	ui_box(const char *const *lines, size_t n, enum ui_role role);
/* The session screen's endings (ui_summary.c). */
struct run;
/* The summary, wrapped and scrolled; waits for q or Enter. */
void	ui_summary(struct run *);
/* The note after a screening "yes", in a box until a key. */
void	ui_screened_out(struct run *);

#endif
