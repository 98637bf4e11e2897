/*
 * The home screen's lines of text: what is typed into them (the filter,
 * the override's reason) with the erase keys of readline and the shells
 * (Backspace a character, Ctrl-W the last word, Ctrl-U all of it); the
 * keys line at the bottom, fitted to the width; and the line under the
 * title that says how many routine files could not be loaded (the list
 * shows only those that were) and which command says why.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "ui.h"
#include "ui_home.h"

#include <stdio.h>
#include <string.h>

#include <ncurses.h>

#include "compat.h"
#include "diag.h"
#include "i18n.h"
#include "library.h"
#include "shword.h"
#include "utf8.h"

#define HOME_CTRL_U	0x15
#define HOME_CTRL_W	0x17

int
home_printable(int ch)
{
	return (ch >= 0x20 && ch < 0x100 && ch != 0x7f);
}

void
home_append(char *s, size_t len, int ch)
{
	size_t		n = strlen(s), k, need = 1;
	unsigned char	c = (unsigned char)ch;

	if ((c & 0xc0) == 0x80) {
		/* Only into a character begun and not yet whole. */
		for (k = n; k > 0 && ((unsigned char)s[k - 1] & 0xc0) == 0x80;
		    k--)
			;
		if (k == 0 || n - (k - 1) >= utf8_lead_len((unsigned char)
		    s[k - 1]))
			return;
	} else if (c >= 0x80 && (need = utf8_lead_len(c)) == 0)
		return;
	/* A character's first byte goes in only with room for all of it. */
	if (n + need < len) {
		s[n] = (char)c;
		s[n + 1] = '\0';
	}
}

int
home_erase_key(int ch)
{
	return (ch == KEY_BACKSPACE || ch == 0x7f || ch == 8 ||
	    ch == HOME_CTRL_W || ch == HOME_CTRL_U);
}

/* Erase the last character, the last word (^W) or all (^U) of s. */
void
home_erase(char *s, int ch)
{
	size_t	n = strlen(s);

	if (ch == HOME_CTRL_U)
		n = 0;
	else if (ch == HOME_CTRL_W) {
		/* As readline's unix-word-rubout: the spaces, then the word. */
		while (n > 0 && s[n - 1] == ' ')
			n--;
		while (n > 0 && s[n - 1] != ' ')
			n--;
	} else {
		/* The last UTF-8 character: its continuation bytes first. */
		while (n > 0 && ((unsigned char)s[n - 1] & 0xc0) == 0x80)
			n--;
		if (n > 0)
			n--;
	}
	s[n] = '\0';
}

/*
 * The keys line, longest first: the first that fits is drawn, so a narrow
 * terminal loses the filter's explanation and Tab before Enter and Esc.
 * With a filter typed Esc clears it (and Ctrl-U too), not quits.
 */
static const char *const home_keys_empty[] = {
	N_("type to filter (<10: 10 min or less)  Enter start  "
	    "Tab skip resting  Esc quit"),
	N_("type: filter  Enter start  Tab skip resting  Esc quit"),
	N_("Enter start  Tab skip resting  Esc quit"),
	N_("Enter start  Esc quit"),
};
static const char *const home_keys_typed[] = {
	N_("Enter start  Tab skip resting  ^W erase a word  "
	    "^U or Esc clear the filter"),
	N_("Enter start  Tab skip resting  ^W word  ^U/Esc clear"),
	N_("Enter start  Tab skip resting  Esc clear"),
	N_("Enter start  Esc clear"),
};

/* Under a refusal's panel: its choices are the panel's letters. */
static const char *const home_keys_panel[] = {
	N_("a letter above, then Enter: choose   other keys: filter"),
	N_("letter, Enter: choose"),
	"",
};

/* The keys line for the filter as it is, the first form that fits. */
void
home_draw_keys(const struct home *hm)
{
	const char *const	*v = home_keys_empty;
	const char		*s = NULL;
	size_t			 i, n = nitems(home_keys_empty);

	if (hm->refused >= 0 && hm->nwhy > 0 && !hm->reasoning) {
		v = home_keys_panel;
		n = nitems(home_keys_panel);
	} else if (hm->filter[0] != '\0') {
		v = home_keys_typed;
		n = nitems(home_keys_typed);
	}
	for (i = 0; i < n; i++) {
		s = *v[i] != '\0' ? _(v[i]) : "";	/* _("") is the header */
		if (ui_width(s) <= COLS)
			break;
	}
	ui_role(UI_DIM);
	ui_put(LINES - 1, 0, COLS, s);
	ui_role(UI_NORMAL);
}

/* How many files of the library failed, and the command that says why. */
void
home_bad_setup(struct home *hm)
{
	char	word[1024];
	size_t	i, n;
	int	from_dir = 0;

	hm->nbad = library_invalid(hm->lib, &from_dir);
	n = (size_t)snprintf(hm->badhow, sizeof hm->badhow, "knead list");
	/* Its folders, when a file there is one: the library as it ran. */
	for (i = 0; from_dir && i < hm->lib->ndirs && n < sizeof hm->badhow;
	    i++) {
		sh_word(hm->lib->dirs[i], word, sizeof word);
		n += (size_t)snprintf(hm->badhow + n, sizeof hm->badhow - n,
		    " --routines %s", word);
	}
	diag_clean(hm->badhow, hm->badhow, sizeof hm->badhow);
}

/* Row 1: the files that could not be loaded, the count first. */
void
home_draw_bad(const struct home *hm)
{
	char	buf[sizeof hm->badhow + 128];

	if (hm->nbad == 0)
		return;
	snprintf(buf, sizeof buf, ngettext("%zu routine file could not be "
	    "loaded (%s says why)", "%zu routine files could not be loaded "
	    "(%s says why)", hm->nbad), hm->nbad, hm->badhow);
	/* Too wide: the short form (the count survives a cut at the edge). */
	if (ui_width(buf) > COLS)
		snprintf(buf, sizeof buf, ngettext("%zu file not loaded: %s",
		    "%zu files not loaded: %s", hm->nbad), hm->nbad,
		    hm->badhow);
	ui_role(UI_WARN);
	ui_put(1, 0, COLS, buf);
	ui_role(UI_NORMAL);
}
