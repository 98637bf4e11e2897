/*
 * Ogg Vorbis output of `knead render` (see render_ogg.h).
 *
 * Two encoders, one stream (for what they are given; see below for the
 * silence they are not). Encoder 1 encodes from frame 0 to a
 * little past a split point S inside a silence; encoder 2, on a second
 * thread, from a frame A a little before S to the end. The packets are
 * joined at one pair: encoder 1's up to and including a packet p, then
 * encoder 2's after a packet q, where
 *   - p and q end at the same frame (the granule of p is A plus the
 *     granule of q), and
 *   - p and q are the same bytes (same block size, window flags and
 *     content: in digital silence, the same empty long block).
 * A Vorbis decoder's state after a packet is that packet's block size and
 * the right half of its windowed block, both decoded from the packet alone.
 * So after p it is what it is after q in encoder 2's own stream, and the
 * rest decodes exactly as encoder 2's stream does, at the same frames: the
 * file is encoder 1's decode up to the end of p and encoder 2's after it,
 * with no sample added or lost, and its last granule is the render's
 * length. Such a pair is looked for, not assumed: without one (or when the
 * header packets differ) encoder 1 goes on alone to the end.
 *
 * For the pair to exist the two encoders' blocks must end on the same
 * frames near S. Long blocks advance by half their size, but their grid
 * shifts by half that again after some transients, so A is chosen from
 * encoder 1's grid: a dry run of [0, S) (vorbis_analysis_blockout alone,
 * which makes the same block decisions as a full encode at about a seventh
 * of its cost) on encoder 2's thread gives the frame G where encoder 1's
 * last long block before S ends, and a dry run of silence gives the frame
 * g where a fresh encoder's long block ends; with A = G - g in the silence,
 * encoder 2's block at g ends at G too.
 *
 * Most of a guide is digital silence, and that is not encoded at all. In a
 * silence, two packets after the last sound, an encoder makes the same
 * packet Z again and again (one byte: a long block between long blocks,
 * floor unused), one a long hop apart; a decoder's state after a Z is all
 * zeros whatever came before. So the encoders are given the render with
 * the middle of each long silence left out (rogg_skips: all but 4096
 * frames after the sound before it and 4096 before the next one, in whole
 * long hops; 3/4 of a 28-minute guide), through a mixing state that jumps
 * over the gaps, and the stream gets the gaps back as copies of Z after
 * the packet ending just before each one. The encoders' block grid stays
 * where it was across a silence (only transients move it), so the file's
 * timeline is the render's to the frame. Each gap is checked, not assumed:
 * the packet before it, the one before that and the one after must be Z,
 * a long hop apart; Z itself is what a fresh encoder settles to in silence
 * (three in a row the same). When a gap does not check out, nothing has
 * been written and every frame is encoded, as before.
 *
 * Not encoding a silence is not the same as encoding it: the encoder's
 * memory of the loudest recent sound (libvorbis's ampmax, which decays at
 * 6 dB a second of blocks it sees) decays less over the shortened
 * silence, so the first blocks of a sound after it may be quantised a
 * little differently from a one-encoder file (on the 28:30 benchmark
 * guide 0.4 % of the samples differ, by 0.016 at most); the timeline, the
 * length and every onset are the same.
 *
 * Memory: the packets are kept until the end (about 1.5 MB for half an
 * hour), the mixing states and libvorbis's buffers are small.
 */
#include "render_ogg.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <ogg/ogg.h>
#include <vorbis/vorbisenc.h>

#include "xmalloc.h"

#define ROGG_QUALITY	0.4f	/* libsndfile's default for Vorbis */
#define ROGG_CHUNK	4096	/* frames given to an encoder at once */
#define ROGG_MIN_S	30	/* shorter (without the skips): one encoder */
#define ROGG_BEFORE	8192	/* silence the split needs before S */
#define ROGG_AFTER	4096	/* and after S */
#define ROGG_SLACK	2048	/* G is at most this before S */
#define ROGG_WARM	2048	/* encoder 2's start-up blocks end before g */
#define ROGG_ZERO	16384	/* frames of the dry run of silence */
#define ROGG_OVERRUN	8192	/* encoder 1 goes on past S, for its blocks */
#define ROGG_DRY_DIV	7	/* a dry run costs 1/7 of an encode here */
#define ROGG_KEEP_A	4096	/* silence kept after a sound, */
#define ROGG_KEEP_B	4096	/* and before the next one */
#define ROGG_KEEP_S	16384	/* after a sound where the work is split */
#define ROGG_ZMAX	64	/* the silent packet is at most this long */

