/*
 * The terminal: initscr/endwin, colours (NO_COLOR honoured), signals and
 * resizing, and the small drawing helpers of ui.h. Termination signals only
 * set a flag; the views see it from ui_key() and end the session, then
 * ui_term_stop() restores the terminal. ncurses owns SIGWINCH and reports
 * it as KEY_RESIZE.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "frontend.h"
#include "i18n.h"
#include "ui.h"

#include <langinfo.h>
#include <sched.h>
#include <signal.h>
#include <termios.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <ncurses.h>

#include "clock.h"
#include "compat.h"
#include "diag.h"
#include "inbox.h"
#include "utf8.h"
#include "waiter.h"
#include "xmalloc.h"

static int			ui_on;
static int			ui_keys;	/* keypad() on stdscr */
static int			ui_color;
static int			ui_is_utf8;
static struct waiter		ui_waiter;	/* signals, the deadline */
static int			ui_hup;		/* the terminal is gone */
static struct termios		ui_tty;		/* modes before curses */
static int			ui_tty_saved;
static const int		ui_fatal[] = { SIGSEGV, SIGABRT, SIGBUS,
				    SIGFPE, SIGILL };
static struct sigaction		ui_fatal_old[nitems(ui_fatal)];

/*
 * A fatal signal while the screen is up: give the terminal back (leave the
 * alternate screen, show the cursor, plain attributes, the tty's modes),
 * with async-signal-safe calls only, then let the signal's old action (the
 * default, or a sanitizer's report) run.
 */
static void
ui_on_fatal(int sig)
{
	static const char	restore[] = "\033[0m\033[?25h\033[?1049l\r\n";
	size_t			i;

	if (ui_on) {
		(void)write(STDOUT_FILENO, restore, sizeof restore - 1);
		if (ui_tty_saved)
			tcsetattr(STDIN_FILENO, TCSANOW, &ui_tty);
	}
	for (i = 0; i < nitems(ui_fatal); i++)
		if (ui_fatal[i] == sig)
			sigaction(sig, &ui_fatal_old[i], NULL);
	raise(sig);
}

/* Catch the fatal signals once, keeping their old actions. */
static void
ui_catch_fatal(void)
{
	struct sigaction	sa;
	size_t			i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_fatal;
	sa.sa_flags = SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < nitems(ui_fatal); i++)
		sigaction(ui_fatal[i], &sa, &ui_fatal_old[i]);
}

static int	ui_term_can_move(void);

/*
 * Start curses once; later calls do nothing. -1 with *why when curses
 * cannot draw here (TERM not in terminfo, or no cursor addressing):
 * nothing is drawn then and the terminal is as it was. The terminfo entry
 * is read here only: a check before it read it a second time, about a
 * twentieth of the work to the first frame.
 */
int
ui_term_start(const char **why)
{
	static int		 registered;
	const char		*nc;
	SCREEN			*sp;

	if (ui_on)
		return (0);
	if (!registered) {
		atexit(ui_term_stop);
		xmalloc_set_fatal_hook(ui_term_stop);
		ui_tty_saved = tcgetattr(STDIN_FILENO, &ui_tty) == 0;
		ui_catch_fatal();
		registered = 1;
	}
	ui_is_utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	/* initscr, without its exit when TERM is not known. */
	if ((sp = newterm(NULL, stdout, stdin)) == NULL) {
		*why = _("the terminal type in TERM is not known "
		    "(no terminfo entry)");
		return (-1);
	}
	if (!ui_term_can_move()) {
		endwin();
		delscreen(sp);
		*why = _("the terminal in TERM cannot move the cursor");
		return (-1);
	}
	def_prog_mode();
	ui_on = 1;
	cbreak();
	noecho();
	nonl();
	/*
	 * keypad() at the first read (ui_keys_on), after the first frame:
	 * here it built ncurses' table of the terminal's keys and sent the
	 * keypad mode before the frame, which the endwin() below took back.
	 */
	ui_keys = 0;
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	/*
	 * No typeahead checks inside refresh(): they flush the output in
	 * pieces and poll stdin several times per frame. A frame is small;
	 * drawing it whole costs less than checking.
	 */
	typeahead(-1);
	curs_set(0);
	/*
	 * The cursor is hidden on every screen: where it is left after a
	 * frame does not matter, and each frame then saves a cursor move
	 * (ncurses prices every way to move with tparm: a third of a
	 * frame's instructions went to moves).
	 */
	leaveok(stdscr, TRUE);
	/*
	 * ncurses (6.4) flushes its output after every cursor move until
	 * the screen has been suspended and resumed once (_nc_mvcur tests
	 * for the initial endwin state), so each frame went out in 6-9
	 * write(2)s, each one waking the terminal. One endwin() before the
	 * first frame puts ncurses in its resumed state: the next refresh
	 * repaints everything and from then on a frame is one write.
	 */
	endwin();
	nc = getenv("NO_COLOR");
	ui_color = has_colors() && (nc == NULL || nc[0] == '\0');
	if (ui_color) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_CYAN, -1);		/* title */
		init_pair(2, COLOR_YELLOW, -1);		/* kind */
		init_pair(3, COLOR_GREEN, -1);		/* bar */
		init_pair(4, COLOR_RED, -1);		/* mark, warn */
		init_pair(5, COLOR_BLACK, COLOR_CYAN);	/* selection */
	}
	/*
	 * Signals (and ncurses' SIGWINCH) are only let in while ui_key()
	 * sleeps: one arriving while we draw wakes the sleep at once.
	 */
	waiter_start(&ui_waiter, SIGWINCH);
	return (0);
}

