/*
 * A real-time pacer for audio captured through ALSA's file plugin: the
 * plugin writes into a FIFO (see TESTING.md), and this program plays the
 * part of a sound card, taking frames only as fast as CLOCK_MONOTONIC says
 * they are heard. Writers block as on a real card. Gaps (the stream
 * stopped) become silence, so byte offset / frame size / rate in the
 * capture file is the time the sound was heard, counted from the
 * CLOCK_MONOTONIC time written to START_FILE.
 *
 *	helper_fifopace FIFO CAPTURE FRAME_BYTES RATE START_FILE
 *
 * Runs until SIGTERM or SIGINT. Must be running before the program under
 * test opens the device, or that program's open() of the FIFO blocks.
 *
 * The capture is kept in memory and written to CAPTURE when told to stop:
 * a card never waits on a disk, and a write() into a file on a disk that
 * other suites keep busy once blocked this pacer for most of a second
 * (cues "heard" 900 ms late in CI, then catching up).
 *
 * A card's DMA never stops; this program can, when the machine does not
 * run it (SCHED_FIFO in CI, it still stopped for 8-45 ms a few times a
 * minute on the 2-core test machine with its CPUs idle, 131 ms once).
 * After such a stall it plays silence for the time it missed, and all
 * written after it is heard that much late. The test tells those stalls
 * from knead's lateness with a watcher on each CPU (helper_stallwatch).
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "helper.h"

/* The capture so far, in memory. */
static char	*cap;
static size_t	 cap_len, cap_size;

/* Keep n bytes of buf (or of silence, buf NULL) or die. */
static void
pace_keep(const void *buf, size_t n)
{
	char	*p;
	size_t	 want;

	if (cap_size - cap_len < n) {
		want = cap_size > 0 ? cap_size : 1 << 22;
		while (want - cap_len < n)
			want *= 2;
		if ((p = realloc(cap, want)) == NULL) {
			perror("fifopace: realloc");
			exit(1);
		}
		cap = p;
		cap_size = want;
	}
	if (buf != NULL)
		memcpy(cap + cap_len, buf, n);
	else
		memset(cap + cap_len, 0, n);
	cap_len += n;
}

/* Write all of buf or die. */
static void
pace_write(int fd, const void *buf, size_t n)
{
	const char	*p = buf;
	ssize_t		 w;

	while (n > 0) {
		if ((w = write(fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			perror("fifopace: write");
			exit(1);
		}
		p += w;
		n -= (size_t)w;
	}
}

/* Drain the FIFO in real time into the capture file until told to stop. */
int
main(int argc, char **argv)
{
	static char	 buf[1 << 16];
	struct sigaction sa;
	struct timespec	 tick = { 0, 2000000 };
	FILE		*fp;
	uint64_t	 t0, due, written = 0, want;
	size_t		 fb, have = 0, take;
	ssize_t		 r;
	long		 rate;
	int		 in, out, pipe_sz = 8192;

	if (argc != 6) {
		fprintf(stderr, "usage: fifopace FIFO CAPTURE FRAME_BYTES "
		    "RATE START_FILE\n");
		return 2;
	}
	fb = (size_t)atoi(argv[3]);
	rate = atol(argv[4]);
	if (fb == 0 || fb > 64 || rate <= 0)
		return 2;
	if (getenv("KNEAD_PIPE_BYTES") != NULL)
		pipe_sz = atoi(getenv("KNEAD_PIPE_BYTES"));
	/*
	 * Read-write: the open never blocks and no writer means no EOF. The
	 * pipe is the card's buffer: ALSA's file plugin writes 4096 bytes at
	 * a time, and a write that size waits for that much room, so the
	 * pipe holds two (KNEAD_PIPE_BYTES overrides): with one, the pipe
	 * runs dry before each write and the capture fills with gaps.
	 */
	if ((in = open(argv[1], O_RDWR | O_NONBLOCK)) < 0) {
		perror(argv[1]);
		return 1;
	}
	fcntl(in, F_SETPIPE_SZ, pipe_sz);
	if ((out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) {
		perror(argv[2]);
		return 1;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = helper_sig;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	t0 = helper_now();
	if ((fp = fopen(argv[5], "w")) == NULL) {
		perror(argv[5]);
		return 1;
	}
	fprintf(fp, "%llu\n", (unsigned long long)t0);
	fclose(fp);

	while (!helper_stop) {
		nanosleep(&tick, NULL);
		due = (helper_now() - t0) * (uint64_t)rate / 1000000000ULL;
		while (written < due) {
			want = (due - written) * fb;
			if (want > sizeof buf)
				want = sizeof buf - sizeof buf % fb;
			if (have < want) {
				r = read(in, buf + have, want - have);
				if (r > 0)
					have += (size_t)r;
			}
			take = have - have % fb;
			if (take > 0) {
				pace_keep(buf, take);
				memmove(buf, buf + take, have - take);
				have -= take;
				written += take / fb;
				continue;
			}
			/* Nothing to hear: the card plays silence. */
			take = (size_t)want;
			pace_keep(NULL, take);
			written += take / fb;
		}
	}
	pace_write(out, cap, cap_len);
	if (close(out) != 0) {
		perror(argv[2]);
		return 1;
	}
	return 0;
}
