/*
 * The shell word of a suggested command (shword.c): what sh reads back is
 * the string given, checked by running /bin/sh on it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "shword.h"

/* What sh makes of the word w: printf '%s' w, read back. */
static void
sh_reads(const char *w, char *out, size_t len)
{
	char	cmd[4096];
	FILE	*fp;
	size_t	n;

	snprintf(cmd, sizeof cmd, "printf '%%s' %s", w);
	fp = popen(cmd, "r");
	assert_non_null(fp);
	n = fread(out, 1, len - 1, fp);
	out[n] = '\0';
	assert_int_equal(pclose(fp), 0);
}

static void
test_plain_as_is(void **state)
{
	char	w[64];

	(void)state;
	assert_int_equal(sh_word("/tmp/a-b_c.d/x+y:z@1%,=", w, sizeof w),
	    strlen("/tmp/a-b_c.d/x+y:z@1%,="));
	assert_string_equal(w, "/tmp/a-b_c.d/x+y:z@1%,=");
}

static void
test_quoted_reads_back(void **state)
{
	static const char *const v[] = {
		"it's.db", "/tmp/bad space.yaml", "a$HOME`id`\"b\\c", "",
		"-x", "''", "semi;colon&and|pipe*?[x]~", "new\nline"
	};
	char	w[256], back[256], *d;
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		assert_true(sh_word(v[i], w, sizeof w) < sizeof w);
		assert_int_equal(w[0], '\'');
		d = sh_word_dup(v[i]);
		assert_string_equal(d, w);
		free(d);
		sh_reads(w, back, sizeof back);
		assert_string_equal(back, v[i]);
	}
}

/* A word cut short says so by its length, and is still terminated. */
static void
test_cut(void **state)
{
	char	w[8];

	(void)state;
	memset(w, 'x', sizeof w);
	assert_int_equal(sh_word("it's a long name", w, sizeof w),
	    strlen("'it'\\''s a long name'"));
	assert_int_equal(strlen(w), sizeof w - 1);
	assert_int_equal(sh_word("abc", NULL, 0), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_as_is),
		cmocka_unit_test(test_quoted_reads_back),
		cmocka_unit_test(test_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
