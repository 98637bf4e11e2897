/*
 * knead render: the whole session mixed offline into a sound file (the same
 * cues and lines, at the same offsets, as a live session whose until-release
 * steps run to their max). knead sound: list output devices and play each
 * cue once, naming it.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>
#include <time.h>

#include <sndfile.h>

#include "audio.h"
#include "clock.h"
#include "cueplan.h"
#include "exitcodes.h"
#include "library.h"
#include "mixer.h"
#include "plan.h"
#include "render_ogg.h"
#include "routine.h"
#include "speech.h"
#include "timeline.h"
#include "xmalloc.h"

#define RENDER_CHUNK		48000	/* frames mixed and written at once */
#define RENDER_SCREEN_GAP_MS	700	/* between the screening lines */
#define RENDER_LEAD_MS		1300	/* after them, before the first step */
#define RENDER_TAIL_MS		1000	/* silence after the last sound */

/* What a recording says before the screening questions, and after. */
static const char render_screen_intro[] =
    "Before you start, some safety questions. Stop this recording if the "
    "answer to one of them is yes.";
static const char render_screen_yes[] =
    "If you answered yes to any of them, do not do this routine now: see a "
    "doctor or physiotherapist first.";

/* A cue at an absolute frame of the rendered file. */
struct render_cue {
	uint64_t	frame;
	enum cue	cue;
};

/*
 * A spoken line at the frame the plan asks for, and once synthesised the
 * frame it starts (later when the line before still speaks). Its samples
 * are kept as espeak-ng made them, a quarter of the floats at 48 kHz; each
 * mixing state converts a line when it starts and frees it when it ends.
 */
struct render_line {
	uint64_t	 frame;
	char		*text;
	const char	*form;		/* timeline_form_name, "screen" */
	uint64_t	 start;
	size_t		 n;		/* frames at the render's rate */
	int16_t		*pcm;		/* NULL: nothing to say */
	size_t		 pcm_n;
	int		 pcm_rate;
};

/* A mixing state: the render from a given frame on. */
struct render_span {
	const struct render	*r;
	struct mixer		 mix;
	uint64_t		 next;		/* frame mixed next */
	size_t			 ci, li;	/* next cue and line to add */
	struct sndbuf		*line;		/* lines playing, by line */
};

struct render {
	int			 rate;
	struct sndbuf		 cue[CUE__COUNT];
	struct render_cue	*cues;
	size_t			 ncues, capcues;
	struct render_line	*lines;
	size_t			 nlines, caplines;
	struct speech		*speech;
	struct render_take	*take;		/* lines measured, this step */
	size_t			 ntake, captake;
	float			 gain;
	size_t			 nspoken;	/* lines that made sound */
	FILE			*sched;		/* --schedule, or NULL */
	int			 show;		/* progress on a terminal */
	int			 shown;		/* percentage shown, or -1 */
};

