/*
 * Aftercare (issue 12), the words both front ends use (aftercare.c): what
 * to expect after a session that did work, said on the screen, in --plain
 * and by the voice; the day-after question and what its answers mean. The
 * store's side (when to ask, the ratings kept) is history_after.c.
 */
#ifndef KNEAD_AFTERCARE_H
#define KNEAD_AFTERCARE_H

#include <stddef.h>

struct after_area;
struct after_due;

/*
 * The aftercare lines shown at the end of a session, NULL-terminated
 * (marked N_(): _() at use).
 */
extern const char *const aftercare_lines[];
/* In place of aftercare_lines[0] after a halt or a pain stop. */
extern const char *const aftercare_halted_line;
/* The same, short, for the voice. */
extern const char *const aftercare_spoken;	/* NC_("spoken") */
/*
 * "upper trapezius (left): how does that area feel today, compared with
 * before your last session?" for area a.
 */
void	aftercare_question(const struct after_area *a, char *buf, size_t len);
/* The scale, for prompts: "0 as before or better ... 10 much worse". */
extern const char *const aftercare_scale;	/* N_(): _() at use */
/*
 * What the answers mean (ratings[i] for d->v[i], -1 skipped): a rating of
 * AFTER_WORSE or more suggests a gentler routine or a longer rest and says
 * when to see a doctor; otherwise a short thanks. "" when all skipped.
 */
void	aftercare_verdict(const struct after_due *d, const int *ratings,
	    char *buf, size_t len);

#endif
