/*
 * The audio engine (see audio.h), on a backend (audio_backend.h): PortAudio
 * from knead-audio.so, or the null backend.
 *
 * Three parties. The caller's thread decodes nothing at play time: cues are
 * decoded at open, spoken lines are synthesised when they are requested,
 * and both go into a pending list ordered by deadline. A control thread
 * sleeps until shortly before the next deadline (audio_when.h decides when
 * it wakes, starts and stops the stream), starts the stream if it is
 * stopped, and passes the sound to the callback through a
 * single-producer/single-consumer ring. The callback maps the deadline onto
 * its sample clock (CLOCK_MONOTONIC now plus the output latency the backend
 * reports for the buffer), mixes, and hands finished spoken buffers back
 * through a second ring so that the control thread frees them. Once what it
 * handed over has been heard and nothing is due soon, the control thread
 * stops the stream: a long hold costs no wakeups at all, and a chime little
 * more than its own length of stream.
 */
#include "audio.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#include "audio_backend.h"
#include "audio_int.h"
#include "audio_when.h"
#include "i18n.h"
#include "clock.h"
#include "diag.h"
#include "errfilter.h"
#include "mixer.h"
#include "modules.h"
#include "speech.h"
#include "xmalloc.h"

/*
 * Set for good once a PortAudio call or stream never came back (a device
 * that stopped taking samples: ALSA's write blocks with cancellation off,
 * so the stream can be neither stopped nor closed). PortAudio is then never
 * called again in this process, and later engines run silently.
 */
static atomic_int audio_wedged;

/* Whether a line written to stderr is PortAudio, ALSA or JACK talking. */
static int
audio_noise(const char *l)
{
	return strncmp(l, "Expression '", 12) == 0 ||
	    strncmp(l, "ALSA lib ", 9) == 0 ||
	    strstr(l, "src/hostapi/") != NULL ||
	    strstr(l, "src/os/unix/") != NULL ||
	    strcasestr(l, "jack") != NULL;
}

/*
 * Set the one-time status message (called with the lock held). It can
 * quote --device as typed: cleaned here for every front end that shows it.
 */
static void
audio_say_status(struct audio *a, const char *msg)
{
	diag_clean(msg, a->status, sizeof a->status);
	a->status_new = 1;
}

/* Free a spoken buffer the callback is done with (lock held). */
static void
audio_flight_done(struct audio *a, uint32_t id)
{
	size_t	i;

	for (i = 0; i < a->nflight; i++) {
		if (a->flight[i].id != id)
			continue;
		free(a->flight[i].owned);
		a->flight[i] = a->flight[--a->nflight];
		return;
	}
}

/* Drop every pending sound (lock held). */
static void
audio_drop_pending(struct audio *a)
{
	size_t	i;

	for (i = 0; i < a->npend; i++)
		free(a->pend[i].owned);
	a->npend = 0;
}

/*
 * The device went away or failed: stop using it and carry on silently
 * (lock held).
 */
static void
audio_lose(struct audio *a, const char *why)
{
	a->live = 0;
	a->running = 0;
	audio_drop_pending(a);
	audio_say_status(a, why);
}

/*
 * Start the stream (lock held; unlocked around the backend's start, which
 * can block on a device that takes no samples: the caller's thread must
 * never wait on that). Returns 0 when it runs.
 */
static int
audio_start(struct audio *a, uint64_t now)
{
	uint64_t	took;
	int		err;

	a->pa_call_ns = now;
	mtx_unlock(&a->lock);
	err = a->be->start(a->dev);
	mtx_lock(&a->lock);
	a->pa_call_ns = 0;
	/* The slowest start so far sets how early the next one begins. */
	took = clock_mono_ns(&clock_system) - now;
	if (took > a->start_cost_ns)
		a->start_cost_ns = took;
	a->starts++;
	cnd_broadcast(&a->started);
	if (!a->live)
		return -1;	/* given up on meanwhile (audio_watch) */
	if (err != 0) {
		audio_lose(a, _("sound device failed: running silently"));
		return -1;
	}
	a->running = 1;
	a->last_move_ns = clock_mono_ns(&clock_system);
	return 0;
}

