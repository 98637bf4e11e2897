/* Unit tests for the one UTF-8 decoder (src/utf8.c). */
#undef NDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"
#include "../../src/ui_home.h"	/* home_append: typed text */

/* Decode s: want its length (0: bad) and code point, or bad bytes. */
static void
one(const char *s, size_t want, uint32_t want_cp, size_t want_bad)
{
	uint32_t	cp = 0;
	size_t		bad = 99, n;

	n = utf8_next((const unsigned char *)s, strlen(s) + 1, &cp, &bad);
	assert_int_equal(n, want);
	if (want != 0)
		assert_int_equal(cp, want_cp);
	else
		assert_int_equal(bad, want_bad);
}

static void
test_valid(void **state)
{
	(void)state;
	one("a", 1, 'a', 0);
	one("\xc3\xa9", 2, 0xe9, 0);			/* é */
	one("\xe2\x80\xa8", 3, 0x2028, 0);		/* line separator */
	one("\xf0\x9f\x98\x80", 4, 0x1f600, 0);
	one("\xf4\x8f\xbf\xbf", 4, 0x10ffff, 0);
	one("\xc2\x9b", 2, 0x9b, 0);			/* C1 CSI: valid UTF-8 */
}

static void
test_invalid(void **state)
{
	(void)state;
	one("\xc0\x80", 0, 0, 1);		/* overlong NUL: bad lead */
	one("\xe0\x80\x80", 0, 0, 3);		/* overlong */
	one("\xed\xa0\x80", 0, 0, 3);		/* surrogate */
	one("\xf4\x90\x80\x80", 0, 0, 4);	/* past U+10FFFF */
	one("\xe2\x80", 0, 0, 2);		/* cut by the end */
	one("\xe2\x41", 0, 0, 1);		/* missing continuation */
	one("\x80", 0, 0, 1);			/* stray continuation */
	one("\xff", 0, 0, 1);
}

static void
test_len_bound_and_count(void **state)
{
	uint32_t	cp;
	size_t		bad;

	(void)state;
	/* Never reads past len, even with more bytes there. */
	assert_int_equal(utf8_next((const unsigned char *)"\xc3\xa9", 1, &cp,
	    &bad), 0);
	assert_int_equal(bad, 1);
	assert_int_equal(utf8_next((const unsigned char *)"x", 0, &cp, &bad),
	    0);
	assert_int_equal(utf8_count("trap\xc3\xa8ze"), 7);
	assert_int_equal(utf8_count("a\xff" "b"), 3);
	assert_int_equal(utf8_count(""), 0);
}

/* The one rule for what is never written raw. */
static void
test_is_control(void **state)
{
	static const uint32_t	yes[] = { 0, 0x1b, 0x1f, 0x7f, 0x80, 0x9b,
				    0x9f, 0x2028, 0x2029, 0x202a, 0x202e, 0x2066,
				    0x2069 };
	static const uint32_t	no[] = { ' ', 'a', 0xa0, 0xe9, 0x2027,
				    0x202f, 0x2065, 0x206a, 0x200e, 0x1f600 };
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		assert_true(utf8_is_control(yes[i]));
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_false(utf8_is_control(no[i]));
}

/* The bytes a character takes, from its first. */
static void
test_lead_len(void **state)
{
	(void)state;
	assert_int_equal(utf8_lead_len('a'), 1);
	assert_int_equal(utf8_lead_len(0xc3), 2);	/* é */
	assert_int_equal(utf8_lead_len(0xe2), 3);	/* € */
	assert_int_equal(utf8_lead_len(0xf0), 4);
	assert_int_equal(utf8_lead_len(0x80), 0);	/* continuation */
	assert_int_equal(utf8_lead_len(0xc0), 0);	/* overlong only */
	assert_int_equal(utf8_lead_len(0xf5), 0);	/* past U+10FFFF */
}

/*
 * Typed text keeps whole characters: a first byte goes in only with room
 * for all of its bytes, a stray continuation byte not at all (the filter
 * and the override reason kept half an "é" when full).
 */
static void
test_home_append(void **state)
{
	char	s[5] = "abc";
	char	t[8] = "";

	(void)state;
	/* "é" (c3 a9) needs 2 bytes and the NUL: 3 + 2 + 1 > 5. */
	home_append(s, sizeof s, 0xc3);
	home_append(s, sizeof s, 0xa9);
	assert_string_equal(s, "abc");
	home_append(s, sizeof s, 'd');
	assert_string_equal(s, "abcd");
	/* "€" (e2 82 ac) whole, then a stray continuation byte dropped. */
	home_append(t, sizeof t, 0xe2);
	home_append(t, sizeof t, 0x82);
	home_append(t, sizeof t, 0xac);
	home_append(t, sizeof t, 0xac);
	assert_string_equal(t, "\xe2\x82\xac");
	/* A byte that starts nothing is not kept. */
	home_append(t, sizeof t, 0xc0);
	assert_string_equal(t, "\xe2\x82\xac");
	home_append(t, sizeof t, 0xc3);
	home_append(t, sizeof t, 0xa9);
	assert_string_equal(t, "\xe2\x82\xac\xc3\xa9");
	/* Full: 5 bytes and the NUL of 8, a 3-byte character does not go. */
	home_append(t, sizeof t, 0xe2);
	assert_string_equal(t, "\xe2\x82\xac\xc3\xa9");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_is_control),
		cmocka_unit_test(test_lead_len),
		cmocka_unit_test(test_home_append),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_len_bound_and_count),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
