/*
 * Synthesise knead's cue sounds into sounds/NAME.wav (mono, 48 kHz, 16 bit):
 * bells, wood blocks and soft ticks, one file per enum cue, named by
 * cue_name(). Built and run by make-sounds.sh; change a recipe here and run
 * `make sounds` to hear it.
 *
 *	cc -O2 -o gen gen.c $(pkg-config --cflags --libs sndfile) -lm
 *	./gen OUTDIR
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sndfile.h>

#define RATE	48000
#define MAXS	(RATE * 3)

struct buf {
	float	v[MAXS];
	size_t	n;
};

/* Deterministic noise, so the files are the same on every build. */
static unsigned gen_seed = 12345;

/* A uniform random number in [-1, 1]. */
static float
noise(void)
{
	gen_seed = gen_seed * 1103515245u + 12345u;
	return ((gen_seed >> 8) & 0xffff) / 32768.0f - 1.0f;
}

/* Make the buffer at least n_ms long. */
static void
extend(struct buf *b, double end_s)
{
	size_t	n = (size_t)(end_s * RATE);

	if (n > MAXS)
		n = MAXS;
	if (n > b->n)
		b->n = n;
}

/*
 * A struck bell at t0: inharmonic partials, each decaying exponentially,
 * higher ones faster, with a 2 ms attack.
 */
static void
bell(struct buf *b, double t0, double f, double amp, double decay_s)
{
	static const double ratio[] = { 1.0, 2.0, 2.76, 4.07, 5.43 };
	static const double level[] = { 1.0, 0.45, 0.3, 0.12, 0.08 };
	size_t	i, k, start = (size_t)(t0 * RATE);
	double	t, env, s, len = decay_s * 5;

	extend(b, t0 + len);
	for (i = start; i < b->n && i < start + (size_t)(len * RATE); i++) {
		t = (double)(i - start) / RATE;
		s = 0;
		for (k = 0; k < 5; k++) {
			env = exp(-t / (decay_s / (1 + k * 0.8)));
			s += level[k] * env * sin(2 * M_PI * f * ratio[k] * t);
		}
		s *= t < 0.002 ? t / 0.002 : 1;
		b->v[i] += (float)(amp * s);
	}
}

/* A wood block knock: a short resonant tone with a noisy strike. */
static void
wood(struct buf *b, double t0, double f, double amp)
{
	size_t	i, start = (size_t)(t0 * RATE);
	double	t, s;

	extend(b, t0 + 0.25);
	for (i = start; i < b->n && i < start + (size_t)(0.25 * RATE); i++) {
		t = (double)(i - start) / RATE;
		s = sin(2 * M_PI * f * t) * exp(-t / 0.035) +
		    0.5 * sin(2 * M_PI * f * 2.57 * t) * exp(-t / 0.015) +
		    0.25 * noise() * exp(-t / 0.004);
		s *= t < 0.001 ? t / 0.001 : 1;
		b->v[i] += (float)(amp * s);
	}
}

/* A soft tick: a very short high tone, like a quiet clock. */
static void
tick(struct buf *b, double t0, double f, double amp)
{
	size_t	i, start = (size_t)(t0 * RATE);
	double	t, s;

	extend(b, t0 + 0.06);
	for (i = start; i < b->n && i < start + (size_t)(0.06 * RATE); i++) {
		t = (double)(i - start) / RATE;
		s = sin(2 * M_PI * f * t) * exp(-t / 0.008) +
		    0.15 * noise() * exp(-t / 0.002);
		s *= t < 0.0005 ? t / 0.0005 : 1;
		b->v[i] += (float)(amp * s);
	}
}

/*
 * A short pure beep, like a timer's last seconds: a clear pitch and no
 * click, so it cannot be taken for the roll's pass tick.
 */
static void
pip(struct buf *b, double t0, double f, double len_s, double amp)
{
	size_t	i, start = (size_t)(t0 * RATE);
	double	t, env;

	extend(b, t0 + len_s);
	for (i = start; i < b->n && i < start + (size_t)(len_s * RATE); i++) {
		t = (double)(i - start) / RATE;
		env = t < 0.002 ? t / 0.002 : t > len_s - 0.02 ?
		    (len_s - t) / 0.02 : 1;
		b->v[i] += (float)(amp * env * sin(2 * M_PI * f * t));
	}
}

/*
 * A soft swell gliding from f0 to f1 over len_s (breathing, stretch and
 * relax): raised-cosine envelope with a quick start so the onset is clear.
 */
static void
glide(struct buf *b, double t0, double f0, double f1, double len_s,
    double amp)
{
	size_t	i, start = (size_t)(t0 * RATE);
	double	t, env, phase = 0, f;

	extend(b, t0 + len_s);
	for (i = start; i < b->n && i < start + (size_t)(len_s * RATE); i++) {
		t = (double)(i - start) / RATE;
		f = f0 + (f1 - f0) * t / len_s;
		phase += 2 * M_PI * f / RATE;
		env = t < 0.01 ? t / 0.01 : 0.5 + 0.5 * cos(M_PI * (t - 0.01) /
		    (len_s - 0.01));
		b->v[i] += (float)(amp * env * (sin(phase) +
		    0.2 * sin(2 * phase)));
	}
}

