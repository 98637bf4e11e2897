/*
 * The routine model: allocation, release, enum names and the effective
 * values of optional settings (ROUTINE-FORMAT.md, "Limits").
 */
#include "routine.h"

#include <stdlib.h>

#include "i18n.h"
#include "xmalloc.h"


/* A new, empty routine: every field absent. */
struct routine *
routine_new(void)
{
	return xcalloc(1, sizeof (struct routine));
}

/* Free an array of n strings and the array itself. */
static void
free_strings(char **v, size_t n)
{
	size_t	i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Free r and every string it owns; NULL is a no-op. */
void
routine_free(struct routine *r)
{
	size_t	i;

	if (r == NULL)
		return;
	free(r->path);
	free(r->id.s);
	free(r->title.s);
	free(r->summary.s);
	free_strings(r->tags, r->ntags);
	free(r->homework.by.s);
	free(r->homework.for_whom.s);
	free(r->homework.from.s);
	free(r->homework.until.s);
	free(r->homework.note.s);
	free_strings(r->screen, r->nscreen);
	free(r->screen_items);
	free(r->cues.lang.s);
	for (i = 0; i < r->nsteps; i++) {
		free(r->steps[i].area_id.s);
		free(r->steps[i].say.s);
	}
	free(r->steps);
	free(r);
}

/* The word a routine uses for a step kind. */
const char *
step_kind_id(enum step_kind k)
{
	switch (k) {
	case STEP_POSITION:
		return "position";
	case STEP_PRESS:
		return "press";
	case STEP_ROLL:
		return "roll";
	case STEP_STRETCH:
		return "stretch";
	case STEP_CONTRACT_RELAX:
		return "contract-relax";
	case STEP_BREATHE:
		return "breathe";
	case STEP_REST:
		return "rest";
	case STEP_MOVE:
		return "move";
	default:
		return "";
	}
}

int
sides_meet(enum side a, enum side b)
{
	return a == b || a == SIDE_NONE || b == SIDE_NONE;
}

/* The word a routine uses for a side; "" for none. */
const char *
side_id(enum side s)
{
	switch (s) {
	case SIDE_LEFT:
		return "left";
	case SIDE_RIGHT:
		return "right";
	case SIDE_BOTH:
		return "both";
	default:
		return "";
	}
}

/* The word a routine uses for an intensity. */
const char *
intensity_id(enum intensity i)
{
	switch (i) {
	case INTENSITY_GENTLE:
		return "gentle";
	case INTENSITY_DEEP:
		return "deep";
	default:
		return "moderate";
	}
}

/* The intensity as the screen says it, in the user's language. */
const char *
intensity_label(enum intensity i)
{
	switch (i) {
	case INTENSITY_GENTLE:
		return _("gentle");
	case INTENSITY_DEEP:
		return _("deep");
	default:
		return _("moderate");
	}
}

/* The word a routine uses for a screening urgency. */
const char *
screen_urgency_id(enum screen_urgency u)
{
	switch (u) {
	case SCREEN_EMERGENCY:
		return "emergency";
	case SCREEN_URGENT:
		return "urgent";
	default:
		return "clinician";
	}
}

/* What to do after a "yes" of urgency u (DOMAIN.md 3.6). */
const char *
screen_advice(enum screen_urgency u)
{
	switch (u) {
	case SCREEN_EMERGENCY:
		return N_("This can be an emergency: go to an emergency "
		    "department now, or call your emergency number.");
	case SCREEN_URGENT:
		return N_("Please see a doctor today, before any massage of "
		    "this area.");
	default:
		return N_("Please see a doctor or physiotherapist before "
		    "working this area.");
	}
}

/* The urgency of screening question i. */
enum screen_urgency
routine_screen_urgency(const struct routine *r, size_t i)
{
	if (r->screen_items == NULL || i >= r->nscreen)
		return SCREEN_CLINICIAN;
	return r->screen_items[i].urgency;
}

/* limits.per-month; none (0) by default. */
int64_t
routine_per_month(const struct routine *r)
{
	return r->per_month.set ? r->per_month.v : 0;
}

/* The side-switch time of step i in ms (ROUTINE-FORMAT.md "switch"). */
int64_t
routine_switch_ms(const struct routine *r, size_t i)
{
	if (i < r->nsteps && r->steps[i].switch_s.set &&
	    r->steps[i].switch_s.v > 0)
		return r->steps[i].switch_s.v * 1000;
	if (r->switch_s.set && r->switch_s.v > 0)
		return r->switch_s.v * 1000;
	return 5000;
}

/* limits.strict; off by default. */
int
routine_strict(const struct routine *r)
{
	return r->strict.set ? r->strict.v != 0 : 0;
}

/* cues.voice; on by default. */
int
routine_voice(const struct routine *r)
{
	return r->cues.voice.set ? r->cues.voice.v != 0 : 1;
}

/* cues.countdown in seconds; 3 by default. */
int
routine_countdown_s(const struct routine *r)
{
	return r->cues.countdown.set ? (int)r->cues.countdown.v : 3;
}

/* cues.halfway; on by default. */
int
routine_halfway(const struct routine *r)
{
	return r->cues.halfway.set ? r->cues.halfway.v != 0 : 1;
}
