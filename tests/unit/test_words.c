/*
 * Unit tests for knead's own spoken words (src/words.c) and the lines
 * cueplan_say and the speech timeline build from them.
 */
#undef NDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "areas.h"
#include "cueplan.h"
#include "diag.h"
#include "i18n.h"
#include "plan.h"
#include "routine.h"
#include "routine_yaml.h"
#include "speech.h"
#include "timeline.h"
#include "words.h"

/* One step on both sides (left, switch, right) with a say text, 3 reps. */
#define ROUTINE(cues) \
	"knead: 1\nid: t\ntitle: T\n" cues "steps:\n" \
	"  - press:\n" \
	"      area: upper-trapezius\n" \
	"      side: both\n" \
	"      tool: tennis-ball\n" \
	"      time: 45s\n" \
	"      say: \"Penchez-vous sur la balle.\"\n" \
	"  - press:\n" \
	"      area: gluteus-medius\n" \
	"      tool: tennis-ball\n" \
	"      until: release\n" \
	"      max: 60s\n" \
	"      reps: 3\n"

/* Valid UTF-8 without control bytes (the loader's rule for routine text). */
static int
clean_utf8(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 need, k;

	while (*p != '\0') {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			need = 1;
		else if (*p >= 0xe0 && *p <= 0xef)
			need = 2;
		else if (*p >= 0xf0 && *p <= 0xf4)
			need = 3;
		else
			return 0;
		/* No C1 controls (U+0080..U+009F: 0xc2 0x80..0x9f). */
		if (*p == 0xc2 && p[1] < 0xa0)
			return 0;
		for (k = 1; k <= need; k++)
			if ((p[k] & 0xc0) != 0x80)
				return 0;
		p += need + 1;
	}
	return 1;
}

/* A phrase: not empty, clean, and no '%' at all. */
static void
assert_phrase(const char *lang, const char *what, const char *s)
{
	if (s == NULL || *s == '\0')
		fail_msg("%s: %s is missing", lang, what);
	if (!clean_utf8(s))
		fail_msg("%s: %s is not clean UTF-8", lang, what);
	if (strchr(s, '%') != NULL)
		fail_msg("%s: %s has a '%%'", lang, what);
}

