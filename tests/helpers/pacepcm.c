/*
 * A sound card for the tests and the benchmark, as an ALSA I/O plugin
 * (TESTING.md: this machine has none, and no snd-aloop module). The file
 * plugin and helper_fifopace stand in for a card too, but ALSA's null
 * device under them reports no delay, so a program cannot know when what
 * it wrote is heard, and the FIFO's writes cost the program more CPU
 * than a card's DMA would. This device is paced by CLOCK_MONOTONIC
 * inside the program that opens it: from the start of a stream, frame k
 * is heard at start + k / rate; its hardware pointer is that count, so
 * the delay it reports is what the buffer really holds; a period timer
 * wakes the program as a card's interrupt does; and when the pointer
 * passes what was written the stream under-runs, as a card's does.
 *
 * What was heard can be kept: each run's frames go to CAPTURE at the byte
 * offset of the time they were heard, counted from the CLOCK_MONOTONIC
 * time in ZERO (ns, written by the first open when the file does not
 * exist), as helper_fifopace's capture; the gaps are silence (holes).
 *
 *	pcm_type.kneadpace { lib "DIR/libasound_module_pcm_kneadpace.so" }
 *	pcm.!default { type kneadpace; capture "CAPTURE"; zero "ZERO" }
 *
 * Or only counted: with tally, each stop writes the seconds heard so far
 * in all of the handle's runs to TALLY (the benchmark's proof that the
 * sound played). The file is opened once and emptied at open; each stop
 * writes over its start, never truncating it (the count only grows, so
 * each line covers the last): a truncate and close on ext4 forces the
 * file out to disk, a cost no card has, which the benchmark would have
 * counted as the program's (perf: 15 % of a stream's CPU). Every field is
 * optional: without capture the frames are dropped. It takes interleaved
 * float or 16-bit stereo at 44.1 or 48 kHz.
 *
 *	pcm.!default { type kneadpace; tally "TALLY" }
 */
#include <sys/timerfd.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <alsa/asoundlib.h>
#include <alsa/pcm_external.h>

struct pace {
	snd_pcm_ioplug_t io;
	int		 tfd;		/* the period timer */
	int		 running;
	uint64_t	 start_ns;	/* frame 0 of this run heard then */
	snd_pcm_uframes_t written;	/* frames given since prepare */
	snd_pcm_uframes_t played;	/* frames heard, as last pointed */
	char		*cap_path;
	int		 tally_fd;	/* -1: not counted */
	uint64_t	 heard_all;	/* frames heard in every run */
	uint64_t	 zero_ns;
	char		*run;		/* this run's frames, when kept */
	size_t		 run_len, run_size;
};

static uint64_t
pace_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static size_t
pace_frame_bytes(const struct pace *p)
{
	return (size_t)snd_pcm_format_physical_width(p->io.format) / 8 *
	    p->io.channels;
}

/* Frames heard by now in this run (no more than were written). */
static snd_pcm_uframes_t
pace_heard(struct pace *p, int *under)
{
	uint64_t	n;

	n = (pace_now() - p->start_ns) * p->io.rate / 1000000000ULL;
	*under = n > p->written;
	return n > p->written ? p->written : (snd_pcm_uframes_t)n;
}

/* Write what this run had heard into the capture, then forget the run. */
static void
pace_flush(struct pace *p)
{
	size_t	 fb, n;
	off_t	 at;
	ssize_t	 w;
	int	 fd;

	if (p->cap_path == NULL || p->run_len == 0 || p->start_ns == 0) {
		p->run_len = 0;
		return;
	}
	fb = pace_frame_bytes(p);
	n = (size_t)p->played * fb;
	if (n > p->run_len)
		n = p->run_len;
	at = (off_t)((p->start_ns - p->zero_ns) * p->io.rate / 1000000000ULL) *
	    (off_t)fb;
	if ((fd = open(p->cap_path, O_WRONLY | O_CREAT, 0644)) >= 0) {
		while (n > 0 && (w = pwrite(fd, p->run, n, at)) > 0) {
			memmove(p->run, p->run + w, n - (size_t)w);
			n -= (size_t)w;
			at += w;
		}
		close(fd);
	}
	p->run_len = 0;
}

