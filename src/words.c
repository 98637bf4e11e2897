/*
 * knead's own spoken words, per language (see words.h).
 *
 * The English words are below; every other language's are in its gettext
 * catalogue (po/LL.po), under the message context "spoken" for the
 * sentences and the areas' display names for the areas, so that the
 * screen and the voice say the same words. The voice language is the
 * routine's, not the screen's: the words are read from the catalogue of
 * that language by i18n_in(), whatever the locale. The routine's `say`
 * texts are the routine author's and are never translated.
 *
 * To add a language: add po/LL.po (msginit, then translate every message;
 * `make check-po` says what is missing) and run the unit tests
 * (tests/unit/test_words.c checks that every spoken word is there). The
 * side phrases follow "side" as a noun in the language ("côté" m.,
 * "Seite" f., "lado" m.), so they agree with it and not with the area.
 * espeak-ng must have a voice for the language.
 */
#include "words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "compat.h"
#include "i18n.h"
#include "xmalloc.h"

#define WORDS_MAXLANG	16

static const struct words words_english = {
	"en", "en",
	/* TRANSLATORS: spoken: imperative, capitalised, no full stop. */
	{ NC_("spoken", "Position"), NC_("spoken", "Press"),
	  NC_("spoken", "Roll"), NC_("spoken", "Stretch"),
	  NC_("spoken", "Contract"), NC_("spoken", "Relax"),
	  NC_("spoken", "Stretch"), NC_("spoken", "Breathe"),
	  NC_("spoken", "Rest"), NC_("spoken", "Switch sides"),
	  NC_("spoken", "Release"), NC_("spoken", "Move"),
	  NC_("spoken", "Next") },
	/* TRANSLATORS: spoken after the area's name; agrees with "side". */
	NC_("spoken", ", left side"), NC_("spoken", ", right side"),
	/* xgettext:c-format */
	NC_("spoken", "Rep %d of %d."),
	/* TRANSLATORS: spoken in a live session: the Enter key ends the hold. */
	/* xgettext:c-format */
	NC_("spoken", "Hold until it softens, then press Enter; at most %d "
	    "seconds."),
	/* TRANSLATORS: spoken in a recording, where no key can end the hold:
	   it lasts its longest time, %d seconds from the line's start. */
	/* xgettext:c-format */
	NC_("spoken", "Hold until it softens, then ease off: the next step "
	    "starts in %d seconds."),
	NC_("spoken", "Ten seconds."),
	/* TRANSLATORS: spoken: a roll's set, a contract-relax's cycle. */
	/* xgettext:c-format */
	NC_("spoken", "Set %d of %d."),
	/* xgettext:c-format */
	NC_("spoken", "Cycle %d of %d."),
	/* TRANSLATORS: spoken between a step's two sides: which side the
	   user turns to (the short form is "Switch sides."). */
	NC_("spoken", "Switch to the left side."),
	NC_("spoken", "Switch to the right side.")
};

static struct words	 words_tables[WORDS_MAXLANG];
static const struct words *words_list[WORDS_MAXLANG + 1];
static size_t		 words_n;
static char		 words_lock;	/* spin lock: rare, short */

/* The English words. */
const struct words *
words_en(void)
{
	return &words_english;
}

/* The table of language code ("fr"), filled from its catalogue once. */
static const struct words *
words_table(const char *code)
{
	struct words	*w = NULL;
	size_t		 i;

	if (strcmp(code, "en") == 0)
		return &words_english;
	while (__atomic_test_and_set(&words_lock, __ATOMIC_ACQUIRE))
		;
	for (i = 0; i < words_n; i++)
		if (strcmp(words_tables[i].lang, code) == 0)
			w = &words_tables[i];
	if (w == NULL && words_n < nitems(words_tables)) {
		w = &words_tables[words_n++];
		snprintf(w->code, sizeof w->code, "%s", code);
		w->lang = w->code;
		for (i = 0; i < WORDS_NKIND; i++)
			w->kind[i] = i18n_in(code, "spoken",
			    words_english.kind[i]);
		w->left = i18n_in(code, "spoken", words_english.left);
		w->right = i18n_in(code, "spoken", words_english.right);
		w->rep = i18n_in(code, "spoken", words_english.rep);
		w->until_release = i18n_in(code, "spoken",
		    words_english.until_release);
		w->until_release_rec = i18n_in(code, "spoken",
		    words_english.until_release_rec);
		w->ten_seconds = i18n_in(code, "spoken",
		    words_english.ten_seconds);
		w->set = i18n_in(code, "spoken", words_english.set);
		w->cycle = i18n_in(code, "spoken", words_english.cycle);
		w->switch_left = i18n_in(code, "spoken",
		    words_english.switch_left);
		w->switch_right = i18n_in(code, "spoken",
		    words_english.switch_right);
	}
	__atomic_clear(&words_lock, __ATOMIC_RELEASE);
	return w != NULL ? w : &words_english;
}

/* Said before a routine whose tones pace the breathing (words_preamble). */
static const char words_paced[] = NC_("spoken", "Tones pace your "
    "breathing: breathe in at the rising tone, out at the falling one.");

const char *
words_tones(const struct words *w)
{
	return i18n_in(w->lang, "spoken", words_paced);
}

