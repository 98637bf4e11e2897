/*
 * The validator's body rules (validate.h): what the content of a routine
 * asks of the body, read as a physiotherapist would against DOMAIN.md.
 *
 * - the intensity tier the content calls for (DOMAIN.md "Rest/frequency":
 *   pressure 6 or more, a hold of 60 s or more, or more than 2 minutes on
 *   one area and side is deep), and the stricter of label and content;
 * - no more than 4/10 under the skull (the occipital nerves, DOMAIN.md 4
 *   "Suboccipitals" and 3.5);
 * - the red-flag questions that moderate and deep work on an area needs
 *   (DOMAIN.md 3.6): an error that names the question and offers its text;
 * - a warning where a press, roll or contract-relax instruction names a
 *   danger site (neck, throat, jaw, spine, behind the knee, lowest ribs,
 *   groin) in a sentence that does not say to keep away from it;
 * - which instructions name a danger site or a sign to stop at all, for
 *   the speech check (validate_speech.c): the voice must say them whole.
 */
#include "validate.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "compat.h"
#include "diag.h"
#include "i18n.h"
#include "routine.h"
#include "xmalloc.h"

#define DEEP_PRESSURE		6	/* DOMAIN.md: pressure >= 6 is deep */
#define MODERATE_PRESSURE	5	/* above the gentle ceiling of 4 */
#define DEEP_HOLD_S		60	/* any hold >= 60 s is deep */
#define DEEP_AREA_S		120	/* > 2 min on one area and side */
#define SUBOCCIPITAL_MAX	4

/*
 * A question moderate or deep work on some areas needs. keys: any one in
 * an English question meets it (as before: a plain string is enough). In
 * a routine whose cues.lang is French, German or Spanish, a question meets
 * it when it holds one of that language's keys (lowercase stems, matched
 * without regard to ASCII case, accented and unaccented spellings both
 * listed) AND its if-yes is as urgent or more: a translated question
 * cannot be read as surely as an English one, so its urgency must say the
 * author meant it. Another language has no list: a question as urgent or
 * more is accepted with a warning to check it.
 */
#define NKEYS	10
struct need {
	const char	*areas[4];	/* area ids, NULL-terminated */
	const char	*about;		/* "a blood clot in the calf" */
	const char	*keys[NKEYS];	/* English */
	const char	*ask;		/* the text offered */
	enum screen_urgency urgency;
	const char	*fr[NKEYS], *de[NKEYS], *es[NKEYS];
};