static const struct option render_longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "no-voice", no_argument, NULL, 'V' },
	{ "volume", required_argument, NULL, 'v' },
	{ "routines", required_argument, NULL, 'r' },
	{ "lang", required_argument, NULL, 'l' },
	{ "schedule", required_argument, NULL, 's' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* Print render's usage. */
static void
render_usage(FILE *fp)
{
	fprintf(fp, "usage: knead render ROUTINE -o FILE.wav|.flac|.ogg "
	    "[OPTIONS]\n\n"
	    "Mix the whole session into a sound file: the screening questions,\n"
	    "then spoken instructions, cues and silence at the exact times of\n"
	    "the plan (until-release steps at their max), as a live session\n"
	    "says them. Mono, 48 kHz (.ogg: 24 kHz).\n\n"
	    "Options:\n"
	    "  -o, --output FILE   where to write; the extension picks the "
	    "format\n"
	    "      --no-voice      cues only, no spoken instructions\n"
	    "      --volume N      0..100 (default 80)\n"
	    "      --lang LANG     voice language (default: the routine's "
	    "cues.lang,\n"
	    "                      then the locale)\n"
	    "      --routines DIR  also look for routines in DIR\n"
	    "      --schedule FILE write the timeline (- for stdout): \"MS step\n"
	    "                      N KIND\", \"MS cue NAME\", \"MS say LEN_MS\n"
	    "                      FORM TEXT\" and \"MS end\" lines\n"
	    "  -h, --help          this help\n\n"
	    "Exit codes: 0 written, 64 usage (unknown extension), 65 invalid "
	    "routine,\n66 routine not found, 74 the file cannot be written, "
	    "70 internal error.\n");
}

/* The libsndfile format for the file name's extension, or 0. */
static int
render_format(const char *path)
{
	const char	*dot = strrchr(path, '.');

	if (dot == NULL || strchr(dot, '/') != NULL)
		return 0;
	if (strcasecmp(dot, ".wav") == 0)
		return SF_FORMAT_WAV | SF_FORMAT_PCM_16;
	if (strcasecmp(dot, ".flac") == 0)
		return SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
	if (strcasecmp(dot, ".ogg") == 0)
		return SF_FORMAT_OGG | SF_FORMAT_VORBIS;
	return 0;
}

/* Append a cue at an absolute frame. */
static void
render_add_cue(struct render *r, uint64_t frame, enum cue c)
{
	if (r->ncues == r->capcues) {
		r->capcues = r->capcues * 2 + 64;
		r->cues = xreallocarray(r->cues, r->capcues, sizeof *r->cues);
	}
	r->cues[r->ncues].frame = frame;
	r->cues[r->ncues].cue = c;
	r->ncues++;
}

/* Order cues by frame, keeping plan order for equal frames. */
static int
render_cue_cmp(const void *va, const void *vb)
{
	const struct render_cue	*a = va, *b = vb;

	if (a->frame != b->frame)
		return a->frame < b->frame ? -1 : 1;
	return a < b ? -1 : a > b;
}

/*
 * A line measured for the timeline, kept until the step's lines are
 * placed: espeak-ng's samples and their length at the render's rate.
 */
struct render_take {
	char		*text;
	int16_t		*pcm;
	size_t		 pcm_n;
	int		 pcm_rate;
};

/* The timeline's measure: synthesise the line once and keep it. */
static uint64_t
render_measure(void *arg, const char *text)
{
	struct render		*r = arg;
	struct render_take	*t;
	size_t			 k, n;

	for (k = 0; k < r->ntake; k++)
		if (strcmp(r->take[k].text, text) == 0)
			break;
	if (k == r->ntake) {
		if (r->ntake == r->captake) {
			r->captake = r->captake * 2 + 8;
			r->take = xreallocarray(r->take, r->captake,
			    sizeof *r->take);
		}
		t = &r->take[r->ntake++];
		memset(t, 0, sizeof *t);
		t->text = xstrdup(text);
		if (speech_synth_s16(r->speech, text, &t->pcm, &t->pcm_n,
		    &t->pcm_rate) != 0)
			t->pcm = NULL;
	}
	t = &r->take[k];
	if (t->pcm == NULL)
		return 0;
	n = sndbuf_resampled_n(t->pcm_n, t->pcm_rate, r->rate);
	/* Whole ms, rounded up: the line ends within what was measured. */
	return ((uint64_t)n * 1000 + (uint64_t)r->rate - 1) / (uint64_t)r->rate;
}

/* Forget the lines measured for a step (their samples, unless placed). */
static void
render_takes_clear(struct render *r)
{
	size_t	k;

	for (k = 0; k < r->ntake; k++) {
		free(r->take[k].text);
		free(r->take[k].pcm);
	}
	r->ntake = 0;
}

/* Place one spoken line at frame, its samples taken from the measures. */
static void
render_add_line(struct render *r, uint64_t frame, const char *text,
    const char *form)
{
	struct render_line	*l;
	size_t			 k;

	for (k = 0; k < r->ntake; k++)
		if (strcmp(r->take[k].text, text) == 0)
			break;
	if (k == r->ntake || r->take[k].pcm == NULL)
		return;
	if (r->nlines == r->caplines) {
		r->caplines = r->caplines * 2 + 32;
		r->lines = xreallocarray(r->lines, r->caplines,
		    sizeof *r->lines);
	}
	l = &r->lines[r->nlines++];
	memset(l, 0, sizeof *l);
	l->frame = l->start = frame;
	l->pcm = r->take[k].pcm;
	l->pcm_n = r->take[k].pcm_n;
	l->pcm_rate = r->take[k].pcm_rate;
	l->n = sndbuf_resampled_n(l->pcm_n, l->pcm_rate, r->rate);
	l->form = form;
	l->text = r->take[k].text;
	/* The line owns them now; a copy stays for the next look-up. */
	r->take[k].pcm = NULL;
	r->take[k].text = xstrdup(text);
	r->nspoken++;
}

/*
 * The screening questions, said before the first step, each with what a
 * "yes" means (a listener cannot read the screen). Returns the ms they
 * take, the first step's offset.
 */
static uint64_t
render_preamble(struct render *r, const struct routine *rt)
{
	uint64_t	 at = 0, ms;
	size_t		 i;
	char		*line;

	if (r->speech == NULL || rt->nscreen == 0)
		return 0;
	for (i = 0; i <= rt->nscreen + 1; i++) {
		if (i == 0)
			line = xstrdup(render_screen_intro);
		else if (i <= rt->nscreen)	/* the routine's language */
			xasprintf(&line, SPEECH_SEP_S "%s", rt->screen[i - 1]);
		else
			line = xstrdup(render_screen_yes);
		if ((ms = render_measure(r, line)) > 0) {
			render_add_line(r, at * (uint64_t)r->rate / 1000,
			    line, "screen");
			at += ms + RENDER_SCREEN_GAP_MS;
		}
		free(line);
	}
	render_takes_clear(r);
	return at;
}

/* Collect every cue and spoken line of the timeline at its frame. */
static void
render_collect(struct render *r, const struct plan *p, uint64_t lead_ms)
{
	struct tl_voice	 voice = { render_measure, r };
	struct tl_opts	 o;
	struct tl_step	 st;
	uint64_t	 base;
	size_t		 i, k;

	o.countdown_s = routine_countdown_s(p->routine);
	o.halfway = routine_halfway(p->routine);
	o.voice = r->speech != NULL ? &voice : NULL;
	for (i = 0; i < p->n; i++) {
		base = lead_ms + p->v[i].start_ms;
		timeline_step(p, i, p->v[i].duration_ms, &o, &st);
		/*
		 * No pain rating is asked in a recording, so the next step
		 * starts at once and its cue says the step ended.
		 */
		for (k = 0; k < st.ncue; k++)
			if (st.cue[k].cue != CUE_STEP_END)
				render_add_cue(r, (base + st.cue[k].at_ms) *
				    (uint64_t)r->rate / 1000, st.cue[k].cue);
		for (k = 0; k < st.nline; k++)
			render_add_line(r, (base + st.line[k].at_ms) *
			    (uint64_t)r->rate / 1000, st.line[k].text,
			    timeline_form_name(st.line[k].form));
		timeline_step_free(&st);
		render_takes_clear(r);
	}
	qsort(r->cues, r->ncues, sizeof *r->cues, render_cue_cmp);
}

/* Write a "MS say LEN_MS FORM TEXT" line, the voices' separator a space. */
static void
render_sched_say(struct render *r, const struct render_line *l)
{
	size_t	size = strlen(l->text) + 1;
	char	*text = xmalloc(size);

	timeline_plain(l->text, text, size);
	fprintf(r->sched, "%.3f say %.3f %s %s\n", l->start * 1000.0 / r->rate,
	    l->n * 1000.0 / r->rate, l->form, text);
	free(text);
}

/*
 * Write the timeline, in time order: "MS step N KIND" at each boundary,
 * "MS cue NAME", "MS say LEN_MS FORM TEXT", and "MS end" where the plan
 * ends.
 */
static void
render_schedule(struct render *r, const struct plan *p, uint64_t lead_ms)
{
	size_t	i = 0, c = 0, l = 0;
	double	ms, cm, lm;

	for (;;) {
		ms = i < p->n ? (double)(lead_ms + p->v[i].start_ms) : 1e300;
		cm = c < r->ncues ? r->cues[c].frame * 1000.0 / r->rate :
		    1e300;
		lm = l < r->nlines ? r->lines[l].start * 1000.0 / r->rate :
		    1e300;
		if (i >= p->n && c >= r->ncues && l >= r->nlines)
			break;
		if (ms <= cm && ms <= lm) {
			fprintf(r->sched, "%.3f step %zu %s\n", ms, i + 1,
			    plan_kind_name(p->v[i].kind));
			i++;
		} else if (cm <= lm) {
			fprintf(r->sched, "%.3f cue %s\n", cm,
			    cue_name(r->cues[c].cue));
			c++;
		} else
			render_sched_say(r, &r->lines[l++]);
	}
	fprintf(r->sched, "%.3f end\n", (double)(lead_ms + p->total_ms));
}

/*
 * The file's length: the plan's, grown by whole chunks while a sound
 * (a line pushed past the plan's end) still plays.
 */
static uint64_t
render_length(const struct render *r, uint64_t total)
{
	const struct render_line	*l;
	uint64_t			 end = 0;
	size_t				 i, n;

	for (i = 0; i < r->ncues; i++) {
		n = r->cue[r->cues[i].cue].n;
		if (n > 0 && r->cues[i].frame + n > end)
			end = r->cues[i].frame + n;
	}
	for (i = 0; i < r->nlines; i++) {
		l = &r->lines[i];
		if (l->pcm != NULL && l->start + l->n > end)
			end = l->start + l->n;
		else if (l->pcm == NULL && l->frame + 1 > end)
			end = l->frame + 1;
	}
	while (end > total)
		total += RENDER_CHUNK;
	return total;
}

/* Order stretches by their first frame. */
static int
render_quiet_cmp(const void *va, const void *vb)
{
	const struct render_ogg_quiet	*a = va, *b = vb;

	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	return 0;
}

/*
 * The stretches of [0, total) where no sound plays: there the mix is
 * exactly 0.0f. Returns them in order (caller frees), their number in *nq.
 */
static struct render_ogg_quiet *
render_quiet(const struct render *r, uint64_t total, size_t *nq)
{
	struct render_ogg_quiet	*busy, *q;
	const struct render_line *l;
	uint64_t		 at = 0;
	size_t			 i, n, nb = 0;

	busy = xcalloc(r->ncues + r->nlines + 1, sizeof *busy);
	for (i = 0; i < r->ncues; i++) {
		if ((n = r->cue[r->cues[i].cue].n) == 0)
			continue;
		busy[nb].from = r->cues[i].frame;
		busy[nb++].to = r->cues[i].frame + n;
	}
	for (i = 0; i < r->nlines; i++) {
		l = &r->lines[i];
		if (l->pcm == NULL)
			continue;
		busy[nb].from = l->start;
		busy[nb++].to = l->start + l->n;
	}
	qsort(busy, nb, sizeof *busy, render_quiet_cmp);
	q = xcalloc(nb + 1, sizeof *q);
	*nq = 0;
	for (i = 0; i < nb; i++) {
		if (busy[i].from > at) {
			q[*nq].from = at;
			q[(*nq)++].to = busy[i].from;
		}
		if (busy[i].to > at)
			at = busy[i].to;
	}
	if (at < total) {
		q[*nq].from = at;
		q[(*nq)++].to = total;
	}
	free(busy);
	return q;
}

/*
 * Convert line li and give it to the mixer, from frame from on when it
 * began before.
 */
static void
render_span_line(struct render_span *s, size_t li, uint64_t from)
{
	const struct render_line	*l = &s->r->lines[li];
	struct sndbuf			*b = &s->line[li];
	size_t				 d;

	sndbuf_from_s16(b, l->pcm, l->pcm_n, l->pcm_rate, s->r->rate);
	d = from > l->start ? (size_t)(from - l->start) : 0;
	if (d >= b->n || mixer_add(&s->mix, b->v + d, b->n - d, l->start + d,
	    l->start + d, 1.0f, 1, (uint32_t)li + 1) != 0)
		sndbuf_free(b);
}

/*
 * A mixing state from frame0 on. The mixer is exact given the frames
 * sounds start at, so any number of states mix the same samples; a sound
 * that began before frame0 and still plays goes on from where it is.
 */
static void *
render_span_open(void *arg, uint64_t frame0)
{
	const struct render	*r = arg;
	struct render_span	*s;
	const struct sndbuf	*sb;
	uint64_t		 at;
	size_t			 d;

	s = xcalloc(1, sizeof *s);
	s->r = r;
	mixer_init(&s->mix);
	s->mix.gain = r->gain;
	s->next = frame0;
	s->line = xcalloc(r->nlines + 1, sizeof *s->line);
	for (; s->ci < r->ncues && r->cues[s->ci].frame < frame0; s->ci++) {
		sb = &r->cue[r->cues[s->ci].cue];
		at = r->cues[s->ci].frame;
		if (at + sb->n <= frame0)
			continue;
		d = (size_t)(frame0 - at);
		mixer_add(&s->mix, sb->v + d, sb->n - d, frame0, frame0,
		    1.0f, 0, 0);
	}
	/* Only the lines still speaking are converted. */
	for (; s->li < r->nlines && r->lines[s->li].start < frame0; s->li++)
		if (r->lines[s->li].pcm != NULL &&
		    r->lines[s->li].start + r->lines[s->li].n > frame0)
			render_span_line(s, s->li, frame0);
	return s;
}

/* Mix the state's next n frames into out, limited. */
static void
render_span_mix(void *arg, float *out, size_t n)
{
	struct render_span	*s = arg;
	const struct render	*r = s->r;
	const struct sndbuf	*sb;
	uint32_t		 done[MIXER_VOICES];
	uint64_t		 f0 = s->next;
	size_t			 k, nd;

	for (; s->ci < r->ncues && r->cues[s->ci].frame < f0 + n; s->ci++) {
		sb = &r->cue[r->cues[s->ci].cue];
		if (sb->n > 0)
			mixer_add(&s->mix, sb->v, sb->n, r->cues[s->ci].frame,
			    r->cues[s->ci].frame, 1.0f, 0, 0);
	}
	for (; s->li < r->nlines && r->lines[s->li].start < f0 + n; s->li++)
		if (r->lines[s->li].pcm != NULL)
			render_span_line(s, s->li, f0);
	memset(out, 0, n * sizeof *out);
	nd = mixer_render(&s->mix, f0, out, n, 1, done);
	for (k = 0; k < nd; k++)
		sndbuf_free(&s->line[done[k] - 1]);
	/* Voice over a cue is limited, never clipped (as live). */
	mixer_limit(out, n);
	s->next += n;
}

/* Free a mixing state. */
static void
render_span_close(void *arg)
{
	struct render_span	*s = arg;
	size_t			 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->r->nlines; i++)
		sndbuf_free(&s->line[i]);
	free(s->line);
	free(s);
}