/* An encoded packet: bytes of rogg_enc.data. */
struct rogg_pkt {
	int64_t		 granule;
	size_t		 off;
	size_t		 len;
};

/* One encoder, or a dry run of its block decisions. */
struct rogg_enc {
	vorbis_info		 vi;
	vorbis_dsp_state	 vd;
	vorbis_block		 vb;
	int			 dry;
	int			 done;		/* end of stream given */
	uint64_t		 fed;		/* frames given so far */
	void			*state;		/* mixing state; NULL: silence */
	int64_t			 last;		/* granule of the last block */

	unsigned char		*data;		/* full encode: packets, */
	size_t			 len, cap;	/* the 3 headers first */
	struct rogg_pkt		*pkt;
	size_t			 npkt, cappkt;

	int64_t			*lng;		/* dry run: where long blocks */
	size_t			 nlng, caplng;	/* between long ones end */
};

/*
 * The silence not encoded: at frame c of what the encoders are given,
 * d frames of the render (a multiple of the long hop) are left out.
 */
struct rogg_skip {
	uint64_t		 c;
	uint64_t		 d;
};

/* The encoders' timeline: the render without its skips. */
struct rogg_cut {
	const struct render_ogg_src *src;	/* the render's */
	struct rogg_skip	*skip;
	size_t			 nskip;
	unsigned char		 z[ROGG_ZMAX];	/* the silent packet */
	size_t			 zlen;
	int64_t			 hop;		/* of long blocks */
};

/* A mixing state of the encoders' timeline. */
struct rogg_cmix {
	const struct rogg_cut	*cut;
	void			*state;		/* the render's */
	uint64_t		 c;		/* next frame */
	uint64_t		 off;		/* render frame - c */
	size_t			 j;		/* next skip */
};

struct rogg {
	const struct render_ogg_src *src;
	int			 rate;
	uint64_t		 total;
	uint64_t		 split;		/* S; 0: one encoder */
	uint64_t		 quiet;		/* first silent frame before S */
	int64_t			 warm;		/* g */
	uint64_t		 a;		/* A */
	struct rogg_enc		 e1, e2;

	pthread_mutex_t		 lock;		/* the fields below */
	pthread_cond_t		 cond;
	uint64_t		 stop1;		/* encoder 1 stops there */
	uint64_t		 work, worked;	/* for the progress */
	int			 running;	/* threads not done */
	int			 nosplice;	/* encoder 2 gave up */
};

/* Keep a copy of a packet. */
static void
rogg_keep(struct rogg_enc *e, const ogg_packet *op)
{
	size_t	n = (size_t)op->bytes;

	if (e->npkt == e->cappkt) {
		e->cappkt = e->cappkt * 2 + 256;
		e->pkt = xreallocarray(e->pkt, e->cappkt, sizeof *e->pkt);
	}
	while (e->len + n > e->cap) {
		e->cap = e->cap * 2 + 65536;
		e->data = xreallocarray(e->data, e->cap, 1);
	}
	memcpy(e->data + e->len, op->packet, n);
	e->pkt[e->npkt].granule = op->granulepos;
	e->pkt[e->npkt].off = e->len;
	e->pkt[e->npkt].len = n;
	e->npkt++;
	e->len += n;
}

/* Set up an encoder (dry: block decisions only). Returns 0 or -1. */
static int
rogg_enc_init(struct rogg_enc *e, int rate, int dry)
{
	vorbis_comment	vc;
	ogg_packet	h[3];
	int		i;

	memset(e, 0, sizeof *e);
	vorbis_info_init(&e->vi);
	if (vorbis_encode_init_vbr(&e->vi, 1, rate, ROGG_QUALITY) != 0 ||
	    vorbis_analysis_init(&e->vd, &e->vi) != 0) {
		vorbis_info_clear(&e->vi);
		return -1;
	}
	vorbis_block_init(&e->vd, &e->vb);
	e->dry = dry;
	e->last = -1;
	if (!dry) {
		vorbis_comment_init(&vc);
		vorbis_analysis_headerout(&e->vd, &vc, &h[0], &h[1], &h[2]);
		for (i = 0; i < 3; i++)
			rogg_keep(e, &h[i]);
		vorbis_comment_clear(&vc);
	}
	return 0;
}

