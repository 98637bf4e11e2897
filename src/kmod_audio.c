/*
 * knead-audio.so's table (modules.h): what the program finds with dlsym.
 * Built only into the module, with the PortAudio backend (audio_pa.c),
 * speech (speech.c, voices.c) and sound files (sndio.c).
 */
#include "modules.h"

#include "audio_backend.h"
#include "mixer.h"
#include "sndio.h"
#include "speech.h"
#include "voices.h"

extern const struct audio_backend audio_pa_backend;

KMOD_EXPORT const struct kmod_audio knead_module = {
	{ KMOD_ABI, sizeof (struct kmod_audio), KNEAD_VERSION },
	&audio_pa_backend,
	speech_open,
	speech_close,
	speech_lang,
	speech_speaks,
	speech_synth,
	speech_synth_s16,
	voices_has,
	sndbuf_load,
	sndbuf_from_s16,
	sndwrite_open,
	sndwrite_frames,
	sndwrite_close
};