static int
pace_start(snd_pcm_ioplug_t *io)
{
	struct pace		*p = io->private_data;
	struct itimerspec	 it;
	uint64_t		 per;

	per = (uint64_t)io->period_size * 1000000000ULL / io->rate;
	memset(&it, 0, sizeof it);
	it.it_value.tv_sec = (time_t)(per / 1000000000ULL);
	it.it_value.tv_nsec = (long)(per % 1000000000ULL);
	it.it_interval = it.it_value;
	p->start_ns = pace_now();
	p->played = 0;
	p->running = 1;
	return timerfd_settime(p->tfd, 0, &it, NULL) < 0 ? -errno : 0;
}

static int
pace_stop(snd_pcm_ioplug_t *io)
{
	struct pace		*p = io->private_data;
	struct itimerspec	 it;
	char			 line[64];
	int			 under, n;

	if (p->running) {
		p->played = pace_heard(p, &under);
		p->heard_all += p->played;
	}
	p->running = 0;
	memset(&it, 0, sizeof it);
	timerfd_settime(p->tfd, 0, &it, NULL);
	pace_flush(p);
	if (p->tally_fd >= 0) {
		n = snprintf(line, sizeof line, "%.3f\n",
		    (double)p->heard_all / io->rate);
		if (pwrite(p->tally_fd, line, (size_t)n, 0) != n)
			return -EIO;
	}
	return 0;
}

static snd_pcm_sframes_t
pace_pointer(snd_pcm_ioplug_t *io)
{
	struct pace	*p = io->private_data;
	int		 under = 0;

	if (p->running) {
		p->played = pace_heard(p, &under);
		if (under && io->state != SND_PCM_STATE_DRAINING)
			return -EPIPE;
	}
	return (snd_pcm_sframes_t)(p->played % io->buffer_size);
}

static snd_pcm_sframes_t
pace_transfer(snd_pcm_ioplug_t *io, const snd_pcm_channel_area_t *areas,
    snd_pcm_uframes_t offset, snd_pcm_uframes_t size)
{
	struct pace	*p = io->private_data;
	size_t		 fb = pace_frame_bytes(p), n = size * fb, want;
	char		*q;

	if (p->cap_path != NULL) {
		if (p->run_size - p->run_len < n) {
			want = p->run_size > 0 ? p->run_size : 1 << 20;
			while (want - p->run_len < n)
				want *= 2;
			if ((q = realloc(p->run, want)) == NULL)
				return -ENOMEM;
			p->run = q;
			p->run_size = want;
		}
		memcpy(p->run + p->run_len, (const char *)areas->addr +
		    (areas->first + areas->step * offset) / 8, n);
		p->run_len += n;
	}
	p->written += size;
	return (snd_pcm_sframes_t)size;
}

static int
pace_prepare(snd_pcm_ioplug_t *io)
{
	struct pace	*p = io->private_data;

	if (p->running)
		pace_stop(io);
	pace_flush(p);
	p->written = 0;
	p->played = 0;
	p->start_ns = 0;
	return 0;
}

/* The timer ticks once a period; the device is ready when a period fits. */
static int
pace_poll_revents(snd_pcm_ioplug_t *io, struct pollfd *pfd, unsigned int n,
    unsigned short *revents)
{
	struct pace	*p = io->private_data;
	uint64_t	 ticks;
	snd_pcm_sframes_t avail;

	(void)pfd;
	(void)n;
	if (read(p->tfd, &ticks, sizeof ticks) < 0 && errno != EAGAIN)
		return -errno;
	avail = snd_pcm_avail_update(io->pcm);
	*revents = avail < 0 || (snd_pcm_uframes_t)avail >= io->period_size ?
	    POLLOUT : 0;
	return 0;
}

static int
pace_close(snd_pcm_ioplug_t *io)
{
	struct pace	*p = io->private_data;

	if (p->running)
		pace_stop(io);
	pace_flush(p);
	close(p->tfd);
	if (p->tally_fd >= 0)
		close(p->tally_fd);
	free(p->run);
	free(p->cap_path);
	free(p);
	return 0;
}

static const snd_pcm_ioplug_callback_t pace_callbacks = {
	.start = pace_start,
	.stop = pace_stop,
	.pointer = pace_pointer,
	.transfer = pace_transfer,
	.prepare = pace_prepare,
	.poll_revents = pace_poll_revents,
	.close = pace_close,
};

/* ZERO's time, written now when the file does not exist yet. */
static uint64_t
pace_zero(const char *path)
{
	unsigned long long	 t = 0;
	FILE			*fp;
	int			 fd;

	if (path == NULL)
		return pace_now();
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644)) >= 0) {
		t = pace_now();
		dprintf(fd, "%llu\n", t);
		close(fd);
		return t;
	}
	if ((fp = fopen(path, "r")) != NULL) {
		if (fscanf(fp, "%llu", &t) != 1)
			t = 0;
		fclose(fp);
	}
	return t != 0 ? t : pace_now();
}