/* Free an encoder. */
static void
rogg_enc_free(struct rogg_enc *e)
{
	vorbis_block_clear(&e->vb);
	vorbis_dsp_clear(&e->vd);
	vorbis_info_clear(&e->vi);
	free(e->data);
	free(e->pkt);
	free(e->lng);
}

/* Take every block the encoder has ready: encode it, or note it. */
static void
rogg_blocks(struct rogg_enc *e)
{
	ogg_packet	op;

	while (vorbis_analysis_blockout(&e->vd, &e->vb) == 1) {
		e->last = e->vb.granulepos;
		if (e->dry) {
			if (!e->vb.W || !e->vb.lW || !e->vb.nW)
				continue;
			if (e->nlng == e->caplng) {
				e->caplng = e->caplng * 2 + 1024;
				e->lng = xreallocarray(e->lng, e->caplng,
				    sizeof *e->lng);
			}
			e->lng[e->nlng++] = e->vb.granulepos;
			continue;
		}
		vorbis_analysis(&e->vb, NULL);
		vorbis_bitrate_addblock(&e->vb);
		while (vorbis_bitrate_flushpacket(&e->vd, &op) == 1)
			rogg_keep(e, &op);
	}
}

/* Count work done for the progress, weighted by its cost. */
static void
rogg_worked(struct rogg *r, uint64_t n)
{
	pthread_mutex_lock(&r->lock);
	r->worked += n;
	pthread_mutex_unlock(&r->lock);
}

/* Give the encoder its next n frames (at most ROGG_CHUNK). */
static void
rogg_feed(struct rogg *r, struct rogg_enc *e, size_t n)
{
	float	**buf;

	buf = vorbis_analysis_buffer(&e->vd, (int)n);
	if (e->state != NULL)
		r->src->mix(e->state, buf[0], n);
	else
		memset(buf[0], 0, n * sizeof **buf);
	vorbis_analysis_wrote(&e->vd, (int)n);
	rogg_blocks(e);
	e->fed += n;
	if (e->state != NULL)
		rogg_worked(r, e->dry ? n / ROGG_DRY_DIV : n);
}

/* The frames to give at once when left remain: at most ROGG_CHUNK. */
static size_t
rogg_chunk(uint64_t left)
{
	return left < ROGG_CHUNK ? (size_t)left : ROGG_CHUNK;
}

/* Give n frames in chunks. */
static void
rogg_feed_all(struct rogg *r, struct rogg_enc *e, uint64_t n)
{
	size_t	k;

	while (n > 0) {
		k = rogg_chunk(n);
		rogg_feed(r, e, k);
		n -= k;
	}
}

/* End the stream: the last blocks come out. */
static void
rogg_finish(struct rogg_enc *e)
{
	vorbis_analysis_wrote(&e->vd, 0);
	rogg_blocks(e);
	e->done = 1;
}

/* Say a thread is done. */
static void
rogg_exit(struct rogg *r)
{
	pthread_mutex_lock(&r->lock);
	r->running--;
	pthread_cond_signal(&r->cond);
	pthread_mutex_unlock(&r->lock);
}

/* Encoder 1: from where it is to stop1, the end of stream at the end. */
static void *
rogg_run1(void *arg)
{
	struct rogg	*r = arg;
	struct rogg_enc	*e = &r->e1;
	uint64_t	 stop;

	for (;;) {
		pthread_mutex_lock(&r->lock);
		stop = r->stop1;
		pthread_mutex_unlock(&r->lock);
		if (e->fed >= stop)
			break;
		rogg_feed(r, e, rogg_chunk(stop - e->fed));
	}
	if (e->fed == r->total && !e->done)
		rogg_finish(e);
	rogg_exit(r);
	return NULL;
}

/*
 * The frame G where encoder 1's last long block before S ends, from a dry
 * run of [0, S); -1 when there is none close enough.
 */