/* Restore the terminal; safe to call twice and from atexit. */
void
ui_term_stop(void)
{
	if (!ui_on)
		return;
	ui_on = 0;
	curs_set(1);
	endwin();
	waiter_stop(&ui_waiter);
}

/* Whether curses is on. */
int
ui_term_active(void)
{
	return (ui_on);
}

/* Whether the locale is UTF-8. */
int
ui_utf8(void)
{
	return (ui_is_utf8);
}

/* The termination signal that arrived, or 0. */
int
ui_signalled(void)
{
	if (waiter_signal())
		return (waiter_signal());
	return (ui_hup ? SIGHUP : 0);	/* the terminal is gone */
}

/* Select the attributes of a role. */
void
ui_role(enum ui_role r)
{
	attr_t	a = A_NORMAL;
	short	pair = 0;

	switch (r) {
	case UI_NORMAL:
		break;
	case UI_TITLE:
		a = A_BOLD;
		pair = 1;
		break;
	case UI_KIND:
		a = A_BOLD;
		pair = 2;
		break;
	case UI_DIM:
		a = A_DIM;
		break;
	case UI_BAR:
		a = ui_color ? A_NORMAL : A_REVERSE;
		pair = 3;
		break;
	case UI_MARK:
		a = A_BOLD | (ui_color ? A_NORMAL : A_REVERSE);
		pair = 4;
		break;
	case UI_STATUS:
		a = A_NORMAL;
		pair = 2;
		break;
	case UI_WARN:
		a = A_BOLD;
		pair = 4;
		break;
	case UI_SELECT:
		a = ui_color ? A_NORMAL : A_REVERSE;
		pair = 5;
		break;
	case UI_BIG:
		a = A_BOLD;
		break;
	}
	attrset(a | (ui_color ? COLOR_PAIR(pair) : 0));
}

/* Columns of one UTF-8 character at s (length in *len). */
static int
ui_char(const char *s, size_t *len)
{
	uint32_t	cp;
	size_t		bad;
	int		w;

	if ((unsigned char)*s < 0x80 || !ui_is_utf8) {
		*len = 1;
		return (1);
	}
	/* Not UTF-8: one '?' (ui_addn's), as many bytes as utf8.h says. */
	if ((*len = utf8_next((const unsigned char *)s, 4, &cp, &bad)) == 0) {
		*len = bad;
		return (1);
	}
	w = wcwidth((wchar_t)cp);
	return (w < 0 ? 1 : w);
}

/* Display columns of s. */
int
ui_width(const char *s)
{
	size_t	len;
	int	w = 0;

	while (*s != '\0') {
		w += ui_char(s, &len);
		s += len;
	}
	return (w);
}

/* ASCII for U+00C0..U+00FF ('?' where a pair is needed, see below). */
static const char ui_latin1[] =
    "AAAAAA?CEEEEIIIIDNOOOOOxOUUUUYT?aaaaaa?ceeeeiiiidnooooo/ouuuuyty";

