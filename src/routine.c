/*
 * The routine model: allocation, release, enum names and the effective
 * values of optional settings (ROUTINE-FORMAT.md, "Limits").
 */
#include "routine.h"

#include <stdlib.h>

#include "xmalloc.h"

#define HOUR_S	3600

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
	default:
		return "";
	}
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

/* The routine's intensity, moderate when absent or out of range. */
static enum intensity
effective_intensity(const struct routine *r)
{
	if (!r->intensity.set)
		return INTENSITY_MODERATE;
	switch (r->intensity.v) {
	case INTENSITY_GENTLE:
		return INTENSITY_GENTLE;
	case INTENSITY_DEEP:
		return INTENSITY_DEEP;
	default:
		return INTENSITY_MODERATE;
	}
}

/* limits.rest, or the default of the routine's intensity. */
int64_t
routine_rest_s(const struct routine *r)
{
	if (r->rest_s.set)
		return r->rest_s.v;
	switch (effective_intensity(r)) {
	case INTENSITY_GENTLE:
		return 3 * HOUR_S;
	case INTENSITY_DEEP:
		return 48 * HOUR_S;
	default:
		return 24 * HOUR_S;
	}
}

/* limits.per-week, or the default of the intensity (0: no limit). */
int64_t
routine_per_week(const struct routine *r)
{
	if (r->per_week.set)
		return r->per_week.v;
	switch (effective_intensity(r)) {
	case INTENSITY_GENTLE:
		return 0;
	case INTENSITY_DEEP:
		return 3;
	default:
		return 5;
	}
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