static void
test_tables_complete(void **state)
{
	const struct words *const *all = words_all();
	const struct words	*w;
	const struct area	*a;
	const char		*s;
	char			 name[128];
	size_t			 i, k, n, nd;

	(void)state;
	assert_int_equal(area_count(), 45);
	for (n = 0; all[n] != NULL; n++) {
		w = all[n];
		assert_non_null(w->lang);
		assert_ptr_equal(words_find(w->lang), w);
		for (k = 0; k < WORDS_NKIND; k++)
			assert_phrase(w->lang, "a kind word", w->kind[k]);
		assert_phrase(w->lang, "left", w->left);
		assert_phrase(w->lang, "right", w->right);
		if (w->until_release == NULL || !clean_utf8(w->until_release))
			fail_msg("%s: until release is missing", w->lang);
		assert_phrase(w->lang, "ten seconds", w->ten_seconds);
		assert_phrase(w->lang, "switch left", w->switch_left);
		assert_phrase(w->lang, "switch right", w->switch_right);
		/* Every word comes from the catalogue, none is English. */
		if (w != words_en()) {
			for (k = 0; k < WORDS_NKIND; k++)
				assert_non_null(i18n_find(w->lang, "spoken",
				    words_en()->kind[k]));
			assert_non_null(i18n_find(w->lang, "spoken",
			    words_en()->rep));
			assert_string_not_equal(w->left, words_en()->left);
			assert_string_not_equal(w->ten_seconds,
			    words_en()->ten_seconds);
			assert_string_not_equal(w->switch_right,
			    words_en()->switch_right);
		}
		/* The rep format: exactly two %d and no other '%'. */
		assert_non_null(w->rep);
		assert_true(clean_utf8(w->rep));
		for (s = w->rep, nd = 0; (s = strchr(s, '%')) != NULL; s += 2) {
			if (s[1] != 'd')
				fail_msg("%s: rep has %%%c", w->lang, s[1]);
			nd++;
		}
		assert_int_equal(nd, 2);
		/* The until-release format: one %d (the longest seconds). */
		for (s = w->until_release, nd = 0;
		    (s = strchr(s, '%')) != NULL; s += 2) {
			if (s[1] != 'd')
				fail_msg("%s: until release has %%%c", w->lang,
				    s[1]);
			nd++;
		}
		assert_int_equal(nd, 1);
		/* A recording's: one %d too, translated, and no key named. */
		if (w->until_release_rec == NULL ||
		    !clean_utf8(w->until_release_rec))
			fail_msg("%s: the recording's until release is missing",
			    w->lang);
		for (s = w->until_release_rec, nd = 0;
		    (s = strchr(s, '%')) != NULL; s += 2) {
			if (s[1] != 'd')
				fail_msg("%s: until release has %%%c", w->lang,
				    s[1]);
			nd++;
		}
		assert_int_equal(nd, 1);
		if (w != words_en())
			assert_non_null(i18n_find(w->lang, "spoken",
			    words_en()->until_release_rec));
		if (strcasestr(w->until_release_rec, "enter") != NULL ||
		    strcasestr(w->until_release_rec, "entrée") != NULL ||
		    strcasestr(w->until_release_rec, "intro") != NULL)
			fail_msg("%s: a recording names a key: %s", w->lang,
			    w->until_release_rec);
		/* Every area has a name in the catalogue, capitalised. */
		for (i = 0; i < area_count(); i++) {
			a = area_at(i);
			words_area(w, a, name, sizeof name);
			assert_phrase(w->lang, a->id, name);
			if (w != words_en() && i18n_find(w->lang, NULL,
			    a->name) == NULL)
				fail_msg("%s: %s has no name", w->lang, a->id);
			if (w != words_en() && strcasecmp(name, a->name) == 0 &&
			    strcmp(a->id, "quadriceps") != 0 &&
			    strcmp(a->id, "piriformis") != 0)
				fail_msg("%s: %s is the English name", w->lang,
				    a->id);
		}
	}
	assert_int_equal(n, 4);
	assert_ptr_equal(all[0], words_en());
	/* English keeps the display names. */
	words_area(words_en(), area_find("erector-spinae"), name, sizeof name);
	assert_string_equal(name, "Muscles beside the spine");
	/* A tiny buffer is cut, still terminated. */
	words_area(words_find("fr"), area_find("upper-trapezius"), name, 4);
	assert_string_equal(name, "Tra");
	/* Never inside a character; an accented first letter capitalised. */
	words_area(words_find("fr"), area_find("levator-scapulae"), name, 2);
	assert_string_equal(name, "");
	words_area(words_find("fr"), area_find("levator-scapulae"), name,
	    sizeof name);
	assert_string_equal(name, "\xc3\x89l\xc3\xa9vateur de la scapula");
	words_area(words_find("de"), area_find("upper-trapezius"), name,
	    sizeof name);
	assert_string_equal(name, "Oberer Trapezius");
}

static void
test_find_by_primary_language(void **state)
{
	(void)state;
	assert_string_equal(words_find("fr")->lang, "fr");
	assert_string_equal(words_find("fr-CA")->lang, "fr");
	assert_string_equal(words_find("fr_BE")->lang, "fr");
	assert_string_equal(words_find("FR")->lang, "fr");
	assert_string_equal(words_find("de-AT")->lang, "de");
	assert_string_equal(words_find("es-MX")->lang, "es");
	assert_string_equal(words_find("en_GB")->lang, "en");
	assert_string_equal(words_find("fr_FR.UTF-8")->lang, "fr");
	assert_null(words_find("xx"));
	assert_null(words_find("tlh"));
	assert_null(words_find("f"));
	assert_null(words_find("fra"));
	assert_null(words_find("french"));
	assert_null(words_find(""));
	assert_null(words_find(NULL));
}

