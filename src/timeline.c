/*
 * The speech timeline of one plan step (see timeline.h): its cues from
 * cueplan.c, its spoken lines chosen and fitted to the step.
 */
#include "timeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "routine.h"
#include "speech.h"
#include "words.h"
#include "xmalloc.h"

/* Holds at least this long get "Ten seconds." (as their halfway chime). */
#define TL_LONG_MS	30000
#define TL_COUNT_MS	10000

/* Whether a step of kind k is a hold that gets "Ten seconds.". */
static int
tl_is_hold(enum plan_kind k)
{
	return k == PLAN_PRESS || k == PLAN_ROLL || k == PLAN_STRETCH ||
	    k == PLAN_PNF_STRETCH;
}

/* A contract-relax phase. */
static int
tl_is_phase(enum plan_kind k)
{
	return k == PLAN_CONTRACT || k == PLAN_RELAX || k == PLAN_PNF_STRETCH;
}

/* An automatic transition (its words are its own, never the say text). */
static int
tl_is_transition(enum plan_kind k)
{
	return k == PLAN_SWITCH || k == PLAN_RELEASE;
}

int
timeline_first(const struct plan *p, size_t i)
{
	size_t	j;

	if (i >= p->n)
		return 0;
	if (tl_is_transition(p->v[i].kind))
		return 1;
	for (j = 0; j < i; j++)
		if (p->v[j].src == p->v[i].src &&
		    !tl_is_transition(p->v[j].kind))
			return 0;
	return 1;
}

void
timeline_plain(const char *text, char *buf, size_t len)
{
	size_t	o = 0;

	if (len == 0)
		return;
	if (*text == SPEECH_SEP)	/* a line for one voice */
		text++;
	for (; *text != '\0' && o + 1 < len; text++)
		buf[o++] = *text == SPEECH_SEP ? ' ' : *text;
	buf[o] = '\0';
}

const char *
timeline_form_name(enum tl_form f)
{
	static const char *const names[] = { "full", "head", "short", "count" };

	return (unsigned)f < sizeof names / sizeof names[0] ? names[f] : "?";
}

/* Whether step i is the first phase of its side (cycle 1 of a side). */
static int
tl_side_starts(const struct plan *p, size_t i)
{
	const struct pstep	*ps = &p->v[i];
	size_t			 j;

	if (ps->side != SIDE_LEFT && ps->side != SIDE_RIGHT)
		return 0;
	for (j = i; j-- > 0;) {
		if (tl_is_transition(p->v[j].kind))
			continue;
		return p->v[j].src != ps->src || p->v[j].side != ps->side;
	}
	return 1;
}

/* "Left side." from the table's ", left side". */
static size_t
tl_side(const struct words *w, enum side side, char *buf, size_t len)
{
	const char	*s = side == SIDE_LEFT ? w->left : w->right;
	int		 n;

	while (*s == ',' || *s == ' ')
		s++;
	n = snprintf(buf, len, " %s.", s);
	if (n < 0)
		return 0;
	/* The tables' side phrases start in ASCII lower case. */
	if (len > 1 && buf[1] >= 'a' && buf[1] <= 'z')
		buf[1] = (char)(buf[1] - 'a' + 'A');
	return (size_t)n;
}

/* The short form: the kind word, the side, the rep. */
static void
tl_short(const struct plan *p, size_t i, char *buf, size_t len)
{
	const struct pstep	*ps = &p->v[i];
	const struct words	*w;
	size_t			 o;

	w = words_pick(plan_lang(p));
	o = (size_t)snprintf(buf, len, "%s%s.", w == words_en() ? "" :
	    SPEECH_SEP_S, w->kind[(unsigned)ps->kind < PLAN__COUNT ?
	    ps->kind : PLAN__COUNT]);
	if (tl_is_transition(ps->kind))
		return;
	if (o < len && (ps->side == SIDE_LEFT || ps->side == SIDE_RIGHT) &&
	    (!tl_is_phase(ps->kind) || (ps->kind == PLAN_CONTRACT &&
	    tl_side_starts(p, i))))
		o += tl_side(w, ps->side, buf + o, len - o);
	if (o < len)
		(void)cueplan_count(w, ps, buf + o, len - o);
}

void
timeline_text(const struct plan *p, size_t i, enum tl_form f, char *buf,
    size_t len)
{
	char	*sep;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (i >= p->n)
		return;
	if (f == TL_SHORT) {
		tl_short(p, i, buf, len);
		return;
	}
	cueplan_say(p, i, buf, len);
	/* The head: up to the separator before the say text (speech.h). */
	if (f == TL_HEAD && buf[0] != '\0' &&
	    (sep = strchr(buf + 1, SPEECH_SEP)) != NULL)
		*sep = '\0';
}

