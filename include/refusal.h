/*
 * The words of a rest-limit refusal (PRODUCT.md): what holds the routine
 * back, one line per area or rule, then the choices left, naming the
 * command line's flags and the home screen's key. The store decides
 * (history_begin, history_check: a list of struct resting); this says it.
 */
#ifndef KNEAD_REFUSAL_H
#define KNEAD_REFUSAL_H

#include <stddef.h>
#include <stdint.h>

struct resting;
struct routine;

/*
 * The refusal of routine r (NULL: "ROUTINE") by the n entries of x, as
 * lines ending in a newline; caller frees. Times are local. Its commands
 * name the routine as run_as (what the user typed: a path is not an id of
 * the library; quoted for the shell when it needs it), or by its id when
 * run_as is NULL.
 */
char	*refusal_text_as(const struct routine *r, const char *run_as,
	    const struct resting *x, size_t n);
/*
 * The same when an override passed spots halted for pain but the user
 * said the pain, numbness or tingling is still there (or did not answer):
 * each such spot of x, and the run without them.
 */
char	*refusal_halt_text(const struct routine *r, const char *run_as,
	    const struct resting *x, size_t n);
/*
 * 1 when no override passes the n entries x: a spot halted for numbness,
 * tingling or shooting pain over the nerves to the arm
 * (halt_why_no_override), or one the user said is still there
 * (HALT_HOLD_STILL). The words and the home screen then offer none.
 */
int	 refusal_no_override(const struct resting *x, size_t n);
/* "13 h 46 min", "46 min", "2 d 3 h": s seconds, rounded up to the
   minute (whole hours from three days). */
void	 refusal_left(int64_t s, char *buf, size_t len);

#endif