/* Show the progress on a terminal, every 5 %: an .ogg takes a while. */
static void
render_progress(void *arg, int pct)
{
	struct render	*r = arg;

	if (r->show && pct / 5 != r->shown / 5 && pct < 100) {
		fprintf(stderr, "\rrendering: %3d%%", pct);
		r->shown = pct;
	}
}

/* Clear the progress line. */
static void
render_progress_end(struct render *r)
{
	if (r->shown >= 0)
		fprintf(stderr, "\r%20s\r", "");
	r->shown = -1;
}

/* Mix [0, total) in chunks and write them with libsndfile. */
static int
render_mix(struct render *r, SNDFILE *sf, uint64_t total)
{
	void		*span;
	float		*buf;
	uint64_t	 f0;
	size_t		 n;
	int		 rc = 0;

	buf = xreallocarray(NULL, RENDER_CHUNK, sizeof *buf);
	span = render_span_open(r, 0);
	for (f0 = 0; f0 < total; f0 += n) {
		n = total - f0 < RENDER_CHUNK ? (size_t)(total - f0) :
		    RENDER_CHUNK;
		render_span_mix(span, buf, n);
		if (sf_writef_float(sf, buf, (sf_count_t)n) != (sf_count_t)n) {
			rc = -1;
			break;
		}
		render_progress(r, (int)((f0 + n) * 100 / total));
	}
	render_span_close(span);
	free(buf);
	render_progress_end(r);
	return rc;
}