/* Append a line. */
static void
tl_add(struct tl_step *out, size_t *cap, uint64_t at, uint64_t len,
    enum tl_form f, const char *text)
{
	struct tl_line	*l;

	if (out->nline == *cap) {
		*cap = *cap * 2 + 4;
		out->line = xreallocarray(out->line, *cap, sizeof *out->line);
	}
	l = &out->line[out->nline++];
	l->at_ms = at;
	l->len_ms = len;
	l->form = f;
	l->text = xstrdup(text);
}

/*
 * The longest form of step i's line, from f down to TL_SHORT, that the
 * voice says within room_ms: its text in *text (the caller frees it) and
 * its length in *ms. Returns 0, or -1 when none fits.
 */
static int
tl_fit(const struct plan *p, size_t i, enum tl_form f, uint64_t room_ms,
    const struct tl_voice *v, enum tl_form *form, char **text, uint64_t *ms)
{
	const struct pstep	*ps = &p->v[i];
	size_t			 size;
	char			*buf, *prev;

	size = (ps->say != NULL ? strlen(ps->say) : 0) + 512;
	buf = xmalloc(size);
	prev = xcalloc(1, size);
	for (; f <= TL_SHORT; f++) {
		timeline_text(p, i, f, buf, size);
		/* A form that says the same as the one before: skip it. */
		if (buf[0] == '\0' || strcmp(buf, prev) == 0)
			continue;
		memcpy(prev, buf, strlen(buf) + 1);
		*ms = v->measure(v->ctx, buf);
		if (*ms == 0 || *ms > room_ms)
			continue;
		free(prev);
		*form = f;
		*text = buf;
		return 0;
	}
	free(buf);
	free(prev);
	return -1;
}

/*
 * Step i's full line and what the tones mean (tl_opts' tones_told), when
 * the voice says both within room_ms: the text (caller frees) and *ms.
 */
static char *
tl_tones_line(const struct plan *p, size_t i, uint64_t room_ms,
    const struct tl_voice *v, uint64_t *ms)
{
	const struct pstep	*ps = &p->v[i];
	size_t			 size;
	char			*buf, *text;

	size = (ps->say != NULL ? strlen(ps->say) : 0) + 512;
	buf = xmalloc(size);
	timeline_text(p, i, TL_FULL, buf, size);
	xasprintf(&text, "%s %s", buf, words_tones(words_pick(plan_lang(p))));
	free(buf);
	*ms = v->measure(v->ctx, text);
	if (*ms == 0 || *ms > room_ms) {
		free(text);
		return NULL;
	}
	return text;
}

/*
 * The step's first line: the longest form that ends in time, or none.
 * Returns where it ends (0 when nothing is said).
 */
static uint64_t
tl_first_line(const struct plan *p, size_t i, uint64_t len_ms,
    const struct tl_opts *o, struct tl_step *out, size_t *cap)
{
	const struct tl_voice	*v = o->voice;
	enum tl_form		 f;
	uint64_t		 ms;
	char			*text;

	if (len_ms <= TL_MARGIN_MS)
		return 0;
	if (o->tones_told == i + 1 && timeline_first(p, i) &&
	    (text = tl_tones_line(p, i, len_ms - TL_MARGIN_MS, v, &ms)) !=
	    NULL) {
		tl_add(out, cap, 0, ms, TL_FULL, text);
		free(text);
		return ms;
	}
	if (tl_fit(p, i, timeline_first(p, i) ? TL_FULL : TL_SHORT,
	    len_ms - TL_MARGIN_MS, v, &f, &text, &ms) != 0)
		return 0;
	tl_add(out, cap, 0, ms, f, text);
	free(text);
	return ms;
}

/* "Ten seconds." when it fits after the first line and before the end. */
static void
tl_count_line(const struct plan *p, size_t i, uint64_t len_ms,
    uint64_t busy_to, const struct tl_voice *v, struct tl_step *out,
    size_t *cap)
{
	const struct pstep	*ps = &p->v[i];
	const struct words	*w;
	uint64_t		 at, ms;
	char			 buf[128];

	if (!tl_is_hold(ps->kind) || ps->until_release || len_ms < TL_LONG_MS)
		return;
	at = len_ms - TL_COUNT_MS;
	/* Countdown words yield to the instruction still being said. */
	if (busy_to != 0 && at < busy_to + TL_GAP_MS)
		return;
	w = words_pick(plan_lang(p));
	snprintf(buf, sizeof buf, "%s%s", w == words_en() ? "" :
	    SPEECH_SEP_S, w->ten_seconds);
	ms = v->measure(v->ctx, buf);
	if (ms == 0 || at + ms + TL_MARGIN_MS > len_ms)
		return;
	tl_add(out, cap, at, ms, TL_COUNT, buf);
}

