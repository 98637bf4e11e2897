/*
 * The words of a rest-limit refusal (refusal.h).
 */
#include "refusal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "areas.h"
#include "compat.h"
#include "dates.h"
#include "halt_why.h"
#include "history.h"
#include "i18n.h"
#include "routine.h"
#include "shword.h"
#include "xmalloc.h"

/* A growing text: every line of the refusal appended in turn. */
struct text {
	char	*s;
	size_t	 len;
};

static void	 add(struct text *, const char *, ...) printflike(2, 3);

static void
add(struct text *t, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	t->s = xreallocarray(t->s, t->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(t->s + t->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

void
refusal_left(int64_t s, char *buf, size_t len)
{
	int64_t	m;

	if (s < 0)
		s = 0;
	m = (s + 59) / 60;
	if (m < 60)
		snprintf(buf, len, _("%lld min"), (long long)m);
	else if (m < 72 * 60) {
		if (m % 60 == 0)
			snprintf(buf, len, _("%lld h"), (long long)(m / 60));
		else
			snprintf(buf, len, _("%lld h %lld min"),
			    (long long)(m / 60), (long long)(m % 60));
	} else {
		m = (m + 59) / 60;	/* whole hours, rounded up */
		if (m % 24 == 0)
			snprintf(buf, len, _("%lld d"), (long long)(m / 24));
		else
			snprintf(buf, len, _("%lld d %lld h"), (long long)(m / 24),
			    (long long)(m % 24));
	}
}

/* The line of a per-week or per-month cap (an entry with no area). */
static void
add_cap(struct text *t, const char *id, const struct resting *x,
    const char *when, const char *left)
{
	if (x->rule == RULE_MONTH) {
		add(t, ngettext("%s has had %d session in the last 30 days "
		    "(limits.per-month: at most %d); the next one is allowed "
		    "%s (%s).\n", "%s has had %d sessions in the last 30 days "
		    "(limits.per-month: at most %d); the next one is allowed "
		    "%s (%s).\n", (unsigned long)x->count), id, x->count,
		    x->limit, when, left);
		return;
	}
	add(t, ngettext("%s has had %d session in the last 7 days (at most "
	    "%d); the next one is allowed %s (%s).\n", "%s has had %d "
	    "sessions in the last 7 days (at most %d); the next one is "
	    "allowed %s (%s).\n", (unsigned long)x->week_count), id,
	    x->week_count, x->per_week, when, left);
	if (x->clock_behind)
		add(t, _("The clock is behind the last session of %s: check "
		    "the date and time.\n"), id);
}

/* The line of one resting area and side. */
static void
add_area(struct text *t, const struct resting *x, const char *when,
    const char *left)
{
	char	a[160];

	area_side_label(x->area->id, side_id(x->side), a, sizeof a);
	if (x->rule == RULE_BLOCKED && x->free_at > x->checked_at)
		add(t, _("%s is still sore more than 72 h after a session, or "
		    "getting worse (%d/10 at the last check-in): it is blocked. "
		    "See a doctor or physiotherapist before working it again. "
		    "The block clears when you answer the check-in \"is it "
		    "still sore?\" below 4/10; knead asks it when it starts, "
		    "from %s (%s).\n"), a, x->count, when, left);
	else if (x->rule == RULE_BLOCKED)
		add(t, _("%s is still sore more than 72 h after a session, or "
		    "getting worse (%d/10 at the last check-in): it is blocked. "
		    "See a doctor or physiotherapist before working it again. "
		    "The block clears when you answer the check-in \"is it "
		    "still sore?\" below 4/10; knead asks it the next time it "
		    "starts.\n"), a, x->count);
	else if (halt_why_hold(x) == HALT_HOLD_STILL &&
	    halt_why_no_override(x))
		add(t, _("See a doctor or physiotherapist before you work %s "
		    "again: it was stopped for %s, near the nerves to the arm, "
		    "and you did not say it was seen and is gone.\n"), a,
		    halt_why_rest_words(x));
	else if (halt_why_hold(x) == HALT_HOLD_STILL)
		/* What holds it first: a status line shows one row. */
		add(t, _("%s is not worked until the pain, numbness or "
		    "tingling is gone: it was stopped for it, and you said it "
		    "is still there (or did not answer). See a doctor or "
		    "physiotherapist if it lasts, comes back or spreads.\n"),
		    a);
	else if (halt_why_hold(x) == HALT_HOLD_HURT)
		add(t, _("%s hurt %d/10 during a session (8 or more stops its "
		    "work): it is not worked again until %s (%s), and only when "
		    "the pain is gone.\n"), a, x->count, when, left);
	else if (halt_why_hold(x) == HALT_HOLD_ANSWERED &&
	    halt_why_no_override(x))
		/* The advice first: a status line shows one row. */
		add(t, _("See a doctor or physiotherapist before you work %s "
		    "again: it was halted (!) for %s, near the nerves to the "
		    "arm; not before %s (%s).\n"), a, halt_why_rest_words(x),
		    when, left);
	else if (halt_why_hold(x) == HALT_HOLD_ANSWERED)
		add(t, _("%s was halted (!) for %s: it is not worked again "
		    "until %s (%s), and only when the symptoms are gone.\n"),
		    a, halt_why_rest_words(x), when, left);
	else if (halt_why_hold(x) == HALT_HOLD_PAIN)
		add(t, _("%s was halted for pain (!): it is not worked again "
		    "until %s (%s), and only when the symptoms are gone.\n"),
		    a, when, left);
	else if (x->rule == RULE_SORE && x->limit == AFTER_BLOCK_S / 3600)
		add(t, _("%s was still sore at a check-in (%d/10): it rests "
		    "until 72 h after the session, %s (%s); if it is still sore "
		    "then, it is blocked until it is better.\n"), a, x->count,
		    when, left);
	else if (x->rule == RULE_SORE)
		add(t, _("%s was rated %d/10 the day after a session: it rests "
		    "48 h after that session, until %s (%s), and longer if it "
		    "is still sore.\n"), a, x->count, when, left);
	else if (x->rule == RULE_DEEP)
		add(t, _("%s has had %d deep sessions in the last 30 days (at "
		    "most %d a month for deep work); deep work is allowed again "
		    "%s (%s), gentle work on it is allowed now.\n"), a,
		    x->count, x->limit, when, left);
	else if (x->clock_behind)
		add(t, _("%s rests until %s (%s): the clock is behind the last "
		    "session that worked it, so it is treated as resting; "
		    "check the date and time.\n"), a, when, left);
	else if (x->in_progress)
		add(t, _("%s is being worked by a session running now; it "
		    "rests until %s (%s).\n"), a, when, left);
	else
		add(t, _("%s rests until %s (%s).\n"), a, when, left);
}

/* The choice left: the run without the n resting areas, by cmd. */
static void
add_skip(struct text *t, size_t n, const char *cmd)
{
	add(t, ngettext("Run without it: knead run %s --skip-resting (or s "
	    "and Enter on the home screen).\n", "Run without them: knead run "
	    "%s --skip-resting (or s and Enter on the home screen).\n", n),
	    cmd);
}

char *
refusal_text_as(const struct routine *r, const char *run_as,
    const struct resting *x, size_t n)
{
	struct text	 t = { NULL, 0 };
	char		 when[64], left[64], *cmd;
	const char	*id = r != NULL && r->id.s != NULL ? r->id.s :
			    "ROUTINE";
	size_t		 i, nareas = 0;

	cmd = sh_word_dup(run_as != NULL ? run_as : id);
	tzset();	/* localtime_r need not notice a changed TZ */
	add(&t, "%s", "");	/* never NULL, even with nothing to say */
	for (i = 0; i < n; i++) {
		dates_when(x[i].free_at, x[i].checked_at, when, sizeof when);
		refusal_left(x[i].free_at - x[i].checked_at, left,
		    sizeof left);
		if (x[i].area == NULL)
			add_cap(&t, id, &x[i], when, left);
		else {
			nareas++;
			add_area(&t, &x[i], when, left);
		}
	}
	if (n > 0 && x[0].nothing_left)
		add(&t, ngettext("Every area %s works is resting: without it "
		    "nothing is left to run.\n", "Every area %s works is "
		    "resting: without them nothing is left to run.\n",
		    nareas), id);
	else if (nareas > 0)
		add_skip(&t, nareas, cmd);
	if (r != NULL && routine_strict(r))
		add(&t, _("%s is strict: the limits its therapist set cannot "
		    "be overridden.\n"), id);
	else if (!refusal_no_override(x, n))
		add(&t, _("Override: knead run %s --override 'reason'\n"), cmd);
	free(cmd);
	return t.s;
}

/* Does no override pass x (see refusal.h)? */
int
refusal_no_override(const struct resting *x, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (halt_why_no_override(&x[i]) ||
		    halt_why_hold(&x[i]) == HALT_HOLD_STILL)
			return (1);
	return (0);
}

/* An override over a halt for pain not taken (see refusal.h). */
char *
refusal_halt_text(const struct routine *r, const char *run_as,
    const struct resting *x, size_t n)
{
	struct text	 t = { NULL, 0 };
	char		 a[160], *cmd;
	const char	*id = r != NULL && r->id.s != NULL ? r->id.s :
			    "ROUTINE";
	size_t		 i, nareas = 0;

	cmd = sh_word_dup(run_as != NULL ? run_as : id);
	add(&t, "%s", "");
	for (i = 0; i < n; i++) {
		if (x[i].rule != RULE_HALTED || x[i].area == NULL)
			continue;
		nareas++;
		area_side_label(x[i].area->id, side_id(x[i].side), a,
		    sizeof a);
		if (halt_why_no_override(&x[i])) {
			/* The advice first: a status line shows one row. */
			add(&t, _("See a doctor or physiotherapist before you "
			    "work %s again: it was stopped for %s, near the "
			    "nerves to the arm, and no override passes it.\n"),
			    a, halt_why_rest_words(&x[i]));
			continue;
		}
		add(&t, _("%s was stopped for pain, numbness or tingling, and "
		    "it is not gone (or was not answered): the override is not "
		    "taken. Do not work it until it is gone; see a doctor or "
		    "physiotherapist if it lasts, comes back or spreads.\n"),
		    a);
	}
	if (nareas > 0)
		add_skip(&t, nareas, cmd);
	free(cmd);
	return t.s;
}
