/*
 * Unit tests for the session's key table (src/keys.c): the keys each
 * front end relies on, and help lines that fit the screen's 40x12 box.
 */
#undef NDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "keys.h"

static void
test_actions(void **state)
{
	(void)state;
	assert_int_equal(keys_action(' '), KEY_ACT_SPACE);
	assert_int_equal(keys_action('\n'), KEY_ACT_RELEASE);
	assert_int_equal(keys_action(KEYS_ENTER), KEY_ACT_RELEASE);
	assert_int_equal(keys_action('p'), KEY_ACT_PAUSE);
	assert_int_equal(keys_action('n'), KEY_ACT_NEXT);
	assert_int_equal(keys_action(KEYS_RIGHT), KEY_ACT_NEXT);
	assert_int_equal(keys_action('b'), KEY_ACT_BACK);
	assert_int_equal(keys_action(KEYS_LEFT), KEY_ACT_BACK);
	assert_int_equal(keys_action('+'), KEY_ACT_PLUS10);
	assert_int_equal(keys_action(KEYS_UP), KEY_ACT_PLUS10);
	assert_int_equal(keys_action('-'), KEY_ACT_MINUS10);
	assert_int_equal(keys_action(KEYS_DOWN), KEY_ACT_MINUS10);
	assert_int_equal(keys_action('!'), KEY_ACT_STOP_NOW);
	assert_int_equal(keys_action('q'), KEY_ACT_QUIT);
	assert_int_equal(keys_action('m'), KEY_ACT_MUTE);
	assert_int_equal(keys_action('v'), KEY_ACT_VOICE);
	assert_int_equal(keys_action('?'), KEY_ACT_HELP);
	/* Digits are pain ratings, handled by the prompt, not the table. */
	assert_int_equal(keys_action('5'), KEY_ACT_NONE);
	assert_int_equal(keys_action('z'), KEY_ACT_NONE);
}

static void
test_help_fits(void **state)
{
	const struct key_help	*kh;
	size_t			 i, n;

	(void)state;
	kh = keys_help(&n);
	assert_true(n > 5 && n <= 10);	/* 12 rows less the box's two */
	for (i = 0; i < n; i++) {
		assert_true(strlen(kh[i].keys) < 8);
		assert_true(8 + strlen(kh[i].what) <= 36);
	}
	assert_non_null(strstr(keys_line(), "! STOP NOW"));
	assert_non_null(strstr(keys_line(), "Enter end a hold until release "
	    "(so does space)"));
	/* --plain reads lines: no arrow keys, no help box to close, and an
	 * empty line is space. */
	assert_null(strstr(keys_line(), "right, left"));
	assert_null(strstr(keys_line(), "up, down"));
	assert_null(strstr(keys_line(), "closes"));
	assert_non_null(strstr(keys_line(), "n  b next / back;"));
	assert_non_null(strstr(keys_line(), "(so does an empty line)"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_help_fits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