/* Whether a cue at at_ms falls inside one of the step's lines. */
static int
tl_spoken(const struct tl_step *s, uint64_t at_ms)
{
	size_t	k;

	for (k = 0; k < s->nline; k++)
		if (at_ms >= s->line[k].at_ms &&
		    at_ms < s->line[k].at_ms + s->line[k].len_ms + TL_GAP_MS)
			return 1;
	return 0;
}

/*
 * When the speech that covers at_ms ends (lines back to back taken as
 * one), with the gap after it; at_ms itself when none covers it.
 */
static uint64_t
tl_spoken_end(const struct tl_step *s, uint64_t at_ms)
{
	size_t	k;
	int	moved = 1;

	while (moved) {
		moved = 0;
		for (k = 0; k < s->nline; k++)
			if (at_ms >= s->line[k].at_ms && at_ms <
			    s->line[k].at_ms + s->line[k].len_ms + TL_GAP_MS) {
				at_ms = s->line[k].at_ms + s->line[k].len_ms +
				    TL_GAP_MS;
				moved = 1;
			}
	}
	return at_ms;
}

/* The step's cues for len_ms, on the heap, no cap. */
static void
tl_cues(const struct plan *p, size_t i, uint64_t len_ms,
    const struct tl_opts *o, struct tl_step *out)
{
	struct plan	 tmp;
	struct pstep	*v = NULL;
	const struct plan *q = p;
	size_t		 n;

	if (len_ms != p->v[i].duration_ms) {
		v = xreallocarray(NULL, p->n, sizeof *v);
		memcpy(v, p->v, p->n * sizeof *v);
		v[i].duration_ms = len_ms;
		tmp = *p;
		tmp.v = v;
		q = &tmp;
	}
	n = cueplan_step(q, i, o->countdown_s, o->halfway, NULL, 0);
	out->cue = xcalloc(n > 0 ? n : 1, sizeof *out->cue);
	out->ncue = cueplan_step(q, i, o->countdown_s, o->halfway, out->cue,
	    n);
	free(v);
}

/* Whether c is a tone, which yields to speech (tl_yields). */
static int
tl_tone(enum cue c)
{
	return c == CUE_INHALE || c == CUE_EXHALE || c == CUE_TICK;
}

/* Whether cue k is a tone that speech leaves out (tl_yield). */
static int
tl_yields(const struct tl_step *out, size_t k)
{
	return tl_tone(out->cue[k].cue) && tl_spoken(out, out->cue[k].at_ms);
}

/* The first cue from k on that speech does not leave out (ncue: none). */
static size_t
tl_next_kept(const struct tl_step *out, size_t k)
{
	while (k < out->ncue && tl_yields(out, k))
		k++;
	return k;
}

/*
 * Tones yield to speech: countdown ticks and the breathing pacer's tones
 * inside a line are left out. After a line that covered a pacer tone (the
 * step's first line covers the start cue, which marks the first inhale)
 * the pacer resumes at an inhale, so the first tone heard after an
 * instruction says breathe in. The breaths keep their times from the
 * step's start, as the screen's pacer draws them. The halfway chime waits
 * for the line to end, and is left out when the next cue would then come
 * within TL_HALF_ROOM_MS of it. Cues before from_ms stay as they are (a
 * line said again from there: timeline_again).
 */
static void
tl_yield(struct tl_step *out, uint64_t from_ms)
{
	size_t		k, j, m;
	int		wait_in, pacer;
	uint64_t	end;

	wait_in = from_ms == 0 && out->nline > 0 && out->line[0].at_ms == 0;
	for (k = j = 0; k < out->ncue; k++) {
		if (out->cue[k].at_ms < from_ms) {
			out->cue[j++] = out->cue[k];
			continue;
		}
		if (out->cue[k].cue == CUE_HALFWAY &&
		    tl_spoken(out, out->cue[k].at_ms)) {
			end = tl_spoken_end(out, out->cue[k].at_ms);
			m = tl_next_kept(out, k + 1);
			if (m < out->ncue && out->cue[m].at_ms <
			    end + TL_HALF_ROOM_MS)
				continue;
			out->cue[k].at_ms = end;
		}
		pacer = out->cue[k].cue == CUE_INHALE ||
		    out->cue[k].cue == CUE_EXHALE;
		if (tl_yields(out, k)) {
			wait_in |= pacer;
			continue;
		}
		if (pacer && wait_in && out->cue[k].cue == CUE_EXHALE)
			continue;
		if (pacer)
			wait_in = 0;
		out->cue[j++] = out->cue[k];
	}
	out->ncue = j;
}

