/*
 * The validator's wording rules (validate.h): what an instruction says
 * that a physiotherapist would send back, read as a user hears it with
 * the eyes closed.
 *
 * - a routine that puts the user on their back asks about pregnancy
 *   (DOMAIN.md 3.2: after the first trimester, lying flat on the back can
 *   press on the vena cava; clearance first);
 * - a two-sided step (side: both) starts on the left: its instruction, and
 *   the position just before it, must not leave the side to guess ("one
 *   calf", "one ankle over the other knee"), or the user starts on the
 *   leg the program does not time. English only: other languages have no
 *   word list here;
 * - a summary that states a length states the routine's (English).
 */
#include "validate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "i18n.h"
#include "plan.h"
#include "routine.h"
#include "xmalloc.h"

/* Lying on the back, by language; the question's words likewise. */
static const char *const supine_en[] = {
	"lie on your back", "lying on your back", "lie down on your back",
	"lie flat on your back", "lie back", "lying back", "lie face up",
	"supine", NULL
};
static const char *const supine_fr[] = {
	"sur le dos", "d\xc3\xa9" "cubitus dorsal", "decubitus dorsal", NULL
};
static const char *const supine_de[] = {
	"auf den r\xc3\xbc" "cken", "auf dem r\xc3\xbc" "cken",
	"r\xc3\xbc" "ckenlage", NULL
};
static const char *const supine_es[] = {
	"boca arriba", "de espaldas", "dec\xc3\xba" "bito supino", NULL
};
static const char *const pregnant_en[] = { "pregnan", NULL };
static const char *const pregnant_fr[] = { "enceinte", "grossesse", NULL };
static const char *const pregnant_de[] = { "schwanger", NULL };
static const char *const pregnant_es[] = { "embaraz", NULL };

/* "one calf": a body part a two-sided step must name by its side. */
static const char *const parts[] = {
	"calf", "foot", "thigh", "hip", "buttock", "ankle", "knee", "leg",
	"arm", "shoulder", "forearm", "side", "heel", "sole", NULL
};

/* Does s hold one of keys? */
static int
wany(const char *s, const char *const *keys)
{
	size_t	k;

	for (k = 0; keys[k] != NULL && s != NULL; k++)
		if (strcasestr(s, keys[k]) != NULL)
			return 1;
	return 0;
}

/* Where a step's text is (its say: value, or the step). */
static struct src_pos
wpos(const struct rstep *s)
{
	struct src_pos	p = s->say.pos.line != 0 ? s->say.pos : s->pos;

	p.line += s->say.block != 0;
	return p;
}

/*
 * The first step that lies the user on the back when r asks no question
 * about pregnancy (in a language with word lists), else NULL.
 */
static const struct rstep *
supine_unasked(const struct routine *r)
{
	const char		*lang = r->cues.lang.s;
	const char *const	*lie = supine_en, *const *ask = pregnant_en;
	size_t			 i;

	if (lang != NULL && strncmp(lang, "fr", 2) == 0) {
		lie = supine_fr;
		ask = pregnant_fr;
	} else if (lang != NULL && strncmp(lang, "de", 2) == 0) {
		lie = supine_de;
		ask = pregnant_de;
	} else if (lang != NULL && strncmp(lang, "es", 2) == 0) {
		lie = supine_es;
		ask = pregnant_es;
	} else if (lang != NULL && strncmp(lang, "en", 2) != 0)
		return NULL;
	for (i = 0; i < r->nscreen; i++)
		if (wany(r->screen[i], ask))
			return NULL;
	for (i = 0; i < r->nsteps; i++)
		if (wany(r->steps[i].say.s, lie))
			return &r->steps[i];
	return NULL;
}

/* A routine that lies the user on the back asks about pregnancy. */
static void
check_supine(const struct routine *r, struct diag_list *dl)
{
	const struct rstep	*s = supine_unasked(r);

	if (s == NULL)
		return;
	diag_add(dl, DIAG_WARNING, r->path, wpos(s).line, wpos(s).col,
	    _("this instruction puts the user on their back: after the first "
	    "three months of pregnancy that can press on the great vein; add "
	    "to screen: \"Are you more than three months pregnant?\""));
}

