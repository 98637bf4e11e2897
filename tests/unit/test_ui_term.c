/*
 * Unit tests for the screen's text helpers (src/ui_term.c) on a real
 * ncurses screen: what ui_put, ui_addn and ui_bar leave in the cells, read
 * back with mvin_wchnstr. The terminal's output goes to a file (xterm's
 * escapes), so the test needs no terminal.
 */
#undef NDEBUG
#define _XOPEN_SOURCE_EXTENDED 1
#include <sys/stat.h>

#include <fcntl.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <cmocka.h>
#include <ncurses.h>

#include "frontend.h"
#include "ui.h"

/* The characters of row y from x, n cells, into out (NUL-ended). */
static void
cells(int y, int x, int n, wchar_t *out)
{
	cchar_t	c[200];
	wchar_t	wc[CCHARW_MAX + 1];
	attr_t	a;
	short	pair;
	int	i;

	assert_true(n < 200);
	assert_int_not_equal(mvin_wchnstr(y, x, c, n), ERR);
	for (i = 0; i < n; i++) {
		assert_int_not_equal(getcchar(&c[i], wc, &a, &pair, NULL),
		    ERR);
		out[i] = wc[0];
	}
	out[n] = L'\0';
}

static int	saved_out = -1;		/* the test's own stdout */

/* Point stdout at a scratch file (on 1), or back at the test's (on 0). */
static void
screen_out(int on)
{
	char	path[] = "/tmp/knead-ui-XXXXXX";
	int	fd;

	fflush(stdout);
	if (!on) {
		dup2(saved_out, STDOUT_FILENO);
		return;
	}
	if (saved_out == -1)
		saved_out = dup(STDOUT_FILENO);
	assert_int_not_equal(fd = mkstemp(path), -1);
	unlink(path);
	dup2(fd, STDOUT_FILENO);
	close(fd);
}

/* Start the screen in locale loc; its escapes go to a scratch file. */
static int
start(const char *loc)
{
	const char	*why;
	int		 rc;

	if (setlocale(LC_ALL, loc) == NULL)
		return (-1);
	setenv("TERM", "xterm", 1);
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	screen_out(1);
	rc = ui_term_start(&why);
	screen_out(0);
	return (rc);
}

/*
 * A TERM terminfo does not know: the start fails with the reason and
 * writes nothing (the run goes on line by line on that terminal), and a
 * later start on a known TERM works (nothing was left half started).
 */
static void
test_unknown_term(void **state)
{
	const char	*why = NULL;
	struct stat	 st;
	int		 rc;

	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	setenv("TERM", "xyzzy-no-such", 1);
	screen_out(1);
	rc = ui_term_start(&why);
	assert_int_equal(fstat(STDOUT_FILENO, &st), 0);
	screen_out(0);
	assert_int_equal(rc, -1);
	assert_non_null(why);
	assert_non_null(strstr(why, "terminfo"));
	assert_int_equal(st.st_size, 0);
	assert_int_equal(ui_term_active(), 0);
	assert_int_equal(start("C.UTF-8"), 0);
	assert_int_equal(ui_term_active(), 1);
	screen_out(1);
	ui_term_stop();
	screen_out(0);
}

static int
setup_utf8(void **state)
{
	(void)state;
	return (start("C.UTF-8"));
}

static int
setup_ascii(void **state)
{
	(void)state;
	return (start("C"));
}

static int
teardown(void **state)
{
	(void)state;
	screen_out(1);
	ui_term_stop();
	screen_out(0);
	return (0);
}

static void
test_utf8_text(void **state)
{
	wchar_t	got[200];
	char	lng[301];

	(void)state;
	assert_true(ui_utf8());
	erase();
	/* é (2 bytes) and ● (3 bytes) land in one cell each. */
	assert_int_equal(ui_put(0, 0, 80, "caf\xc3\xa9 \xe2\x97\x8f"), 6);
	cells(0, 0, 6, got);
	assert_true(wcscmp(got, L"caf\u00e9 \u25cf") == 0);
	/* Cut to 5 columns: four characters and one ellipsis. */
	assert_int_equal(ui_put(1, 0, 5, "abcdefgh"), 5);
	cells(1, 0, 6, got);
	assert_true(wcscmp(got, L"abcd\u2026 ") == 0);
	/* A double-width character takes two columns, and is not split. */
	assert_int_equal(ui_put(2, 0, 80, "\xe6\x97\xa5x"), 3);
	cells(2, 2, 1, got);
	assert_true(got[0] == L'x');
	assert_int_equal(ui_put(3, 0, 2, "\xe6\x97\xa5\xe6\x97\xa5"), 1);
	cells(3, 0, 1, got);
	assert_true(got[0] == L'\u2026');
	/* Bytes that are not UTF-8 show as one '?', never raw. */
	ui_addn(4, 0, "a\xff" "b\xe2\x80" "c", 6);
	cells(4, 0, 5, got);
	assert_true(wcscmp(got, L"a?b?c") == 0);
	/* Wider than ui_addn's buffer (256): added whole, in pieces. */
	memset(lng, 'x', sizeof lng - 1);
	lng[sizeof lng - 1] = '\0';
	lng[299] = 'y';
	assert_int_equal(ui_put(6, 0, 300, lng), COLS);
	cells(6, COLS - 1, 1, got);
	assert_true(got[0] == L'\u2026');	/* cut at the screen's edge */
	resize_term(24, 320);
	erase();
	assert_int_equal(ui_put(6, 0, 300, lng), 300);
	cells(6, 298, 2, got);
	assert_true(wcscmp(got, L"xy") == 0);
	resize_term(24, 80);
	/* ui_addn stops at n bytes, before the end of the string. */
	ui_addn(5, 0, "abcdef", 3);
	cells(5, 0, 4, got);
	assert_true(wcscmp(got, L"abc ") == 0);
}

