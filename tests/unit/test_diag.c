/*
 * Unit tests for src/diag.c: the terminal-safe text helpers (diag_safe,
 * diag_clean) with hostile input, and the diagnostics that use them.
 */
#undef NDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"

/* What diag_safe prints for s. */
static char *
printed(const char *s)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp;

	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	diag_safe(fp, s);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

/* Both forms, and diag_clean in place, give want for in. */
static void
check(const char *in, const char *want)
{
	char	 out[256], same[256];
	char	*s;

	s = printed(in);
	assert_string_equal(s, want);
	free(s);
	diag_clean(in, out, sizeof out);
	assert_string_equal(out, want);
	snprintf(same, sizeof same, "%s", in);
	diag_clean(same, same, sizeof same);
	assert_string_equal(same, want);
}

/* CSI erase-display, OSC 52 (sets the clipboard), bell. */
static void
test_c0_escapes(void **state)
{
	(void)state;
	check("a\x1b[2Jb", "a?[2Jb");
	check("\x1b]52;c;aGk=\x07", "?]52;c;aGk=?");
	check("\x1b]52;c;aGk=\x1b\\", "?]52;c;aGk=?\\");
	check("line\nnext\ttab\r", "line?next?tab?");
}

static void
test_del(void **state)
{
	(void)state;
	check("a\x7f" "b", "a?b");
	check("\x7f\x7f", "??");
}

/* U+009B in UTF-8 is CSI to a terminal that honours C1 controls. */
static void
test_c1(void **state)
{
	(void)state;
	check("x\xc2\x9b" "2J", "x?2J");
	check("\xc2\x80\xc2\x9f", "??");
	check("\xc2\x9d" "52;c;aGk=\xc2\x9c", "?52;c;aGk=?");
	/* U+00A0 is the first that is not a control. */
	check("\xc2\xa0", "\xc2\xa0");
}

/*
 * The line and paragraph separators (a terminal breaks the line or shows
 * nothing) and the bidirectional overrides, as the loader refuses them.
 */
static void
test_separators_bidi(void **state)
{
	(void)state;
	check("a\xe2\x80\xa8" "b", "a?b");
	check("a\xe2\x80\xa9" "b", "a?b");
	check("\xe2\x80\xae" "fdp.exe", "?fdp.exe");
	check("\xe2\x81\xa6x\xe2\x81\xa9", "?x?");
	/* Their neighbours pass. */
	check("\xe2\x80\xa7\xe2\x80\xaf", "\xe2\x80\xa7\xe2\x80\xaf");
}

/* A bare 0x9B is CSI to an 8-bit terminal; other bytes that are not UTF-8. */
static void
test_invalid_utf8(void **state)
{
	(void)state;
	check("\x9b" "2J", "?2J");
	check("caf\xe9", "caf?");
	check("\xc0\xaf", "??");			/* overlong '/' */
	check("\xe0\x80\x9b", "?");			/* overlong CSI */
	check("\xed\xa0\x80", "?");			/* surrogate */
	check("\xf4\x90\x80\x80", "?");		/* past U+10FFFF */
	check("\xe2\x86" "x", "?x");			/* cut short */
	check("\xe2", "?");
	check("\xff\xfe", "??");
}

static void
test_utf8_passes(void **state)
{
	(void)state;
	check("\xc3\xa9paule", "\xc3\xa9paule");		/* é */
	check("\xe2\x86\x92 ok", "\xe2\x86\x92 ok");		/* → */
	check("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");	/* U+1F600 */
	check("Stra\xc3\x9f" "e, \xe6\x97\xa5\xe6\x9c\xac",
	    "Stra\xc3\x9f" "e, \xe6\x97\xa5\xe6\x9c\xac");
}

static void
test_empty(void **state)
{
	char	 out[4] = "zzz";
	char	*s;

	(void)state;
	check("", "");
	s = printed(NULL);
	assert_string_equal(s, "");
	free(s);
	/* No room: out untouched; room for the NUL only: empty. */
	diag_clean("abc", out, 0);
	assert_string_equal(out, "zzz");
	diag_clean("abc", out, 1);
	assert_string_equal(out, "");
}

/* diag_clean cuts between characters, never inside one. */
static void
test_cut(void **state)
{
	char	out[8];

	(void)state;
	diag_clean("\xc3\xa9\xc3\xa9\xc3\xa9", out, 4);
	assert_string_equal(out, "\xc3\xa9");
	diag_clean("ab\xf0\x9f\x98\x80", out, 6);
	assert_string_equal(out, "ab");
	diag_clean("\x1b\x1b\x1b\x1b", out, 3);
	assert_string_equal(out, "??");
}

/* Paths and messages of diagnostics are cleaned when added. */
static void
test_diag_add(void **state)
{
	struct diag_list dl;
	char		 buf[256];

	(void)state;
	diag_init(&dl);
	diag_add(&dl, DIAG_WARNING, "a\x1b[2J\x9b.yaml", 3, 7,
	    "'%s' is odd", "\xc2\x9b" "31m\xe2\x86\x92");
	diag_format(&dl.v[0], buf, sizeof buf);
	assert_string_equal(buf,
	    "a?[2J?.yaml:3:7: warning: '?31m\xe2\x86\x92' is odd");
	assert_int_equal(dl.warnings, 1);
	diag_clear(&dl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_c0_escapes),
		cmocka_unit_test(test_del),
		cmocka_unit_test(test_c1),
		cmocka_unit_test(test_separators_bidi),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_utf8_passes),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_diag_add),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