/*
 * Only LANG set, to v (NULL: unset), and the locale set from it as the
 * program sets it (i18n_init): the screen's language is gettext's.
 */
static void
set_locale(const char *v)
{
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANGUAGE");
	if (v != NULL)
		setenv("LANG", v, 1);
	else
		unsetenv("LANG");
	i18n_init();
}

/* setenv, then the locale set again from the environment. */
static void
set_env(const char *name, const char *v)
{
	setenv(name, v, 1);
	i18n_init();
}

static void
test_pick_order(void **state)
{
	(void)state;
	set_locale("de_DE.UTF-8");
	assert_string_equal(words_pick(NULL)->lang, "de");
	assert_string_equal(words_pick("")->lang, "de");
	/* cues.lang first, even one knead has no words for. */
	assert_string_equal(words_pick("fr-CA")->lang, "fr");
	assert_ptr_equal(words_pick("xx"), words_en());
	/* LC_ALL, then LC_MESSAGES, then LANG. */
	set_env("LC_MESSAGES", "es_ES.UTF-8");
	assert_string_equal(words_pick(NULL)->lang, "es");
	set_env("LC_ALL", "fr_FR.UTF-8");
	assert_string_equal(words_pick(NULL)->lang, "fr");
	set_env("LC_ALL", "");
	assert_string_equal(words_pick(NULL)->lang, "es");
	set_locale("C");
	assert_ptr_equal(words_pick(NULL), words_en());
	set_locale("C.UTF-8");
	assert_ptr_equal(words_pick(NULL), words_en());
	set_locale("POSIX");
	assert_ptr_equal(words_pick(NULL), words_en());
	set_locale("pt_BR.UTF-8");
	assert_ptr_equal(words_pick(NULL), words_en());
	set_locale(NULL);
	assert_null(words_locale());
	assert_ptr_equal(words_pick(NULL), words_en());
	set_locale("C.UTF-8");
}

/* A routine from yaml and its plan; the loader must not complain. */
static void
load(const char *yaml, struct routine **r, struct plan *p)
{
	struct diag_list	dl;
	char			line[512];

	diag_init(&dl);
	*r = routine_load_string("t.yaml", yaml, strlen(yaml), &dl);
	assert_non_null(*r);
	if (dl.n != 0) {
		diag_format(&dl.v[0], line, sizeof line);
		fail_msg("loader complained: %s", line);
	}
	diag_clear(&dl);
	assert_int_equal(plan_build(*r, p), 0);
}

/* Every line fits: a voice that takes 1 ms. */
static uint64_t
quick(void *ctx, const char *text)
{
	(void)ctx;
	(void)text;
	return 1;
}

/* The spoken lines of every step of p, each line after a newline. */
static void
all_lines(const struct plan *p, char *out, size_t len)
{
	const struct tl_voice	 v = { quick, NULL };
	const struct tl_opts	 o = { 3, 1, &v, 0 };
	struct tl_step		 st;
	size_t			 i, k, o_ = 0;

	out[0] = '\0';
	for (i = 0; i < p->n; i++) {
		timeline_step(p, i, p->v[i].duration_ms, &o, &st);
		for (k = 0; k < st.nline && o_ < len; k++)
			o_ += (size_t)snprintf(out + o_, len - o_, "\n%s",
			    st.line[k].text);
		timeline_step_free(&st);
	}
}

/* Step i of p says want. */
static void
assert_say(const struct plan *p, size_t i, const char *want)
{
	char	buf[512];

	cueplan_say(p, i, buf, sizeof buf);
	assert_string_equal(buf, want);
}

