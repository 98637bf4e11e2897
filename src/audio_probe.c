/*
 * The probe (see audio_prepare in audio.h): whether the sound library can
 * start here, found out in a short-lived child so that an abort inside it
 * cannot take the session down.
 */
#include "audio.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "audio_backend.h"
#include "audio_int.h"
#include "clock.h"
#include "compat.h"
#include "modules.h"

/* How long the probe may take to start the sound library in a child. */
#define AUDIO_PROBE_NS		(3 * 1000000000ULL)

/* The probe child (audio_prepare), and when it started. */
static pid_t	audio_probe_pid;
static uint64_t	audio_probe_t0;

/*
 * Start finding out whether PortAudio can start here without taking the
 * process down: its ALSA code asserts (abort) on some configurations, e.g.
 * one whose only devices are plugins or hidden (PortAudio issue 294). A
 * short-lived child loads knead-audio.so and initialises PortAudio first.
 * Called before any thread of ours exists: by --plain before the routine
 * is read, by the screen right after its first frame, so that the child's
 * 20-30 ms pass while the store begins the session rather than holding
 * the frame up on 2 cores; audio_open collects the answer.
 */
void
audio_prepare(void)
{
	static const int	 fatal[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE,
				    SIGILL };
	const struct kmod_audio	*m;
	size_t			 i;
	int			 fd;

	if (audio_probe_pid != 0)
		return;
	fflush(NULL);
	audio_probe_t0 = clock_mono_ns(&clock_system);
	if ((audio_probe_pid = fork()) < 0) {
		audio_probe_pid = -1;	/* cannot tell: try in this process */
		return;
	}
	if (audio_probe_pid == 0) {
		/*
		 * Its own deaths are its own: the screen's handlers (the
		 * probe may start after the first frame) would give the
		 * terminal back under the running screen.
		 */
		for (i = 0; i < nitems(fatal); i++)
			signal(fatal[i], SIG_DFL);
		if ((fd = open("/dev/null", O_WRONLY)) >= 0)
			dup2(fd, STDERR_FILENO);
		if ((m = kmod_audio()) == NULL)
			_exit(2);
		_exit(m->portaudio->probe() == 0 ? 0 : 1);
	}
}

/*
 * The probe's answer: 1 PortAudio can start, 0 the child died, failed or
 * hung (AUDIO_PROBE_NS). The child is waited for once; later calls give
 * the same answer.
 */
int
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