/*
 * The warnings a user must still be told when the routine runs
 * (validate.h): lying on the back unasked, danger sites named unguarded.
 */
size_t
validate_user_notes(const struct routine *r, const char *lang, char ***out)
{
	size_t	n = 0;

	*out = NULL;
	if (supine_unasked(r) != NULL) {
		*out = xreallocarray(*out, n + 1, sizeof **out);
		(*out)[n++] = xstrdup(i18n_for(lang, N_("This routine has you "
		    "lie on your back. If you are more than three months "
		    "pregnant, do not lie flat on your back: ask your doctor "
		    "or midwife first.")));
	}
	return (validate_danger_notes(r, lang, out, n));
}

/* The same as "Note: " lines (validate.h). */
char *
validate_user_text(const struct routine *r, const char *lang)
{
	char	**v, *out = NULL, *t;
	size_t	  n, k;

	n = validate_user_notes(r, lang, &v);
	for (k = 0; k < n; k++) {
		xasprintf(&t, "%s%s%s%s", out != NULL ? out : "",
		    out != NULL ? "\n" : "", i18n_for(lang, N_("Note: ")), v[k]);
		free(out);
		free(v[k]);
		out = t;
	}
	free(v);
	return (out);
}

/* The first "one PART" at word boundaries in s, or NULL (part set). */
static const char *
one_part(const char *s, const char **part)
{
	const char	*p, *q;
	size_t		 k, m;

	for (p = s; (p = strcasestr(p, "one ")) != NULL; p++) {
		if (p > s && isalpha((unsigned char)p[-1]))
			continue;
		q = p + 4;
		for (k = 0; parts[k] != NULL; k++) {
			m = strlen(parts[k]);
			if (strncasecmp(q, parts[k], m) == 0 &&
			    !isalpha((unsigned char)q[m])) {
				*part = parts[k];
				return p;
			}
		}
	}
	return NULL;
}

/* Warn when step s's text says "one PART" before a two-sided step. */
static void
check_one_side(const struct routine *r, const struct rstep *s,
    struct diag_list *dl)
{
	const char	*part;

	if (s->say.s == NULL || one_part(s->say.s, &part) == NULL)
		return;
	diag_add(dl, DIAG_WARNING, r->path, wpos(s).line, wpos(s).col,
	    _("'one %s' leaves the side to guess: the two-sided step starts "
	    "on the left, so say 'your left %s' here, or 'the %s of the side "
	    "you work' in the step"), part, part, part);
}

/* Whether r's texts are English (cues.lang unset or en-*): the word lists. */
static int
wording_english(const struct routine *r)
{
	return (r->cues.lang.s == NULL ||
	    strncmp(r->cues.lang.s, "en", 2) == 0);
}

/* A whole number in figures or English words (up to sixty), or -1. */
static int
summary_number(const char *w, size_t len)
{
	static const struct { const char *w; int n; } words[] = {
		{ "one", 1 }, { "two", 2 }, { "three", 3 }, { "four", 4 },
		{ "five", 5 }, { "six", 6 }, { "seven", 7 }, { "eight", 8 },
		{ "nine", 9 }, { "ten", 10 }, { "eleven", 11 },
		{ "twelve", 12 }, { "thirteen", 13 }, { "fourteen", 14 },
		{ "fifteen", 15 }, { "sixteen", 16 }, { "seventeen", 17 },
		{ "eighteen", 18 }, { "nineteen", 19 }, { "twenty", 20 },
		{ "twenty-five", 25 }, { "thirty", 30 }, { "forty", 40 },
		{ "forty-five", 45 }, { "fifty", 50 }, { "sixty", 60 }
	};
	size_t	i;
	int	n = 0;

	if (len > 0 && len < 4 && isdigit((unsigned char)w[0])) {
		for (i = 0; i < len; i++) {
			if (!isdigit((unsigned char)w[i]))
				return -1;
			n = n * 10 + (w[i] - '0');
		}
		return n;
	}
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i].w) == len && strncasecmp(w, words[i].w,
		    len) == 0)
			return words[i].n;
	return -1;
}