/* An ASCII stand-in for code point cp ("?" when there is none). */
static const char *
ui_ascii_of(unsigned cp, char *one)
{
	switch (cp) {
	case 0xc6:	return ("AE");
	case 0xdf:	return ("ss");
	case 0xe6:	return ("ae");
	case 0x152:	return ("OE");
	case 0x153:	return ("oe");
	case 0x2026:	return ("...");
	case 0x2192:	return ("->");
	case 0x2190:	return ("<-");
	case 0x2194:	return ("<->");
	case 0x2022:	return ("*");
	}
	one[1] = '\0';
	if (cp >= 0xc0 && cp <= 0xff)
		one[0] = ui_latin1[cp - 0xc0];
	else if (cp == 0xa0)
		one[0] = ' ';
	else if (cp == 0xb7)
		one[0] = '.';
	else if (cp == 0x2013 || cp == 0x2014 || cp == 0x2212)
		one[0] = '-';
	else if (cp == 0x2018 || cp == 0x2019)
		one[0] = '\'';
	else if (cp == 0x201c || cp == 0x201d || cp == 0xab || cp == 0xbb)
		one[0] = '"';
	else
		one[0] = '?';
	return (one);
}

/*
 * Clean s for the screen (diag_clean); when the locale is not UTF-8, also
 * spell it in ASCII ("épaule -> court"), since the terminal would show
 * the bytes of a UTF-8 character as garbage.
 */
static void
ui_clean(const char *s, char *out, size_t len)
{
	char		 tmp[2048], one[2];
	const char	*rep;
	unsigned char	*p;
	uint32_t	 cp;
	size_t		 o = 0, n, rl, bad;

	if (ui_is_utf8) {
		diag_clean(s, out, len);
		return;
	}
	diag_clean(s, tmp, sizeof tmp);
	for (p = (unsigned char *)tmp; *p != '\0' && o + 1 < len; p += n) {
		if (*p < 0x80) {
			out[o++] = (char)*p;
			n = 1;
			continue;
		}
		if ((n = utf8_next(p, 4, &cp, &bad)) == 0) {
			n = bad;
			cp = '?';
		}
		rep = ui_ascii_of(cp, one);
		rl = strlen(rep);
		if (o + rl + 1 > len)
			break;
		memcpy(out + o, rep, rl);
		o += rl;
	}
	out[o] = '\0';
}

/*
 * Add n bytes of clean text (ui_clean's) at y,x. ncurses' byte interface
 * (waddnstr) decodes every byte again with mbrtowc and wctob: 314k of a
 * session frame's 459k instructions (callgrind). Decoded once here
 * (utf8.h) and added as wide characters, a frame takes 200k. Without
 * UTF-8 the clean text is ASCII.
 */
void
ui_addn(int y, int x, const char *s, size_t n)
{
	wchar_t		 w[256];
	const unsigned char *p = (const unsigned char *)s;
	uint32_t	 cp;
	size_t		 i = 0, k, len, bad;

	if (move(y, x) == ERR)
		return;
	do {			/* a line wider than w: in pieces */
		for (k = 0; i < n && p[i] != '\0' && k < nitems(w); i += len) {
			len = ui_is_utf8 ? utf8_next(p + i, n - i, &cp, &bad) :
			    0;
			if (len == 0) {	/* ASCII, or a byte not UTF-8 */
				cp = p[i] < 0x80 ? p[i] : '?';
				len = ui_is_utf8 ? bad : 1;
			}
			w[k++] = (wchar_t)cp;
		}
		addnwstr(w, (int)k);
	} while (i < n && p[i] != '\0');
}

/* ui_addn of a whole string. */
void
ui_add(int y, int x, const char *s)
{
	ui_addn(y, x, s, strlen(s));
}

/*
 * Draw s clipped to w columns; returns the columns used. Text that does
 * not fit ends in an ellipsis ('~' without UTF-8), so a cut title or list
 * never reads as whole.
 */
