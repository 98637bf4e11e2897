/*
 * The audio engine: cues and spoken lines scheduled ahead on CLOCK_MONOTONIC
 * deadlines and mixed in one PortAudio stream (audio_pa.c), or nothing at all
 * (the null backend: --no-sound, no device, a device that failed). Only
 * audio_pa.c includes portaudio.h.
 *
 * audio_open never fails: when no device can be used it returns a silent
 * engine and audio_status() says why, once. Nothing here prints to the
 * terminal (ALSA and JACK noise is silenced).
 */
#ifndef KNEAD_AUDIO_H
#define KNEAD_AUDIO_H

#include <stdint.h>

enum cue {
	CUE_SESSION_START,
	CUE_POSITION,		/* start of a position step */
	CUE_PRESS,		/* start of a press step */
	CUE_ROLL,
	CUE_STRETCH,
	CUE_CONTRACT,		/* contract-relax phases */
	CUE_RELAX,
	CUE_BREATHE,
	CUE_REST,
	CUE_HALFWAY,
	CUE_TICK,		/* last-seconds countdown */
	CUE_SWITCH,		/* switch sides */
	CUE_RELEASE,		/* release between reps */
	CUE_PASS,		/* slow-roll pass tick */
	CUE_INHALE,
	CUE_EXHALE,
	CUE_STEP_END,
	CUE_SESSION_END,
	CUE_ALERT,		/* safety stop */
	CUE__COUNT
};

/* File stem of the cue in sounds/ ("press" -> sounds/press.wav). */
const char	*cue_name(enum cue);

struct audio_opts {
	int		 no_sound;
	int		 no_voice;
	const char	*device;	/* NULL: default output */
	int		 volume;	/* 0..100 */
	const char	*lang;		/* espeak-ng voice; NULL: locale */
	const char	*sounds_dir;	/* NULL: library_sounds_dir() */
};

struct audio;

struct audio	*audio_open(const struct audio_opts *);
void		 audio_close(struct audio *);
/* Play cue at the CLOCK_MONOTONIC time when_ns (now if in the past). */
void		 audio_cue_at(struct audio *, enum cue, uint64_t when_ns);
/* Speak text at when_ns; never overlaps another spoken line. */
void		 audio_say_at(struct audio *, const char *text,
		    uint64_t when_ns);
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

#endif