static void
test_french_plan(void **state)
{
	static const char *const english[] = {
		"Press.", "Upper", "left", "right", "side.", "Switch", "Rep ",
		"Hold until", "Ten ", "seconds", "Release", "Gluteus"
	};
	struct routine	*r;
	struct plan	 p;
	char		 all[8192];
	size_t		 i;

	(void)state;
	set_locale("C.UTF-8");
	load(ROUTINE("cues:\n  lang: fr\n"), &r, &p);
	assert_say(&p, 0, SPEECH_SEP_S "Appuyez. Trapèze supérieur, "
	    "côté gauche." SPEECH_SEP_S "Penchez-vous sur la balle.");
	assert_say(&p, 1, SPEECH_SEP_S "Passez au côté droit.");
	assert_say(&p, 2, SPEECH_SEP_S "Appuyez. Trapèze supérieur, "
	    "côté droit." SPEECH_SEP_S "Penchez-vous sur la balle.");
	assert_say(&p, 3, SPEECH_SEP_S "Appuyez. Moyen fessier. "
	    "Répétition 1 sur 3. Maintenez jusqu'à ce que la tension cède, "
	    "puis appuyez sur Entrée\xc2\xa0; au plus 60 secondes.");
	assert_say(&p, 4, SPEECH_SEP_S "Relâchez.");
	all_lines(&p, all, sizeof all);
	for (i = 0; i < sizeof english / sizeof english[0]; i++)
		if (strstr(all, english[i]) != NULL)
			fail_msg("'%s' in the French lines:%s", english[i],
			    all);
	/* Every line is said by the one French voice. */
	for (i = 0; all[i] != '\0'; i++)
		if (all[i] == '\n')
			assert_int_equal(all[i + 1], SPEECH_SEP);
	plan_free(&p);
	routine_free(r);

	/* A hold of 30 s or more: "ten seconds" in French too. */
	load("knead: 1\nid: t\ntitle: T\ncues:\n  lang: fr_BE\nsteps:\n"
	    "  - stretch:\n      area: hamstrings\n      time: 60s\n",
	    &r, &p);
	all_lines(&p, all, sizeof all);
	assert_string_equal(all, "\n" SPEECH_SEP_S "Étirez. Ischio-jambiers."
	    "\n" SPEECH_SEP_S "Encore dix secondes.");
	plan_free(&p);
	routine_free(r);
}

static void
test_unknown_lang_keeps_english(void **state)
{
	struct routine	*r;
	struct plan	 p;

	(void)state;
	/* The locale does not matter when cues.lang is set. */
	set_locale("fr_FR.UTF-8");
	load(ROUTINE("cues:\n  lang: tlh\n"), &r, &p);
	assert_say(&p, 0, "Press. Upper trapezius, left side."
	    SPEECH_SEP_S "Penchez-vous sur la balle.");
	assert_say(&p, 3, "Press. Gluteus medius. Rep 1 of 3. "
	    "Hold until it softens, then press Enter; at most 60 seconds.");
	plan_free(&p);
	routine_free(r);
	load(ROUTINE("cues:\n  lang: xx\n"), &r, &p);
	assert_say(&p, 1, "Switch to the right side.");
	plan_free(&p);
	routine_free(r);
	set_locale("C.UTF-8");
}

static void
test_locale_fallback(void **state)
{
	struct routine	*r;
	struct plan	 p;

	(void)state;
	load(ROUTINE(""), &r, &p);
	set_locale("de_DE.UTF-8");
	assert_say(&p, 0, SPEECH_SEP_S "Drücken. Oberer Trapezius, "
	    "linke Seite." SPEECH_SEP_S "Penchez-vous sur la balle.");
	assert_say(&p, 3, SPEECH_SEP_S "Drücken. Mittlerer "
	    "Gesäßmuskel. Wiederholung 1 von 3. Halten, bis es nachgibt, "
	    "dann Enter drücken; höchstens 60 Sekunden.");
	set_env("LC_ALL", "es_ES.UTF-8");
	assert_say(&p, 2, SPEECH_SEP_S "Presione. Trapecio superior, "
	    "lado derecho." SPEECH_SEP_S "Penchez-vous sur la balle.");
	set_locale("C");
	assert_say(&p, 0, "Press. Upper trapezius, left side."
	    SPEECH_SEP_S "Penchez-vous sur la balle.");
	plan_free(&p);
	routine_free(r);
	set_locale("C.UTF-8");
}

