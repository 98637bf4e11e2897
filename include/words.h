/*
 * knead's own spoken words ("Press. Upper trapezius, left side.", "Ten
 * seconds."), one table per language: English, French, German, Spanish.
 * English here, the other languages from their gettext catalogues (the
 * same words the screen shows, i18n.h); no espeak-ng, no ncurses.
 */
#ifndef KNEAD_WORDS_H
#define KNEAD_WORDS_H

#include <stddef.h>

struct area;

/* The kind words, by enum plan_kind (plan.h), then "Next" for the rest. */
#define WORDS_NKIND	13

struct words {
	const char	*lang;		/* primary language subtag: "fr" */
	char		 code[3];	/* lang's storage (filled tables) */
	/* Each capitalised to start a sentence, without the full stop. */
	const char	*kind[WORDS_NKIND];
	const char	*left;		/* ", left side" */
	const char	*right;		/* ", right side" */
	/* The one format string: exactly two %d, rep then count. */
	const char	*rep;		/* "Rep %d of %d." */
	/* Exactly one %d, the hold's longest time in seconds. Live: */
	const char	*until_release;	/* "... then press Enter; at most %d seconds." */
	/* In a recording (no key ends the hold: it lasts its longest): */
	const char	*until_release_rec; /* "... the next step starts in %d seconds." */
	const char	*ten_seconds;	/* "Ten seconds." */
	/* Exactly two %d, the set or cycle then their count: */
	const char	*set;		/* "Set %d of %d." */
	const char	*cycle;		/* "Cycle %d of %d." */
	/* A switch of sides' full line, by the side it goes to: */
	const char	*switch_left;	/* "Switch to the left side." */
	const char	*switch_right;	/* "Switch to the right side." */
};

/* The English words. */
const struct words *words_en(void);
/*
 * The table for a language tag by its primary language ("fr-CA", "fr_BE"
 * and "FR" are French), or NULL when knead has no catalogue for it.
 */
const struct words *words_find(const char *tag);
/*
 * The words a routine's lines are said in: its cues.lang when set (English
 * when knead has no table for it), else the language the screen's messages
 * are in (i18n_screen_lang: gettext's own choice, after i18n_init), else
 * English.
 */
const struct words *words_pick(const char *cues_lang);
/*
 * The user's locale for messages: the first of LC_ALL, LC_MESSAGES, LANG
 * that is set and not empty, or NULL ("fr_FR.UTF-8", "C"). Not the screen's
 * language (words_pick is): the voice's guess for a routine's own text in
 * a language knead has no catalogue for (speech.c).
 */
const char	*words_locale(void);
/* 1 when a locale name means no language: NULL, "", "C", "C.UTF-8", "POSIX". */
int		 words_locale_is_c(const char *);
/* Every language with a table, NULL-terminated ("en", "fr", ...). */
const struct words *const *words_all(void);
/*
 * The spoken name of area a in w (the catalogue's translation of its
 * display name), capitalised, into buf (always terminated, never cut
 * inside a character); the English name when w has none for it.
 */
void		 words_area(const struct words *w, const struct area *a,
		    char *buf, size_t len);
/*
 * The buffer the intro and a recording give words_preamble, and what a
 * summary gets of it beside a note of ordinary length (the note is kept
 * whole first: safety advice, often).
 */
#define WORDS_PREAMBLE_MAX	2048
#define SUMMARY_SAID_BYTES	1000
/* What a preamble is made of (each may be NULL). */
struct words_pre {
	const char	*summary;	/* the routine's */
	int		 homework;	/* it has a homework block: */
	const char	*by;		/* its prescriber */
	const char	*note;		/* and note */
	const char	*safety;	/* lines for the user's safety, in the
					   language they are shown or said in */
	int		 paced;		/* tones pace breathing (plan_paced) */
};
/* What the breathing tones mean, in w's language (the preamble says it). */
const char	*words_tones(const struct words *w);
/*
 * What is said before a routine's session, and before a recording of it:
 * its summary, what the breathing tones mean when it has them, then a
 * homework's "Note from BY: NOTE" in w's language ("your therapist" with
 * no by), then the safety lines, into buf: lines
 * split by a newline, or with said, one line to speak (every newline a
 * space). A long summary is cut, never the note or the safety lines.
 * Returns its length (0: nothing to say).
 */
size_t		 words_preamble(const struct words *w,
		    const struct words_pre *pre, int said, char *buf,
		    size_t len);

#endif
