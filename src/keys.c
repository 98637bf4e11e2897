/*
 * keys: the session's key table (keys.h). A key's action and its help line
 * are written here once; the screen, --plain, `knead run --help` and the
 * man page say the same (tests/e2e/docs.sh compares them).
 */
#include "keys.h"

#include <stdio.h>

#include "compat.h"
#include "i18n.h"

static const struct {
	int		 ch;
	enum key_act	 act;
} keys_table[] = {
	{ ' ', KEY_ACT_SPACE },
	{ '\r', KEY_ACT_RELEASE },
	{ '\n', KEY_ACT_RELEASE },
	{ KEYS_ENTER, KEY_ACT_RELEASE },
	{ 'p', KEY_ACT_PAUSE },
	{ 'n', KEY_ACT_NEXT },
	{ KEYS_RIGHT, KEY_ACT_NEXT },
	{ 'b', KEY_ACT_BACK },
	{ KEYS_LEFT, KEY_ACT_BACK },
	{ '+', KEY_ACT_PLUS10 },
	{ '=', KEY_ACT_PLUS10 },
	{ KEYS_UP, KEY_ACT_PLUS10 },
	{ '-', KEY_ACT_MINUS10 },
	{ '_', KEY_ACT_MINUS10 },
	{ KEYS_DOWN, KEY_ACT_MINUS10 },
	{ '!', KEY_ACT_STOP_NOW },
	{ 'q', KEY_ACT_QUIT },
	{ 'Q', KEY_ACT_QUIT },
	{ 'm', KEY_ACT_MUTE },
	{ 'v', KEY_ACT_VOICE },
	{ '?', KEY_ACT_HELP },
	{ 'h', KEY_ACT_HELP },
};

/* Short lines, so the screen's help box fits a 40x12 terminal whole. */
static const struct key_help keys_helps[] = {
	{ "space p", N_("pause / resume"),
	    N_("pause / resume (so does an empty line)") },
	{ "Enter", N_("end a hold until release"), NULL },
	{ "", N_("(so does space)"), NULL },
	{ "n  b", N_("next / back (right, left)"), N_("next / back") },
	{ "+  -", N_("add / remove 10 s (up, down)"), N_("add / remove 10 s") },
	{ "m  v", N_("mute / voice on or off"), NULL },
	{ "!", N_("STOP NOW: pain, numbness"), NULL },
	{ "q", N_("quit (asks to confirm)"), NULL },
	{ "0-9 x", N_("when asked: pain, x is 10"), NULL },
	{ "?  h", N_("help; any key closes it"), N_("these keys") },
};

enum key_act
keys_action(int ch)
{
	size_t	i;

	for (i = 0; i < nitems(keys_table); i++)
		if (keys_table[i].ch == ch)
			return keys_table[i].act;
	return KEY_ACT_NONE;
}

const struct key_help *
keys_help(size_t *n)
{
	*n = nitems(keys_helps);
	return keys_helps;
}

const char *
keys_line(void)
{
	static char	 line[512];
	const char	*what;
	size_t		 i, at = 0;
	int		 w;

	if (line[0] != '\0')
		return line;
	for (i = 0; i < nitems(keys_helps); i++) {
		what = _(keys_helps[i].plain != NULL ? keys_helps[i].plain :
		    keys_helps[i].what);
		if (keys_helps[i].keys[0] == '\0')
			w = snprintf(line + at, sizeof line - at, " %s", what);
		else
			w = snprintf(line + at, sizeof line - at, "%s%s %s",
			    i == 0 ? "" : "; ", keys_helps[i].keys, what);
		if (w < 0 || (size_t)w >= sizeof line - at)
			break;
		at += (size_t)w;
	}
	return line;
}