/*
 * A line that starts with SPEECH_SEP is knead's: the loader refuses
 * control characters in every routine text, so no say text can start one.
 */
static void
test_routine_text_cannot_carry_the_marker(void **state)
{
	static const char yaml[] = "knead: 1\nid: t\ntitle: T\nsteps:\n"
	    "  - press:\n      area: upper-trapezius\n      tool: hand\n"
	    "      time: 45s\n      say: \"\\x1fAppuyez.\"\n";
	struct diag_list	 dl;
	struct routine		*r;
	char			 line[512];

	(void)state;
	set_locale("C.UTF-8");	/* the diagnostic in English */
	diag_init(&dl);
	r = routine_load_string("t.yaml", yaml, strlen(yaml), &dl);
	assert_true(dl.errors > 0);
	diag_format(&dl.v[0], line, sizeof line);
	assert_non_null(strstr(line, "control character U+001F"));
	routine_free(r);
	diag_clear(&dl);
}

/*
 * The voice's words come from the catalogue of the routine's language
 * whatever the screen's locale: i18n_in reads that language's .mo
 * itself, so a French routine is said in French under a German screen,
 * under LANGUAGE=es, and under LANG=C (where gettext translates nothing).
 */
static void
test_voice_language_is_not_the_screen(void **state)
{
	(void)state;
	set_locale("de_DE.UTF-8");
	setenv("LANGUAGE", "es", 1);
	assert_string_equal(i18n_in("fr", "spoken", "Press"), "Appuyez");
	assert_string_equal(i18n_in("de-AT", "spoken", "Press"), "Drücken");
	assert_string_equal(i18n_in("es_MX.UTF-8", "spoken", "Press"),
	    "Presione");
	assert_string_equal(i18n_in("fr", NULL, "upper trapezius"),
	    "trapèze supérieur");
	set_locale("C");
	assert_string_equal(i18n_in("fr", "spoken", "Ten seconds."),
	    "Encore dix secondes.");
	/* English, an unknown language, a missing message: the msgid. */
	assert_string_equal(i18n_in("en", "spoken", "Press"), "Press");
	assert_string_equal(i18n_in("xx", "spoken", "Press"), "Press");
	assert_string_equal(i18n_in(NULL, "spoken", "Press"), "Press");
	assert_string_equal(i18n_in("fr", "spoken", "no such message"),
	    "no such message");
	assert_null(i18n_find("fr", "spoken", "no such message"));
	/* The context counts: "Press" without it is not a message. */
	assert_null(i18n_find("fr", NULL, "Press"));
	set_locale("C.UTF-8");
}

/* The screen's language picks the words when the routine names none. */
static void
test_pick_follows_language(void **state)
{
	(void)state;
	set_locale("fr_FR.UTF-8");
	set_env("LANGUAGE", "de:fr");
	assert_string_equal(words_pick(NULL)->lang, "de");
	set_env("LANGUAGE", "pt:es");
	assert_string_equal(words_pick(NULL)->lang, "es");
	/* No language of LANGUAGE has a catalogue: gettext's English. */
	set_env("LANGUAGE", "pt");
	assert_ptr_equal(words_pick(NULL), words_en());
	/* glibc ignores LANGUAGE in the C locale: so do the words. */
	set_locale("C");
	set_env("LANGUAGE", "de");
	assert_ptr_equal(words_pick(NULL), words_en());
	/* Not under C.UTF-8: the screen is German, and so are the words. */
	set_locale("C.UTF-8");
	set_env("LANGUAGE", "de");
	assert_string_equal(words_pick(NULL)->lang, "de");
	/* cues.lang still first. */
	set_locale("fr_FR.UTF-8");
	set_env("LANGUAGE", "de");
	assert_string_equal(words_pick("es")->lang, "es");
	set_locale("C.UTF-8");
}

