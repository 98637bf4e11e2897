/*
 * Encode an audio file two ways, for the render tests: with render_ogg.c
 * (silences not encoded, two encoders joined) and with one plain
 * libvorbisenc encoder of the same settings, so that their decodes can be
 * compared.
 *
 *	helper_oggcut IN CUT.ogg REF.ogg
 *
 * IN is any mono file libsndfile reads; its stretches of exact zeros are
 * the silences render_ogg_write is told about, as knead's mixer tells it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ogg/ogg.h>
#include <sndfile.h>
#include <vorbis/vorbisenc.h>

#include "render_ogg.h"

static float	*pcm;
static uint64_t	 npcm;

struct state {
	uint64_t	at;
};

static void *
src_open(void *arg, uint64_t frame0)
{
	struct state	*s = calloc(1, sizeof *s);

	(void)arg;
	if (s == NULL)
		exit(1);
	s->at = frame0;
	return s;
}

static void
src_mix(void *arg, float *out, size_t n)
{
	struct state	*s = arg;

	memcpy(out, pcm + s->at, n * sizeof *out);
	s->at += n;
}

static void
src_close(void *arg)
{
	free(arg);
}

/* Write the pages ready (all if flush). */
static int
pages(FILE *fp, ogg_stream_state *os, int flush)
{
	ogg_page	og;

	while ((flush ? ogg_stream_flush(os, &og) :
	    ogg_stream_pageout(os, &og)) != 0)
		if (fwrite(og.header, 1, (size_t)og.header_len, fp) !=
		    (size_t)og.header_len || fwrite(og.body, 1,
		    (size_t)og.body_len, fp) != (size_t)og.body_len)
			return -1;
	return 0;
}

/* One encoder for the whole file, as render_ogg.c sets it up. */
static int
reference(FILE *fp, int rate)
{
	vorbis_info		vi;
	vorbis_comment		vc;
	vorbis_dsp_state	vd;
	vorbis_block		vb;
	ogg_stream_state	os;
	ogg_packet		h[3], op;
	uint64_t		at = 0;
	float			**buf;
	int			i, n, rc = 0;

	vorbis_info_init(&vi);
	if (vorbis_encode_init_vbr(&vi, 1, rate, 0.4f) != 0)
		return -1;
	vorbis_analysis_init(&vd, &vi);
	vorbis_block_init(&vd, &vb);
	vorbis_comment_init(&vc);
	ogg_stream_init(&os, 1);
	vorbis_analysis_headerout(&vd, &vc, &h[0], &h[1], &h[2]);
	for (i = 0; i < 3; i++)
		ogg_stream_packetin(&os, &h[i]);
	rc = pages(fp, &os, 1);
	for (;;) {
		n = npcm - at < 4096 ? (int)(npcm - at) : 4096;
		if (n > 0) {
			buf = vorbis_analysis_buffer(&vd, n);
			memcpy(buf[0], pcm + at, (size_t)n * sizeof **buf);
			at += (uint64_t)n;
		}
		vorbis_analysis_wrote(&vd, n);
		while (vorbis_analysis_blockout(&vd, &vb) == 1) {
			vorbis_analysis(&vb, NULL);
			vorbis_bitrate_addblock(&vb);
			while (vorbis_bitrate_flushpacket(&vd, &op) == 1) {
				ogg_stream_packetin(&os, &op);
				if (rc == 0)
					rc = pages(fp, &os, 0);
			}
		}
		if (n == 0)
			break;
	}
	if (rc == 0)
		rc = pages(fp, &os, 1);
	ogg_stream_clear(&os);
	vorbis_block_clear(&vb);
	vorbis_dsp_clear(&vd);
	vorbis_comment_clear(&vc);
	vorbis_info_clear(&vi);
	return rc;
}

int
main(int argc, char **argv)
{
	SF_INFO			 info;
	SNDFILE			*sf;
	struct render_ogg_src	 src;
	struct render_ogg_quiet	*q;
	size_t			 nq = 0;
	uint64_t		 i, from;
	FILE			*fp;
	char			*cause;

	if (argc != 4) {
		fprintf(stderr, "usage: helper_oggcut IN CUT.ogg REF.ogg\n");
		return 2;
	}
	memset(&info, 0, sizeof info);
	if ((sf = sf_open(argv[1], SFM_READ, &info)) == NULL ||
	    info.channels != 1) {
		fprintf(stderr, "%s: not a mono file libsndfile reads\n",
		    argv[1]);
		return 1;
	}
	npcm = (uint64_t)info.frames;
	if ((pcm = calloc(npcm + 1, sizeof *pcm)) == NULL ||
	    sf_readf_float(sf, pcm, info.frames) != info.frames)
		return 1;
	sf_close(sf);

	/* The stretches of exact zeros, in order. */
	if ((q = calloc(npcm / 2 + 1, sizeof *q)) == NULL)
		return 1;
	for (i = 0; i < npcm; i++) {
		if (pcm[i] != 0.0f)
			continue;
		for (from = i; i < npcm && pcm[i] == 0.0f; i++)
			;
		q[nq].from = from;
		q[nq++].to = i;
	}

	memset(&src, 0, sizeof src);
	src.open = src_open;
	src.mix = src_mix;
	src.close = src_close;
	if ((fp = fopen(argv[2], "wb")) == NULL ||
	    render_ogg_write(fp, info.samplerate, npcm, q, nq, &src,
	    &cause) != 0 || fclose(fp) != 0) {
		fprintf(stderr, "%s: cannot write it\n", argv[2]);
		return 1;
	}
	if ((fp = fopen(argv[3], "wb")) == NULL ||
	    reference(fp, info.samplerate) != 0 || fclose(fp) != 0) {
		fprintf(stderr, "%s: cannot write it\n", argv[3]);
		return 1;
	}
	free(q);
	free(pcm);
	return 0;
}
