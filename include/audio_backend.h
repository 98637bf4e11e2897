/*
 * What the audio engine (audio.c: the pending list, the control thread,
 * the mixer) asks of a sound output: a small table, as tmux's window modes
 * are. Two backends: PortAudio (audio_pa.c, in knead-audio.so) and null
 * (audio_null.c: silent, for --no-sound, a failed probe or a missing
 * module).
 *
 * The backend calls fill from its own real-time thread for every buffer it
 * plays; fill must not allocate, lock or do I/O (the engine's mixer does
 * not). Only the engine's control thread calls start, stop and active; a
 * call may block on a device that stopped taking samples, which the engine
 * watches for (audio.c, AUDIO_STALL_NS).
 */
#ifndef KNEAD_AUDIO_BACKEND_H
#define KNEAD_AUDIO_BACKEND_H

#include <stddef.h>

/*
 * Mix nframes interleaved frames into out (not cleared by the backend:
 * fill writes every sample). lat_s is how long until the first of them is
 * heard, as the device reports it for this buffer (negative: unknown).
 */
typedef void	(*audio_fill_fn)(void *arg, float *out, size_t nframes,
		    double lat_s);

struct audio_dev;

/* What open found. */
struct audio_dev_info {
	int		 rate;		/* frames a second */
	int		 channels;	/* 1 or 2 */
	double		 latency_s;	/* output latency of the stream */
};

struct audio_backend {
	const char	*name;
	/*
	 * Ready the library and open an output stream on the device named
	 * device (exact, then a case-blind substring; NULL: the default) at
	 * rate if it can, else the device's own. 0 with *dev and *info set;
	 * -1 with why (a short message for the status line) when there is
	 * no sound. Stopped until start.
	 */
	int	 (*open)(const char *device, int rate, int frames_per_buffer,
		    audio_fill_fn fill, void *arg, struct audio_dev **dev,
		    struct audio_dev_info *info, char *why, size_t whylen);
	int	 (*start)(struct audio_dev *);		/* 0 when it runs */
	void	 (*stop)(struct audio_dev *);
	int	 (*active)(struct audio_dev *);	/* 1 while it plays */
	/* Abort the stream, close it and let the library go. */
	void	 (*close)(struct audio_dev *);
	/*
	 * Call fn once per output device (name, host API, whether it is the
	 * default); the number of devices.
	 */
	int	 (*list)(void (*fn)(const char *, const char *, int, void *),
		    void *arg);
	/*
	 * Start the library and let it go again, in the probe's child
	 * (audio_probe.c): 0 when it can start here. It may abort.
	 */
	int	 (*probe)(void);
};

extern const struct audio_backend audio_null_backend;

#endif
