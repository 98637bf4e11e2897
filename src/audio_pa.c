/*
 * The audio engine on PortAudio (see audio.h).
 *
 * Three parties. The caller's thread decodes nothing at play time: cues are
 * decoded at open, spoken lines are synthesised when they are requested,
 * and both go into a pending list ordered by deadline. A control thread
 * sleeps until AUDIO_LEAD_MS before the next deadline, starts the stream if
 * it is stopped, and passes the sound to the callback through a
 * single-producer/single-consumer ring. The callback maps the deadline onto
 * its sample clock (CLOCK_MONOTONIC now plus the output latency PortAudio
 * reports for the buffer), mixes, and hands finished spoken buffers back
 * through a second ring so that the control thread frees them. When nothing
 * has played for a moment and nothing is due soon, the control thread stops
 * the stream: a long hold costs no wakeups at all.
 */
#include "audio.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#include <alsa/asoundlib.h>
#include <portaudio.h>

#include "library.h"
#include "mixer.h"
#include "clock.h"
#include "errfilter.h"
#include "speech.h"
#include "xmalloc.h"

#define AUDIO_RING		256	/* commands in flight; power of two */
#define AUDIO_NS_PER_MS		1000000ULL
#define AUDIO_LEAD_NS		((uint64_t)AUDIO_LEAD_MS * AUDIO_NS_PER_MS)
/* Silence after which the stream stops, unless a sound is due soon. */
#define AUDIO_STOP_IDLE_NS	(300 * AUDIO_NS_PER_MS)
#define AUDIO_KEEP_NS		(1500 * AUDIO_NS_PER_MS)
/*
 * The stream starts with the engine and stays up this long even if
 * silent: the first cue of a session is asked for at its own deadline, and
 * a running stream spares it the device's start-up time (a few ms on
 * ALSA's null device, tens of ms on real cards and sound servers).
 */
#define AUDIO_WARM_NS		(3000 * AUDIO_NS_PER_MS)
/* How often the control thread looks at a running stream. */
#define AUDIO_POLL_NS		(40 * AUDIO_NS_PER_MS)
/* A running stream whose clock stands still this long is lost. */
#define AUDIO_STALL_NS		(3000 * AUDIO_NS_PER_MS)
/* How long the probe may take to start PortAudio in a child. */
#define AUDIO_PROBE_NS		(3 * 1000000000ULL)
/* How long audio_close waits for the control thread to finish. */
#define AUDIO_CLOSE_NS		(2000 * AUDIO_NS_PER_MS)
#define AUDIO_CHUNK		256	/* frames mixed at a time */


enum audio_op {
	AUDIO_OP_PLAY,
	AUDIO_OP_CANCEL,
	AUDIO_OP_CUT		/* speech playing at when_ns ends there */
};

/* A message from the control thread to the callback. */
struct audio_cmd {
	enum audio_op	 op;
	const float	*v;
	size_t		 n;
	uint64_t	 when_ns;
	float		 gain;
	int		 speech;
	uint32_t	 id;
};

/* Control thread -> callback. */
struct audio_cmd_ring {
	struct audio_cmd	v[AUDIO_RING];
	_Atomic size_t		head;	/* written by the producer */
	_Atomic size_t		tail;	/* written by the consumer */
};

/* Callback -> control thread: ids of spoken buffers no longer used. */
struct audio_done_ring {
	uint32_t		v[AUDIO_RING];
	_Atomic size_t		head;
	_Atomic size_t		tail;
};

/* A line synthesised to be measured, kept until it is played. */
struct audio_said {
	char		*text;
	struct sndbuf	 b;
};
#define AUDIO_SAID	8	/* lines kept so (the oldest goes first) */

/* A sound waiting for its deadline, or a spoken line the callback holds. */
struct audio_item {
	uint64_t	 when_ns;
	uint64_t	 end_ns;	/* speech: when_ns + its length */
	const float	*v;
	size_t		 n;
	float		*owned;		/* speech samples, freed when done */
	uint32_t	 id;		/* speech only; 0 for cues */
	int		 speech;
};

/*
 * Set for good once a PortAudio call or stream never came back (a device
 * that stopped taking samples: ALSA's write blocks with cancellation off,
 * so the stream can be neither stopped nor closed). PortAudio is then never
 * called again in this process, and later engines run silently.
 */
