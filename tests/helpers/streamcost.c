/*
 * What a running PortAudio stream costs apart from what knead mixes
 * (issue 14: the CPU of one short cue): open the default output as the
 * audio engine does (float stereo at 48 kHz, clip and dither off), then
 * ROUNDS times start it, let it run SECONDS while the callback writes
 * silence, stop it. Prints the frames per buffer asked, the stream's
 * reported latency, the process's CPU (every thread, exited ones too:
 * getrusage) per round and the wall time per round, in ms (SIGINT or
 * SIGTERM end it after the round that runs):
 *
 *	helper_streamcost FRAMES_PER_BUFFER SECONDS ROUNDS [s16]
 *
 * FRAMES_PER_BUFFER 0 lets PortAudio choose; s16 asks for 16-bit samples
 * instead of float (what most cards take: ALSA's plug then converts
 * nothing). make bench runs it on the
 * paced capture device (TESTING.md) beside the side-by-side figures.
 */
#include <sys/resource.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <portaudio.h>

#include "helper.h"

/* The callback: silence, as a stream with nothing to play mixes. */
static int
cost_fill(const void *in, void *out, unsigned long n,
    const PaStreamCallbackTimeInfo *ti, PaStreamCallbackFlags flags,
    void *arg)
{
	(void)in;
	(void)ti;
	(void)flags;
	(void)arg;
	memset(out, 0, n * 2 * (size_t)*(const int *)arg);
	return paContinue;
}

/* CPU of the whole process so far, in ms. */
static double
cost_cpu_ms(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 +
	    ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
}

int
main(int argc, char **argv)
{
	PaStreamParameters	 sp;
	const PaDeviceInfo	*di;
	const PaStreamInfo	*si;
	PaStream		*s;
	struct sigaction	 sa;
	struct timespec		 run;
	double			 secs, c0, c1;
	uint64_t		 t0, t1;
	int			 fpb, rounds, k, bytes = sizeof(float);

	if (argc != 4 && (argc != 5 || strcmp(argv[4], "s16") != 0)) {
		fprintf(stderr, "usage: streamcost FRAMES_PER_BUFFER SECONDS "
		    "ROUNDS [s16]\n");
		return 2;
	}
	if (argc == 5)
		bytes = sizeof(int16_t);
	fpb = atoi(argv[1]);
	secs = atof(argv[2]);
	rounds = atoi(argv[3]);
	if (fpb < 0 || secs < 0 || secs > 60 || rounds < 1)
		return 2;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = helper_sig;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (Pa_Initialize() != paNoError)
		return 1;
	memset(&sp, 0, sizeof sp);
	sp.device = Pa_GetDefaultOutputDevice();
	if (sp.device == paNoDevice ||
	    (di = Pa_GetDeviceInfo(sp.device)) == NULL) {
		Pa_Terminate();
		return 1;
	}
	sp.channelCount = 2;
	sp.sampleFormat = bytes == sizeof(float) ? paFloat32 : paInt16;
	sp.suggestedLatency = di->defaultLowOutputLatency;
	if (Pa_OpenStream(&s, NULL, &sp, 48000, (unsigned long)fpb,
	    paClipOff | paDitherOff, cost_fill, &bytes) != paNoError) {
		Pa_Terminate();
		return 1;
	}
	si = Pa_GetStreamInfo(s);
	run.tv_sec = (time_t)secs;
	run.tv_nsec = (long)((secs - (double)run.tv_sec) * 1e9);
	c0 = cost_cpu_ms();
	t0 = helper_now();
	for (k = 0; k < rounds && !helper_stop; k++) {
		if (Pa_StartStream(s) != paNoError)
			break;
		nanosleep(&run, NULL);
		Pa_StopStream(s);
	}
	c1 = cost_cpu_ms();
	t1 = helper_now();
	printf("%d %.1f %.3f %.1f\n", fpb, si != NULL ?
	    si->outputLatency * 1e3 : 0, k > 0 ? (c1 - c0) / k : 0, k > 0 ?
	    (double)(t1 - t0) / 1e6 / k : 0);
	Pa_CloseStream(s);
	Pa_Terminate();
	return k == rounds ? 0 : 1;
}
