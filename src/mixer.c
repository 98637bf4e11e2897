/*
 * Decoded sound buffers and the real-time mixer (see mixer.h). Everything
 * from mixer_init down runs in the PortAudio callback: no allocation, no
 * locks, no I/O there.
 */
#include "mixer.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmalloc.h"

/* The master gain of a volume 0..100 (see mixer.h). */
float
mixer_volume_gain(int volume)
{
	float	v;

	if (volume < 0)
		volume = MIXER_VOLUME;
	if (volume > 100)
		volume = 100;
	v = (float)volume / 100.0f;
	return v * v;
}

/* How many frames n frames at in_rate become at rate (rounded down). */
size_t
sndbuf_resampled_n(size_t n, int in_rate, int rate)
{
	if (in_rate == rate)
		return n;
	return (size_t)((double)n * rate / in_rate);
}

/* Free a buffer's samples; NULL is fine. */
void
sndbuf_free(struct sndbuf *b)
{
	if (b == NULL)
		return;
	free(b->v);
	b->v = NULL;
	b->n = 0;
}

/* The length of a buffer in milliseconds. */
uint64_t
sndbuf_ms(const struct sndbuf *b, int rate)
{
	return (uint64_t)b->n * 1000 / (uint64_t)rate;
}

/* A spoken line's length, rounded up (mixer.h). */
uint64_t
sndbuf_said_ms(size_t n, int in_rate, int rate)
{
	uint64_t	m = sndbuf_resampled_n(n, in_rate, rate);

	return (m * 1000 + (uint64_t)rate - 1) / (uint64_t)rate;
}

/* Start with no voices at full gain. */
void
mixer_init(struct mixer *m)
{
	memset(m, 0, sizeof *m);
	m->gain = 1.0f;
}

/* Take the first free voice for a sound. */
int
mixer_add(struct mixer *m, const float *v, size_t n, uint64_t start,
    uint64_t key, float gain, int speech, uint32_t id)
{
	struct mixer_voice	*mv;
	size_t			 i;

	for (i = 0; i < MIXER_VOICES; i++) {
		mv = &m->voice[i];
		if (mv->active)
			continue;
		mv->v = v;
		mv->n = n;
		mv->pos = 0;
		mv->start = start;
		mv->key = key;
		mv->gain = gain;
		mv->id = id;
		mv->speech = speech;
		mv->fade = 0;
		mv->active = 1;
		return 0;
	}
	return -1;
}

/* Mix every voice that sounds in this span into out. */
size_t
mixer_render(struct mixer *m, uint64_t frame0, float *out, size_t nframes,
    int channels, uint32_t *done)
{
	struct mixer_voice	*mv;
	size_t			 i, k, off, len, ndone = 0;
	float			 g, s;
	int			 c;

	for (i = 0; i < MIXER_VOICES; i++) {
		mv = &m->voice[i];
		if (!mv->active)
			continue;
		if (mv->start >= frame0 + nframes)
			continue;	/* not yet */
		/* A voice whose start went by unplayed starts now. */
		if (mv->pos == 0 && mv->start < frame0)
			mv->start = frame0;
		off = mv->pos == 0 ? (size_t)(mv->start - frame0) : 0;
		len = mv->n - mv->pos;
		if (len > nframes - off)
			len = nframes - off;
		g = mv->gain * m->gain;
		if ((m->mute && mv->speech != MIXER_THROUGH) ||
		    (mv->speech == MIXER_LINE && m->speech_off))
			g = 0;
		if (g != 0) {
			for (k = 0; k < len; k++) {
				s = mv->v[mv->pos + k] * g;
				if (mv->fade > 0 && mv->pos + k + mv->fade >=
				    mv->n)
					s *= (float)(mv->n - mv->pos - k) /
					    (float)(mv->fade + 1);
				for (c = 0; c < channels; c++)
					out[(off + k) * channels + c] += s;
			}
		}
		mv->pos += len;
		if (mv->pos >= mv->n) {
			mv->active = 0;
			if (mv->id != 0)
				done[ndone++] = mv->id;
		}
	}
	return ndone;
}

/* Drop waiting voices asked for at or after key. */
size_t
mixer_cancel_from(struct mixer *m, uint64_t key, uint32_t *done)
{
	struct mixer_voice	*mv;
	size_t			 i, ndone = 0;

	for (i = 0; i < MIXER_VOICES; i++) {
		mv = &m->voice[i];
		if (!mv->active || mv->pos != 0 || mv->key < key)
			continue;
		mv->active = 0;
		if (mv->id != 0)
			done[ndone++] = mv->id;
	}
	return ndone;
}

/* Cut the spoken voices that sound at frame (see mixer.h). */
void
mixer_cut_speech(struct mixer *m, uint64_t frame, uint64_t key)
{
	struct mixer_voice	*mv;
	size_t			 i, n;

	for (i = 0; i < MIXER_VOICES; i++) {
		mv = &m->voice[i];
		if (!mv->active || !mv->speech || mv->start >= frame ||
		    mv->key >= key || mv->start + mv->n <= frame)
			continue;
		/* It ends at frame, or soon after what was played. */
		n = (size_t)(frame - mv->start);
		if (n < mv->pos)
			n = mv->pos + (mv->n - mv->pos < MIXER_FADE ?
			    mv->n - mv->pos : MIXER_FADE);
		mv->fade = n - mv->pos < MIXER_FADE ? n - mv->pos : MIXER_FADE;
		mv->n = n;
	}
}

/* A soft knee: x up to the knee, then bent to approach 1. */
void
mixer_limit(float *v, size_t n)
{
	const float	room = 1.0f - MIXER_KNEE;
	float		x, a;
	size_t		i;

	for (i = 0; i < n; i++) {
		x = v[i];
		a = x < 0 ? -x : x;
		if (a <= MIXER_KNEE)
			continue;
		a -= MIXER_KNEE;
		/* room * a / (a + room): slope 1 at the knee, below 1 ever. */
		a = MIXER_KNEE + room * a / (a + room);
		v[i] = x < 0 ? -a : a;
	}
}

/* Count the voices in use. */
int
mixer_busy(const struct mixer *m)
{
	size_t	i;
	int	n = 0;

	for (i = 0; i < MIXER_VOICES; i++)
		n += m->voice[i].active;
	return n;
}

/* The earliest start of a voice still waiting. */
uint64_t
mixer_next_start(const struct mixer *m)
{
	uint64_t	first = UINT64_MAX;
	size_t		i;

	for (i = 0; i < MIXER_VOICES; i++) {
		if (m->voice[i].active && m->voice[i].pos == 0 &&
		    m->voice[i].start < first)
			first = m->voice[i].start;
	}
	return first;
}
