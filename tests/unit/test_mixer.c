/*
 * Unit tests for the mixer and sound buffers (src/mixer.c) and speech
 * (src/speech.c), against the real libsndfile and libespeak-ng.
 */
#undef NDEBUG
#include <sys/stat.h>

#include <setjmp.h>
#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sndfile.h>

#include "audio.h"
#include "mixer.h"
#include "speech.h"

#define RAMP	100

static float ramp[RAMP];

/* A recognisable source: sample i is (i + 1) / 1000. */
static int
setup(void **state)
{
	int	i;

	(void)state;
	for (i = 0; i < RAMP; i++)
		ramp[i] = (i + 1) / 1000.0f;
	return 0;
}

static void
test_voice_starts_on_its_frame(void **state)
{
	struct mixer	m;
	float		out[2 * 300];
	uint32_t	done[MIXER_VOICES];
	size_t		f, n, nd, total_done = 0;
	int		i;

	(void)state;
	mixer_init(&m);
	assert_int_equal(mixer_add(&m, ramp, RAMP, 123, 123, 1.0f, 0, 7), 0);
	assert_int_equal(mixer_next_start(&m), 123);
	memset(out, 0, sizeof out);
	/* Odd chunk sizes cross the start and the end of the voice. */
	for (f = 0; f < 300; f += n) {
		n = 300 - f < 7 ? 300 - f : 7;
		nd = mixer_render(&m, f, out + f * 2, n, 2, done);
		if (nd > 0) {
			assert_int_equal(done[0], 7);
			total_done += nd;
		}
	}
	assert_int_equal(total_done, 1);
	for (i = 0; i < 300; i++) {
		float want = i >= 123 && i < 123 + RAMP ? ramp[i - 123] : 0;

		assert_float_equal(out[i * 2], want, 1e-7);
		assert_float_equal(out[i * 2 + 1], want, 1e-7);
	}
	assert_int_equal(mixer_busy(&m), 0);
	assert_int_equal(mixer_next_start(&m), UINT64_MAX);
}

static void
test_late_voice_plays_whole(void **state)
{
	struct mixer	m;
	float		out[200];
	uint32_t	done[MIXER_VOICES];

	(void)state;
	mixer_init(&m);
	mixer_add(&m, ramp, RAMP, 5, 5, 1.0f, 0, 0);
	memset(out, 0, sizeof out);
	/* First render is at frame 50: the voice starts there, from 0. */
	mixer_render(&m, 50, out, 200, 1, done);
	assert_float_equal(out[0], ramp[0], 1e-7);
	assert_float_equal(out[RAMP - 1], ramp[RAMP - 1], 1e-7);
	assert_float_equal(out[RAMP], 0, 1e-7);
}

static void
test_overlap_mixes_and_gain(void **state)
{
	struct mixer	m;
	float		out[200];
	uint32_t	done[MIXER_VOICES];

	(void)state;
	mixer_init(&m);
	m.gain = 0.5f;
	mixer_add(&m, ramp, RAMP, 0, 0, 1.0f, 0, 0);
	mixer_add(&m, ramp, RAMP, 10, 10, 2.0f, 1, 0);
	memset(out, 0, sizeof out);
	mixer_render(&m, 0, out, 200, 1, done);
	assert_float_equal(out[5], 0.5f * ramp[5], 1e-6);
	assert_float_equal(out[20], 0.5f * (ramp[20] + 2 * ramp[10]), 1e-6);
}

