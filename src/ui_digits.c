/*
 * The countdown's big digits (ui_digits.h): a 4x5 font of 0-9 and the
 * colon, drawn with block characters at scale 1 or 2, whole or only the
 * glyphs that changed since the last frame.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "ui_digits.h"

#include <string.h>
#include <wchar.h>

#include <ncurses.h>

#include "compat.h"
#include "ui.h"

/* The font: 4 columns by 5 rows each; '#' is a block. */
static const char *const ui_font[11][5] = {
	{ "####", "#  #", "#  #", "#  #", "####" },
	{ " ## ", "  # ", "  # ", "  # ", " ###" },
	{ "####", "   #", "####", "#   ", "####" },
	{ "####", "   #", " ###", "   #", "####" },
	{ "#  #", "#  #", "####", "   #", "   #" },
	{ "####", "#   ", "####", "   #", "####" },
	{ "####", "#   ", "####", "#  #", "####" },
	{ "####", "   #", "  # ", " #  ", " #  " },
	{ "####", "#  #", "####", "#  #", "####" },
	{ "####", "#  #", "####", "   #", "####" },
	{ " ", "#", " ", "#", " " },	/* colon */
};

/* Columns glyph c takes at scale sc, with the space after it. */
static int
ui_glyph_cols(char c, int sc)
{
	return ((c == ':' ? 1 : 4) * sc + sc);
}

/* Columns the big digits of text take at scale sc. */
int
ui_big_width(const char *text, int sc)
{
	int	w = 0;

	for (; *text != '\0'; text++)
		w += ui_glyph_cols(*text, sc);
	return (w - sc);
}

/*
 * Draw text ("1:05") in big digits at y,x, one addnwstr per row and run of
 * glyphs drawn. With was (text's last frame there, as long, its colons in
 * the same places) only the glyphs that differ from it are drawn.
 */
void
ui_big(int y, int x, const char *text, int sc, const char *was)
{
	wchar_t		 block = ui_utf8() ? L'\u2588' : L'#';
	const char	*row;
	wchar_t		 buf[512];
	size_t		 n, g, i;
	int		 r, k, cols, at;

	ui_role(UI_BIG);
	for (r = 0; r < 5; r++) {
		n = 0;
		cols = at = x;
		for (i = 0; text[i] != '\0'; i++) {
			g = text[i] == ':' ? 10 : (size_t)(text[i] - '0');
			if (g > 10)
				continue;
			if (was != NULL && was[i] == text[i]) {
				/* Unchanged: flush the run before it. */
				if (n > 0)
					mvaddnwstr(y + r, at, buf, (int)n);
				n = 0;
				cols += ui_glyph_cols(text[i], sc);
				at = cols;
				continue;
			}
			for (row = ui_font[g][r]; *row != '\0'; row++) {
				for (k = 0; k < sc && cols < COLS &&
				    n < nitems(buf); k++, cols++)
					buf[n++] = *row == '#' ? block : L' ';
			}
			for (k = 0; k < sc && cols < COLS && n < nitems(buf);
			    k++, cols++)
				buf[n++] = L' ';
		}
		if (n > 0)
			mvaddnwstr(y + r, at, buf, (int)n);
	}
	ui_role(UI_NORMAL);
}

/* Whether big digits of text can be drawn over was glyph by glyph. */
int
ui_big_same_shape(const char *text, const char *was)
{
	size_t	i;

	if (strlen(text) != strlen(was) || was[0] == '\0')
		return (0);
	for (i = 0; text[i] != '\0'; i++)
		if ((text[i] == ':') != (was[i] == ':'))
			return (0);
	return (1);
}
