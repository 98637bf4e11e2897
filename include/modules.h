/*
 * The heavy libraries live in modules loaded with dlopen when first needed,
 * so that the program (its core, knead-core.so: main.c) maps only ncurses,
 * libyaml and SQLite and draws its first frame at a plain terminal
 * program's pace:
 *
 *   knead-audio.so   PortAudio (the live backend), espeak-ng (speech and
 *                    its voice list), libsndfile and libsamplerate (sound
 *                    files in and out, resampling)
 *   knead-pdf.so     cairo and pango (report --format pdf, png, svg)
 *   knead-notify.so  libnotify (remind --notify)
 *
 * A module is looked for where the core is (moddirs.h: next to the
 * program, build/test/knead finds build/test/knead-audio.so; the tree's
 * build/rel for ./knead; bin/../lib/knead; KNEAD_LIBDIR, where make
 * install puts them). It is loaded once
 * and never unloaded. A module missing, broken or from another build
 * leaves the feature off with one short reason (kmod_why); nothing
 * crashes: speech_open returns NULL, sndbuf_load fails with that reason,
 * the audio engine runs silently (audio.h), report_pdf fails with it,
 * notify_send returns -1.
 *
 * The functions the modules provide (speech.h, voices.h, mixer.h's
 * sndbuf_load and sndbuf_from_s16, sndio.h, report_pdf, notify_send, the
 * PortAudio backend) keep their names: modules.c defines them in the
 * program as forwarders through the module's table, and the module's own
 * definitions are hidden inside it (-fvisibility=hidden).
 */
#ifndef KNEAD_MODULES_H
#define KNEAD_MODULES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "report.h"

/* Bumped whenever a table below changes. */
#define KMOD_ABI	1

struct audio_backend;
struct sndbuf;
struct sndwrite;
struct speech;

/* Every table starts so: the loader checks it before using the rest. */
struct kmod_head {
	int		 abi;		/* KMOD_ABI */
	size_t		 size;		/* sizeof the whole table */
	const char	*version;	/* KNEAD_VERSION */
};

struct kmod_audio {
	struct kmod_head		 head;
	const struct audio_backend	*portaudio;
	struct speech	*(*speech_open)(const char *);
	void		 (*speech_close)(struct speech *);
	const char	*(*speech_lang)(const struct speech *);
	int		 (*speech_speaks)(const struct speech *, const char *);
	int		 (*speech_synth)(struct speech *, const char *, int,
			    struct sndbuf *);
	int		 (*speech_synth_s16)(struct speech *, const char *,
			    int16_t **, size_t *, int *);
	int		 (*voices_has)(const char *);
	int		 (*sndbuf_load)(struct sndbuf *, const char *, int,
			    char **);
	void		 (*sndbuf_from_s16)(struct sndbuf *, const int16_t *,
			    size_t, int, int);
	struct sndwrite	*(*sndwrite_open)(int, int, int, char **);
	int		 (*sndwrite_frames)(struct sndwrite *, const float *,
			    size_t);
	int		 (*sndwrite_close)(struct sndwrite *, char **);
};

struct kmod_pdf {
	struct kmod_head	 head;
	int			 (*report_pdf)(FILE *, const struct report *,
				    enum report_pdf_kind, char **);
};

struct kmod_notify {
	struct kmod_head	 head;
	int			 (*notify_send)(const char *, const char *);
};

enum kmod {
	KMOD_AUDIO,
	KMOD_PDF,
	KMOD_NOTIFY,
	KMOD__COUNT
};

/*
 * The module's table, loading it on the first call (thread-safe), or NULL
 * when it cannot be used; kmod_why then says why in a few words
 * ("knead-audio.so: not found in /usr/lib/knead").
 */
const void	*kmod_get(enum kmod);
const char	*kmod_why(enum kmod);
/* The file name of a module ("knead-audio.so"). */
const char	*kmod_file(enum kmod);
/* Whether the module is loaded already (nothing is loaded by asking). */
int		 kmod_loaded(enum kmod);

static inline const struct kmod_audio *
kmod_audio(void)
{
	return kmod_get(KMOD_AUDIO);
}

/* In a module: the table the loader looks up ("knead_module"). */
#define KMOD_EXPORT	__attribute__((visibility("default")))
#define KMOD_SYMBOL	"knead_module"

#endif
