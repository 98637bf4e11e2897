/*
 * Inside the audio engine: the engine's state, shared by audio.c (the
 * caller's side and the control thread) and audio_fill.c (the backend's
 * real-time callback and the two rings between them). Only those two
 * files include it.
 */
#ifndef KNEAD_AUDIO_INT_H
#define KNEAD_AUDIO_INT_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <threads.h>

#include "audio.h"
#include "audio_backend.h"
#include "errfilter.h"
#include "mixer.h"

struct speech;

#define AUDIO_RING		256	/* commands in flight; power of two */
#define AUDIO_NS_PER_MS		1000000ULL
#define AUDIO_LEAD_NS		((uint64_t)AUDIO_LEAD_MS * AUDIO_NS_PER_MS)
/*
 * A stream stays up while a sound is due this soon (audio_when.h says
 * when it starts, stops and when the control thread wakes).
 */
#define AUDIO_KEEP_NS		(1500 * AUDIO_NS_PER_MS)
/*
 * The stream starts with the engine and stays up this long even if
 * silent: the first cue of a session is asked for at its own deadline, and
 * a running stream spares it the device's start-up time (a few ms on
 * ALSA's null device, tens of ms on real cards and sound servers).
 */
#define AUDIO_WARM_NS		(3000 * AUDIO_NS_PER_MS)
/* How long audio_heard_from waits for the stream to start. */
#define AUDIO_READY_NS		(200 * AUDIO_NS_PER_MS)
/* A running stream whose clock stands still this long is lost. */
#define AUDIO_STALL_NS		(3000 * AUDIO_NS_PER_MS)
/* How long audio_close waits for the control thread to finish. */
#define AUDIO_CLOSE_NS		(2000 * AUDIO_NS_PER_MS)
#define AUDIO_CHUNK		256	/* frames mixed at a time */
/*
 * Frames the backend asks for at a time: 64 ms at 48 kHz. A running
 * stream costs the program a wake-up a period; on the test card
 * (tests/helpers/pacepcm.c, a card's pacing and delay) one 0.7 s chime
 * cost 3.7-4.6 ms of CPU with 256-frame periods, 2.2-2.4 with 1024,
 * 1.3-1.8 with 2048 and 1.0-1.2 with 4096. Sounds stay on time
 * (audio_when_hand and the delay the device reports: 0.0-1.2 ms after
 * their deadlines in the timed captures). What a key asks for now is
 * heard two periods later (PortAudio's ALSA stream starts on a buffer of
 * silence: paPrimeOutputBuffersUsingStreamCallback is ignored there): the
 * next step's cue after n 129 ms on the test card, against 87 ms with 2048
 * frames and 172 ms with 4096. Issue 14's CPU goals beside tty-clock
 * (make bench, one pair after another, 2026-12-07): 2048 frames 1.08x
 * over 60 s and 1.31x around the chime; 3072 1.04x and 1.21x; 4096 0.99x
 * and 1.11x. 3072 meets both at the least cost to a key.
 */
#define AUDIO_PERIOD		3072


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
	cnd_t			 started;	/* a start was tried */
	int			 want_start;	/* start now (audio_heard_from) */
	uint64_t		 starts;	/* start attempts so far */
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
	uint64_t		 end_ns;	/* what was handed over is
						   heard by then */
	uint64_t		 start_cost_ns;	/* the slowest start */
	uint64_t		 warm_until_ns;	/* do not stop before */
	uint64_t		 last_move_ns;	/* the stream started */
	char			 status[160];
	int			 status_new;
	char			 status_out[160];

	_Atomic int		 mute;
	_Atomic int		 voice;

	struct errfilter	 errf;		/* stderr without the noise */

	/* The backend, and the callback's side. */
	const struct audio_backend *be;
	struct audio_dev	*dev;
	double			 out_latency_s;
	uint64_t		 hand_ns;	/* audio_when_hand */
	uint64_t		 start_hand_ns;	/* audio_when_start_hand */
	struct audio_cmd_ring	 ring;
	struct audio_done_ring	 done;
	struct mixer		 mix;
	uint64_t		 frames;
	_Atomic uint64_t	 cb_last_ns;	/* the callback's last call */
	_Atomic int		 cb_busy;
	/*
	 * When the end of the last buffer the callback mixed with a sound
	 * in it is heard (its latency as the device reported it).
	 */
	_Atomic uint64_t	 heard_to_ns;
};

/* audio_fill.c: the callback's side. */
void		 audio_fill(void *arg, float *out, size_t nframes, double lat);
/* Take a finished id from the done ring; 0 when empty. */
uint32_t	 audio_done_pop(struct audio *);
/* Send a command to the callback; -1 when the ring is full. */
int		 audio_cmd_push(struct audio *, const struct audio_cmd *);
/* Whether commands wait in the ring. */
int		 audio_cmd_waiting(struct audio *);

/* audio_probe.c: 1 when the backend can start here (see audio_prepare). */
int		 audio_probe(void);

#endif