/* The device's limits: what a common card offers. */
static int
pace_limits(snd_pcm_ioplug_t *io)
{
	static const unsigned int access[] = {
		SND_PCM_ACCESS_RW_INTERLEAVED, SND_PCM_ACCESS_MMAP_INTERLEAVED
	};
	static const unsigned int formats[] = {
		SND_PCM_FORMAT_FLOAT_LE, SND_PCM_FORMAT_S16_LE
	};
	static const unsigned int rates[] = { 44100, 48000 };
	int	err;

	if ((err = snd_pcm_ioplug_set_param_list(io, SND_PCM_IOPLUG_HW_ACCESS,
	    2, access)) < 0 ||
	    (err = snd_pcm_ioplug_set_param_list(io, SND_PCM_IOPLUG_HW_FORMAT,
	    2, formats)) < 0 ||
	    (err = snd_pcm_ioplug_set_param_minmax(io,
	    SND_PCM_IOPLUG_HW_CHANNELS, 2, 2)) < 0 ||
	    (err = snd_pcm_ioplug_set_param_list(io, SND_PCM_IOPLUG_HW_RATE,
	    2, rates)) < 0 ||
	    (err = snd_pcm_ioplug_set_param_minmax(io,
	    SND_PCM_IOPLUG_HW_PERIOD_BYTES, 128, 1 << 17)) < 0 ||
	    (err = snd_pcm_ioplug_set_param_minmax(io,
	    SND_PCM_IOPLUG_HW_PERIODS, 2, 64)) < 0 ||
	    (err = snd_pcm_ioplug_set_param_minmax(io,
	    SND_PCM_IOPLUG_HW_BUFFER_BYTES, 256, 1 << 20)) < 0)
		return err;
	return 0;
}

SND_PCM_PLUGIN_DEFINE_FUNC(kneadpace)
{
	snd_config_iterator_t	 i, next;
	const char		*cap = NULL, *zero = NULL, *tally = NULL, *id;
	struct pace		*p;
	int			 err;

	(void)root;
	snd_config_for_each(i, next, conf) {
		snd_config_t *n = snd_config_iterator_entry(i);

		if (snd_config_get_id(n, &id) < 0)
			continue;
		if (strcmp(id, "comment") == 0 || strcmp(id, "type") == 0 ||
		    strcmp(id, "hint") == 0)
			continue;
		if (strcmp(id, "capture") == 0 &&
		    snd_config_get_string(n, &cap) >= 0)
			continue;
		if (strcmp(id, "zero") == 0 &&
		    snd_config_get_string(n, &zero) >= 0)
			continue;
		if (strcmp(id, "tally") == 0 &&
		    snd_config_get_string(n, &tally) >= 0)
			continue;
		SNDERR("kneadpace: unknown field %s", id);
		return -EINVAL;
	}
	if (stream != SND_PCM_STREAM_PLAYBACK)
		return -EINVAL;
	if ((p = calloc(1, sizeof *p)) == NULL)
		return -ENOMEM;
	p->tally_fd = -1;
	p->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (p->tfd < 0 || (tally != NULL && (p->tally_fd = open(tally,
	    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)) {
		err = -errno;
		goto fail;
	}
	if (cap != NULL && (p->cap_path = strdup(cap)) == NULL) {
		err = -ENOMEM;
		goto fail;
	}
	p->zero_ns = pace_zero(zero);
	p->io.version = SND_PCM_IOPLUG_VERSION;
	p->io.name = "knead test card (paced by CLOCK_MONOTONIC)";
	p->io.flags = SND_PCM_IOPLUG_FLAG_MONOTONIC;
	p->io.poll_fd = p->tfd;
	p->io.poll_events = POLLIN;
	p->io.mmap_rw = 0;
	p->io.callback = &pace_callbacks;
	p->io.private_data = p;
	if ((err = snd_pcm_ioplug_create(&p->io, name, stream, mode)) < 0)
		goto fail;
	if ((err = pace_limits(&p->io)) < 0) {
		snd_pcm_ioplug_delete(&p->io);
		return err;
	}
	*pcmp = p->io.pcm;
	return 0;
fail:
	if (p->tfd >= 0)
		close(p->tfd);
	if (p->tally_fd >= 0)
		close(p->tally_fd);
	free(p->cap_path);
	free(p);
	return err;
}
SND_PCM_PLUGIN_SYMBOL(kneadpace);
