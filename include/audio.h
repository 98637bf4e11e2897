/*
 * The audio engine (audio.c, audio_fill.c): cues and spoken lines scheduled
 * ahead on CLOCK_MONOTONIC deadlines and mixed in one stream of a backend
 * (audio_backend.h): PortAudio (audio_pa.c, in knead-audio.so, loaded by
 * the first audio_open that wants sound), or nothing at all (the null
 * backend: --no-sound, no device, a device that failed, the module
 * missing). Only audio_pa.c includes portaudio.h.
 *
 * audio_open never fails: when no device can be used it returns a silent
 * engine and audio_status() says why, once. Nothing here prints to the
 * terminal (ALSA and JACK noise is silenced).
 */
#ifndef KNEAD_AUDIO_H
#define KNEAD_AUDIO_H

#include <stdint.h>

#include "cues.h"


struct audio_opts {
	int		 no_sound;
	int		 no_voice;
	const char	*device;	/* NULL: default output */
	int		 volume;	/* 0..100; negative: MIXER_VOLUME */
	const char	*lang;		/* espeak-ng voice; NULL: locale */
	const char	*sounds_dir;	/* NULL: library_sounds_dir() */
};

struct audio;

struct audio	*audio_open(const struct audio_opts *);
void		 audio_close(struct audio *);
/* Play cue at the CLOCK_MONOTONIC time when_ns (now if in the past). */
void		 audio_cue_at(struct audio *, enum cue, uint64_t when_ns);
/*
 * How long text takes to say, in ms, 0 when nothing would be said (no
 * device or no voice). The line is synthesised now and kept, so the
 * audio_say_at that follows does not synthesise it again. The speech
 * timeline (timeline.h) measures lines with it.
 */
uint64_t	 audio_say_ms(struct audio *, const char *text);
/*
 * Speak text at when_ns, where the speech timeline placed it (the engine
 * does not move lines: the timeline keeps them apart).
 */
void		 audio_say_at(struct audio *, const char *text,
		    uint64_t when_ns);
/*
 * The same, heard even with the voice off or the sound muted: the word of
 * the key that turns one of them off (said first, then the switch).
 */
void		 audio_say_through_at(struct audio *, const char *text,
		    uint64_t when_ns);
/*
 * End, with a short fade, every spoken line still sounding at when_ns:
 * a step boundary that a key moved, a pause, a skip.
 */
void		 audio_cut_speech(struct audio *, uint64_t when_ns);
/* Drop everything scheduled at or after when_ns (pause, skip, stop). */
void		 audio_cancel_from(struct audio *, uint64_t when_ns);
void		 audio_set_mute(struct audio *, int);
void		 audio_set_voice(struct audio *, int);
int		 audio_muted(const struct audio *);
int		 audio_voice(const struct audio *);
/*
 * A message for the status line when sound is unavailable or was lost
 * ("no sound device: running silently"), or NULL. Each message is returned
 * once.
 */
const char	*audio_status(struct audio *);

/*
 * Scheduling: cues and lines play on the stream's sample clock, mapped from
 * CLOCK_MONOTONIC; a request at least AUDIO_LEAD_MS ahead starts within a
 * few ms of when_ns as heard. Between sounds the stream is stopped (no
 * wakeups while nothing plays), and it is started again shortly before the
 * next sound (audio_when.h: its start's cost, its latency and a margin, at
 * most AUDIO_LEAD_MS); a request for "now" is late by about that much.
 */
#define AUDIO_LEAD_MS	250


/*
 * The earliest CLOCK_MONOTONIC time at which a sound asked for now is heard
 * on time: now_ns for a silent engine; else the stream is started if it
 * is stopped (waiting for that, 200 ms at most) and the time is now plus
 * its output latency and a margin for handing the sound to the callback
 * (about 30 ms). The run engine starts a session's clock then, so that
 * its first cue and line are heard on the deadline like every later one.
 */
uint64_t	 audio_heard_from(struct audio *, uint64_t now_ns);

/*
 * The CLOCK_MONOTONIC time by which everything scheduled so far has been
 * heard to its end, the output's latency included; 0 when nothing will be
 * heard (no device, muted). A program that ends waits for it, or a card
 * would drop the end cue it still holds.
 */
uint64_t	 audio_heard_by(struct audio *);

/* 1 while anything is scheduled or still playing. */
int		 audio_busy(struct audio *);
/* Length of a cue's sound in ms (0 when it has none). */
uint64_t	 audio_cue_ms(const struct audio *, enum cue);
/* 1 when sound really plays (a device is open and working). */
int		 audio_live(struct audio *);
/*
 * Start testing, in a short-lived child, that PortAudio can start here (its
 * asserts abort the process on some ALSA setups); audio_open and
 * audio_list_devices wait for the answer. Call it early, before threads.
 */
void		 audio_prepare(void);
/*
 * Call fn once per output device PortAudio finds (name, host API, whether
 * it is the default). Returns the number of devices, or -1 when the audio
 * system failed a test start (see audio_open) or knead-audio.so cannot be
 * loaded; audio_none_why then says which. ALSA/JACK stay quiet.
 */
int		 audio_list_devices(void (*fn)(const char *name,
		    const char *api, int is_default, void *arg), void *arg);
const char	*audio_none_why(void);

#endif
