/* PLACEHOLDER (silent engine): replaced by the audio module owner. */
#include "audio.h"

#include <stdlib.h>

struct audio {
	int	mute, voice;
	int	said;
};

const char *
cue_name(enum cue c)
{
	static const char *const names[CUE__COUNT] = {
		"session-start", "position", "press", "roll", "stretch",
		"contract", "relax", "breathe", "rest", "halfway", "tick",
		"switch", "release", "pass", "inhale", "exhale", "step-end",
		"session-end", "alert"
	};
	return (unsigned)c < CUE__COUNT ? names[c] : "?";
}

struct audio *
audio_open(const struct audio_opts *o)
{
	struct audio *a = calloc(1, sizeof *a);

	if (a != NULL)
		a->voice = !o->no_voice;
	return a;
}

void audio_close(struct audio *a) { free(a); }
void audio_cue_at(struct audio *a, enum cue c, uint64_t t) { (void)a; (void)c; (void)t; }
void audio_say_at(struct audio *a, const char *s, uint64_t t) { (void)a; (void)s; (void)t; }
void audio_cancel_from(struct audio *a, uint64_t t) { (void)a; (void)t; }
void audio_set_mute(struct audio *a, int m) { a->mute = m; }
void audio_set_voice(struct audio *a, int v) { a->voice = v; }
int audio_muted(const struct audio *a) { return a->mute; }
int audio_voice(const struct audio *a) { return a->voice; }
const char *
audio_status(struct audio *a)
{
	if (a->said)
		return NULL;
	a->said = 1;
	return "sound not built yet: running silently";
}