/* Encode [0, total) into fp as Ogg Vorbis, on two threads when it can. */
static int
render_ogg(struct render *r, FILE *fp, uint64_t total, char **cause)
{
	struct render_ogg_src	 src;
	struct render_ogg_quiet	*q;
	size_t			 nq;
	int			 rc;

	memset(&src, 0, sizeof src);
	src.open = render_span_open;
	src.mix = render_span_mix;
	src.close = render_span_close;
	src.progress = render_progress;
	src.arg = r;
	q = render_quiet(r, total, &nq);
	rc = render_ogg_write(fp, r->rate, total, q, nq, &src, cause);
	free(q);
	render_progress_end(r);
	return rc;
}

/* Free what a render holds. */
static void
render_clear(struct render *r)
{
	size_t	i;
	int	c;

	for (c = 0; c < CUE__COUNT; c++)
		sndbuf_free(&r->cue[c]);
	for (i = 0; i < r->nlines; i++) {
		free(r->lines[i].pcm);
		free(r->lines[i].text);
	}
	render_takes_clear(r);
	free(r->take);
	free(r->cues);
	free(r->lines);
	speech_close(r->speech);
}

/* knead render: mix the whole session into a file. */
int
cmd_render(int argc, char **argv)
{
	struct render	 r;
	struct routine	*rt;
	struct plan	 p;
	SF_INFO		 info;
	SNDFILE		*sf;
	FILE		*fp;
	const char	*out = NULL, *dir = NULL, *lang = NULL, *sched = NULL;
	char		*cause, *end;
	uint64_t	 total, last_ms, lead_ms;
	uint64_t	 t0, t1;
	int		 ch, code, fmt, voice = 1, volume = -1, c, rc;
	long		 l;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "ho:", render_longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'o':
			out = optarg;
			break;
		case 'V':
			voice = 0;
			break;
		case 'v':
			errno = 0;
			l = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || l < 0 || l > 100)
				return cli_usage_error("render",
				    "--volume must be 0..100 (got '%s')",
				    optarg);
			volume = (int)l;
			break;
		case 'r':
			if (library_check_dir("render", optarg) != 0)
				return KNEAD_EXIT_NOINPUT;
			dir = optarg;
			break;
		case 'l':
			lang = optarg;
			break;
		case 's':
			sched = optarg;
			break;
		case 'h':
			render_usage(stdout);
			return KNEAD_EXIT_OK;
		default:
			return cli_usage_error("render", "bad option");
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("render", "one ROUTINE is needed");
	if (out == NULL)
		return cli_usage_error("render", "-o FILE is needed");
	if ((fmt = render_format(out)) == 0)
		return cli_usage_error("render", "cannot tell the format of "
		    "'%s': use .wav, .flac or .ogg", out);

	t0 = clock_mono_ns(&clock_system);
	if ((rt = library_resolve(argv[optind], dir, &code)) == NULL)
		return code;
	if (plan_build(rt, &p) != 0) {
		fprintf(stderr, "knead render: %s: cannot expand the plan\n",
		    argv[optind]);
		routine_free(rt);
		return KNEAD_EXIT_DATAERR;
	}

	memset(&r, 0, sizeof r);
	if (sched != NULL && strcmp(sched, "-") == 0)
		r.sched = stdout;
	else if (sched != NULL && (r.sched = fopen(sched, "w")) == NULL) {
		fprintf(stderr, "knead render: %s: %s\n", sched,
		    strerror(errno));
		plan_free(&p);
		routine_free(rt);
		return KNEAD_EXIT_IOERR;
	}
	/*
	 * Vorbis encoding dominates the time of an .ogg render; at 24 kHz
	 * it takes half as long and keeps everything below 12 kHz, which
	 * holds the voice (espeak-ng speaks at 22 kHz) and the cues.
	 */
	r.rate = (fmt & SF_FORMAT_TYPEMASK) == SF_FORMAT_OGG ? 24000 :
	    MIXER_RATE;
	r.gain = mixer_volume_gain(volume);
	for (c = 0; c < CUE__COUNT; c++) {
		rc = cue_load(NULL, c, r.rate, &r.cue[c], &cause,
		    NULL);
		if (cause != NULL)
			fprintf(stderr, "knead render: warning: %s%s\n", cause,
			    rc == 0 ? " (skipped)" :
			    " (the cue stays silent)");
		free(cause);
	}
	if (voice && routine_voice(rt)) {
		if (lang == NULL)
			lang = rt->cues.lang.s;
		if ((r.speech = speech_open(lang)) == NULL)
			fprintf(stderr, "knead render: warning: espeak-ng "
			    "unavailable: cues only\n");
		else if (lang != NULL && *lang != '\0' &&
		    !speech_speaks(r.speech, lang))
			fprintf(stderr, "knead render: warning: no voice for "
			    "language '%s': speaking %s\n", lang,
			    speech_lang(r.speech));
	}
	lead_ms = render_preamble(&r, rt);
	if (lead_ms > 0)
		lead_ms += RENDER_LEAD_MS;
	render_collect(&r, &p, lead_ms);
	if (r.sched != NULL)
		render_schedule(&r, &p, lead_ms);

	last_ms = r.cue[CUE_SESSION_END].n * 1000 / (uint64_t)r.rate;
	total = (lead_ms + p.total_ms + last_ms + RENDER_TAIL_MS) *
	    (uint64_t)r.rate / 1000;
	memset(&info, 0, sizeof info);
	info.samplerate = r.rate;
	info.channels = 1;
	info.format = fmt;
	rc = KNEAD_EXIT_OK;
	sf = NULL;
	fp = NULL;
	/* Vorbis is encoded here (render_ogg.c), the others by libsndfile. */
	if ((fmt & SF_FORMAT_TYPEMASK) == SF_FORMAT_OGG) {
		if ((fp = fopen(out, "wb")) == NULL)
			fprintf(stderr, "knead render: cannot write %s: %s\n",
			    out, strerror(errno));
	} else if ((sf = sf_open(out, SFM_WRITE, &info)) == NULL)
		fprintf(stderr, "knead render: cannot write %s: %s\n", out,
		    sf_strerror(NULL));
	if (fp == NULL && sf == NULL)
		rc = KNEAD_EXIT_IOERR;
	else {
		total = render_length(&r, total);
		r.show = isatty(STDERR_FILENO);
		r.shown = -1;
	}
	if (fp != NULL) {
		if (render_ogg(&r, fp, total, &cause) != 0) {
			fprintf(stderr, "knead render: writing %s: %s\n", out,
			    cause);
			rc = KNEAD_EXIT_IOERR;
		}
		free(cause);
		if (fclose(fp) != 0 && rc == KNEAD_EXIT_OK) {
			fprintf(stderr, "knead render: closing %s failed: "
			    "%s\n", out, strerror(errno));
			rc = KNEAD_EXIT_IOERR;
		}
		if (rc != KNEAD_EXIT_OK)
			remove(out);
	} else if (sf != NULL) {
		double	level = 0.0;	/* fastest FLAC: mostly silence */

		if ((fmt & SF_FORMAT_TYPEMASK) == SF_FORMAT_FLAC)
			sf_command(sf, SFC_SET_COMPRESSION_LEVEL, &level,
			    sizeof level);
		if (render_mix(&r, sf, total) != 0) {
			fprintf(stderr, "knead render: writing %s: %s\n", out,
			    sf_strerror(sf));
			rc = KNEAD_EXIT_IOERR;
		}
		if (sf_close(sf) != 0 && rc == KNEAD_EXIT_OK) {
			fprintf(stderr, "knead render: closing %s failed\n",
			    out);
			rc = KNEAD_EXIT_IOERR;
		}
		if (rc != KNEAD_EXIT_OK)
			remove(out);
	}
	t1 = clock_mono_ns(&clock_system);
	if (rc == KNEAD_EXIT_OK) {
		char	len[32];

		char	lead[32];

		plan_fmt_ms(p.total_ms, len, sizeof len);
		plan_fmt_ms(lead_ms, lead, sizeof lead);
		/* With the schedule on stdout, the summary goes to stderr. */
		fprintf(r.sched == stdout ? stderr : stdout,
		    "%s: %s%s%s%s, %zu steps, %zu cues, %zu spoken lines "
		    "(rendered in %.2f s)\n", out, len,
		    lead_ms > 0 ? " after " : "", lead_ms > 0 ? lead : "",
		    lead_ms > 0 ? " of safety questions" : "", p.n, r.ncues,
		    r.nspoken, (double)(t1 - t0) / 1e9);
	}
	if (r.sched != NULL && r.sched != stdout)
		fclose(r.sched);
	else if (r.sched == stdout)
		fflush(stdout);
	render_clear(&r);
	plan_free(&p);
	routine_free(rt);
	return rc;
}