/*
 * Where a line said again from at_ms must end: TL_MARGIN_MS before the
 * step's end, TL_GAP_MS before its next line but the countdown's words
 * (they yield to an instruction, as they do to the step's first line:
 * timeline_again drops them), at its next cue that is
 * not a tone that yields to speech, a pass tick (which sounds over
 * speech, as under the first line) or the halfway chime (which waits for
 * the line, tl_yield). 0 when there is no room.
 */
static uint64_t
tl_again_end(const struct tl_step *s, uint64_t len_ms, uint64_t at_ms)
{
	uint64_t	end;
	size_t		k;

	if (len_ms <= TL_MARGIN_MS + at_ms)
		return 0;
	end = len_ms - TL_MARGIN_MS;
	for (k = 0; k < s->nline; k++)
		if (s->line[k].at_ms >= at_ms && s->line[k].form != TL_COUNT) {
			if (s->line[k].at_ms < at_ms + TL_GAP_MS)
				return 0;
			if (s->line[k].at_ms - TL_GAP_MS < end)
				end = s->line[k].at_ms - TL_GAP_MS;
			break;
		}
	for (k = 0; k < s->ncue; k++)
		if (s->cue[k].at_ms >= at_ms && !tl_tone(s->cue[k].cue) &&
		    s->cue[k].cue != CUE_PASS && s->cue[k].cue != CUE_HALFWAY) {
			if (s->cue[k].at_ms < end)
				end = s->cue[k].at_ms;
			break;
		}
	return end > at_ms ? end : 0;
}

int
timeline_again(const struct plan *p, size_t i, uint64_t len_ms,
    enum tl_form f, uint64_t at_ms, const struct tl_voice *v,
    struct tl_step *s)
{
	struct tl_line	*l;
	uint64_t	 end, ms;
	size_t		 k;
	char		*text;

	if (i >= p->n || f > TL_SHORT || v == NULL || v->measure == NULL ||
	    (end = tl_again_end(s, len_ms, at_ms)) == 0 ||
	    tl_fit(p, i, f, end - at_ms, v, &f, &text, &ms) != 0)
		return -1;
	for (k = 0; k < s->nline && s->line[k].at_ms < at_ms; k++)
		;
	s->line = xreallocarray(s->line, s->nline + 1, sizeof *s->line);
	memmove(s->line + k + 1, s->line + k, (s->nline - k) *
	    sizeof *s->line);
	s->nline++;
	l = &s->line[k];
	l->at_ms = at_ms;
	l->len_ms = ms;
	l->form = f;
	l->text = text;
	/*
	 * The countdown's words it runs into are not said: a tester on a
	 * roller paused 11 s into a 20 s instruction and heard only "Roll.
	 * Thoracic spine." again, its safety sentence lost to "Ten seconds.".
	 */
	for (k = 0; k < s->nline; k++)
		if (s->line[k].form == TL_COUNT && s->line[k].at_ms >= at_ms &&
		    s->line[k].at_ms < at_ms + ms + TL_GAP_MS) {
			free(s->line[k].text);
			memmove(s->line + k, s->line + k + 1, (s->nline - k - 1) *
			    sizeof *s->line);
			s->nline--;
			k--;
		}
	tl_yield(s, at_ms);
	return 0;
}

void
timeline_step(const struct plan *p, size_t i, uint64_t len_ms,
    const struct tl_opts *o, struct tl_step *out)
{
	size_t		cap = 0;
	uint64_t	busy_to;

	memset(out, 0, sizeof *out);
	if (i >= p->n)
		return;
	tl_cues(p, i, len_ms, o, out);
	if (o->voice == NULL || o->voice->measure == NULL)
		return;
	busy_to = tl_first_line(p, i, len_ms, o, out, &cap);
	tl_count_line(p, i, len_ms, busy_to, o->voice, out, &cap);
	tl_yield(out, 0);
}

void
timeline_step_free(struct tl_step *s)
{
	size_t	k;

	for (k = 0; k < s->nline; k++)
		free(s->line[k].text);
	free(s->line);
	free(s->cue);
	memset(s, 0, sizeof *s);
}