/*
 * Give up on a device whose last backend call has not returned for
 * AUDIO_STALL_NS (lock held). Called by the caller's thread, which then
 * never waits on the control thread stuck in that call.
 */
static void
audio_watch(struct audio *a)
{
	if (a->live && a->pa_call_ns != 0 &&
	    clock_mono_ns(&clock_system) - a->pa_call_ns > AUDIO_STALL_NS) {
		a->stuck = 1;
		audio_lose(a, _("sound device lost: running silently"));
	}
}

/* The callback's last call, or the stream's start if later (lock held). */
static uint64_t
audio_last_call(struct audio *a)
{
	uint64_t	t;

	t = atomic_load_explicit(&a->cb_last_ns, memory_order_acquire);
	return t > a->last_move_ns ? t : a->last_move_ns;
}

/* What the control thread's decisions go by (lock held; audio_when.h). */
static void
audio_when_get(struct audio *a, uint64_t now, struct audio_when *w)
{
	w->now = now;
	w->running = a->running;
	w->pending = a->npend > 0;
	w->next_ns = a->npend > 0 ? a->pend[0].when_ns : 0;
	w->feed_ns = AUDIO_LEAD_NS;
	w->lead_ns = audio_when_lead(a->start_cost_ns,
	    (uint64_t)(a->out_latency_s * 1e9), a->start_hand_ns);
	/* Not before the callback's last sound is heard (heard_to_ns). */
	w->end_ns = a->end_ns;
	if (atomic_load(&a->heard_to_ns) > w->end_ns)
		w->end_ns = atomic_load(&a->heard_to_ns);
	w->busy = a->running && (atomic_load(&a->cb_busy) != 0 ||
	    audio_cmd_waiting(a) || a->cancel || a->cut);
	w->warm_until_ns = a->warm_until_ns;
	w->keep_ns = AUDIO_KEEP_NS;
	w->stall_ns = a->running ? audio_last_call(a) + AUDIO_STALL_NS + 1 : 0;
}

/*
 * When a sound handed over at now will have been heard to its end: at
 * its deadline, or once the output's latency has passed if that is later.
 */
static uint64_t
audio_item_end(const struct audio *a, const struct audio_item *it,
    uint64_t now)
{
	uint64_t	from;

	from = now + (uint64_t)(a->out_latency_s * 1e9);
	if (from < it->when_ns)
		from = it->when_ns;
	return from + (uint64_t)it->n * 1000000000ULL / (uint64_t)a->rate;
}

/* Note when a sound handed over now has been heard to its end (lock held). */
static void
audio_note_end(struct audio *a, const struct audio_item *it, uint64_t now)
{
	uint64_t	end = audio_item_end(a, it, now);

	if (end > a->end_ns)
		a->end_ns = end;
}

/*
 * Start the stream when the next sound is due within the start lead, and
 * pass every sound due within AUDIO_LEAD_NS to the callback (lock held).
 */
