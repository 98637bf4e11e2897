/*
 * Unit tests for the catalogue reader the voice uses (src/i18n.c): a
 * language's knead.mo read without the locale, its messages found by
 * binary search, with and without a context; damaged files are refused
 * whole, never read past their end.
 */
#undef NDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "i18n.h"

static char	dir[] = "/tmp/knead-test-i18n.XXXXXX";

/* dir/lang/LC_MESSAGES/knead.mo with these bytes. */
static void
put(const char *lang, const void *data, size_t len)
{
	char	path[256];
	FILE	*fp;

	snprintf(path, sizeof path, "%s/%s", dir, lang);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/%s/LC_MESSAGES", dir, lang);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/knead.mo", dir, lang);
	assert_non_null(fp = fopen(path, "wb"));
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

static void
u32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

/*
 * A valid .mo of n sorted (original, translation) pairs, as msgfmt
 * writes it (no hash table: the reader does not need one).
 */
static size_t
mo(unsigned char *buf, size_t cap, const char *const *orig,
    const char *const *trans, uint32_t n)
{
	size_t		off = 28 + 16 * (size_t)n, i, l;
	uint32_t	tab;

	u32(buf, 0x950412de);
	u32(buf + 4, 0);
	u32(buf + 8, n);
	u32(buf + 12, 28);
	u32(buf + 16, 28 + 8 * n);
	u32(buf + 20, 0);
	u32(buf + 24, 0);
	for (tab = 0; tab < 2; tab++) {
		for (i = 0; i < n; i++) {
			const char *s = tab == 0 ? orig[i] : trans[i];

			l = strlen(s);
			assert_true(off + l + 1 <= cap);
			u32(buf + 28 + 8 * (tab * n + i), (uint32_t)l);
			u32(buf + 28 + 8 * (tab * n + i) + 4, (uint32_t)off);
			memcpy(buf + off, s, l + 1);
			off += l + 1;
		}
	}
	return off;
}

static void
test_reads_a_language_without_its_locale(void **state)
{
	static const char *const orig[] = {
		"", "Hand", "spoken\004Press", "upper trapezius"
	};
	static const char *const trans[] = {
		"Content-Type: text/plain; charset=UTF-8\n", "Mano",
		"Presione", "trapecio superior"
	};
	unsigned char	buf[1024];
	char		code[3];

	(void)state;
	put("es", buf, mo(buf, sizeof buf, orig, trans, 4));
	assert_true(i18n_has("es_AR.UTF-8", code));
	assert_string_equal(code, "es");
	assert_string_equal(i18n_in("es", "spoken", "Press"), "Presione");
	assert_string_equal(i18n_in("ES", NULL, "upper trapezius"),
	    "trapecio superior");
	assert_string_equal(i18n_in("es", NULL, "Hand"), "Mano");
	/* The first and the last of the table, and past both ends. */
	assert_null(i18n_find("es", NULL, "A"));
	assert_null(i18n_find("es", NULL, "zzz"));
	/* A context is part of the key. */
	assert_null(i18n_find("es", NULL, "Press"));
	assert_null(i18n_find("es", "other", "Press"));
	/* The header is not a message. */
	assert_null(i18n_find("es", NULL, ""));
	/* English needs no catalogue; the locale was never set. */
	assert_true(i18n_has("en", code));
	assert_string_equal(i18n_in("en", "spoken", "Press"), "Press");
}

static void
test_damaged_catalogues_are_refused(void **state)
{
	unsigned char	buf[64];
	char		code[3];

	(void)state;
	/* fr: not a .mo at all. */
	memset(buf, 'x', sizeof buf);
	put("fr", buf, sizeof buf);
	assert_false(i18n_has("fr", code));
	assert_string_equal(i18n_in("fr", "spoken", "Press"), "Press");
	/* de: the tables point past the end of the file. */
	memset(buf, 0, sizeof buf);
	u32(buf, 0x950412de);
	u32(buf + 8, 1000);
	u32(buf + 12, 28);
	u32(buf + 16, 40);
	put("de", buf, 28);
	assert_false(i18n_has("de", code));
	assert_string_equal(i18n_in("de", NULL, "upper trapezius"),
	    "upper trapezius");
	/* Not a language knead has, or not a language tag. */
	assert_false(i18n_has("pt", code));
	assert_false(i18n_has("x", code));
	assert_false(i18n_has(NULL, code));
	assert_string_equal(i18n_in("french", NULL, "Hand"), "Hand");
}

/*
 * Whether a catalogue could apply: no only when every variable gettext
 * reads names no language with one (the front then skips the locale).
 */
static void
test_may_translate(void **state)
{
	static const struct {
		const char	*language, *all, *messages, *lang;
		int		 want;
	} c[] = {
		{ NULL, NULL, NULL, NULL, 0 },
		{ NULL, NULL, NULL, "C.UTF-8", 0 },
		{ NULL, NULL, NULL, "en_US.UTF-8", 0 },
		{ "en_GB:en", NULL, NULL, "en_GB.UTF-8", 0 },
		{ NULL, NULL, NULL, "fr_FR.UTF-8", 1 },
		{ NULL, NULL, NULL, "de", 1 },
		{ NULL, "es_ES.UTF-8", NULL, "C", 1 },
		{ NULL, NULL, "de_DE.UTF-8", "en_US.UTF-8", 1 },
		{ "en:fr", NULL, NULL, "en_US.UTF-8", 1 },
		{ "pt_BR:es", NULL, NULL, "C", 1 },
		{ "frx", NULL, NULL, "it_IT.UTF-8", 0 },
		{ ":::", "", "", "", 0 },
		{ "fr@euro", NULL, NULL, NULL, 1 },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
#define SET(v, x)	((x) != NULL ? setenv(v, x, 1) : unsetenv(v))
		SET("LANGUAGE", c[i].language);
		SET("LC_ALL", c[i].all);
		SET("LC_MESSAGES", c[i].messages);
		SET("LANG", c[i].lang);
#undef SET
		if (i18n_may_translate() != c[i].want)
			fail_msg("case %zu: want %d", i, c[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_a_language_without_its_locale),
		cmocka_unit_test(test_damaged_catalogues_are_refused),
		cmocka_unit_test(test_may_translate),
	};
	char	cmd[128];
	int	rc;

	/* Read once, at the first lookup: set before anything asks. */
	if (mkdtemp(dir) == NULL)
		return 1;
	setenv("KNEAD_LOCALEDIR", dir, 1);
	unsetenv("LANGUAGE");
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = rc != 0 ? rc : 1;
	return rc;
}
