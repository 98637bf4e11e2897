/*
 * When the audio engine's control thread (audio.c) starts the stream, stops
 * it, and wakes next: plain decisions on CLOCK_MONOTONIC times, apart from
 * the thread, so they are unit tested with made-up times. Everything here
 * serves one aim: a stream that runs only around the sounds it plays (each
 * running second costs a wakeup every period in the backend's thread) and
 * still plays each of them on its deadline.
 */
#ifndef KNEAD_AUDIO_WHEN_H
#define KNEAD_AUDIO_WHEN_H

#include <stdint.h>

/* The least and most a stopped stream is started before a sound. */
#define AUDIO_WHEN_LEAD_MIN_NS	(60 * 1000000ULL)
#define AUDIO_WHEN_LEAD_MAX_NS	(250 * 1000000ULL)	/* AUDIO_LEAD_MS */
/* Added to the start's cost and the latency: the control thread's wake-up. */
#define AUDIO_WHEN_SLACK_NS	(30 * 1000000ULL)
/* The control thread's wake-up, in the hand-over margin (audio_when_hand). */
#define AUDIO_WHEN_WAKE_NS	(10 * 1000000ULL)
/*
 * The stream stops this long after the last sound handed to it ends (the
 * end counts the output latency; stopping lets the card play out what it
 * holds, Pa_StopStream: a margin for a sound handed over late).
 */
#define AUDIO_WHEN_TAIL_NS	(20 * 1000000ULL)
/*
 * A running stream is looked at (lost?) at least this often, and at the
 * moment it would count as stalled.
 */
#define AUDIO_WHEN_WATCH_NS	(1000 * 1000000ULL)
/* How soon to look again when the callback still plays past the end. */
#define AUDIO_WHEN_RETRY_NS	(40 * 1000000ULL)

/* What the control thread knows when it decides; times in ns. */
struct audio_when {
	uint64_t	now;
	int		running;	/* the stream is started */
	int		pending;	/* sounds wait to be handed over */
	uint64_t	next_ns;	/* the earliest one's deadline */
	uint64_t	feed_ns;	/* handed over this long ahead */
	uint64_t	lead_ns;	/* audio_when_lead */
	uint64_t	end_ns;		/* all handed over heard by then */
	int		busy;		/* the callback still mixes, or a
					   command waits for it */
	uint64_t	warm_until_ns;	/* kept up until then */
	uint64_t	keep_ns;	/* kept up if a sound is due this soon */
	uint64_t	stall_ns;	/* lost if the callback has not run by
					   then (0: no such time) */
};

/*
 * How long before its deadline, beyond the stream's output latency, a
 * sound must be handed to a running stream to be heard on time, for a
 * stream whose callback runs every period_ns: the callback may have just
 * run (a period until the next takes it), the buffer it fills may already
 * hold the deadline's frame (one more), and the control thread's wake-up.
 */
uint64_t	audio_when_hand(uint64_t period_ns);
/*
 * The same for a stream being started: its buffer starts full of silence,
 * so its first callback comes a period after the start and takes what was
 * handed over as it started; one period and the wake-up.
 */
uint64_t	audio_when_start_hand(uint64_t period_ns);
/*
 * How long before a sound a stopped stream is started: what the slowest
 * start so far took, twice (the sound is handed over after it), plus the
 * output latency, the hand-over margin and the wake-up slack; within
 * AUDIO_WHEN_LEAD_MIN_NS..AUDIO_WHEN_LEAD_MAX_NS.
 */
uint64_t	audio_when_lead(uint64_t start_ns, uint64_t latency_ns,
		    uint64_t hand_ns);
/* 1 when a stopped stream must start now for its next sound. */
int		audio_when_start(const struct audio_when *);
/* 1 when a running stream may stop now. */
int		audio_when_stop(const struct audio_when *);
/* When to wake next (0: only when signalled). */
uint64_t	audio_when_wake(const struct audio_when *);

#endif
