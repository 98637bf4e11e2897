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

#endif
