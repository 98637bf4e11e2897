/*
 * The audio engine's real-time side (see audio.c): the rings between the
 * control thread and the backend's callback, and the callback itself,
 * which maps deadlines onto the stream's sample clock and mixes.
 */
#include "audio_int.h"

#include <string.h>

#include "clock.h"

/* Take a finished id from the done ring into out; 0 when empty. */
uint32_t
audio_done_pop(struct audio *a)
{
	size_t		tail, head;
	uint32_t	id;

	tail = atomic_load_explicit(&a->done.tail, memory_order_relaxed);
	head = atomic_load_explicit(&a->done.head, memory_order_acquire);
	if (tail == head)
		return 0;
	id = a->done.v[tail & (AUDIO_RING - 1)];
	atomic_store_explicit(&a->done.tail, tail + 1, memory_order_release);
	return id;
}

/* Report ids to the control thread (callback side; never blocks). */
static void
audio_done_push(struct audio *a, const uint32_t *ids, size_t n)
{
	size_t	head, tail, i;

	for (i = 0; i < n; i++) {
		head = atomic_load_explicit(&a->done.head,
		    memory_order_relaxed);
		tail = atomic_load_explicit(&a->done.tail,
		    memory_order_acquire);
		if (head - tail >= AUDIO_RING)
			return;	/* cannot happen: fewer ids than slots */
		a->done.v[head & (AUDIO_RING - 1)] = ids[i];
		atomic_store_explicit(&a->done.head, head + 1,
		    memory_order_release);
	}
}

/* Send a command to the callback; -1 when the ring is full. */
int
audio_cmd_push(struct audio *a, const struct audio_cmd *c)
{
	size_t	head, tail;

	head = atomic_load_explicit(&a->ring.head, memory_order_relaxed);
	tail = atomic_load_explicit(&a->ring.tail, memory_order_acquire);
	if (head - tail >= AUDIO_RING)
		return -1;
	a->ring.v[head & (AUDIO_RING - 1)] = *c;
	atomic_store_explicit(&a->ring.head, head + 1, memory_order_release);
	return 0;
}

/* Whether commands wait in the ring. */
int
audio_cmd_waiting(struct audio *a)
{
	return atomic_load(&a->ring.head) != atomic_load(&a->ring.tail);
}

/* The frame of the stream at which when_ns is heard. */
static uint64_t
audio_frame_at(struct audio *a, uint64_t when_ns, uint64_t buf_ns)
{
	if (when_ns <= buf_ns)
		return a->frames;
	return a->frames + (when_ns - buf_ns) * (uint64_t)a->rate /
	    1000000000ULL;
}

/*
 * The backend's callback (audio_fill_fn): take new commands, mix, limit.
 * No allocation, locks, or I/O; clock_gettime is a vDSO call.
 */
void
audio_fill(void *arg, float *out, size_t nframes, double lat)
{
	struct audio		*a = arg;
	struct audio_cmd	*c;
	float			 tmp[AUDIO_CHUNK * 2];
	uint32_t		 done[MIXER_VOICES];
	uint64_t		 now_ns, buf_ns;
	size_t			 head, tail, n, k, i, ndone, at = 0;

	if (!(lat > 0 && lat < 1.0))
		lat = a->out_latency_s;
	now_ns = clock_mono_ns(&clock_system);
	buf_ns = now_ns + (uint64_t)(lat * 1e9);

	tail = atomic_load_explicit(&a->ring.tail, memory_order_relaxed);
	head = atomic_load_explicit(&a->ring.head, memory_order_acquire);
	for (; tail != head; tail++) {
		c = &a->ring.v[tail & (AUDIO_RING - 1)];
		if (c->op == AUDIO_OP_PLAY) {
			if (mixer_add(&a->mix, c->v, c->n,
			    audio_frame_at(a, c->when_ns, buf_ns), c->when_ns,
			    c->gain, c->speech, c->id) != 0 && c->id != 0)
				audio_done_push(a, &c->id, 1);
		} else if (c->op == AUDIO_OP_CUT)
			mixer_cut_speech(&a->mix, audio_frame_at(a, c->when_ns,
			    buf_ns), c->when_ns);
		else {
			ndone = mixer_cancel_from(&a->mix, c->when_ns, done);
			audio_done_push(a, done, ndone);
		}
	}
	atomic_store_explicit(&a->ring.tail, tail, memory_order_release);

	a->mix.mute = atomic_load_explicit(&a->mute, memory_order_relaxed);
	a->mix.speech_off = !atomic_load_explicit(&a->voice,
	    memory_order_relaxed);
	/* A buffer with a sound in it: heard to its end by then. */
	if (mixer_busy(&a->mix))
		atomic_store_explicit(&a->heard_to_ns, buf_ns +
		    (uint64_t)nframes * 1000000000ULL / (uint64_t)a->rate,
		    memory_order_release);
	while (at < nframes) {
		n = nframes - at;
		if (n > AUDIO_CHUNK)
			n = AUDIO_CHUNK;
		memset(tmp, 0, n * a->channels * sizeof *tmp);
		ndone = mixer_render(&a->mix, a->frames + at, tmp, n,
		    a->channels, done);
		audio_done_push(a, done, ndone);
		/* Voice over a cue is limited, never clipped. */
		mixer_limit(tmp, n * a->channels);
		for (k = 0, i = at * a->channels; k < n * a->channels;
		    k++, i++)
			out[i] = tmp[k];
		at += n;
	}
	a->frames += nframes;
	atomic_store_explicit(&a->cb_last_ns, now_ns, memory_order_release);
	atomic_store_explicit(&a->cb_busy, mixer_busy(&a->mix),
	    memory_order_release);
}