static const struct need needs[] = {
	{ { "piriformis", "quadratus-lumborum", NULL },
	  N_("the signs of cauda equina syndrome (numbness between the legs, "
	      "bladder or bowel trouble)"),
	  { "bladder", "bowel", "between your legs", "genital", "saddle",
	    NULL },
	  "Any numbness between your legs or around your back passage, or "
	  "new trouble with your bladder or bowels?", SCREEN_EMERGENCY,
	  { "vessie", "intestin", "selles", "entre les jambes", "g\xc3\xa9nit",
	    "genit", "p\xc3\xa9rin", "perin", "incontinen", NULL },
	  { "blase", "darm", "stuhl", "zwischen den beinen", "genital",
	    "reithose", "inkontinen", "schritt", NULL },
	  { "vejiga", "intestin", "entre las piernas", "genital", "perin",
	    "silla de montar", "incontinen", "esf\xc3\xadnter", "esfinter",
	    NULL } },
	{ { "calves", NULL },
	  N_("a blood clot in the calf"),
	  { "swollen", "clot", NULL },
	  "Is one calf newly swollen, warm, red or heavy, with no hard run or "
	  "knock to explain it?", SCREEN_URGENT,
	  { "gonfl", "enfl\xc3\xa9", "enfle", "caillot", "thrombo",
	    "phl\xc3\xa9" "bite", "phlebite", NULL },
	  { "geschwollen", "schwellung", "gerinnsel", "thrombo", NULL },
	  { "hinchad", "hinchaz", "co\xc3\xa1gulo", "coagulo", "trombo",
	    NULL } },
	{ { "calves", NULL },
	  N_("blood thinners"),
	  { "blood thinner", "anticoagul", "bruise", NULL },
	  "Do you take blood thinners, or do you bruise easily?",
	  SCREEN_CLINICIAN,
	  { "anticoagul", "fluidifi", "des bleus", "ecchymo",
	    "h\xc3\xa9matome", "hematome", NULL },
	  { "blutverd\xc3\xbcnn", "blutverdunn", "gerinnungshemm",
	    "antikoagul", "blaue flecken", "bluterg", NULL },
	  { "anticoagul", "moret", "morat", "hematoma", NULL } },
	{ { "pec-minor", NULL },
	  N_("chest pain"),
	  { "chest pain", "chest tightness", NULL },
	  "Chest pain or tightness right now, or chest pain that comes with "
	  "effort, breathlessness or sweating?", SCREEN_EMERGENCY,
	  { "douleur thoracique", "la poitrine", "thorax", NULL },
	  { "brustschmerz", "in der brust", "brustenge", NULL },
	  { "en el pecho", "de pecho", "tor\xc3\xa1" "cic", "toracic", NULL } },
	{ { "upper-trapezius", "levator-scapulae", "suboccipitals", NULL },
	  N_("the signs of a stroke or an artery tear (headache, dizziness, "
	      "double vision, slurred speech)"),
	  { "dizz", "double vision", "slurred", "severe headache", NULL },
	  "Right now or in the last days, a sudden severe headache, "
	  "dizziness, double vision, slurred speech or a drooping face?",
	  SCREEN_EMERGENCY,
	  { "vertige", "tourdi", "vision double", "voyez double",
	    "de la parole", "mal de t\xc3\xaate", "maux de t\xc3\xaate",
	    "c\xc3\xa9phal", NULL },
	  { "schwindel", "doppelbild", "doppelt", "verwaschen", "sprachst",
	    "kopfschmerz", NULL },
	  { "mareo", "v\xc3\xa9rtigo", "vertigo", "visi\xc3\xb3n doble",
	    "vision doble", "arrastr", "dolor de cabeza", "cefalea", NULL } },
	{ { "upper-trapezius", "levator-scapulae", "suboccipitals", NULL },
	  N_("a stiff neck with a fever"),
	  { "fever", NULL },
	  "A stiff neck with a fever?", SCREEN_URGENT,
	  { "fi\xc3\xa8vre", "fievre", NULL },
	  { "fieber", NULL },
	  { "fiebre", NULL } },
	{ { "upper-trapezius", "levator-scapulae", "suboccipitals", NULL },
	  N_("numbness or weakness in the arm"),
	  { "numb", "tingl", "weak", NULL },
	  "Numbness, tingling or weakness in an arm or hand?",
	  SCREEN_CLINICIAN,
	  { "engourdi", "fourmill", "picote", "faiblesse", NULL },
	  { "taub", "kribbel", "schw\xc3\xa4" "ch", "schwach", NULL },
	  { "entumec", "hormigue", "debilidad", "adormec", NULL } },
};

/*
 * Danger words in instructions given with pressure (English: the words a
 * routine's say: text uses), each with the place as a noun phrase for the
 * messages; and their guards.
 */
static const struct {
	const char	*word;
	const char	*place;
} danger[] = {
	{ "neck", N_("the neck") },
	{ "throat", N_("the throat") },
	{ "jaw", N_("the jaw") },
	{ "spine", N_("the spine") },
	{ "behind the knee", N_("the back of the knee") },
	{ "lowest rib", N_("the lowest rib") },
	{ "groin", N_("the groin") },
	{ NULL, NULL }
};
static const char *const guards[] = {
	"never", "not ", "n't", "off ", "off.", "away", "avoid", "clear of",
	"beside", "above", "below", "outside", "out of", "no ", "stay",
	"keep", "halfway", "width", "short of", "well ", NULL
};

