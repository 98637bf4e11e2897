#include "eventlog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "xmalloc.h"

struct eventlog {
	char	*path;
	FILE	*fp;		/* once the run began (or the log was kept) */
	char	*held;		/* lines written before that */
	size_t	 nheld, capheld;
	int	 discard;	/* the run was refused: leave the file be */
	int	 failed;	/* the errno of the first lost line, or 0 */
};

/*
 * Check that path can be written, without touching it: an existing file
 * stays as it is until the run begins (eventlog_begin).
 */
struct eventlog *
eventlog_open(const char *path, char **cause)
{
	struct eventlog	*el;
	char		*dir, *slash;
	int		 ok;

	if (access(path, F_OK) == 0)
		ok = access(path, W_OK) == 0;
	else {
		dir = xstrdup(path);
		slash = strrchr(dir, '/');
		if (slash == NULL)
			ok = access(".", W_OK | X_OK) == 0;
		else {
			slash[slash == dir] = '\0';
			ok = access(dir, W_OK | X_OK) == 0;
		}
		free(dir);
	}
	if (!ok) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (NULL);
	}
	el = xcalloc(1, sizeof *el);
	el->path = xstrdup(path);
	return (el);
}

int
eventlog_begin(struct eventlog *el, char **cause)
{
	FILE	*fp;
	int	 fd, fl;

	if (el == NULL || el->fp != NULL)
		return (0);
	/*
	 * 0600: it names areas and what happened, as the store does. Not
	 * blocking in open: a FIFO nobody reads is refused (ENXIO).
	 */
	if ((fd = open(el->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
	    O_NONBLOCK, 0600)) == -1 || (fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1 ||
	    (fp = fdopen(fd, "w")) == NULL) {
		if (cause != NULL)
			xasprintf(cause, "%s: %s", el->path, strerror(errno));
		if (fd != -1)
			close(fd);
		return (-1);
	}
	setvbuf(fp, NULL, _IOLBF, 0);
	if (el->nheld > 0)
		fwrite(el->held, 1, el->nheld, fp);
	fflush(fp);
	free(el->held);
	el->held = NULL;
	el->nheld = el->capheld = 0;
	el->fp = fp;
	return (0);
}

void
eventlog_discard(struct eventlog *el)
{
	if (el != NULL)
		el->discard = 1;
}

int
eventlog_close(struct eventlog *el)
{
	int	err;

	if (el == NULL)
		return (0);
	/* Screened out or quit before beginning: the log is still written. */
	if (el->fp == NULL && !el->discard && el->nheld > 0)
		eventlog_begin(el, NULL);
	if (el->fp != NULL && fclose(el->fp) == EOF && el->failed == 0)
		el->failed = errno != 0 ? errno : EIO;
	err = el->failed;
	free(el->held);
	free(el->path);
	free(el);
	return (err);
}

void
eventlog_write(struct eventlog *el, uint64_t now_ns, const char *event,
    size_t step, const char *fmt, ...)
{
	char		 detail[512], line[640];
	va_list		 ap;
	int		 n;

	if (el == NULL)
		return;
	detail[0] = '\0';
	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(detail, sizeof detail, fmt, ap);
		va_end(ap);
		diag_clean(detail, detail, sizeof detail);
	}
	n = snprintf(line, sizeof line, "%llu %s %zu%s%s\n",
	    (unsigned long long)now_ns, event, step,
	    detail[0] != '\0' ? " " : "", detail);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof line)
		n = sizeof line - 1;
	if (el->fp != NULL) {
		if ((fputs(line, el->fp) == EOF || fflush(el->fp) == EOF) &&
		    el->failed == 0)
			el->failed = errno != 0 ? errno : EIO;
		return;
	}
	if (el->nheld + (size_t)n > el->capheld) {
		el->capheld = (el->nheld + (size_t)n) * 2;
		el->held = xreallocarray(el->held, el->capheld, 1);
	}
	memcpy(el->held + el->nheld, line, (size_t)n);
	el->nheld += (size_t)n;
}