static void
audio_feed(struct audio *a, uint64_t now)
{
	struct audio_item	*it;
	struct audio_cmd	 c;
	struct audio_when	 w;

	if (a->cancel && a->running) {
		memset(&c, 0, sizeof c);
		c.op = AUDIO_OP_CANCEL;
		c.when_ns = a->cancel_ns;
		if (audio_cmd_push(a, &c) == 0)
			a->cancel = 0;
	} else if (!a->running)
		a->cancel = 0;	/* nothing the callback holds */
	if (a->cut && a->running && !a->cancel) {
		memset(&c, 0, sizeof c);
		c.op = AUDIO_OP_CUT;
		c.when_ns = a->cut_ns;
		if (audio_cmd_push(a, &c) == 0)
			a->cut = 0;
	} else if (!a->running)
		a->cut = 0;

	while (a->live && a->npend > 0 && a->pend[0].when_ns <= now +
	    AUDIO_LEAD_NS) {
		if (!a->running) {
			audio_when_get(a, now, &w);
			if (!audio_when_start(&w))
				return;
			/* The list may change while the lock is let go. */
			if (audio_start(a, now) != 0)
				return;
			now = clock_mono_ns(&clock_system);
			continue;
		}
		it = &a->pend[0];
		memset(&c, 0, sizeof c);
		c.op = AUDIO_OP_PLAY;
		c.v = it->v;
		c.n = it->n;
		c.when_ns = it->when_ns;
		c.gain = 1.0f;
		c.speech = it->speech;
		c.id = it->id;
		if (audio_cmd_push(a, &c) != 0)
			break;
		audio_note_end(a, it, now);
		if (it->owned != NULL) {
			if (a->nflight == a->capflight) {
				a->capflight = a->capflight * 2 + 8;
				a->flight = xreallocarray(a->flight,
				    a->capflight, sizeof *a->flight);
			}
			a->flight[a->nflight++] = *it;
		}
		memmove(a->pend, a->pend + 1, (a->npend - 1) *
		    sizeof *a->pend);
		a->npend--;
	}
}

/*
 * Stop a stream that has been silent a while with nothing due soon, or
 * notice that it died (lock held; unlocks around the backend's stop).
 */
static void
audio_maybe_stop(struct audio *a, uint64_t now)
{
	struct audio_when	w;

	if (!a->running)
		return;
	if (now > audio_last_call(a) &&
	    now - audio_last_call(a) > AUDIO_STALL_NS) {
		/* The callback's thread is stuck writing: leave it be. */
		a->stuck = 1;
		audio_lose(a, _("sound device lost: running silently"));
		return;
	} else if (!a->be->active(a->dev)) {
		audio_lose(a, _("sound device lost: running silently"));
		return;
	}
	audio_when_get(a, now, &w);
	if (!audio_when_stop(&w))
		return;
	a->running = 0;
	a->pa_call_ns = now;
	mtx_unlock(&a->lock);
	a->be->stop(a->dev);
	mtx_lock(&a->lock);
	a->pa_call_ns = 0;
}

/*
 * Sleep on the condition until the CLOCK_MONOTONIC time deadline_ns (0:
 * until signalled). C11 waits take wall-clock deadlines, so the monotonic
 * interval is added to the wall clock; a clock step only makes one wait
 * early or late, and the loop then recomputes from the monotonic clock.
 */
static void
audio_wait(struct audio *a, uint64_t deadline_ns, uint64_t now_ns)
{
	struct timespec	ts;
	uint64_t	ns;

	if (deadline_ns == 0) {
		cnd_wait(&a->cond, &a->lock);
		return;
	}
	timespec_get(&ts, TIME_UTC);
	ns = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec +
	    (deadline_ns - now_ns);
	ts.tv_sec = (time_t)(ns / 1000000000ULL);
	ts.tv_nsec = (long)(ns % 1000000000ULL);
	cnd_timedwait(&a->cond, &a->lock, &ts);
}

/* Abort and close the stream and let the backend's library go. */
static void
audio_dev_close(struct audio *a)
{
	if (a->dev != NULL) {
		a->be->close(a->dev);
		a->dev = NULL;
	}
}