/*
 * The words' language is the one the screen's messages are in: whatever
 * gettext itself gives for a translated message after i18n_init, in every
 * combination of LANGUAGE and the locale variables (glibc honours
 * LANGUAGE under C.UTF-8, not under C; a locale not generated is C).
 */
static void
test_pick_is_the_screens(void **state)
{
	static const struct {
		const char	*language, *all, *messages, *lang;
		const char	*want;	/* NULL: only as gettext says */
	} c[] = {
		{ "de", NULL, NULL, "C.UTF-8", "de" },
		{ "de", NULL, NULL, "C", "en" },
		{ "de", "C", NULL, "de_DE.UTF-8", "en" },
		{ "de", "C.UTF-8", NULL, "fr_FR.UTF-8", "de" },
		{ "de", NULL, NULL, NULL, "en" },
		{ "de", NULL, NULL, "fr_FR.UTF-8", "de" },
		{ "pt:es", NULL, NULL, "C.UTF-8", "es" },
		/* No catalogue in LANGUAGE: glibc says the msgid. */
		{ "pt", NULL, NULL, "fr_FR.UTF-8", "en" },
		{ "", NULL, NULL, "fr_FR.UTF-8", "fr" },
		{ NULL, NULL, NULL, "de_DE.UTF-8", "de" },
		{ NULL, NULL, NULL, "C.UTF-8", "en" },
		{ NULL, NULL, NULL, NULL, "en" },
		{ NULL, "es_ES.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8", "es" },
		{ NULL, NULL, "de_DE.UTF-8", "fr_FR.UTF-8", "de" },
		{ NULL, "", "es_ES.UTF-8", "fr_FR.UTF-8", "es" },
		/* Not generated here, as a rule: then the screen is English. */
		{ "de", NULL, NULL, "xx_YY.UTF-8", NULL },
		{ NULL, NULL, NULL, "pt_BR.UTF-8", NULL },
	};
	static const char *const gen[] = { "de_DE.UTF-8", "fr_FR.UTF-8",
	    "es_ES.UTF-8" };
	const struct words	*w;
	locale_t		 l;
	char			 screen[3];
	size_t			 i;
	int			 have = 1;

	(void)state;
	for (i = 0; i < sizeof gen / sizeof gen[0]; i++) {
		if ((l = newlocale(LC_MESSAGES_MASK, gen[i], 0)) == 0)
			have = 0;
		else
			freelocale(l);
	}
	if (!have)
		fprintf(stderr, "note: de_DE, fr_FR or es_ES.UTF-8 not "
		    "generated: only compared with gettext\n");
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
#define SET(v, x)	((x) != NULL ? setenv(v, x, 1) : unsetenv(v))
		SET("LANGUAGE", c[i].language);
		SET("LC_ALL", c[i].all);
		SET("LC_MESSAGES", c[i].messages);
		SET("LANG", c[i].lang);
#undef SET
		i18n_init();
		w = words_pick(NULL);
		/* The same words as the screen's, from gettext. */
		if (strcmp(w->kind[PLAN_PRESS], C_("spoken", "Press")) != 0 ||
		    strcmp(w->rep, C_("spoken", "Rep %d of %d.")) != 0)
			fail_msg("case %zu: words '%s', gettext '%s'", i,
			    w->kind[PLAN_PRESS], C_("spoken", "Press"));
		i18n_screen_lang(screen);
		if (strcmp(w->lang, screen) != 0)
			fail_msg("case %zu: words %s, screen %s", i, w->lang,
			    screen);
		if (have && c[i].want != NULL && strcmp(w->lang,
		    c[i].want) != 0)
			fail_msg("case %zu: words %s, want %s", i, w->lang,
			    c[i].want);
	}
	set_locale("C.UTF-8");
}

/*
 * In a recording (render) nobody can press a key: an until-release hold
 * says what to do when it softens and when the next step comes, in the
 * plan's language, --lang's over cues.lang; a live session names Enter.
 * A plan cut by plan_drop keeps both.
 */
