/*
 * Spoken lines with libespeak-ng, synthesised ahead of time into sound
 * buffers (AUDIO_OUTPUT_SYNCHRONOUS: nothing plays by itself), so a line can
 * be scheduled to start on the beat. espeak-ng keeps global state: one
 * struct speech at a time, used from one thread. In knead-audio.so
 * (modules.h): without it speech_open returns NULL.
 */
#ifndef KNEAD_SPEECH_H
#define KNEAD_SPEECH_H

#include <stddef.h>
#include <stdint.h>

struct sndbuf;
struct speech;

/*
 * In a line to speak, the program's own words (English: "Press. Upper
 * trapezius, left side.") come first, then this separator, then the
 * routine's text in the routine's language. When the program's words are
 * in the routine's language too (words.h), the line starts with the
 * separator ("\x1fPression. Trapèze supérieur.\x1fPenchez-vous..."), and
 * one voice says it all. Routine text cannot contain it (the validator
 * refuses control characters).
 */
#define SPEECH_SEP	'\x1f'
#define SPEECH_SEP_S	"\x1f"

/*
 * Start espeak-ng with the voice for lang ("en", "fr", "pt-BR", "en_GB";
 * NULL: the screen's language, words_pick): the tag as written,
 * lower case, then its language alone, then English. speech_lang says
 * which voice it is. Returns NULL when espeak-ng cannot run.
 */
struct speech	*speech_open(const char *lang);
void		 speech_close(struct speech *);
/* The voice actually used ("en"). */
const char	*speech_lang(const struct speech *);
/* 1 when the voice speaks the language of tag ("fr-FR" and "fr": 1). */
int		 speech_speaks(const struct speech *, const char *tag);
/*
 * Synthesise UTF-8 text into b (mono float at rate, leading and trailing
 * silence trimmed). The program's words (all of text, or what comes
 * before SPEECH_SEP) are spoken by the English voice, the routine's text
 * after SPEECH_SEP by the voice of speech_open's language, after a short
 * pause: an English word read by a French voice is hard to follow. A line
 * that starts with SPEECH_SEP is all said by the voice of speech_open's
 * language.
 * Returns 0, or -1 when nothing was produced (b empty).
 */
int		 speech_synth(struct speech *, const char *text, int rate,
		    struct sndbuf *b);
/*
 * The same line as espeak-ng makes it: 16-bit mono at *rate, trimmed, in
 * *v (the caller frees it; about a quarter of the float buffer at 48 kHz,
 * for lines kept a while). Returns 0, or -1 when nothing was produced.
 */
int		 speech_synth_s16(struct speech *, const char *text,
		    int16_t **v, size_t *n, int *rate);

#endif