/* The control thread: feed the callback ahead of time, stop when idle. */
static int
audio_main(void *arg)
{
	struct audio		*a = arg;
	struct audio_when	 w;
	uint64_t		 now, wake;
	uint32_t		 id;

	mtx_lock(&a->lock);
	/*
	 * The warm start happens here rather than in audio_open: a device
	 * that blocks cannot hold up the caller, and PortAudio's thread then
	 * inherits this thread's mask (no SIGPIPE, no SIGWINCH).
	 */
	if (a->live && audio_start(a, clock_mono_ns(&clock_system)) == 0)
		a->warm_until_ns = a->last_move_ns + AUDIO_WARM_NS;
	while (!a->quit) {
		now = clock_mono_ns(&clock_system);
		while ((id = audio_done_pop(a)) != 0)
			audio_flight_done(a, id);
		if (a->live && a->want_start) {
			/* Asked to be ready: kept up until a sound is due. */
			a->want_start = 0;
			if (a->running || audio_start(a, now) == 0)
				a->warm_until_ns = now + AUDIO_KEEP_NS;
			continue;
		}
		if (a->live) {
			audio_feed(a, now);
			audio_maybe_stop(a, now);
		}
		if (a->quit)
			break;
		if (a->live) {
			now = clock_mono_ns(&clock_system);
			audio_when_get(a, now, &w);
			wake = audio_when_wake(&w);
		} else
			wake = 0;
		if (wake != 0 && wake <= now)
			continue;
		audio_wait(a, wake, now);
	}
	/*
	 * Close the stream here, so that audio_close can stop waiting if
	 * the backend never returns; a stream known to hang is left alone.
	 */
	if (!a->stuck) {
		mtx_unlock(&a->lock);
		audio_dev_close(a);
		mtx_lock(&a->lock);
	}
	a->exited = 1;
	cnd_broadcast(&a->closed);
	mtx_unlock(&a->lock);
	return 0;
}

/* Decode every cue at rate; a cue with no usable file stays silent. */
static void
audio_load_cues(struct audio *a, const struct audio_opts *o)
{
	int	c;

	for (c = 0; c < CUE__COUNT; c++)
		cue_load(o->sounds_dir, c, a->rate, &a->cue[c], NULL, NULL);
}

/*
 * Open the output stream on the backend; 0, or -1 with the status set (the
 * backend is then the null one).
 */
static int
audio_open_stream(struct audio *a, const struct audio_opts *o,
    const struct audio_backend *be)
{
	struct audio_dev_info	info;
	char			why[160];
	uint64_t		period_ns;

	memset(&info, 0, sizeof info);
	if (be->open(o->device, MIXER_RATE, AUDIO_PERIOD, audio_fill, a,
	    &a->dev, &info, why, sizeof why) != 0) {
		audio_say_status(a, why);
		return -1;
	}
	a->be = be;
	a->rate = info.rate;
	a->channels = info.channels > 2 ? 2 : info.channels;
	a->out_latency_s = info.latency_s;
	period_ns = (uint64_t)AUDIO_PERIOD * 1000000000ULL /
	    (uint64_t)(a->rate > 0 ? a->rate : MIXER_RATE);
	a->hand_ns = audio_when_hand(period_ns);
	a->start_hand_ns = audio_when_start_hand(period_ns);
	return 0;
}

/*
 * Start espeak-ng in the routine's language; when it has no voice for it,
 * say once that English is spoken instead. Returns 0, or -1 with no voice.
 */
static int
audio_speech_start(struct audio *a)
{
	char	msg[160];

	if ((a->speech = speech_open(a->lang)) == NULL)
		return -1;
	if (a->lang != NULL && a->lang[0] != '\0' &&
	    !speech_speaks(a->speech, a->lang)) {
		snprintf(msg, sizeof msg, _("no voice for language \"%.32s\": "
		    "speaking %s"), a->lang, speech_lang(a->speech));
		mtx_lock(&a->lock);
		if (!a->status_new)
			audio_say_status(a, msg);
		mtx_unlock(&a->lock);
	}
	return 0;
}

/*
 * Open the default or named device and start the control thread, or return a
 * silent engine that says why.
 */