static int64_t
rogg_grid(struct rogg *r)
{
	struct rogg_enc	 d;
	int64_t		 g = -1;
	size_t		 i;

	if (rogg_enc_init(&d, r->rate, 1) != 0)
		return -1;
	d.state = r->src->open(r->src->arg, 0);
	while (d.last <= (int64_t)r->split && d.fed < r->total)
		rogg_feed(r, &d, rogg_chunk(r->total - d.fed));
	r->src->close(d.state);
	for (i = d.nlng; i > 0; i--) {
		if (d.lng[i - 1] <= (int64_t)r->split) {
			g = d.lng[i - 1];
			break;
		}
	}
	rogg_enc_free(&d);
	if (g < (int64_t)r->split - ROGG_SLACK)
		return -1;
	return g;
}

/* Encoder 2: find encoder 1's grid, then encode from A to the end. */
static void *
rogg_run2(void *arg)
{
	struct rogg	*r = arg;
	struct rogg_enc	*e = &r->e2;
	int64_t		 g;

	g = rogg_grid(r);
	if (g < 0 || g - r->warm < (int64_t)r->quiet) {
		/* No exact join: encoder 1 does it all. */
		pthread_mutex_lock(&r->lock);
		r->stop1 = r->total;
		r->nosplice = 1;
		pthread_mutex_unlock(&r->lock);
		rogg_exit(r);
		return NULL;
	}
	r->a = (uint64_t)(g - r->warm);
	e->state = r->src->open(r->src->arg, r->a);
	rogg_feed_all(r, e, r->total - r->a);
	rogg_finish(e);
	rogg_exit(r);
	return NULL;
}

/*
 * The frame g where a fresh encoder's first long block after its start-up
 * ends when it is given silence; -1 if none.
 */
static int64_t
rogg_warm(struct rogg *r)
{
	struct rogg_enc	 d;
	int64_t		 g = -1;
	size_t		 i;

	if (rogg_enc_init(&d, r->rate, 1) != 0)
		return -1;
	rogg_feed_all(r, &d, ROGG_ZERO);
	for (i = 0; i < d.nlng; i++) {
		if (d.lng[i] >= ROGG_WARM) {
			g = d.lng[i];
			break;
		}
	}
	rogg_enc_free(&d);
	return g;
}

/*
 * Choose S: in a silence, where both threads take about as long (encoder
 * 2 also dry-runs [0, S)); 0 for one encoder.
 */
static uint64_t
rogg_split(struct rogg *r, const struct render_ogg_quiet *q, size_t nq)
{
	uint64_t	want, lo, hi, s, d, best = 0, bestd = UINT64_MAX;
	size_t		i;

	if (r->total < (uint64_t)ROGG_MIN_S * (uint64_t)r->rate)
		return 0;
	want = r->total * ROGG_DRY_DIV / (2 * ROGG_DRY_DIV - 1);
	for (i = 0; i < nq; i++) {
		if (q[i].to < ROGG_AFTER ||
		    q[i].from + ROGG_BEFORE > q[i].to - ROGG_AFTER)
			continue;
		lo = q[i].from + ROGG_BEFORE;
		hi = q[i].to - ROGG_AFTER;
		s = want < lo ? lo : want > hi ? hi : want;
		d = s > want ? s - want : want - s;
		if (d < bestd) {
			best = s;
			bestd = d;
			r->quiet = q[i].from;
		}
	}
	if (best < r->total / 4 || best > r->total * 3 / 4)
		return 0;
	return best;
}

/* Whether packet i of a and packet j of b are the same bytes. */
static int
rogg_same(const struct rogg_enc *a, size_t i, const struct rogg_enc *b,
    size_t j)
{
	return a->pkt[i].len == b->pkt[j].len && memcmp(a->data +
	    a->pkt[i].off, b->data + b->pkt[j].off, a->pkt[i].len) == 0;
}

/*
 * Find the join: encoder 1's last packet p and encoder 2's first packet
 * after q (see the top of the file). Returns 0, or -1 when there is none.
 */