/*
 * Signs to stop that an instruction may name (English, then the screening
 * stems above in French, German and Spanish): a word at a word's start;
 * a trailing '*' takes any ending ("tingl*": tingles, tingling).
 */
static const char *const stop_signs[] = {
	"numb", "numbness", "tingl*", "pins and needles", "shooting",
	"sharp pain", "dizz*", "light-headed", "stop",
	"engourdi*", "fourmill*", "picote*", "taub*", "kribbel*", "entumec*",
	"hormigue*", "adormec*", NULL
};

/* Work (press, roll, contract-relax) on one area and side. */
struct bdose {
	const struct area *area;
	enum side	 side;
	int64_t		 work_s;
	const struct rstep *first;
};

struct bctx {
	const struct routine *r;
	struct diag_list *dl;
	int		 errors;
	struct bdose	*d;
	size_t		 nd;
};

/* Add an error at p. */
static void printflike(3, 4)
berr(struct bctx *b, struct src_pos p, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_vadd(b->dl, DIAG_ERROR, b->r->path, p.line, p.col, fmt, ap);
	va_end(ap);
	b->errors++;
}

/* Add a warning at p. */
static void printflike(3, 4)
bwarn(struct bctx *b, struct src_pos p, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_vadd(b->dl, DIAG_WARNING, b->r->path, p.line, p.col, fmt, ap);
	va_end(ap);
}

/* Whether a step presses on its area. */
static int
is_work(const struct rstep *s)
{
	return s->kind == STEP_PRESS || s->kind == STEP_ROLL ||
	    s->kind == STEP_CONTRACT_RELAX;
}

/* A field in range, or def. */
static int64_t
val(const struct fnum *f, int64_t def, int64_t lo, int64_t hi)
{
	if (!f->set || f->v < lo || f->v > hi)
		return def;
	return f->v;
}

/* The longest one hold of a press (its time, or its max), 0 for others. */
static int64_t
hold_s(const struct rstep *s)
{
	if (s->kind != STEP_PRESS)
		return 0;
	if (s->until_release.set && s->until_release.v)
		return val(&s->max_s, 0, 0, PRESS_UNTIL_MAX_S);
	return val(&s->time_s, 0, 0, PRESS_MAX_S);
}

/* Seconds of work one side gets from step s. */
int64_t
validate_step_work_s(const struct rstep *s)
{
	switch (s->kind) {
	case STEP_PRESS:
		return hold_s(s) * val(&s->reps, 1, 1, 10);
	case STEP_ROLL:
		return val(&s->time_s, 0, 0, ROLL_MAX_S) *
		    val(&s->sets, 1, 1, 10);
	case STEP_CONTRACT_RELAX:
		/* Out of range is an error already: count the default. */
		return (val(&s->contract_s, 5, 3, 10) +
		    val(&s->relax_s, 3, 1, 10) +
		    val(&s->stretch_s, 20, 10, 60)) * val(&s->cycles, 3, 1, 10);
	default:
		return 0;
	}
}

/* Sum the work per area and side into b->d. */
static void
sum_work(struct bctx *b)
{
	const struct rstep *s;
	enum side	 sides[2];
	size_t		 i, j;
	int		 n, k;

	for (i = 0; i < b->r->nsteps; i++) {
		s = &b->r->steps[i];
		if (!is_work(s) || s->area == NULL)
			continue;
		n = 1;
		sides[0] = s->side.set ? (enum side)s->side.v : SIDE_NONE;
		if (sides[0] == SIDE_BOTH) {
			sides[0] = SIDE_LEFT;
			sides[1] = SIDE_RIGHT;
			n = 2;
		}
		for (k = 0; k < n; k++) {
			for (j = 0; j < b->nd; j++)
				if (b->d[j].area == s->area &&
				    b->d[j].side == sides[k])
					break;
			if (j == b->nd) {
				b->d = xreallocarray(b->d, b->nd + 1,
				    sizeof *b->d);
				b->d[j].area = s->area;
				b->d[j].side = sides[k];
				b->d[j].work_s = 0;
				b->d[j].first = s;
				b->nd++;
			}
			b->d[j].work_s += validate_step_work_s(s);
		}
	}
}