struct audio *
audio_open(const struct audio_opts *o)
{
	const struct kmod_audio	*m;
	struct audio		*a;
	sigset_t		 all, old;
	char			 msg[160];

	a = xcalloc(1, sizeof *a);
	mtx_init(&a->lock, mtx_plain);
	a->be = &audio_null_backend;
	a->rate = MIXER_RATE;
	a->channels = 1;
	atomic_store(&a->voice, !o->no_voice);
	a->voice_wanted = !o->no_voice;
	a->gain = mixer_volume_gain(o->volume);
	mixer_init(&a->mix);
	a->mix.gain = a->gain;
	if (o->lang != NULL)
		a->lang = xstrdup(o->lang);
	if (o->no_sound)
		return a;
	if (atomic_load(&audio_wedged)) {
		audio_say_status(a, _("sound device lost: running silently"));
		return a;
	}

	if ((m = kmod_audio()) == NULL) {
		snprintf(msg, sizeof msg, _("sound unavailable (%s): running "
		    "silently"), kmod_why(KMOD_AUDIO));
		audio_say_status(a, msg);
		return a;
	}
	if (!audio_probe()) {
		audio_say_status(a, _("sound unavailable (the audio system "
		    "failed a test start): running silently"));
		return a;
	}
	errfilter_start(&a->errf, audio_noise);
	if (audio_open_stream(a, o, m->portaudio) != 0)
		return a;
	audio_load_cues(a, o);
	if (!o->no_voice)
		audio_speech_start(a);
	a->live = 1;

	cnd_init(&a->cond);
	cnd_init(&a->closed);
	cnd_init(&a->started);
	/*
	 * The control thread, and the backend's thread it starts, take no
	 * signals: SIGWINCH and SIGINT belong to the main loop, and a write
	 * to a vanished pipe device must fail with EPIPE, not kill us.
	 */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	if (thrd_create(&a->thread, audio_main, a) == thrd_success)
		a->thread_on = 1;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!a->thread_on) {
		a->live = 0;
		cnd_destroy(&a->cond);
		cnd_destroy(&a->closed);
		cnd_destroy(&a->started);
		audio_say_status(a, _("sound unavailable: running silently"));
	}
	return a;
}

/*
 * Stop the control thread and the stream, and free every buffer. When
 * PortAudio hangs (a device that stopped taking samples), give up waiting
 * after AUDIO_CLOSE_NS and leave the engine's memory to the threads stuck
 * in it: closing must never hang the program.
 */
void
audio_close(struct audio *a)
{
	struct timespec	ts;
	size_t		i;
	int		c, exited = 1, leak = 0;

	if (a == NULL)
		return;
	if (a->thread_on) {
		timespec_get(&ts, TIME_UTC);
		ts.tv_sec += AUDIO_CLOSE_NS / 1000000000ULL;
		mtx_lock(&a->lock);
		a->quit = 1;
		cnd_signal(&a->cond);
		while (!a->exited && cnd_timedwait(&a->closed, &a->lock,
		    &ts) == thrd_success)
			;
		exited = a->exited;
		leak = a->stuck || !exited;
		mtx_unlock(&a->lock);
		if (exited)
			thrd_join(a->thread, NULL);
		else
			thrd_detach(a->thread);
	} else
		audio_dev_close(a);
	if (leak) {
		atomic_store(&audio_wedged, 1);
		errfilter_stop(&a->errf);
		return;
	}
	if (a->thread_on) {
		cnd_destroy(&a->cond);
		cnd_destroy(&a->closed);
		cnd_destroy(&a->started);
	}
	errfilter_stop(&a->errf);
	audio_drop_pending(a);
	free(a->pend);
	for (i = 0; i < a->nflight; i++)
		free(a->flight[i].owned);
	free(a->flight);
	for (c = 0; c < CUE__COUNT; c++)
		sndbuf_free(&a->cue[c]);
	while (a->nsaid > 0) {
		a->nsaid--;
		free(a->said[a->nsaid].text);
		sndbuf_free(&a->said[a->nsaid].b);
	}
	free(a->said);
	speech_close(a->speech);
	free(a->lang);
	mtx_destroy(&a->lock);
	free(a);
}

