/*
 * The PortAudio backend of the audio engine (audio_backend.h), in
 * knead-audio.so: the only file that includes portaudio.h and ALSA's
 * header. The engine (audio.c) keeps the deadlines, the rings and the
 * mixer; this file opens the device, starts and stops the stream, and
 * calls the engine's fill from PortAudio's callback.
 */
#include "audio_backend.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <alsa/asoundlib.h>
#include <portaudio.h>

#include "i18n.h"
#include "sndio.h"
#include "xmalloc.h"

/*
 * The stream takes 16-bit samples, which most cards take: ALSA then
 * converts nothing (float samples cost a chime 0.2-0.4 ms more CPU,
 * helper_streamcost on the test card). The engine mixes float into mix,
 * a period's worth.
 */
struct audio_dev {
	PaStream	*stream;
	audio_fill_fn	 fill;
	void		*arg;
	int		 channels;
	int		 rate;
	float		*mix;
	size_t		 mix_frames;
};

/* ALSA's error handler: say nothing (the status line says it instead). */
static void
pa_alsa_quiet(const char *file, int line, const char *fn, int err,
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
pa_jack_quiet(const char *msg)
{
	(void)msg;
}

/*
 * Silence ALSA and JACK before PortAudio probes them. libjack is loaded
 * because Debian's libportaudio links it, so its setters are found with
 * dlsym without making knead depend on JACK.
 */
static void
pa_quiet_libs(void)
{
	void	(*set)(void (*)(const char *));

	snd_lib_error_set_handler(pa_alsa_quiet);
	*(void **)&set = dlsym(RTLD_DEFAULT, "jack_set_error_function");
	if (set != NULL)
		set(pa_jack_quiet);
	*(void **)&set = dlsym(RTLD_DEFAULT, "jack_set_info_function");
	if (set != NULL)
		set(pa_jack_quiet);
}

/* PortAudio's callback: the engine mixes; the latency comes with it. */
static int
pa_callback(const void *in, void *out, unsigned long nframes,
    const PaStreamCallbackTimeInfo *ti, PaStreamCallbackFlags flags,
    void *arg)
{
	struct audio_dev	*d = arg;
	int16_t			*s = out;
	double			 lat;
	size_t			 done, k;

	(void)in;
	(void)flags;
	lat = ti->outputBufferDacTime - ti->currentTime;
	if (!(lat > 0 && lat < 1.0))
		lat = -1;
	/* A period at a time (PortAudio passes one): each part's latency. */
	for (done = 0; done < nframes; done += k) {
		k = nframes - done < d->mix_frames ? nframes - done :
		    d->mix_frames;
		d->fill(d->arg, d->mix, k, lat < 0 ? lat :
		    lat + (double)done / d->rate);
		sndio_to_s16(d->mix, s + done * (size_t)d->channels,
		    k * (size_t)d->channels);
	}
	return paContinue;
}

/* The output device named name (exact, then a case-blind substring). */
static PaDeviceIndex
pa_find_device(const char *name)
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

/* The device to open, or paNoDevice with why set. */
static PaDeviceIndex
pa_pick(const char *device, char *why, size_t whylen)
{
	PaDeviceIndex	dev;

	if (device != NULL) {
		if ((dev = pa_find_device(device)) == paNoDevice)
			snprintf(why, whylen, _("no sound device \"%s\": "
			    "running silently"), device);
		return dev;
	}
	if ((dev = Pa_GetDefaultOutputDevice()) == paNoDevice)
		snprintf(why, whylen, "%s",
		    _("no sound device: running silently"));
	return dev;
}

static int
pa_open(const char *device, int rate, int frames_per_buffer,
    audio_fill_fn fill, void *arg, struct audio_dev **devp,
    struct audio_dev_info *info, char *why, size_t whylen)
{
	PaStreamParameters	 sp;
	const PaDeviceInfo	*di;
	const PaStreamInfo	*si;
	struct audio_dev	*d;
	PaDeviceIndex		 dev;

	*devp = NULL;
	pa_quiet_libs();
	if (Pa_Initialize() != paNoError) {
		snprintf(why, whylen, "%s",
		    _("sound unavailable: running silently"));
		return -1;
	}
	if ((dev = pa_pick(device, why, whylen)) == paNoDevice)
		goto fail;
	if ((di = Pa_GetDeviceInfo(dev)) == NULL) {
		snprintf(why, whylen, "%s",
		    _("no sound device: running silently"));
		goto fail;
	}
	memset(&sp, 0, sizeof sp);
	sp.device = dev;
	sp.channelCount = di->maxOutputChannels >= 2 ? 2 : 1;
	sp.sampleFormat = paInt16;
	sp.suggestedLatency = di->defaultLowOutputLatency;
	if (Pa_IsFormatSupported(NULL, &sp, rate) != paFormatIsSupported)
		rate = (int)di->defaultSampleRate;
	d = xcalloc(1, sizeof *d);
	d->fill = fill;
	d->arg = arg;
	d->channels = sp.channelCount;
	d->rate = rate;
	d->mix_frames = frames_per_buffer > 0 ? (size_t)frames_per_buffer :
	    1024;
	d->mix = xreallocarray(NULL, d->mix_frames * (size_t)d->channels,
	    sizeof *d->mix);
	if (Pa_OpenStream(&d->stream, NULL, &sp, rate,
	    (unsigned long)frames_per_buffer, paClipOff | paDitherOff,
	    pa_callback, d) != paNoError) {
		free(d->mix);
		free(d);
		snprintf(why, whylen, "%s", _("sound device unavailable: "
		    "running silently"));
		goto fail;
	}
	si = Pa_GetStreamInfo(d->stream);
	info->rate = rate;
	info->channels = sp.channelCount;
	info->latency_s = si != NULL ? si->outputLatency : 0;
	*devp = d;
	return 0;

fail:
	Pa_Terminate();
	return -1;
}

static int
pa_start(struct audio_dev *d)
{
	return Pa_StartStream(d->stream) == paNoError ? 0 : -1;
}

static void
pa_stop(struct audio_dev *d)
{
	Pa_StopStream(d->stream);
}

static int
pa_active(struct audio_dev *d)
{
	return Pa_IsStreamActive(d->stream) == 1;
}

static void
pa_close(struct audio_dev *d)
{
	if (d == NULL)
		return;
	Pa_AbortStream(d->stream);
	Pa_CloseStream(d->stream);
	Pa_Terminate();
	free(d->mix);
	free(d);
}

/* Report every output device with PortAudio initialised just for this. */
static int
pa_list(void (*fn)(const char *, const char *, int, void *), void *arg)
{
	const PaDeviceInfo	*di;
	const PaHostApiInfo	*hi;
	PaDeviceIndex		 i, n, def;
	int			 count = 0;

	pa_quiet_libs();
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

static int
pa_probe(void)
{
	pa_quiet_libs();
	if (Pa_Initialize() != paNoError)
		return -1;
	Pa_Terminate();
	return 0;
}

const struct audio_backend audio_pa_backend = {
	"portaudio",
	pa_open,
	pa_start,
	pa_stop,
	pa_active,
	pa_close,
	pa_list,
	pa_probe
};
