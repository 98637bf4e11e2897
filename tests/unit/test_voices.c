/*
 * Unit tests for src/voices.c: voices_has must agree with what speech_open
 * picks, so that the validator warns exactly when a session would fall back
 * to English.
 */
#undef NDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "compat.h"
#include "speech.h"
#include "voices.h"

static void
test_agrees_with_speech_open(void **state)
{
	static const char *const tags[] = {
		"en", "fr", "fr-FR", "pt-BR", "pt-br", "en_GB", "en-gb", "de",
		"de-DE", "German", "klingon", "xx", "xx-YY", "qq-zz", "zh",
		"cmn", "en-US", "es-419", "sv_SE", "nb", "abcdefgh",
		"en-GB-x-rp-extended"
	};
	struct speech	*sp;
	size_t		 i;
	int		 has;

	(void)state;
	if (voices_has("en") < 0)
		skip();
	for (i = 0; i < nitems(tags); i++) {
		has = voices_has(tags[i]);
		sp = speech_open(tags[i]);
		assert_non_null(sp);
		if (has != speech_speaks(sp, tags[i]))
			fail_msg("%s: voices_has %d, speech_open picked %s",
			    tags[i], has, speech_lang(sp));
		speech_close(sp);
	}
	assert_int_equal(voices_has("en"), 1);
	assert_int_equal(voices_has("xx"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_agrees_with_speech_open),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
