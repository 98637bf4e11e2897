/*
 * The program's messages in the user's language (glibc's libintl, text
 * domain "knead"), and knead's own spoken words in a routine's language.
 *
 * The screen follows the user's locale: LANGUAGE, then LC_ALL,
 * LC_MESSAGES and LANG; English when none of them names a language knead
 * has a catalogue for. The voice follows the routine's cues.lang, which
 * need not be the screen's: i18n_in() reads the catalogue of one named
 * language itself (the .mo file), without touching the locale or the
 * environment, so it works with no locale generated at all and from any
 * thread.
 *
 * The catalogues are found in the build tree when the binary runs from it
 * (build/locale beside ./knead, or beside build/test/knead), else in
 * KNEAD_LOCALEDIR ($(PREFIX)/share/locale); $KNEAD_LOCALEDIR overrides.
 */
#ifndef KNEAD_I18N_H
#define KNEAD_I18N_H

#include <libintl.h>
#include <stddef.h>

#define KNEAD_DOMAIN	"knead"

/* A message for the screen; N_() marks one for a table, _() at use. */
#define _(s)		gettext(s)
#define N_(s)		(s)
/* msgctxt "ctx" in the catalogue: the same English, another meaning. */
#define C_(ctx, s)	i18n_pgettext(ctx "\004" s, s)
/* Marks a message with a context for a table, translated later. */
#define NC_(ctx, s)	(s)

/*
 * Set the locale from the environment (numbers stay "C": machine formats
 * must not get a decimal comma), bind the text domain to the catalogue
 * folder in UTF-8; only the characters' locale when no catalogue can
 * apply (i18n_may_translate). Called once, first thing.
 */
void		 i18n_init(void);
/* 0 when no catalogue can apply (every message stays English), else 1. */
int		 i18n_may_translate(void);
/*
 * A count in words, "3 errors", into buf: fmt is a ngettext() of one
 * %zu (xgettext finds its two forms there). Returns buf.
 */
const char	*i18n_count(const char *fmt, size_t n, char *buf, size_t len);
/* The folder holding LANG/LC_MESSAGES/knead.mo. */
const char	*i18n_dir(void);
/* pgettext: the translation of "ctx\004msgid", else msgid. */
const char	*i18n_pgettext(const char *key, const char *msgid);
/*
 * msgid in language lang (a tag: "fr", "fr-CA", "de_AT.UTF-8": its primary
 * subtag), from that language's catalogue; msgid itself when lang is
 * English, has no catalogue or the catalogue lacks it. ctx, when not NULL,
 * is the message's msgctxt.
 */
const char	*i18n_in(const char *lang, const char *ctx, const char *msgid);
/*
 * msgid in lang as i18n_in() gives it, or in the screen's language (_())
 * when lang is NULL: one message shown, or said in a routine's language.
 */
const char	*i18n_for(const char *lang, const char *msgid);
/* The same, NULL when the catalogue lacks the message (tests, checks). */
const char	*i18n_find(const char *lang, const char *ctx,
    const char *msgid);
/*
 * Whether knead has a catalogue for lang's primary subtag ("en" always):
 * then the two-letter subtag, lower case, is copied to out (3 bytes).
 */
int		 i18n_has(const char *lang, char out[3]);
/*
 * The language the screen's messages are in (gettext's choice: LANGUAGE,
 * LC_ALL, LC_MESSAGES, LANG), as a two-letter tag; "en" when none. The one
 * rule for "the screen's language": knead's spoken words follow it too
 * (words_pick), so they are never a second guess of gettext's.
 */
void		 i18n_screen_lang(char out[3]);
/* The languages knead is translated into, "en" first, NULL-terminated. */
const char *const *i18n_langs(void);

#endif
