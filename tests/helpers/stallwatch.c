/*
 * Tells when the machine stopped running programs: a loop that sleeps
 * 1 ms at a time and notes each wake-up more than STALL_MS after the one
 * before. Run SCHED_FIFO (chrt -f, root) beside a session whose step
 * starts are timed: nothing on the machine can then keep it from running
 * but the machine itself (the 2-core test machine's CPUs stopped for
 * 8-45 ms a few times a minute while idle, measured by the audio pacer,
 * helper_fifopace, 2026-12-05). A step start late by that much says
 * nothing of knead's timing, and the timed suites (tests/lib.sh,
 * stall_excused) then do not hold it against knead.
 *
 *	helper_stallwatch OUT
 *
 * Runs until SIGTERM or SIGINT, or until the shell that started it ends,
 * then writes OUT: one line per stall, "START_NS LENGTH_NS" on
 * CLOCK_MONOTONIC, the event log's clock.
 */
#include <sys/prctl.h>

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "helper.h"

#define STALL_MS	3

int
main(int argc, char **argv)
{
	static uint64_t	 stall[4096][2];
	struct timespec	 tick = { 0, 1000000 };
	struct sigaction sa;
	size_t		 n = 0, i;
	uint64_t	 prev, now;
	FILE		*fp;

	if (argc != 2) {
		fprintf(stderr, "usage: stallwatch OUT\n");
		return 2;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = helper_sig;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* A suite that dies before stopping it leaves no watcher behind. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	prev = helper_now();
	while (!helper_stop) {
		nanosleep(&tick, NULL);
		now = helper_now();
		if (now - prev > STALL_MS * 1000000ULL &&
		    n < sizeof stall / sizeof stall[0]) {
			stall[n][0] = prev;
			stall[n][1] = now - prev;
			n++;
		}
		prev = now;
	}
	if ((fp = fopen(argv[1], "w")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	for (i = 0; i < n; i++)
		fprintf(fp, "%llu %llu\n", (unsigned long long)stall[i][0],
		    (unsigned long long)stall[i][1]);
	if (n == sizeof stall / sizeof stall[0])
		fprintf(fp, "# more not kept\n");
	return fclose(fp) == 0 ? 0 : 1;
}
