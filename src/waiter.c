/*
 * waiter: signals, ppoll(2) and a timer fd, set up once for both front
 * ends (waiter.h).
 */
#include "waiter.h"

#include <sys/timerfd.h>

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t	waiter_sig;
static const int		waiter_sigs[3] = { SIGINT, SIGTERM, SIGHUP };
static volatile sig_atomic_t	waiter_stops;	/* Ctrl-Z seen, not taken */
static struct timespec		waiter_stop_ts;	/* when it came */
static struct sigaction		waiter_tstp_old;
static int			waiter_tstp_on;

/*
 * Ctrl-Z (SIGTSTP): note when the process stopped, then stop as before
 * (ncurses' handler gives the terminal back and redraws on SIGCONT) and
 * come back here. Only async-signal-safe calls.
 */
static void
waiter_on_tstp(int sig)
{
	struct sigaction	sa, self;
	sigset_t		set;
	int			saved = errno;

	clock_gettime(CLOCK_MONOTONIC, &waiter_stop_ts);
	waiter_stops = 1;
	sigaction(SIGTSTP, NULL, &self);
	if (!(waiter_tstp_old.sa_flags & SA_SIGINFO) &&
	    waiter_tstp_old.sa_handler != SIG_DFL &&
	    waiter_tstp_old.sa_handler != SIG_IGN)
		waiter_tstp_old.sa_handler(sig);
	else {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = SIG_DFL;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGTSTP, &sa, NULL);
		sigemptyset(&set);
		sigaddset(&set, SIGTSTP);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		raise(SIGTSTP);		/* stopped here until SIGCONT */
		sigprocmask(SIG_BLOCK, &set, NULL);
	}
	sigaction(SIGTSTP, &self, NULL);
	errno = saved;
}

/* Catch Ctrl-Z, unless it is ignored (no job control). */
static void
waiter_tstp_start(void)
{
	struct sigaction	sa;

	if (sigaction(SIGTSTP, NULL, &waiter_tstp_old) == -1 ||
	    waiter_tstp_old.sa_handler == SIG_IGN)
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = waiter_on_tstp;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGTSTP, &sa, NULL);
	waiter_tstp_on = 1;
	waiter_stops = 0;
}

int
waiter_stopped(uint64_t *at_ns)
{
	if (!waiter_stops)
		return 0;
	waiter_stops = 0;
	*at_ns = (uint64_t)waiter_stop_ts.tv_sec * 1000000000ULL +
	    (uint64_t)waiter_stop_ts.tv_nsec;
	return 1;
}

/* A termination signal: only remember which one came. */
static void
waiter_on_signal(int sig)
{
	waiter_sig = sig;
}

int
waiter_start(struct waiter *w, int sig_in)
{
	struct sigaction	sa;
	sigset_t		block;
	int			i;

	memset(w, 0, sizeof *w);
	w->xfd = -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = waiter_on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < 3; i++)
		sigaction(waiter_sigs[i], &sa, &w->old[i]);
	sigemptyset(&block);
	for (i = 0; i < 3; i++)
		sigaddset(&block, waiter_sigs[i]);
	if (sig_in != 0)
		sigaddset(&block, sig_in);
	sigprocmask(SIG_BLOCK, &block, &w->oldmask);
	w->waitmask = w->oldmask;
	for (i = 0; i < 3; i++)
		sigdelset(&w->waitmask, waiter_sigs[i]);
	if (sig_in != 0)
		sigdelset(&w->waitmask, sig_in);
	w->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	waiter_tstp_start();
	w->on = 1;
	return w->tfd < 0 ? -1 : 0;
}

void
waiter_stop(struct waiter *w)
{
	int	i;

	if (!w->on)
		return;
	w->on = 0;
	if (waiter_tstp_on)
		sigaction(SIGTSTP, &waiter_tstp_old, NULL);
	waiter_tstp_on = 0;
	if (w->tfd >= 0)
		close(w->tfd);
	w->tfd = -1;
	sigprocmask(SIG_SETMASK, &w->oldmask, NULL);
	for (i = 0; i < 3; i++)
		sigaction(waiter_sigs[i], &w->old[i], NULL);
}

/*
 * When ppoll(2) returns because input is ready, Linux does not deliver the
 * signals its mask let in: look at the pending ones too.
 */
int
waiter_signal(void)
{
	sigset_t	set;
	int		i;

	if (waiter_sig == 0 && sigpending(&set) == 0)
		for (i = 0; i < 3; i++)
			if (sigismember(&set, waiter_sigs[i]))
				waiter_sig = waiter_sigs[i];
	return waiter_sig;
}

void
waiter_clear(void)
{
	waiter_sig = 0;
}

/* Arm the timer for deadline_ns; 0 when it cannot be. */
static int
waiter_arm(struct waiter *w, uint64_t deadline_ns)
{
	struct itimerspec	its;

	if (w->tfd < 0)
		return 0;
	memset(&its, 0, sizeof its);
	/* A zero it_value would disarm the timer: the past is 1 ns. */
	if (deadline_ns == 0)
		deadline_ns = 1;
	its.it_value.tv_sec = (time_t)(deadline_ns / 1000000000ULL);
	its.it_value.tv_nsec = (long)(deadline_ns % 1000000000ULL);
	return timerfd_settime(w->tfd, TFD_TIMER_ABSTIME, &its, NULL) == 0;
}

void
waiter_watch(struct waiter *w, int fd)
{
	w->xfd = fd;
}

enum waiter_wake
waiter_wait(struct waiter *w, int fd, uint64_t deadline_ns, int *hup)
{
	struct pollfd	pfd[3];
	struct timespec	ts, now;
	uint64_t	expiries, now_ns, ns;
	int		timed = 0, r;

	*hup = 0;
	if (waiter_signal())
		return WAITER_SIGNAL;
	pfd[0].fd = fd;
	pfd[0].events = POLLIN;
	pfd[0].revents = 0;
	pfd[1].fd = -1;
	pfd[1].events = POLLIN;
	pfd[1].revents = 0;
	pfd[2].fd = w->xfd;
	pfd[2].events = POLLIN;
	pfd[2].revents = 0;
	if (deadline_ns != WAITER_FOREVER) {
		timed = waiter_arm(w, deadline_ns);
		pfd[1].fd = timed ? w->tfd : -1;
	}
	if (deadline_ns != WAITER_FOREVER && !timed) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		now_ns = (uint64_t)now.tv_sec * 1000000000ULL +
		    (uint64_t)now.tv_nsec;
		ns = deadline_ns > now_ns ? deadline_ns - now_ns : 0;
		ts.tv_sec = (time_t)(ns / 1000000000ULL);
		ts.tv_nsec = (long)(ns % 1000000000ULL);
	}
	r = ppoll(pfd, 3, deadline_ns == WAITER_FOREVER || timed ? NULL : &ts,
	    &w->waitmask);
	if (waiter_signal())
		return WAITER_SIGNAL;
	if (r == 0)
		return WAITER_DEADLINE;
	if (r < 0)
		return errno == EINTR ? WAITER_OTHER : WAITER_DEADLINE;
	if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))
		*hup = 1;
	if (pfd[0].revents != 0)
		return WAITER_INPUT;
	if (pfd[1].revents & POLLIN)
		(void)read(w->tfd, &expiries, sizeof expiries);
	if (pfd[2].revents != 0)
		return WAITER_OTHER;
	return WAITER_DEADLINE;
}