/*
 * The work one side of of's area gets from steps with no side: they
 * reach both sides of a sided area (as in validate.c add_dose).
 */
static int64_t
no_side_work_s(const struct bdose *d, size_t nd, const struct bdose *of)
{
	size_t	i;

	if (of->side == SIDE_NONE)
		return 0;
	for (i = 0; i < nd; i++)
		if (d[i].area == of->area && d[i].side == SIDE_NONE)
			return d[i].work_s;
	return 0;
}

/* The content's tier, with why it is more than gentle. */
static enum intensity
content_tier(const struct routine *r, const struct bdose *d, size_t nd,
    char *why, size_t len)
{
	enum intensity	 t = INTENSITY_GENTLE;
	const struct rstep *s;
	size_t		 i;

	if (len > 0)
		why[0] = '\0';
	for (i = 0; i < r->nsteps; i++) {
		s = &r->steps[i];
		if (!is_work(s))
			continue;
		if (s->pressure.set && s->pressure.v >= DEEP_PRESSURE &&
		    s->pressure.v <= PRESSURE_MAX) {
			snprintf(why, len, _("pressure %lld"),
			    (long long)s->pressure.v);
			return INTENSITY_DEEP;
		}
		if (hold_s(s) >= DEEP_HOLD_S) {
			snprintf(why, len, _("a hold of %llds"),
			    (long long)hold_s(s));
			return INTENSITY_DEEP;
		}
		if (s->pressure.set && s->pressure.v >= MODERATE_PRESSURE &&
		    t == INTENSITY_GENTLE) {
			t = INTENSITY_MODERATE;
			snprintf(why, len, _("pressure %lld"),
			    (long long)s->pressure.v);
		}
	}
	for (i = 0; i < nd; i++) {
		if (d[i].work_s + no_side_work_s(d, nd, &d[i]) > DEEP_AREA_S) {
			snprintf(why, len, _("%llds of work on the %s%s"),
			    (long long)(d[i].work_s +
			    no_side_work_s(d, nd, &d[i])),
			    area_label(d[i].area),
			    d[i].side == SIDE_LEFT ? _(", left side") :
			    d[i].side == SIDE_RIGHT ? _(", right side") : "");
			return INTENSITY_DEEP;
		}
	}
	return t;
}

/* The label, moderate when absent. */
static enum intensity
label_tier(const struct routine *r)
{
	if (!r->intensity.set || r->intensity.v < INTENSITY_GENTLE ||
	    r->intensity.v > INTENSITY_DEEP)
		return INTENSITY_MODERATE;
	return (enum intensity)r->intensity.v;
}

/* The tier the content calls for (validate.h). */
enum intensity
validate_content_tier(const struct routine *r, char *why, size_t len)
{
	struct bctx	 b;
	enum intensity	 t;

	memset(&b, 0, sizeof b);
	b.r = r;
	sum_work(&b);
	t = content_tier(r, b.d, b.nd, why, len);
	free(b.d);
	return t;
}

/* The stricter of the label and the content (validate.h). */
enum intensity
validate_effective_tier(const struct routine *r)
{
	enum intensity	 c = validate_content_tier(r, NULL, 0);

	return c > label_tier(r) ? c : label_tier(r);
}

/*
 * limits.rest, or the default of the routine's tier (the stricter of its
 * label and its content, docs/routines.md): gentle 3 h, moderate 24 h,
 * deep 48 h.
 */
int64_t
validate_rest_s(const struct routine *r)
{
	if (r->rest_s.set)
		return r->rest_s.v;
	switch (validate_effective_tier(r)) {
	case INTENSITY_GENTLE:
		return 3 * 3600;
	case INTENSITY_DEEP:
		return 48 * 3600;
	default:
		return 24 * 3600;
	}
}

