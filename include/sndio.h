/*
 * render's encoder, in knead-audio.so (sndio.c, libsndfile): a session
 * written as .wav, .flac, .ogg or .mp3, mono float frames in; and the
 * samples the sound device takes.
 */
#ifndef KNEAD_SNDIO_H
#define KNEAD_SNDIO_H

#include <stddef.h>
#include <stdint.h>

enum {
	SNDIO_WAV = 1,		/* 16-bit PCM */
	SNDIO_FLAC,		/* 16-bit */
	SNDIO_OGG,		/* Vorbis */
	SNDIO_MP3		/* MPEG Layer III (LAME) */
};

struct sndwrite;

/*
 * Start writing a file of format fmt (SNDIO_*) at rate on fd (which stays
 * the caller's). NULL with the reason in *cause (caller frees).
 */
struct sndwrite	*sndwrite_open(int fd, int fmt, int rate, char **cause);
/* Write n mono frames; 0, or -1 when the encoder failed. */
int		 sndwrite_frames(struct sndwrite *, const float *v, size_t n);
/*
 * Finish the file and free the writer: 0, or -1 with a reason in *cause
 * unless *cause holds one already (caller frees).
 */
int		 sndwrite_close(struct sndwrite *, char **cause);

/*
 * n float samples as 16-bit, clipped (libsamplerate's converter): the
 * sound device's callback, which must not block (no allocation, no lock).
 */
void		 sndio_to_s16(const float *v, int16_t *out, size_t n);

#endif
