/*
 * Why a session was halted (see halt_why.h). The words are DOMAIN.md's
 * in-session stop triggers (sharp pain, numbness or tingling, electric or
 * shooting pain); the clinician line is DOMAIN 3.6, "See a clinician soon:
 * neck pain with persistent arm/hand numbness, pins and needles or
 * weakness".
 */
#include "halt_why.h"

#include <stddef.h>
#include <string.h>

#include "areas.h"
#include "history.h"
#include "i18n.h"

const char *const halt_why_question =
    N_("What made you stop? p sharp pain, n numbness or tingling, "
    "s shooting or electric pain, o something else.");
const char *const halt_why_question_spoken = NC_("spoken",
    "What made you stop? Press p for sharp pain, n for numbness or "
    "tingling, s for shooting or electric pain, or o for something else. "
    "Enter skips.");
const char *const halt_why_skip =
    N_("Enter skips");
const char *const halt_why_clinician =
    N_("Numbness, tingling or shooting pain near the neck or arm can come "
    "from a nerve: see a doctor or physiotherapist soon, before you work "
    "this area again.");

static const struct {
	int		 key;
	const char	*word;
	const char	*words;
} whys[] = {
	{ 'p', HALT_WHY_SHARP, N_("sharp pain") },
	{ 'n', HALT_WHY_NUMB, N_("numbness or tingling") },
	{ 's', HALT_WHY_SHOOTING, N_("shooting or electric pain") },
	{ 'o', HALT_WHY_OTHER, N_("something else") },
};
#define NWHYS	(sizeof whys / sizeof whys[0])

/* The stored word of key ch, NULL for no answer. */
const char *
halt_why_of_key(int ch)
{
	size_t	i;

	if (ch >= 'A' && ch <= 'Z')
		ch += 'a' - 'A';
	for (i = 0; i < NWHYS; i++)
		if (whys[i].key == ch)
			return (whys[i].word);
	return (NULL);
}

/* The answer as a number 1 to 4, 0 none (see halt_why.h). */
int
halt_why_code(const char *w)
{
	size_t	i;

	for (i = 0; w != NULL && i < NWHYS; i++)
		if (strcmp(whys[i].word, w) == 0)
			return ((int)i + 1);
	return (0);
}

/* The stored word of code (1 to 4), NULL for any other. */
const char *
halt_why_of_code(int code)
{
	if (code < 1 || (size_t)code > NWHYS)
		return (NULL);
	return (whys[code - 1].word);
}

/* Is w one of the stored words? */
int
halt_why_known(const char *w)
{
	return (halt_why_code(w) != 0);
}

/* The words for stored word w, untranslated; NULL for none or unknown. */
const char *
halt_why_msgid(const char *w)
{
	int	code = halt_why_code(w);

	return (code == 0 ? NULL : whys[code - 1].words);
}

/* The same in the screen's language. */
const char *
halt_why_words(const char *w)
{
	const char	*m = halt_why_msgid(w);

	return (m == NULL ? NULL : _(m));
}

/* Nerve symptoms over the nerves to the arm: see a clinician. */
int
halt_why_see_clinician(const char *w, const struct area *a)
{
	if (w == NULL || (strcmp(w, HALT_WHY_NUMB) != 0 &&
	    strcmp(w, HALT_WHY_SHOOTING) != 0))
		return (0);
	return (area_arm_nerves(a));
}

/* The stored answer of the halt that holds x, NULL for none. */
static const char *
halt_why_of_rest(const struct resting *x)
{
	if (x->rule != RULE_HALTED || x->count >= 0)
		return (NULL);
	return (halt_why_of_code(-x->count));
}

/* No override over a nerve symptom near the arm (see halt_why.h). */
int
halt_why_no_override(const struct resting *x)
{
	return (x->area != NULL &&
	    halt_why_see_clinician(halt_why_of_rest(x), x->area));
}

/* What made the halt that holds x, in words (see halt_why.h). */
const char *
halt_why_rest_words(const struct resting *x)
{
	return (halt_why_words(halt_why_of_rest(x)));
}

/* Which halt holds x (see halt_why.h). */
enum halt_hold
halt_why_hold(const struct resting *x)
{
	if (x->rule != RULE_HALTED)
		return (HALT_HOLD_NONE);
	if (x->free_at <= x->checked_at)
		return (HALT_HOLD_STILL);
	if (x->count > 0)
		return (HALT_HOLD_HURT);
	return (halt_why_rest_words(x) != NULL ? HALT_HOLD_ANSWERED :
	    HALT_HOLD_PAIN);
}
