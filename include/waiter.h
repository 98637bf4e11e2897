/*
 * waiter: the one sleep of both front ends (the session screen and
 * --plain). The termination signals (SIGINT, SIGTERM, SIGHUP) are blocked
 * except inside ppoll(2), so one that arrives while the program draws is
 * held and wakes the next sleep at once (no lost wakeup); a timer fd wakes
 * the sleep on a CLOCK_MONOTONIC deadline itself, where a ppoll timeout
 * may fire up to 0.1 % of its length late (1 ms on a 1 s wait).
 */
#ifndef KNEAD_WAITER_H
#define KNEAD_WAITER_H

#include <signal.h>
#include <stdint.h>

#define WAITER_FOREVER	UINT64_MAX

struct waiter {
	sigset_t		oldmask;	/* before waiter_start */
	sigset_t		waitmask;	/* inside ppoll */
	struct sigaction	old[3];
	int			tfd;		/* the deadline timer, or -1 */
	int			xfd;		/* also watched, or -1 */
	int			on;
};

enum waiter_wake {
	WAITER_DEADLINE,	/* the deadline came */
	WAITER_INPUT,		/* fd is readable (or at its end) */
	WAITER_SIGNAL,		/* a termination signal: waiter_signal() */
	WAITER_OTHER		/* another signal let in (SIGWINCH, Ctrl-Z),
				   or the watched fd can be read */
};

/*
 * Catch the termination signals and block them outside the sleep; also let
 * sig_in (0: none) in while sleeping, its handler left to its owner
 * (ncurses' SIGWINCH). 0, or -1 when no timer fd could be made (the sleep
 * then uses ppoll's timeout).
 */
int	waiter_start(struct waiter *, int sig_in);
/*
 * Also wake when fd (negative: none) can be read, returning WAITER_OTHER
 * (a message to the session: inbox.h).
 */
void	waiter_watch(struct waiter *, int fd);
/* Give the signals their old handlers and mask back. */
void	waiter_stop(struct waiter *);
/*
 * Sleep until fd (negative: none) can be read, or deadline_ns
 * (WAITER_FOREVER: none) of CLOCK_MONOTONIC, or a signal. *hup is set when
 * fd hung up (a terminal that is gone).
 */
enum waiter_wake waiter_wait(struct waiter *, int fd, uint64_t deadline_ns,
	    int *hup);
/* The termination signal that came (held ones included), or 0. */
int	waiter_signal(void);
/* Forget it (after it was dealt with). */
void	waiter_clear(void);
/*
 * Whether the process was stopped (Ctrl-Z, SIGTSTP) since the last call,
 * and when (CLOCK_MONOTONIC ns): the session pauses then, so no time
 * passes on it while the user is away.
 */
int	waiter_stopped(uint64_t *at_ns);

#endif