static void
test_mute_and_voice_off(void **state)
{
	struct mixer	m;
	float		out[200];
	uint32_t	done[MIXER_VOICES];

	(void)state;
	mixer_init(&m);
	mixer_add(&m, ramp, RAMP, 0, 0, 1.0f, 0, 0);	/* a cue */
	mixer_add(&m, ramp, RAMP, 0, 0, 1.0f, 1, 3);	/* a spoken line */
	m.speech_off = 1;
	memset(out, 0, sizeof out);
	mixer_render(&m, 0, out, 50, 1, done);
	assert_float_equal(out[10], ramp[10], 1e-7);	/* cue only */
	m.speech_off = 0;
	m.mute = 1;
	/* Muted voices still move on and finish in time. */
	assert_int_equal(mixer_render(&m, 50, out + 50, 50, 1, done), 1);
	assert_float_equal(out[60], 0, 1e-7);
	assert_int_equal(done[0], 3);
	assert_int_equal(mixer_busy(&m), 0);
	/* The voice key's word as the voice goes off: heard through it. */
	mixer_init(&m);
	mixer_add(&m, ramp, RAMP, 0, 0, 1.0f, MIXER_THROUGH, 4);
	mixer_add(&m, ramp, RAMP, 0, 0, 1.0f, MIXER_LINE, 5);
	m.speech_off = 1;
	memset(out, 0, sizeof out);
	mixer_render(&m, 0, out, 50, 1, done);
	assert_float_equal(out[10], ramp[10], 1e-7);	/* the word only */
	/* And the mute key's, as the sound goes off. */
	m.speech_off = 0;
	m.mute = 1;
	memset(out, 0, sizeof out);
	mixer_render(&m, 50, out, 10, 1, done);
	assert_float_equal(out[5], ramp[55], 1e-7);
	/* It is speech to a cut (a second key's word ends it). */
	mixer_cut_speech(&m, 60, 60);
	assert_true(m.voice[0].n <= 60 + MIXER_FADE);
}

static void
test_cancel_from(void **state)
{
	struct mixer	m;
	float		out[400];
	uint32_t	done[MIXER_VOICES];
	size_t		nd;

	(void)state;
	mixer_init(&m);
	mixer_add(&m, ramp, RAMP, 0, 0, 1.0f, 0, 1);
	mixer_add(&m, ramp, RAMP, 150, 150, 1.0f, 0, 2);
	mixer_add(&m, ramp, RAMP, 300, 300, 1.0f, 0, 3);
	memset(out, 0, sizeof out);
	mixer_render(&m, 0, out, 50, 1, done);	/* voice 1 is playing */
	nd = mixer_cancel_from(&m, 20, done);
	assert_int_equal(nd, 2);
	assert_int_equal(done[0] + done[1], 5);
	assert_int_equal(mixer_busy(&m), 1);	/* voice 1 plays on */
	nd = mixer_render(&m, 50, out + 50, 350, 1, done);
	assert_int_equal(nd, 1);
	assert_int_equal(done[0], 1);
	assert_float_equal(out[160], 0, 1e-7);
	assert_float_equal(out[310], 0, 1e-7);

	/*
	 * A voice asked for before the cancel time but clamped to a later
	 * frame (it came late) is kept: cancel compares the asked-for time.
	 */
	mixer_init(&m);
	mixer_add(&m, ramp, RAMP, 500, 90, 1.0f, 0, 4);
	assert_int_equal(mixer_cancel_from(&m, 100, done), 0);
	assert_int_equal(mixer_cancel_from(&m, 90, done), 1);
}

static void
test_full_mixer_refuses(void **state)
{
	struct mixer	m;
	int		i;

	(void)state;
	mixer_init(&m);
	for (i = 0; i < MIXER_VOICES; i++)
		assert_int_equal(mixer_add(&m, ramp, RAMP, i, i, 1, 0, 0), 0);
	assert_int_equal(mixer_add(&m, ramp, RAMP, 0, 0, 1, 0, 0), -1);
	assert_int_equal(mixer_busy(&m), MIXER_VOICES);
}

