/*
 * Spoken lines with libespeak-ng, synthesised ahead of time into sound
 * buffers (AUDIO_OUTPUT_SYNCHRONOUS: nothing plays by itself), so a line can
 * be scheduled to start on the beat. espeak-ng keeps global state: one
 * struct speech at a time, used from one thread.
 */
#ifndef KNEAD_SPEECH_H
#define KNEAD_SPEECH_H

struct sndbuf;
struct speech;

/*
 * Start espeak-ng with the voice for lang ("en", "fr", "pt-BR", "en_GB";
 * NULL: the locale): the tag as written, lower case, then its language
 * alone, then English. speech_lang says which voice it is. Returns NULL
 * when espeak-ng cannot run.
 */
struct speech	*speech_open(const char *lang);
void		 speech_close(struct speech *);
/* The voice actually used ("en"). */
const char	*speech_lang(const struct speech *);
/* 1 when the voice speaks the language of tag ("fr-FR" and "fr": 1). */
int		 speech_speaks(const struct speech *, const char *tag);
/*
 * Synthesise UTF-8 text into b (mono float at rate, leading and trailing
 * silence trimmed). Returns 0, or -1 when nothing was produced (b empty).
 */
int		 speech_synth(struct speech *, const char *text, int rate,
		    struct sndbuf *b);

#endif
