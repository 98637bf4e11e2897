/*
 * The module loader (see modules.h), and the program's side of every
 * function a module provides (knead-store.so's are in storelib.c): each
 * forwards through the module's table, loading it on first use, and does
 * without it when it cannot be loaded.
 */
#include "i18n.h"
#include "modules.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <unistd.h>

#include "mixer.h"
#include "moddirs.h"
#include "notify.h"
#include "sndio.h"
#include "speech.h"
#include "voices.h"
#include "xmalloc.h"


static const char *const kmod_files[KMOD__COUNT] = {
	"knead-audio.so",
	"knead-pdf.so",
	"knead-notify.so",
	"knead-store.so"
};
static const size_t kmod_sizes[KMOD__COUNT] = {
	sizeof (struct kmod_audio),
	sizeof (struct kmod_pdf),
	sizeof (struct kmod_notify),
	sizeof (struct kmod_store)
};

/* <threads.h>, not <pthread.h>: the fuzz build's -Iinclude has a sched.h. */
static once_flag	 kmod_once = ONCE_FLAG_INIT;
static mtx_t		 kmod_lock;
static int		 kmod_tried[KMOD__COUNT];
static const void	*kmod_table[KMOD__COUNT];
static char		 kmod_reason[KMOD__COUNT][256];

const char *
kmod_file(enum kmod k)
{
	return kmod_files[k];
}

/* Check a table's head: 0, or -1 with the reason set. */
static int
kmod_check(enum kmod k, const struct kmod_head *h)
{
	if (h->abi == KMOD_ABI && h->size == kmod_sizes[k] &&
	    h->version != NULL && strcmp(h->version, KNEAD_VERSION) == 0)
		return 0;
	snprintf(kmod_reason[k], sizeof kmod_reason[k], "%s is from another "
	    "build of knead (%s, this is %s)", kmod_files[k],
	    h->abi == KMOD_ABI && h->version != NULL ? h->version : "?",
	    KNEAD_VERSION);
	return -1;
}

/*
 * Load module k from the first folder that has it (lock held). A file
 * that is there but cannot be loaded is reported, not passed over: an
 * installed module of another build is never taken instead.
 */