static void
test_load_resamples_and_mixes_down(void **state)
{
	struct sndbuf	b;
	SF_INFO		info;
	SNDFILE		*sf;
	float		st[44100 * 2];
	char		path[] = "/tmp/knead-test-mixer.XXXXXX";
	char		*cause = NULL;
	int		fd, i;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	/* One second of stereo at 44.1 kHz: left 0.5, right 0.1. */
	for (i = 0; i < 44100; i++) {
		st[i * 2] = 0.5f;
		st[i * 2 + 1] = 0.1f;
	}
	memset(&info, 0, sizeof info);
	info.samplerate = 44100;
	info.channels = 2;
	info.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
	sf = sf_open(path, SFM_WRITE, &info);
	assert_non_null(sf);
	sf_writef_float(sf, st, 44100);
	sf_close(sf);
	assert_int_equal(sndbuf_load(&b, path, 48000, &cause), 0);
	assert_int_equal(b.n, 48000);
	assert_float_equal(b.v[1000], 0.3f, 1e-3);
	assert_int_equal(sndbuf_ms(&b, 48000), 1000);
	sndbuf_free(&b);
	unlink(path);

	assert_int_equal(sndbuf_load(&b, "/nonexistent.wav", 48000, &cause),
	    -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "/nonexistent.wav"));
	free(cause);
	sndbuf_free(NULL);
}

/* Write n frames of a sine at hz (mono, 16-bit) in format fmt. */
static void
write_tone(const char *path, int fmt, int rate, int n, double hz)
{
	SF_INFO	 info;
	SNDFILE	*sf;
	float	*v;
	int	 i;

	v = calloc((size_t)n + 1, sizeof *v);
	assert_non_null(v);
	for (i = 0; i < n; i++)
		v[i] = (float)(0.5 * sin(2 * M_PI * hz * i / rate));
	memset(&info, 0, sizeof info);
	info.samplerate = rate;
	info.channels = 1;
	info.format = fmt;
	sf = sf_open(path, SFM_WRITE, &info);
	assert_non_null(sf);
	assert_int_equal(sf_writef_float(sf, v, n), n);
	sf_close(sf);
	free(v);
}

