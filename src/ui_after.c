/*
 * The day-after question on the screen (issue 12), asked once when knead
 * starts (the home screen, `knead run`) 12 to 48 h after the last session
 * that did work, and the follow-up check-ins ("Is it still sore?") about
 * areas rated sore (history_after.c decides; aftercare.c has the words). One
 * area at a time: 0-9, x for 10, Enter skips the area, s or q skips the
 * rest. The answers, or the skip, are kept at once.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "frontend.h"
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ncurses.h>

#include "aftercare.h"
#include "history.h"
#include "i18n.h"

/* Draw the question about area i of d. */
static void
after_draw(const struct after_due *d, size_t i)
{
	char	buf[256];

	if (!ui_draw_begin()) {
		refresh();
		return;
	}
	ui_role(UI_TITLE);
	ui_put(0, 0, COLS, "knead");
	ui_role(UI_KIND);
	snprintf(buf, sizeof buf, d->v[i].followup ? _("STILL SORE? "
	    "(%zu/%zu)") : _("THE DAY AFTER (%zu/%zu)"), i + 1, d->n);
	ui_put(2, 0, COLS, buf);
	ui_role(UI_NORMAL);
	aftercare_question(&d->v[i], buf, sizeof buf);
	ui_wrap(4, 0, COLS, 3, buf);
	ui_role(UI_DIM);
	ui_wrap(7, 0, COLS, 2, _(aftercare_scale));
	ui_role(UI_TITLE);
	ui_wrap(9, 0, COLS, 2, _("0-9, x = 10   Enter skip   s skip all"));
	ui_role(UI_NORMAL);
	refresh();
}

/* Show what the answers mean until a key. */
static void
after_verdict(const char *msg)
{
	int	ch;

	do {
		if (ui_draw_begin()) {
			ui_role(UI_KIND);
			ui_put(2, 0, COLS, _("THE DAY AFTER"));
			ui_role(UI_NORMAL);
			ui_wrap(4, 0, COLS, LINES - 6, msg);
			ui_role(UI_DIM);
			ui_put(LINES - 1, 0, COLS, _("press any key"));
			ui_role(UI_NORMAL);
		}
		refresh();
		ch = ui_key(-1);
	} while (ch == KEY_RESIZE || ch == UI_KEY_NONE);
}

/* Ask, keep, say (see frontend.h). */
void
ui_after_ask(struct history *h)
{
	struct after_due	 d;
	char			 msg[512], *cause = NULL;
	int			 ratings[AFTER_MAX], ch;
	size_t			 i;

	if (h == NULL || history_after_due(h, &d, &cause) != 0 || d.n == 0) {
		free(cause);
		return;
	}
	for (i = 0; i < d.n; i++)
		ratings[i] = -1;
	for (i = 0; i < d.n; i++) {
		after_draw(&d, i);
		ch = ui_key(-1);
		if (ch == KEY_RESIZE || ch == UI_KEY_NONE) {
			i--;
			continue;
		}
		if (ch == UI_KEY_SIGNAL || ch == 's' || ch == 'S' ||
		    ch == 'q' || ch == 27)
			break;
		if (ch >= '0' && ch <= '9')
			ratings[i] = ch - '0';
		else if (ch == 'x' || ch == 'X')
			ratings[i] = 10;
		else if (ch != '\r' && ch != '\n' && ch != KEY_ENTER &&
		    ch != ' ')
			i--;	/* not an answer: ask again */
	}
	if (history_after_save(h, &d, ratings, &cause) != 0) {
		snprintf(msg, sizeof msg, _("history: %s"), cause);
		free(cause);
	} else
		aftercare_verdict(&d, ratings, msg, sizeof msg);
	if (msg[0] != '\0' && !ui_signalled())
		after_verdict(msg);
}