static atomic_int audio_wedged;

struct audio {
	int			 rate;
	int			 channels;
	float			 gain;
	struct sndbuf		 cue[CUE__COUNT];
	struct speech		*speech;
	char			*lang;

	/* Caller and control thread, under lock. */
	mtx_t			 lock;
	cnd_t			 cond;
	cnd_t			 closed;	/* the control thread is done */
	thrd_t			 thread;
	int			 thread_on;
	int			 quit;
	int			 exited;	/* the control thread is done */
	int			 stuck;		/* PortAudio hangs: let it be */
	uint64_t		 pa_call_ns;	/* a blocking call began */
	int			 live;		/* a stream is open and works */
	int			 running;	/* the stream is started */
	struct audio_item	*pend;		/* by when_ns */
	size_t			 npend, cappend;
	struct audio_item	*flight;	/* speech the callback holds */
	size_t			 nflight, capflight;
	int			 cancel;	/* a cancel waits to be sent */
	uint64_t		 cancel_ns;
	int			 cut;		/* a speech cut waits */
	uint64_t		 cut_ns;
	int			 voice_wanted;	/* not --no-voice */
	struct audio_said	*said;		/* lines synthesised ahead, */
	size_t			 nsaid;		/* caller's thread only */
	uint32_t		 next_id;
	uint64_t		 idle_ns;	/* stream silent since */
	uint64_t		 warm_until_ns;	/* do not stop before */
	uint64_t		 last_frames;
	uint64_t		 last_move_ns;
	char			 status[160];
	int			 status_new;
	char			 status_out[160];

	_Atomic int		 mute;
	_Atomic int		 voice;

	struct errfilter	 errf;		/* stderr without the noise */

	/* The callback's side. */
	PaStream		*stream;
	int			 pa_init;
	double			 out_latency_s;
	struct audio_cmd_ring	 ring;
	struct audio_done_ring	 done;
	struct mixer		 mix;
	uint64_t		 frames;
	_Atomic uint64_t	 cb_frames;
	_Atomic int		 cb_busy;
};

/* ALSA's error handler: say nothing (the status line says it instead). */
static void
audio_alsa_quiet(const char *file, int line, const char *fn, int err,
    const char *fmt, ...)
{
	(void)file;
	(void)line;
	(void)fn;
	(void)err;
	(void)fmt;
}

/* JACK's error and info handler: say nothing. */
static void
audio_jack_quiet(const char *msg)
{
	(void)msg;
}

/*
 * Silence ALSA and JACK before PortAudio probes them. libjack is loaded
 * because Debian's libportaudio links it, so its setters are found with
 * dlsym without making knead depend on JACK.
 */
static void
audio_quiet_libs(void)
{
	void	(*set)(void (*)(const char *));

	snd_lib_error_set_handler(audio_alsa_quiet);
	*(void **)&set = dlsym(RTLD_DEFAULT, "jack_set_error_function");
	if (set != NULL)
		set(audio_jack_quiet);
	*(void **)&set = dlsym(RTLD_DEFAULT, "jack_set_info_function");
	if (set != NULL)
		set(audio_jack_quiet);
}

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

/* Set the one-time status message (called with the lock held). */
static void
audio_say_status(struct audio *a, const char *msg)
{
	snprintf(a->status, sizeof a->status, "%s", msg);
	a->status_new = 1;
}

/* Take a finished id from the done ring into out; 0 when empty. */
static uint32_t
audio_done_pop(struct audio *a)
{
	size_t		tail, head;
	uint32_t	id;

	tail = atomic_load_explicit(&a->done.tail, memory_order_relaxed);
	head = atomic_load_explicit(&a->done.head, memory_order_acquire);
	if (tail == head)
		return 0;
	id = a->done.v[tail & (AUDIO_RING - 1)];
	atomic_store_explicit(&a->done.tail, tail + 1, memory_order_release);
	return id;
}