int
ui_put(int y, int x, int w, const char *s)
{
	char	clean[1024];
	size_t	len, at = 0, fit = 0;
	int	used = 0, cw, fitw = 0;

	if (w <= 0 || y < 0 || y >= LINES || x >= COLS)
		return (0);
	if (x + w > COLS)
		w = COLS - x;
	ui_clean(s, clean, sizeof clean);
	while (clean[at] != '\0') {
		cw = ui_char(clean + at, &len);
		if (used + cw > w)
			break;
		used += cw;
		at += len;
		if (used <= w - 1) {	/* what fits before an ellipsis */
			fit = at;
			fitw = used;
		}
	}
	if (clean[at] == '\0' || w < 2) {
		ui_addn(y, x, clean, at);
		return (used);
	}
	ui_addn(y, x, clean, fit);
	ui_add(y, x + fitw, ui_is_utf8 ? "\xe2\x80\xa6" : "~");
	return (fitw + 1);
}

static int	ui_wrap_next_as(const char *, size_t *, int, int, int, char *,
		    size_t);
static int	ui_wrap_lines(int, int, int, int, int, int, const char *);

/*
 * The next line of clean wrapped at w columns, from *at (moved past it)
 * into line; 0 at the end of the text. Lines after the first start flush.
 */
static int
ui_wrap_next(const char *clean, size_t *at, int w, int first, char *line,
    size_t linesz)
{
	return (ui_wrap_next_as(clean, at, w, first, 0, line, linesz));
}

/* Whether c ends a sentence (. ! or ?: at a line's end, or before a space). */
static int
ui_sentence_char(char c)
{
	return (c == '.' || c == '!' || c == '?');
}

/*
 * ui_wrap_next, and with sentences set a sentence's end also ends the
 * line: each sentence starts a line (a page then never starts inside one
 * that would have fitted on it).
 */
static int
ui_wrap_next_as(const char *clean, size_t *at, int w, int first,
    int sentences, char *line, size_t linesz)
{
	size_t	len, start, brk = 0, i = *at;
	int	used = 0, cw;

	while (!first && clean[i] == ' ')
		i++;
	if (clean[i] == '\0')
		return (0);
	start = i;
	while (clean[i] != '\0') {
		cw = ui_char(clean + i, &len);
		if (used + cw > w)
			break;
		if (clean[i] == ' ')
			brk = i;
		used += cw;
		i += len;
		if (sentences && ui_sentence_char(clean[i - 1]) &&
		    clean[i] == ' ') {
			brk = i;
			break;
		}
	}
	if (clean[i] != '\0' && brk > start)
		i = brk;
	if (i == start)		/* not one character fits: take it anyway */
		i += (ui_char(clean + i, &len), len);
	len = i - start < linesz ? i - start : linesz - 1;
	memcpy(line, clean + start, len);
	line[len] = '\0';
	*at = i;
	return (1);
}

/* Word-wrap s over at most maxlines lines; returns the lines drawn. */
int
ui_wrap(int y, int x, int w, int maxlines, const char *s)
{
	const char	*more = ui_is_utf8 ? "\xe2\x80\xa6" : "~";
	char		 clean[2048], line[1024];
	size_t		 at = 0;
	int		 lines = 0;

	ui_clean(s, clean, sizeof clean);
	while (lines < maxlines && ui_wrap_next(clean, &at, w, lines == 0,
	    line, sizeof line)) {
		/*
		 * The last line that fits ends in one ellipsis if text is
		 * left (ui_put's own when the line itself is cut).
		 */
		if (lines == maxlines - 1 && clean[at] != '\0' && w > 1) {
			ui_put(y + lines, x, w - 1, line);
			if (ui_width(line) <= w - 1 && y + lines >= 0 &&
			    y + lines < LINES)
				addstr(more);	/* not when only measuring */
		} else
			ui_put(y + lines, x, w, line);
		lines++;
	}
	return (lines);
}

/* Lines first.. (at most n) of s wrapped at w, at y; returns all its lines. */
int
ui_wrap_page(int y, int x, int w, int first, int n, const char *s)
{
	return (ui_wrap_lines(y, x, w, first, n, 0, s));
}

/* ui_wrap_page, each sentence from a line of its own when sentences. */
static int
ui_wrap_lines(int y, int x, int w, int first, int n, int sentences,
    const char *s)
{
	char	clean[2048], line[1024];
	size_t	at = 0;
	int	lines = 0;

	ui_clean(s, clean, sizeof clean);
	for (; ui_wrap_next_as(clean, &at, w, lines == 0, sentences, line,
	    sizeof line); lines++)
		if (lines >= first && lines < first + n)
			ui_put(y + lines - first, x, w, line);
	return (lines);
}