static void
test_recording_names_no_key(void **state)
{
	struct routine	*r;
	struct plan	 p, q;
	struct area_side none = { NULL, SIDE_NONE, 0 };

	(void)state;
	set_locale("C.UTF-8");
	load(ROUTINE(""), &r, &p);
	assert_say(&p, 3, "Press. Gluteus medius. Rep 1 of 3. "
	    "Hold until it softens, then press Enter; at most 60 seconds.");
	p.recording = 1;
	assert_say(&p, 3, "Press. Gluteus medius. Rep 1 of 3. Hold until it "
	    "softens, then ease off: the next step starts in 60 seconds.");
	p.lang = "de";
	assert_say(&p, 3, SPEECH_SEP_S "Drücken. Mittlerer Gesäßmuskel. "
	    "Wiederholung 1 von 3. Halten, bis es nachgibt, dann locker "
	    "lassen: der nächste Schritt beginnt in 60 Sekunden.");
	(void)plan_drop(&p, &none, 0, &q);
	assert_int_equal(q.recording, 1);
	assert_string_equal(plan_lang(&q), "de");
	plan_free(&q);
	plan_free(&p);
	routine_free(r);
	/* --lang over cues.lang. */
	load(ROUTINE("cues:\n  lang: fr\n"), &r, &p);
	assert_string_equal(plan_lang(&p), "fr");
	p.lang = "es";
	p.recording = 1;
	assert_say(&p, 3, SPEECH_SEP_S "Presione. Glúteo medio. Repetición 1 "
	    "de 3. Mantenga hasta que ceda y luego afloje: el siguiente paso "
	    "empieza en 60 segundos.");
	plan_free(&p);
	routine_free(r);
}

/* words_preamble with its parts as arguments. */
static size_t
preamble(const struct words *w, const char *summary, int homework,
    const char *by, const char *note, const char *safety, int said,
    char *buf, size_t len)
{
	struct words_pre	pre;

	memset(&pre, 0, sizeof pre);
	pre.summary = summary;
	pre.homework = homework;
	pre.by = by;
	pre.note = note;
	pre.safety = safety;
	return (words_preamble(w, &pre, said, buf, len));
}

/*
 * The preamble: the summary, then a homework's note, then the safety
 * lines. A summary too long for the buffer gives way to the note (safety
 * advice, often) and the safety lines, which are never cut by it; nothing
 * is cut inside a character.
 */