static int
rogg_join(const struct rogg *r, size_t *p, size_t *after_q)
{
	const struct rogg_enc	*a = &r->e1, *b = &r->e2;
	int64_t			 g;
	size_t			 i, j = 3;

	if (a->npkt < 3 || b->npkt < 3)
		return -1;
	for (i = 0; i < 3; i++)
		if (!rogg_same(a, i, b, i))
			return -1;
	for (i = 3; i < a->npkt; i++) {
		g = a->pkt[i].granule - (int64_t)r->a;
		if (g < r->warm)
			continue;
		while (j < b->npkt && b->pkt[j].granule < g)
			j++;
		if (j + 1 >= b->npkt)
			break;
		if (b->pkt[j].granule == g && rogg_same(a, i, b, j)) {
			*p = i;
			*after_q = j + 1;
			return 0;
		}
	}
	return -1;
}

/* Write the pages libogg has ready (all of them if flush). */
static int
rogg_pages(FILE *fp, ogg_stream_state *os, int flush)
{
	ogg_page	og;

	while ((flush ? ogg_stream_flush(os, &og) :
	    ogg_stream_pageout(os, &og)) != 0) {
		if (fwrite(og.header, 1, (size_t)og.header_len, fp) !=
		    (size_t)og.header_len ||
		    fwrite(og.body, 1, (size_t)og.body_len, fp) !=
		    (size_t)og.body_len)
			return -1;
	}
	return 0;
}

/* Put one packet in the stream and write the pages it completes. */
static int
rogg_put(FILE *fp, ogg_stream_state *os, const unsigned char *p, size_t n,
    int64_t granule, int64_t *no, int eos)
{
	ogg_packet	op;
	int		flush;

	memset(&op, 0, sizeof op);
	op.packet = (unsigned char *)(uintptr_t)p;
	op.bytes = (long)n;
	op.b_o_s = *no == 0;
	op.e_o_s = eos;
	op.granulepos = granule;
	op.packetno = *no;
	ogg_stream_packetin(os, &op);
	/* Headers end their pages: audio starts on a new one. */
	flush = *no == 0 || *no == 2;
	(*no)++;
	return rogg_pages(fp, os, flush);
}

/* Packet k of the joined stream: a's up to p, then b's from bfirst. */
static void
rogg_ref(const struct rogg_enc *a, size_t p, const struct rogg_enc *b,
    size_t bfirst, int64_t boff, size_t k, const unsigned char **data,
    size_t *len, int64_t *granule)
{
	const struct rogg_enc	*e = k <= p ? a : b;
	size_t			 i = k <= p ? k : bfirst + (k - p - 1);

	*data = e->data + e->pkt[i].off;
	*len = e->pkt[i].len;
	*granule = e->pkt[i].granule + (k <= p ? 0 : boff);
}

/*
 * Where each skip goes in the joined stream of n packets: after packet
 * at[j], the last that ends at or before the skip, when it, the one before
 * and the one after are the silent packet a long hop apart. Returns 0, or
 * -1 when a skip does not check out.
 */
static int
rogg_place(const struct rogg_cut *cut, const struct rogg_enc *a, size_t p,
    const struct rogg_enc *b, size_t bfirst, int64_t boff, size_t n,
    size_t *at)
{
	const unsigned char	*data;
	size_t			 j, k = 3, i, len;
	int64_t			 g[3], gk;

	for (j = 0; j < cut->nskip; j++) {
		for (;;) {
			if (k + 1 >= n)
				return -1;
			rogg_ref(a, p, b, bfirst, boff, k + 1, &data, &len,
			    &gk);
			if (gk > (int64_t)cut->skip[j].c)
				break;
			k++;
		}
		if (k < 4)
			return -1;
		for (i = 0; i < 3; i++) {
			rogg_ref(a, p, b, bfirst, boff, k - 1 + i, &data, &len,
			    &g[i]);
			if (len != cut->zlen || memcmp(data, cut->z, len) != 0)
				return -1;
		}
		if (g[1] - g[0] != cut->hop || g[2] - g[1] != cut->hop)
			return -1;
		at[j] = k;
	}
	return 0;
}

/*
 * Write one logical stream: a's packets up to p, then b's from bfirst on
 * with their granules moved by boff (b NULL: all of a's), and after the
 * packet before each skip, copies of the silent packet for it. Returns 0,
 * -1 on a write error, or 1 with nothing written when a skip does not
 * check out.
 */