/*
 * A long text's pages of at most room lines, each sentence from a line of
 * its own, a page ending before a sentence that would not fit whole on it
 * (one longer than a page is cut where the page ends): the first line of
 * each in first[], first[npages] the lines in all; returns npages (at
 * most max).
 */
int
ui_pages(int w, int room, const char *s, int *first, int max)
{
	char		clean[2048], line[1024];
	unsigned char	starts[256];
	size_t		at = 0, len;
	int		lines = 0, np = 0, ended = 1, k;

	if (room < 1 || max < 1)
		return (0);
	ui_clean(s, clean, sizeof clean);
	/* Which lines start a sentence (the one before ended one). */
	for (; lines < (int)sizeof starts && ui_wrap_next_as(clean, &at, w,
	    lines == 0, 1, line, sizeof line); lines++) {
		starts[lines] = (unsigned char)ended;
		len = strlen(line);
		ended = len > 0 && ui_sentence_char(line[len - 1]);
	}
	first[np++] = 0;
	while (np < max && first[np - 1] + room < lines) {
		/* Back to the start of the sentence the page would cut. */
		k = first[np - 1] + room;
		while (k > first[np - 1] + 1 && !starts[k])
			k--;
		if (!starts[k])
			k = first[np - 1] + room;
		first[np++] = k;
	}
	first[np] = lines;
	return (np);
}

/* Lines first.. (at most n) of s as ui_pages wraps it, drawn at y. */
int
ui_wrap_sentences(int y, int x, int w, int first, int n, const char *s)
{
	return (ui_wrap_lines(y, x, w, first, n, 1, s));
}

/* A bar: filled part in the bar role, the rest dotted; two addstr calls. */
void
ui_bar(int y, int x, int w, unsigned permille)
{
	ui_bar_kept(y, x, w, permille, NULL);
}

/* A bar as ui_bar, drawn only when its filled cells differ from *was. */
void
ui_bar_kept(int y, int x, int w, unsigned permille, int *was)
{
	wchar_t		 full = ui_is_utf8 ? L'\u2588' : L'#';
	wchar_t		 dot = ui_is_utf8 ? L'\u00b7' : L'.';
	wchar_t		 buf[150];
	int		 fill, i;

	if (w <= 0)
		return;
	if (w > 150)
		w = 150;
	if (permille > 1000)
		permille = 1000;
	fill = (int)((unsigned)w * permille / 1000);
	if (was != NULL) {
		if (*was == fill)
			return;
		*was = fill;
	}
	for (i = 0; i < w; i++)
		buf[i] = i < fill ? full : dot;
	ui_role(UI_BAR);
	mvaddnwstr(y, x, buf, fill);
	ui_role(UI_DIM);
	mvaddnwstr(y, x + fill, buf + fill, w - fill);
	ui_role(UI_NORMAL);
}

static struct inbox	*ui_inbox;
static char		 ui_msg[256];
static int		 ui_msg_new;

void
ui_watch_inbox(struct inbox *ib)
{
	ui_inbox = ib;
	waiter_watch(&ui_waiter, inbox_fd(ib));
}

const char *
ui_message(void)
{
	if (!ui_msg_new)
		return (NULL);
	ui_msg_new = 0;
	return (ui_msg);
}

/* The terminal's keys decoded (KEY_UP...) from the first read on. */
static void
ui_keys_on(void)
{
	if (!ui_keys) {
		keypad(stdscr, TRUE);
		ui_keys = 1;
	}
}

void
ui_frame_out(void)
{
	int	ch;

	ui_keys_on();
	if ((ch = getch()) != ERR)
		ungetch(ch);
	/*
	 * The kernel hands a pty's output to the reading side (the terminal
	 * emulator, sshd, tmux) from a worker thread, which may wait for this
	 * CPU: measured on this 2-core machine, 4-40% of first frames reached
	 * the terminal 0.5-8 ms after they were written while the store
	 * loaded, none once the CPU was given up here (75 runs each way).
	 */
	(void)sched_yield();
}

/*
 * Ctrl-L, as in most curses programs: the next refresh sends the whole
 * screen again (after a message from another program, say), and the
 * caller sees KEY_RESIZE, a redraw with no action. An escape sequence
 * ncurses did not decode is dropped whole.
 */