/* Number of open file descriptors of this process. */
static int
count_fds(void)
{
	DIR		*d = opendir("/proc/self/fd");
	struct dirent	*de;
	int		 n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

/*
 * Files a user may leave in the sounds folder by mistake are refused at
 * once, never hang (a FIFO), never take memory (a long file) and leak no
 * descriptor: the cue then falls back to the bundled sound.
 */
/* Power of frequency hz in v (n frames at rate), by Goertzel. */
static double
goertzel(const float *v, size_t n, int rate, double hz)
{
	double	w = 2 * M_PI * hz / rate, c = 2 * cos(w), s0, s1 = 0, s2 = 0;
	size_t	i;

	for (i = 0; i < n; i++) {
		s0 = v[i] + c * s1 - s2;
		s2 = s1;
		s1 = s0;
	}
	return (s1 * s1 + s2 * s2 - c * s1 * s2) / ((double)n * n);
}

/*
 * Speech comes at 22.05 kHz: an 8 kHz tone resampled to 48 kHz stays one
 * tone. Linear interpolation left an image at 22.05 - 8 = 14.05 kHz about
 * 12 dB down; the sinc converter keeps it 60 dB below the tone. The
 * length is exactly what sndbuf_resampled_n planned.
 */
/*
 * A spoken line's length, the one measure of live session, render and
 * validator: whole ms rounded up, after the resampling to the output rate.
 */
static void
test_said_ms(void **state)
{
	(void)state;
	assert_int_equal(sndbuf_said_ms(22050, 22050, 48000), 1000);
	assert_int_equal(sndbuf_said_ms(22051, 22050, 48000), 1001);
	assert_int_equal(sndbuf_said_ms(48001, 48000, 48000), 1001);
	assert_int_equal(sndbuf_said_ms(47999, 48000, 48000), 1000);
	assert_int_equal(sndbuf_said_ms(0, 22050, 44100), 0);
	assert_int_equal(sndbuf_said_ms(1, 22050, 44100), 1);
}

/*
 * A cut ends the spoken voice sounding at its frame, with a short fade;
 * a line asked for at the cut's own time (the next step's line, played
 * ahead) is kept even when the cut reaches the mixer late and is clamped
 * to a frame after that line began. Cues are never cut.
 */
static void
test_cut_speech(void **state)
{
	static float	one[4000];
	struct mixer	m;
	float		out[4000];
	uint32_t	done[MIXER_VOICES];
	size_t		i;

	(void)state;
	for (i = 0; i < 4000; i++)
		one[i] = 0.5f;
	mixer_init(&m);
	mixer_add(&m, one, 4000, 0, 0, 1.0f, 1, 1);	 /* old line */
	mixer_add(&m, one, 4000, 1000, 1000, 1.0f, 1, 2); /* next step's */
	mixer_add(&m, one, 4000, 0, 0, 1.0f, 0, 3);	 /* a cue */
	/* Asked at key 1000, clamped to frame 1200 by a late callback. */
	mixer_cut_speech(&m, 1200, 1000);
	memset(out, 0, sizeof out);
	mixer_render(&m, 0, out, 4000, 1, done);
	/* Old line fades out by 1200; cue and new line play on. */
	assert_float_equal(out[900], 1.0f, 1e-6);	/* old + cue */
	assert_true(out[1100] > 1.0f && out[1100] < 1.5f); /* fading */
	assert_float_equal(out[1200], 1.0f, 1e-6);	/* cue + new */
	assert_float_equal(out[3999], 1.0f, 1e-6);

	/* A cut at the new line's own key leaves it whole; a later one ends it. */
	mixer_init(&m);
	mixer_add(&m, one, 4000, 1000, 1000, 1.0f, 1, 2);
	mixer_cut_speech(&m, 1500, 1000);
	assert_int_equal(m.voice[0].n, 4000);
	mixer_cut_speech(&m, 1500, 1001);
	assert_true(m.voice[0].n <= 500 + MIXER_FADE);
}

static void
test_resample_no_images(void **state)
{
	enum { IN = 22050, OUT = 48000, N = 22050 };
	int16_t		*s = calloc(N, sizeof *s);
	struct sndbuf	 b;
	double		 tone, image;
	size_t		 i;

	(void)state;
	assert_non_null(s);
	for (i = 0; i < N; i++)
		s[i] = (int16_t)(16000 * sin(2 * M_PI * 8000.0 * i / IN));
	sndbuf_from_s16(&b, s, N, IN, OUT);
	assert_int_equal(b.n, sndbuf_resampled_n(N, IN, OUT));
	/* Away from the ends, where the filter has its full support. */
	tone = goertzel(b.v + 4800, b.n - 9600, OUT, 8000.0);
	image = goertzel(b.v + 4800, b.n - 9600, OUT, 14050.0);
	assert_true(tone > 0.01);
	if (image > tone * 1e-6)
		fail_msg("image at 14.05 kHz only %.1f dB below the tone",
		    10 * log10(tone / image));
	sndbuf_free(&b);
	free(s);
}

static void
test_load_refuses_what_is_not_a_cue(void **state)
{
	struct sndbuf	 b;
	char		 dir[] = "/tmp/knead-test-snd.XXXXXX";
	char		 p[4200], *cause, *used;
	const char	*top = getenv("KNEAD_TOP");
	FILE		*fp;
	int		 fds, c;

	(void)state;
	assert_non_null(mkdtemp(dir));
	fds = count_fds();

	snprintf(p, sizeof p, "%s/empty.wav", dir);	/* 0 bytes */
	fp = fopen(p, "w");
	fclose(fp);
	assert_int_equal(sndbuf_load(&b, p, 48000, &cause), -1);
	free(cause);
	snprintf(p, sizeof p, "%s/fifo.wav", dir);	/* would block */
	assert_int_equal(mkfifo(p, 0600), 0);
	assert_int_equal(sndbuf_load(&b, p, 48000, &cause), -1);
	assert_non_null(strstr(cause, "not a regular file"));
	free(cause);
	snprintf(p, sizeof p, "%s/dir.wav", dir);
	assert_int_equal(mkdir(p, 0700), 0);
	assert_int_equal(sndbuf_load(&b, p, 48000, &cause), -1);
	free(cause);
	assert_int_equal(sndbuf_load(&b, "/dev/zero", 48000, &cause), -1);
	free(cause);
	snprintf(p, sizeof p, "%s/long.flac", dir);	/* 61 s */
	write_tone(p, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 8000, 8000 * 61,
	    440);
	assert_int_equal(sndbuf_load(&b, p, 48000, &cause), -1);
	free(cause);
	snprintf(p, sizeof p, "%s/nosamples.wav", dir);	/* header only */
	write_tone(p, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 0, 440);
	assert_int_equal(sndbuf_load(&b, p, 48000, &cause), -1);
	free(cause);
	assert_null(b.v);
	assert_int_equal(count_fds(), fds);

	/* The same files as user cues: each falls back to the bundled one. */
	snprintf(p, sizeof p, "%s/knead", dir);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(p, sizeof p, "%s/knead/sounds", dir);
	assert_int_equal(mkdir(p, 0700), 0);
	setenv("XDG_CONFIG_HOME", dir, 1);
	snprintf(p, sizeof p, "%s/knead/sounds/tick.wav", dir);
	assert_int_equal(mkfifo(p, 0600), 0);
	snprintf(p, sizeof p, "%s/knead/sounds/press.wav", dir);
	fp = fopen(p, "w");
	fputs("RIFF", fp);
	fclose(fp);
	snprintf(p, sizeof p, "%s/sounds", top != NULL ? top : ".");
	for (c = 0; c < CUE__COUNT; c++) {
		assert_int_equal(cue_load(p, c, 48000, &b, &cause,
		    NULL), 0);
		assert_true(b.n > 0);
		if (c == CUE_TICK || c == CUE_PRESS)
			assert_non_null(cause);
		else
			assert_null(cause);
		free(cause);
		sndbuf_free(&b);
	}
	/*
	 * A good user file of any format is used; a broken one before it in
	 * name order (press.aiff) is skipped and named.
	 */
	snprintf(p, sizeof p, "%s/knead/sounds/press.aiff", dir);
	fp = fopen(p, "w");
	fputs("FORM....AIFF", fp);
	fclose(fp);
	snprintf(p, sizeof p, "%s/knead/sounds/press.ogg", dir);
	write_tone(p, SF_FORMAT_OGG | SF_FORMAT_VORBIS, 22050, 22050 / 2,
	    3000);
	snprintf(p, sizeof p, "%s/sounds", top != NULL ? top : ".");
	assert_int_equal(cue_load(p, CUE_PRESS, 48000, &b, &cause,
	    &used), 0);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "press.aiff"));
	assert_non_null(used);
	assert_non_null(strstr(used, "/knead/sounds/press.ogg"));
	free(cause);
	free(used);
	assert_true(b.n > 48000 / 2 - 600 && b.n < 48000 / 2 + 600);
	sndbuf_free(&b);
	assert_int_equal(count_fds(), fds);
	unsetenv("XDG_CONFIG_HOME");
	snprintf(p, sizeof p, "rm -rf '%s'", dir);
	assert_int_equal(system(p), 0);
}