int64_t
validate_homework_rest_s(const struct routine *r)
{
	int64_t	rest_s = validate_rest_s(r);

	if (r->homework.present && r->homework.per_week.set &&
	    r->homework.per_week.v >= 7 && rest_s > HOMEWORK_DAILY_REST_S)
		rest_s = HOMEWORK_DAILY_REST_S;
	return rest_s;
}

/* limits.per-week, or the default of the routine's tier (0: no limit). */
int64_t
validate_per_week(const struct routine *r)
{
	if (r->per_week.set)
		return r->per_week.v;
	switch (validate_effective_tier(r)) {
	case INTENSITY_GENTLE:
		return 0;
	case INTENSITY_DEEP:
		return 3;
	default:
		return 5;
	}
}

/* Case-insensitive search for needle in the n bytes at s. */
static const char *
find_ci(const char *s, size_t n, const char *needle)
{
	size_t	i, k, m = strlen(needle);

	for (i = 0; i + m <= n; i++) {
		for (k = 0; k < m; k++)
			if (tolower((unsigned char)s[i + k]) !=
			    tolower((unsigned char)needle[k]))
				break;
		if (k == m)
			return s + i;
	}
	return NULL;
}

/*
 * The danger word at a word boundary in the n bytes at s (a plural 's'
 * allowed), or NULL.
 */
static const char *
find_word(const char *s, size_t n, const char *word)
{
	const char	*p, *e, *start = s;
	size_t		 m = strlen(word);

	while ((p = find_ci(s, n - (size_t)(s - start), word)) != NULL) {
		e = p + m;
		if (e < start + n && (*e == 's' || *e == 'S'))
			e++;
		if ((p == start || !isalpha((unsigned char)p[-1])) &&
		    (e >= start + n || !isalpha((unsigned char)*e)))
			return p;
		s = p + 1;
	}
	return NULL;
}

/*
 * The next sentence of work step s's instruction, from *at, that names a
 * danger site without a guard: the site's index in danger[], the word as
 * written (*w, *len bytes); *at moves past the sentence. -1: none left.
 */
static int
next_danger(const struct rstep *s, const char **at, const char **w,
    size_t *len)
{
	const char	*t = *at;
	size_t		 n, k, g;
	int		 found = -1;

	if (t == NULL || !is_work(s))
		return (-1);
	while (*t != '\0' && found < 0) {
		n = strcspn(t, ".!?;");
		for (k = 0; danger[k].word != NULL && found < 0; k++) {
			if ((*w = find_word(t, n, danger[k].word)) == NULL)
				continue;
			for (g = 0; guards[g] != NULL; g++)
				if (find_ci(t, n + (t[n] != '\0'), guards[g]))
					break;
			if (guards[g] == NULL)
				found = (int)k;
		}
		t += n;
		if (*t != '\0')
			t++;
	}
	if (found >= 0) {
		*len = strlen(danger[found].word);
		if ((*w)[*len] == 's' || (*w)[*len] == 'S')
			(*len)++;		/* find_word's plural */
	}
	*at = t;
	return (found);
}

/* Warn once per sentence that names a danger site without a guard. */
static void
check_danger(struct bctx *b, const struct rstep *s)
{
	const char	*at = s->say.s, *w, *end;
	struct src_pos	 p;
	size_t		 len;
	int		 k;

	while ((k = next_danger(s, &at, &w, &len)) >= 0) {
		p = s->say.pos.line != 0 ? s->say.pos : s->pos;
		p.line += s->say.block != 0;
		for (end = s->say.s; end < w; end++)
			p.line += *end == '\n';
		bwarn(b, p, _("the %s instruction names '%.*s': say where to "
		    "keep the pressure in relation to it (for example 'keep the "
		    "ball off %s')"), step_kind_id(s->kind), (int)len, w,
		    danger[k].place);	/* the example is English, as 'say' */
	}
}

/*
 * Where stem (a stop_signs entry) is in the n bytes at s, at a word's
 * start; its length as written in *len. NULL when it is not.
 */