static int
rogg_mux(FILE *fp, const struct rogg_cut *cut, const struct rogg_enc *a,
    size_t p, const struct rogg_enc *b, size_t bfirst, int64_t boff)
{
	ogg_stream_state	 os;
	struct timespec		 ts;
	const unsigned char	*data;
	size_t			 k, j = 0, n, len, *at;
	int64_t			 no = 0, g, add = 0, m;
	int			 rc = 0;

	n = p + 1 + (b != NULL ? b->npkt - bfirst : 0);
	at = xcalloc(cut->nskip + 1, sizeof *at);
	if (rogg_place(cut, a, p, b, bfirst, boff, n, at) != 0) {
		free(at);
		return 1;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	ogg_stream_init(&os, (int)((unsigned)ts.tv_nsec ^
	    (unsigned)getpid() << 16));
	for (k = 0; k < n && rc == 0; k++) {
		rogg_ref(a, p, b, bfirst, boff, k, &data, &len, &g);
		rc = rogg_put(fp, &os, data, len, g + (k < 3 ? 0 : add), &no,
		    k == n - 1);
		if (j < cut->nskip && at[j] == k) {
			for (m = cut->hop; m <= (int64_t)cut->skip[j].d &&
			    rc == 0; m += cut->hop)
				rc = rogg_put(fp, &os, cut->z, cut->zlen,
				    g + add + m, &no, 0);
			add += (int64_t)cut->skip[j++].d;
		}
	}
	if (rc == 0)
		rc = rogg_pages(fp, &os, 1);
	ogg_stream_clear(&os);
	free(at);
	return rc;
}

/* Wait for the threads, showing the progress. */
static void
rogg_wait(struct rogg *r)
{
	struct timespec	ts;
	int		pct;

	pthread_mutex_lock(&r->lock);
	while (r->running > 0) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 100000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&r->cond, &r->lock, &ts);
		pct = (int)(r->worked * 100 / (r->work > 0 ? r->work : 1));
		pthread_mutex_unlock(&r->lock);
		if (r->src->progress != NULL)
			r->src->progress(r->src->arg, pct > 99 ? 99 : pct);
		pthread_mutex_lock(&r->lock);
	}
	pthread_mutex_unlock(&r->lock);
}

/* Run encoder 1 to the end on a thread of its own (or this one). */
static void
rogg_alone(struct rogg *r)
{
	pthread_t	t;

	r->stop1 = r->total;
	r->work = r->worked + (r->total - r->e1.fed);
	r->running = 1;
	if (pthread_create(&t, NULL, rogg_run1, r) != 0) {
		rogg_run1(r);
		return;
	}
	rogg_wait(r);
	pthread_join(t, NULL);
}

/*
 * Encode [0, total) of src (the encoders' timeline) into fp, the skips of
 * cut put back. Returns 0, -1 with *cause set, or 1 with nothing written
 * when a skip does not check out.
 */