/* Insert it into the pending list in deadline order (lock held). */
static void
audio_pend(struct audio *a, const struct audio_item *it)
{
	size_t	i;

	if (a->npend == a->cappend) {
		a->cappend = a->cappend * 2 + 16;
		a->pend = xreallocarray(a->pend, a->cappend, sizeof *a->pend);
	}
	for (i = a->npend; i > 0 && a->pend[i - 1].when_ns > it->when_ns; i--)
		a->pend[i] = a->pend[i - 1];
	a->pend[i] = *it;
	a->npend++;
	cnd_signal(&a->cond);
}

/* Queue a decoded cue for when_ns; a silent engine drops it. */
void
audio_cue_at(struct audio *a, enum cue c, uint64_t when_ns)
{
	struct audio_item	it;

	if ((unsigned)c >= CUE__COUNT || a->cue[c].n == 0)
		return;
	mtx_lock(&a->lock);
	audio_watch(a);
	if (a->live) {
		memset(&it, 0, sizeof it);
		it.when_ns = when_ns;
		it.v = a->cue[c].v;
		it.n = a->cue[c].n;
		audio_pend(a, &it);
	}
	mtx_unlock(&a->lock);
}

/* The kept line of text, or -1. */
static int
audio_said_find(const struct audio *a, const char *text)
{
	size_t	k;

	for (k = 0; k < a->nsaid; k++)
		if (strcmp(a->said[k].text, text) == 0)
			return (int)k;
	return -1;
}

/* Forget kept line k (its samples go with it unless taken). */
static void
audio_said_drop(struct audio *a, size_t k)
{
	free(a->said[k].text);
	sndbuf_free(&a->said[k].b);
	memmove(a->said + k, a->said + k + 1, (a->nsaid - k - 1) *
	    sizeof *a->said);
	a->nsaid--;
}

/*
 * Synthesise text (or find it kept) and return its length in ms; 0 when
 * nothing would be said (no device, --no-voice; the v key only silences
 * what the timeline says, so the timeline stays the same). The samples are kept for
 * audio_say_at, so a line is synthesised once.
 */
uint64_t
audio_say_ms(struct audio *a, const char *text)
{
	struct sndbuf	b;
	int		k;

	if (!a->live || !a->voice_wanted || text == NULL)
		return 0;
	if ((k = audio_said_find(a, text)) >= 0)
		return sndbuf_said_ms(a->said[k].b.n, a->rate, a->rate);
	if (a->speech == NULL && audio_speech_start(a) != 0)
		return 0;
	/* Synthesised here, outside the lock: ~5 ms for a sentence. */
	if (speech_synth(a->speech, text, a->rate, &b) != 0)
		return 0;
	if (a->said == NULL)
		a->said = xcalloc(AUDIO_SAID, sizeof *a->said);
	if (a->nsaid == AUDIO_SAID)
		audio_said_drop(a, 0);
	a->said[a->nsaid].text = xstrdup(text);
	a->said[a->nsaid].b = b;
	a->nsaid++;
	return sndbuf_said_ms(b.n, a->rate, a->rate);
}

/* audio_say_at, as a line of kind (MIXER_LINE or MIXER_THROUGH). */
static void
audio_say_as(struct audio *a, const char *text, uint64_t when_ns, int kind)
{
	struct audio_item	it;
	struct sndbuf		b;
	int			k;

	if (!a->live || text == NULL)
		return;
	if ((k = audio_said_find(a, text)) >= 0) {
		b = a->said[k].b;
		memset(&a->said[k].b, 0, sizeof a->said[k].b);
		audio_said_drop(a, (size_t)k);
	} else {
		if (a->speech == NULL && audio_speech_start(a) != 0)
			return;
		if (speech_synth(a->speech, text, a->rate, &b) != 0)
			return;
	}
	mtx_lock(&a->lock);
	if (!a->live) {
		mtx_unlock(&a->lock);
		sndbuf_free(&b);
		return;
	}
	memset(&it, 0, sizeof it);
	it.when_ns = when_ns;
	it.end_ns = when_ns + (uint64_t)b.n * 1000000000ULL /
	    (uint64_t)a->rate;
	it.v = b.v;
	it.n = b.n;
	it.owned = b.v;
	it.speech = kind;
	if (++a->next_id == 0)
		a->next_id = 1;
	it.id = a->next_id;
	audio_pend(a, &it);
	mtx_unlock(&a->lock);
}