static const char *
find_stem(const char *s, size_t n, const char *stem, size_t *len)
{
	const char	*p, *e;
	size_t		 m = strlen(stem);
	char		 word[32];

	if (m == 0 || stem[m - 1] != '*') {
		if ((p = find_word(s, n, stem)) != NULL)
			*len = m + (p[m] == 's' || p[m] == 'S');
		return p;
	}
	snprintf(word, sizeof word, "%.*s", (int)(m - 1), stem);
	for (p = s; (p = find_ci(p, n - (size_t)(p - s), word)) != NULL;
	    p++) {
		if (p != s && isalpha((unsigned char)p[-1]))
			continue;
		for (e = p + m - 1; e < s + n && (isalpha((unsigned char)*e) ||
		    (unsigned char)*e >= 0x80); e++)
			;
		*len = (size_t)(e - p);
		return p;
	}
	return NULL;
}

/* The first danger site or stop sign text names (validate.h). */
const char *
validate_safety_word(const char *text, size_t *len)
{
	const char	*p, *first = NULL;
	size_t		 k, n, m;

	if (text == NULL)
		return NULL;
	n = strlen(text);
	for (k = 0; danger[k].word != NULL; k++)
		if ((p = find_stem(text, n, danger[k].word, &m)) != NULL &&
		    (first == NULL || p < first)) {
			first = p;
			*len = m;
		}
	for (k = 0; stop_signs[k] != NULL; k++)
		if ((p = find_stem(text, n, stop_signs[k], &m)) != NULL &&
		    (first == NULL || p < first)) {
			first = p;
			*len = m;
		}
	return first;
}

/* The user's notes of the danger words (validate.h). */
size_t
validate_danger_notes(const struct routine *r, const char *lang,
    char ***out, size_t n)
{
	const char	*at, *w;
	size_t		 i, len;
	unsigned	 said = 0;
	int		 k;

	for (i = 0; i < r->nsteps; i++) {
		at = r->steps[i].say.s;
		while ((k = next_danger(&r->steps[i], &at, &w, &len)) >= 0) {
			if (said & (1u << k))
				continue;
			said |= 1u << k;
			*out = xreallocarray(*out, n + 1, sizeof **out);
			xasprintf(&(*out)[n++], i18n_for(lang,
			    N_("Keep the pressure off %s: this routine's "
			    "instructions name it.")),
			    i18n_for(lang, danger[k].place));
		}
	}
	return (n);
}

/* Does question q hold one of keys? */
static int
has_key(const char *q, const char *const *keys)
{
	size_t	k;

	for (k = 0; keys[k] != NULL; k++)
		if (find_ci(q, strlen(q), keys[k]) != NULL)
			return 1;
	return 0;
}

/* The keys of need nd in language lang ("fr", "de-CH"...); NULL none. */
static const char *const *
lang_keys(const struct need *nd, const char *lang)
{
	if (lang == NULL || strncmp(lang, "en", 2) == 0)
		return nd->keys;
	if (strncmp(lang, "fr", 2) == 0)
		return nd->fr;
	if (strncmp(lang, "de", 2) == 0)
		return nd->de;
	if (strncmp(lang, "es", 2) == 0)
		return nd->es;
	return NULL;
}

/*
 * Whether the routine's questions meet need nd: MEETS_OK; MEETS_LOW, a
 * translated question with its words but a less urgent if-yes; MEETS_
 * UNCHECKED, a language with no words, a question as urgent or more
 * (*which: the question).
 */
enum { MEETS_NONE, MEETS_OK, MEETS_LOW, MEETS_UNCHECKED };
static int
screened(const struct routine *r, const struct need *nd, size_t *which)
{
	const char		*lang = r->cues.lang.s;
	const char *const	*keys = lang_keys(nd, lang);
	int			 english = keys == nd->keys, low = 0;
	size_t			 i;

	for (i = 0; i < r->nscreen; i++) {
		if (keys == NULL) {
			/* No word list: a question as urgent or more. */
			if (routine_screen_urgency(r, i) >= nd->urgency) {
				*which = i;
				return MEETS_UNCHECKED;
			}
			continue;
		}
		if (!has_key(r->screen[i], keys))
			continue;
		if (english || routine_screen_urgency(r, i) >= nd->urgency)
			return MEETS_OK;
		if (!low)
			*which = i;
		low = 1;
	}
	return low ? MEETS_LOW : MEETS_NONE;
}