static int
rogg_write(FILE *fp, int rate, uint64_t total,
    const struct render_ogg_quiet *quiet, size_t nquiet,
    const struct render_ogg_src *src, const struct rogg_cut *cut,
    char **cause)
{
	struct rogg	 r;
	pthread_t	 t1, t2;
	size_t		 p, after_q;
	int		 rc;

	*cause = NULL;
	memset(&r, 0, sizeof r);
	r.src = src;
	r.rate = rate;
	r.total = total;
	pthread_mutex_init(&r.lock, NULL);
	pthread_cond_init(&r.cond, NULL);
	if (rogg_enc_init(&r.e1, rate, 0) != 0) {
		xasprintf(cause, "the Vorbis encoder cannot be set up");
		pthread_cond_destroy(&r.cond);
		pthread_mutex_destroy(&r.lock);
		return -1;
	}
	r.e1.state = src->open(src->arg, 0);
	r.split = rogg_split(&r, quiet, nquiet);
	if (r.split != 0 && ((r.warm = rogg_warm(&r)) < 0 ||
	    rogg_enc_init(&r.e2, rate, 0) != 0))
		r.split = 0;

	if (r.split != 0) {
		r.stop1 = r.split + ROGG_OVERRUN;
		r.work = r.stop1 + r.split / ROGG_DRY_DIV +
		    (total - r.split + ROGG_WARM);
		r.running = 2;
		if (pthread_create(&t1, NULL, rogg_run1, &r) != 0)
			r.running = 0;
		else if (pthread_create(&t2, NULL, rogg_run2, &r) != 0) {
			pthread_mutex_lock(&r.lock);
			r.stop1 = total;
			r.nosplice = 1;
			r.running--;
			pthread_mutex_unlock(&r.lock);
			rogg_wait(&r);
			pthread_join(t1, NULL);
		} else {
			rogg_wait(&r);
			pthread_join(t1, NULL);
			pthread_join(t2, NULL);
		}
		if (r.running == 0 && !r.nosplice &&
		    rogg_join(&r, &p, &after_q) == 0) {
			rc = rogg_mux(fp, cut, &r.e1, p, &r.e2, after_q,
			    (int64_t)r.a);
			goto out;
		}
	}
	if (r.e2.state != NULL) {
		/* No join after all: encoder 2's work is lost. */
		src->close(r.e2.state);
		r.e2.state = NULL;
	}
	if (!r.e1.done)
		rogg_alone(&r);
	rc = rogg_mux(fp, cut, &r.e1, r.e1.npkt - 1, NULL, 0, 0);

out:
	if (rc < 0)
		xasprintf(cause, "%s", strerror(errno));
	src->close(r.e1.state);
	if (r.e2.state != NULL)
		src->close(r.e2.state);
	rogg_enc_free(&r.e1);
	if (r.split != 0)
		rogg_enc_free(&r.e2);
	pthread_cond_destroy(&r.cond);
	pthread_mutex_destroy(&r.lock);
	return rc;
}

/* A mixing state of the encoders' timeline from frame c0 on. */
static void *
rogg_cmix_open(void *arg, uint64_t c0)
{
	const struct rogg_cut	*cut = arg;
	struct rogg_cmix	*m;

	m = xcalloc(1, sizeof *m);
	m->cut = cut;
	m->c = c0;
	while (m->j < cut->nskip && cut->skip[m->j].c <= c0)
		m->off += cut->skip[m->j++].d;
	m->state = cut->src->open(cut->src->arg, c0 + m->off);
	return m;
}

/* Its next n frames: the render's, a new state after each skip. */
static void
rogg_cmix_mix(void *arg, float *out, size_t n)
{
	struct rogg_cmix	*m = arg;
	const struct rogg_cut	*cut = m->cut;
	size_t			 k;

	while (n > 0) {
		k = n;
		if (m->j < cut->nskip && cut->skip[m->j].c - m->c < k)
			k = (size_t)(cut->skip[m->j].c - m->c);
		cut->src->mix(m->state, out, k);
		out += k;
		n -= k;
		m->c += k;
		if (m->j < cut->nskip && cut->skip[m->j].c == m->c) {
			m->off += cut->skip[m->j++].d;
			cut->src->close(m->state);
			m->state = cut->src->open(cut->src->arg, m->c + m->off);
		}
	}
}

static void
rogg_cmix_close(void *arg)
{
	struct rogg_cmix	*m = arg;

	if (m == NULL)
		return;
	m->cut->src->close(m->state);
	free(m);
}

static void
rogg_cmix_progress(void *arg, int pct)
{
	const struct rogg_cut	*cut = arg;

	cut->src->progress(cut->src->arg, pct);
}

/*
 * Learn the silent packet and the long hop from a fresh encoder given
 * silence: the packet its first long blocks settle to, the same three
 * times in a row. Returns 0, or -1 (then nothing is skipped).
 */