/* The word of s at *at (letters, figures, '-'), its length; *at moved on. */
static size_t
summary_word(const char *s, size_t *at, const char **w)
{
	size_t	i = *at, n;

	while (s[i] != '\0' && !isalnum((unsigned char)s[i]))
		i++;
	*w = s + i;
	for (n = 0; isalnum((unsigned char)s[i + n]) || s[i + n] == '-'; n++)
		;
	*at = i + n;
	return n;
}

/* Whether the word w (len bytes) is one of keys, case aside. */
static int
summary_is(const char *w, size_t len, const char *const *keys)
{
	for (; *keys != NULL; keys++)
		if (strlen(*keys) == len && strncasecmp(w, *keys, len) == 0)
			return 1;
	return 0;
}

int
validate_summary_minutes(const char *s)
{
	static const char *const about[] = { "about", "around", "roughly",
	    "approximately", "some", NULL };
	static const char *const unit[] = { "minute", "minutes", "min",
	    "mins", NULL };
	const char	*w[3];
	size_t		 len[3], at = 0, k = 0;
	int		 n;

	if (s == NULL)
		return -1;
	/* The first two words: "Four minutes at the desk". */
	len[0] = summary_word(s, &at, &w[0]);
	len[1] = summary_word(s, &at, &w[1]);
	if (len[1] > 0 && summary_is(w[1], len[1], unit) &&
	    (n = summary_number(w[0], len[0])) > 0)
		return n;
	/* Else "about N minutes" anywhere. */
	at = 0;
	for (;;) {
		len[k % 3] = summary_word(s, &at, &w[k % 3]);
		if (len[k % 3] == 0)
			return -1;
		if (k >= 2 && summary_is(w[k % 3], len[k % 3], unit) &&
		    summary_is(w[(k - 2) % 3], len[(k - 2) % 3], about) &&
		    (n = summary_number(w[(k - 1) % 3], len[(k - 1) % 3])) > 0)
			return n;
		k++;
	}
}

/*
 * A summary that states a length ("About 9 minutes") is within a minute
 * of the routine's: the person choosing a routine for a 10-minute break
 * reads it there (validate.h). English summaries only.
 */
void
validate_summary_length(const struct routine *r, uint64_t total_ms,
    struct diag_list *dl)
{
	char		 buf[32];
	int		 said;
	uint64_t	 said_ms, off;

	if (!wording_english(r))
		return;
	if ((said = validate_summary_minutes(r->summary.s)) <= 0)
		return;
	said_ms = (uint64_t)said * 60000;
	off = said_ms > total_ms ? said_ms - total_ms : total_ms - said_ms;
	if (off <= 60000)
		return;
	plan_fmt_ms(total_ms, buf, sizeof buf);
	diag_add(dl, DIAG_WARNING, r->path, r->summary.pos.line,
	    r->summary.pos.col, _("the summary gives %d min but the routine "
	    "lasts %s (listed as %d min): change the summary or the steps"),
	    said, buf, (int)plan_minutes(total_ms));
}

/* The wording rules (validate.h). */
void
validate_wording(const struct routine *r, struct diag_list *dl)
{
	const struct rstep	*s;
	size_t			 i;

	check_supine(r, dl);
	if (!wording_english(r))
		return;
	for (i = 0; i < r->nsteps; i++) {
		s = &r->steps[i];
		if (!s->side.set || s->side.v != SIDE_BOTH)
			continue;
		if (i > 0 && r->steps[i - 1].kind == STEP_POSITION)
			check_one_side(r, &r->steps[i - 1], dl);
		check_one_side(r, s, dl);
	}
}
