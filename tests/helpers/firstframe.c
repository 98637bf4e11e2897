/*
 * firstframe: how long a terminal program takes to draw its first screen.
 *   helper_firstframe COLS ROWS QUIET_MS PROGRAM [ARG...]
 * Runs PROGRAM on a new pseudo-terminal of COLS x ROWS and prints, in ms
 * from just before exec, when its first byte arrived and when its first
 * burst of output ended (the first frame complete: the last byte before
 * the terminal stayed quiet for QUIET_MS), then the bytes of that burst:
 *   first_byte_ms frame_ms bytes
 * The program is then sent SIGTERM. The same measure for knead and for
 * tty-clock, so make bench can print them side by side.
 */
#include <sys/ioctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <utmp.h>

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
	struct winsize	ws = { 0 };
	struct pollfd	pfd;
	char		buf[65536];
	double		t0, first = -1, last = -1, quiet;
	size_t		bytes = 0;
	ssize_t		r;
	pid_t		pid;
	int		master;

	if (argc < 5) {
		fprintf(stderr, "usage: helper_firstframe COLS ROWS QUIET_MS "
		    "PROGRAM [ARG...]\n");
		return 2;
	}
	ws.ws_col = (unsigned short)atoi(argv[1]);
	ws.ws_row = (unsigned short)atoi(argv[2]);
	quiet = atof(argv[3]);
	t0 = now_ms();
	if ((pid = forkpty(&master, NULL, NULL, &ws)) == -1) {
		perror("forkpty");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[4], argv + 4);
		_exit(127);
	}
	pfd.fd = master;
	pfd.events = POLLIN;
	for (;;) {
		r = poll(&pfd, 1, first < 0 ? 10000 : (int)quiet);
		if (r == 0)
			break;			/* quiet: the frame is done */
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || (r = read(master, buf, sizeof buf)) <= 0)
			break;
		if (first < 0)
			first = now_ms() - t0;
		last = now_ms() - t0;
		bytes += (size_t)r;
	}
	kill(pid, SIGTERM);
	/* Keep reading so that the program is never stuck writing. */
	pfd.events = POLLIN;
	while (poll(&pfd, 1, 200) == 1 && read(master, buf, sizeof buf) > 0)
		;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	if (first < 0) {
		fprintf(stderr, "helper_firstframe: %s drew nothing\n",
		    argv[4]);
		return 1;
	}
	printf("%.2f %.2f %zu\n", first, last, bytes);
	return 0;
}
