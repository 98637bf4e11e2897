/*
 * A homework's terms in words for the screen, written once: knead show
 * states them in its homework line, knead status says an ended or coming
 * homework's period. (The report says them in its own language, which
 * need not be the screen's: report_hw_terms in report_text.c.)
 */
#ifndef KNEAD_HOMEWORK_H
#define KNEAD_HOMEWORK_H

#include <stddef.h>
#include <stdint.h>

struct homework;

/* The parts of the terms homework_terms says. */
#define HOMEWORK_PERIOD	0x1	/* "2026-11-30 to 2026-12-27" */
#define HOMEWORK_TARGET	0x2	/* "4 sessions a week" */
#define HOMEWORK_TERMS	(HOMEWORK_PERIOD | HOMEWORK_TARGET)

/*
 * Of the parts asked for, those hw has, in the screen's language and in
 * that order, a comma between: "2026-11-30 to 2026-12-27, 4 sessions a
 * week". The period is there when hw has a from or an until, and names
 * both ends, "?" for one not given; its dates are copied as written. Into
 * buf, cut at len bytes (0: buf is not touched): "" when hw has none of
 * the parts. Returns buf.
 */
const char	*homework_terms(const struct homework *hw, int parts,
		    char *buf, size_t len);

/*
 * The homework's end, written once for knead status and the home screen
 * (day: the local day, dates_day_of): has hw ended (its until day is
 * past: said as ended, not dropped)? Is day its last day? 0 without an
 * until.
 */
int		 homework_ended(const struct homework *hw, int64_t day);
int		 homework_last_day(const struct homework *hw, int64_t day);

#endif