static int
rogg_zero(struct rogg_cut *cut, int rate)
{
	struct rogg	 r;
	struct rogg_enc	 e;
	size_t		 i;
	int		 rc = -1;

	memset(&r, 0, sizeof r);
	if (rogg_enc_init(&e, rate, 0) != 0)
		return -1;
	rogg_feed_all(&r, &e, ROGG_ZERO);
	cut->hop = vorbis_info_blocksize(&e.vi, 1) / 2;
	for (i = 3; i + 2 < e.npkt; i++) {
		if (e.pkt[i].granule < ROGG_WARM)
			continue;
		if (e.pkt[i].len <= ROGG_ZMAX && rogg_same(&e, i, &e, i + 1) &&
		    rogg_same(&e, i, &e, i + 2) && cut->hop > 0 &&
		    e.pkt[i + 1].granule - e.pkt[i].granule == cut->hop &&
		    e.pkt[i + 2].granule - e.pkt[i + 1].granule == cut->hop) {
			cut->zlen = e.pkt[i].len;
			memcpy(cut->z, e.data + e.pkt[i].off, cut->zlen);
			rc = 0;
		}
		break;
	}
	rogg_enc_free(&e);
	return rc;
}

/*
 * The skips: the middle of each silence, all but keep-after frames after
 * the sound before it and ROGG_KEEP_B before the next, in whole long hops
 * (silence i keeps ROGG_KEEP_S after, for a split). cq gets the silences
 * in the encoders' timeline. Returns that timeline's length.
 */
static uint64_t
rogg_skips(struct rogg_cut *cut, const struct render_ogg_quiet *q,
    size_t nq, uint64_t total, size_t split, struct render_ogg_quiet *cq)
{
	uint64_t	gone = 0, keep, d;
	size_t		i;

	cut->nskip = 0;
	for (i = 0; i < nq; i++) {
		cq[i].from = q[i].from - gone;
		keep = i == split ? ROGG_KEEP_S : ROGG_KEEP_A;
		if (q[i].to - q[i].from >= keep + ROGG_KEEP_B +
		    (uint64_t)cut->hop) {
			d = (q[i].to - q[i].from - keep - ROGG_KEEP_B) /
			    (uint64_t)cut->hop * (uint64_t)cut->hop;
			cut->skip[cut->nskip].c = q[i].from + keep - gone;
			cut->skip[cut->nskip++].d = d;
			gone += d;
		}
		cq[i].to = q[i].to - gone;
	}
	return total - gone;
}

/* Encode the whole render into fp, its long silences as copies. */
int
render_ogg_write(FILE *fp, int rate, uint64_t total,
    const struct render_ogg_quiet *quiet, size_t nquiet,
    const struct render_ogg_src *src, char **cause)
{
	struct rogg_cut		 cut;
	struct render_ogg_src	 csrc;
	struct render_ogg_quiet	*cq;
	uint64_t		 ctotal = 0, want, d, bestd = UINT64_MAX;
	size_t			 i, split = SIZE_MAX;
	int			 rc = 1;

	memset(&cut, 0, sizeof cut);
	cut.src = src;
	cut.skip = xcalloc(nquiet + 1, sizeof *cut.skip);
	cq = xcalloc(nquiet + 1, sizeof *cq);
	if (rogg_zero(&cut, rate) == 0) {
		/* Where the work is split, a silence is kept long enough. */
		ctotal = rogg_skips(&cut, quiet, nquiet, total, SIZE_MAX, cq);
		want = ctotal * ROGG_DRY_DIV / (2 * ROGG_DRY_DIV - 1);
		for (i = 0; i < nquiet; i++) {
			if (quiet[i].to - quiet[i].from < ROGG_KEEP_S +
			    ROGG_KEEP_B + (uint64_t)cut.hop)
				continue;
			d = cq[i].from > want ? cq[i].from - want :
			    want - cq[i].from;
			if (d < bestd) {
				bestd = d;
				split = i;
			}
		}
		ctotal = rogg_skips(&cut, quiet, nquiet, total, split, cq);
		memset(&csrc, 0, sizeof csrc);
		csrc.open = rogg_cmix_open;
		csrc.mix = rogg_cmix_mix;
		csrc.close = rogg_cmix_close;
		csrc.progress = src->progress != NULL ? rogg_cmix_progress :
		    NULL;
		csrc.arg = &cut;
		rc = rogg_write(fp, rate, ctotal, cq, nquiet, &csrc, &cut,
		    cause);
	}
	if (rc == 1) {
		/* A skip did not check out: every frame is encoded. */
		cut.nskip = 0;
		rc = rogg_write(fp, rate, total, quiet, nquiet, src, &cut,
		    cause);
	}
	free(cq);
	free(cut.skip);
	return rc;
}