static void
test_every_cue_has_a_sound(void **state)
{
	struct sndbuf	 b;
	const char	*top = getenv("KNEAD_TOP");
	char		 path[4096], *cause;
	int		 c;

	(void)state;
	for (c = 0; c < CUE__COUNT; c++) {
		snprintf(path, sizeof path, "%s/sounds/%s.wav",
		    top != NULL ? top : ".", cue_name(c));
		assert_int_equal(sndbuf_load(&b, path, 48000, &cause), 0);
		/* Short, and starting at once: onset in the first 2 ms. */
		assert_true(b.n > 48000 / 100 && b.n < 48000 * 3);
		{
			size_t	i = 0;

			while (i < b.n && b.v[i] > -0.01f && b.v[i] < 0.01f)
				i++;
			assert_true(i < 96);
		}
		sndbuf_free(&b);
	}
}

static void
test_speech_synth(void **state)
{
	struct speech	*sp;
	struct sndbuf	 a, b;

	(void)state;
	sp = speech_open("en");
	assert_non_null(sp);
	assert_string_equal(speech_lang(sp), "en");
	assert_int_equal(speech_synth(sp, "Ten seconds.", 48000, &a), 0);
	/* About a second of speech, with no silence before it. */
	assert_true(a.n > 48000 / 3 && a.n < 48000 * 3);
	assert_true(a.v[0] > 0.005f || a.v[0] < -0.005f);
	assert_int_equal(speech_synth(sp, "Press. Upper trapezius, left "
	    "side. Lean into the ball until it aches a little.", 48000, &b),
	    0);
	assert_true(b.n > a.n * 3);
	sndbuf_free(&a);
	sndbuf_free(&b);
	assert_int_equal(speech_synth(sp, "", 48000, &a), -1);
	speech_close(sp);
	/* An unknown language falls back to English, and says so. */
	sp = speech_open("xx-nonexistent");
	assert_non_null(sp);
	assert_string_equal(speech_lang(sp), "en");
	assert_false(speech_speaks(sp, "xx-nonexistent"));
	assert_false(speech_speaks(sp, "xx"));
	speech_close(sp);
	/* A region espeak-ng lacks gets its language ("en_GB" -> "en"). */
	sp = speech_open("en_GB");
	assert_non_null(sp);
	assert_string_equal(speech_lang(sp), "en");
	assert_true(speech_speaks(sp, "en_GB"));
	speech_close(sp);
	sp = speech_open("fr-FR");
	assert_non_null(sp);
	assert_string_equal(speech_lang(sp), "fr");
	assert_true(speech_speaks(sp, "fr-FR"));
	assert_false(speech_speaks(sp, "f"));
	speech_close(sp);
	sp = speech_open("fr");
	assert_non_null(sp);
	assert_string_equal(speech_lang(sp), "fr");
	assert_int_equal(speech_synth(sp, "Changez de côté.", 48000, &a), 0);
	sndbuf_free(&a);
	speech_close(sp);
}

