/*
 * Sound buffers and the mixer shared by the live engine (audio.c) and
 * `knead render` (render.c), so both sound the same.
 *
 * A struct sndbuf is mono float samples at the engine's rate, decoded and
 * resampled once when loaded; it owns its samples (sndbuf_free).
 *
 * The mixer never allocates, locks or does I/O: the backend's callback
 * (audio_fill.c) calls mixer_render. It borrows the samples of every voice: a voice's buffer must
 * stay alive until the mixer reports its id finished (mixer_render,
 * mixer_cancel_from) or the mixer is no longer used.
 */
#ifndef KNEAD_MIXER_H
#define KNEAD_MIXER_H

#include <stddef.h>
#include <stdint.h>

#define MIXER_RATE	48000	/* preferred output rate, frames a second */
#define MIXER_VOICES	48	/* sounds playing or waiting at once */

/*
 * The volume when none is given, for sessions, render and the sound check
 * alike (0..100), and the master gain of a volume (negative: the default;
 * loudness is roughly logarithmic, so a square law feels even).
 */
#define MIXER_VOLUME	80
float	mixer_volume_gain(int volume);

struct sndbuf {
	float	*v;
	size_t	 n;		/* frames */
};

/*
 * Load any file libsndfile reads, mix it down to mono and resample it to
 * rate (sndio.c, in knead-audio.so: without the module it fails, saying
 * so). Returns 0, or -1 with *cause set (caller frees).
 */
int	sndbuf_load(struct sndbuf *, const char *path, int rate, char **cause);
/* Convert n signed 16-bit mono samples at in_rate into b at rate. */
void	sndbuf_from_s16(struct sndbuf *b, const int16_t *s, size_t n,
	    int in_rate, int rate);
/* The length n frames at in_rate have once converted to rate. */
size_t	sndbuf_resampled_n(size_t n, int in_rate, int rate);
void	sndbuf_free(struct sndbuf *);
/* Duration in milliseconds at rate. */
uint64_t sndbuf_ms(const struct sndbuf *, int rate);
/*
 * How long a spoken line of n frames at in_rate lasts played at rate, in
 * whole ms rounded up, so that it ends within what was measured: the one
 * measure of the speech timeline (timeline.h), for the live session,
 * render and the validator's speech check alike.
 */
uint64_t sndbuf_said_ms(size_t n, int in_rate, int rate);

struct mixer_voice {
	const float	*v;
	size_t		 n;
	size_t		 pos;		/* next frame of v to play */
	uint64_t	 start;		/* output frame of v[0] */
	uint64_t	 key;		/* when it was asked for, for cancel */
	float		 gain;
	uint32_t	 id;		/* reported when done; 0: never */
	size_t		 fade;		/* frames of fade before n (a cut) */
	int		 speech;	/* MIXER_LINE, MIXER_THROUGH; 0: a cue */
	int		 active;
};

/*
 * mixer_add's speech: a spoken line, silenced while the voice is off, or
 * one heard through that and the mute (the word of the key that turns one
 * of them off); both are speech to mixer_cut_speech.
 */
#define MIXER_LINE	1
#define MIXER_THROUGH	2

struct mixer {
	struct mixer_voice voice[MIXER_VOICES];
	float		 gain;		/* master, 0..1 */
	int		 mute;
	int		 speech_off;
};

void	mixer_init(struct mixer *);
/*
 * Schedule v (n frames) to start at output frame start; a start already in
 * the past plays from the beginning at the next frame rendered. key is the
 * time the sound was asked for, in the caller's unit (mixer_cancel_from
 * compares it). Returns 0, or -1 when every voice is taken (the sound is
 * dropped).
 */
int	mixer_add(struct mixer *, const float *v, size_t n, uint64_t start,
	    uint64_t key, float gain, int speech, uint32_t id);
/*
 * Add frames [frame0, frame0 + nframes) of every voice into out
 * (interleaved, channels per frame; out is not cleared). Ids of voices
 * that finished are written to done (room for MIXER_VOICES); returns how
 * many.
 */
size_t	mixer_render(struct mixer *, uint64_t frame0, float *out,
	    size_t nframes, int channels, uint32_t *done);
/*
 * Drop voices not yet playing whose key is at or after key. Their ids go to
 * done (room for MIXER_VOICES); returns how many.
 */
size_t	mixer_cancel_from(struct mixer *, uint64_t key, uint32_t *done);
/*
 * End every spoken voice sounding at output frame frame there, with a
 * short fade (MIXER_FADE frames, less when it is nearly done). Voices
 * that start at or after frame, or were asked for at or after key (the
 * cut's time in mixer_add's unit), are left alone: a cut that reaches
 * the callback late, clamped to the frame playing, must not take the
 * line that began at the boundary it cuts at.
 */
void	mixer_cut_speech(struct mixer *, uint64_t frame, uint64_t key);
/*
 * Limit n mixed samples to [-1, 1] without clipping: unchanged up to
 * MIXER_KNEE, bent smoothly towards 1 above it. Stateless, so any split
 * of a render into spans limits the same samples.
 */
void	mixer_limit(float *v, size_t n);
#define MIXER_KNEE	0.8f
#define MIXER_FADE	240	/* 5 ms at 48 kHz */

/* Number of voices playing or waiting. */
int	mixer_busy(const struct mixer *);
/* The first frame a waiting voice starts, or UINT64_MAX when none waits. */
uint64_t mixer_next_start(const struct mixer *);


#endif