/*
 * A long instruction's pages end between sentences: the last sentence of
 * the levator step, its safety advice, is read whole on a page of its
 * own (a tester at 60x15 saw "Tingling in the" on one page and "arm:
 * move off at once." on the next), and each page is drawn from its line.
 */
static void
test_pages(void **state)
{
	static const char text[] = "Swing the arm to feel the top inner "
	    "corner of the shoulder blade. Put the ball just above that "
	    "corner, two finger-widths out from the spine, at the base of "
	    "the neck on your back: off the spine and off the side of the "
	    "neck. Lean in on the tender knot and stay still. Tingling in "
	    "the arm: move off at once.";
	wchar_t	got[80];
	int	first[9], n;

	(void)state;
	n = ui_pages(58, 5, text, first, 8);
	assert_int_equal(n, 2);
	assert_int_equal(first[0], 0);
	assert_int_equal(first[1], 5);
	assert_int_equal(first[2], 7);
	erase();
	ui_wrap_sentences(0, 0, 58, first[1], first[2] - first[1], text);
	cells(1, 0, 38, got);
	assert_true(wcscmp(got, L"Tingling in the arm: move off at once.") ==
	    0);
	/* One sentence longer than a page is cut where the page ends. */
	n = ui_pages(20, 2, "One two three four five six seven eight nine "
	    "ten eleven twelve.", first, 8);
	assert_int_equal(n, 2);
	assert_int_equal(first[1], 2);
	/* The cap on pages holds. */
	n = ui_pages(10, 1, text, first, 3);
	assert_int_equal(n, 3);
}

static void
test_utf8_bar(void **state)
{
	wchar_t	got[200];

	(void)state;
	erase();
	ui_bar(0, 2, 10, 500);
	cells(0, 0, 13, got);
	assert_true(wcscmp(got, L"  \u2588\u2588\u2588\u2588\u2588"
	    L"\u00b7\u00b7\u00b7\u00b7\u00b7 ") == 0);
	ui_bar(1, 0, 4, 1000);		/* full: no dots */
	cells(1, 0, 5, got);
	assert_true(wcscmp(got, L"\u2588\u2588\u2588\u2588 ") == 0);
	ui_bar(2, 0, 4, 0);		/* empty: no blocks */
	cells(2, 0, 5, got);
	assert_true(wcscmp(got, L"\u00b7\u00b7\u00b7\u00b7 ") == 0);
}

static void
test_ascii_locale(void **state)
{
	wchar_t	got[200];

	(void)state;
	assert_false(ui_utf8());
	erase();
	/* Spelt in ASCII: the terminal would show UTF-8 bytes as garbage. */
	assert_int_equal(ui_put(0, 0, 80, "\xc3\xa9paule \xe2\x86\x92 court"),
	    15);
	cells(0, 0, 15, got);
	assert_true(wcscmp(got, L"epaule -> court") == 0);
	assert_int_equal(ui_put(1, 0, 5, "abcdefgh"), 5);
	cells(1, 0, 5, got);
	assert_true(wcscmp(got, L"abcd~") == 0);
	ui_bar(2, 0, 4, 500);
	cells(2, 0, 4, got);
	assert_true(wcscmp(got, L"##..") == 0);
}

int
main(void)
{
	const struct CMUnitTest utf8[] = {
		cmocka_unit_test(test_utf8_text),
		cmocka_unit_test(test_utf8_bar),
		cmocka_unit_test(test_pages),
	};
	const struct CMUnitTest ascii[] = {
		cmocka_unit_test(test_ascii_locale),
	};
	const struct CMUnitTest first[] = {
		cmocka_unit_test(test_unknown_term),
	};
	int	rc;

	rc = cmocka_run_group_tests(first, NULL, NULL);
	rc += cmocka_run_group_tests(utf8, setup_utf8, teardown);
	return (rc + cmocka_run_group_tests(ascii, setup_ascii, teardown));
}
