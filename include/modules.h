/*
 * The heavy libraries live in modules loaded with dlopen when first needed,
 * so that the program (its core, knead-core.so: main.c) maps only ncurses
 * and libyaml and draws its first frame at a plain terminal program's pace:
 *
 *   knead-store.so   SQLite (the history store's file; about 3,000
 *                    relocations bound at load) and jansson (json.c, the
 *                    export's JSON reader): the store's code stays in the
 *                    program (history*.c), only the library it calls is
 *                    here, loaded when a store is first opened
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
 * notify_send returns -1, a store does not open (history.h: the command
 * says so and exits as for any store it cannot open), json_parse fails.
 *
 * The functions the modules provide (speech.h, voices.h, mixer.h's
 * sndbuf_load and sndbuf_from_s16, sndio.h, report_pdf, notify_send, the
 * PortAudio backend, the sqlite3_* functions history*.c call, json.h)
 * keep their names: modules.c (storelib.c for knead-store.so's) defines
 * them in the program as forwarders through the module's table, and the
 * module's own definitions are hidden inside it (-fvisibility=hidden).
 */
#ifndef KNEAD_MODULES_H
#define KNEAD_MODULES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "report.h"

/* Bumped whenever a table below changes. */
#define KMOD_ABI	2

struct audio_backend;
struct json;
struct sndbuf;
struct sndwrite;
struct speech;
struct sqlite3;
struct sqlite3_stmt;

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

/*
 * SQLite's functions as sqlite3.h declares them (struct sqlite3 is its
 * sqlite3, long long its sqlite3_int64; kmod_store.c's table is checked
 * against the real declarations), then json.h's.
 */
struct kmod_store {
	struct kmod_head	 head;
	int		 (*bind_int)(struct sqlite3_stmt *, int, int);
	int		 (*bind_int64)(struct sqlite3_stmt *, int, long long);
	int		 (*bind_null)(struct sqlite3_stmt *, int);
	int		 (*bind_text)(struct sqlite3_stmt *, int, const char *,
			    int, void (*)(void *));
	int		 (*busy_handler)(struct sqlite3 *,
			    int (*)(void *, int), void *);
	int		 (*busy_timeout)(struct sqlite3 *, int);
	int		 (*changes)(struct sqlite3 *);
	int		 (*clear_bindings)(struct sqlite3_stmt *);
	int		 (*close)(struct sqlite3 *);
	int		 (*column_int)(struct sqlite3_stmt *, int);
	long long	 (*column_int64)(struct sqlite3_stmt *, int);
	const unsigned char *(*column_text)(struct sqlite3_stmt *, int);
	int		 (*column_type)(struct sqlite3_stmt *, int);
	const char	*(*db_filename)(struct sqlite3 *, const char *);
	int		 (*db_readonly)(struct sqlite3 *, const char *);
	int		 (*errcode)(struct sqlite3 *);
	const char	*(*errmsg)(struct sqlite3 *);
	const char	*(*errstr)(int);
	int		 (*exec)(struct sqlite3 *, const char *,
			    int (*)(void *, int, char **, char **), void *,
			    char **);
	int		 (*extended_result_codes)(struct sqlite3 *, int);
	int		 (*finalize)(struct sqlite3_stmt *);
	int		 (*get_autocommit)(struct sqlite3 *);
	long long	 (*last_insert_rowid)(struct sqlite3 *);
	int		 (*open_v2)(const char *, struct sqlite3 **, int,
			    const char *);
	int		 (*prepare_v2)(struct sqlite3 *, const char *, int,
			    struct sqlite3_stmt **, const char **);
	int		 (*prepare_v3)(struct sqlite3 *, const char *, int,
			    unsigned int, struct sqlite3_stmt **,
			    const char **);
	int		 (*reset)(struct sqlite3_stmt *);
	int		 (*step)(struct sqlite3_stmt *);
	int		 (*system_errno)(struct sqlite3 *);
	int		 (*json_parse)(const char *, size_t, struct json **,
			    char *, size_t);
	void		 (*json_free)(struct json *);
	const struct json *(*json_get)(const struct json *, const char *);
};

enum kmod {
	KMOD_AUDIO,
	KMOD_PDF,
	KMOD_NOTIFY,
	KMOD_STORE,
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
