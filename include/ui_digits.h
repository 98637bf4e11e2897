/*
 * ui_digits: the session screen's countdown in big digits ("1:05"), five
 * rows high. Only ui_*.c files use it (it draws with curses).
 */
#ifndef KNEAD_UI_DIGITS_H
#define KNEAD_UI_DIGITS_H

/* Columns the big digits of text take at scale sc (1 or 2). */
int	ui_big_width(const char *text, int sc);
/*
 * Draw text in big digits at y,x, scale sc, in the UI_BIG role. With was
 * (what the last frame drew there, of the same shape: see below) only the
 * glyphs that differ from it are drawn; with NULL, all of them.
 */
void	ui_big(int y, int x, const char *text, int sc, const char *was);
/* Whether text can be drawn over was glyph by glyph: as long, its colons
 * in the same places. */
int	ui_big_same_shape(const char *text, const char *was);

#endif