/* Report ids to the control thread (callback side; never blocks). */
static void
audio_done_push(struct audio *a, const uint32_t *ids, size_t n)
{
	size_t	head, tail, i;

	for (i = 0; i < n; i++) {
		head = atomic_load_explicit(&a->done.head,
		    memory_order_relaxed);
		tail = atomic_load_explicit(&a->done.tail,
		    memory_order_acquire);
		if (head - tail >= AUDIO_RING)
			return;	/* cannot happen: fewer ids than slots */
		a->done.v[head & (AUDIO_RING - 1)] = ids[i];
		atomic_store_explicit(&a->done.head, head + 1,
		    memory_order_release);
	}
}

/* Send a command to the callback; -1 when the ring is full. */
static int
audio_cmd_push(struct audio *a, const struct audio_cmd *c)
{
	size_t	head, tail;

	head = atomic_load_explicit(&a->ring.head, memory_order_relaxed);
	tail = atomic_load_explicit(&a->ring.tail, memory_order_acquire);
	if (head - tail >= AUDIO_RING)
		return -1;
	a->ring.v[head & (AUDIO_RING - 1)] = *c;
	atomic_store_explicit(&a->ring.head, head + 1, memory_order_release);
	return 0;
}

/* Whether commands wait in the ring. */
static int
audio_cmd_waiting(struct audio *a)
{
	return atomic_load(&a->ring.head) != atomic_load(&a->ring.tail);
}

/* The frame of the stream at which when_ns is heard. */
static uint64_t
audio_frame_at(struct audio *a, uint64_t when_ns, uint64_t buf_ns)
{
	if (when_ns <= buf_ns)
		return a->frames;
	return a->frames + (when_ns - buf_ns) * (uint64_t)a->rate /
	    1000000000ULL;
}

/*
 * The PortAudio callback: take new commands, mix, convert. No allocation,
 * locks, or I/O; clock_gettime is a vDSO call.
 */