static const struct option sound_longopts[] = {
	{ "device", required_argument, NULL, 'd' },
	{ "volume", required_argument, NULL, 'v' },
	{ "no-voice", no_argument, NULL, 'V' },
	{ "list", no_argument, NULL, 'l' },
	{ "log", required_argument, NULL, 'L' },
	{ "gap", required_argument, NULL, 'g' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* Print one output device. */
static void
sound_print_device(const char *name, const char *api, int is_default,
    void *arg)
{
	(void)arg;
	printf("  %s %s (%s)\n", is_default ? "*" : " ", name, api);
}

/* Sleep until the CLOCK_MONOTONIC time t_ns. */
static void
sound_sleep_until(uint64_t t_ns)
{
	struct timespec	ts;

	ts.tv_sec = (time_t)(t_ns / 1000000000ULL);
	ts.tv_nsec = (long)(t_ns % 1000000000ULL);
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts,
	    NULL) == EINTR)
		;
}

/*
 * Say where cue c comes from when it is not the bundled sound, and why a
 * file of the user's was skipped: " (your sound: PATH)", "; skipped ...".
 */
static void
sound_source(enum cue c, char *buf, size_t len)
{
	struct sndbuf	 b;
	char		*cause, *used;
	const char	*user = library_config_dir();
	int		 mine;

	buf[0] = '\0';
	cue_load(NULL, c, MIXER_RATE, &b, &cause, &used);
	sndbuf_free(&b);
	mine = used != NULL && strncmp(used, user, strlen(user)) == 0;
	if (mine || cause != NULL)
		snprintf(buf, len, "%s%s%s%s%s", mine ? " (your sound: " : "",
		    mine ? used : "", mine ? ")" : "",
		    cause != NULL ? "; skipped " : "",
		    cause != NULL ? cause : "");
	free(cause);
	free(used);
}

