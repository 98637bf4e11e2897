/*
 * render: the session mixed offline (render.h). The timeline of each step
 * is placed at its frame (cues, and the lines measured by synthesising
 * them once), then the file is mixed in chunks by the same mixer a live
 * session uses and written by libsndfile: WAV, FLAC, Ogg Vorbis and MP3
 * (LAME inside libsndfile 1.2).
 */
#include "render.h"

#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "compat.h"
#include "cues.h"
#include "i18n.h"
#include "mixer.h"
#include "modules.h"
#include "outfile.h"
#include "plan.h"
#include "routine.h"
#include "sndio.h"
#include "speech.h"
#include "timeline.h"
#include "validate.h"
#include "words.h"
#include "xmalloc.h"

#define RENDER_CHUNK		48000	/* frames mixed and written at once */
#define RENDER_SCREEN_GAP_MS	700	/* between the screening lines */
#define RENDER_LEAD_MS		1300	/* after them, before the first step */
#define RENDER_TAIL_MS		1000	/* silence after the last sound */

/* What a recording says before the screening questions, and after. */
/* Said in the routine's language, from the catalogue (words.h). */
static const char *const render_screen_intro = NC_("spoken",
    "Before you start, some safety questions. Stop this recording if the "
    "answer to one of them is yes.");
static const char *const render_screen_yes = NC_("spoken",
    "If you answered yes to any of them, do not do this routine now: see a "
    "doctor or physiotherapist first.");

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

const char render_extensions[] = ".wav, .flac, .ogg or .mp3";

/* The format (SNDIO_*) for the file name's extension, or 0. */
int
render_format(const char *path)
{
	const char	*dot = strrchr(path, '.');

	if (dot == NULL || strchr(dot, '/') != NULL)
		return 0;
	if (strcasecmp(dot, ".wav") == 0)
		return SNDIO_WAV;
	if (strcasecmp(dot, ".flac") == 0)
		return SNDIO_FLAC;
	if (strcasecmp(dot, ".ogg") == 0)
		return SNDIO_OGG;
	if (strcasecmp(dot, ".mp3") == 0)
		return SNDIO_MP3;
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
	size_t			 k;

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
	return sndbuf_said_ms(t->pcm_n, t->pcm_rate, r->rate);
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
 * What a session says before its clock starts, said first as it is live:
 * the summary, what the breathing tones mean, a homework's note (its
 * safety advice, often) and the notes for the user's safety
 * (validate_user_text). Returns the ms it takes with
 * its gap, 0 when there is none.
 */
static uint64_t
render_intro(struct render *r, const struct plan *p, const struct words *w)
{
	const struct routine	*rt = p->routine;
	char			text[WORDS_PREAMBLE_MAX], *line, *notes;
	struct words_pre	pre;
	uint64_t		ms;
	size_t			n;

	notes = validate_user_text(rt, w->lang);
	cueplan_preamble(p, notes, &pre);
	n = words_preamble(w, &pre, 1, text, sizeof text);
	free(notes);
	if (n == 0)
		return 0;
	xasprintf(&line, "%s%s", w == words_en() ? "" : SPEECH_SEP_S, text);
	if ((ms = render_measure(r, line)) > 0) {
		render_add_line(r, 0, line, "preamble");
		ms += RENDER_SCREEN_GAP_MS;
	}
	free(line);
	return ms;
}

/*
 * The summary and a homework's note, then the screening questions, said
 * before the first step, each with what a "yes" means (a listener cannot
 * read the screen). Returns the ms they take, the first step's offset.
 */