/* Every language with a catalogue, NULL-terminated, English first. */
const struct words *const *
words_all(void)
{
	const char *const	*l;
	const struct words	*w;
	size_t			 n = 0;
	char			 code[3];

	for (l = i18n_langs(); *l != NULL && n < WORDS_MAXLANG; l++)
		if (i18n_has(*l, code) && (w = words_table(code)) != NULL)
			words_list[n++] = w;
	words_list[n] = NULL;
	return words_list;
}

/* The table whose language is the primary subtag of tag, or NULL. */
const struct words *
words_find(const char *tag)
{
	char	code[3];

	if (!i18n_has(tag, code))
		return NULL;
	return words_table(code);
}

/* The first of LC_ALL, LC_MESSAGES, LANG that is set and not empty. */
const char *
words_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char	*v;
	size_t		 i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return v;
	return NULL;
}

/* Whether a locale name stands for no language. */
int
words_locale_is_c(const char *l)
{
	return l == NULL || *l == '\0' || strcmp(l, "C") == 0 ||
	    strncmp(l, "C.", 2) == 0 || strcmp(l, "POSIX") == 0;
}

/*
 * The screen's language: the one its messages are actually in, as gettext
 * chose it (i18n_screen_lang), never a second guess from the environment.
 */
static const struct words *
words_screen(void)
{
	char	code[3];

	i18n_screen_lang(code);
	return words_find(code);
}

/* cues.lang's table, else the screen's language's, else English. */
const struct words *
words_pick(const char *cues_lang)
{
	const struct words	*w;

	if (cues_lang != NULL && *cues_lang != '\0')
		w = words_find(cues_lang);
	else
		w = words_screen();
	return w != NULL ? w : &words_english;
}

/*
 * Capitalise the first letter of buf: ASCII, and the Latin-1 letters
 * written as two UTF-8 bytes (é -> É, ü -> Ü), which cover French,
 * German and Spanish.
 */
static void
words_capital(char *buf)
{
	unsigned char	*b = (unsigned char *)buf;

	if (b[0] >= 'a' && b[0] <= 'z')
		b[0] = (unsigned char)(b[0] - 'a' + 'A');
	else if (b[0] == 0xc3 && b[1] >= 0xa0 && b[1] <= 0xbe && b[1] != 0xb7)
		b[1] = (unsigned char)(b[1] - 0x20);
}

/*
 * Copy s into buf (len bytes), cut at a character's start, never inside
 * one; the bytes written.
 */
static size_t
words_copy(char *buf, size_t len, const char *s)
{
	size_t		n, i;
	unsigned char	c;

	if (len == 0)
		return (0);
	snprintf(buf, len, "%s", s);
	n = strlen(buf);
	if (n < strlen(s) && n > 0) {
		i = n - 1;
		while (i > 0 && ((unsigned char)buf[i] & 0xc0) == 0x80)
			i--;
		c = (unsigned char)buf[i];
		if (c >= 0x80 && i + (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2) > n) {
			buf[i] = '\0';
			n = i;
		}
	}
	return (n);
}

/* An area's name in w, capitalised; English when w lacks it. */
void
words_area(const struct words *w, const struct area *a, char *buf,
    size_t len)
{
	if (len == 0)
		return;
	(void)words_copy(buf, len, i18n_in(w->lang, NULL, a->name));
	words_capital(buf);
}

size_t
words_preamble(const struct words *w, const struct words_pre *pre, int said,
    char *buf, size_t len)
{
	char	*nb = NULL, *keep = NULL;
	size_t	 off = 0, i, nlen = 0;

	if (len == 0)
		return (0);
	buf[0] = '\0';
	/* The tones, the note and the safety notes: they never give way. */
	if (pre->paced)
		xasprintf(&nb, "\n%s", words_tones(w));
	if (pre->homework && pre->note != NULL && pre->note[0] != '\0') {
		/* %s: what comes before, then a newline. */
		xasprintf(&keep, "%s\n", nb != NULL ? nb : "");
		free(nb);
		xasprintf(&nb, i18n_in(w->lang, NULL, N_("%sNote from %s: %s")),
		    keep, pre->by != NULL ? pre->by : i18n_in(w->lang, NULL,
		    N_("your therapist")), pre->note);
		free(keep);
		keep = NULL;
	}
	if (pre->safety != NULL && pre->safety[0] != '\0')
		xasprintf(&keep, "%s\n%s", nb != NULL ? nb : "", pre->safety);
	else if (nb != NULL)
		keep = xstrdup(nb);
	if (keep != NULL) {
		nlen = strlen(keep);
		if (nlen > len - 1)
			nlen = len - 1;
	}
	if (pre->summary != NULL && pre->summary[0] != '\0') {
		/* A summary too long for the rest is cut to leave the notes
		 * their room (knead validate warns about such a summary). */
		off = words_copy(buf, len - nlen, pre->summary);
		/* A folded YAML block ends with a newline: not a line. */
		while (off > 0 && (buf[off - 1] == '\n' ||
		    buf[off - 1] == ' '))
			buf[--off] = '\0';
	}
	if (keep != NULL)
		off += words_copy(buf + off, len - off, off > 0 ? keep :
		    keep + 1);
	free(keep);
	free(nb);
	while (off > 0 && (buf[off - 1] == '\n' || buf[off - 1] == ' '))
		buf[--off] = '\0';
	for (i = 0; said && i < off; i++)
		if (buf[i] == '\n')
			buf[i] = ' ';
	return (off);
}
