/*
 * The validator: every rule of ROUTINE-FORMAT.md over a loaded routine, each
 * problem appended to the diag list (all of them, never only the first).
 * Dosage limits come from DOMAIN.md and are defined here as constants so the
 * docs and the tests can name them.
 */
#ifndef KNEAD_VALIDATE_H
#define KNEAD_VALIDATE_H

struct diag_list;
struct routine;
struct tl_voice;

#define PRESS_MIN_S		10
#define PRESS_MAX_S		90
#define PRESS_WARN_S		60
#define PRESS_UNTIL_MAX_S	120	/* max of until: release */
#define PRESSURE_MAX		7
#define GENTLE_PRESSURE_WARN	4
#define ROLL_MIN_S		20
#define ROLL_MAX_S		180
#define PASS_MIN_S		1
#define PASS_MAX_S		6
#define STRETCH_MIN_S		10
#define STRETCH_MAX_S		90
#define AREA_PRESS_STEPS_WARN	3	/* press steps on one area and side */
#define AREA_WORK_WARN_S	120	/* pressure time on one area and side */
#define SESSION_WARN_S		(30 * 60)

/* Check r; append diagnostics to dl. Returns the number of errors added. */
int	validate_routine(const struct routine *r, struct diag_list *dl);
/*
 * The speech check (validate_speech.c): a warning at the say: line of each
 * instruction whose first full speaking, measured by voice (espeak-ng
 * through speech.h in `knead validate`), does not end TL_MARGIN_MS before
 * its first step does. Call it on a routine without errors. Returns the
 * number of warnings added.
 */
int	validate_speech(const struct routine *r, const struct tl_voice *voice,
	    struct diag_list *dl);

#endif
