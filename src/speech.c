/*
 * Speech synthesis into buffers with libespeak-ng (see speech.h).
 */
#include "speech.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <espeak-ng/speak_lib.h>

#include "mixer.h"
#include "voices.h"
#include "words.h"
#include "xmalloc.h"

/* Samples quieter than this at either end count as silence. */
#define SPEECH_SILENCE	200
/* Words a minute: a little slower than espeak's 175, for a calm guide. */
#define SPEECH_WPM	155
/* Between the program's words and the routine's text in another voice. */
#define SPEECH_PAUSE_MS	250

struct speech {
	int	 rate;		/* espeak's output rate */
	char	 lang[16];
};

/* Samples collected by the synth callback for one line. */
struct speech_pcm {
	int16_t	*v;
	size_t	 n;
	size_t	 cap;
};

/* espeak-ng is process-wide: initialise it once. */
static int speech_rate;

/* Append each chunk espeak-ng produces to the line's buffer. */
static int
speech_cb(short *wav, int n, espeak_EVENT *ev)
{
	struct speech_pcm	*p;

	if (wav == NULL || n <= 0 || ev == NULL || ev->user_data == NULL)
		return 0;
	p = ev->user_data;
	if (p->n + (size_t)n > p->cap) {
		p->cap = (p->n + (size_t)n) * 2;
		p->v = xreallocarray(p->v, p->cap, sizeof *p->v);
	}
	memcpy(p->v + p->n, wav, (size_t)n * sizeof *wav);
	p->n += (size_t)n;
	return 0;
}

/*
 * The voice's language when nothing names one: the language the screen's
 * messages are in (words_pick: gettext's choice), so that the voice says
 * what the screen shows. When the screen is English, the locale's
 * language if knead has no catalogue for it ("pt_BR.UTF-8": "pt"), so that
 * a routine written in it is read by its own voice; else "en".
 */
static void
speech_locale_lang(char *buf, size_t len)
{
	const struct words	*w = words_pick(NULL);
	const char		*l;
	size_t			 i;

	if (w != words_en())
		l = w->lang;
	else if ((l = words_locale()) == NULL || words_locale_is_c(l) ||
	    words_find(l) != NULL)
		l = "en";
	for (i = 0; i + 1 < len && isalpha((unsigned char)l[i]); i++)
		buf[i] = (char)tolower((unsigned char)l[i]);
	buf[i] = '\0';
	if (i < 2)
		strcpy(buf, "en");
}

/* Whether espeak-ng takes name as its voice (and now speaks with it). */
static int
speech_set_voice(const char *name)
{
	return espeak_SetVoiceByName(name) == EE_OK;
}

/* Initialise espeak-ng once and pick the voice for lang. */
struct speech *
speech_open(const char *lang)
{
	struct speech	*sp;
	char		 want[16];

	if (speech_rate == 0) {
		speech_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0,
		    NULL, espeakINITIALIZE_DONT_EXIT);
		if (speech_rate <= 0) {
			speech_rate = -1;
			return NULL;
		}
		espeak_SetSynthCallback(speech_cb);
	}
	if (speech_rate < 0)
		return NULL;
	if (lang != NULL && *lang != '\0')
		snprintf(want, sizeof want, "%s", lang);
	else
		speech_locale_lang(want, sizeof want);
	/* The tag's names in voices_try's order; English when none. */
	if (!voices_try(want, speech_set_voice)) {
		strcpy(want, "en");
		if (espeak_SetVoiceByName(want) != EE_OK)
			return NULL;
	}
	espeak_SetParameter(espeakRATE, SPEECH_WPM, 0);
	sp = xcalloc(1, sizeof *sp);
	sp->rate = speech_rate;
	snprintf(sp->lang, sizeof sp->lang, "%s", want);
	return sp;
}