/*
 * Queue a line for when_ns, as the speech timeline placed it: the engine
 * does not move it (timeline.h keeps lines apart and inside their steps).
 */
void
audio_say_at(struct audio *a, const char *text, uint64_t when_ns)
{
	if (atomic_load(&a->voice))
		audio_say_as(a, text, when_ns, MIXER_LINE);
}

void
audio_say_through_at(struct audio *a, const char *text, uint64_t when_ns)
{
	audio_say_as(a, text, when_ns, MIXER_THROUGH);
}

/*
 * End every line that speaks at when_ns there, with a short fade (a step
 * boundary moved by a key, a pause): lines that start at or after it are
 * left alone.
 */
void
audio_cut_speech(struct audio *a, uint64_t when_ns)
{
	struct audio_item	*p;
	size_t			 i;

	mtx_lock(&a->lock);
	for (i = 0; i < a->npend; i++) {
		p = &a->pend[i];
		if (!p->speech || p->when_ns >= when_ns || p->end_ns <= when_ns)
			continue;
		p->n = (size_t)((when_ns - p->when_ns) * (uint64_t)a->rate /
		    1000000000ULL);
		p->end_ns = when_ns;
	}
	if (a->live && a->running) {
		if (!a->cut || when_ns < a->cut_ns)
			a->cut_ns = when_ns;
		a->cut = 1;
		cnd_signal(&a->cond);
	}
	mtx_unlock(&a->lock);
}

/*
 * Drop queued sounds asked for at or after when_ns, here and in the
 * callback.
 */
void
audio_cancel_from(struct audio *a, uint64_t when_ns)
{
	size_t	i, j;

	mtx_lock(&a->lock);
	for (i = j = 0; i < a->npend; i++) {
		if (a->pend[i].when_ns >= when_ns)
			free(a->pend[i].owned);
		else
			a->pend[j++] = a->pend[i];
	}
	a->npend = j;
	/* Flight items that will now never start are freed on their done. */
	for (i = 0; i < a->nflight; i++)
		if (a->flight[i].when_ns >= when_ns)
			a->flight[i].end_ns = 0;
	if (a->live && a->running) {
		if (!a->cancel || when_ns < a->cancel_ns)
			a->cancel_ns = when_ns;
		a->cancel = 1;
		cnd_signal(&a->cond);
	}
	mtx_unlock(&a->lock);
}

/* Mute or unmute everything, including what is playing. */
void
audio_set_mute(struct audio *a, int on)
{
	atomic_store(&a->mute, on ? 1 : 0);
}

/* Turn spoken lines on or off, including the one playing. */
void
audio_set_voice(struct audio *a, int on)
{
	atomic_store(&a->voice, on ? 1 : 0);
}

/* Whether sound is muted. */
int
audio_muted(const struct audio *a)
{
	return atomic_load(&((struct audio *)a)->mute);
}

/* Whether spoken lines are on. */
int
audio_voice(const struct audio *a)
{
	return atomic_load(&((struct audio *)a)->voice);
}

/* The pending status message, once, or NULL. */
const char *
audio_status(struct audio *a)
{
	const char	*msg = NULL;

	mtx_lock(&a->lock);
	audio_watch(a);
	if (a->status_new) {
		a->status_new = 0;
		memcpy(a->status_out, a->status, sizeof a->status_out);
		msg = a->status_out;
	}
	mtx_unlock(&a->lock);
	return msg;
}

/* Whether anything is queued or still playing. */
int
audio_busy(struct audio *a)
{
	int	busy;

	mtx_lock(&a->lock);
	audio_watch(a);
	busy = a->live && (a->npend > 0 || (a->running &&
	    (atomic_load(&a->cb_busy) != 0 || audio_cmd_waiting(a))));
	mtx_unlock(&a->lock);
	return busy;
}

