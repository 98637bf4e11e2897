/*
 * Find the onsets of sounds in an audio file, for the audio tests: prints
 * one line per onset, "START_MS FREQ_HZ PEAK", where FREQ_HZ is the
 * strongest frequency of the first 40 ms (a Goertzel scan) and PEAK the
 * largest sample of the first 100 ms.
 *
 *	helper_onsets FILE                       any file libsndfile reads
 *	helper_onsets FILE RATE CHANNELS float|s16   headerless capture
 *	helper_onsets FILE [RATE CHANNELS float|s16] --at MS:HZ...
 *	helper_onsets FILE [RATE CHANNELS float|s16] --first MS...
 *
 * --at prints "MS HZ RATIO POWER" per pair: how much stronger HZ is in the
 * 40 ms from MS than in the 40 ms before (a cue found under speech), and
 * its power in the 40 ms from MS (to compare frequencies). --first
 * prints "MS FIRST_MS" per time: the first sample at or after MS that is
 * not silence (-1 when none), for sounds a slow onset would hide.
 *
 * An onset is a 2 ms block louder than -48 dBFS and three times louder than
 * any of the five blocks before it (so a cue starting over another's tail
 * is still found), placed at its first sample above a quarter of the
 * block's peak.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sndfile.h>

#define BLOCK_MS	2
#define THRESH		0.004
#define JUMP		3.0
#define LOOKBACK	5
#define FSTEP		5	/* Hz between the frequencies strongest() tries */
#define FIRST		1e-4	/* --first: a sample louder than this */

/* Power of frequency f in x[0..n) (Hann window). */
static double
power_at(const float *x, size_t n, int rate, double f)
{
	double	w = 2 * cos(2 * M_PI * f / rate), s0, s1 = 0, s2 = 0;
	size_t	i;

	for (i = 0; i < n; i++) {
		s0 = x[i] * (0.5 - 0.5 * cos(2 * M_PI * i / n)) + w * s1 - s2;
		s2 = s1;
		s1 = s0;
	}
	return s1 * s1 + s2 * s2 - w * s1 * s2;
}

/*
 * Strongest frequency of x[0..n) between 150 Hz and 4 kHz. The window is
 * applied once, not once per frequency: the same products, so the same
 * result, without 771 cos() calls a sample (the analysis of a capture
 * took seconds of make test's timed phase).
 */
static double
strongest(const float *x, size_t n, int rate)
{
	double	f, best = 0, bestp = -1, w[4], s0, s1[4], s2[4], p, *xw;
	size_t	i, k;

	if ((xw = malloc((n + 1) * sizeof *xw)) == NULL)
		abort();
	for (i = 0; i < n; i++)
		xw[i] = x[i] * (0.5 - 0.5 * cos(2 * M_PI * i / n));
	/*
	 * Four frequencies a pass: four independent chains, each the same
	 * operations as alone (so the same powers), that the CPU overlaps.
	 */
	for (f = 150; f <= 4000; f += 4 * FSTEP) {
		for (k = 0; k < 4; k++) {
			w[k] = 2 * cos(2 * M_PI * (f + k * FSTEP) / rate);
			s1[k] = s2[k] = 0;
		}
		for (i = 0; i < n; i++) {
			for (k = 0; k < 4; k++) {
				s0 = xw[i] + w[k] * s1[k] - s2[k];
				s2[k] = s1[k];
				s1[k] = s0;
			}
		}
		for (k = 0; k < 4 && f + k * FSTEP <= 4000; k++) {
			p = s1[k] * s1[k] + s2[k] * s2[k] -
			    w[k] * s1[k] * s2[k];
			if (p > bestp) {
				bestp = p;
				best = f + k * FSTEP;
			}
		}
	}
	free(xw);
	return best;
}