/* knead sound: list devices and play every cue once. */
int
cmd_sound(int argc, char **argv)
{
	struct audio_opts	 o;
	struct audio		*a;
	const char		*msg;
	char			*end;
	FILE			*log = NULL;
	char			 src[4200], spoken[32], *p;
	uint64_t		 t, gap_ms = 0;
	int			 ch, c, n, list_only = 0, live;
	long			 l;

	memset(&o, 0, sizeof o);
	o.volume = -1;		/* MIXER_VOLUME */
	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", sound_longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			o.device = optarg;
			break;
		case 'v':
			errno = 0;
			l = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || l < 0 || l > 100)
				return cli_usage_error("sound",
				    "--volume must be 0..100 (got '%s')",
				    optarg);
			o.volume = (int)l;
			break;
		case 'V':
			o.no_voice = 1;
			break;
		case 'l':
			list_only = 1;
			break;
		case 'L':
			if ((log = fopen(optarg, "w")) == NULL) {
				fprintf(stderr, "knead sound: %s: %s\n",
				    optarg, strerror(errno));
				return KNEAD_EXIT_IOERR;
			}
			break;
		case 'g':
			gap_ms = strtoull(optarg, NULL, 10);
			break;
		case 'h':
			printf("usage: knead sound [--device NAME] "
			    "[--volume 0-100] [--no-voice] [--list]\n"
			    "                  [--log FILE] [--gap MS]\n\n"
			    "List the output devices (* marks the default), "
			    "then play each cue once,\nnaming it, on the "
			    "chosen device (--list: only list). --log writes "
			    "\"NS cue NAME\"\nlines (CLOCK_MONOTONIC time the "
			    "cue is due); --gap waits MS between\ncues.\n");
			return KNEAD_EXIT_OK;
		default:
			return cli_usage_error("sound", "bad option");
		}
	}
	if (optind != argc)
		return cli_usage_error("sound", "no arguments expected");

	printf("Output devices:\n");
	fflush(stdout);
	n = audio_list_devices(sound_print_device, NULL);
	if (n == 0)
		printf("  (none)\n");
	if (list_only)
		return KNEAD_EXIT_OK;

	a = audio_open(&o);
	if ((msg = audio_status(a)) != NULL)
		printf("%s\n", msg);
	printf("Cues:\n");
	live = audio_live(a);
	for (c = 0; c < CUE__COUNT; c++) {
		sound_source(c, src, sizeof src);
		snprintf(spoken, sizeof spoken, "%s", cue_name(c));
		for (p = spoken; *p != '\0'; p++)
			if (*p == '-')
				*p = ' ';
		t = clock_mono_ns(&clock_system) + (uint64_t)AUDIO_LEAD_MS * 1000000ULL +
		    gap_ms * 1000000ULL;
		audio_cue_at(a, c, t);
		if (audio_voice(a))
			audio_say_at(a, spoken, t +
			    (audio_cue_ms(a, c) + 150) * 1000000ULL);
		if (log != NULL) {
			fprintf(log, "%llu cue %s\n", (unsigned long long)t,
			    cue_name(c));
			fflush(log);
		}
		if (live)
			sound_sleep_until(t);
		printf("  %s%s\n", cue_name(c), src);
		fflush(stdout);
		while (audio_busy(a))
			sound_sleep_until(clock_mono_ns(&clock_system) + 50000000ULL);
		if ((msg = audio_status(a)) != NULL)
			printf("%s\n", msg);
	}
	audio_close(a);
	if (log != NULL)
		fclose(log);
	return KNEAD_EXIT_OK;
}
