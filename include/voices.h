/*
 * The languages espeak-ng has a voice for, asked without starting the
 * synthesiser: for the validator, which warns about a cues.lang that would
 * be spoken in English. Not thread-safe: ask from the thread that opens
 * speech, not while a line is being synthesised. In knead-audio.so
 * (modules.h): without it voices_has says -1, no voices.
 */
#ifndef KNEAD_VOICES_H
#define KNEAD_VOICES_H

/*
 * 1 when speech_open(lang) would find a voice for lang (a tag such as
 * "pt-BR" or "en_GB", or a voice name such as "German"), 0 when it would
 * fall back to English, -1 when espeak-ng has no voices at all. The first
 * call reads espeak-ng's voice list (a few ms), once per process.
 */
int	voices_has(const char *lang);
/*
 * The order both use to find a voice for a language tag: as written
 * ("pt-BR"), then lower case with '-' ("en_GB" -> "en-gb"), then its
 * language alone ("fr-FR" -> "fr"). Returns 1 as soon as found(want) does,
 * want then holding the name that worked; 0 when none did.
 */
int	voices_try(char *want, int (*found)(const char *));

#endif
