/*
 * When the audio engine's stream starts, stops, and when its control thread
 * wakes (see audio_when.h).
 */
#include "audio_when.h"

/* The hand-over margin: two periods and the wake-up. */
uint64_t
audio_when_hand(uint64_t period_ns)
{
	return 2 * period_ns + AUDIO_WHEN_WAKE_NS;
}

/* A stream being started: one period and the wake-up. */
uint64_t
audio_when_start_hand(uint64_t period_ns)
{
	return period_ns + AUDIO_WHEN_WAKE_NS;
}

/* The start lead: twice the slowest start, latency, hand-over, slack. */
uint64_t
audio_when_lead(uint64_t start_ns, uint64_t latency_ns, uint64_t hand_ns)
{
	uint64_t	lead;

	lead = 2 * start_ns + latency_ns + hand_ns + AUDIO_WHEN_SLACK_NS;
	if (lead < AUDIO_WHEN_LEAD_MIN_NS)
		return AUDIO_WHEN_LEAD_MIN_NS;
	if (lead > AUDIO_WHEN_LEAD_MAX_NS)
		return AUDIO_WHEN_LEAD_MAX_NS;
	return lead;
}

/* Whether the next sound is due within the start lead. */
int
audio_when_start(const struct audio_when *w)
{
	return !w->running && w->pending && w->next_ns <= w->now + w->lead_ns;
}

/*
 * Whether a running stream may stop: nothing left to mix, everything
 * handed over heard and the tail past, not kept warm, nothing due soon.
 */
int
audio_when_stop(const struct audio_when *w)
{
	if (!w->running || w->busy)
		return 0;
	if (w->now < w->end_ns + AUDIO_WHEN_TAIL_NS || w->now < w->warm_until_ns)
		return 0;
	return !(w->pending && w->next_ns < w->now + w->keep_ns);
}

/* The earlier of two times, 0 meaning none. */
static uint64_t
audio_when_min(uint64_t a, uint64_t b)
{
	if (a == 0)
		return b;
	if (b == 0)
		return a;
	return a < b ? a : b;
}

/*
 * A stopped stream: wake at its next start. A running one: to hand the
 * next sound over, to stop it once the tail is past (or when it is no
 * longer kept warm), when it would count as stalled, and at least every
 * AUDIO_WHEN_WATCH_NS to watch it.
 */
uint64_t
audio_when_wake(const struct audio_when *w)
{
	uint64_t	t = 0, stop;

	if (!w->running) {
		if (!w->pending)
			return 0;
		return w->next_ns > w->lead_ns ? w->next_ns - w->lead_ns : 1;
	}
	if (w->pending)
		t = w->next_ns > w->feed_ns ? w->next_ns - w->feed_ns : 1;
	stop = w->end_ns + AUDIO_WHEN_TAIL_NS;
	if (stop < w->warm_until_ns)
		stop = w->warm_until_ns;
	if (stop <= w->now)
		/* Past the end but still mixing: look again soon. */
		stop = w->now + AUDIO_WHEN_RETRY_NS;
	if (w->pending && w->next_ns < stop + w->keep_ns)
		stop = 0;	/* it stays up for the next sound */
	t = audio_when_min(t, stop);
	if (w->stall_ns > w->now)
		t = audio_when_min(t, w->stall_ns);
	return audio_when_min(t, w->now + AUDIO_WHEN_WATCH_NS);
}
