/*
 * The null backend (audio_backend.h): no sound at all. The engine runs on
 * it with --no-sound, when the probe failed and when knead-audio.so cannot
 * be loaded: every request is dropped, nothing is ever started.
 */
#include "audio_backend.h"

#include <stdio.h>

static int
null_open(const char *device, int rate, int frames_per_buffer,
    audio_fill_fn fill, void *arg, struct audio_dev **dev,
    struct audio_dev_info *info, char *why, size_t whylen)
{
	(void)device;
	(void)rate;
	(void)frames_per_buffer;
	(void)fill;
	(void)arg;
	(void)info;
	*dev = NULL;
	snprintf(why, whylen, "sound off");
	return -1;
}

static int
null_start(struct audio_dev *dev)
{
	(void)dev;
	return -1;
}

static void
null_stop(struct audio_dev *dev)
{
	(void)dev;
}

static int
null_active(struct audio_dev *dev)
{
	(void)dev;
	return 0;
}

static void
null_close(struct audio_dev *dev)
{
	(void)dev;
}

static int
null_list(void (*fn)(const char *, const char *, int, void *), void *arg)
{
	(void)fn;
	(void)arg;
	return 0;
}

static int
null_probe(void)
{
	return 0;
}

const struct audio_backend audio_null_backend = {
	"null",
	null_open,
	null_start,
	null_stop,
	null_active,
	null_close,
	null_list,
	null_probe
};