/* Scale to the given peak and write OUTDIR/name.wav. */
static int
save(const char *dir, const char *name, struct buf *b, double peak)
{
	SF_INFO	 info;
	SNDFILE	*sf;
	char	 path[4096];
	double	 max = 0;
	size_t	 i;

	for (i = 0; i < b->n; i++)
		if (fabs(b->v[i]) > max)
			max = fabs(b->v[i]);
	for (i = 0; i < b->n; i++)
		b->v[i] = (float)(b->v[i] * (max > 0 ? peak / max : 1));
	/* Cut the inaudible tail (below -50 dBFS), then fade out over 5 ms. */
	while (b->n > 480 && fabs(b->v[b->n - 1]) < 0.003)
		b->n--;
	for (i = 0; i < 240 && i < b->n; i++)
		b->v[b->n - 1 - i] *= (float)i / 240;
	memset(&info, 0, sizeof info);
	info.samplerate = RATE;
	info.channels = 1;
	info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
	snprintf(path, sizeof path, "%s/%s.wav", dir, name);
	if ((sf = sf_open(path, SFM_WRITE, &info)) == NULL) {
		fprintf(stderr, "gen: %s: %s\n", path, sf_strerror(NULL));
		return -1;
	}
	sf_command(sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
	sf_writef_float(sf, b->v, (sf_count_t)b->n);
	sf_close(sf);
	printf("%s %.2f s\n", path, (double)b->n / RATE);
	return 0;
}

/* Write every cue file into the folder given. */
int
main(int argc, char **argv)
{
	static struct buf	 b;
	const char		*dir = argc > 1 ? argv[1] : ".";
	int			 rc = 0;

#define CUE(name, peak, recipe) do {					\
	memset(&b, 0, sizeof b);					\
	recipe;								\
	rc |= save(dir, name, &b, peak);				\
} while (0)

	/* A rising major arpeggio of bells: welcome. */
	CUE("session-start", 0.5, (bell(&b, 0, 523.25, 1, 0.25),
	    bell(&b, 0.18, 659.25, 1, 0.25), bell(&b, 0.36, 783.99, 1, 0.3)));
	/* One mid wood block: get into place. */
	CUE("position", 0.5, wood(&b, 0, 700, 1));
	/* A low, round bell: press and hold. */
	CUE("press", 0.5, bell(&b, 0, 392, 1, 0.18));
	/* Two quick wood knocks going up: roll. */
	CUE("roll", 0.5, (wood(&b, 0, 520, 1), wood(&b, 0.12, 780, 1)));
	/* A soft rising glide: stretch. */
	CUE("stretch", 0.45, glide(&b, 0, 440, 660, 0.7, 1));
	/* Two high firm knocks: contract. */
	CUE("contract", 0.5, (wood(&b, 0, 1100, 1), wood(&b, 0.1, 1100, 1)));
	/* A soft falling glide: relax. */
	CUE("relax", 0.45, glide(&b, 0, 620, 410, 0.8, 1));
	/* A bright gentle chime: breathing exercise. */
	CUE("breathe", 0.4, bell(&b, 0, 880, 1, 0.3));
	/* A low long bell: rest. */
	CUE("rest", 0.45, bell(&b, 0, 294, 1, 0.35));
	/* Two small high chimes: halfway. */
	CUE("halfway", 0.35, (bell(&b, 0, 1318.5, 1, 0.08),
	    bell(&b, 0.15, 987.77, 1, 0.1)));
	/* A short high beep: countdown (not a tick: the roll's pass is). */
	CUE("tick", 0.3, pip(&b, 0, 1568, 0.08, 1));
	/* Ding-dong: switch sides. */
	CUE("switch", 0.5, (bell(&b, 0, 783.99, 1, 0.14),
	    bell(&b, 0.25, 587.33, 1, 0.2)));
	/* Three wood knocks going down: release. */
	CUE("release", 0.5, (wood(&b, 0, 900, 1), wood(&b, 0.11, 750, 1),
	    wood(&b, 0.22, 600, 1)));
	/* The softest, lowest tick: one roll pass. */
	CUE("pass", 0.2, tick(&b, 0, 1200, 1));
	/* Quiet swells up and down: inhale, exhale. */
	CUE("inhale", 0.2, glide(&b, 0, 330, 495, 0.5, 1));
	CUE("exhale", 0.2, glide(&b, 0, 495, 330, 0.5, 1));
	/* A single clear bell: step done. */
	CUE("step-end", 0.45, bell(&b, 0, 523.25, 1, 0.15));
	/* A falling arpeggio of bells: the end. */
	CUE("session-end", 0.5, (bell(&b, 0, 783.99, 1, 0.25),
	    bell(&b, 0.22, 659.25, 1, 0.25), bell(&b, 0.44, 523.25, 1, 0.4)));
	/* Three urgent knocks alternating high and low: safety stop. */
	CUE("alert", 0.6, (wood(&b, 0, 1400, 1), wood(&b, 0.15, 1000, 1),
	    wood(&b, 0.3, 1400, 1), wood(&b, 0.45, 1000, 1)));
	return rc ? 1 : 0;
}
