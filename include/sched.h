/*
 * The scheduler: pure timing over an expanded plan. No sleeping, drawing or
 * sound here; every function takes the time as an argument.
 *
 * Deadlines are absolute CLOCK_MONOTONIC nanoseconds derived from the plan's
 * start offsets and one base time: a later step j starts at
 * base_ns + start_ms(j) * 1e6. Pauses, +/-10 s, an early end of an
 * until-release hold, skips and jumps only move base_ns (an exact integer
 * shift), so no error accumulates however long the plan is.
 */
#ifndef KNEAD_SCHED_H
#define KNEAD_SCHED_H

#include <stddef.h>
#include <stdint.h>

struct plan;

#define SCHED_NS_PER_MS	1000000ull
#define SCHED_NS_PER_S	1000000000ull
#define SCHED_NEVER	UINT64_MAX

struct sched {
	const struct plan *plan;	/* borrowed */
	size_t		 cur;		/* the current step */
	uint64_t	 base_ns;	/* absolute time of plan offset 0 */
	uint64_t	 cur_start_ns;	/* when the current step really began */
	uint64_t	 cur_paused_ns;	/* paused within the current step */
	uint64_t	 done_ns;	/* spent in the steps before it, pauses excluded */
	int		 paused;
	uint64_t	 paused_at_ns;
	int		 started;
};

/* Breathing pacer phase of a step. */
enum sched_breath {
	SCHED_BREATH_NONE,
	SCHED_BREATH_IN,
	SCHED_BREATH_OUT
};

void		sched_init(struct sched *, const struct plan *);
/* Start step 0 at now. */
void		sched_start(struct sched *, uint64_t now_ns);
/* Jump to step k, which starts at at_ns (deadline or now). */
void		sched_goto(struct sched *, size_t k, uint64_t at_ns);
/* The deadline of the current step's end. */
uint64_t	sched_end_ns(const struct sched *);
/* The start the step j > cur would have if nothing changes. */
uint64_t	sched_start_ns(const struct sched *, size_t j);
/* Remaining and elapsed time of the current step (pauses excluded). */
uint64_t	sched_remaining_ns(const struct sched *, uint64_t now_ns);
uint64_t	sched_elapsed_ns(const struct sched *, uint64_t now_ns);
/* The current step's length so far: elapsed + remaining. */
uint64_t	sched_length_ns(const struct sched *, uint64_t now_ns);
void		sched_pause(struct sched *, uint64_t now_ns);
void		sched_resume(struct sched *, uint64_t now_ns);
/*
 * Move the current step's end (and everything after it) by delta_ns. The
 * end never moves before now (a shortened step then ends at now). Returns
 * the shift really applied.
 */
int64_t		sched_shift(struct sched *, int64_t delta_ns, uint64_t now_ns);
/* End the current step at now: later deadlines move earlier. */
void		sched_end_now(struct sched *, uint64_t now_ns);
/*
 * The next time anything shown on the screen changes: the countdown's next
 * whole second (or the count-up's), a breathing phase change, the end of
 * the step. SCHED_NEVER when paused.
 */
uint64_t	sched_next_change(const struct sched *, uint64_t now_ns);
/* The pacer at now: phase, its fraction done (0..1000) and ms left. */
enum sched_breath sched_breath(const struct sched *, uint64_t now_ns,
		    unsigned *permille, uint64_t *left_ms);
/* Roll pass marker: position 0..1000 along the pass, and its direction. */
int		sched_pass(const struct sched *, uint64_t now_ns,
		    unsigned *permille, int *forward);
/*
 * The session's clock as the screen shows it: *done the time spent so far
 * (pauses excluded, a step gone back to counted again), *total that plus
 * what is left of the current step (after any +/-10 s) and the plan after
 * it. done never goes back; total follows +, -, skips and repeats.
 */
void		sched_clock(const struct sched *, uint64_t now_ns,
		    uint64_t *done_ns, uint64_t *total_ns);

#endif