static int
ui_key_of(int ch)
{
	int	next;

	if (ch == 27 && (next = getch()) != ERR) {
		/*
		 * Esc with more behind it at once is Alt+key, or a key the
		 * terminal's TERM does not describe (Home in tmux under
		 * xterm's TERM): not Esc, which leaves the home screen.
		 * Esc Esc is Esc, and the second comes next.
		 */
		if (next == 27) {
			ungetch(next);
			return (27);
		}
		while (getch() != ERR)
			;
		return (UI_KEY_NONE);
	}
	if (ch != 12)
		return (ch);
	clearok(curscr, TRUE);
	return (KEY_RESIZE);
}

/* Wait for a key or a signal until deadline_ns (WAITER_FOREVER: none). */
static int
ui_wait(uint64_t deadline_ns)
{
	static int	drain = 1;	/* ncurses may hold keys already read */
	enum waiter_wake w;
	int		ch;

	ui_keys_on();
	if (drain) {
		if ((ch = getch()) != ERR)
			return (ui_key_of(ch));
		drain = 0;
	}
	if (ui_hup)
		return (UI_KEY_SIGNAL);
	w = waiter_wait(&ui_waiter, STDIN_FILENO, deadline_ns, &ui_hup);
	if (w == WAITER_SIGNAL || ui_hup)
		return (UI_KEY_SIGNAL);	/* a signal, or the terminal is gone */
	if (w == WAITER_DEADLINE)
		return (UI_KEY_NONE);
	/* A line sent to the session: kept for ui_message. */
	if (w == WAITER_OTHER && inbox_read(ui_inbox, ui_msg, sizeof ui_msg) > 0)
		ui_msg_new = 1;
	/* Input, or another signal (SIGWINCH: getch gives KEY_RESIZE). */
	ch = getch();
	if (ch == ERR)
		return (UI_KEY_NONE);
	drain = 1;
	return (ui_key_of(ch));
}

/* Wait for a key for up to timeout_ns (-1: forever); see ui.h. */
int
ui_key(int64_t timeout_ns)
{
	if (timeout_ns < 0)
		return (ui_wait(WAITER_FOREVER));
	return (ui_wait(clock_mono_ns(&clock_system) + (uint64_t)timeout_ns));
}

/* Wait for a key until the CLOCK_MONOTONIC time deadline_ns; see ui.h. */
int
ui_key_at(uint64_t deadline_ns, uint64_t now_ns)
{
	(void)now_ns;
	return (ui_wait(deadline_ns == UINT64_MAX ? WAITER_FOREVER :
	    deadline_ns));
}

/* Start a frame: erased; 0 (and "too small" drawn) below 40x12. */
int
ui_draw_begin(void)
{
	erase();
	if (COLS >= UI_MIN_W && LINES >= UI_MIN_H)
		return 1;
	ui_too_small();
	return 0;
}

/* The view shown below 40x12. */
void
ui_too_small(void)
{
	const char	*m = _("terminal too small");
	int		 w = ui_width(m);

	erase();
	ui_role(UI_WARN);
	if (COLS >= w)
		ui_put(LINES / 2, (COLS - w) / 2, w, m);
	else if (COLS >= 5)
		ui_put(LINES / 2, 0, COLS, _("small"));
	if (LINES > 1 && COLS >= 12)
		ui_put(LINES / 2 + 1, (COLS - 12 > 0 ? (COLS - 12) / 2 : 0),
		    COLS, _("(need 40x12)"));
	ui_role(UI_NORMAL);
	refresh();
}

/* Last: term.h defines capability names (lines, columns...) as macros. */
#include <term.h>

/*
 * What can be told of the terminal without reading terminfo: TERM set and
 * not "dumb". Else 0 and *why says what is wrong. (Whether terminfo knows
 * it and it can move the cursor, ui_term_start says: it reads the entry.)
 */
int
ui_term_usable(const char **why)
{
	const char	*term = getenv("TERM");

	if (term == NULL || term[0] == '\0') {
		*why = _("TERM is not set");
		return (0);
	}
	if (strcmp(term, "dumb") == 0) {
		*why = "TERM=dumb cannot draw a screen";
		return (0);
	}
	return (1);
}

/* Whether the terminal curses set up can address the cursor. */
static int
ui_term_can_move(void)
{
	char	*cup = tigetstr("cup");

	return (cup != NULL && cup != (char *)-1);
}
