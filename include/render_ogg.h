/*
 * Ogg Vorbis files for `knead render`, encoded with libvorbisenc and put in
 * pages with libogg; the only module that includes their headers.
 *
 * Vorbis encoding is the whole cost of an .ogg render (libvorbis encodes
 * about 15 M samples a second here). The middle of each long silence is
 * not encoded but written as copies of the silent packet, a long render is
 * cut at a silent point, the two halves are encoded on two threads and
 * their packets are joined into one logical stream, so a player sees one
 * ordinary file: see render_ogg.c for why the joins are exact.
 */
#ifndef KNEAD_RENDER_OGG_H
#define KNEAD_RENDER_OGG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Where the samples come from. open, mix and close are called on other
 * threads, several states at once; progress only on the caller's.
 */
struct render_ogg_src {
	/* A mixing state whose first frame is frame0 of the render. */
	void	*(*open)(void *arg, uint64_t frame0);
	/* Write the state's next n frames into out (mono, -1..1). */
	void	 (*mix)(void *state, float *out, size_t n);
	void	 (*close)(void *state);
	/* The share of the work done, 0..100; NULL: none shown. */
	void	 (*progress)(void *arg, int pct);
	void	*arg;
};

/* A stretch of the render where every sample is exactly 0.0f. */
struct render_ogg_quiet {
	uint64_t	 from;		/* first frame */
	uint64_t	 to;		/* frame after the last */
};

/*
 * Encode frames [0, total) at rate (mono, Vorbis quality 0.4) into fp.
 * quiet lists, in order, the stretches of exact silence: the middle of a
 * long one is not encoded, and the work may be split inside one. The file
 * is the same length and timeline either way. Returns 0, or -1 with *cause
 * set (caller frees).
 */
int	render_ogg_write(FILE *fp, int rate, uint64_t total,
	    const struct render_ogg_quiet *quiet, size_t nquiet,
	    const struct render_ogg_src *src, char **cause);

#endif