/* Forget the voice (espeak-ng itself stays initialised). */
void
speech_close(struct speech *sp)
{
	/*
	 * espeak_Terminate is not called: espeak-ng cannot be initialised
	 * again afterwards in the same process, and it holds no device.
	 */
	free(sp);
}

/* The voice in use. */
const char *
speech_lang(const struct speech *sp)
{
	return sp->lang;
}

/* Whether the voice speaks the language of tag ("fr-FR" for "fr": yes). */
int
speech_speaks(const struct speech *sp, const char *tag)
{
	size_t	i;

	for (i = 0; tag[i] != '\0' && tag[i] != '-' && tag[i] != '_'; i++)
		if (tolower((unsigned char)tag[i]) !=
		    tolower((unsigned char)sp->lang[i]))
			return 0;
	return sp->lang[i] == '\0' || sp->lang[i] == '-';
}

/* Synthesise len bytes of text into p with the voice already chosen. */
static void
speech_run(struct speech_pcm *p, const char *text, size_t len)
{
	char	*t;
	size_t	 i;

	t = xmalloc(len + 1);
	for (i = 0; i < len; i++)
		t[i] = text[i] == SPEECH_SEP ? ' ' : text[i];
	t[len] = '\0';
	espeak_Synth(t, len + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL,
	    p);
	free(t);
}

/* Add ms of silence to p. */
static void
speech_pause(struct speech_pcm *p, int rate, int ms)
{
	size_t	n = (size_t)rate * (size_t)ms / 1000;

	if (p->n + n > p->cap) {
		p->cap = (p->n + n) * 2;
		p->v = xreallocarray(p->v, p->cap, sizeof *p->v);
	}
	memset(p->v + p->n, 0, n * sizeof *p->v);
	p->n += n;
}

/* Synthesise the program's words and the routine's text, then trim. */
int
speech_synth_s16(struct speech *sp, const char *text, int16_t **v, size_t *n,
    int *rate)
{
	struct speech_pcm	 p;
	const char		*sep;
	size_t			 a, z;

	*v = NULL;
	*n = 0;
	*rate = sp->rate;
	memset(&p, 0, sizeof p);
	if (text == NULL || *text == '\0')
		return -1;
	sep = strchr(text, SPEECH_SEP);
	if (speech_speaks(sp, "en") || *text == SPEECH_SEP) {
		/*
		 * One voice: one sentence flow, the separators spaces. A
		 * leading separator: knead's words are in the routine's
		 * language too.
		 */
		speech_run(&p, text, strlen(text));
	} else {
		espeak_SetVoiceByName("en");
		speech_run(&p, text, sep != NULL ? (size_t)(sep - text) :
		    strlen(text));
		espeak_SetVoiceByName(sp->lang);
		if (sep != NULL && sep[1] != '\0') {
			speech_pause(&p, sp->rate, SPEECH_PAUSE_MS);
			speech_run(&p, sep + 1, strlen(sep + 1));
		}
	}
	a = 0;
	z = p.n;
	while (a < z && abs(p.v[a]) < SPEECH_SILENCE)
		a++;
	while (z > a && abs(p.v[z - 1]) < SPEECH_SILENCE)
		z--;
	if (z == a) {
		free(p.v);
		return -1;
	}
	/* Only the trimmed samples are kept, without the spare room. */
	memmove(p.v, p.v + a, (z - a) * sizeof *p.v);
	*v = xreallocarray(p.v, z - a, sizeof *p.v);
	*n = z - a;
	return 0;
}

/* Synthesise a line into a float buffer at rate. */
int
speech_synth(struct speech *sp, const char *text, int rate, struct sndbuf *b)
{
	int16_t	*v;
	size_t	 n;
	int	 in_rate;

	memset(b, 0, sizeof *b);
	if (speech_synth_s16(sp, text, &v, &n, &in_rate) != 0)
		return -1;
	sndbuf_from_s16(b, v, n, in_rate, rate);
	free(v);
	return 0;
}
