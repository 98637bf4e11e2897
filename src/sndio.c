/*
 * Sound files in and out, in knead-audio.so: cue files decoded with
 * libsndfile and resampled with libsamplerate (sndbuf_load and
 * sndbuf_from_s16, declared in mixer.h), render's encoder and the
 * samples handed to the sound device (sndio.h).
 * The only files that include sndfile.h and samplerate.h.
 */
#include "i18n.h"
#include "sndio.h"

#include <sys/stat.h>

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <samplerate.h>
#include <sndfile.h>

#include "mixer.h"
#include "xmalloc.h"

/* Limits of a cue file, so a stray big file cannot eat memory or time. */
#define SNDBUF_MAX_S		60
#define SNDBUF_MAX_BYTES	(64 << 20)
#define SNDBUF_MAX_RATE		384000
#define SNDBUF_MAX_CHANNELS	64
#define SNDBUF_CHUNK		4096	/* frames decoded at a time */

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
		    _("not a regular file") : _("larger than 64 MiB"));
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
		xasprintf(cause, _("%s: not a sound of at most %d s (%d Hz, "
		    "%d channels, %lld frames)"), path, SNDBUF_MAX_S,
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
		xasprintf(cause, _("%s: no samples could be read"), path);
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


struct sndwrite {
	SNDFILE	*sf;
	char	*err;		/* the first write's failure */
};

/* The libsndfile format of a SNDIO_* format. */
static int
sndio_format(int fmt)
{
	switch (fmt) {
	case SNDIO_WAV:
		return SF_FORMAT_WAV | SF_FORMAT_PCM_16;
	case SNDIO_FLAC:
		return SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
	case SNDIO_OGG:
		return SF_FORMAT_OGG | SF_FORMAT_VORBIS;
	case SNDIO_MP3:
		return SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
	}
	return 0;
}

/* Open the encoder of fmt on fd (see sndio.h). */
struct sndwrite *
sndwrite_open(int fd, int fmt, int rate, char **cause)
{
	struct sndwrite	*w;
	SF_INFO		 info;
	SNDFILE		*sf;
	double		 level;

	memset(&info, 0, sizeof info);
	info.samplerate = rate;
	info.channels = 1;
	info.format = sndio_format(fmt);
	if ((sf = sf_open_fd(fd, SFM_WRITE, &info, 0)) == NULL) {
		xasprintf(cause, "%s", sf_strerror(NULL));
		return NULL;
	}
	switch (fmt) {
	case SNDIO_FLAC:
		level = 0.0;	/* the fastest: mostly silence */
		break;
	case SNDIO_OGG:
		level = 0.6;	/* about Vorbis quality 4 */
		break;
	case SNDIO_MP3:
		level = 0.5;	/* LAME's middle setting, speech is clear */
		break;
	default:
		level = -1;
	}
	if (level >= 0)
		sf_command(sf, SFC_SET_COMPRESSION_LEVEL, &level,
		    sizeof level);
	w = xcalloc(1, sizeof *w);
	w->sf = sf;
	return w;
}

/* Write n mono frames; 0, or -1 when the encoder failed. */
int
sndwrite_frames(struct sndwrite *w, const float *v, size_t n)
{
	if (sf_writef_float(w->sf, v, (sf_count_t)n) == (sf_count_t)n)
		return 0;
	if (w->err == NULL)
		w->err = xstrdup(sf_strerror(w->sf));
	return -1;
}

/*
 * Finish the file and free w. 0, or -1 with the encoder's reason in
 * *cause (unless one is there already).
 */
int
sndwrite_close(struct sndwrite *w, char **cause)
{
	int	rc = 0;

	if (w->err != NULL) {
		if (*cause == NULL)
			*cause = w->err;
		else
			free(w->err);
		w->err = NULL;
		rc = -1;
	}
	if (sf_close(w->sf) != 0) {
		if (*cause == NULL)
			xasprintf(cause, "%s", _("the encoder could not finish"));
		rc = -1;
	}
	free(w);
	return rc;
}

/* n float samples as 16-bit, clipped (see sndio.h). */
void
sndio_to_s16(const float *v, int16_t *out, size_t n)
{
	static_assert(sizeof(short) == sizeof(int16_t), "16-bit short");
	src_float_to_short_array(v, (short *)out, (int)n);
}