/*
 * The program's English words are spoken by the English voice even when
 * the routine's language is another; the routine's text after SPEECH_SEP
 * by that language's voice (espeak-ng's French reads the same English
 * words at another length: 7 % shorter here).
 */
static void
test_speech_voices(void **state)
{
	static const char prog[] = "Press. Upper trapezius, left side. "
	    "Rep 1 of 2.";
	struct speech	*sp;
	struct sndbuf	 en, b;
	double		 d;

	(void)state;
	sp = speech_open("en");
	assert_non_null(sp);
	assert_int_equal(speech_synth(sp, prog, 48000, &en), 0);
	speech_close(sp);
	sp = speech_open("fr");
	assert_non_null(sp);
	assert_int_equal(speech_synth(sp, prog, 48000, &b), 0);
	d = (double)b.n / en.n;
	assert_true(d > 0.98 && d < 1.02);
	sndbuf_free(&b);
	assert_int_equal(speech_synth(sp, SPEECH_SEP_S "Press. Upper "
	    "trapezius, left side. Rep 1 of 2.", 48000, &b), 0);
	d = (double)b.n / en.n;
	assert_true(d < 0.96 || d > 1.04);
	sndbuf_free(&b);
	/* Both parts, with a pause between them. */
	assert_int_equal(speech_synth(sp, "Press. Upper trapezius, left side."
	    SPEECH_SEP_S "Penchez-vous sur la balle.", 48000, &b), 0);
	assert_true(b.n > en.n);
	sndbuf_free(&b);
	/* The French voice is still the one chosen afterwards. */
	assert_string_equal(speech_lang(sp), "fr");
	sndbuf_free(&en);
	speech_close(sp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_voice_starts_on_its_frame),
		cmocka_unit_test(test_late_voice_plays_whole),
		cmocka_unit_test(test_overlap_mixes_and_gain),
		cmocka_unit_test(test_mute_and_voice_off),
		cmocka_unit_test(test_cancel_from),
		cmocka_unit_test(test_cut_speech),
		cmocka_unit_test(test_resample_no_images),
		cmocka_unit_test(test_full_mixer_refuses),
		cmocka_unit_test(test_load_resamples_and_mixes_down),
		cmocka_unit_test(test_load_refuses_what_is_not_a_cue),
		cmocka_unit_test(test_every_cue_has_a_sound),
		cmocka_unit_test(test_said_ms),
		cmocka_unit_test(test_speech_synth),
		cmocka_unit_test(test_speech_voices),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