/* Print the onsets (or the --at ratios) of one file. */
int
main(int argc, char **argv)
{
	SF_INFO		 info;
	SNDFILE		*sf;
	float		*raw, *x;
	double		*rms, prev, pk;
	size_t		 n, i, b, nb, bs, k, s, len;
	int		 c, mode = 2;

	memset(&info, 0, sizeof info);
	if (argc >= 5 && argv[2][0] != '-') {
		info.samplerate = atoi(argv[2]);
		info.channels = atoi(argv[3]);
		info.format = SF_FORMAT_RAW | (strcmp(argv[4], "float") == 0 ?
		    SF_FORMAT_FLOAT : SF_FORMAT_PCM_16) | SF_ENDIAN_LITTLE;
		mode = 5;
	}
	if (argc < 2 || (mode < argc && strcmp(argv[mode], "--at") != 0 &&
	    strcmp(argv[mode], "--first") != 0)) {
		fprintf(stderr, "usage: onsets FILE [RATE CHANNELS "
		    "float|s16] [--at MS:HZ... | --first MS...]\n");
		return 2;
	}
	if ((sf = sf_open(argv[1], SFM_READ, &info)) == NULL) {
		fprintf(stderr, "onsets: %s: %s\n", argv[1],
		    sf_strerror(NULL));
		return 1;
	}
	n = (size_t)info.frames;
	raw = malloc((n * info.channels + 1) * sizeof *raw);
	x = malloc((n + 1) * sizeof *x);
	if (raw == NULL || x == NULL)
		return 1;
	n = (size_t)sf_readf_float(sf, raw, (sf_count_t)n);
	sf_close(sf);
	for (i = 0; i < n; i++)
		x[i] = raw[i * info.channels];	/* the first channel */
	free(raw);

	if (mode < argc && strcmp(argv[mode], "--first") == 0) {
		for (c = mode + 1; c < argc; c++) {
			i = (size_t)(atof(argv[c]) * info.samplerate / 1000);
			while (i < n && fabs(x[i]) < FIRST)
				i++;
			printf("%s %.2f\n", argv[c], i < n ?
			    i * 1000.0 / info.samplerate : -1.0);
		}
		free(x);
		return 0;
	}
	if (mode < argc) {
		double	ms, hz, before, after;
		size_t	w = (size_t)info.samplerate * 40 / 1000, at;

		for (c = mode + 1; c < argc; c++) {
			if (sscanf(argv[c], "%lf:%lf", &ms, &hz) != 2)
				return 2;
			at = (size_t)(ms * info.samplerate / 1000);
			if (at < w || at + w > n)
				continue;
			before = power_at(x + at - w, w, info.samplerate, hz);
			after = power_at(x + at, w, info.samplerate, hz);
			printf("%.2f %.0f %.1f %.6g\n", ms, hz,
			    after / (before + 1e-9), after);
		}
		free(x);
		return 0;
	}

	bs = (size_t)info.samplerate * BLOCK_MS / 1000;
	nb = n / bs;
	rms = calloc(nb + 1, sizeof *rms);
	for (b = 0; b < nb; b++) {
		double e = 0;

		for (i = 0; i < bs; i++)
			e += (double)x[b * bs + i] * x[b * bs + i];
		rms[b] = sqrt(e / bs);
	}
	for (b = 0; b < nb; b++) {
		if (rms[b] < THRESH)
			continue;
		prev = 0;
		for (k = 1; k <= LOOKBACK && k <= b; k++)
			if (rms[b - k] > prev)
				prev = rms[b - k];
		if (rms[b] < JUMP * prev)
			continue;
		pk = 0;
		for (i = 0; i < bs; i++)
			if (fabs(x[b * bs + i]) > pk)
				pk = fabs(x[b * bs + i]);
		s = b * bs;
		if (b > 0)
			s -= bs;
		while (s < (b + 1) * bs && fabs(x[s]) < pk / 4)
			s++;
		len = (size_t)info.samplerate * 40 / 1000;
		if (s + len > n)
			len = n - s;
		pk = 0;
		for (i = s; i < n && i < s + (size_t)info.samplerate / 10; i++)
			if (fabs(x[i]) > pk)
				pk = fabs(x[i]);
		printf("%.2f %.0f %.3f\n", s * 1000.0 / info.samplerate,
		    strongest(x + s, len, info.samplerate), pk);
		b += 10;	/* one onset per 20 ms at most */
	}
	(void)c;
	free(rms);
	free(x);
	return 0;
}
