/*
 * errfilter: stderr through a pipe and a thread that passes on every line
 * except those a predicate drops. PortAudio's ALSA code prints "Expression
 * ... failed" lines from its own threads with no hook to stop them; on a
 * terminal they would garble the session screen.
 */
#include "errfilter.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Copy stderr's lines to the real one, leaving out what drop() takes. */
static int
errfilter_main(void *arg)
{
	struct errfilter	*f = arg;
	char			 buf[4096], *nl;
	size_t			 have = 0, len;
	ssize_t			 r;

	for (;;) {
		r = read(f->rd, buf + have, sizeof buf - 1 - have);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		have += (size_t)r;
		buf[have] = '\0';
		while ((nl = memchr(buf, '\n', have)) != NULL ||
		    have == sizeof buf - 1) {
			len = nl != NULL ? (size_t)(nl - buf) + 1 : have;
			buf[len - 1 + (nl == NULL)] = '\0';
			if (!f->drop(buf)) {
				if (nl != NULL)
					*nl = '\n';
				if (write(f->saved, buf, len) < 0)
					break;
			}
			memmove(buf, buf + len, have - len);
			have -= len;
			buf[have] = '\0';
		}
	}
	if (have > 0 && !f->drop(buf) &&
	    write(f->saved, buf, have) < 0)
		have = 0;
	close(f->rd);
	return 0;
}

/*
 * PortAudio's ALSA code prints "Expression ... failed" lines on stderr
 * from its own thread when a device fails mid-stream, and offers no hook to
 * stop it. On a terminal that garbles the screen, so while the engine is
 * open fd 2 goes through a pipe, and a thread passes on every other line
 * unchanged. errfilter_stop drains it and puts fd 2 back.
 */
void
errfilter_start(struct errfilter *f, int (*drop)(const char *))
{
	sigset_t	all, old;
	int		p[2];

	f->drop = drop;
	f->on = 0;
	f->saved = -1;
	if (!isatty(STDERR_FILENO) || pipe2(p, O_CLOEXEC) != 0)
		return;
	fflush(stderr);
	if ((f->saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)) < 0 ||
	    dup2(p[1], STDERR_FILENO) < 0) {
		if (f->saved >= 0)
			close(f->saved);
		f->saved = -1;
		close(p[0]);
		close(p[1]);
		return;
	}
	close(p[1]);
	f->rd = p[0];
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	f->on = thrd_create(&f->thread, errfilter_main, f) ==
	    thrd_success;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!f->on) {
		dup2(f->saved, STDERR_FILENO);
		close(f->saved);
		close(f->rd);
		f->saved = -1;
	}
}

/* Put the real stderr back and let the filter finish what it holds. */
void
errfilter_stop(struct errfilter *f)
{
	if (!f->on)
		return;
	fflush(stderr);
	dup2(f->saved, STDERR_FILENO);	/* closes the pipe: EOF */
	thrd_join(f->thread, NULL);
	close(f->saved);
	f->on = 0;
}