static uint64_t
render_preamble(struct render *r, const struct plan *p)
{
	const struct routine	*rt = p->routine;
	const struct words	*w = words_pick(plan_lang(p));
	const char		*lead = w == words_en() ? "" : SPEECH_SEP_S;
	uint64_t		 at, ms;
	size_t			 i;
	char			*line;

	if (r->speech == NULL)
		return 0;
	at = render_intro(r, p, w);
	for (i = 0; rt->nscreen > 0 && i <= 2 * rt->nscreen + 1; i++) {
		if (i == 0)
			xasprintf(&line, "%s%s", lead, i18n_in(w->lang,
			    "spoken", render_screen_intro));
		else if (i <= 2 * rt->nscreen && i % 2 == 1)
			/* The question, in the routine's language. */
			xasprintf(&line, SPEECH_SEP_S "%s",
			    rt->screen[(i - 1) / 2]);
		else if (i <= 2 * rt->nscreen) {
			/* A more urgent "yes" says what to do at once. */
			if (routine_screen_urgency(rt, (i - 1) / 2) ==
			    SCREEN_CLINICIAN)
				continue;
			xasprintf(&line, "%s%s %s", lead, i18n_in(w->lang,
			    "spoken", NC_("spoken", "If yes:")),
			    i18n_in(w->lang, NULL, screen_advice(
			    routine_screen_urgency(rt, (i - 1) / 2))));
		} else
			xasprintf(&line, "%s%s", lead, i18n_in(w->lang,
			    "spoken", render_screen_yes));
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
	o.tones_told = 0;	/* a recording has its whole preamble */
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

/* Mix [0, total) in chunks and write them to the encoder. */
static int
render_mix(struct render *r, struct sndwrite *w, uint64_t total)
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
		if (sndwrite_frames(w, buf, n) != 0) {
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

/* Pass a warning on, as "what: why". */
static void
render_warn(const struct render_opts *o, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (o->warn == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		msg = NULL;
	va_end(ap);
	if (msg != NULL)
		o->warn(o->arg, msg);
	free(msg);
}

/* Load the cues and open the voice of p's language at the rate of fmt. */
static void
render_setup(struct render *r, const struct plan *p, int fmt,
    const struct render_opts *o)
{
	const struct routine	*rt = p->routine;
	const char	*lang = plan_lang(p);
	char		*cause;
	int		 c, rc;

	memset(r, 0, sizeof *r);
	r->sched = o->sched;
	r->shown = -1;
	/*
	 * Speech (espeak-ng makes 22.05 kHz) and the cues sit below 12 kHz:
	 * the lossy formats are encoded at 24 kHz, twice as fast as at 48.
	 */
	switch (fmt) {
	case SNDIO_OGG:
	case SNDIO_MP3:
		r->rate = 24000;
		break;
	default:
		r->rate = MIXER_RATE;
	}
	r->gain = mixer_volume_gain(o->volume);
	for (c = 0; c < CUE__COUNT; c++) {
		rc = cue_load(NULL, c, r->rate, &r->cue[c], &cause, NULL);
		if (cause != NULL)
			render_warn(o, "%s%s", cause, rc == 0 ? " (skipped)" :
			    " (the cue stays silent)");
		free(cause);
	}
	if (!o->voice || !routine_voice(rt))
		return;
	if ((r->speech = speech_open(lang)) == NULL)
		render_warn(o, "espeak-ng unavailable: cues only");
	else if (lang != NULL && *lang != '\0' &&
	    !speech_speaks(r->speech, lang))
		render_warn(o, "no voice for language '%s': speaking %s", lang,
		    speech_lang(r->speech));
}

/* The process's umask, for a new file's mode. */
static mode_t
render_umask(void)
{
	mode_t	m = umask(0);

	umask(m);
	return m;
}

/* The temporary file being written, removed when a signal ends knead. */
static char			render_tmp[PATH_MAX];
static volatile sig_atomic_t	render_tmp_set;

static void
render_on_signal(int sig)
{
	if (render_tmp_set)
		(void)unlink(render_tmp);
	(void)signal(sig, SIG_DFL);
	(void)raise(sig);
}

/* A WAV file's sizes are 32-bit: more than 4 GiB of samples wrap them. */
#define RENDER_WAV_MAX	(UINT32_MAX - 64)

/*
 * Write total frames of r to path in format fmt, through a temporary file
 * that an interrupt (INT, TERM, HUP: those not ignored) removes: 0, or -1
 * with *cause.
 */
static int
render_out(struct render *r, const char *path, int fmt, uint64_t total,
    char **cause)
{
	static const int	 sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction	 sa, old[3];
	struct outfile		 of;
	struct sndwrite		*w;
	size_t			 i;
	int			 err, rc = -1, set[3] = { 0, 0, 0 };

	if (fmt == SNDIO_WAV && total > RENDER_WAV_MAX / 2) {
		xasprintf(cause, _("a WAV file holds at most %.1f hours of "
		    "this; use .flac, .ogg or .mp3"), (double)(RENDER_WAV_MAX /
		    2) / r->rate / 3600);
		return -1;
	}
	if (outfile_open(&of, path, 0666 & ~render_umask()) != 0) {
		xasprintf(cause, "%s", errno == EISDIR ? _("it is a folder") :
		    errno == EINVAL ? _("not a regular file") :
		    strerror(errno));
		return -1;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = render_on_signal;
	sigemptyset(&sa.sa_mask);
	snprintf(render_tmp, sizeof render_tmp, "%s", of.tmp);
	render_tmp_set = 1;
	/* One ignored (nohup, a background job of a script) stays so. */
	for (i = 0; i < nitems(sigs); i++)
		if (sigaction(sigs[i], NULL, &old[i]) == 0 &&
		    old[i].sa_handler != SIG_IGN)
			set[i] = sigaction(sigs[i], &sa, NULL) == 0;
	if ((w = sndwrite_open(of.fd, fmt, r->rate, cause)) == NULL)
		outfile_abort(&of);
	else {
		(void)render_mix(r, w, total);
		(void)sndwrite_close(w, cause);
		if (*cause != NULL)
			outfile_abort(&of);
		else if (outfile_commit(&of) != 0) {
			err = errno;
			/* Written in place, cut short: the whole file is there. */
			if (of.kept != NULL)
				xasprintf(cause, _("%s; the complete file was "
				    "kept as %s"), strerror(err), of.kept);
			else
				xasprintf(cause, "%s", strerror(err));
			free(of.kept);
		} else
			rc = 0;
	}
	render_tmp_set = 0;
	for (i = 0; i < nitems(sigs); i++)
		if (set[i])
			(void)sigaction(sigs[i], &old[i], NULL);
	return rc;
}

int
render_write(const struct plan *in, const char *path, int fmt,
    const struct render_opts *o, struct render_info *ri, char **cause)
{
	struct render	 r;
	struct plan	 said = *in;	/* borrows in's steps */
	const struct plan *p = &said;
	uint64_t	 total, last_ms, lead_ms;
	int		 rc;

	*cause = NULL;
	/* --lang: knead's words and the voice both, as cues.lang would. */
	if (o->lang != NULL && *o->lang != '\0')
		said.lang = o->lang;
	/* An until-release hold is said for a listener, not for a key. */
	said.recording = 1;
	/* Without the encoder nothing can be written: say so once. */
	if (kmod_audio() == NULL) {
		xasprintf(cause, "%s", kmod_why(KMOD_AUDIO));
		return -1;
	}
	render_setup(&r, p, fmt, o);
	lead_ms = render_preamble(&r, p);
	if (lead_ms > 0)
		lead_ms += RENDER_LEAD_MS;
	render_collect(&r, p, lead_ms);
	if (r.sched != NULL)
		render_schedule(&r, p, lead_ms);
	last_ms = r.cue[CUE_SESSION_END].n * 1000 / (uint64_t)r.rate;
	total = (lead_ms + p->total_ms + last_ms + RENDER_TAIL_MS) *
	    (uint64_t)r.rate / 1000;
	total = render_length(&r, total);
	r.show = o->progress;

	rc = render_out(&r, path, fmt, total, cause);
	ri->lead_ms = lead_ms;
	ri->length_ms = total * 1000 / (uint64_t)r.rate;
	ri->ncues = r.ncues;
	ri->nspoken = r.nspoken;
	ri->rate = r.rate;
	render_clear(&r);
	return rc;
}