/* Moderate or deep work on an area needs its red-flag questions. */
static void
check_screening(struct bctx *b, enum intensity tier)
{
	const struct bdose *d;
	size_t		 i, j, k, q = 0;
	int		 hit;

	if (tier == INTENSITY_GENTLE)
		return;
	for (i = 0; i < nitems(needs); i++) {
		for (j = 0, hit = 0; j < b->nd && !hit; j++) {
			d = &b->d[j];
			for (k = 0; needs[i].areas[k] != NULL; k++)
				if (strcmp(d->area->id, needs[i].areas[k]) == 0)
					break;
			if (needs[i].areas[k] == NULL)
				continue;
			hit = 1;
			switch (screened(b->r, &needs[i], &q)) {
			case MEETS_OK:
				continue;
			case MEETS_UNCHECKED:
				bwarn(b, b->r->screen_items[q].pos,
				    _("knead has no words in cues.lang '%s' to "
				    "check that this question asks about %s "
				    "for "
				    "the %s; it is accepted for its if-yes: "
				    "%s: "
				    "make sure it does"), b->r->cues.lang.s,
				    _(needs[i].about), area_label(d->area),
				    screen_urgency_id(routine_screen_urgency(
				    b->r, q)));
				continue;
			case MEETS_LOW:
				berr(b, d->first->pos, _("%s work on the %s "
				    "needs a screening question about %s with "
				    "if-yes: %s or more; question %zu asks "
				    "about "
				    "it with if-yes: %s"), intensity_id(tier),
				    area_label(d->area), _(needs[i].about),
				    screen_urgency_id(needs[i].urgency), q + 1,
				    screen_urgency_id(routine_screen_urgency(
				    b->r, q)));
				continue;
			}
			berr(b, d->first->pos, _("%s work on the %s needs a "
			    "screening question about %s; add to screen: "
			    "{ask: \"%s\", if-yes: %s}"), intensity_id(tier),
			    area_label(d->area), _(needs[i].about), needs[i].ask,
			    screen_urgency_id(needs[i].urgency));
		}
	}
}

/* Suboccipital pressure, the tier label, screening and danger words. */
int
validate_body(const struct routine *r, struct diag_list *dl)
{
	struct bctx	 b;
	const struct rstep *s;
	enum intensity	 c, tier;
	struct src_pos	 none = { 0, 0 };
	char		 why[128];
	size_t		 i;

	memset(&b, 0, sizeof b);
	b.r = r;
	b.dl = dl;
	sum_work(&b);
	for (i = 0; i < r->nsteps; i++) {
		s = &r->steps[i];
		if (s->area != NULL && strcmp(s->area->id, "suboccipitals") ==
		    0 && s->pressure.set && s->pressure.v > SUBOCCIPITAL_MAX &&
		    s->pressure.v <= PRESSURE_MAX && is_work(s))
			berr(&b, s->pressure.pos.line != 0 ? s->pressure.pos :
			    s->pos, _("pressure %lld under the skull is too "
			    "much: at most %d on the suboccipitals (the "
			    "occipital nerves run there)"),
			    (long long)s->pressure.v, SUBOCCIPITAL_MAX);
		check_danger(&b, s);
	}
	c = content_tier(r, b.d, b.nd, why, sizeof why);
	if (c == INTENSITY_DEEP && label_tier(r) != INTENSITY_DEEP)
		bwarn(&b, r->intensity.pos.line != 0 ? r->intensity.pos : none,
		    _("the content is deep work (%s) but the routine is "
		    "labelled %s: the deep rest limits apply; write "
		    "'intensity: deep'"), why, intensity_id(label_tier(r)));
	tier = c > label_tier(r) ? c : label_tier(r);
	check_screening(&b, tier);
	free(b.d);
	return b.errors;
}