static void
test_preamble_note_kept(void **state)
{
	const struct words	*w = words_pick("en");
	char			 buf[WORDS_PREAMBLE_MAX], *sum;
	size_t			 n;

	(void)state;
	n = preamble(w, "Roll the calves.\n", 1, "A. PT",
	    "Stop if it tingles.", NULL, 0, buf, sizeof buf);
	assert_string_equal(buf, "Roll the calves.\nNote from A. PT: Stop if "
	    "it tingles.");
	assert_int_equal(n, strlen(buf));
	n = preamble(w, NULL, 1, NULL, "Stop if it tingles.", NULL, 1, buf,
	    sizeof buf);
	assert_string_equal(buf, "Note from your therapist: Stop if it "
	    "tingles.");
	/* The safety lines after the note, or after the summary alone. */
	n = preamble(w, "Roll.", 1, "A. PT", "Stop at 5.", "Note: A.\nNote: B.",
	    0, buf, sizeof buf);
	assert_string_equal(buf, "Roll.\nNote from A. PT: Stop at 5.\n"
	    "Note: A.\nNote: B.");
	n = preamble(w, "Roll.", 0, "A. PT", "Stop at 5.", "Note: A.", 1, buf,
	    sizeof buf);
	assert_string_equal(buf, "Roll. Note: A.");
	n = preamble(w, NULL, 0, NULL, NULL, "Note: A.", 1, buf, sizeof buf);
	assert_string_equal(buf, "Note: A.");
	assert_int_equal(n, strlen("Note: A."));
	/* 20,000 characters of summary ("é", two bytes each). */
	sum = malloc(40001);
	assert_non_null(sum);
	for (n = 0; n < 20000; n++)
		memcpy(sum + 2 * n, "\xc3\xa9", 2);
	sum[40000] = '\0';
	n = preamble(w, sum, 1, "A. PT", "Stop if it tingles.", NULL, 1, buf,
	    sizeof buf);
	assert_int_equal(n, strlen(buf));
	assert_true(n < sizeof buf);
	assert_non_null(strstr(buf, "\xc3\xa9 Note from A. PT: Stop if it "
	    "tingles."));
	assert_true(n - strlen(" Note from A. PT: Stop if it tingles.") >=
	    SUMMARY_SAID_BYTES);
	/* Every byte before the note is whole "é"s. */
	assert_int_equal((n - strlen(" Note from A. PT: Stop if it tingles."))
	    % 2, 0);
	/* A long note (1,500 bytes) stays whole; the summary gives way. */
	{
		char	note[1501];

		memset(note, 'n', 1500);
		note[1500] = '\0';
		n = preamble(w, sum, 1, "A. PT", note, NULL, 1, buf,
		    sizeof buf);
		assert_non_null(strstr(buf, note));
		assert_int_equal(strlen(strstr(buf, note)), 1500);
		/* With safety lines too: both whole, at the end. */
		n = preamble(w, sum, 1, "A. PT", note, "Note: keep off the "
		    "neck.", 1, buf, sizeof buf);
		assert_int_equal(n, strlen(buf));
		assert_non_null(strstr(buf, note));
		assert_string_equal(buf + n - strlen(note) -
		    strlen(" Note: keep off the neck."), strstr(buf, note));
		assert_string_equal(buf + n - strlen("Note: keep off the "
		    "neck."), "Note: keep off the neck.");
	}
	free(sum);
}

/*
 * A routine whose tones pace the breathing says what they mean, after
 * its summary and before a note; in the routine's language; never cut.
 */
static void
test_preamble_paced(void **state)
{
	static const char tones[] = "Tones pace your breathing: breathe in "
	    "at the rising tone, out at the falling one.";
	struct words_pre	 pre;
	char			 buf[WORDS_PREAMBLE_MAX], want[512];

	(void)state;
	memset(&pre, 0, sizeof pre);
	pre.summary = "Breathe.";
	pre.paced = 1;
	words_preamble(words_pick("en"), &pre, 0, buf, sizeof buf);
	snprintf(want, sizeof want, "Breathe.\n%s", tones);
	assert_string_equal(buf, want);
	pre.homework = 1;
	pre.note = "Slowly.";
	pre.safety = "Note: A.";
	words_preamble(words_pick("en"), &pre, 1, buf, sizeof buf);
	snprintf(want, sizeof want, "Breathe. %s Note from your therapist: "
	    "Slowly. Note: A.", tones);
	assert_string_equal(buf, want);
	pre.summary = NULL;
	pre.homework = 0;
	pre.safety = NULL;
	words_preamble(words_pick("fr"), &pre, 1, buf, sizeof buf);
	assert_string_equal(buf, i18n_in("fr", "spoken", tones));
	assert_string_not_equal(buf, tones);
	pre.paced = 0;
	assert_int_equal(words_preamble(words_pick("en"), &pre, 1, buf,
	    sizeof buf), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables_complete),
		cmocka_unit_test(test_find_by_primary_language),
		cmocka_unit_test(test_pick_order),
		cmocka_unit_test(test_french_plan),
		cmocka_unit_test(test_unknown_lang_keeps_english),
		cmocka_unit_test(test_locale_fallback),
		cmocka_unit_test(test_routine_text_cannot_carry_the_marker),
		cmocka_unit_test(test_voice_language_is_not_the_screen),
		cmocka_unit_test(test_pick_follows_language),
		cmocka_unit_test(test_pick_is_the_screens),
		cmocka_unit_test(test_recording_names_no_key),
		cmocka_unit_test(test_preamble_note_kept),
		cmocka_unit_test(test_preamble_paced),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
