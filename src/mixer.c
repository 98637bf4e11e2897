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

#include <samplerate.h>
#include <sndfile.h>

#include "xmalloc.h"

/* Limits of a cue file, so a stray big file cannot eat memory or time. */
#define SNDBUF_MAX_S		60
#define SNDBUF_MAX_BYTES	(64 << 20)
#define SNDBUF_MAX_RATE		384000
#define SNDBUF_MAX_CHANNELS	64
#define SNDBUF_CHUNK		4096	/* frames decoded at a time */

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

/*
 * Resample mono in (n frames at in_rate) into a new buffer at rate with
 * libsamplerate's band-limited sinc converter (a linear one folds images
 * of espeak-ng's 22.05 kHz speech into the audible band). The result has
 * exactly sndbuf_resampled_n frames, so a length planned from it holds.
 */
static void
sndbuf_resample(struct sndbuf *b, const float *in, size_t n, int in_rate,
    int rate)
{
	SRC_DATA	d;
	size_t		out_n;

	out_n = sndbuf_resampled_n(n, in_rate, rate);
	b->v = xcalloc(out_n > 0 ? out_n : 1, sizeof *b->v);
	b->n = out_n;
	if (out_n == 0)
		return;
	if (in_rate == rate) {
		memcpy(b->v, in, n * sizeof *in);
		return;
	}
	memset(&d, 0, sizeof d);
	d.data_in = in;
	d.input_frames = (long)n;
	d.data_out = b->v;
	d.output_frames = (long)out_n;
	d.src_ratio = (double)rate / in_rate;
	/* On failure the buffer stays silent rather than wrong. */
	if (src_simple(&d, SRC_SINC_FASTEST, 1) != 0)
		memset(b->v, 0, out_n * sizeof *b->v);
}

/*
 * Decode a sound file into mono float at rate. The file is opened without
 * blocking and must be a regular file of sane size (a FIFO or a device
 * named like a cue would hang or never end), and it is decoded a chunk at
 * a time, so only the mono samples are ever held.
 */
int
sndbuf_load(struct sndbuf *b, const char *path, int rate, char **cause)
{
	SNDFILE		*sf;
	SF_INFO		 info;
	struct stat	 st;
	float		*chunk, *mono;
	sf_count_t	 got;
	size_t		 i, n = 0, max;
	int		 c, fd;

	memset(b, 0, sizeof *b);
	memset(&info, 0, sizeof info);
	memset(&st, 0, sizeof st);
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > SNDBUF_MAX_BYTES) {
		xasprintf(cause, "%s: %s", path, !S_ISREG(st.st_mode) ?
		    "not a regular file" : "larger than 64 MiB");
		close(fd);
		return -1;
	}
	/* knead closes fd itself: libsndfile may not on a failed open. */
	if ((sf = sf_open_fd(fd, SFM_READ, &info, 0)) == NULL) {
		xasprintf(cause, "%s: %s", path, sf_strerror(NULL));
		close(fd);
		return -1;
	}
	if (info.channels < 1 || info.channels > SNDBUF_MAX_CHANNELS ||
	    info.samplerate < 1000 || info.samplerate > SNDBUF_MAX_RATE ||
	    info.frames < 1 ||
	    info.frames > (sf_count_t)info.samplerate * SNDBUF_MAX_S) {
		xasprintf(cause, "%s: not a sound of at most %d s (%d Hz, "
		    "%d channels, %lld frames)", path, SNDBUF_MAX_S,
		    info.samplerate, info.channels, (long long)info.frames);
		sf_close(sf);
		close(fd);
		return -1;
	}
	max = (size_t)info.frames;
	mono = xreallocarray(NULL, max, sizeof *mono);
	chunk = xreallocarray(NULL, (size_t)SNDBUF_CHUNK * info.channels,
	    sizeof *chunk);
	while (n < max) {
		got = sf_readf_float(sf, chunk, max - n < SNDBUF_CHUNK ?
		    (sf_count_t)(max - n) : SNDBUF_CHUNK);
		if (got <= 0)
			break;
		for (i = 0; i < (size_t)got; i++) {
			float s = 0;

			for (c = 0; c < info.channels; c++)
				s += chunk[i * info.channels + c];
			mono[n + i] = s / info.channels;
		}
		n += (size_t)got;
	}
	free(chunk);
	sf_close(sf);
	close(fd);
	if (n == 0) {
		free(mono);
		xasprintf(cause, "%s: no samples could be read", path);
		return -1;
	}
	sndbuf_resample(b, mono, n, info.samplerate, rate);
	free(mono);
	return 0;
}

/* Convert 16-bit mono samples into a float buffer at rate. */
void
sndbuf_from_s16(struct sndbuf *b, const int16_t *s, size_t n, int in_rate,
    int rate)
{
	float	*f;
	size_t	 i;

	f = xreallocarray(NULL, n + 1, sizeof *f);
	for (i = 0; i < n; i++)
		f[i] = s[i] / 32768.0f;
	sndbuf_resample(b, f, n, in_rate, rate);
	free(f);
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
		if (m->mute || (mv->speech && m->speech_off))
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

/* Convert float samples to 16-bit, clipping. */
void
mixer_to_s16(const float *in, int16_t *out, size_t n)
{
	size_t	i;
	float	s;

	for (i = 0; i < n; i++) {
		s = in[i] * 32767.0f;
		if (s > 32767.0f)
			s = 32767.0f;
		else if (s < -32768.0f)
			s = -32768.0f;
		out[i] = (int16_t)lrintf(s);
	}
}