static void
kmod_load(enum kmod k)
{
	char		 path[PATH_MAX + 32];
	const char	*err;
	void		*dl, *sym;

	if (moddirs_find(kmod_files[k], path, sizeof path) != 0) {
		snprintf(kmod_reason[k], sizeof kmod_reason[k], "%s not "
		    "found next to knead or in %s", kmod_files[k],
		    KNEAD_LIBDIR);
		return;
	}
	/* Never dlclose'd: the libraries it brings keep threads and state. */
	if ((dl = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		err = dlerror();
		snprintf(kmod_reason[k], sizeof kmod_reason[k], "%s cannot be "
		    "loaded: %.180s", kmod_files[k], err != NULL ? err : "?");
		return;
	}
	if ((sym = dlsym(dl, KMOD_SYMBOL)) == NULL) {
		snprintf(kmod_reason[k], sizeof kmod_reason[k], "%s is not a "
		    "knead module", kmod_files[k]);
		return;
	}
	if (kmod_check(k, sym) == 0)
		kmod_table[k] = sym;
}

static void
kmod_init(void)
{
	mtx_init(&kmod_lock, mtx_plain);
}

const void *
kmod_get(enum kmod k)
{
	const void	*t;

	call_once(&kmod_once, kmod_init);
	mtx_lock(&kmod_lock);
	if (!kmod_tried[k]) {
		kmod_tried[k] = 1;
		kmod_load(k);
	}
	t = kmod_table[k];
	mtx_unlock(&kmod_lock);
	return t;
}

const char *
kmod_why(enum kmod k)
{
	const char	*why;

	call_once(&kmod_once, kmod_init);
	mtx_lock(&kmod_lock);
	why = !kmod_tried[k] || kmod_table[k] != NULL ? NULL : kmod_reason[k];
	mtx_unlock(&kmod_lock);
	return why;
}

int
kmod_loaded(enum kmod k)
{
	int	loaded;

	call_once(&kmod_once, kmod_init);
	mtx_lock(&kmod_lock);
	loaded = kmod_table[k] != NULL;
	mtx_unlock(&kmod_lock);
	return loaded;
}

/* knead-audio.so: speech (speech.h). Without it there is no voice. */
struct speech *
speech_open(const char *lang)
{
	const struct kmod_audio	*m = kmod_audio();

	return m != NULL ? m->speech_open(lang) : NULL;
}

void
speech_close(struct speech *sp)
{
	/* A speech exists only if the module was loaded. */
	if (sp != NULL)
		kmod_audio()->speech_close(sp);
}

const char *
speech_lang(const struct speech *sp)
{
	return kmod_audio()->speech_lang(sp);
}

int
speech_speaks(const struct speech *sp, const char *tag)
{
	return kmod_audio()->speech_speaks(sp, tag);
}

int
speech_synth(struct speech *sp, const char *text, int rate, struct sndbuf *b)
{
	return kmod_audio()->speech_synth(sp, text, rate, b);
}

int
speech_synth_s16(struct speech *sp, const char *text, int16_t **v,
    size_t *n, int *rate)
{
	return kmod_audio()->speech_synth_s16(sp, text, v, n, rate);
}

/* The voice list (voices.h): -1, no voices, without the module. */
int
voices_has(const char *lang)
{
	const struct kmod_audio	*m = kmod_audio();

	return m != NULL ? m->voices_has(lang) : -1;
}

/* Sound files (mixer.h): nothing decodes without the module. */
int
sndbuf_load(struct sndbuf *b, const char *path, int rate, char **cause)
{
	const struct kmod_audio	*m = kmod_audio();

	if (m != NULL)
		return m->sndbuf_load(b, path, rate, cause);
	memset(b, 0, sizeof *b);
	xasprintf(cause, _("%s: cannot decode sound files: %s"), path,
	    kmod_why(KMOD_AUDIO));
	return -1;
}

void
sndbuf_from_s16(struct sndbuf *b, const int16_t *s, size_t n, int in_rate,
    int rate)
{
	const struct kmod_audio	*m = kmod_audio();

	if (m != NULL) {
		m->sndbuf_from_s16(b, s, n, in_rate, rate);
		return;
	}
	/* Unreachable in practice (speech comes from the module): silence. */
	b->n = sndbuf_resampled_n(n, in_rate, rate);
	b->v = xcalloc(b->n > 0 ? b->n : 1, sizeof *b->v);
}

/* render's encoder (sndio.h). */
struct sndwrite *
sndwrite_open(int fd, int fmt, int rate, char **cause)
{
	const struct kmod_audio	*m = kmod_audio();

	if (m != NULL)
		return m->sndwrite_open(fd, fmt, rate, cause);
	xasprintf(cause, _("no encoder: %s"), kmod_why(KMOD_AUDIO));
	return NULL;
}

int
sndwrite_frames(struct sndwrite *w, const float *v, size_t n)
{
	return kmod_audio()->sndwrite_frames(w, v, n);
}

int
sndwrite_close(struct sndwrite *w, char **cause)
{
	return kmod_audio()->sndwrite_close(w, cause);
}

/* knead-pdf.so: the drawn report (report.h). */
int
report_pdf(FILE *fp, const struct report *rp, enum report_pdf_kind kind,
    char **cause)
{
	const struct kmod_pdf	*m = kmod_get(KMOD_PDF);

	if (m != NULL)
		return m->report_pdf(fp, rp, kind, cause);
	xasprintf(cause, _("%s; --format md, csv and json work without it"),
	    kmod_why(KMOD_PDF));
	return -1;
}

/* knead-notify.so: desktop notifications (notify.h). */
int
notify_send(const char *title, const char *body)
{
	const struct kmod_notify *m = kmod_get(KMOD_NOTIFY);

	return m != NULL ? m->notify_send(title, body) : -1;
}