static int
audio_callback(const void *in, void *outp, unsigned long nframes,
    const PaStreamCallbackTimeInfo *ti, PaStreamCallbackFlags flags,
    void *arg)
{
	struct audio		*a = arg;
	struct audio_cmd	*c;
	float			*out = outp, tmp[AUDIO_CHUNK * 2];
	uint32_t		 done[MIXER_VOICES];
	uint64_t		 buf_ns;
	double			 lat;
	size_t			 head, tail, n, k, i, ndone;
	unsigned long		 at = 0;

	(void)in;
	(void)flags;
	lat = ti->outputBufferDacTime - ti->currentTime;
	if (!(lat > 0 && lat < 1.0))
		lat = a->out_latency_s;
	buf_ns = clock_mono_ns(&clock_system) + (uint64_t)(lat * 1e9);

	tail = atomic_load_explicit(&a->ring.tail, memory_order_relaxed);
	head = atomic_load_explicit(&a->ring.head, memory_order_acquire);
	for (; tail != head; tail++) {
		c = &a->ring.v[tail & (AUDIO_RING - 1)];
		if (c->op == AUDIO_OP_PLAY) {
			if (mixer_add(&a->mix, c->v, c->n,
			    audio_frame_at(a, c->when_ns, buf_ns), c->when_ns,
			    c->gain, c->speech, c->id) != 0 && c->id != 0)
				audio_done_push(a, &c->id, 1);
		} else if (c->op == AUDIO_OP_CUT)
			mixer_cut_speech(&a->mix, audio_frame_at(a, c->when_ns,
			    buf_ns), c->when_ns);
		else {
			ndone = mixer_cancel_from(&a->mix, c->when_ns, done);
			audio_done_push(a, done, ndone);
		}
	}
	atomic_store_explicit(&a->ring.tail, tail, memory_order_release);

	a->mix.mute = atomic_load_explicit(&a->mute, memory_order_relaxed);
	a->mix.speech_off = !atomic_load_explicit(&a->voice,
	    memory_order_relaxed);
	while (at < nframes) {
		n = nframes - at;
		if (n > AUDIO_CHUNK)
			n = AUDIO_CHUNK;
		memset(tmp, 0, n * a->channels * sizeof *tmp);
		ndone = mixer_render(&a->mix, a->frames + at, tmp, n,
		    a->channels, done);
		audio_done_push(a, done, ndone);
		/* Voice over a cue is limited, never clipped. */
		mixer_limit(tmp, n * a->channels);
		for (k = 0, i = at * a->channels; k < n * a->channels;
		    k++, i++)
			out[i] = tmp[k];
		at += n;
	}
	a->frames += nframes;
	atomic_store_explicit(&a->cb_frames, a->frames, memory_order_release);
	atomic_store_explicit(&a->cb_busy, mixer_busy(&a->mix),
	    memory_order_release);
	return paContinue;
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
 * Start the stream (lock held; unlocked around Pa_StartStream, which can
 * block on a device that takes no samples: the caller's thread must never
 * wait on that). Returns 0 when it runs.
 */
static int
audio_start(struct audio *a, uint64_t now)
{
	PaError	err;

	a->pa_call_ns = now;
	mtx_unlock(&a->lock);
	err = Pa_StartStream(a->stream);
	mtx_lock(&a->lock);
	a->pa_call_ns = 0;
	if (!a->live)
		return -1;	/* given up on meanwhile (audio_watch) */
	if (err != paNoError) {
		audio_lose(a, "sound device failed: running silently");
		return -1;
	}
	a->running = 1;
	a->idle_ns = 0;
	a->last_move_ns = clock_mono_ns(&clock_system);
	a->last_frames = atomic_load(&a->cb_frames);
	return 0;
}

/*
 * Give up on a device whose last PortAudio call has not returned for
 * AUDIO_STALL_NS (lock held). Called by the caller's thread, which then
 * never waits on the control thread stuck in that call.
 */
static void
audio_watch(struct audio *a)
{
	if (a->live && a->pa_call_ns != 0 &&
	    clock_mono_ns(&clock_system) - a->pa_call_ns > AUDIO_STALL_NS) {
		a->stuck = 1;
		audio_lose(a, "sound device lost: running silently");
	}
}

/* Pass every sound due within the lead time to the callback (lock held). */
static void
audio_feed(struct audio *a, uint64_t now)
{
	struct audio_item	*it;
	struct audio_cmd	 c;

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
			/* The list may change while the lock is let go. */
			if (audio_start(a, now) != 0)
				return;
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
 * notice that it died (lock held; unlocks around Pa_StopStream).
 */
static void
audio_maybe_stop(struct audio *a, uint64_t now)
{
	uint64_t	frames;

	if (!a->running)
		return;
	frames = atomic_load(&a->cb_frames);
	if (frames != a->last_frames) {
		a->last_frames = frames;
		a->last_move_ns = now;
	} else if (now > a->last_move_ns &&
	    now - a->last_move_ns > AUDIO_STALL_NS) {
		/* The callback's thread is stuck writing: leave it be. */
		a->stuck = 1;
		audio_lose(a, "sound device lost: running silently");
		return;
	} else if (Pa_IsStreamActive(a->stream) != 1) {
		audio_lose(a, "sound device lost: running silently");
		return;
	}
	if (atomic_load(&a->cb_busy) != 0 || audio_cmd_waiting(a) ||
	    a->cancel) {
		a->idle_ns = 0;
		return;
	}
	if (a->idle_ns == 0) {
		a->idle_ns = now;
		return;
	}
	if (now - a->idle_ns < AUDIO_STOP_IDLE_NS || now < a->warm_until_ns)
		return;
	if (a->npend > 0 && a->pend[0].when_ns < now + AUDIO_KEEP_NS)
		return;
	a->running = 0;
	a->pa_call_ns = now;
	mtx_unlock(&a->lock);
	Pa_StopStream(a->stream);
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

/* Abort and close the stream and let PortAudio go. */
static void
audio_pa_close(struct audio *a)
{
	if (a->stream != NULL) {
		Pa_AbortStream(a->stream);
		Pa_CloseStream(a->stream);
		a->stream = NULL;
	}
	if (a->pa_init) {
		Pa_Terminate();
		a->pa_init = 0;
	}
}

/* The control thread: feed the callback ahead of time, stop when idle. */
static int
audio_main(void *arg)
{
	struct audio	*a = arg;
	uint64_t	 now, wake;
	uint32_t	 id;

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
		if (a->live) {
			audio_feed(a, now);
			audio_maybe_stop(a, now);
		}
		if (a->quit)
			break;
		if (a->live && a->running)
			wake = now + AUDIO_POLL_NS;
		else if (a->live && a->npend > 0)
			wake = a->pend[0].when_ns > AUDIO_LEAD_NS ?
			    a->pend[0].when_ns - AUDIO_LEAD_NS : 1;
		else
			wake = 0;
		if (wake != 0 && wake <= now)
			continue;
		audio_wait(a, wake, now);
	}
	/*
	 * Close the stream here, so that audio_close can stop waiting if
	 * PortAudio never returns; a stream known to hang is left alone.
	 */
	if (!a->stuck) {
		mtx_unlock(&a->lock);
		audio_pa_close(a);
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

/* The output device named name (exact, then a case-blind substring). */
static PaDeviceIndex
audio_find_device(const char *name)
{
	const PaDeviceInfo	*di;
	PaDeviceIndex		 i, n, sub = paNoDevice;

	n = Pa_GetDeviceCount();
	for (i = 0; i < n; i++) {
		di = Pa_GetDeviceInfo(i);
		if (di == NULL || di->maxOutputChannels < 1)
			continue;
		if (strcmp(di->name, name) == 0)
			return i;
		if (sub == paNoDevice && strcasestr(di->name, name) != NULL)
			sub = i;
	}
	return sub;
}

/* Open the output stream; 0, or -1 with the status set. */
static int
audio_open_stream(struct audio *a, const struct audio_opts *o)
{
	PaStreamParameters	 sp;
	const PaDeviceInfo	*di;
	const PaStreamInfo	*si;
	PaDeviceIndex		 dev;
	char			 msg[160];

	if (o->device != NULL) {
		dev = audio_find_device(o->device);
		if (dev == paNoDevice) {
			snprintf(msg, sizeof msg, "no sound device \"%s\": "
			    "running silently", o->device);
			audio_say_status(a, msg);
			return -1;
		}
	} else if ((dev = Pa_GetDefaultOutputDevice()) == paNoDevice) {
		audio_say_status(a, "no sound device: running silently");
		return -1;
	}
	if ((di = Pa_GetDeviceInfo(dev)) == NULL) {
		audio_say_status(a, "no sound device: running silently");
		return -1;
	}
	memset(&sp, 0, sizeof sp);
	sp.device = dev;
	sp.channelCount = di->maxOutputChannels >= 2 ? 2 : 1;
	sp.sampleFormat = paFloat32;
	sp.suggestedLatency = di->defaultLowOutputLatency;
	a->channels = sp.channelCount;
	a->rate = MIXER_RATE;
	if (Pa_IsFormatSupported(NULL, &sp, a->rate) != paFormatIsSupported)
		a->rate = (int)di->defaultSampleRate;
	if (Pa_OpenStream(&a->stream, NULL, &sp, a->rate,
	    AUDIO_CHUNK, paClipOff | paDitherOff,
	    audio_callback, a) != paNoError) {
		a->stream = NULL;
		audio_say_status(a, "sound device unavailable: "
		    "running silently");
		return -1;
	}
	si = Pa_GetStreamInfo(a->stream);
	a->out_latency_s = si != NULL ? si->outputLatency : 0;
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
		snprintf(msg, sizeof msg, "no voice for language \"%.32s\": "
		    "speaking %s", a->lang, speech_lang(a->speech));
		mtx_lock(&a->lock);
		if (!a->status_new)
			audio_say_status(a, msg);
		mtx_unlock(&a->lock);
	}
	return 0;
}

/* The probe child (audio_prepare), and when it started. */
static pid_t	audio_probe_pid;
static uint64_t	audio_probe_t0;

/*
 * Start finding out whether PortAudio can start here without taking the
 * process down: its ALSA code asserts (abort) on some configurations, e.g.
 * one whose only devices are plugins or hidden (PortAudio issue 294). A
 * short-lived child initialises it first. Called early (before any thread
 * of ours exists), so that the child's 20-30 ms pass while the routine and
 * the store are read; audio_open collects the answer.
 */
void
audio_prepare(void)
{
	int	fd;

	if (audio_probe_pid != 0)
		return;
	fflush(NULL);
	audio_probe_t0 = clock_mono_ns(&clock_system);
	if ((audio_probe_pid = fork()) < 0) {
		audio_probe_pid = -1;	/* cannot tell: try in this process */
		return;
	}
	if (audio_probe_pid == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) >= 0)
			dup2(fd, STDERR_FILENO);
		audio_quiet_libs();
		if (Pa_Initialize() != paNoError)
			_exit(1);
		Pa_Terminate();
		_exit(0);
	}
}

/*
 * The probe's answer: 1 PortAudio can start, 0 the child died, failed or
 * hung (AUDIO_PROBE_NS). The child is waited for once; later calls give
 * the same answer.
 */
static int
audio_probe(void)
{
	static int	answer = -1;
	struct timespec	ts = { 0, 2000000 };
	int		st;

	if (answer >= 0)
		return answer;
	audio_prepare();
	if (audio_probe_pid < 0)
		return answer = 1;
	while (waitpid(audio_probe_pid, &st, WNOHANG) == 0) {
		if (clock_mono_ns(&clock_system) - audio_probe_t0 >
		    AUDIO_PROBE_NS) {
			kill(audio_probe_pid, SIGKILL);
			waitpid(audio_probe_pid, &st, 0);
			return answer = 0;
		}
		nanosleep(&ts, NULL);
	}
	return answer = WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/*
 * Open the default or named device and start the control thread, or return a
 * silent engine that says why.
 */
struct audio *
audio_open(const struct audio_opts *o)
{
	struct audio	*a;
	sigset_t	 all, old;

	a = xcalloc(1, sizeof *a);
	mtx_init(&a->lock, mtx_plain);
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
		audio_say_status(a, "sound device lost: running silently");
		return a;
	}

	if (!audio_probe()) {
		audio_say_status(a, "sound unavailable (the audio system "
		    "failed a test start): running silently");
		return a;
	}
	errfilter_start(&a->errf, audio_noise);
	audio_quiet_libs();
	if (Pa_Initialize() != paNoError) {
		audio_say_status(a, "sound unavailable: running silently");
		return a;
	}
	a->pa_init = 1;
	if (audio_open_stream(a, o) != 0)
		return a;
	audio_load_cues(a, o);
	if (!o->no_voice)
		audio_speech_start(a);
	a->live = 1;

	cnd_init(&a->cond);
	cnd_init(&a->closed);
	/*
	 * The control thread, and the PortAudio thread it starts, take no
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
		audio_say_status(a, "sound unavailable: running silently");
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
		audio_pa_close(a);
	if (leak) {
		atomic_store(&audio_wedged, 1);
		errfilter_stop(&a->errf);
		return;
	}
	if (a->thread_on) {
		cnd_destroy(&a->cond);
		cnd_destroy(&a->closed);
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
		return sndbuf_ms(&a->said[k].b, a->rate);
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
	return sndbuf_ms(&b, a->rate);
}

/*
 * Queue a line for when_ns, as the speech timeline placed it: the engine
 * does not move it (timeline.h keeps lines apart and inside their steps).
 */
void
audio_say_at(struct audio *a, const char *text, uint64_t when_ns)
{
	struct audio_item	it;
	struct sndbuf		b;
	int			k;

	if (!a->live || !atomic_load(&a->voice) || text == NULL)
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
	it.speech = 1;
	if (++a->next_id == 0)
		a->next_id = 1;
	it.id = a->next_id;
	audio_pend(a, &it);
	mtx_unlock(&a->lock);
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

/* The length of a cue's decoded sound. */
uint64_t
audio_cue_ms(const struct audio *a, enum cue c)
{
	if ((unsigned)c >= CUE__COUNT)
		return 0;
	return sndbuf_ms(&a->cue[c], a->rate);
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

/* Report every output device with PortAudio initialised just for this. */
int
audio_list_devices(void (*fn)(const char *, const char *, int, void *),
    void *arg)
{
	const PaDeviceInfo	*di;
	const PaHostApiInfo	*hi;
	PaDeviceIndex		 i, n, def;
	int			 count = 0;

	if (!audio_probe())
		return -1;
	audio_quiet_libs();
	if (Pa_Initialize() != paNoError)
		return 0;
	n = Pa_GetDeviceCount();
	def = Pa_GetDefaultOutputDevice();
	for (i = 0; i < n; i++) {
		di = Pa_GetDeviceInfo(i);
		if (di == NULL || di->maxOutputChannels < 1)
			continue;
		hi = Pa_GetHostApiInfo(di->hostApi);
		fn(di->name, hi != NULL ? hi->name : "?", i == def, arg);
		count++;
	}
	Pa_Terminate();
	return count;
}