/*
 * When all that was asked for so far has been heard to its end, output
 * latency included (0: nothing to wait for; lock taken).
 */
uint64_t
audio_heard_by(struct audio *a)
{
	uint64_t	t = 0, e, h, now = clock_mono_ns(&clock_system);
	size_t		i;

	mtx_lock(&a->lock);
	audio_watch(a);
	if (a->live && !atomic_load(&a->mute)) {
		t = a->end_ns;
		/* What waits is heard as if handed over now, or later. */
		for (i = 0; i < a->npend; i++) {
			if (a->pend[i].speech == MIXER_LINE &&
			    !atomic_load(&a->voice))
				continue;
			if ((e = audio_item_end(a, &a->pend[i], now)) > t)
				t = e;
		}
		/*
		 * A sound the callback takes late starts up to a period and
		 * a wake-up after that (a stream still starting, a period
		 * boundary): an exit sooner cut the last word's tail (the
		 * test card heard the refusal's end at 1.6-3.3k, not 0).
		 */
		if (t != 0)
			t += a->start_hand_ns;
		/* Not before what the callback mixed; while it mixes, soon. */
		if (t != 0 && (h = atomic_load(&a->heard_to_ns)) > t)
			t = h;
		if (t != 0 && a->running && (atomic_load(&a->cb_busy) != 0 ||
		    audio_cmd_waiting(a)) && t < now + AUDIO_WHEN_RETRY_NS)
			t = now + AUDIO_WHEN_RETRY_NS;
	}
	mtx_unlock(&a->lock);
	return t;
}

/* The length of a cue's decoded sound. */
uint64_t
audio_cue_ms(const struct audio *a, enum cue c)
{
	if ((unsigned)c >= CUE__COUNT)
		return 0;
	return sndbuf_ms(&a->cue[c], a->rate);
}

/*
 * The earliest time a sound asked for now is heard on time (see audio.h):
 * the stream started if it is not (waiting at most AUDIO_READY_NS for
 * it), then now plus its output latency and the hand-over to the callback.
 */
uint64_t
audio_heard_from(struct audio *a, uint64_t now_ns)
{
	struct timespec	ts;
	uint64_t	starts, t;

	mtx_lock(&a->lock);
	audio_watch(a);
	if (!a->live || !a->thread_on) {
		mtx_unlock(&a->lock);
		return now_ns;
	}
	if (!a->running) {
		starts = a->starts;
		a->want_start = 1;
		cnd_signal(&a->cond);
		timespec_get(&ts, TIME_UTC);
		t = (uint64_t)ts.tv_nsec + AUDIO_READY_NS;
		ts.tv_sec += (time_t)(t / 1000000000ULL);
		ts.tv_nsec = (long)(t % 1000000000ULL);
		while (a->live && a->starts == starts && cnd_timedwait(
		    &a->started, &a->lock, &ts) == thrd_success)
			;
		now_ns = clock_mono_ns(&clock_system);
	}
	t = now_ns;
	if (a->live && a->running)
		t += (uint64_t)(a->out_latency_s * 1e9) + a->hand_ns;
	mtx_unlock(&a->lock);
	return t;
}

/* Whether a device is open and working. */
int
audio_live(struct audio *a)
{
	int	live;

	mtx_lock(&a->lock);
	audio_watch(a);
	live = a->live;
	mtx_unlock(&a->lock);
	return live;
}

/* Report every output device, the library started just for this. */
int
audio_list_devices(void (*fn)(const char *, const char *, int, void *),
    void *arg)
{
	const struct kmod_audio	*m;

	if ((m = kmod_audio()) == NULL || !audio_probe())
		return -1;
	return m->portaudio->list(fn, arg);
}

/* Why audio_list_devices found nothing to ask. */
const char *
audio_none_why(void)
{
	if (kmod_audio() == NULL)
		return kmod_why(KMOD_AUDIO);
	return "the audio system failed a test start";
}
