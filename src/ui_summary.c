/*
 * The session screen's endings (ui_session.c): the summary after a session,
 * scrolled when it does not fit, and the note after a screening "yes".
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "frontend.h"
#include "run.h"
#include "ui.h"

#include <stdio.h>
#include <string.h>

#include <ncurses.h>

#include "compat.h"
#include "halt_why.h"
#include "i18n.h"
#include "routine.h"

#define UI_SCREEN_MIN	32	/* the note's lines: a 40-column screen */
#define UI_SCREEN_W	72	/* and at most (a question is quoted) */

/*
 * The end: outcome, summary lines and notes, wrapped to the width (the
 * safety note must never be cut), scrolled with the arrows when they do
 * not fit; waits for q or Enter. After a halt the question of what made
 * the user stop comes last (run_halt_ask): p, n, s or o answers it, and
 * what the answer means is added; q, Enter or Esc closes unanswered.
 */
void
ui_summary(struct run *run)
{
	size_t		 i;
	int		 y, ch, total = 0, rows = 0, scroll = 0, ask, end = 0;
	char		*copy, *line, *nl;
	const char	*why;

	if ((ask = run_halt_asks(run)))
		run_halt_ask(run);
	for (;;) {
		if (ui_draw_begin()) {
			rows = LINES - 3;
			y = 2 - scroll;
			for (i = 0; i < run->nqueue; i++) {
				copy = run->queue[i];
				for (line = copy; line != NULL; line = nl) {
					nl = strchr(line, '\n');
					if (nl != NULL)
						*nl = '\0';
					ui_role(i == 0 ? UI_KIND : UI_NORMAL);
					y += line[0] == '\0' ? 1 :
					    ui_wrap(y, 0, COLS, 1000, line);
					if (nl != NULL)
						*nl++ = '\n';
				}
			}
			if (ask) {
				ui_role(UI_KIND);
				y += 1 + ui_wrap(y + 1, 0, COLS, 1000,
				    _(halt_why_question));
			}
			total = y + scroll - 2;
			if (scroll > 0 && scroll > total - rows) {
				scroll = total - rows > 0 ? total - rows : 0;
				continue;
			}
			/*
			 * What the answer means, added at the end, in view
			 * (a tester at 60x20 never saw "see a doctor or
			 * physiotherapist soon", below the fold).
			 */
			if (end && total - rows > scroll) {
				end = 0;
				scroll = total - rows;
				continue;
			}
			end = 0;
			/* The title and the footer go over what scrolled. */
			move(0, 0);
			clrtoeol();
			move(1, 0);
			clrtoeol();
			move(LINES - 1, 0);
			clrtoeol();
			ui_role(UI_TITLE);
			ui_put(0, 0, COLS, run->routine->title.s != NULL ?
			    run->routine->title.s : "");
			ui_role(UI_DIM);
			/*
			 * The question's keys from the start: on a small
			 * screen the question is below the fold, and a
			 * user who closes at once would never see it (a
			 * tester at 60x15).
			 */
			ui_put(LINES - 1, 0, COLS, ask &&
			    scroll >= total - rows ?
			    _("p n s o answer  q or Enter close") : ask ?
			    _("p n s o answer (below)  up/down scroll") :
			    total > rows ? _("up/down scroll  q or Enter close") :
			    _("press q or Enter to close"));
			ui_role(UI_NORMAL);
			refresh();
		}
		ch = ui_key(-1);
		if (ask && ch >= 0 && ch < 128 &&
		    (why = halt_why_of_key(ch)) != NULL) {
			run_halt_why(run, why);
			ask = 0;
			end = 1;
			continue;
		}
		if (ch == UI_KEY_SIGNAL || ch == 'q' || ch == 'Q' ||
		    ch == '\r' || ch == '\n' || ch == KEY_ENTER || ch == ' ' ||
		    ch == 27) {
			if (ask)
				run_halt_why(run, NULL);
			return;
		}
		if ((ch == KEY_DOWN || ch == 'j') && scroll < total - rows)
			scroll++;
		else if ((ch == KEY_UP || ch == 'k') && scroll > 0)
			scroll--;
		else if (ch == KEY_NPAGE)
			scroll = scroll + rows < total - rows ? scroll + rows :
			    (total - rows > 0 ? total - rows : 0);
		else if (ch == KEY_PPAGE)
			scroll = scroll > rows ? scroll - rows : 0;
	}
}


/*
 * The note after a screening "yes" (run_screen_message, which says what
 * screen_advice() says for the question's urgency) wrapped at word
 * boundaries into lines of at most width bytes, then "Press any
 * key.". A translation or the question quoted (a "yes" from earlier today)
 * is UTF-8: a word longer than a line is cut between characters, and a
 * line with letters of two bytes or more is only narrower. Returns the
 * number of lines.
 */
static size_t
ui_screen_lines(const struct run *run, char buf[][UI_SCREEN_W + 1],
    size_t width, size_t max, const char **lines)
{
	char	 msg[1024], *p, *end;
	size_t	 n = 0, len, w;

	run_screen_message(run, msg, sizeof msg);
	for (p = msg; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	for (p = msg; *p != '\0' && n + 1 < max; ) {
		while (*p == ' ')
			p++;
		len = strlen(p);
		w = len <= width ? len : width;
		if (w < len) {
			for (end = p + w; end > p && *end != ' '; end--)
				continue;
			if (end > p)
				w = (size_t)(end - p);
			else
				while (w > 1 && ((unsigned char)p[w] & 0xc0) ==
				    0x80)
					w--;
		}
		memcpy(buf[n], p, w);
		buf[n][w] = '\0';
		lines[n] = buf[n];
		n++;
		p += w;
	}
	lines[n++] = _("Press any key.");
	return n;
}

/* Screened out: the note in a box until a key; queued for after too. */
void
ui_screened_out(struct run *run)
{
	const char	*lines[20];
	char		 msg[1024], wrapped[20][UI_SCREEN_W + 1];
	size_t		 nl, w;
	int		 ch;

	run_screen_message(run, msg, sizeof msg);
	run_queue(run, "%s", msg);
	do {
		/*
		 * As wide as the screen lets it, wrapped again at each
		 * resize (cut to a smaller screen, its words were lost).
		 */
		w = COLS - 8 > UI_SCREEN_W ? UI_SCREEN_W :
		    COLS - 8 > UI_SCREEN_MIN ? (size_t)COLS - 8 :
		    UI_SCREEN_MIN;
		nl = ui_screen_lines(run, wrapped, w, nitems(wrapped), lines);
		if (ui_draw_begin())
			ui_box(lines, nl, UI_WARN);
		refresh();
		ch = ui_key(-1);
	} while (ch == KEY_RESIZE || ch == UI_KEY_NONE);
}
